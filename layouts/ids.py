"""Every component id, defined once. Tests and callbacks import these too."""

from __future__ import annotations

LOCATION = "pws-location"
PAGE = "pws-page"
PAGE_KEY = "pws-page-key"  # store: the view fields the rendered page shows (language, mode, controls)
RENDERED = "pws-rendered"  # store inside the page: fires the view callbacks after a (re)render
PANEL_KEYS = "pws-panel-keys"  # store inside the page: what the table, trend and rapor show (mapdata.view.panel_keys)
ALERT_KEY = "pws-alert-key"  # store inside the alerts panel: what the alert list shows
ACTION = "pws-aksi"  # store inside the page: {"search", "key"} after a user action; assets/pws.js copies it to the URL
CLICKED = "pws-clicked"  # store: {"kode", "t"} of the last map click (set in the browser)

HEADER = "pws-header"
DEMO_LABEL = "pws-demo-label"
UNGGAH = "pws-unggah"  # link to /unggah, the upload page (a plain form: layouts/unggah.py)
# the upload page and the submission history (plain HTML, not Dash; ids derived from UNGGAH)
UNGGAH_FORM = UNGGAH + "-form"
UNGGAH_FILE = UNGGAH + "-berkas"
UNGGAH_KIND = UNGGAH + "-jenis"
UNGGAH_PROGRESS = UNGGAH + "-proses"
UNGGAH_RESULT = UNGGAH + "-hasil"
UNGGAH_PROBLEMS = UNGGAH + "-masalah"
UNGGAH_SAVE = UNGGAH + "-simpan"
UNGGAH_HISTORY = UNGGAH + "-riwayat"
UNGGAH_SNAPSHOTS = UNGGAH + "-snapshot"  # the admin's table of kept snapshots, each with a roll-back button
UNGGAH_ROLLBACK = UNGGAH + "-kembalikan"  # the confirmation form of a roll-back
UNGGAH_MESSAGE = UNGGAH + "-pesan"  # the history page's message after a roll-back (done, refused)
LOGOUT = "pws-logout"  # link to /logout (a plain page: logging out is a POST with the CSRF token)
BREADCRUMB = "pws-breadcrumb"
CHILD_PICKER = "pws-child-picker"  # keyboard way to drill: the areas on the map as a list
NOTICE = "pws-notice"
SCOPE_NOTICE = "pws-scope-notice"

KLASTER = "pws-klaster"
INDIKATOR = "pws-indikator"
PERIODE = "pws-periode"
KLASIFIKASI = "pws-klasifikasi"
JALUR = "pws-jalur"  # the way through the map: administrative areas or puskesmas wilayah kerja
LABEL = "pws-label-toggle"  # checklist: area names and values written on the map
BANDING = "pws-banding"  # a second month: the map shows the change since then
BAHASA = "pws-bahasa"
MODE_BUTTON = "pws-mode"
KEY_UP = "pws-key-up"
KEY_NEXT = "pws-key-next"
KEY_PREV = "pws-key-prev"

MAP = "pws-map"
AREAS = "pws-areas"
FACILITIES = "pws-facilities"
LABELS = "pws-labels"  # the area labels (points with divIcons), from the map callback
LEGEND = "pws-legend"  # the legend region on the map: the scale below, then the facility symbols
LEGEND_SCALE = "pws-legend-skala"  # the indicator's colours (and alert outline), from the map callback
FACILITY_LEGEND = "pws-legend-fasilitas"  # static per page language; shown from kecamatan level down
LEGEND_KEY = "pws-legend-key"  # store: digest of the legend shown, so an unchanged legend is not re-sent
MAP_TITLE = "pws-map-title"
FACILITY_LIST = "pws-daftar-fasilitas"  # the facilities drawn, as buttons: the keyboard and screen-reader way to them
FACILITY_TOGGLE = "pws-daftar-fasilitas-buka"  # its disclosure button (the list is built only when opened)
FACILITY_ITEMS = "pws-daftar-fasilitas-isi"  # the list itself, filled when the button opens it

TABLE = "pws-table"  # the ranked table's container (a plain HTML table, filled by the panels callback)
TABLE_SORT = "pws-table-urut"  # store: {"kolom", "naik"} of the column the table is sorted by (set by assets/pws.js)
TABLE_PICK = "pws-table-pilih"  # store: {"kode", "t"} of the row picked (set by assets/pws.js)
TREND = "pws-trend"
RAPOR = "pws-rapor"
ALERTS = "pws-alerts"
ALERT_CHART = "pws-alert-chart"
ALERT_TITLE = "pws-alerts-judul"  # the alert panel's heading (its week), filled with the list
ALERT_FILTER = "pws-waspada-saring"  # toggle button (aria-pressed): only the alerts not verified yet (status baru)
# alert response (issue 12): a step button opens the one form of the page, Save takes the step
STEP_TYPE = "pws-langkah"  # pattern id of a step button (see step_button)
RESPON_PILIH = "pws-respon-pilih"  # store: {"alert": its ref, "status"} the form is for
RESPON_DONE = "pws-respon-tercatat"  # store: {"alert": ref, "urutan"} of the step just taken: the map and panels redraw
RESPON_MESSAGE = "pws-respon-pesan"  # aria-live region: what was recorded, or why not
RESPON_FORM = "pws-respon-form"
RESPON_FORM_TITLE = RESPON_FORM + "-judul"
RESPON_VERDICT_BOX = RESPON_FORM + "-putusan-kotak"
RESPON_VERDICT = RESPON_FORM + "-putusan"
RESPON_HASIL_BOX = RESPON_FORM + "-hasil-kotak"
RESPON_HASIL = RESPON_FORM + "-hasil"
RESPON_NOTE = RESPON_FORM + "-catatan"
RESPON_SAVE = RESPON_FORM + "-simpan"
RESPON_CANCEL = RESPON_FORM + "-batal"

EXPORT_CSV = "pws-export-csv"
EXPORT_XLSX = "pws-export-xlsx"
EXPORT_PNG = "pws-export-png"
DOWNLOAD = "pws-download"

BRIEF = "pws-ringkasan"  # the weekly brief page (?tampilan=ringkasan): its sections, one per screen when presenting
BRIEF_OPEN = "pws-ringkasan-buka"  # link from the map page to the brief of its area
BRIEF_PDF = "pws-ringkasan-pdf"  # link to the brief as an A4 PDF
BRIEF_PREV = "pws-ringkasan-sebelum"  # buttons ← / → press (assets/pws.js): the previous / next section
BRIEF_NEXT = "pws-ringkasan-berikut"
BRIEF_POSITION = "pws-ringkasan-posisi"  # "Bagian 2 dari 4", read out when stepping

CRUMB_TYPE = "pws-crumb"


def crumb(kode: str | None) -> dict:
    """Pattern-matching id of a breadcrumb button (``kode`` ``""`` for the top)."""
    return {"type": CRUMB_TYPE, "kode": kode or ""}


def step_button(alert: str, status: str, tempat: str) -> dict:
    """Pattern-matching id of the button taking alert ``alert`` to ``status``, in the list or panel ``tempat``.

    ``alert`` is the page's name for the alert (:func:`mapdata.waspada.alert_ref`), not its id.

    ``tempat`` (``"daftar"``: the alert list, ``"rapor"``: the desa's panel) keeps the
    ids unique when both show the same alert.
    """
    return {"type": STEP_TYPE, "alert": alert, "status": status, "tempat": tempat}


def browser_ids() -> dict[str, str]:
    """Every plain id of this module by its name, for ``assets/pws.js`` (``window.pws.ids.MAP``).

    >>> browser_ids()["KEY_UP"]
    'pws-key-up'
    """
    return {name: value for name, value in globals().items()
            if name.isupper() and isinstance(value, str) and value.startswith("pws-")}


def browser_script() -> str:
    """The script the app serves as ``/pws/ids.js``: the browser reads its ids from here, never retyped."""
    import json

    return ("window.pws = window.pws || {};\nwindow.pws.ids = "
            + json.dumps(browser_ids(), sort_keys=True, indent=1) + ";\n")
