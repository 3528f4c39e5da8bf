"""``python app.py user add|list|disable|set-password``: accounts of the operational database.

Passwords are read from standard input (``--password-stdin``), never from the
command line, where other users of the machine could read them in the process list.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from commands import add_workspace_option, print_json
from errors import PwsError
from texts.cli import say


def register(commands, imports) -> None:
    from access.actor import ROLES

    parser = commands.add_parser("user", help="add, list, disable accounts; set a password")
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = sub.add_parser("add", help="add an account (password from standard input)")
    p.add_argument("username", metavar="USERNAME")
    p.add_argument("--role", required=True, choices=ROLES, help="admin: everything; dinas: one provinsi or kabupaten/kota; puskesmas: its wilayah kerja")
    p.add_argument("--wilayah", metavar="CODE", help="provinsi/kabupaten code (dinas) or kode_puskesmas (puskesmas)")
    p.add_argument("--email", metavar="ADDR")
    _password_option(p)
    add_workspace_option(p)
    p.set_defaults(handler=_add)

    p = sub.add_parser("list", help="list the accounts")
    p.add_argument("--json", action="store_true", help="print the accounts as one JSON object")
    add_workspace_option(p)
    p.set_defaults(handler=_list)

    p = sub.add_parser("disable", help="disable an account and end its sessions")
    p.add_argument("username", metavar="USERNAME")
    add_workspace_option(p)
    p.set_defaults(handler=_disable)

    p = sub.add_parser("set-password", help="set an account's password (from standard input) and end its sessions")
    p.add_argument("username", metavar="USERNAME")
    _password_option(p)
    add_workspace_option(p)
    p.set_defaults(handler=_set_password)


def _password_option(p) -> None:
    p.add_argument("--password-stdin", action="store_true", required=True,
                   help="read the password from standard input (one line)")


def cli_username() -> str:
    """Who runs a command, for the audit log (the operating system's user)."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def read_password(stream=None, lang: str = "id") -> str:
    """The password: typed without echo on a terminal, else the first line of standard input."""
    stream = stream or sys.stdin
    if stream.isatty():
        return getpass.getpass(say("sandi_prompt", lang))
    line = stream.readline()
    if not line:
        raise PwsError("tanpa_sandi")
    return line.rstrip("\r\n")


def _db(args):
    from opsdb import OpsDb

    return OpsDb.for_workspace(Path(args.workspace))


def _add(args) -> int:
    from access.accounts import check_wilayah
    from opsdb import audit, users
    from workspace.store import Workspace

    wilayah = check_wilayah(args.role, args.wilayah, Workspace(args.workspace))
    password = read_password(lang=args.lang)
    db = _db(args)
    user = users.add_user(db, args.username, args.role, password, wilayah, args.email)
    audit.record(db, "akun_tambah", cli_username(), None,
                 {"akun": user.username, "role": user.role, "wilayah": user.wilayah})
    print(say("akun_ditambah", args.lang, peran=user.role, nama=user.username)
          + (say("akun_untuk", args.lang, wilayah=user.wilayah) if user.wilayah else "") + ".")
    return 0


def _list(args) -> int:
    from opsdb import users

    accounts = users.list_users(_db(args))
    if args.json:
        print_json({"users": [u.as_dict() for u in accounts]}, args.lang)
        return 0
    if not accounts:
        print(say("akun_belum_ada", args.lang, path=args.workspace))
        return 0
    for u in accounts:
        state = say("akun_nonaktif" if u.disabled else "akun_aktif", args.lang)
        print(f"{u.username:<24} {u.role:<10} {u.wilayah or '-':<16} {state:<9} {u.email or ''}")
    return 0


def _disable(args) -> int:
    from opsdb import audit, users

    db = _db(args)
    user = users.disable_user(db, args.username)
    audit.record(db, "akun_nonaktif", cli_username(), None, {"akun": user.username})
    print(say("akun_dinonaktifkan", args.lang, nama=user.username))
    return 0


def _set_password(args) -> int:
    from opsdb import audit, users

    db = _db(args)
    if users.get_user(db, args.username) is None:
        raise PwsError("akun_tidak_ada", nama=repr(args.username))
    user = users.set_password(db, args.username, read_password(lang=args.lang))
    audit.record(db, "akun_sandi", cli_username(), None, {"akun": user.username})
    print(say("sandi_diganti", args.lang, nama=user.username))
    return 0
