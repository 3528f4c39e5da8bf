"""Map classes: mapclassify through a registry, degenerate data handled on purpose."""

import numpy as np
import pytest

from indicators.classify import SCHEMES, classify, format_number


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_all_missing(scheme):
    c = classify([np.nan, None, float("inf")], scheme, k=5)
    assert c.classes.tolist() == [-1, -1, -1]
    assert (c.bins, c.labels) == ([], [])


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_all_zero_and_all_equal(scheme):
    zero = classify([0, 0, 0, None], scheme, k=5)
    assert zero.classes.tolist() == [0, 0, 0, -1]
    assert (zero.bins, zero.labels) == ([0.0], ["0"])
    same = classify([85.5] * 4, scheme, k=5)
    assert same.classes.tolist() == [0, 0, 0, 0] and same.labels == ["85,5"]


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_fewer_distinct_values_than_k(scheme):
    c = classify([10, 20, 20, 30, np.nan], scheme, k=5)
    assert c.classes.tolist() == [0, 1, 1, 2, -1]
    assert c.bins == [10.0, 20.0, 30.0]
    assert c.labels == ["10", "20", "30"]


def test_equal_interval_by_hand():
    c = classify([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], "equal_interval", k=4)
    assert c.bins == [25.0, 50.0, 75.0, 100.0]
    assert c.classes.tolist() == [0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 3]
    assert c.labels == ["0 – 25", "25 – 50", "50 – 75", "75 – 100"]


def test_quantiles_with_ties_never_leave_an_empty_class():
    values = [0] * 50 + list(range(1, 11))
    c = classify(values, "quantiles", k=5)
    counts = np.bincount(c.classes, minlength=len(c.bins))
    assert len(c.bins) == len(c.labels) and (counts > 0).all()
    assert c.classes[:50].tolist() == [0] * 50


def test_fisher_jenks_finds_the_natural_groups():
    c = classify([1, 2, 3, 50, 51, 52, 100, 101, 102], "fisher_jenks", k=3)
    assert c.bins == [3.0, 52.0, 102.0]
    assert c.classes.tolist() == [0, 0, 0, 1, 1, 1, 2, 2, 2]
    assert classify(list(range(5000)), "fisher_jenks", k=5).classes.max() == 4  # large input: sampled, still 5 classes


def test_each_offered_scheme_is_its_own_computation():
    # a name that runs another scheme's code offers the user the same map twice under two names
    from indicators.classify import SCHEME_ALIASES, SCHEMES
    from mapdata import viewstate

    assert set(viewstate.SCHEMES) - {"pws"} == set(SCHEMES)
    assert viewstate.SCHEME_ALIASES == SCHEME_ALIASES  # the URL maps old names as the classifier does
    skewed = [1, 1, 2, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377]
    bins = {name: tuple(classify(skewed, name, k=4).bins) for name in SCHEMES}
    assert len(set(bins.values())) == len(bins), bins
    assert len(set(SCHEMES[name] for name in SCHEMES)) == len(SCHEMES)


def test_the_old_natural_breaks_name_runs_what_it_always_ran():
    from indicators.classify import SCHEMES

    values = [1, 2, 3, 50, 51, 52, 100, 101, 102]
    assert "natural_breaks" not in SCHEMES
    old = classify(values, "natural_breaks", k=3)
    assert (old.bins, old.scheme) == (classify(values, "fisher_jenks", k=3).bins, "fisher_jenks")


def test_unknown_scheme_lists_the_valid_ones():
    with pytest.raises(ValueError, match="equal_interval"):
        classify([1, 2], "jenks_magic")
    with pytest.raises(ValueError, match="k must be"):
        classify([1, 2], "quantiles", k=0)


def test_indonesian_number_format():
    assert format_number(1234567.891, 2) == "1.234.567,89"
    assert format_number(0.5, 1) == "0,5"
