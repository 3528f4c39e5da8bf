"""Cases that raise one high alert in the two-puskesmas workspace (``unggah_support``), and its accounts.

Twenty weeks of 2 diarrhoea cases a week in each of its four desa, then 30 in
desa 19.06.01.2001 (Puskesmas Kelubi) in 2026-W40: EARS and the SKDR rule both
flag it (``tinggi``) and the space-time scan finds a signalling cluster of that
desa alone.
"""

from __future__ import annotations

from opsdb import users
from surveillance.weeks import week_range
from unggah_support import KELUBI_PKM, LAIN_PKM

PW = "kata-sandi-uji-1"
HIGH_DESA = "19.06.01.2001"


def cases_file(path):
    """The case CSV described above, written at ``path``."""
    rows = ["minggu,tempat,penyakit,jumlah"]
    for week in week_range("2026-W40", 20):
        for desa in ("19.06.01.2001", "19.06.01.2002", "19.06.01.2003", "19.06.02.2001"):
            n = 30 if (week == "2026-W40" and desa == HIGH_DESA) else 2
            rows.append(f"{week},{desa},diare,{n}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def add_people(db) -> None:
    """Three accounts the alert concerns (Kelubi, the dinas of 19.06, the admin) and four it does not mail."""
    users.add_user(db, "kelubi", "puskesmas", PW, KELUBI_PKM, email="kelubi@pkm.example")
    users.add_user(db, "lain", "puskesmas", PW, LAIN_PKM, email="lain@pkm.example")
    users.add_user(db, "dinkes", "dinas", PW, "19.06", email="surveilans@dinkes.example")
    users.add_user(db, "root", "admin", PW, email="admin@dinkes.example")
    users.add_user(db, "tanpa-surel", "dinas", PW, "19.06")
    users.add_user(db, "pensiun", "puskesmas", PW, KELUBI_PKM, email="pensiun@pkm.example")
    users.disable_user(db, "pensiun")
