"""Who may act on an alert, through the door the command line and the page share (:func:`mapdata.responses.act`).

The demo's snapshot (read-only) with a fresh operational database per test
(SQLite and PostgreSQL): every state change is tried first by a user whose
scope does not hold the alert (refused, nothing stored, nothing audited), then
by one who may (the puskesmas of the desa, the dinas of its kabupaten, the admin).
"""

from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd
import pytest

from access.actor import Actor
from access.respond import NotYourAlert
from access.scope import NoAccess
from errors import PwsError
from mapdata import responses
from mapdata.store import MapDataCache
from opsdb import audit
from opsdb import responses as store
from surveillance.response import StepRefused

RAISED = datetime(2026, 11, 23, 6, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def md(demo_workspace):
    return MapDataCache().get(demo_workspace.root)


@pytest.fixture(scope="module")
def cast(md):
    """An alert of the latest week, its puskesmas, another puskesmas, its kabupaten's dinas and another's."""
    table = md.response_alerts()
    owner = dict(zip(md.wilayah_kerja["kode_desa"], md.wilayah_kerja["kode_puskesmas"]))
    desa = table[(table["jenis"] == "desa") & (table["minggu"] == md.latest_week())].iloc[0]
    own = owner[desa["kode_desa"]]
    other = next(p for p in md.wilayah_kerja["kode_puskesmas"] if p != own)
    kab = desa["kode_desa"][:5]
    other_kab = next(k for k in md.areas.loc[md.areas["level"] == "kabkota", "kode"] if k != kab)
    return {
        "alert": desa["id"], "desa": desa["kode_desa"],
        "puskesmas": Actor("pkm-sini", "puskesmas", own), "puskesmas_lain": Actor("pkm-sana", "puskesmas", other),
        "dinas": Actor("dinkes", "dinas", kab), "dinas_lain": Actor("dinkes-lain", "dinas", other_kab),
        "admin": Actor("root", "admin"),
    }


@pytest.fixture
def db(ops_db, md):
    store.register_alerts(ops_db, md.response_alerts(), RAISED)
    return ops_db


def status_of(md, db, alert_id):
    table = responses.alert_states(md, db)
    return table.set_index("id").loc[alert_id, "status"]


# (step, verdict, hasil, who may) — the whole life of one alert, and of one closed as a data error
LIFE = [("diverifikasi", "salah", None, "puskesmas"), ("diverifikasi", "benar", None, "dinas"),
        ("respon", None, None, "puskesmas"), ("selesai", None, "klb", "admin")]
DATA_ERROR = [("diverifikasi", "salah", None, "dinas"), ("selesai", None, None, "puskesmas")]


@pytest.mark.parametrize("life", [LIFE, DATA_ERROR], ids=["benar-respon-klb", "salah-selesai"])
def test_every_state_change_by_who_may_and_never_by_another(md, db, cast, life):
    alert = cast["alert"]
    for n, (status, verdict, hasil, who) in enumerate(life, start=1):
        for outsider in ("puskesmas_lain", "dinas_lain"):
            with pytest.raises(NotYourAlert, match=f"^Tidak ada peringatan dengan id '{alert}' di wilayah akun ini.$"):
                responses.act(md, db, cast[outsider], alert, status, verdict=verdict, hasil=hasil)
        assert len(store.steps(db, [alert])) == n - 1  # nothing stored by the refusals
        step = responses.act(md, db, cast[who], alert, status, verdict=verdict, hasil=hasil, note=f"langkah {n}",
                             address="10.0.0.7")
        assert (step["urutan"], step["status"], step["username"]) == (n, status, cast[who].username)
        assert status_of(md, db, alert) == status
    events = audit.events(db, kind="respon")
    assert [(e.username, e.detail["status"], e.detail["alert"]) for e in events] == [
        (cast[who].username, status, alert) for status, _, _, who in life]
    assert events[0].address == "10.0.0.7"


def test_the_scoped_view_the_page_holds_gives_the_same_answers(md, db, cast):
    alert = cast["alert"]
    mine, theirs = md.for_actor(cast["puskesmas"]), md.for_actor(cast["puskesmas_lain"])
    with pytest.raises(NotYourAlert):
        responses.act(theirs, db, cast["puskesmas_lain"], alert, "diverifikasi", verdict="benar")
    responses.act(mine, db, cast["puskesmas"], alert, "diverifikasi", verdict="benar")
    listed = responses.alert_states(mine, db)
    assert alert in set(listed["id"]) and alert not in set(responses.alert_states(theirs, db)["id"])
    assert all(any(d in mine.scope.desa for d in desa) for desa in listed["desa"])
    row = listed.set_index("id").loc[alert]
    assert (row["status"], row["verdict"], row["oleh"], row["berikutnya"]) == ("diverifikasi", "benar", "pkm-sini",
                                                                               ["respon", "diverifikasi"])
    assert row["raised_at"] == RAISED


def test_a_cluster_may_be_answered_by_anyone_whose_scope_holds_one_of_its_desa(md, db):
    table = md.response_alerts()
    cluster = table[table["jenis"] == "klaster"].iloc[0]
    owner = dict(zip(md.wilayah_kerja["kode_desa"], md.wilayah_kerja["kode_puskesmas"]))
    holders = {owner[d] for d in cluster["desa"]}
    outsider = next(p for p in md.wilayah_kerja["kode_puskesmas"] if p not in holders)
    with pytest.raises(NotYourAlert):
        responses.act(md, db, Actor("luar", "puskesmas", outsider), cluster["id"], "diverifikasi", verdict="benar")
    holder = sorted(holders)[-1]
    responses.act(md, db, Actor("dalam", "puskesmas", holder), cluster["id"], "diverifikasi", verdict="benar")
    assert status_of(md, db, cluster["id"]) == "diverifikasi"


def test_refusals_are_errors_the_command_line_and_the_web_both_know(md, db, cast):
    with pytest.raises(StepRefused) as unknown:
        responses.act(md, db, cast["admin"], "desa:2026-W47:diare_akut:29.99.99.9999", "diverifikasi", verdict="benar",
                      lang="en")
    assert unknown.value.alasan == "tidak_dikenal" and "no alert with id" in str(unknown.value)
    with pytest.raises(StepRefused, match="tidak dapat langsung menjadi 'respon'"):
        responses.act(md, db, cast["puskesmas"], cast["alert"], "respon")
    with pytest.raises(NotYourAlert) as refused:
        responses.act(md, db, None, cast["alert"], "diverifikasi", verdict="benar")
    assert isinstance(refused.value, NoAccess) and isinstance(refused.value, PwsError)  # 403 on the web, exit 2 on the CLI
    nobody_here = Actor("hantu", "puskesmas", "P-TIDAK-ADA")  # a wilayah the workspace does not hold: empty scope
    with pytest.raises(NotYourAlert):
        responses.act(md, db, nobody_here, cast["alert"], "diverifikasi", verdict="benar")
    assert len(store.steps(db)) == 0


def test_an_alert_raised_before_recording_began_is_recorded_when_first_acted_on(md, ops_db, cast):
    """A workspace upgraded with alerts in it: the first step records the alert (not the map's first read)."""
    assert len(store.raised(ops_db)) == 0
    responses.act(md, ops_db, cast["dinas"], cast["alert"], "diverifikasi", verdict="benar")
    assert list(store.raised(ops_db)["id"]) == [cast["alert"]]
    assert status_of(md, ops_db, cast["alert"]) == "diverifikasi"


def test_an_alert_recorded_only_when_first_acted_on_is_never_counted_verified_on_time(md, ops_db, cast):
    """Its raise time is unknown (before recording began, or the import's recording failed): SKDR cannot judge
    a verification nobody timed, so it counts in jumlah and terverifikasi, never in the 24-hour share or median."""
    responses.act(md, ops_db, cast["puskesmas"], cast["alert"], "diverifikasi", verdict="benar")
    assert store.raised(ops_db, ids=[cast["alert"]])["raised_at"].isna().all()  # not "now"
    row = responses.alert_states(md, ops_db, week=md.latest_week()).set_index("id").loc[cast["alert"]]
    assert row["status"] == "diverifikasi" and pd.isna(row["raised_at"])
    figures = responses.figures(md, ops_db).iloc[0]
    assert (figures["jumlah"], figures["terverifikasi"], figures["jatuh_tempo"], figures["tepat_24j"]) == (1, 1, 0, 0)
    assert pd.isna(figures["persen_24j"]) and pd.isna(figures["median_jam"]) and not figures["capai_target"]
    # beside a timed alert verified late, the share is that alert's alone: 0 %, not 50 %
    timed = md.response_alerts()
    other = timed[(timed["minggu"] == md.latest_week()) & (timed["id"] != cast["alert"]) &
                  timed["desa"].map(lambda d: cast["desa"][:5] == d[0][:5])].iloc[[0]]
    store.register_alerts(ops_db, other, RAISED)
    responses.act(md, ops_db, cast["dinas"], other["id"].iat[0], "diverifikasi", verdict="salah",
                  at=RAISED + pd.Timedelta(hours=30))
    figures = responses.figures(md, ops_db, now=RAISED + pd.Timedelta(days=3)).iloc[0]
    assert (figures["jumlah"], figures["jatuh_tempo"], figures["tepat_24j"], figures["persen_24j"]) == (2, 1, 0, 0.0)
    assert figures["median_jam"] == 30.0
