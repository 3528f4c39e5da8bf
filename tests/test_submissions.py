"""The submission history and the rollback, on SQLite and PostgreSQL (``ops_db`` runs each test on both)."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

import pandas as pd
import pytest

import commands
from errors import PwsError
from indicator_workspace import make_workspace
from opsdb import audit, submissions
from texts.message import message_text
from uploads.run import rollback, rollback_refusal, run_import


def _csv(path, rows):
    pd.DataFrame(rows, columns=["kode_desa", "periode", "indikator", "pembilang", "penyebut"]).to_csv(path, index=False)
    return path


@pytest.fixture()
def ws(tmp_path):
    return make_workspace(tmp_path / "ws")


def test_an_import_is_recorded_with_its_file_counts_and_snapshots(ws, ops_db, tmp_path):
    path = _csv(tmp_path / "september.csv", [
        ("19.06.01.2001", "2026-09", "k1", 8, 10),
        ("19.06.02.2001", "2026-09", "k1", 3, 4),
        ("19.06.01.2002", "2026-09", "k1", "x", 4),  # rejected: pembilang bukan angka
        ("19.99.01.2001", "2026-09", "k1", 1, 4),  # no such desa
    ])
    before = ws.snapshot_id
    outcome = run_import(ws, "indicators", path, username="budi", db=ops_db)
    assert (outcome.rows_read, outcome.rows_imported, outcome.rows_rejected, outcome.rows_outside) == (4, 2, 2, 0)
    [s] = submissions.history(ops_db)
    assert (s.username, s.channel, s.kind, s.status, s.check_only, s.file_name) == (
        "budi", "cli", "indicators", "ok", False, "september.csv")
    assert s.size == path.stat().st_size and s.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (s.rows_read, s.rows_imported, s.rows_rejected) == (4, 2, 2)
    assert s.snapshot_before == before and s.snapshot_after == ws.snapshot_id != before
    assert s.periods == ["2026-09"] and s.units == ["19.06.01", "19.06.02"]  # no wilayah kerja table: kecamatan
    assert s.at.tzinfo is not None and s.diterima == s.at


def test_a_check_writes_nothing_but_is_recorded_as_a_check(ws, ops_db, tmp_path):
    path = _csv(tmp_path / "a.csv", [("19.06.01.2001", "2026-09", "k1", 8, 10)])
    before = ws.snapshot_id
    outcome = run_import(ws, "indicators", path, username="budi", check=True, db=ops_db)
    assert ws.snapshot_id == before and outcome.rows_imported == 1
    [s] = submissions.history(ops_db)
    assert s.check_only and s.snapshot_after == before and s.units is None
    assert submissions.arrivals(ops_db).empty  # a check is no arrival
    assert submissions.history(ops_db, include_checks=False) == []


def test_a_refused_import_is_recorded_with_its_reason(ws, ops_db, tmp_path):
    path = _csv(tmp_path / "bad.csv", [("19.06.01.2001", "2026-09", "k1", "x", 10)])
    before = ws.snapshot_id
    with pytest.raises(PwsError, match="tidak ada baris yang bisa diimpor"):
        run_import(ws, "indicators", path, username="budi", db=ops_db)
    [s] = submissions.history(ops_db)
    # kept as its key and parameters: each reader gets it in the language of the page or run
    assert s.status == "gagal" and "tidak ada baris yang bisa diimpor" in message_text(s.message, "id")
    assert "no row could be imported" in message_text(s.message, "en")
    assert s.snapshot_before == s.snapshot_after == before == ws.snapshot_id


def test_rows_outside_the_senders_desa_are_listed_and_never_imported(ws, ops_db, tmp_path):
    from indicators.query import IndicatorQuery

    path = _csv(tmp_path / "mix.csv", [
        ("19.06.01.2001", "2026-09", "k1", 8, 10),  # own
        ("19.06.02.2001", "2026-09", "k1", 3, 4),  # another puskesmas's desa
        ("19.06.01.2002", "2026-09", "k1", 5, -1),  # own but bad
    ])
    outcome = run_import(ws, "indicators", path, username="pkm", channel="web", wilayah="19.06.01",
                         desa={"19.06.01.2001", "19.06.01.2002", "19.06.01.2003"}, db=ops_db)
    assert (outcome.rows_imported, outcome.rows_rejected, outcome.rows_outside) == (1, 1, 1)
    reasons = {r["baris"]: r["alasan"] for r in outcome.report["rejected"]}
    assert "luar wilayah" in reasons[3] and "penyebut negatif" in reasons[4]
    table = IndicatorQuery(ws).children("19.06", "k1", "2026-09")
    by_kode = dict(zip(table["kode"], table["pembilang"]))
    assert by_kode["19.06.01"] == 8 and pd.isna(by_kode["19.06.02"])  # the other desa's 3 never arrived
    [s] = submissions.history(ops_db, wilayah=["19.06.01"])
    assert (s.rows_outside, s.wilayah, s.channel) == (1, "19.06.01", "web")
    assert submissions.history(ops_db, wilayah=["19.05"]) == []


def test_arrivals_feed_timeliness_with_the_recorded_or_given_time(ws, ops_db, tmp_path):
    from reports.timeliness import Tenggat, report_status

    first = _csv(tmp_path / "a.csv", [("19.06.01.2001", "2026-09", "k1", 8, 10)])
    late = _csv(tmp_path / "b.csv", [("19.06.02.2001", "2026-09", "k1", 8, 10)])
    run_import(ws, "indicators", first, username="a", db=ops_db,
               diterima=datetime(2026, 10, 5, 16, 0, tzinfo=timezone.utc))  # 23:00 WIB on the 5th: on time
    run_import(ws, "indicators", late, username="b", db=ops_db,
               diterima=datetime(2026, 10, 5, 17, 30, tzinfo=timezone.utc))  # 00:30 WIB on the 6th: late
    arrivals = submissions.arrivals(ops_db)
    assert sorted(arrivals["wilayah"]) == ["19.06.01", "19.06.02"]
    table = report_status(arrivals, ["19.06.01", "19.06.02", "19.05.01"], ["2026-09"], "indikator", Tenggat())
    got = {r.wilayah: (bool(r.tiba), bool(r.tepat_waktu)) for r in table.itertuples()}
    assert got == {"19.06.01": (True, True), "19.06.02": (True, False), "19.05.01": (False, False)}


def test_rollback_brings_back_the_earlier_data_as_a_new_snapshot_and_is_recorded(ws, ops_db, tmp_path):
    from indicators.query import IndicatorQuery

    run_import(ws, "indicators", _csv(tmp_path / "a.csv", [("19.06.01.2001", "2026-09", "k1", 8, 10)]),
               username="a", db=ops_db)
    good = ws.snapshot_id
    run_import(ws, "indicators", _csv(tmp_path / "b.csv", [("19.06.01.2001", "2026-09", "k1", 1, 10),
                                                           ("19.06.02.2001", "2026-09", "k1", 2, 10)]),
               username="a", db=ops_db)
    wrong = ws.snapshot_id

    def values():
        t = IndicatorQuery(ws).children("19.06", "k1", "2026-09")
        return {k: (None if pd.isna(v) else float(v)) for k, v in zip(t["kode"], t["pembilang"])}

    assert values() == {"19.06.01": 1.0, "19.06.02": 2.0}
    result = rollback(ws, good, username="admin", db=ops_db)
    assert result["snapshot_before"] == wrong and result["snapshot_after"] == ws.snapshot_id not in (good, wrong)
    assert values() == {"19.06.01": 8.0, "19.06.02": None}
    assert ws.manifest["rollback_ke"] == good
    assert ws.manifest["history"][-1]["import"] == "rollback"
    newest = submissions.history(ops_db)[0]
    assert (newest.kind, newest.status, newest.username, newest.file_name) == ("rollback", "ok", "admin", good)
    assert audit.events(ops_db, kind="impor")[-1].detail["what"] == "rollback"
    with pytest.raises(PwsError, match="sudah yang aktif"):
        rollback(ws, ws.snapshot_id, username="admin", db=ops_db)
    with pytest.raises(PwsError, match="tidak disimpan"):
        rollback(ws, "20000101T000000-deadbeef", username="admin", db=ops_db)
    assert [s.status for s in submissions.history(ops_db)[:2]] == ["gagal", "gagal"]


def test_rollback_refusal_names_why_a_snapshot_cannot_be_rolled_back_to(ws, ops_db, tmp_path):
    first = ws.snapshot_id
    run_import(ws, "indicators", _csv(tmp_path / "a.csv", [("19.06.01.2001", "2026-09", "k1", 8, 10)]),
               username="a", db=ops_db)
    assert rollback_refusal(ws, first) is None
    assert rollback_refusal(ws, ws.snapshot_id) == "snapshot_sudah_aktif"
    for name in ("20000101T000000-deadbeef", "../../etc", ".tmp", "", first + "/manifest.json"):
        assert rollback_refusal(ws, name) == "snapshot_tidak_disimpan"
    # the command refuses by the same rule, before touching the workspace, and records it
    live = ws.snapshot_id
    with pytest.raises(PwsError) as refused:
        rollback(ws, "../../etc", username="admin", db=ops_db)
    assert refused.value.key == "snapshot_tidak_disimpan" and ws.snapshot_id == live
    assert submissions.history(ops_db)[0].status == "gagal"


def test_rollback_removes_files_the_earlier_snapshot_did_not_have(ws, ops_db, tmp_path):
    bare = ws.snapshot_id
    run_import(ws, "indicators", _csv(tmp_path / "a.csv", [("19.06.01.2001", "2026-09", "k1", 8, 10)]),
               username="a", db=ops_db)
    assert ws.has("indikator/nilai.parquet") or ws.manifest.get("indikator")
    rollback(ws, bare, username="admin", db=ops_db)
    assert "indikator" not in ws.manifest
    assert not any(f.startswith("indikator") for f in ws.manifest["files"])


def test_an_import_racing_a_rollback_is_refused_with_run_it_again(ws, ops_db, tmp_path):
    first = ws.snapshot_id
    run_import(ws, "indicators", _csv(tmp_path / "a.csv", [("19.06.01.2001", "2026-09", "k1", 8, 10)]),
               username="a", db=ops_db)
    with pytest.raises(PwsError, match="jalankan lagi"):
        with ws.transaction("indicators") as tx:  # an import that started before the rollback committed
            tx.write_table("indikator/x.parquet", pd.DataFrame({"a": [1]}))
            rolled = rollback(ws, first, username="admin", db=ops_db)
    assert ws.snapshot_id == rolled["snapshot_after"] and not ws.has("indikator/x.parquet")


def test_the_cli_records_user_and_arrival_and_lists_the_history(ws, tmp_path, capsys, monkeypatch):
    path = _csv(tmp_path / "sept.csv", [("19.06.01.2001", "2026-09", "k1", 8, 10)])
    monkeypatch.setenv("PWS_USER", "dari-env")
    assert commands.main(["import", "indicators", str(path), "--workspace", str(ws.root), "--user", "budi",
                          "--diterima", "2026-10-06T09:00"]) == 0
    assert commands.main(["import", "indicators", str(path), "--workspace", str(ws.root), "--check"]) == 0
    capsys.readouterr()
    assert commands.main(["history", "--workspace", str(ws.root), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    check, saved = out["submissions"]
    assert (saved["username"], saved["kind"], saved["check_only"]) == ("budi", "indicators", False)
    assert saved["diterima"] == "2026-10-06T02:00:00+00:00"  # 09:00 WIB, the workspace's local time
    assert (check["username"], check["check_only"]) == ("dari-env", True)
    assert out["live"] == saved["snapshot_after"] and saved["snapshot_after"] in out["kept"]
    assert commands.main(["completeness", "--workspace", str(ws.root), "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    per_unit = {r["wilayah"]: r for r in done["laporan"]["jenis"]["indikator"]["per_wilayah"]}
    assert done["sumber_kedatangan"] == "riwayat kiriman"
    assert (per_unit["19.06.01"]["tiba"], per_unit["19.06.01"]["tepat_waktu"]) == (1, 0)  # after the 5th: late
    assert per_unit["19.06.02"]["tiba"] == 0


def test_the_cli_rollback_prints_the_new_snapshot(ws, tmp_path, capsys):
    first = ws.snapshot_id
    path = _csv(tmp_path / "sept.csv", [("19.06.01.2001", "2026-09", "k1", 8, 10)])
    assert commands.main(["import", "indicators", str(path), "--workspace", str(ws.root)]) == 0
    capsys.readouterr()
    assert commands.main(["rollback", first, "--workspace", str(ws.root), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["rollback_ke"] == first and out["snapshot_after"] == ws.snapshot_id
    assert commands.main(["rollback", "nope", "--workspace", str(ws.root)]) == 2


def test_case_rows_outside_the_senders_desa_are_listed_and_never_imported(tmp_path, ops_db):
    from unggah_support import KELUBI_PKM, two_puskesmas_workspace

    ws = two_puskesmas_workspace(tmp_path / "ws2")
    path = tmp_path / "kasus.csv"
    path.write_text("minggu,tempat,penyakit,jumlah\n2026-W40,19.06.01.2001,diare,3\n"
                    "2026-W40,19.06.01.2003,diare,5\n2026-W40,19.06.01.2003,ili,1\n2026-W40,19.06.01.2002,diare,x\n")
    desa = {"19.06.01.2001", "19.06.01.2002"}
    checked = run_import(ws, "cases", path, username="pkm", channel="web", wilayah=KELUBI_PKM, desa=desa,
                         check=True, db=ops_db)
    assert (checked.rows_read, checked.rows_imported, checked.rows_outside) == (4, 1, 2)
    assert checked.rows_rejected == 1
    outside = [p for p in checked.problems() if p["luar"]]
    assert [p["kode"] for p in outside] == ["19.06.01.2003"] and "2 baris" in outside[0]["alasan"]
    saved = run_import(ws, "cases", path, username="pkm", channel="web", wilayah=KELUBI_PKM, desa=desa, db=ops_db)
    kasus = ws.read_table("kasus/kasus.parquet") if ws.has("kasus/kasus.parquet") else None
    assert saved.rows_imported == 1 and saved.units == [KELUBI_PKM] and saved.periods == ["2026-W40"]
    assert kasus is None or set(kasus["kode_desa"]) == {"19.06.01.2001"}
    arrivals = submissions.arrivals(ops_db)
    assert list(arrivals[["wilayah", "jenis", "periode"]].itertuples(index=False, name=None)) == [(KELUBI_PKM, "w2", "2026-W40")]


def test_arrivals_are_utc_times_and_the_version_moves_with_each_submission(ops_db):
    from datetime import timedelta

    assert submissions.version(ops_db) == 0 and submissions.arrivals(ops_db).empty
    wita = timezone(timedelta(hours=8))
    first = submissions.record(ops_db, channel="web", kind="cases", status="ok", units=["P1", "P2"],
                               periods=["2026-W40"], diterima=datetime(2026, 10, 6, 12, 30, tzinfo=wita))
    assert submissions.version(ops_db) == first
    submissions.record(ops_db, channel="cli", kind="indicators", status="gagal", units=["P1"], periods=["2026-09"])
    assert submissions.version(ops_db) == first + 1  # every submission moves it, a refused one too
    got = submissions.arrivals(ops_db)
    assert isinstance(got["diterima"].dtype, pd.DatetimeTZDtype) and str(got["diterima"].dt.tz) == "UTC"
    assert got[["wilayah", "jenis", "periode"]].values.tolist() == [["P1", "w2", "2026-W40"], ["P2", "w2", "2026-W40"]]
    assert (got["diterima"] == pd.Timestamp("2026-10-06 04:30", tz="UTC")).all()  # 12:30 WITA


def test_record_many_checks_every_row_and_writes_none_of_a_bad_batch(ops_db):
    at = datetime(2026, 10, 5, 3, 0, tzinfo=timezone.utc)
    good = {"channel": "web", "kind": "cases", "status": "ok", "diterima": at, "units": ["P01"], "periods": ["2026-W40"]}
    with pytest.raises(ValueError, match="channel"):
        submissions.record_many(ops_db, [good, {**good, "channel": "pos"}])
    with pytest.raises(ValueError, match="time zone"):
        submissions.record_many(ops_db, [good, {**good, "diterima": datetime(2026, 10, 5)}])
    assert submissions.history(ops_db) == []
    assert submissions.record_many(ops_db, [good, {**good, "units": ["P02"]}]) == 2
    got = submissions.arrivals(ops_db)
    assert sorted(got["wilayah"]) == ["P01", "P02"] and (got["diterima"] == pd.Timestamp(at)).all()
    assert [s.units for s in submissions.history(ops_db, limit=1)] == [["P02"]]  # the newest: the last id


def test_a_dinas_file_credits_only_the_unit_and_period_pairs_it_holds(tmp_path, ops_db):
    from reports.timeliness import Tenggat, report_status
    from unggah_support import KELUBI_PKM, LAIN_PKM, two_puskesmas_workspace

    ws = two_puskesmas_workspace(tmp_path / "ws2")
    path = tmp_path / "kasus.csv"
    path.write_text("minggu,tempat,penyakit,jumlah\n2026-W40,19.06.01.2001,diare,3\n2026-W41,19.06.01.2003,diare,5\n")
    saved = run_import(ws, "cases", path, username="dinas", channel="web", wilayah="19.06", db=ops_db,
                       diterima=datetime(2026, 10, 12, 3, 0, tzinfo=timezone.utc))
    assert saved.units == [KELUBI_PKM, LAIN_PKM] and saved.periods == ["2026-W40", "2026-W41"]
    got = submissions.arrivals(ops_db)
    assert sorted(got[["wilayah", "jenis", "periode"]].itertuples(index=False, name=None)) == [
        (KELUBI_PKM, "w2", "2026-W40"), (LAIN_PKM, "w2", "2026-W41")]  # not P1/W41 nor P2/W40
    table = report_status(got, [KELUBI_PKM, LAIN_PKM], ["2026-W40", "2026-W41"], "w2", Tenggat())
    arrived = {(r.wilayah, r.periode) for r in table.itertuples() if r.tiba}
    assert arrived == {(KELUBI_PKM, "2026-W40"), (LAIN_PKM, "2026-W41")}
    [s] = submissions.history(ops_db)
    assert s.pasangan == [[KELUBI_PKM, "2026-W40"], [LAIN_PKM, "2026-W41"]]


def test_an_indicator_file_credits_each_desas_unit_only_for_its_own_months(ws, ops_db, tmp_path):
    path = _csv(tmp_path / "dua.csv", [
        ("19.06.01.2001", "2026-08", "k1", 8, 10),
        ("19.06.02.2001", "2026-09", "k1", 3, 4),
        ("19.06.02.2001", "2026-09", "k4", 1, 4),  # a second indicator: the same pair once
        ("19.06.01.2002", "2026-09", "k1", "x", 4),  # rejected: brings no arrival for 19.06.01 in September
    ])
    saved = run_import(ws, "indicators", path, username="dinas", db=ops_db)
    assert "desa_periode" not in saved.report  # used for the history, not printed with the report
    got = submissions.arrivals(ops_db)
    assert sorted(got[["wilayah", "periode"]].itertuples(index=False, name=None)) == [
        ("19.06.01", "2026-08"), ("19.06.02", "2026-09")]


def test_rows_recorded_before_the_pairs_were_kept_fall_back_to_every_unit_and_period(ops_db):
    submissions.record(ops_db, channel="cli", kind="cases", status="ok", units=["P1", "P2"], periods=["2026-W40"])
    submissions.record(ops_db, channel="cli", kind="cases", status="ok", units=["P1", "P2"], periods=["2026-W41"],
                       pasangan=[["P2", "2026-W41"]])
    got = submissions.arrivals(ops_db)
    assert got[["wilayah", "periode"]].values.tolist() == [["P1", "2026-W40"], ["P2", "2026-W40"], ["P2", "2026-W41"]]


def test_the_pairs_migration_keeps_older_rows_and_can_be_undone_and_done_again(ops_db):
    import sqlalchemy as sa
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.config import Config
    from alembic.migration import MigrationContext

    from opsdb.schema import metadata
    from opsdb.store import MIGRATIONS, migrate

    at = datetime(2026, 10, 6, 3, 0, tzinfo=timezone.utc)
    submissions.record(ops_db, channel="web", kind="cases", status="ok", units=["P1"], periods=["2026-W40"],
                       pasangan=[["P1", "2026-W40"]], diterima=at, at=at)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with ops_db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004_respon")
    with ops_db.engine.begin() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == "0004_respon"
        assert "pasangan" not in {c["name"] for c in sa.inspect(conn).get_columns("submissions")}
        # a row as the code before 0005 wrote it: two units, two weeks, no pairs
        conn.execute(sa.text("INSERT INTO submissions (at, diterima, channel, kind, check_only, status, units, periods) "
                             "VALUES (:at, :at, 'cli', 'cases', :no, 'ok', :units, :periods)"),
                     {"at": at, "no": False, "units": json.dumps(["P1", "P2"]),
                      "periods": json.dumps(["2026-W40", "2026-W41"])})
    migrate(ops_db.engine)
    with ops_db.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == "0005_pasangan"
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []  # the indexes came back too
    kept, old = sorted(submissions.history(ops_db), key=lambda s: s.id)
    assert old.pasangan is None and kept.units == ["P1"] and kept.pasangan is None  # the downgrade dropped its pairs
    got = submissions.arrivals(ops_db)
    assert sorted(got[["wilayah", "periode"]].itertuples(index=False, name=None)) == [
        ("P1", "2026-W40"), ("P1", "2026-W40"), ("P1", "2026-W41"), ("P2", "2026-W40"), ("P2", "2026-W41")]
    submissions.record(ops_db, channel="web", kind="cases", status="ok", units=["P1", "P2"],
                       periods=["2026-W42", "2026-W43"], pasangan=[["P1", "2026-W42"], ["P2", "2026-W43"]])
    assert len(submissions.arrivals(ops_db)) == 5 + 2
