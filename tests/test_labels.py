"""Label points and greedy placement on hand-made squares, with answers worked out by hand."""

from __future__ import annotations

import pytest
from shapely.geometry import MultiPolygon, Point, Polygon, box

from geo.labels import Label, anchor_points, fit_zoom, label_box, place_labels, to_pixels


def test_the_anchor_of_a_c_shape_is_inside_it_where_the_centroid_is_not():
    # a thin "C": the 3x3 square minus its 2.6x2.6 right notch; its centroid lies in the notch
    c = Polygon([(0, 0), (3, 0), (3, 0.2), (0.4, 0.2), (0.4, 2.8), (3, 2.8), (3, 3), (0, 3)])
    assert not c.contains(c.centroid)
    (x, y), = anchor_points([c])
    assert c.contains(Point(x, y))
    # the pole of inaccessibility of the C lies in its thick left bar
    assert 0 < x < 0.4


def test_a_multipolygon_is_labelled_in_its_largest_part_and_missing_geometry_gets_none():
    mp = MultiPolygon([box(0, 0, 1, 1), box(10, 10, 14, 14)])
    (x, y), none, empty = anchor_points([mp, None, Polygon()])
    assert (round(x, 6), round(y, 6)) == (12.0, 12.0)
    assert none is None and empty is None


def test_pixels_double_with_each_zoom_step():
    x0, y0 = to_pixels(1.0, 0.0, 3)
    x1, y1 = to_pixels(1.0, 0.0, 4)
    assert x1 == pytest.approx(2 * x0) and y1 == pytest.approx(2 * y0)
    # one degree of longitude at zoom 0 is 256/360 px
    assert to_pixels(1.0, 0.0, 0)[0] - to_pixels(0.0, 0.0, 0)[0] == pytest.approx(256 / 360)


def test_label_box_is_estimated_from_the_longest_line_and_the_line_count():
    lab = Label("a", 0.0, 0.0, ("Desa Panjang", "50,0"))  # 12 characters, 2 lines
    x0, y0, x1, y1 = label_box(lab, zoom=0, font_px=10)
    assert x1 - x0 == pytest.approx(12 * 0.58 * 10 + 4)
    assert y1 - y0 == pytest.approx(2 * 1.25 * 10 + 4)


def _squares_labels():
    # four unit squares in a row near the equator, labelled at their centres; priority = a made-up area
    return [Label(f"k{i}", i + 0.5, 0.5, (f"Desa {i}", "12,5"), priority=p)
            for i, p in zip(range(4), (1.0, 4.0, 2.0, 3.0))]


def test_at_a_close_zoom_every_square_keeps_its_label():
    # at zoom 8 a degree is 256*256/360 = 182 px; the boxes are ~45 px wide: no overlap
    kept = place_labels(_squares_labels(), zoom=8, font_px=12)
    assert [x.kode for x in kept] == ["k1", "k3", "k2", "k0"]  # priority order


def test_at_a_far_zoom_neighbours_collide_and_the_larger_area_wins():
    # at zoom 6 a degree is 45.5 px; box width 6*0.58*12+4 = 45.8 px > 45.5: each label touches its neighbours.
    # greedy by priority: k1 (4) kept, k3 (3) kept (two squares away), k2 (2) hits both, k0 (1) hits k1.
    kept = place_labels(_squares_labels(), zoom=6, font_px=12)
    assert [x.kode for x in kept] == ["k1", "k3"]
    # at zoom 2 everything is on a few pixels: only the largest stays
    assert [x.kode for x in place_labels(_squares_labels(), zoom=2)] == ["k1"]


def test_placement_does_not_depend_on_input_order_and_ties_go_by_code():
    labs = [Label(k, 0.0, 0.0, ("x",), priority=1.0) for k in ("b", "a", "c")]
    assert [x.kode for x in place_labels(labs, zoom=5)] == ["a"]
    assert [x.kode for x in place_labels(list(reversed(labs)), zoom=5)] == ["a"]
    with pytest.raises(ValueError, match="font_px"):
        place_labels(labs, zoom=5, font_px=0)


def test_fit_zoom_is_the_largest_snapped_zoom_at_which_the_box_fits():
    # a 1 degree square near the equator: 256*2^z/360 px per degree; 400 px wide → 2^z <= 562.5 → z <= 9.136
    assert fit_zoom([[0, 0], [1, 1]], 400, 400) == 9.0
    assert fit_zoom([[0, 0], [1, 1]], 400, 400, snap=0.1) == pytest.approx(9.1)
    # a wide box is limited by its width, a tall one by its height
    assert fit_zoom([[0, 0], [1, 4]], 400, 400) < fit_zoom([[0, 0], [1, 1]], 400, 400)


def test_an_elongated_rectangle_is_labelled_at_its_centre_not_anywhere_on_its_middle_line():
    (x, y), = anchor_points([box(0, 0, 1, 2)])
    assert (round(x, 6), round(y, 6)) == (0.5, 1.0)
