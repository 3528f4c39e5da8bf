"""The weekly brief: every number against the dashboard's table and alert queries; the PDF; the command line.

The expected figures are worked out here along another road than the brief's
own: the ranked table of each kecamatan (``mapdata.view.values_frame``, what
the table panel shows), the alert panel's query (``mapdata.view.area_alerts``)
and ``surveillance.completeness`` per week.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from contextlib import redirect_stdout

import pandas as pd
import pytest
from dash import no_update

import surveillance
from commands import main
from mapdata import areas
from mapdata.brief import BEHIND, build_brief, sections, title, week_month, with_responses
from mapdata.brief_pdf import brief_pdf
from mapdata.options import catalogue
from mapdata.responses import responses
from mapdata.store import MapDataCache
from mapdata.view import area_alerts, values_frame
from mapdata.viewstate import ViewState

KABUPATEN = "29.01"


@pytest.fixture(scope="module")
def md(demo_workspace):
    return MapDataCache().get(demo_workspace.root)


@pytest.fixture(scope="module")
def puskesmas(md):
    """The demo puskesmas whose desa hold the most alerts of the latest week (so the alert figures are not all 0)."""
    alerts = md.week_alerts(md.latest_week())
    owner = areas.puskesmas_of(md)
    counts = Counter(owner[k] for k in alerts["kode_desa"] if k in owner)
    return counts.most_common(1)[0][0]


def table_statuses(md, wilayah: str, indikator: str, periode: str) -> pd.Series:
    """Desa statuses as the ranked table shows them: each kecamatan's table, or the puskesmas's own."""
    if areas.level(md, wilayah) == areas.PUSKESMAS:
        tables = [wilayah]
    else:
        tables = [k for k in md.areas.loc[md.areas["level"] == "kecamatan", "kode"] if k.startswith(wilayah + ".")]
    frames = [values_frame(md, ViewState(wilayah=w, indikator=indikator, periode=periode, klasifikasi="pws",
                                         jalur="puskesmas" if w == wilayah and tables == [wilayah] else "administrasi"))
              for w in tables]
    frame = pd.concat(frames, ignore_index=True)
    return pd.Series(frame["status"].to_numpy(dtype=object), index=frame["kode"].to_numpy())


def desa_codes(md, wilayah: str) -> list[str]:
    desa = md.areas.loc[md.areas["level"] == "desa", "kode"]
    return sorted(desa[areas.inside(md, wilayah, desa)])


@pytest.mark.parametrize("which", ["kabupaten", "puskesmas"])
def test_every_number_of_the_brief_is_the_queries(md, demo_workspace, puskesmas, which):
    wilayah = KABUPATEN if which == "kabupaten" else puskesmas
    brief = build_brief(md, wilayah)
    week = md.latest_week()
    assert brief["minggu"] == week == "2026-W47"
    assert brief["wilayah"]["nama"] == areas.name_of(md, wilayah)
    mine = set(desa_codes(md, wilayah))

    # alerts: the alert panel's list of the area (the latest week), one row each
    panel, _ = area_alerts(md, wilayah)
    assert len(panel) > 0
    # an alert is a desa × disease with every method that flagged it; the scan's own rows go with their cluster
    units = {key: g for key, g in panel.groupby(["kode_desa", "penyakit"]) if (g["method"] != "Klaster ruang-waktu").any()}
    got = sorted((a["kode_desa"], a["penyakit"], tuple(a["methods"]), a["observed"]) for a in brief["alerts_new"])
    want = sorted((k, p, tuple(sorted(set(g["method"]))), float(g["observed"].max())) for (k, p), g in units.items())
    assert got == want
    assert {a["status"] for a in brief["alerts_new"]} == {"baru"}  # no response recorded yet
    assert brief["verified_24h_share"] is None

    # clusters: the signalling clusters of the week, cut to the wilayah's desa
    clusters = surveillance.read_clusters(demo_workspace, week)
    want_clusters = {c["klaster_id"]: sorted(set(c["kode_desa"]) & mine) for c in clusters.to_dict("records")
                     if set(c["kode_desa"]) & mine}
    assert {c["klaster_id"]: sorted(c["kode_desa"]) for c in brief["clusters_new"]} == want_clusters

    # completeness: surveillance.completeness per week, summed over the wilayah's desa
    if which == "kabupaten":
        weekly = surveillance.completeness(demo_workspace, wilayah, by="minggu")
        row = weekly[weekly["minggu"] == week].iloc[0]
        want_c = (int(row["desa_lapor"]), int(row["desa_total"]), int(row["tempat_lapor"]), int(row["tempat_diharapkan"]))
    else:
        rows = [surveillance.completeness(demo_workspace, k, by="minggu") for k in mine]
        rows = pd.concat([r[r["minggu"] == week] for r in rows])
        want_c = (int(rows["desa_lapor"].sum()), int(rows["desa_total"].sum()), int(rows["tempat_lapor"].sum()),
                  int(rows["tempat_diharapkan"].sum()))
    c = brief["completeness"]
    assert (c["desa_lapor"], c["desa_total"], c["tempat_lapor"], c["tempat_diharapkan"]) == want_c
    assert c["persen"] == round(100 * want_c[0] / want_c[1], 1)

    # indicators: desa behind target in the ranked tables, this month and last
    assert (brief["periode"], brief["periode_lalu"]) == ("2026-10", "2026-09")
    by_id = {r["indikator"]: r for r in brief["indicators_behind"]}
    assert list(by_id) == list(catalogue()["id"])
    jelek = Counter()
    for ind in by_id:
        now = table_statuses(md, wilayah, ind, "2026-10")
        before = table_statuses(md, wilayah, ind, "2026-09")
        assert set(now.index) == mine
        r = by_id[ind]
        assert (r["desa_behind"], r["desa_with_data"]) == (int(now.isin(BEHIND).sum()), int(now.notna().sum())), ind
        assert (r["desa_behind_lalu"], r["desa_with_data_lalu"]) == (int(before.isin(BEHIND).sum()), int(before.notna().sum())), ind
        assert r["mayoritas"] == (2 * r["desa_behind"] > r["desa_with_data"])
        jelek.update(now.index[now == "jelek"])

    # desa to visit first: jelek indicators plus open alerts, none left out that scores higher
    open_alerts = Counter(k for k, _ in units)
    score = {k: jelek[k] + open_alerts[k] for k in mine}
    listed = brief["visit_first"]
    assert listed
    for d in listed:
        assert len(d["jelek"]) == jelek[d["kode"]] and len(d["open_alerts"]) == open_alerts[d["kode"]]
    assert [d["skor"] for d in listed] == sorted((d["skor"] for d in listed), reverse=True)
    unlisted = [score[k] for k in mine if k not in {d["kode"] for d in listed}]
    assert max(unlisted, default=0) <= listed[-1]["skor"]

    # the words say the same numbers
    text = "\n".join(line for s in sections(brief) for line in s["kalimat"])
    worst = max((r for r in brief["indicators_behind"] if r["mayoritas"]), key=lambda r: r["desa_behind"] / r["desa_with_data"])
    assert f"{worst['desa_behind']} dari {worst['desa_with_data']} desa di bawah target {worst['nama']}" in text
    assert f"{len(units)} peringatan baru minggu ini" in text
    assert f"{c['desa_lapor']} dari {c['desa_total']} desa melapor" in text
    assert "Diverifikasi dalam 24 jam: belum ada data." in text


def test_a_kecamatan_brief_and_an_earlier_week(md):
    brief = build_brief(md, "29.01.02", "2026-W39")
    assert brief["minggu"] == "2026-W39" and brief["periode"] == "2026-09" == week_month("2026-W39")
    assert all(a["kode_desa"].startswith("29.01.02.") for a in brief["alerts_new"])
    assert brief["completeness"]["desa_total"] == len(desa_codes(md, "29.01.02"))


def test_english_with_the_language_switch(md, puskesmas):
    brief = build_brief(md, puskesmas, lang="en")
    text = "\n".join(line for s in sections(brief, "en") for line in s["kalimat"])
    assert "new alerts this week" in text and "Verified within 24 hours: no data yet." in text
    assert "peringatan" not in text
    assert title(brief, "en").startswith("Weekly PWS brief · ")


def test_a_desa_or_an_unknown_code_is_refused_with_what_to_give(md):
    from errors import PwsError

    with pytest.raises(PwsError, match="kabupaten/kota"):
        build_brief(md, "29.01.02.2008")
    with pytest.raises(PwsError, match="tidak ada di workspace ini"):
        build_brief(md, "77.01")
    with pytest.raises(PwsError, match="minggu ISO"):
        build_brief(md, KABUPATEN, "minggu lalu")


@pytest.mark.parametrize("which", ["kabupaten", "puskesmas"])
def test_the_pdf_opens_on_a4_with_the_name_the_week_and_embedded_fonts(md, puskesmas, which):
    from pypdf import PdfReader

    wilayah = KABUPATEN if which == "kabupaten" else puskesmas
    brief = build_brief(md, wilayah)
    reader = PdfReader(io.BytesIO(brief_pdf(md, brief)))
    first = reader.pages[0]
    assert [round(float(x)) for x in first.mediabox[2:]] == [595, 842]  # A4 in points
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert areas.name_of(md, wilayah) in text and "2026-W47" in text
    assert "Ringkasan mingguan PWS" in text
    assert first.images, "the map image is on the first page"
    fonts = [f.get_object() for p in reader.pages for f in p["/Resources"]["/Font"].values()]
    assert fonts and all("DejaVuSans" in str(f["/BaseFont"]) for f in fonts)
    for f in fonts:  # each a TrueType subset whose program is in the file
        assert f["/Subtype"] == "/TrueType"
        assert "/FontFile2" in f["/FontDescriptor"].get_object()


def test_the_command_line_json_and_pdf(demo_workspace, md, tmp_path):
    out = io.StringIO()
    pdf = tmp_path / "ringkasan.pdf"
    with redirect_stdout(out):
        status = main(["brief", "--wilayah", KABUPATEN, "--week", "2026-W47", "--json", "--pdf", str(pdf),
                       "--workspace", str(demo_workspace.root)])
    assert status == 0
    got = json.loads(out.getvalue())
    for key in ("alerts_new", "clusters_new", "verified_24h_share", "completeness", "indicators_behind"):
        assert key in got
    want = build_brief(md, KABUPATEN, "2026-W47")
    assert got["indicators_behind"] == want["indicators_behind"]
    assert set(got["indicators_behind"][0]) >= {"indikator", "desa_behind", "desa_with_data"}
    assert len(got["alerts_new"]) == len(want["alerts_new"])
    assert pdf.read_bytes().startswith(b"%PDF")


def test_the_command_line_refuses_a_desa(demo_workspace, capsys):
    assert main(["brief", "--wilayah", "29.01.02.2008", "--workspace", str(demo_workspace.root)]) == 2
    assert "kabupaten/kota" in capsys.readouterr().err


# -- the page and its routes ---------------------------------------------------------
def _texts(component) -> list[str]:
    """Every string in a component tree (as the browser would show it)."""
    out = []
    if isinstance(component, str):
        return [component]
    if isinstance(component, (list, tuple)):
        for c in component:
            out += _texts(c)
        return out
    children = getattr(component, "children", None)
    return _texts(children) if children is not None else out


def _find(component, cid):
    if isinstance(component, (list, tuple)):
        for c in component:
            hit = _find(c, cid)
            if hit is not None:
                return hit
        return None
    if getattr(component, "id", None) == cid:
        return component
    children = getattr(component, "children", None)
    return _find(children, cid) if children is not None else None


@pytest.fixture(scope="module")
def ctx(demo_workspace):
    from callbacks import AppContext
    from tests.dash_requests import as_admin

    return AppContext(demo_workspace.root, MapDataCache(), actor=as_admin)


def test_the_page_shows_the_brief_of_the_view_area_with_a_section_per_screen(ctx, md):
    from callbacks.page import render
    from layouts import ids
    from layouts.brief import SHOWN, SECTION

    children, key, cls, lang = render("?wilayah=29.01.02.2008&tampilan=ringkasan&mode=presentasi", None, ctx)
    assert key["tampilan"] == "ringkasan" and "pws-presentasi" in cls
    main_ = _find(children, ids.BRIEF)
    sections_ = main_.children
    assert all(SECTION in s.className for s in sections_)
    assert [SHOWN in s.className for s in sections_] == [True] + [False] * (len(sections_) - 1)
    # a desa's brief is its kecamatan's, with the responses recorded in the operational database
    brief = with_responses(build_brief(md, "29.01.02", arrivals=ctx.data().report_arrivals()),
                           responses(md, ctx.ops(), week=md.latest_week()))
    assert brief["laporan_w2"]["tiba"] > 0  # the demo's generated W2
    assert brief["verified_24h_share"] is not None  # the demo's generated steps
    text = "\n".join(_texts(children))
    for section in sections(brief):
        assert section["judul"] in text
        for line in section["kalimat"]:
            assert line in text
    assert _find(children, ids.BRIEF_NEXT) is not None and _find(children, ids.BRIEF_PREV) is not None
    pdf_link = _find(children, ids.BRIEF_PDF).href
    assert pdf_link.startswith("/pws/ringkasan.pdf?") and "wilayah=29.01.02" in pdf_link
    # the same URL again does not re-render; the map view does
    assert render("?wilayah=29.01.02.2008&tampilan=ringkasan&mode=presentasi", key, ctx)[0] is no_update
    assert render("?wilayah=29.01.02.2008&mode=presentasi", key, ctx)[0] is not no_update


def test_above_the_kabupaten_the_page_offers_the_kabupaten(ctx):
    from callbacks.page import render

    children, *_ = render("?wilayah=29&tampilan=ringkasan&bahasa=en", None, ctx)
    text = _texts(children)
    assert "Weekly PWS brief" in text and "Kabupaten Lembah Hijau" in text


def test_the_map_page_links_to_the_brief_of_its_area(ctx):
    from callbacks.page import render
    from layouts import ids

    children, *_ = render("?wilayah=29.01&bahasa=en", None, ctx)
    assert _find(children, ids.BRIEF_OPEN).href == ("?wilayah=29.01&indikator=lapor_lengkap&periode=2026-10&bahasa=en"
                                                     "&tampilan=ringkasan")


def test_the_pdf_and_map_routes_answer_the_logged_in_user_only(demo_workspace):
    from pypdf import PdfReader

    from app import create_app
    from tests.dash_requests import as_admin

    client = create_app(demo_workspace.root, actor=as_admin).server.test_client()
    resp = client.get("/pws/ringkasan.pdf?wilayah=29.01&tampilan=ringkasan&minggu=2026-W47&bahasa=en")
    assert resp.status_code == 200 and resp.mimetype == "application/pdf"
    text = PdfReader(io.BytesIO(resp.data)).pages[0].extract_text()
    assert "Weekly PWS brief" in text and "Kabupaten Lembah Hijau" in text and "2026-W47" in text
    png = client.get("/pws/ringkasan/peta.png?wilayah=29.01&tampilan=ringkasan")
    assert png.status_code == 200 and png.data.startswith(b"\x89PNG")
    assert client.get("/pws/ringkasan.pdf?wilayah=29").status_code == 404  # a provinsi has no brief

    closed = create_app(demo_workspace.root).server.test_client()  # the real login: no session, no data
    assert closed.get("/pws/ringkasan.pdf?wilayah=29.01").status_code == 401


def test_w2_completeness_and_timeliness_from_arrivals_on_hand_made_times(md, demo_workspace, tmp_path):
    units = sorted(k for k in md.wilayah_kerja.loc[md.wilayah_kerja["kode_desa"].str.startswith("29.01."), "kode_puskesmas"].unique())
    assert len(units) >= 4
    # 2026-W47's W2 is due Tuesday 24 Nov 2026, 12:00 WIB
    arrivals = pd.DataFrame({"wilayah": [units[0], units[1], units[1], units[3]], "jenis": ["w2"] * 4,
                             "periode": ["2026-W47"] * 4,
                             "diterima": ["2026-11-24 11:00", "2026-11-24 12:30", "2026-11-23 08:00", "2026-11-24 12:01"]})
    brief = build_brief(md, KABUPATEN, "2026-W47", arrivals=arrivals, sekarang=pd.Timestamp("2026-12-01 09:00"))
    w2 = brief["laporan_w2"]
    assert (w2["tingkat"], w2["diharapkan"], w2["tiba"], w2["tepat_waktu"]) == ("puskesmas", len(units), 3, 2)
    assert brief["timeliness"] == round(100 * 2 / len(units), 2)
    assert areas.name_of(md, units[2]) in w2["belum_tiba"] and areas.name_of(md, units[0]) not in w2["belum_tiba"]
    assert w2["terlambat"] == [areas.name_of(md, units[3])]  # the first arrival counts: units[1] was on time
    text = "\n".join(line for s in sections(brief) for line in s["kalimat"])
    assert (f"3 dari {len(units)} puskesmas mengirim W2 minggu 2026-W47 ({_pct_id(300 / len(units))}, target ≥ 90 %); "
            f"2 tepat waktu ({_pct_id(200 / len(units))}, target ≥ 80 %).") in text
    assert f"Terlambat: {areas.name_of(md, units[3])}." in text
    # before the deadline nothing is due: the early arrivals are told apart, no percentage yet
    early = build_brief(md, KABUPATEN, "2026-W47", arrivals=arrivals.iloc[[0, 2]], sekarang=pd.Timestamp("2026-11-24 11:30"))
    assert (early["laporan_w2"]["jatuh_tempo"], early["laporan_w2"]["tiba_awal"], early["timeliness"]) == (False, 2, None)
    text = "\n".join(line for s in sections(early, "en") for line in s["kalimat"])
    assert (f"Not due yet: the W2 of week 2026-W47 (deadline 2026-11-24 12:00 WIB); 2 of {len(units)} puskesmas "
            "have sent it.") in text

    # the same through the command line's --diterima
    arrivals.iloc[:1].to_csv(tmp_path / "diterima.csv", index=False)
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["brief", "--wilayah", KABUPATEN, "--json", "--diterima", str(tmp_path / "diterima.csv"),
                     "--workspace", str(demo_workspace.root)]) == 0
    got = json.loads(out.getvalue())["laporan_w2"]
    assert (got["tiba"], got["tepat_waktu"]) == (1, 1)


def _pct_id(x: float) -> str:
    return f"{x:.1f} %".replace(".", ",")


def test_a_puskesmas_user_gets_the_same_brief_of_its_own_wilayah_and_no_other(demo_workspace, md, puskesmas):
    from access.actor import Actor
    from errors import PwsError

    cache = MapDataCache()
    mine = cache.get(demo_workspace.root).for_actor(Actor("pkm", "puskesmas", puskesmas))
    own, admin = build_brief(mine, puskesmas), build_brief(md, puskesmas)
    assert own == admin  # the same numbers through the scoped view
    others = set(desa_codes(md, KABUPATEN)) - set(own["desa"])
    assert others
    with pytest.raises(PwsError, match="di luar wilayah Anda"):
        build_brief(mine, KABUPATEN)
    # a dinas of another kabupaten does not see this one either
    dinas = cache.get(demo_workspace.root).for_actor(Actor("dinas3", "dinas", "29.03"))
    with pytest.raises(PwsError):
        build_brief(dinas, KABUPATEN)
    assert build_brief(dinas, "29.03")["completeness"]["desa_total"] > 0


def test_the_pdf_route_of_a_logged_in_puskesmas_answers_only_its_own_wilayah(demo_workspace, md, puskesmas):
    """A PDF asked for the kabupaten or another kabupaten is the user's own wilayah's brief, naming no desa outside."""
    from pypdf import PdfReader

    from access.actor import Actor
    from app import create_app

    client = create_app(demo_workspace.root, actor=lambda: Actor("pkm", "puskesmas", puskesmas)).server.test_client()
    names = md.by_kode["nama"]
    own = set(areas.desa_of(md, puskesmas))
    inside = {names[k] for k in own}
    # desa names of the kabupaten that no own desa shares, and long enough not to be a word of the brief's prose
    outside = {names[k] for k in desa_codes(md, KABUPATEN) if k not in own} - inside
    outside = {n for n in outside if len(n) >= 6}
    assert outside
    for asked in (KABUPATEN, "29.03"):
        resp = client.get(f"/pws/ringkasan.pdf?wilayah={asked}&tampilan=ringkasan")
        assert resp.status_code == 200
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(resp.data)).pages)
        assert names[puskesmas] in text  # the user's own wilayah, so the answer is not empty
        assert not [n for n in outside if n in text]
        assert KABUPATEN not in resp.headers["Content-Disposition"] and "29.03" not in resp.headers["Content-Disposition"]


# -- the alerts' recorded responses ------------------------------------------------------
@pytest.mark.parametrize("which", ["kabupaten", "puskesmas"])
def test_the_24_hour_share_and_states_of_the_brief_are_the_response_figures(md, demo_workspace, puskesmas, which):
    """The demo's generated steps: the brief's share equals ``verification_figures`` grouped by unit and week."""
    from demo.responses import demo_now
    from mapdata.responses import alert_states
    from opsdb import OpsDb
    from opsdb import responses as store
    from surveillance.response import desa_alert_id, verification_figures

    db = OpsDb.for_workspace(demo_workspace.root)
    week = md.latest_week()
    now = demo_now(week)
    wilayah, unit = (KABUPATEN, "kabupaten") if which == "kabupaten" else (puskesmas, "puskesmas")
    brief = build_brief(md, wilayah, responses=responses(md, db, week=week, now=now))

    # along another road: every alert of the snapshot, every step, grouped by unit and week
    table = alert_states(md, db, now=now)
    figures = verification_figures(table, store.steps(db), now=now, by=[unit, "minggu"], wilayah_kerja=md.wilayah_kerja)
    row = figures[(figures[unit] == wilayah) & (figures["minggu"] == week)].iloc[0]
    assert row["jatuh_tempo"] > row["tepat_24j"] > 0  # some verified in time, some not: the share means something
    assert brief["verified_24h_share"] == round(float(row["persen_24j"]), 1)

    states = table.set_index("id")["status"]
    assert brief["alerts_new"] and {a["status"] for a in brief["alerts_new"]} != {"baru"}
    for a in brief["alerts_new"]:
        assert a["status"] == states[desa_alert_id(week, a["penyakit"], a["kode_desa"])]
    by_cluster = table[table["jenis"] == "klaster"].set_index("klaster_id")["status"]
    for c in brief["clusters_new"]:
        assert c["status"] == by_cluster[c["klaster_id"]]
    db.dispose()
