"""Two periods compared: the change and its symmetric classes, worked by hand."""

from __future__ import annotations

import numpy as np
import pytest

from indicators.compare import change_classes, difference, nice_step


def test_the_change_is_missing_where_either_period_is_missing_never_zero():
    d = difference([80.0, 55.0, None, 60.0, np.nan], [75.5, 60.0, 50.0, None, 10.0])
    assert d[:2].tolist() == [4.5, -5.0]
    assert np.isnan(d[2:]).tolist() == [True, True, True]
    with pytest.raises(ValueError, match="one value per area"):
        difference([1.0, 2.0], [1.0])


def test_classes_are_symmetric_around_zero_by_hand():
    # largest |change| 12 with k=5: 12/2.5 = 4.8 → step 5; edges ±2.5, ±7.5
    c = change_classes([-12.0, -7.5, -7.4, -2.5, 0.0, 2.5, 2.6, 7.5, 7.6, None], k=5)
    assert c.step == 5.0
    assert c.edges == [-7.5, -2.5, 2.5, 7.5]
    # an exact edge falls on the side nearer 0, the same on both sides
    assert c.classes.tolist() == [0, 1, 1, 2, 2, 2, 3, 3, 4, -1]
    assert c.labels == ["< -7,5", "-7,5 – -2,5", "-2,5 – 2,5", "2,5 – 7,5", "> 7,5"]


def test_mirrored_changes_get_mirrored_classes():
    v = np.array([0.3, 1.1, 4.0, 9.9, 17.0])
    up = change_classes(np.concatenate([v, -v]), k=7)
    n = len(v)
    assert (up.classes[:n] + up.classes[n:]).tolist() == [6] * n  # class i and k-1-i
    assert up.edges == [-e for e in reversed(up.edges)]


def test_no_change_at_all_and_all_missing_are_handled():
    zero = change_classes([0.0, 0.0], k=5)
    assert zero.classes.tolist() == [2, 2] and zero.step == 1.0
    none = change_classes([None, np.nan], k=5)
    assert none.classes.tolist() == [-1, -1]
    assert len(none.labels) == 5


def test_small_changes_get_small_round_steps_and_english_numbers():
    assert nice_step(0.4, 5) == 0.2
    c = change_classes([0.4, -0.1], k=5, lang="en", unit="pp")
    assert c.edges == [-0.3, -0.1, 0.1, 0.3]
    assert c.labels[0] == "< -0.3 pp" and c.labels[2] == "-0.1 – 0.1 pp"
    with pytest.raises(ValueError, match="odd"):
        change_classes([1.0], k=4)
