"""Which wilayah an account may be given: checked against the workspace it will read."""

from __future__ import annotations

from access.actor import ROLES
from errors import PwsError
from geo.codes import normalise_kode
from geo.levels import level_of
from geo.store import boundary_file
from puskesmas.table import WILAYAH_KERJA_FILE

DINAS_LEVELS = ("provinsi", "kabkota")


def wilayah_kerja_file(workspace) -> str | None:
    """Name of the workspace's wilayah kerja table in its live snapshot, or ``None`` when not imported."""
    return WILAYAH_KERJA_FILE if workspace.has(WILAYAH_KERJA_FILE) else None


def puskesmas_codes(workspace) -> list[str]:
    """The ``kode_puskesmas`` of the workspace's wilayah kerja table, in file order (empty without one)."""
    name = wilayah_kerja_file(workspace)
    if name is None:
        return []
    codes = workspace.read_table(name, columns=["kode_puskesmas"])["kode_puskesmas"].astype(str)
    return list(dict.fromkeys(codes))


def check_wilayah(role: str, wilayah: str | None, workspace) -> str | None:
    """The wilayah to store for an account of ``role``, or ``PwsError`` saying what is wrong.

    ``dinas``: a provinsi or kabupaten/kota code of the workspace (any spelling
    the imports accept; stored dotted). ``puskesmas``: a ``kode_puskesmas`` of
    the workspace's wilayah kerja table. ``admin``: none.
    """
    if role not in ROLES:
        raise PwsError("peran_tak_dikenal", peran=repr(role), pilihan=", ".join(ROLES))
    if role == "admin":
        if wilayah:
            raise PwsError("admin_tanpa_wilayah")
        return None
    if not wilayah:
        raise PwsError("akun_dinas_perlu_wilayah" if role == "dinas" else "akun_puskesmas_perlu_wilayah", peran=role)
    if role == "dinas":
        return _dinas_wilayah(wilayah, workspace)
    return _puskesmas_wilayah(wilayah, workspace)


def _dinas_wilayah(wilayah: str, workspace) -> str:
    """A provinsi or kabupaten/kota code present in the workspace's boundaries."""
    kode = normalise_kode(wilayah)
    if kode is None or level_of(kode) not in DINAS_LEVELS:
        raise PwsError("wilayah_bukan_dinas", wilayah=repr(wilayah))
    level = level_of(kode)
    known = set(workspace.read_table(boundary_file(level), columns=["kode"])["kode"])
    if kode not in known:
        raise PwsError("ws_tanpa_wilayah", path=workspace.root, level=level, kode=kode)
    return kode


def _puskesmas_wilayah(wilayah: str, workspace) -> str:
    """A ``kode_puskesmas`` of the workspace's wilayah kerja table."""
    codes = puskesmas_codes(workspace)
    if not codes:
        raise PwsError("ws_tanpa_wk", path=workspace.root)
    kode = wilayah.strip()
    if kode not in codes:
        raise PwsError("puskesmas_tidak_ada", kode=repr(kode), n=len(codes))
    return kode
