"""Indonesian-looking place names for the demo: generated, and said to be.

Desa names are built the way many real ones are: a prefix (*Suka-*, *Mekar-*,
*Sido-*, *Karang* …) and a wish (*-maju*, *-sari*, *-makmur* …), or a landscape
word and an adjective (*Tanjung Baru*, *Sungai Lebar*). As in the real code list,
a name may repeat in another kecamatan, never within one.

>>> import numpy as np
>>> names = desa_names(np.random.default_rng(0), 5)
>>> len(set(names))
5
"""

from __future__ import annotations

import numpy as np

PROVINSI = "Nusa Sentosa"

_JOINED_PREFIX = ["Suka", "Mekar", "Sido", "Sumber", "Karya", "Tirta", "Sri", "Cipta", "Mulya", "Wana", "Bumi", "Giri", "Jaya", "Marga", "Purwa", "Tunas", "Rejo", "Harja"]
_JOINED_SUFFIX = ["maju", "sari", "makmur", "mulyo", "jaya", "rejo", "agung", "harjo", "mukti", "asih", "wangi", "mekar", "karya", "tani", "luhur", "rahayu", "damai", "indah"]
_PLACE = ["Tanjung", "Sungai", "Air", "Pulau", "Teluk", "Bukit", "Padang", "Lubuk", "Kampung", "Batu", "Pasir", "Muara", "Pangkal", "Koto", "Karang", "Tegal", "Kuala", "Labuhan", "Rantau", "Sei"]
_ADJECTIVE = ["Baru", "Lama", "Jaya", "Indah", "Makmur", "Raya", "Hijau", "Putih", "Merah", "Hitam", "Panjang", "Lebar", "Tinggi", "Dalam", "Besar", "Kecil", "Harapan", "Permai", "Sari", "Emas", "Batu", "Kelapa", "Pinang", "Mas"]
_KABUPATEN = ["Tanah Permai", "Bukit Sentosa", "Pesisir Raya", "Sungai Harapan", "Muara Jaya", "Lembah Hijau"]
_FLOWER = ["Melati", "Mawar", "Anggrek", "Dahlia", "Kenanga", "Cempaka", "Flamboyan", "Kemuning", "Teratai", "Seruni", "Tulip", "Bougenvil", "Sakura", "Nusa Indah", "Matahari"]


def _one_desa_name(rng: np.random.Generator) -> str:
    if rng.uniform() < 0.55:
        return str(rng.choice(_JOINED_PREFIX)) + str(rng.choice(_JOINED_SUFFIX))
    return f"{rng.choice(_PLACE)} {rng.choice(_ADJECTIVE)}"


def desa_names(rng: np.random.Generator, n: int, taken: set[str] | None = None) -> list[str]:
    """``n`` distinct desa names (distinct also from ``taken``).

    Parameters
    ----------
    rng : random generator (the names follow from its state).
    n : how many names.
    taken : names already used in the same kecamatan.
    """
    used = set(taken or ())
    out: list[str] = []
    while len(out) < n:
        name = _one_desa_name(rng)
        if name not in used:
            used.add(name)
            out.append(name)
    return out


def kecamatan_names(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` distinct kecamatan names (a kecamatan is usually named after a place in it)."""
    return desa_names(rng, n)


def kabupaten_names(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` distinct kabupaten names, without the word "Kabupaten"."""
    return [str(x) for x in rng.choice(_KABUPATEN, size=n, replace=False)]


def posyandu_names(rng: np.random.Generator, n: int) -> list[str]:
    """Names for ``n`` posyandu of one desa: flowers, numbered when one repeats."""
    flowers = rng.choice(_FLOWER, size=n, replace=n > len(_FLOWER))
    seen: dict[str, int] = {}
    out = []
    for f in flowers:
        seen[str(f)] = seen.get(str(f), 0) + 1
        out.append(f"Posyandu {f} {seen[str(f)]}" if seen[str(f)] > 1 else f"Posyandu {f}")
    return out
