"""Property-based tests (hypothesis): codes, Excel cells, every row accounted for, PWS status.

Each test is bounded (``max_examples``; ``deadline=None`` where files are written)
so the whole module runs in seconds.
"""

from __future__ import annotations

import csv
import io
import math
import re
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from broken_files import workbook
from errors import PwsError
from geo.codes import normalise_kode
from geo.levels import level_of, parent_code
from indicator_workspace import make_workspace
from indicators.status import ALL_STATUSES, pws_status
from surveillance.importer import read_case_file
from tabular import read_table_file

FILES = settings(max_examples=25, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# -- geo.codes.normalise_kode ---------------------------------------------------------------

_PARTS = (st.integers(11, 99).map(lambda n: f"{n:02d}"), st.integers(0, 99).map(lambda n: f"{n:02d}"),
          st.integers(0, 99).map(lambda n: f"{n:02d}"), st.integers(0, 9999).map(lambda n: f"{n:04d}"))


@st.composite
def dotted_codes(draw):
    depth = draw(st.integers(1, 4))
    return ".".join(draw(p) for p in _PARTS[:depth])


@settings(max_examples=300)
@given(kode=dotted_codes())
def test_every_way_a_spreadsheet_writes_a_code_gives_the_dotted_code(kode):
    undotted = kode.replace(".", "")
    written = [kode, undotted, f" {undotted} ", f"{undotted}.0", int(undotted), float(undotted),
               kode.replace(".", " "), kode.replace(".", "-"), kode.replace(".", "/")]
    assert {normalise_kode(w) for w in written} == {kode}
    assert normalise_kode(normalise_kode(undotted)) == kode  # idempotent
    assert level_of(kode) == ("provinsi", "kabkota", "kecamatan", "desa")[kode.count(".")]
    assert parent_code(kode) == (kode.rsplit(".", 1)[0] if "." in kode else None)


_ANY = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                 st.text(max_size=16), st.text(alphabet="0123456789. -_/١٩¹１", max_size=14))


def _digits(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return "".join(ch for ch in text if ch.isdigit())


@settings(max_examples=500)
@given(value=_ANY)
def test_normalise_kode_never_raises_and_never_guesses(value):
    result = normalise_kode(value)
    if result is None:
        return
    # only ASCII digits in the Kemendagri shape, and exactly the digits that were written, in order
    assert re.fullmatch(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?", result, re.ASCII), (value, result)
    assert result.replace(".", "") == _digits(value), (value, result)
    assert not isinstance(value, bool)


@settings(max_examples=200)
@given(digits=st.text(alphabet="0123456789", min_size=1, max_size=14))
def test_undotted_digits_of_a_length_no_level_has_are_refused(digits):
    assume(len(digits) not in (2, 4, 6, 10))
    assert normalise_kode(digits) is None


# -- the tabular reader on arbitrary Excel cells ---------------------------------------------

_CELL = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Cn", "Zl", "Zp")), max_size=10),
    st.integers(-10**9, 10**9),
    st.floats(-1e12, 1e12, allow_nan=False).map(lambda f: float(f"{f:.12g}")),  # Excel keeps 15 digits
    st.dates(date(2000, 1, 1), date(2099, 12, 31)),
    st.booleans(),
)


def _expected(cell) -> str | None:
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    return str(cell).strip()


@FILES
@given(rows=st.lists(st.lists(_CELL, min_size=3, max_size=3), min_size=1, max_size=8))
def test_any_excel_cells_come_back_as_their_text_with_the_sheet_row(tmp_path, rows):
    assume(not any(isinstance(c, str) and c.strip().startswith("=") for r in rows for c in r))
    path = workbook(tmp_path / "acak.xlsx", [["kode", "nilai", "tanggal"], *rows])
    frame, numbers = read_table_file(path)
    expected = [(i + 2, [_expected(c) for c in r]) for i, r in enumerate(rows)]
    expected = [(n, r) for n, r in expected if any(v is not None for v in r)]
    assert list(frame.columns) == ["kode", "nilai", "tanggal"]
    assert frame.to_numpy().tolist() == [r for _, r in expected]
    assert numbers.tolist() == [n for n, _ in expected]


# -- every input row is imported or reported by its row number -------------------------------

DESA = ["19.05.01.2001", "19.06.01.2001", "19.06.01.2002", "19.06.01.2003", "19.06.02.2001", "32.16.01.2001"]

# (kode_desa, expected outcome) — outcome "ok", "no_desa" or the field a rejection reason names
# (the field, not the wording, so the importer's author may reword the reasons)
_KODES = st.sampled_from([(k, "ok") for k in DESA] + [(k.replace(".", ""), "ok") for k in DESA] + [
    ("19.06.01.9999", "no_desa"), ("1906019999", "no_desa"), ("19.06.01", "kode_desa"),
    ("190601200", "kode_desa"), ("", "kode_desa"), ("Kelubi", "kode_desa")])
_VALUES = st.sampled_from([(("4", "52"), "ok"), (("0", "10"), "ok"), (("3,5", "10"), "ok"),
                           (("-1", "10"), "pembilang"), (("x", "10"), "pembilang"),
                           (("", "10"), "pembilang"), (("5", ""), "penyebut"),
                           (("11", "10"), "pembilang lebih besar"), (("=B2", "10"), "pembilang")])
_INDIKATOR = st.sampled_from([("k1", "ok"), ("K1", "ok"), ("bukan_indikator", "indikator")])
_PERIOD_OK = st.sampled_from(["{y}-{m:02d}", "{y}/{m}", "{y}{m:02d}", "01/{m:02d}/{y}"])


@st.composite
def indicator_rows(draw):
    rows = []
    for i in range(draw(st.integers(1, 15))):
        (kode, k_out), ((num, den), v_out), (ind, i_out) = draw(_KODES), draw(_VALUES), draw(_INDIKATOR)
        # a distinct month per row keeps every good row's desa × month × indicator unique
        y, m = 2020 + i // 12, i % 12 + 1
        period, p_out = (draw(_PERIOD_OK).format(y=y, m=m), "ok") if draw(st.booleans()) or i % 5 else ("Maret", "periode")
        if i_out != "ok" and v_out.startswith("pembilang lebih besar"):
            v_out = "ok"  # without a known indicator there is no satuan to judge num > den by
        reasons = [o for o in (k_out, p_out, i_out, v_out) if o not in ("ok", "no_desa")]
        rows.append(([kode, period, ind, num, den], reasons, k_out == "no_desa"))
    return rows


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=indicator_rows(), delimiter=st.sampled_from([",", ";"]), encoding=st.sampled_from(["utf-8-sig", "cp1252"]))
def test_every_indicator_row_is_imported_or_reported_by_its_row(tmp_path_factory, rows, delimiter, encoding):
    from indicators.importer import import_indicators

    tmp = tmp_path_factory.mktemp("ind")
    ws = make_workspace(tmp / "ws")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["kode_desa", "periode", "indikator", "pembilang", "penyebut"])
    writer.writerows(r for r, _, _ in rows)
    path = tmp / "nilai.csv"
    path.write_bytes(out.getvalue().encode(encoding))
    good = [i + 2 for i, (_, reasons, no_desa) in enumerate(rows) if not reasons and not no_desa]
    before = ws.snapshot_id
    try:
        report = import_indicators(ws, path)
    except PwsError as exc:
        assert not good and "tidak ada baris yang bisa diimpor" in str(exc) and ws.snapshot_id == before
        return
    rejected = {r["baris"]: r["alasan"] for r in report.rejected}
    without_desa = {b for c in report.codes_without_desa for b in c["baris"]}
    for i, (_, reasons, no_desa) in enumerate(rows):
        n = i + 2
        if reasons:
            assert n in rejected and all(reason in rejected[n] for reason in reasons), (n, reasons, rejected.get(n))
        elif no_desa:
            assert n in without_desa and n not in rejected
        else:
            assert n not in rejected and n not in without_desa
    assert report.rows_imported == len(good)
    assert report.rows_imported + report.rejected_count + report.rows_without_desa == report.rows_read == len(rows)
    assert len(ws.read_table("indikator/nilai.parquet")) == len(good)


_PLACES = st.sampled_from([(k, "ok") for k in DESA] + [(k.replace(".", ""), "ok") for k in DESA] + [
    ("PY-1", "ok"), ("1906019999", "unmatched"), ("PY-404", "unmatched"), ("19.06", "rejected"), ("", "rejected")])
_COUNTS = st.sampled_from([("3", "ok"), ("0", "ok"), ("2.0", "ok"), ("-1", "rejected"), ("1.5", "rejected"),
                           ("tiga", "rejected"), ("=D2", "rejected"), ("", "rejected")])
_DISEASES = st.sampled_from([("diare", "ok"), ("DBD", "ok"), ("ispa_pneumonia", "ok"), ("cacar monyet", "rejected")])


@st.composite
def case_rows(draw):
    rows = []
    start = date(2026, 1, 5)
    for i in range(draw(st.integers(1, 15))):
        (place, p_out), (count, c_out), (disease, d_out) = draw(_PLACES), draw(_COUNTS), draw(_DISEASES)
        monday = start + timedelta(weeks=i)  # one week per row: no duplicates among good rows
        week = draw(st.sampled_from([monday.isoformat(), monday.strftime("%d/%m/%Y"),
                                     f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}",
                                     str((monday - date(1899, 12, 30)).days), "minggu lalu"]))
        w_out = "rejected" if week == "minggu lalu" else "ok"
        outs = (w_out, d_out, c_out, p_out)
        outcome = "rejected" if "rejected" in outs else ("unmatched" if "unmatched" in outs else "ok")
        rows.append(([week, place, disease, count], outcome))
    return rows


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=case_rows(), blank_after=st.integers(0, 20))
def test_every_case_row_is_imported_or_reported_by_its_row(tmp_path, rows, blank_after):
    lines = ["minggu;tempat;penyakit;jumlah"] + [";".join(r) for r, _ in rows]
    numbers = list(range(2, len(rows) + 2))
    if blank_after < len(rows):  # a blank line in the middle must not shift later numbers
        lines.insert(blank_after + 1, "")
        numbers = [n if n <= blank_after + 1 else n + 1 for n in numbers]
    path = tmp_path / "kasus.csv"
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")
    fasilitas = pd.DataFrame({"id": ["PY-1"], "kode_desa": ["19.06.01.2001"]})
    result = read_case_file(path, DESA, fasilitas)
    rejected = {p["row"] for p in result.rejected}
    unmatched = {p["row"] for p in result.unmatched}
    want = {o: {n for n, (_, out) in zip(numbers, rows) if out == o} for o in ("ok", "rejected", "unmatched")}
    assert rejected == want["rejected"]
    assert unmatched == want["unmatched"]
    assert result.matched == len(want["ok"]) and result.rows_read == len(rows)


# -- PWS status ----------------------------------------------------------------------------------

_V = st.one_of(st.floats(-1e6, 1e6, allow_nan=False), st.just(math.nan))


@settings(max_examples=300)
@given(judged=_V, target=_V, now=_V, before=_V)
def test_pws_status_lower_is_better_is_the_mirror_of_higher_is_better(judged, target, now, before):
    up, up_trend = pws_status([judged], target, [now], [before], "naik")
    down, down_trend = pws_status([-judged], -target, [-now], [-before], "turun")
    assert up.tolist() == down.tolist()
    assert (up[0] is None) == (math.isnan(judged) or math.isnan(target))
    assert up[0] is None or up[0] in ALL_STATUSES
    # a trend status only when both months have a value
    assert up[0] not in ("capai", "belum_capai") or math.isnan(now) or math.isnan(before)


@settings(max_examples=300)
@given(judged=st.floats(0, 1e4), more=st.floats(0, 1e4), target=st.floats(0, 1e4), now=_V, before=_V)
def test_more_coverage_never_moves_an_area_below_target(judged, more, target, now, before):
    meets = {"baik", "kurang"}
    low = pws_status([judged], target, [now], [before], "naik")[0][0]
    high = pws_status([judged + more], target, [now], [before], "naik")[0][0]
    assert not (low in meets and high not in meets)


# -- roll-up: sums of numerators over sums of denominators; missing is not zero --------------------

@st.composite
def desa_values(draw):
    n = draw(st.integers(1, 8))
    dens = draw(st.lists(st.integers(1, 500), min_size=n, max_size=n))
    nums = [draw(st.integers(0, d)) for d in dens]
    silent = draw(st.integers(0, 4))  # desa of the kecamatan that sent nothing this month
    return nums, dens, silent


@settings(max_examples=40, deadline=None)
@given(values=desa_values())
def test_kecamatan_coverage_is_the_sum_of_desa_numerators_over_denominators(values):
    from indicators.rollup import rollup

    nums, dens, silent = values
    codes = [f"19.06.01.{2001 + i}" for i in range(len(nums) + silent)]
    rows = pd.DataFrame({"kode_desa": codes[:len(nums)], "periode": "2026-03", "indikator": "ds",
                         "pembilang": np.array(nums, float), "penyebut": np.array(dens, float)})
    out = rollup(rows, codes, "kecamatan", "2026-03").iloc[0]
    assert (out["pembilang"], out["penyebut"]) == (sum(nums), sum(dens))
    assert out["nilai"] == pytest.approx(100 * sum(nums) / sum(dens))
    shares = [100 * a / b for a, b in zip(nums, dens)]
    assert min(shares) - 1e-9 <= out["nilai"] <= max(shares) + 1e-9  # weighted by sasaran, so between its desa
    assert (out["desa_dengan_data"], out["desa_total"]) == (len(nums), len(nums) + silent)  # silent desa are not 0 %


# -- boundary repair: every feature kept or listed; what is kept is valid polygon geometry -------------

_NAN = float("nan")
_GEOMS = st.sampled_from([
    ("box", lambda i: shapely.box(i, 0, i + 1, 1)),
    ("bowtie", lambda i: shapely.Polygon([(i, 0), (i + 1, 1), (i + 1, 0), (i, 1)])),  # invalid, repairable
    ("none", lambda i: None),
    ("empty", lambda i: shapely.Polygon()),
    ("nan", lambda i: shapely.Polygon([(i, 0), (_NAN, 1), (i + 1, 1), (i, 0)])),
    ("point", lambda i: shapely.Point(i, 0)),
    ("mixed", lambda i: shapely.GeometryCollection([shapely.box(i, 0, i + 1, 1), shapely.Point(i, 5)])),
])
_FEATURE_CODES = st.sampled_from(["1906012001", "19.06.01.2002", "1906012003", "1906012001", None, "", "19.06.01", "xx"])


@settings(max_examples=150, deadline=None)
@given(features=st.lists(st.tuples(_FEATURE_CODES, _GEOMS), min_size=1, max_size=10))
def test_every_boundary_feature_is_kept_or_listed_and_kept_geometry_is_valid(features):
    import warnings

    import geopandas as gpd

    from geo.repair import clean_layer

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # shapely warns when it meets the NaN on purpose
        frame = gpd.GeoDataFrame({"kode": [c for c, _ in features]},
                                 geometry=[make(i) for i, (_, (_, make)) in enumerate(features)], crs=4326)
        out, report = clean_layer(frame, "kode")
    listed = {e["row"] for key in ("missing_code", "invalid_code", "empty") for e in report[key]}
    kept = set(out["kode"])
    for row, (code, _) in enumerate(features, start=1):
        assert row in listed or normalise_kode(code) in kept, (row, code, report)
    assert report["features"] == len(features) and report["kept"] == len(out)
    assert shapely.is_valid(out.geometry.to_numpy()).all()
    assert set(out.geometry.geom_type) <= {"Polygon", "MultiPolygon"}
    nan_rows = [r for r, (c, (kind, _)) in enumerate(features, start=1) if kind == "nan" and r not in
                {e["row"] for key in ("missing_code", "invalid_code") for e in report[key]}]
    assert set(nan_rows) <= {e["row"] for e in report["empty"]}
