"""The operational database, on SQLite and on PostgreSQL (the ``ops_db`` fixture runs each test on both)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, update

from errors import PwsError
from opsdb import OpsDb, audit, passwords, sessions, users
from opsdb.schema import login_sessions, metadata
from opsdb.schema import users as users_table
from opsdb.store import database_url, utc_now

PW = "kata-sandi-uji-1"


def test_migrations_build_exactly_the_schema(ops_db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with ops_db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
        version = MigrationContext.configure(conn).get_current_revision()
    assert diff == []
    assert version == "0005_pasangan"


def test_opening_again_keeps_the_rows(ops_db):
    users.add_user(ops_db, "ani", "admin", PW)
    again = OpsDb(ops_db.url if ops_db.url.startswith("sqlite") else str(ops_db.engine.url.render_as_string(hide_password=False)))
    assert [u.username for u in users.list_users(again)] == ["ani"]
    again.dispose()


def test_add_list_and_authenticate(ops_db):
    added = users.add_user(ops_db, "Budi", "dinas", PW, wilayah="19.06", email="budi@dinkes.example")
    assert (added.username, added.role, added.wilayah, added.email, added.disabled) == ("budi", "dinas", "19.06", "budi@dinkes.example", False)
    assert added.created.tzinfo is not None
    users.add_user(ops_db, "ani", "admin", PW)
    assert [u.username for u in users.list_users(ops_db)] == ["ani", "budi"]
    assert users.authenticate(ops_db, "BUDI", PW).actor().wilayah == "19.06"
    assert users.authenticate(ops_db, "budi", PW + "x") is None
    assert users.authenticate(ops_db, "nobody", PW) is None
    assert users.has_admin(ops_db)


def test_the_hash_is_argon2_and_never_the_password(ops_db):
    users.add_user(ops_db, "ani", "admin", PW)
    with ops_db.begin() as conn:
        stored = conn.execute(select(users_table.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PW not in stored
    other = users.add_user(ops_db, "budi", "admin", PW)
    with ops_db.begin() as conn:
        hashes = conn.execute(select(users_table.c.password_hash)).scalars().all()
    assert other and len(set(hashes)) == 2  # salted: the same password, two hashes


def test_a_hash_made_with_old_parameters_is_replaced_at_login(ops_db):
    users.add_user(ops_db, "ani", "admin", PW)
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PW)
    with ops_db.begin() as conn:
        conn.execute(update(users_table).values(password_hash=weak))
    assert users.authenticate(ops_db, "ani", PW) is not None
    with ops_db.begin() as conn:
        stored = conn.execute(select(users_table.c.password_hash)).scalar_one()
    assert stored != weak and not passwords.HASHER.check_needs_rehash(stored)
    assert users.authenticate(ops_db, "ani", PW) is not None


def test_bad_accounts_are_refused_with_a_reason(ops_db):
    users.add_user(ops_db, "ani", "admin", PW)
    with pytest.raises(PwsError, match="sudah ada"):
        users.add_user(ops_db, "ANI", "admin", PW)
    with pytest.raises(PwsError, match="paling sedikit 10"):
        users.add_user(ops_db, "budi", "admin", "pendek")
    with pytest.raises(PwsError, match="needs a wilayah"):
        users.add_user(ops_db, "budi", "dinas", PW)
    with pytest.raises(PwsError, match="unknown role"):
        users.add_user(ops_db, "budi", "kepala", PW, wilayah="19")
    with pytest.raises(PwsError, match="bukan nama pengguna yang bisa dipakai"):
        users.add_user(ops_db, "budi santoso", "admin", PW)


def test_disable_and_new_password_end_the_sessions(ops_db):
    users.add_user(ops_db, "ani", "admin", PW)
    idle = timedelta(minutes=30)
    first = sessions.open_session(ops_db, "ani", "10.0.0.1")
    assert sessions.session_user(ops_db, first, idle).username == "ani"
    users.set_password(ops_db, "ani", PW + "-baru")
    assert sessions.session_user(ops_db, first, idle) is None
    assert users.authenticate(ops_db, "ani", PW) is None and users.authenticate(ops_db, "ani", PW + "-baru")
    second = sessions.open_session(ops_db, "ani")
    users.disable_user(ops_db, "ani")
    assert sessions.session_user(ops_db, second, idle) is None
    assert users.authenticate(ops_db, "ani", PW + "-baru") is None
    assert not users.has_admin(ops_db)


def test_a_session_ends_after_idle_time_and_at_logout(ops_db):
    users.add_user(ops_db, "ani", "admin", PW)
    idle = timedelta(minutes=30)
    t0 = utc_now()
    token = sessions.open_session(ops_db, "ani", now=t0)
    assert sessions.session_user(ops_db, token, idle, now=t0 + timedelta(minutes=29)).username == "ani"
    # that request was activity: the clock restarts from it
    assert sessions.session_user(ops_db, token, idle, now=t0 + timedelta(minutes=58)).username == "ani"
    assert sessions.session_user(ops_db, token, idle, now=t0 + timedelta(minutes=89)) is None
    assert sessions.session_user(ops_db, token, idle, now=t0) is None  # ended, not just refused
    other = sessions.open_session(ops_db, "ani")
    sessions.close_session(ops_db, other)
    assert sessions.session_user(ops_db, other, idle) is None
    with ops_db.begin() as conn:
        assert conn.execute(select(login_sessions)).all() == []


def test_idle_sessions_are_tidied_away(ops_db):
    users.add_user(ops_db, "ani", "admin", PW)
    t0 = utc_now()
    old = sessions.open_session(ops_db, "ani", now=t0 - timedelta(hours=2))
    fresh = sessions.open_session(ops_db, "ani", now=t0)
    assert sessions.end_idle_sessions(ops_db, timedelta(minutes=30), now=t0) == 1
    idle = timedelta(days=1)  # even a generous idle time cannot bring the deleted one back
    assert sessions.session_user(ops_db, old, idle, now=t0) is None
    assert sessions.session_user(ops_db, fresh, idle, now=t0).username == "ani"


def test_the_table_holds_no_usable_token(ops_db):
    users.add_user(ops_db, "ani", "admin", PW)
    token = sessions.open_session(ops_db, "ani")
    with ops_db.begin() as conn:
        stored = conn.execute(select(login_sessions.c.token_hash)).scalar_one()
    assert stored != token and sessions.session_user(ops_db, stored, timedelta(minutes=30)) is None


def test_audit_events_in_order_and_since(ops_db):
    t0 = utc_now() - timedelta(hours=2)
    audit.record(ops_db, "login", "ani", "10.0.0.1", {"role": "admin"}, at=t0)
    audit.record(ops_db, "ekspor", "ani", "10.0.0.1", {"format": "csv"}, at=t0 + timedelta(hours=1))
    audit.record(ops_db, "impor", "cli:root", None, {"what": "cases", "status": 0})
    got = audit.events(ops_db)
    assert [(e.kind, e.username, e.address) for e in got] == [
        ("login", "ani", "10.0.0.1"), ("ekspor", "ani", "10.0.0.1"), ("impor", "cli:root", None)]
    assert got[1].detail == {"format": "csv"} and got[0].at.tzinfo is not None
    assert [e.kind for e in audit.events(ops_db, since=t0 + timedelta(minutes=30))] == ["ekspor", "impor"]
    with pytest.raises(ValueError, match="unknown audit kind"):
        audit.record(ops_db, "hapus")


def test_failures_count_per_account_after_its_last_login_and_per_address(ops_db):
    t0 = utc_now() - timedelta(minutes=10)
    for i in range(3):
        audit.record(ops_db, "login_gagal", "ani", "10.0.0.1", at=t0 + timedelta(seconds=i))
    audit.record(ops_db, "login", "ani", "10.0.0.2", at=t0 + timedelta(seconds=10))
    audit.record(ops_db, "login_gagal", "ani", "10.0.0.3", at=t0 + timedelta(seconds=20))
    audit.record(ops_db, "login_gagal", "budi", "10.0.0.1", at=t0 + timedelta(seconds=30))
    since = t0 - timedelta(minutes=1)
    assert len(audit.failure_times(ops_db, since, username="ani")) == 1
    assert len(audit.failure_times(ops_db, since, address="10.0.0.1")) == 4
    assert audit.failure_times(ops_db, t0 + timedelta(seconds=25), address="10.0.0.1") == [t0 + timedelta(seconds=30)]


def test_the_secret_is_made_once_and_shared(ops_db):
    first = ops_db.secret("flask_session")
    assert len(first) == 64 and ops_db.secret("flask_session") == first
    assert ops_db.secret("other") != first


def test_workers_opening_a_new_sqlite_file_at_once_migrate_it_once(tmp_path):
    errors, opened = [], []

    def work():
        try:
            opened.append(OpsDb.for_workspace(tmp_path / "ws", url=None))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(opened) == 4
    assert (tmp_path / "ws" / "ops.sqlite").exists()
    users.add_user(opened[0], "ani", "admin", PW)
    assert users.get_user(opened[3], "ani").role == "admin"


def test_database_url_reads_postgresql_with_psycopg():
    assert database_url("/x", "postgresql://u@h:5432/d") == "postgresql+psycopg://u@h:5432/d"
    assert database_url("/x", "postgresql+psycopg://u@h/d") == "postgresql+psycopg://u@h/d"
    assert database_url("/srv/ws").endswith("/srv/ws/ops.sqlite")
