"""Accounts: add, list, disable, set a password, check a login."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from access.actor import ROLES, Actor
from errors import PwsError
from opsdb import passwords
from opsdb.schema import login_sessions, users
from opsdb.store import OpsDb, as_utc, utc_now

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")


@dataclass(frozen=True)
class User:
    """An account as stored (never its password hash)."""

    username: str
    role: str
    wilayah: str | None
    email: str | None
    disabled: bool
    created: datetime

    def actor(self) -> Actor:
        return Actor(self.username, self.role, self.wilayah)

    def as_dict(self) -> dict:
        return {**asdict(self), "created": self.created.isoformat()}


def _user(row) -> User:
    return User(row.username, row.role, row.wilayah, row.email, bool(row.disabled), as_utc(row.created))


def check_username(username: str) -> str:
    """The username in its stored form (lower case); ``PwsError`` if it cannot be one."""
    name = (username or "").strip().lower()
    if not _USERNAME.match(name):
        raise PwsError("nama_pengguna_salah", nama=repr(username))
    return name


def add_user(
    db: OpsDb, username: str, role: str, password: str, wilayah: str | None = None, email: str | None = None
) -> User:
    """Create an account; ``PwsError`` when the name is taken or a value is not usable.

    ``wilayah`` is stored as given: check it against the workspace first
    (:func:`access.accounts.check_wilayah`).
    """
    name = check_username(username)
    try:
        Actor(name, role, wilayah)
        passwords.check_strength(password)
    except ValueError as exc:
        raise PwsError("akun_tak_ditambah", nama=name, sebab=exc.args[0] if exc.args else exc) from exc
    row = dict(
        username=name,
        role=role,
        wilayah=wilayah if role != "admin" else None,
        email=email or None,
        password_hash=passwords.hash_password(password),
        disabled=False,
        created=utc_now(),
    )
    try:
        with db.begin() as conn:
            conn.execute(insert(users).values(**row))
    except IntegrityError as exc:
        raise PwsError("akun_sudah_ada", nama=name) from exc
    return get_user(db, name)


def get_user(db: OpsDb, username: str) -> User | None:
    with db.begin() as conn:
        row = conn.execute(select(users).where(users.c.username == (username or "").strip().lower())).first()
    return _user(row) if row else None


def list_users(db: OpsDb) -> list[User]:
    with db.begin() as conn:
        return [_user(r) for r in conn.execute(select(users).order_by(users.c.username))]


def has_admin(db: OpsDb) -> bool:
    """Whether an enabled admin account exists (``serve`` on a network needs one)."""
    with db.begin() as conn:
        q = select(users.c.username).where(users.c.role == "admin", users.c.disabled.is_(False)).limit(1)
        return conn.execute(q).first() is not None


def _require(db: OpsDb, username: str) -> User:
    user = get_user(db, username)
    if user is None:
        raise PwsError("akun_tidak_ada", nama=repr(username))
    return user


def disable_user(db: OpsDb, username: str) -> User:
    """Disable an account and end its sessions (the row stays, for the audit log)."""
    user = _require(db, username)
    with db.begin() as conn:
        conn.execute(update(users).where(users.c.username == user.username).values(disabled=True))
        conn.execute(delete(login_sessions).where(login_sessions.c.username == user.username))
    return get_user(db, user.username)


def set_password(db: OpsDb, username: str, password: str) -> User:
    """Replace an account's password and end its sessions."""
    user = _require(db, username)
    try:
        passwords.check_strength(password)
    except ValueError as exc:
        raise PwsError("sandi_tak_diganti", nama=user.username, sebab=exc.args[0] if exc.args else exc) from exc
    with db.begin() as conn:
        conn.execute(
            update(users).where(users.c.username == user.username).values(password_hash=passwords.hash_password(password))
        )
        conn.execute(delete(login_sessions).where(login_sessions.c.username == user.username))
    return user


def authenticate(db: OpsDb, username: str, password: str) -> User | None:
    """The enabled account ``username`` when ``password`` is its password, else ``None``.

    Takes as long for an unknown or disabled account as for a wrong password, and
    stores a new hash when the hashing parameters changed since the last one.
    """
    name = (username or "").strip().lower()
    with db.begin() as conn:
        row = conn.execute(select(users).where(users.c.username == name)).first()
    ok, new_hash = passwords.verify(row.password_hash if row else None, password or "")
    if not ok or row.disabled:
        return None
    if new_hash:
        with db.begin() as conn:
            conn.execute(update(users).where(users.c.username == name).values(password_hash=new_hash))
    return _user(row)
