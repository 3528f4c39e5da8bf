"""The demo's example accounts: one per role, passwords public (the demo's data is synthetic)."""

from __future__ import annotations

from dataclasses import dataclass

from access.accounts import puskesmas_codes
from geo.store import boundary_file


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    wilayah: str | None


def demo_accounts(workspace) -> list[DemoAccount]:
    """Accounts for a demo workspace: an admin, a dinas of its first kabupaten, a puskesmas of its first wilayah kerja.

    The puskesmas account exists only when the workspace has a wilayah kerja table.
    """
    accounts = [DemoAccount("admin", "contoh-admin-1", "admin", None)]
    kabupaten = sorted(workspace.read_table(boundary_file("kabkota"), columns=["kode"])["kode"])
    if kabupaten:
        accounts.append(DemoAccount("dinas", "contoh-dinas-1", "dinas", kabupaten[0]))
    puskesmas = puskesmas_codes(workspace)
    if puskesmas:
        accounts.append(DemoAccount("puskesmas", "contoh-puskesmas-1", "puskesmas", puskesmas[0]))
    return accounts


def ensure_demo_accounts(db, workspace) -> list[DemoAccount]:
    """Add the demo's accounts that are missing from ``db`` (never on a workspace that is not a demo)."""
    from opsdb import users
    from errors import PwsError

    if not workspace.manifest.get("demo"):
        return []
    accounts = demo_accounts(workspace)
    for account in accounts:
        if users.get_user(db, account.username) is None:
            try:
                users.add_user(db, account.username, account.role, account.password, account.wilayah)
            except PwsError:
                pass  # another worker added it a moment ago
    return accounts
