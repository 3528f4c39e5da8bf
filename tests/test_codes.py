import pandas as pd
import pytest

from geo.codes import normalise_kode, normalise_kode_series
from geo.levels import ancestor_code, child_level, level_of, parent_code


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1906012004", "19.06.01.2004"),
        ("19.06.01.2004", "19.06.01.2004"),
        (1906012004, "19.06.01.2004"),
        (1906012004.0, "19.06.01.2004"),
        ("1906012004.0", "19.06.01.2004"),
        (" 19 06 01 2004 ", "19.06.01.2004"),
        ("190601", "19.06.01"),
        ("1906", "19.06"),
        ("19", "19"),
        ("19.06", "19.06"),
    ],
)
def test_normalise_valid(raw, expected):
    assert normalise_kode(raw) == expected


@pytest.mark.parametrize("raw", ["", "abc", "190601200", "19.6.01", "19.06.01.204", None, float("nan"), 1906.5, "19060120041"])
def test_normalise_invalid_is_none(raw):
    assert normalise_kode(raw) is None


def test_series_keeps_index_and_marks_invalid():
    s = pd.Series(["1906012004", None, "x", 19.0, "1906012004"], index=[10, 11, 12, 13, 14])
    out = normalise_kode_series(s)
    assert list(out.index) == [10, 11, 12, 13, 14]
    assert out.tolist() == ["19.06.01.2004", None, None, "19", "19.06.01.2004"]


def test_levels():
    assert level_of("19") == "provinsi"
    assert level_of("19.06.01.2004") == "desa"
    assert parent_code("19.06") == "19"
    assert parent_code("19") is None
    assert ancestor_code("19.06.01.2004", "kecamatan") == "19.06.01"
    assert child_level("kecamatan") == "desa"
    assert child_level("desa") is None
    with pytest.raises(ValueError):
        ancestor_code("19.06", "desa")
