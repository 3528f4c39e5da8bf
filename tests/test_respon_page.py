"""Alert response on the dashboard: the list's rows, the map's two outlines, the figures in the table and rapor,
and the page's step callbacks, which no crafted request gets past.

The demo's snapshot (read-only) with a fresh operational database per test
(SQLite and PostgreSQL); the callback tests serve a copy of the demo, whose
own database the app opens.
"""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest

from access.actor import Actor
from mapdata import areas, responses, waspada
from mapdata.store import MapDataCache
from mapdata.view import MAX_LISTED, alert_list, current_state, map_payload, rapor_figures, table_rows
from opsdb import responses as store

RAISED = datetime(2026, 11, 2, 6, 0, tzinfo=timezone.utc)
ADMIN = Actor("root", "admin")


@pytest.fixture(scope="module")
def md(demo_workspace):
    return MapDataCache().get(demo_workspace.root)


def high_alert_alone(md, states):
    """A desa alert of the week not verified yet, high-severity, and the only outlined alert of its desa."""
    outlined = [w for w in states.to_dict("records")
                if waspada.outline_class(w["status"], w["verdict"]) and (w["jenis"] == "klaster" or w["severity"] == "tinggi")]
    count = pd.Series([d for w in outlined for d in w["desa"]]).value_counts()
    return next(w for w in outlined if w["jenis"] == "desa" and w["status"] == "baru" and count[w["kode_desa"]] == 1)


def test_a_verified_real_alert_changes_its_outline_and_a_false_one_loses_it(md, ops_db):
    week = waspada.list_week(md)
    before = waspada.week_states(md, ops_db, week)
    alert = high_alert_alone(md, before)
    desa, kec = alert["kode_desa"], alert["kode_desa"].rsplit(".", 1)[0]
    state = current_state(md, f"?wilayah={kec}&indikator=k1")
    assert desa in map_payload(md, state, ops_db)["hideout"]["waspada"]

    responses.act(md, ops_db, ADMIN, alert["id"], "diverifikasi", verdict="benar")
    hideout = map_payload(md, state, ops_db)["hideout"]
    assert desa not in hideout["waspada"] and hideout["waspada_nyata"] == [desa]
    assert waspada.week_states(md, ops_db, week) is not before  # a step is a new key: read again, not the cached frame
    responses.act(md, ops_db, ADMIN, alert["id"], "respon")
    assert map_payload(md, state, ops_db)["hideout"]["waspada_nyata"] == [desa]  # being answered: still outlined

    other = high_alert_alone(md, waspada.week_states(md, ops_db, week))
    responses.act(md, ops_db, ADMIN, other["id"], "diverifikasi", verdict="salah")  # a data error: no outline
    kec2 = other["kode_desa"].rsplit(".", 1)[0]
    hideout = map_payload(md, current_state(md, f"?wilayah={kec2}&indikator=k1"), ops_db)["hideout"]
    assert other["kode_desa"] not in hideout["waspada"] + hideout["waspada_nyata"]


def test_an_area_holding_both_kinds_is_drawn_unverified(md, ops_db):
    states = waspada.week_states(md, ops_db, waspada.list_week(md))
    alert = high_alert_alone(md, states)
    kab = alert["kode_desa"][:5]
    responses.act(md, ops_db, ADMIN, alert["id"], "diverifikasi", verdict="benar")
    outlines = waspada.desa_outlines(waspada.week_states(md, ops_db, waspada.list_week(md)))
    assert outlines[alert["kode_desa"]] == "nyata"
    drawn = waspada.area_outlines(md, [kab], outlines)
    # the demo's kabupaten holding the alert has other high alerts still waiting
    assert any(v == "baru" and d.startswith(kab + ".") for d, v in outlines.items())
    assert drawn == {"baru": [kab], "nyata": []}


def test_the_list_offers_the_next_steps_only_to_a_scope_holding_the_alert(md, ops_db):
    owner = areas.puskesmas_of(md)
    week = waspada.list_week(md)
    states = waspada.week_states(md, ops_db, week)
    alert = states[states["jenis"] == "desa"].iloc[0]
    own = owner[alert["kode_desa"]]
    other = next(p for p in md.wilayah_kerja["kode_puskesmas"] if p != own)
    theirs = md.for_actor(Actor("pkm", "puskesmas", own))
    row = waspada.list_rows(states[states["id"] == alert["id"]], md, scope=theirs.scope, names=md.week_alerts(week))[0]
    assert row["boleh"] and [s["status"] for s in row["langkah"]] == ["diverifikasi"] and row["status"] == "baru"
    stranger = md.for_actor(Actor("pkm-lain", "puskesmas", other)).scope
    assert not waspada.list_rows(states[states["id"] == alert["id"]], md, scope=stranger)[0]["boleh"]
    # through the user's own view: their alerts only, and the step offered
    listing = alert_list(theirs, current_state(theirs, ""), ops_db)
    assert alert["id"] in [r["id"] for r in listing["rows"]] and all(r["boleh"] for r in listing["rows"])
    assert all(set(d) <= set(theirs.scope.desa) for d in states[states["id"].isin([r["id"] for r in listing["rows"]])]["desa"])


def test_the_filter_keeps_the_alerts_not_verified_and_a_step_shows_its_state_and_age(md, ops_db):
    state = current_state(md, "")
    every = alert_list(md, state, ops_db)
    first = every["rows"][0]
    now = datetime.now(timezone.utc)
    responses.act(md, ops_db, ADMIN, first["id"], "diverifikasi", verdict="benar", note="cek lapangan",
                  at=now + timedelta(minutes=1))
    after = alert_list(md, state, ops_db, now=now + timedelta(hours=5, minutes=10))
    shown = {r["id"]: r for r in after["rows"]}[first["id"]]
    assert shown["status_teks"] == "diverifikasi: benar (kenaikan nyata)"
    assert shown["umur_teks"] == "waktu muncul tidak tercatat"  # recorded when first acted on: raised when, unknown
    assert shown["oleh_teks"] == "langkah terakhir oleh root"
    assert [s["label"] for s in shown["langkah"]] == ["Mulai respon", "Ubah putusan"]
    only = alert_list(md, state, ops_db, only_baru=True, now=now)
    assert first["id"] not in [r["id"] for r in only["rows"]]
    assert only["rows"] and all(r["status"] == "baru" for r in only["rows"])
    assert responses.history(ops_db, first["id"])["catatan"].tolist() == ["cek lapangan"]


def _in_area(states, area):
    return states[[any(d.startswith(area + ".") for d in desa) for desa in states["desa"]]]


def test_the_filter_lists_the_unverified_alerts_of_the_last_weeks_most_severe_and_oldest_first(md, ops_db):
    from callbacks.panels import alerts_output
    from callbacks.respon import form_output, save_step
    from surveillance.response import RECENT_WEEKS, SEVERITY
    from surveillance.weeks import week_range

    week = waspada.list_week(md)
    weeks = waspada.recent_weeks(md)
    assert weeks == week_range(week, RECENT_WEEKS + 1)
    every = responses.alert_states(md, ops_db)  # every week's, along another road than the list's
    read = waspada.recent_states(md, ops_db).set_index("id").sort_index()  # the weeks' reads, one alert table
    whole = every[every["minggu"].isin(weeks)].set_index("id").sort_index()
    assert read.index.tolist() == whole.index.tolist()
    cols = ["jenis", "kode_desa", "penyakit", "minggu", "desa", "severity", "methods", "observed", "status"]
    pd.testing.assert_frame_equal(read[cols], whole[cols], check_dtype=False)
    # a kecamatan with an alert of last week that nobody verified and some of this week, few enough to list all
    waiting = every[every["minggu"].isin(weeks) & (every["status"] == "baru")]
    for older in every[(every["minggu"] == weeks[-2]) & (every["jenis"] == "desa")].to_dict("records"):
        kec = older["kode_desa"].rsplit(".", 1)[0]
        expected = _in_area(waiting, kec)
        if len(expected) <= MAX_LISTED and (expected["minggu"] == week).any():
            break
    else:
        raise AssertionError("no kecamatan of the demo has alerts of this week and of last week, and few")
    state = current_state(md, f"?wilayah={kec}")
    plain = alert_list(md, state, ops_db)
    assert older["id"] not in [r["id"] for r in plain["rows"]] and {r["minggu"] for r in plain["rows"]} == {week}

    listing = alert_list(md, state, ops_db, only_baru=True)
    rows = listing["rows"]
    assert sorted(r["id"] for r in rows) == sorted(expected["id"]) and listing["lainnya"] == 0
    assert older["id"] in [r["id"] for r in rows]
    rank = [(SEVERITY.index(r["severity"]), r["minggu"], r["jenis"] != "klaster") for r in rows]
    assert rank == sorted(rank)  # most severe first, then the oldest week
    assert all(r["rinci"].startswith(f"minggu {r['minggu']} · ") for r in rows)
    title, *_ = alerts_output(f"?wilayah={kec}", md, ops_db, only_baru=True)
    assert title == f"Peringatan dini belum diverifikasi (minggu {weeks[0]} – {week})"
    assert listing["semua"] == len(_in_area(every[every["minggu"].isin(weeks)], kec))  # older weeks: not read

    # last week's alert opens its form from the list and takes its step; then it leaves the filtered list
    ref = waspada.alert_ref(older["id"])
    opened = form_output({"alert": ref, "status": "diverifikasi"}, md, ops_db, "id")
    assert opened["hidden"] is False and opened["pilih"] == {"alert": ref, "status": "diverifikasi"}
    done = save_step(opened["pilih"], "benar", None, "", md, ops_db, ADMIN, "id")
    assert done["ok"] and responses.history(ops_db, older["id"])["status"].tolist() == ["diverifikasi"]
    after = alert_list(md, state, ops_db, only_baru=True)
    assert older["id"] not in [r["id"] for r in after["rows"]] and len(after["rows"]) == len(rows) - 1


def test_the_table_and_the_rapor_give_each_kabupaten_and_puskesmas_its_figures_for_the_month(md, ops_db):
    month = "2026-10"
    weeks = waspada.month_weeks(month)
    table = md.response_alerts()
    mine = table[table["minggu"].isin(weeks)]
    store.register_alerts(ops_db, mine, RAISED - timedelta(days=30))
    kab = sorted(areas.children(md, areas.start_area(md))["kode"])[0]
    of_kab = mine[[any(d.startswith(kab + ".") for d in desa) for desa in mine["desa"]]]
    on_time, late = of_kab["id"].iloc[0], of_kab["id"].iloc[1]
    raised = RAISED - timedelta(days=30)
    responses.act(md, ops_db, ADMIN, on_time, "diverifikasi", verdict="benar", at=raised + timedelta(hours=2))
    responses.act(md, ops_db, ADMIN, on_time, "respon", at=raised + timedelta(hours=3))
    responses.act(md, ops_db, ADMIN, late, "diverifikasi", verdict="salah", at=raised + timedelta(hours=30))

    rows = {r["kode"]: r for r in table_rows(md, current_state(md, f"?indikator=k1&periode={month}"), ops_db)}
    n = len(of_kab)  # every alert is more than a day old: all are due
    assert rows[kab]["verif_24j"] == pytest.approx(100.0 / n)
    assert rows[kab]["median_verif"] == pytest.approx(16.0) and rows[kab]["median_verif_teks"] == "16 jam"
    assert rows[kab]["direspon"] == pytest.approx(100.0 / n)
    assert rows[kab]["verif_24j_status"] == "belum_capai" and "target 80,0 %" in rows[kab]["verif_24j_catatan"]
    other = next(k for k in rows if k != kab)
    assert rows[other]["verif_24j"] == 0.0 and rows[other]["median_verif"] is None
    # another month: nothing recorded there yet
    assert table_rows(md, current_state(md, "?indikator=k1&periode=2026-09"), ops_db)[0]["verif_24j_teks"] == "–"

    desa = next(d for d in of_kab[of_kab["id"] == on_time]["desa"].iat[0])
    lines = rapor_figures(md, current_state(md, f"?wilayah={desa}&indikator=k1&periode={month}"), ops_db)
    assert [name for name, _ in lines] == [areas.name_of(md, areas.puskesmas_of(md)[desa]), areas.name_of(md, kab)]
    assert lines[1][1]["persen_24j"] == pytest.approx(100.0 / n)
    pkm = areas.puskesmas_of(md)[desa]
    of_pkm = mine[[any(areas.puskesmas_of(md).get(d) == pkm for d in desa_list) for desa_list in mine["desa"]]]
    assert lines[0][1]["jumlah"] == len(of_pkm) and lines[0][1]["tepat_24j"] == 1


def test_a_puskesmas_user_sees_no_kabupaten_figures_made_of_its_own_desa(md, ops_db):
    pkm = md.wilayah_kerja["kode_puskesmas"].iloc[0]
    mine = md.for_actor(Actor("pkm", "puskesmas", pkm))
    desa = areas.desa_of(mine, pkm)[0]
    units = waspada.rapor_units(mine, desa)
    assert units == [(areas.PUSKESMAS, pkm)]
    dinas = md.for_actor(Actor("dinkes", "dinas", desa[:5]))
    assert waspada.rapor_units(dinas, desa) == [(areas.PUSKESMAS, pkm), ("kabkota", desa[:5])]


def test_the_png_draws_and_explains_both_outlines(md, ops_db):
    from mapdata.export import map_figure

    week = waspada.list_week(md)
    alert = high_alert_alone(md, waspada.week_states(md, ops_db, week))
    kab = alert["kode_desa"][:5]
    responses.act(md, ops_db, ADMIN, alert["id"], "diverifikasi", verdict="benar")
    state = current_state(md, f"?wilayah={alert['kode_desa'].rsplit('.', 1)[0]}&indikator=k1")
    p = map_payload(md, state, ops_db)
    assert p["hideout"]["waspada_nyata"]
    geometry = md.display.drop_duplicates("kode").merge(areas.children(md, state.wilayah)[["kode"]], on="kode")
    fig = map_figure(geometry, p["hideout"], title=p["title"], legend_title=p["legend_title"], demo=True,
                     source=md.source, lang="en")
    legend = [x.get_text() for x in fig.axes[0].get_legend().get_texts()]
    solid = "Solid purple outline: an alert this week verified as real, or being responded to"
    assert solid in legend
    drawn = {c.get_gid(): c for c in fig.axes[0].collections if c.get_gid()}
    assert "outline:waspada_nyata" in drawn
    colour = drawn["outline:waspada_nyata"].get_edgecolor()[0]
    from matplotlib.colors import to_hex

    assert to_hex(colour) == waspada.OUTLINE_STYLE["nyata"]["warna"]
    assert ("outline:waspada" in drawn) == bool(p["hideout"]["waspada"])
    assert kab


def beside_another_unverified(md, states):
    """An unverified high desa alert, the only alert of its desa, whose kecamatan holds another desa outlined as
    unverified: ``(alert, kecamatan)``."""
    outlines = waspada.desa_outlines(states)
    holding = pd.Series([d for desa in states["desa"] for d in desa]).value_counts()
    for w in states.to_dict("records"):
        if w["jenis"] != "desa" or w["status"] != "baru" or w["severity"] != "tinggi" or holding[w["kode_desa"]] != 1:
            continue
        kec = w["kode_desa"].rsplit(".", 1)[0]
        if any(kind == "baru" and d != w["kode_desa"] and d.startswith(kec + ".") for d, kind in outlines.items()):
            return w, kec
    raise AssertionError("no kecamatan of the demo holds two unverified high alerts")


def test_the_brief_s_map_draws_and_explains_the_recorded_states_of_its_week(md, ops_db):
    from mapdata.brief import build_brief
    from mapdata.brief_pdf import brief_map_parts, brief_map_png
    from mapdata.export import map_figure

    week = waspada.list_week(md)
    alert, kec = beside_another_unverified(md, waspada.week_states(md, ops_db, week))
    brief = build_brief(md, kec, week, lang="en")
    before = brief_map_png(md, brief, "en", ops_db)
    responses.act(md, ops_db, ADMIN, alert["id"], "diverifikasi", verdict="benar")
    parts = brief_map_parts(md, brief, "en", ops_db)
    hideout = parts["hideout"]
    assert hideout["waspada_nyata"] == [alert["kode_desa"]]
    assert hideout["waspada"] and alert["kode_desa"] not in hideout["waspada"]
    legend = [x.get_text() for x in map_figure(**parts).axes[0].get_legend().get_texts()]
    assert f"Solid purple outline: an alert of week {week} verified as real, or being responded to" in legend
    assert f"Dashed red outline: high-severity early warning of week {week}, not verified yet" in legend
    # the image is drawn again after the step (its cache key holds the week's state version)
    assert brief_map_png(md, brief, "en", ops_db) != before
    # without the database (as the brief's image was drawn before) every high alert looks unverified
    assert alert["kode_desa"] in brief_map_parts(md, brief, "en")["hideout"]["waspada"]
    # another week's brief: that week's alerts, by the same rule as the dashboard's map
    old = sorted(set(md.response_alerts()["minggu"]))[-3]
    drawn = brief_map_parts(md, build_brief(md, kec, old), "id", ops_db)["hideout"]
    expected = waspada.area_outlines(md, sorted(drawn["warna"]), waspada.desa_outlines(waspada.week_states(md, ops_db, old)))
    assert (drawn["waspada"], drawn["waspada_nyata"]) == (expected["baru"], expected["nyata"])


def test_the_brief_s_map_route_answers_the_new_outlines_after_a_step(served):
    from app import create_app
    from mapdata.brief import MAP_PATH
    from opsdb import OpsDb

    md = served["md"]
    week = waspada.list_week(md)
    alert, kec = beside_another_unverified(md, waspada.week_states(md, None, week))
    client = create_app(served["root"], actor=lambda: ADMIN).server.test_client()
    url = f"{MAP_PATH}?wilayah={kec}&tampilan=ringkasan"
    first = client.get(url)
    assert first.status_code == 200 and first.data.startswith(b"\x89PNG")
    db = OpsDb.for_workspace(served["root"])
    responses.act(md, db, ADMIN, alert["id"], "diverifikasi", verdict="benar")
    db.dispose()
    again = client.get(url)
    assert again.status_code == 200 and hash(again.data) != hash(first.data)  # (a short message when it fails)
    # the browser asks each time and gets "not modified" while nothing changed, the new picture after a step
    assert client.get(url, headers={"If-None-Match": again.headers.get("ETag", "-")}).status_code == 304
    assert "no-cache" in again.headers["Cache-Control"]


def test_the_browser_draws_the_same_outline_styles_as_the_png():
    from pathlib import Path

    js = (Path(__file__).resolve().parents[1] / "assets" / "pws.js").read_text(encoding="utf-8")
    for kind, style in waspada.OUTLINE_STYLE.items():
        dash = "null" if style["garis"] is None else f'"{style["garis"]}"'
        assert f'{kind}: {{color: "{style["warna"]}", weight: {style["tebal"]}, dashArray: {dash}}}' in js


# -- the page's callbacks, as a crafted request would reach them ---------------------------------------
@pytest.fixture
def served(demo_workspace, tmp_path):
    """A copy of the demo (its own operational database), and the puskesmas holding a high alert of the week."""
    root = tmp_path / "ws"
    shutil.copytree(demo_workspace.root, root, ignore=shutil.ignore_patterns("ops.sqlite*"))
    md = MapDataCache().get(root)
    states = waspada.week_states(md, None, waspada.list_week(md))
    alert = states[states["jenis"] == "desa"].iloc[0]
    owner = areas.puskesmas_of(md)[alert["kode_desa"]]
    other = next(p for p in md.wilayah_kerja["kode_puskesmas"] if p != owner)
    return {"root": root, "md": md, "alert": alert["id"], "owner": owner, "other": other}


def _app(root, actor):
    from app import create_app
    from tests.dash_requests import CallbackGraph

    app = create_app(root, actor=lambda: actor)
    client = app.server.test_client()
    return client, CallbackGraph(client.get("/_dash-dependencies").get_json())


def _post(client, cb, values, changed):
    from tests.dash_requests import UPDATE, payload

    return client.post(UPDATE, json=payload(cb, values, [changed]))


@pytest.mark.parametrize("recorded", [False, True], ids=["not-recorded", "recorded"])
def test_a_puskesmas_cannot_take_a_step_on_another_puskesmas_alert_through_the_page(served, recorded):
    from layouts import ids
    from opsdb import OpsDb

    db = OpsDb.for_workspace(served["root"])
    if recorded:  # as an import records it
        table = served["md"].response_alerts()
        store.register_alerts(db, table[table["id"] == served["alert"]], RAISED)
    intruder = Actor("pkm-lain", "puskesmas", served["other"])
    client, graph = _app(served["root"], intruder)
    save = graph.by_output(f"{ids.RESPON_MESSAGE}.children")
    alerts = graph.by_output(f"{ids.ALERTS}.children")
    base = {(ids.LOCATION, "search"): "", (ids.RENDERED, "data"): "id"}
    listed = _post(client, alerts, base, f"{ids.LOCATION}.search").get_json()["response"]
    key = listed[ids.ALERT_KEY]["data"]
    assert served["alert"] not in str(listed[ids.ALERTS])  # not in this user's list

    # a step button for that alert, crafted: the form does not open for it
    opener = graph.by_output(f"{ids.RESPON_FORM_TITLE}.children")
    crafted = ids.step_button(served["alert"], "diverifikasi", "daftar")
    body = _payload_with_button(opener, crafted)
    r = client.post("/_dash-update-component", json=body)
    assert r.status_code == 200 and r.get_json()["response"][ids.RESPON_FORM]["hidden"] is True

    values = {**base, (ids.RESPON_SAVE, "n_clicks"): 1, (ids.RESPON_PILIH, "data"): {"alert": served["alert"],
              "status": "diverifikasi"}, (ids.RESPON_VERDICT, "value"): "benar"}
    r = _post(client, save, values, f"{ids.RESPON_SAVE}.n_clicks")
    assert r.status_code == 200
    answer = r.get_json()["response"]
    message = answer[ids.RESPON_MESSAGE]["children"]
    assert message.startswith("Tidak tercatat:")
    # one sentence whether recorded or not, and the same as for an id that names no alert at all
    assert message == f"Tidak tercatat: Tidak ada peringatan dengan id '{served['alert']}' di wilayah akun ini."
    made_up = served["alert"].rsplit(".", 1)[0] + ".9999"
    invented = _post(client, save, {**values, (ids.RESPON_PILIH, "data"): {"alert": made_up, "status": "diverifikasi"}},
                     f"{ids.RESPON_SAVE}.n_clicks").get_json()["response"][ids.RESPON_MESSAGE]["children"]
    assert invented == message.replace(served["alert"], made_up)
    assert "pws-ditolak" in answer[ids.RESPON_MESSAGE]["className"]
    assert "ditolak" in answer[ids.RESPON_DONE]["data"]
    assert store.steps(db, [served["alert"]]).empty  # nothing stored
    # but the attempt is in the audit log, with the reason's key and what the page said
    from opsdb import audit

    refused = audit.events(db, kind="respon_ditolak")
    assert [(e.username, e.detail["alert"], e.detail["status"], e.detail["alasan"]) for e in refused] == [
        ("pkm-lain", served["alert"], "diverifikasi", "bukan_wilayah"),  # the audit (the admin's) tells them apart
        ("pkm-lain", made_up, "diverifikasi", "tidak_dikenal")]
    assert message == "Tidak tercatat: " + refused[0].detail["pesan"]
    english = _post(client, save, {**values, (ids.LOCATION, "search"): "?bahasa=en"}, f"{ids.RESPON_SAVE}.n_clicks")
    said = english.get_json()["response"][ids.RESPON_MESSAGE]["children"]
    assert said == "Not recorded: " + audit.events(db, kind="respon_ditolak")[-1].detail["pesan"]
    assert said == f"Not recorded: There is no alert with id '{served['alert']}' in this account's area."
    # the list redraws on the refusal's signal and finds nothing changed
    again = _post(client, alerts, {**base, (ids.ALERT_KEY, "data"): key,
                                   (ids.RESPON_DONE, "data"): answer[ids.RESPON_DONE]["data"]}, f"{ids.RESPON_DONE}.data")
    assert again.status_code == 204 or again.get_json()["response"] == {}  # every output no_update

    # the owner's puskesmas, through the same callback, may
    client, graph = _app(served["root"], Actor("pkm-sini", "puskesmas", served["owner"]))
    r = _post(client, graph.by_output(f"{ids.RESPON_MESSAGE}.children"), values, f"{ids.RESPON_SAVE}.n_clicks")
    answer = r.get_json()["response"]
    assert answer[ids.RESPON_MESSAGE]["children"].startswith("Tercatat:")
    assert answer[ids.RESPON_DONE]["data"] == {"alert": served["alert"], "urutan": 1}  # named as it was asked
    assert store.steps(db, [served["alert"]])["username"].tolist() == ["pkm-sini"]
    db.dispose()


def _payload_with_button(cb, button_id):
    """The form callback's request after a press of the (crafted) step button ``button_id``."""
    import json

    from tests.dash_requests import payload

    body = payload(cb, {}, [json.dumps(button_id, sort_keys=True, separators=(",", ":")) + ".n_clicks"])
    body["inputs"][0] = [{"id": button_id, "property": "n_clicks", "value": 1}]
    return body


def _listed_refs(client, graph, search) -> list[str]:
    """The ``data-alert`` of the alert list's items, in order, for the page at ``search``."""
    import re

    from layouts import ids

    cb = graph.by_output(f"{ids.ALERTS}.children")
    r = _post(client, cb, {(ids.LOCATION, "search"): search, (ids.RENDERED, "data"): "id"}, f"{ids.LOCATION}.search")
    assert r.status_code == 200
    listed = r.get_json()["response"][ids.ALERTS]["children"]
    return re.findall(r"'data-alert': '(a[0-9a-f]+)'", str(listed))


def test_an_e_mail_link_opens_the_alert_in_the_list_with_its_step_even_a_cluster_centred_outside(served, tmp_path):
    from urllib.parse import urlsplit

    from layouts import ids
    from notify.mail import _places, messages
    from opsdb import OpsDb, users
    from puskesmas import import_puskesmas
    from puskesmas.table import WILAYAH_KERJA_FILE
    from workspace.store import Workspace

    md = served["md"]
    table = md.response_alerts()
    cluster = table[table["jenis"] == "klaster"].iloc[-1]
    centre = cluster["kode_desa"]
    member = next(d for d in cluster["desa"] if d != centre)
    owner = areas.puskesmas_of(md)
    # the wilayah kerja re-drawn so that another puskesmas holds one of the cluster's desa, not its centre
    reader = next(p for p in md.wilayah_kerja["kode_puskesmas"].unique() if p != owner[centre])
    wk = md.workspace.read_table(WILAYAH_KERJA_FILE)
    wk.loc[wk["kode_desa"] == member, ["kode_puskesmas", "nama_puskesmas"]] = (
        reader, wk.loc[wk["kode_puskesmas"] == reader, "nama_puskesmas"].iat[0])
    wk[["kode_puskesmas", "nama_puskesmas", "kode_desa"]].to_csv(tmp_path / "wk.csv", index=False)
    import_puskesmas(Workspace(served["root"]), tmp_path / "wk.csv")
    md = MapDataCache().get(served["root"])
    week = waspada.list_week(md)
    older = next(r for r in table[(table["minggu"] == waspada.recent_weeks(md)[-3]) & (table["jenis"] == "desa")]
                 .to_dict("records") if owner[r["kode_desa"]] == reader)

    # the messages as an import writes them, to the reading puskesmas's account
    db = OpsDb.for_workspace(served["root"])
    users.add_user(db, "pkm-baca", "puskesmas", "kata-sandi-uji-1", reader, email="baca@pkm.example")
    place_areas, place_wk, names = _places(md.workspace)
    chosen = table[table["id"].isin([cluster["id"], older["id"]])]
    body = next(m["body"] for m in messages(chosen, users.list_users(db), place_areas, place_wk, "https://pws.example",
                                            names) if m["username"] == "pkm-baca")
    db.dispose()
    # the e-mail tells the reader no more than the page: not the centre outside (name, code), not the whole
    # cluster's counts, not the raw id (which holds the centre's code)
    assert centre not in body and names[centre] not in body
    assert f"{cluster['observed']:.0f} kasus (harapan {cluster['expected']:.0f})" not in body
    assert cluster["id"] not in body and f"id: {waspada.alert_ref(cluster['id'])}" in body
    assert f"sekitar {names[member]}" in body and f"id: {older['id']}" in body  # a desa alert in scope: its id
    links = {line.strip().split("peringatan=")[1]: urlsplit(line.strip()).query for line in body.splitlines()
             if line.strip().startswith("https://pws.example/?")}
    assert set(links) == {waspada.alert_ref(cluster["id"]), waspada.alert_ref(older["id"])}
    to_cluster = links[waspada.alert_ref(cluster["id"])]
    assert f"pilih={member}" in to_cluster and centre not in to_cluster  # on a desa the reader sees; no centre code

    client, graph = _app(served["root"], Actor("pkm-baca", "puskesmas", reader))
    for alert in (cluster, older):
        ref = waspada.alert_ref(alert["id"])
        listed = _listed_refs(client, graph, "?" + links[ref])
        assert listed and listed[0] == ref  # the alert the link names, first
    assert waspada.alert_ref(older["id"]) not in _listed_refs(client, graph, "?" + links[waspada.alert_ref(older["id"])]
                                                               .split("&peringatan=")[0])  # an earlier week's
    assert older["minggu"] < week
    mine = md.for_actor(Actor("pkm-baca", "puskesmas", reader))
    search = "?" + links[waspada.alert_ref(older["id"])]
    shown = alert_list(mine, current_state(mine, search), asked=waspada.alert_ref(older["id"]))["rows"][0]
    assert shown["diminta"] and shown["rinci"].startswith(f"minggu {older['minggu']} · ")  # an earlier week: says so
    # its step form opens from the list, and the step is taken as the reader
    ref = waspada.alert_ref(cluster["id"])
    opener = graph.by_output(f"{ids.RESPON_FORM_TITLE}.children")
    r = client.post("/_dash-update-component", json=_payload_with_button(opener, ids.step_button(ref, "diverifikasi", "daftar")))
    assert r.get_json()["response"][ids.RESPON_FORM]["hidden"] is False
    save = graph.by_output(f"{ids.RESPON_MESSAGE}.children")
    values = {(ids.LOCATION, "search"): "?" + links[ref], (ids.RESPON_SAVE, "n_clicks"): 1,
              (ids.RESPON_PILIH, "data"): {"alert": ref, "status": "diverifikasi"}, (ids.RESPON_VERDICT, "value"): "benar"}
    answer = _post(client, save, values, f"{ids.RESPON_SAVE}.n_clicks").get_json()["response"]
    assert answer[ids.RESPON_MESSAGE]["children"].startswith("Tercatat:")
    db = OpsDb.for_workspace(served["root"])
    assert store.steps(db, [cluster["id"]])["username"].tolist() == ["pkm-baca"]
    # the command line takes the digest the e-mail gave as the id (as alert-status does)
    step = responses.act(md, db, Actor("pkm-baca", "puskesmas", reader), ref, "respon")
    assert (step["alert_id"], step["urutan"]) == (cluster["id"], 2)
    db.dispose()


def test_a_crafted_form_store_or_field_is_a_bad_request(served):
    from layouts import ids

    client, graph = _app(served["root"], Actor("pkm-sini", "puskesmas", served["owner"]))
    save = graph.by_output(f"{ids.RESPON_MESSAGE}.children")
    for pilih, verdict in [("desa:x", None), ({"alert": ["x"], "status": "diverifikasi"}, None),
                           ({"alert": served["alert"], "status": "ditutup"}, None),
                           ({"alert": served["alert"], "status": "diverifikasi"}, ["benar"])]:
        values = {(ids.LOCATION, "search"): "", (ids.RESPON_SAVE, "n_clicks"): 1, (ids.RESPON_PILIH, "data"): pilih,
                  (ids.RESPON_VERDICT, "value"): verdict}
        assert _post(client, save, values, f"{ids.RESPON_SAVE}.n_clicks").status_code == 400


@pytest.mark.parametrize("actor", [ADMIN, Actor("dinkes", "dinas", "29.01"), None], ids=["admin", "dinas", "puskesmas"])
def test_one_week_of_answerable_alerts_equals_that_week_of_every_week(md, actor):
    if actor is None:
        actor = Actor("pkm", "puskesmas", md.wilayah_kerja["kode_puskesmas"].iloc[0])
    mine = md.for_actor(actor)
    table = mine.response_alerts()
    weeks = sorted(set(table["minggu"]), reverse=True)
    for week in (mine.latest_week(), weeks[5], weeks[-1]):
        every = table[table["minggu"] == week].reset_index(drop=True)
        one = mine.week_response_alerts(week)
        assert one["id"].tolist() == every["id"].tolist()
        pd.testing.assert_frame_equal(one.reset_index(drop=True), every, check_dtype=False)


def test_the_states_read_once_for_everyone_equal_each_scope_s_own(md, ops_db):
    from mapdata.responses import with_states

    week = waspada.list_week(md)
    states = waspada.week_states(md, ops_db, week)
    responses.act(md, ops_db, ADMIN, states["id"].iat[0], "diverifikasi", verdict="salah")
    for actor in (Actor("dinkes", "dinas", "29.01"), Actor("pkm", "puskesmas", md.wilayah_kerja["kode_puskesmas"].iloc[3])):
        mine = md.for_actor(actor)
        shared = waspada.week_states(mine, ops_db, week)
        own = with_states(mine.week_response_alerts(week), ops_db)
        assert len(shared) and shared["id"].tolist() == own["id"].tolist()
        cols = [c for c in own.columns if c != "umur_jam"]  # ages depend on when each was read
        pd.testing.assert_frame_equal(shared[cols].reset_index(drop=True), own[cols].reset_index(drop=True),
                                      check_dtype=False)


def test_a_step_redraws_the_list_the_table_and_a_desa_s_panel_in_its_language(md, ops_db):
    from dash import no_update

    from callbacks.panels import alerts_if_changed, panels_output

    week = waspada.list_week(md)
    alert = waspada.week_states(md, ops_db, week).iloc[0]
    desa = alert["desa"][0]
    at_kab, at_desa = f"?wilayah={desa[:5]}&indikator=k1", f"?wilayah={desa}&indikator=k1&bahasa=en"
    *_, kab_keys = panels_output(at_kab, None, md, None, ops_db)
    *_, desa_keys = panels_output(at_desa, None, md, None, ops_db)
    *_, list_key, _ = alerts_if_changed(at_desa, None, md, ops_db)
    assert panels_output(at_desa, desa_keys, md, None, ops_db) == (no_update,) * 4

    responses.act(md, ops_db, ADMIN, alert["id"], "diverifikasi", verdict="benar")
    table, trend, card, _ = panels_output(at_kab, kab_keys, md, None, ops_db)
    # the table's key holds the state version (its rows may carry figures); the panel above a desa, a live
    # region, stays quiet until the next move
    assert table is not no_update and trend is no_update and card is no_update
    table, trend, card, _ = panels_output(at_desa, desa_keys, md, None, ops_db)
    assert card is not no_update and trend is no_update
    text = str(card)
    assert "This desa's alerts" in text and "verified: real (a real rise)" in text and "Start response" in text
    title, children, chart, key, pressed = alerts_if_changed(at_desa, list_key, md, ops_db)
    assert key != list_key and "verified: real (a real rise)" in str(children) and title.startswith("Early warning")


def test_the_state_version_changes_with_every_step_and_recording_and_only_then(md, ops_db):
    from surveillance.response import StepRefused

    week = waspada.list_week(md)
    table = md.week_response_alerts(week)
    before = store.state_version(ops_db, [week])
    assert before == (0, 0)
    store.register_alerts(ops_db, table.iloc[:2], RAISED)
    recorded = store.state_version(ops_db, [week])
    assert recorded == (0, 2) and store.state_version(ops_db, ["2020-W01"]) == (0, 0)
    responses.act(md, ops_db, ADMIN, table["id"].iat[0], "diverifikasi", verdict="benar")
    stepped = store.state_version(ops_db, [week])
    assert stepped[0] > 0 and stepped[1] == 2
    with pytest.raises(StepRefused):
        responses.act(md, ops_db, ADMIN, table["id"].iat[0], "selesai")  # after benar: respon first
    assert store.state_version(ops_db, [week]) == stepped  # a refused step stores nothing


def test_an_older_week_s_brief_names_its_week_in_the_map_legend_the_dashboard_keeps_this_week(md, ops_db):
    from mapdata.brief import build_brief
    from mapdata.brief_pdf import brief_map_parts
    from mapdata.export import map_figure

    latest = waspada.list_week(md)
    weeks = [w for w in sorted(set(md.response_alerts()["minggu"])) if w < latest]
    found = None
    for old in reversed(weeks):  # an older week whose brief map outlines an alert
        states = waspada.week_states(md, ops_db, old)
        high = states[(states["severity"] == "tinggi") & (states["status"] == "baru")]
        if len(high):
            kab = high["kode_desa"].iloc[0][:5]
            parts = brief_map_parts(md, build_brief(md, kab, old), "id", ops_db)
            if parts and parts["hideout"]["waspada"]:
                found = old, kab, parts
                break
    assert found, "the demo holds no older week with an unverified high alert"
    old, kab, parts = found
    legend = [x.get_text() for x in map_figure(**parts).axes[0].get_legend().get_texts()]
    assert f"Garis merah putus-putus: peringatan dini tinggi minggu {old}, belum diverifikasi" in legend
    assert not any("minggu ini" in text for text in legend)
    english = brief_map_parts(md, build_brief(md, kab, old, lang="en"), "en", ops_db)
    legend = [x.get_text() for x in map_figure(**english).axes[0].get_legend().get_texts()]
    assert f"Dashed red outline: high-severity early warning of week {old}, not verified yet" in legend
    # the dashboard's map (its PNG export, no alert_week) keeps "this week":
    # test_the_png_draws_and_explains_both_outlines
