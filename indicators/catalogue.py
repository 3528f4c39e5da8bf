"""The ILP indicator catalogue (``data/indikator.csv``) and each kabupaten's own targets.

The catalogue is data, not code: one row per indicator with its klaster, names,
numerator (pembilang) and denominator (penyebut) definitions, unit (satuan),
annual target, direction (arah) and whether the target is pro-rated by month.
A kabupaten may set its own annual targets; they live in the workspace as
``indikator/target.parquet`` (``kode, indikator, target_tahunan``) and override
the national defaults for the kabupaten and every area inside it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from errors import PwsError
from geo.codes import normalise_kode_series
from texts.message import Message
from settings import DATA_DIR

CATALOGUE_FILE = DATA_DIR / "indikator.csv"
KLASTER_FILE = DATA_DIR / "klaster.csv"
TARGET_TABLE = "indikator/target.parquet"

SATUAN_SCALE: dict[str, float] = {"persen": 100.0, "per_1000": 1_000.0, "per_100000": 100_000.0, "jumlah": 1.0}
"""Factor from pembilang/penyebut to the displayed value; ``jumlah`` shows the pembilang itself."""

SATUAN_LABELS = {"persen": "%", "per_1000": "per 1.000", "per_100000": "per 100.000", "jumlah": "jumlah"}

_COLUMNS = [
    "id", "klaster", "nama", "nama_en", "pembilang", "penyebut", "satuan",
    "target_tahunan", "arah", "periode", "target_prorata", "sumber",
]
_ALLOWED = {
    "satuan": set(SATUAN_SCALE),
    "arah": {"naik", "turun"},
    "periode": {"bulanan", "mingguan"},
    "target_prorata": {"ya", "tidak"},
}


def load_catalogue(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate the indicator catalogue.

    Parameters
    ----------
    path : catalogue CSV; default ``data/indikator.csv``.

    Returns
    -------
    DataFrame indexed by ``id`` with the catalogue's columns; ``klaster`` int,
    ``target_tahunan`` float, ``target_prorata`` bool, plus ``klaster_nama`` and
    ``klaster_nama_en`` from ``data/klaster.csv``.

    Raises
    ------
    PwsError
        When a column is missing, an id repeats, or a value is outside its set.

    Examples
    --------
    >>> cat = load_catalogue()
    >>> int(cat.loc["k1", "klaster"]), cat.loc["k1", "satuan"], cat.loc["k1", "arah"]
    (2, 'persen', 'naik')
    >>> bool(cat.loc["k1", "target_prorata"]), bool(cat.loc["ds", "target_prorata"])
    (True, False)
    """
    path = Path(path) if path is not None else CATALOGUE_FILE
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in _COLUMNS if c not in raw.columns]
    if missing:
        raise PwsError("katalog_kolom", path=path, hilang=", ".join(missing), kolom=", ".join(_COLUMNS))
    raw = raw.apply(lambda s: s.str.strip())
    dupes = raw["id"][raw["id"].duplicated()].tolist()
    if dupes:
        raise PwsError("katalog_id_ganda", path=path, ids=", ".join(dupes))
    for column, allowed in _ALLOWED.items():
        bad = raw.loc[~raw[column].isin(allowed)]
        if len(bad):
            row = int(bad.index[0]) + 2
            raise PwsError("katalog_nilai", path=path, baris=row, kolom=column, nilai=repr(bad[column].iloc[0]),
                           pilihan=", ".join(sorted(allowed)))
    out = raw.copy()
    for column in ("klaster", "target_tahunan"):
        numbers = pd.to_numeric(out[column], errors="coerce")
        if numbers.isna().any():
            row = int(numbers.index[numbers.isna()][0]) + 2
            raise PwsError("katalog_bukan_angka", path=path, baris=row, kolom=column)
        out[column] = numbers
    out["klaster"] = out["klaster"].astype(int)
    out["target_tahunan"] = out["target_tahunan"].astype(float)
    out["target_prorata"] = out["target_prorata"].eq("ya")
    klaster = load_klaster()
    unknown = sorted(set(out["klaster"]) - set(klaster.index))
    if unknown:
        raise PwsError("katalog_klaster", path=path, klaster=", ".join(map(str, unknown)), berkas=KLASTER_FILE.name)
    out["klaster_nama"] = out["klaster"].map(klaster["nama"])
    out["klaster_nama_en"] = out["klaster"].map(klaster["nama_en"])
    return out.set_index("id")


def load_klaster(path: str | Path | None = None) -> pd.DataFrame:
    """The five ILP klaster, indexed by number, with ``nama`` and ``nama_en``.

    >>> load_klaster().loc[2, "nama"]
    'Ibu dan Anak'
    """
    path = Path(path) if path is not None else KLASTER_FILE
    frame = pd.read_csv(path, dtype={"klaster": int, "nama": str, "nama_en": str})
    return frame.set_index("klaster")


def target_overrides(workspace) -> pd.DataFrame:
    """A workspace's own per-kabupaten annual targets (empty when it has none).

    Returns
    -------
    DataFrame with columns ``kode`` (kabkota), ``indikator``, ``target_tahunan``.
    """
    if workspace.has(TARGET_TABLE):
        return workspace.read_table(TARGET_TABLE, columns=["kode", "indikator", "target_tahunan"])
    return pd.DataFrame({"kode": pd.Series(dtype=object), "indikator": pd.Series(dtype=object),
                         "target_tahunan": pd.Series(dtype=float)})


def annual_target(catalogue: pd.DataFrame, overrides: pd.DataFrame, indikator: str, kode: str | None) -> float:
    """Annual target for one indicator in the area ``kode``.

    A kabupaten's own target applies to the kabupaten and everything inside it;
    a provinsi, the nation (``kode=None``) and kabupaten without their own
    target use the national default from the catalogue.

    >>> cat = load_catalogue()
    >>> own = pd.DataFrame({"kode": ["19.06"], "indikator": ["k1"], "target_tahunan": [95.0]})
    >>> annual_target(cat, own, "k1", "19.06.01.2004"), annual_target(cat, own, "k1", "19.05")
    (95.0, 100.0)
    """
    default = float(catalogue.loc[indikator, "target_tahunan"])
    if kode is None or kode.count(".") < 1 or overrides.empty:
        return default
    kab = ".".join(kode.split(".")[:2])
    hit = overrides.loc[(overrides["kode"] == kab) & (overrides["indikator"] == indikator), "target_tahunan"]
    return float(hit.iloc[-1]) if len(hit) else default


def read_targets_file(path: str | Path, catalogue: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read a CSV/xlsx of kabupaten targets: columns ``kode, indikator, target_tahunan``.

    Codes are normalised (``1906`` becomes ``19.06``) and must be kabupaten/kota
    codes; indicators must be in the catalogue; targets non-negative numbers.
    Any bad row stops the import with a message naming the row.
    """
    path = Path(path)
    frame, problems = judge_targets_file(path, catalogue)
    if problems:
        texts = [Message("baris_alasan", baris=p["row"], alasan=p["detail"]) for p in problems]
        more = [Message("dan_n_lagi", n=len(texts) - 10)] if len(texts) > 10 else []
        raise PwsError("target_baris_salah", path=path, daftar=texts[:10] + more)
    return frame


TARGET_PROBLEMS = ("kode", "indikator", "target")
"""What can be wrong with a row of a targets file (``masalah`` of :func:`judge_targets_file`)."""


def judge_targets_file(path: str | Path, catalogue: pd.DataFrame | None = None) -> tuple[pd.DataFrame, list[dict]]:
    """The rows of a targets file, and each bad row as ``{"row", "masalah", "value", "detail"}``.

    ``masalah`` is one of :data:`TARGET_PROBLEMS`; ``detail`` says it (a :class:`texts.message.Message`,
    in the reader's language). The returned rows are the good ones; the import
    takes none while any row is bad (:func:`read_targets_file`).
    """
    path = Path(path)
    catalogue = load_catalogue() if catalogue is None else catalogue
    if not path.exists():
        raise PwsError("berkas_tidak_ada", path=path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        frame = pd.read_excel(path, dtype=str)
    else:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, sep=None, engine="python")
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    need = ["kode", "indikator", "target_tahunan"]
    missing = [c for c in need if c not in frame.columns]
    if missing:
        raise PwsError("target_kolom", path=path, hilang=", ".join(missing), kolom=", ".join(need))
    kode = normalise_kode_series(frame["kode"])
    target = pd.to_numeric(frame["target_tahunan"].astype(str).str.strip().str.replace(",", "."), errors="coerce")
    indikator = frame["indikator"].astype(str).str.strip()
    problems = []
    for i in range(len(frame)):
        row = i + 2
        if kode.iloc[i] is None or kode.iloc[i].count(".") != 1:
            problems.append({"row": row, "masalah": "kode", "value": frame["kode"].iloc[i],
                             "detail": Message("target_bukan_kabkota", kode=repr(frame["kode"].iloc[i]))})
        if indikator.iloc[i] not in catalogue.index:
            problems.append({"row": row, "masalah": "indikator", "value": indikator.iloc[i],
                             "detail": Message("target_indikator", indikator=repr(indikator.iloc[i]))})
        if not target.iloc[i] >= 0:
            problems.append({"row": row, "masalah": "target", "value": frame["target_tahunan"].iloc[i],
                             "detail": Message("target_bukan_angka", nilai=repr(frame["target_tahunan"].iloc[i]))})
    bad = {p["row"] - 2 for p in problems}
    good = [i for i in range(len(frame)) if i not in bad]
    rows = pd.DataFrame({"kode": kode.iloc[good], "indikator": indikator.iloc[good],
                         "target_tahunan": target.iloc[good].astype(float)}).reset_index(drop=True)
    return rows, problems


def check_targets(workspace, path: str | Path) -> dict:
    """What :func:`import_targets` would do, nothing written: ``rows`` read, ``problems`` (by row, see
    :func:`judge_targets_file`), ``new`` (the file's targets), ``replaced`` (earlier targets of the same
    kode × indikator) and ``target`` (the override table's size after); a bad row refuses the whole file."""
    new, problems = judge_targets_file(path)
    old = target_overrides(workspace.pinned()) if workspace.exists() else target_overrides(workspace)
    keys = set(zip(new["kode"], new["indikator"]))
    replaced = sum(k in keys for k in zip(old["kode"], old["indikator"]))
    rows = len(new) + len({p["row"] for p in problems})
    return {"file": Path(path).name, "rows": rows, "problems": problems,
            "new": new.to_dict(orient="records") if not problems else [], "replaced": 0 if problems else replaced,
            "target": len(old) if problems else len(old) - replaced + len(new.drop_duplicates(["kode", "indikator"]))}


def import_targets(workspace, path: str | Path) -> pd.DataFrame:
    """Import a kabupaten's targets into the workspace (replacing earlier ones for the same kode × indikator).

    Returns the full override table now live.
    """
    new = read_targets_file(path)
    with workspace.transaction("targets") as tx:
        old = target_overrides(tx.base)  # the snapshot the commit is checked against
        keys = set(zip(new["kode"], new["indikator"]))
        keep = old[[k not in keys for k in zip(old["kode"], old["indikator"])]]
        merged = pd.concat([keep, new], ignore_index=True).drop_duplicates(["kode", "indikator"], keep="last")
        merged = merged.sort_values(["kode", "indikator"]).reset_index(drop=True)
        tx.write_table(TARGET_TABLE, merged)
        tx.manifest["target"] = {"rows": len(merged), "source": str(path)}
    return merged
