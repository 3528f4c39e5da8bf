"""Alert response in the operational database, on SQLite and PostgreSQL (the ``ops_db`` fixture runs each on both)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, IntegrityError

from opsdb import responses
from opsdb.schema import alert_steps
from surveillance.response import StepRefused

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc)


def table(n: int = 3, week: str = "2026-W47") -> pd.DataFrame:
    rows = [{"id": f"desa:{week}:diare_akut:29.01.01.{2001 + i}", "jenis": "desa", "kode_desa": f"29.01.01.{2001 + i}",
             "penyakit": "diare_akut", "minggu": week, "klaster_id": None, "desa": [f"29.01.01.{2001 + i}"],
             "severity": "tinggi" if i == 0 else "sedang", "methods": ["EARS C2"], "observed": 5.0, "expected": 1.0}
            for i in range(n)]
    rows.append({"id": f"klaster:{week}:diare_akut:29.01.02.2001", "jenis": "klaster", "kode_desa": "29.01.02.2001",
                 "penyakit": "diare_akut", "minggu": week, "klaster_id": f"diare_akut:29.01:{week}:1",
                 "desa": ["29.01.02.2001", "29.01.02.2002"], "severity": "sedang", "methods": ["Klaster ruang-waktu"],
                 "observed": 9.0, "expected": 2.0})
    return pd.DataFrame(rows)


def test_alerts_are_recorded_once_with_their_first_raised_time(ops_db):
    first = table(2)
    assert responses.register_alerts(ops_db, first, T0, submission_id=7) == list(first["id"])
    more = pd.concat([first, table(3).iloc[[2]]], ignore_index=True)
    later = T0 + timedelta(days=7)
    assert responses.register_alerts(ops_db, more, later) == ["desa:2026-W47:diare_akut:29.01.01.2003"]
    assert responses.register_alerts(ops_db, more, later) == []
    got = responses.raised(ops_db).set_index("id")
    assert len(got) == 4
    assert got.loc["desa:2026-W47:diare_akut:29.01.01.2001", "raised_at"] == pd.Timestamp(T0)
    assert got.loc["desa:2026-W47:diare_akut:29.01.01.2003", "raised_at"] == pd.Timestamp(later)
    assert got.loc["klaster:2026-W47:diare_akut:29.01.02.2001", "desa"] == ["29.01.02.2001", "29.01.02.2002"]
    assert got.loc["desa:2026-W47:diare_akut:29.01.01.2001", "submission_id"] == 7
    assert list(responses.raised(ops_db, weeks=["2026-W46"])["id"]) == []
    assert len(responses.raised(ops_db, ids=["klaster:2026-W47:diare_akut:29.01.02.2001", "nope"])) == 1


def test_many_alerts_in_one_go_with_a_time_each(ops_db):
    weeks = [f"2026-W{w:02d}" for w in range(1, 41)]
    many = pd.concat([table(300, w) for w in weeks], ignore_index=True)  # 12,040 alerts, the demo's order
    times = [T0 + timedelta(hours=i % 50) for i in range(len(many))]
    assert len(responses.register_alerts(ops_db, many, pd.Series(times))) == len(many)
    got = responses.raised(ops_db, weeks=["2026-W05"]).sort_values("id")
    want = many[many["minggu"] == "2026-W05"].assign(raised_at=[times[i] for i in many.index[many["minggu"] == "2026-W05"]])
    assert list(got["id"]) == sorted(want["id"])
    assert got.set_index("id")["raised_at"].to_dict() == {k: pd.Timestamp(v) for k, v in zip(want["id"], want["raised_at"])}
    with pytest.raises(ValueError, match="time zone"):
        responses.register_alerts(ops_db, table(1, "2027-W01"), datetime(2027, 1, 4))


def test_steps_follow_the_transitions_and_are_kept_in_order(ops_db):
    responses.register_alerts(ops_db, table(1), T0)
    aid = "desa:2026-W47:diare_akut:29.01.01.2001"
    responses.take_step(ops_db, aid, "diverifikasi", "ani", verdict="salah", at=T0 + timedelta(hours=3))
    responses.take_step(ops_db, aid, "diverifikasi", "budi", verdict="benar", catatan="dicek ulang: kasus nyata",
                        at=T0 + timedelta(hours=5))
    with pytest.raises(StepRefused) as refused:
        responses.take_step(ops_db, aid, "selesai", "ani", hasil="klb")
    assert refused.value.alasan == "transisi"
    responses.take_step(ops_db, aid, "respon", "ani", at=T0 + timedelta(hours=8))
    with pytest.raises(StepRefused, match="hasil: klb atau bukan_klb"):
        responses.take_step(ops_db, aid, "selesai", "ani")
    step = responses.take_step(ops_db, aid, "selesai", "ani", hasil="klb", at=T0 + timedelta(days=3))
    assert (step["urutan"], step["status"], step["hasil"]) == (4, "selesai", "klb")
    got = responses.steps(ops_db, [aid])
    assert got[["urutan", "status", "verdict", "hasil", "username"]].values.tolist() == [
        [1, "diverifikasi", "salah", None, "ani"], [2, "diverifikasi", "benar", None, "budi"],
        [3, "respon", None, None, "ani"], [4, "selesai", None, "klb", "ani"]]
    assert got["catatan"].iloc[1] == "dicek ulang: kasus nyata"
    assert got["waktu"].iloc[0] == pd.Timestamp(T0 + timedelta(hours=3))
    with pytest.raises(StepRefused, match="sudah selesai"):
        responses.take_step(ops_db, aid, "respon", "ani")
    assert len(responses.steps(ops_db)) == 4


def test_an_unknown_alert_is_refused(ops_db):
    with pytest.raises(StepRefused) as refused:
        responses.take_step(ops_db, "desa:2026-W47:diare_akut:29.99.99.9999", "diverifikasi", "ani", verdict="benar",
                            lang="en")
    assert refused.value.alasan == "tidak_dikenal" and "no alert with id" in str(refused.value)


def test_history_is_never_rewritten(ops_db):
    """The database itself refuses to change or delete a step, and two steps cannot share a place in the order."""
    responses.register_alerts(ops_db, table(1), T0)
    aid = "desa:2026-W47:diare_akut:29.01.01.2001"
    responses.take_step(ops_db, aid, "diverifikasi", "ani", verdict="benar")
    for statement in (sa.update(alert_steps).values(verdict="salah"), sa.delete(alert_steps)):
        with pytest.raises(DBAPIError, match="insert-only"):
            with ops_db.begin() as conn:
                conn.execute(statement)
    with pytest.raises(IntegrityError):
        with ops_db.begin() as conn:
            conn.execute(sa.insert(alert_steps).values(alert_id=aid, urutan=1, status="respon", username="budi", at=T0))
    assert responses.steps(ops_db)["verdict"].tolist() == ["benar"]


def test_a_step_taken_at_the_same_moment_as_another_is_refused(ops_db, monkeypatch):
    """Two people verify at once: both read "baru"; the second insert finds its place taken and is refused."""
    responses.register_alerts(ops_db, table(1), T0)
    aid = "desa:2026-W47:diare_akut:29.01.01.2001"
    real_check = responses.check_step

    def check_then_other_acts(*args, **kwargs):
        step = real_check(*args, **kwargs)
        with ops_db.begin() as conn:  # the other person's step lands between our read and our write
            conn.execute(sa.insert(alert_steps).values(alert_id=aid, urutan=1, status="diverifikasi", verdict="salah",
                                                       username="budi", at=T0))
        return step

    monkeypatch.setattr(responses, "check_step", check_then_other_acts)
    with pytest.raises(StepRefused) as refused:
        responses.take_step(ops_db, aid, "diverifikasi", "ani", verdict="benar")
    assert refused.value.alasan == "bersamaan"
    assert responses.steps(ops_db)[["username", "verdict"]].values.tolist() == [["budi", "salah"]]


def test_the_migration_can_be_undone_and_done_again(ops_db):
    from alembic import command
    from alembic.config import Config
    from alembic.migration import MigrationContext

    from opsdb.store import MIGRATIONS, migrate

    responses.register_alerts(ops_db, table(1), T0)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with ops_db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003_kiriman")
    with ops_db.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == "0003_kiriman"
        assert not {"raised_alerts", "alert_steps", "mail_outbox"} & set(sa.inspect(conn).get_table_names())
    migrate(ops_db.engine)
    assert len(responses.raised(ops_db)) == 0
    responses.register_alerts(ops_db, table(1), T0)
    responses.take_step(ops_db, "desa:2026-W47:diare_akut:29.01.01.2001", "diverifikasi", "ani", verdict="benar")
    with pytest.raises(DBAPIError, match="insert-only"):  # the triggers are back too
        with ops_db.begin() as conn:
            conn.execute(sa.delete(alert_steps))
