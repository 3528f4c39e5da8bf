"""The upload page and the submission history: small HTML of their own (a form, two tables).

Built from plain values (the importer's report through :class:`uploads.run.Outcome`,
history rows); no data is read here. Bahasa Indonesia first (``?bahasa=en``).
"""

from __future__ import annotations

from markupsafe import escape

from layouts import ids
from texts import t
from texts.message import message_text

UPLOAD_PATH = "/unggah"
HISTORY_PATH = "/unggah/riwayat"
FORM_ID, FILE_ID, KIND_ID, PROGRESS_ID, RESULT_ID = (
    ids.UNGGAH_FORM, ids.UNGGAH_FILE, ids.UNGGAH_KIND, ids.UNGGAH_PROGRESS, ids.UNGGAH_RESULT)
SAVE_FORM_ID, HISTORY_TABLE_ID, PROBLEMS_ID = ids.UNGGAH_SAVE, ids.UNGGAH_HISTORY, ids.UNGGAH_PROBLEMS
SNAPSHOTS_ID, ROLLBACK_FORM_ID, MESSAGE_ID = ids.UNGGAH_SNAPSHOTS, ids.UNGGAH_ROLLBACK, ids.UNGGAH_MESSAGE

_STYLE = """
body{font-family:system-ui,sans-serif;background:#f4f6f8;color:#1b1f23;margin:0}
main{max-width:60rem;margin:3vh auto;background:#fff;padding:1.5rem 2rem;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin-top:0}h2{font-size:1.1rem}label{display:block;margin-top:1rem;font-weight:600}
select,input[type=file]{margin-top:.25rem;font-size:1rem}
button{margin-top:1rem;padding:.5rem 1.2rem;font-size:1rem;background:#0b5394;color:#fff;border:0;border-radius:4px;cursor:pointer}
button:disabled{background:#7d8a96}
button:focus,input:focus,select:focus,a:focus{outline:3px solid #f1c232;outline-offset:2px}
.pesan{padding:.6rem;border-radius:4px;background:#fdecea;color:#8a1c12;margin:1rem 0}
.info{background:#e8f1fb;color:#0b3d6e}.ok{background:#e6f4ea;color:#0d5223}
table{border-collapse:collapse;margin-top:.5rem;font-size:.9rem;width:100%}
td,th{padding:.25rem .5rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
td.angka,th.angka{text-align:right}tr.luar td{color:#6b4e00;background:#fff8e1}tr.catatan td{color:#33475b}
nav a{margin-right:1rem}.bahasa{float:right;font-size:.9rem}
"""

# a plain form post: the browser shows nothing while a big file is read, so count the seconds
_PROGRESS_JS = """
document.querySelectorAll('form[data-proses]').forEach(function(f){f.addEventListener('submit',function(){
  var p=document.getElementById('%s'),b=f.querySelector('button'),s=0,msg=p.getAttribute('data-pesan');
  if(b){b.disabled=true;}p.hidden=false;p.textContent=msg.replace('{detik}','0');
  setInterval(function(){s+=1;p.textContent=msg.replace('{detik}',String(s));},1000);});});
"""


def _doc(lang: str, title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
            f"<style>{_STYLE}</style></head><body><main>{body}</main>"
            f"<script>{_PROGRESS_JS % PROGRESS_ID}</script></body></html>")


def _nav(lang: str, here: str) -> str:
    q = "?bahasa=en" if lang == "en" else ""
    other = "id" if lang == "en" else "en"
    links = [("/" + q, t("unggah_ke_peta", lang)), (UPLOAD_PATH + q, t("unggah_ke_unggah", lang)),
             (HISTORY_PATH + q, t("unggah_riwayat", lang))]
    return (f'<a class="bahasa" href="{here}?bahasa={other}" hreflang="{other}">{escape(t("login_bahasa_lain", lang))}</a>'
            "<nav>" + "".join(f'<a href="{h}">{escape(label)}</a>' for h, label in links) + "</nav>")


def upload_page(lang: str, csrf_token: str, kinds: tuple[str, ...], message: str | None = None,
                result: str = "", limit_bytes: int = 0) -> str:
    """The form (one file input, the kind with "recognise" first), a message, and a result below."""
    options = [f'<option value="">{escape(t("unggah_jenis_otomatis", lang))}</option>']
    options += [f'<option value="{k}">{escape(t("kiriman_" + k, lang))}</option>' for k in kinds]
    parts = [_nav(lang, UPLOAD_PATH), f"<h1>{escape(t('unggah_judul', lang))}</h1>"]
    if message:
        parts.append(f'<p class="pesan" role="alert">{escape(message)}</p>')
    parts.append(
        f'<form id="{FORM_ID}" method="post" action="{UPLOAD_PATH}?bahasa={lang}" enctype="multipart/form-data" data-proses>'
        f'<input type="hidden" name="csrf_token" value="{escape(csrf_token)}">'
        f'<input type="hidden" name="langkah" value="periksa">'
        f'<label for="{FILE_ID}">{escape(t("unggah_berkas", lang))}</label>'
        f'<input type="file" id="{FILE_ID}" name="berkas" required data-batas="{limit_bytes}">'
        f'<label for="{KIND_ID}">{escape(t("unggah_jenis", lang))}</label>'
        f'<select id="{KIND_ID}" name="jenis">{"".join(options)}</select><br>'
        f'<button type="submit">{escape(t("unggah_periksa", lang))}</button></form>'
        f'<p id="{PROGRESS_ID}" class="pesan info" role="status" hidden data-pesan="{escape(t("unggah_proses", lang))}"></p>'
    )
    parts.append(result)
    return _doc(lang, t("unggah_judul", lang), "".join(parts))


def report_section(lang: str, outcome, detected: bool, csrf_token: str | None = None, token: str | None = None) -> str:
    """The importer's report as counts and a table of the rows not imported; with ``token``, the save form."""
    saved = not outcome.check
    cara = t("unggah_cara_otomatis" if detected else "unggah_cara_pilihan", lang)
    head = t("unggah_hasil_simpan" if saved else "unggah_hasil_periksa", lang)
    counts = [(t("unggah_dibaca", lang), outcome.rows_read),
              (t("unggah_diimpor_simpan" if saved else "unggah_diimpor", lang), outcome.rows_imported),
              (t("unggah_ditolak", lang), outcome.rows_rejected),
              (t("unggah_luar", lang), outcome.rows_outside)]
    parts = [f'<section id="{RESULT_ID}" data-langkah="{"simpan" if saved else "periksa"}">',
             f'<h2 class="pesan {"ok" if saved else "info"}" role="status">{escape(head)}</h2>',
             f"<p>{escape(t('unggah_terdeteksi', lang, jenis=t('kiriman_' + outcome.kind, lang), cara=cara))}</p>",
             "<table><tbody>" + "".join(
                 f'<tr><th>{escape(label)}</th><td class="angka" data-hitung="{i}">{"-" if n is None else n}</td></tr>'
                 for i, (label, n) in enumerate(counts)) + "</tbody></table>"]
    problems = outcome.problems(lang)
    if outcome.kind == "targets" and problems:
        parts.append(f'<p class="pesan" role="alert">{escape(t("unggah_target_tolak", lang))}</p>')
    if problems:
        rows = "".join(
            f'<tr class="{"luar" if p["luar"] else "catatan" if p["catatan"] else "tolak"}">'
            f'<td class="angka">{p["baris"] or "-"}</td>'
            f"<td>{escape(str(p['kode'] or ''))}</td><td>{escape(p['alasan'])}</td></tr>" for p in problems)
        parts.append(f'<table id="{PROBLEMS_ID}"><thead><tr><th class="angka">{escape(t("unggah_baris", lang))}</th>'
                     f"<th>{escape(t('unggah_kode', lang))}</th><th>{escape(t('unggah_alasan', lang))}</th></tr></thead>"
                     f"<tbody>{rows}</tbody></table>")
    if token and not saved and outcome.rows_imported:
        parts.append(
            f'<form id="{SAVE_FORM_ID}" method="post" action="{UPLOAD_PATH}?bahasa={lang}" data-proses>'
            f'<input type="hidden" name="csrf_token" value="{escape(csrf_token or "")}">'
            f'<input type="hidden" name="langkah" value="simpan"><input type="hidden" name="token" value="{escape(token)}">'
            f'<input type="hidden" name="jenis" value="{escape(outcome.kind)}">'
            f"<p>{escape(t('unggah_simpan_tanya', lang))}</p>"
            f'<button type="submit">{escape(t("unggah_simpan", lang))}</button></form>')
    parts.append("</section>")
    return "".join(parts)


def history_page(lang: str, rows: list, snapshots: list[dict] | None = None, csrf_token: str = "",
                 message: str | None = None, ok: bool = False) -> str:
    """The submissions the user may see, newest first.

    ``snapshots`` (:func:`uploads.run.kept_snapshots`; the admin's only) adds the
    kept snapshots, each not live with a button that asks to roll back to it
    (a form post carrying ``csrf_token``; the next page confirms). ``message``:
    what a roll-back did (``ok``) or why it was refused.
    """
    head = [t(k, lang) for k in ("riwayat_waktu", "riwayat_pengirim", "riwayat_jenis", "riwayat_berkas",
                                  "unggah_dibaca", "unggah_diimpor_simpan", "unggah_ditolak", "unggah_luar",
                                  "riwayat_status")]
    parts = [_nav(lang, HISTORY_PATH), f"<h1>{escape(t('unggah_riwayat', lang))}</h1>"]
    if message:
        parts.append(f'<p id="{MESSAGE_ID}" class="pesan{" ok" if ok else ""}" role="{"status" if ok else "alert"}">'
                     f"{escape(message)}</p>")
    if not rows:
        parts.append(f'<p class="pesan info">{escape(t("riwayat_kosong", lang))}</p>')
    else:
        body = "".join(
            f'<tr data-id="{s.id}"><td>{s.at:%Y-%m-%d %H:%M}</td><td>{escape(s.username or "-")}</td>'
            f"<td>{escape(t('kiriman_' + s.kind, lang))}{' (' + escape(t('riwayat_periksa', lang)) + ')' if s.check_only else ''}</td>"
            f"<td>{escape(s.file_name or '-')}</td>"
            + "".join(f'<td class="angka">{"-" if n is None else n}</td>'
                      for n in (s.rows_read, s.rows_imported, s.rows_rejected, s.rows_outside))
            + f"<td>{escape(_status(s.status, lang))}{': ' + escape(message_text(s.message, lang)) if s.message else ''}</td></tr>"
            for s in rows)
        parts.append(f'<table id="{HISTORY_TABLE_ID}"><thead><tr>'
                     + "".join(f"<th>{escape(h)}</th>" for h in head) + f"</tr></thead><tbody>{body}</tbody></table>")
    if snapshots is not None:
        parts.append(_snapshots(lang, snapshots, csrf_token))
    return _doc(lang, t("unggah_riwayat", lang), "".join(parts))


def made_by(lang: str, submission) -> str:
    """What made a snapshot, in words: kind, file, sender, time (or "not in the history")."""
    if submission is None:
        return t("riwayat_snapshot_tak_dikenal", lang)
    return t("riwayat_snapshot_dari", lang, jenis=t("kiriman_" + submission.kind, lang), berkas=submission.file_name or "-",
             pengirim=submission.username or "-", waktu=f"{submission.at:%Y-%m-%d %H:%M}")


def _snapshots(lang: str, snapshots: list[dict], csrf_token: str) -> str:
    """The admin's table of kept snapshots: a roll-back button on each one not live."""
    rows = []
    for snap in snapshots:
        if snap["live"]:
            action = escape(t("riwayat_snapshot_aktif", lang))
        else:
            action = (f'<form method="post" action="{HISTORY_PATH}?bahasa={lang}">'
                      f'<input type="hidden" name="csrf_token" value="{escape(csrf_token)}">'
                      f'<input type="hidden" name="langkah" value="tanya">'
                      f'<input type="hidden" name="snapshot" value="{escape(snap["id"])}">'
                      f'<button type="submit" style="margin-top:0">{escape(t("riwayat_kembalikan", lang))}</button></form>')
        rows.append(f'<tr data-snapshot="{escape(snap["id"])}"><td><code>{escape(snap["id"])}</code></td>'
                    f"<td>{escape(made_by(lang, snap['dibuat']))}</td><td>{action}</td></tr>")
    head = "".join(f"<th>{escape(t(k, lang))}</th>" for k in ("riwayat_snapshot", "riwayat_snapshot_dibuat",
                                                              "riwayat_snapshot_keadaan"))
    return (f'<h2>{escape(t("riwayat_snapshot_judul", lang))}</h2>'
            f'<p>{escape(t("riwayat_snapshot_penjelasan", lang))}</p>'
            f'<table id="{SNAPSHOTS_ID}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def rollback_confirm_page(lang: str, snapshot: str, live: str | None, made: str, csrf_token: str) -> str:
    """The confirmation step of a roll-back: what will happen, then "yes" (a form post) or back to the history."""
    body = [_nav(lang, HISTORY_PATH), f"<h1>{escape(t('riwayat_kembalikan_tanya_judul', lang, snapshot=snapshot))}</h1>",
            f'<p class="pesan info">{escape(t("riwayat_kembalikan_tanya", lang, snapshot=snapshot, dari=made, aktif=live or "-"))}</p>',
            f'<form id="{ROLLBACK_FORM_ID}" method="post" action="{HISTORY_PATH}?bahasa={lang}" data-proses>'
            f'<input type="hidden" name="csrf_token" value="{escape(csrf_token)}">'
            f'<input type="hidden" name="langkah" value="kembalikan">'
            f'<input type="hidden" name="snapshot" value="{escape(snapshot)}">'
            f'<button type="submit">{escape(t("riwayat_kembalikan_ya", lang, snapshot=snapshot))}</button> '
            f'<a href="{HISTORY_PATH}?bahasa={lang}">{escape(t("riwayat_kembalikan_batal", lang))}</a></form>',
            f'<p id="{PROGRESS_ID}" class="pesan info" role="status" hidden data-pesan="{escape(t("unggah_proses", lang))}"></p>']
    return _doc(lang, t("riwayat_kembalikan_tanya_judul", lang, snapshot=snapshot), "".join(body))


def _status(status: str, lang: str) -> str:
    """A submission's status in ``lang`` (``riwayat_status_*``); one without words as it is stored."""
    from texts.strings import ID

    return t("riwayat_status_" + status, lang) if "riwayat_status_" + status in ID else status
