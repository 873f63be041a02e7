"""The classes a map, its legend and its downloads share, on synthetic values: every method keeps the invariants the
legend relies on (counts add up, edges rise, one colour per class), and each method cuts where its definition says."""

from __future__ import annotations

import numpy as np
import pytest
from plotly.colors import sample_colorscale, unlabel_rgb

from domain.classify import (
    MAX_CLASSES,
    MIN_CLASSES,
    NO_DATA_COLOUR,
    SEQUENTIAL_PALETTES,
    class_index,
    classify,
    classify_counts,
    colours_by_side,
    legend_items,
    method_label,
    palette_colours,
    recount,
    stepped_colorscale,
    value_colorscale,
)

RNG = np.random.default_rng(7)
SKEWED = np.round(RNG.lognormal(1.0, 0.8, 240), 3)
WITH_GAPS = np.concatenate([SKEWED[:60], [np.nan] * 7])


def _luminance(colour: str) -> float:
    r, g, b = unlabel_rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("k", range(MIN_CLASSES, MAX_CLASSES + 1))
@pytest.mark.parametrize("method", ["quantiles", "equal_interval", "natural_breaks"])
def test_every_method_gives_rising_edges_and_counts_that_add_up(method, k):
    classes = classify(WITH_GAPS, method, k)
    assert classes.k == k and len(classes.edges) == k + 1 and len(classes.colours) == k
    assert list(classes.edges) == sorted(classes.edges) and len(set(classes.edges)) == k + 1
    assert sum(classes.counts) == 60 and classes.n_missing == 7
    assert classes.edges[0] == np.nanmin(WITH_GAPS) and classes.edges[-1] == np.nanmax(WITH_GAPS)
    assert tuple(np.bincount([i for i in class_index(WITH_GAPS, classes) if i is not None], minlength=k)) \
        == classes.counts


@pytest.mark.parametrize("k", [3, 4, 5, 7])
def test_quantile_breaks_are_the_percentiles_and_share_the_regions_evenly(k):
    classes = classify(SKEWED, "quantiles", k)
    expected = np.percentile(SKEWED, [100 * i / k for i in range(1, k + 1)])
    assert np.allclose(classes.edges[1:], expected)
    assert max(classes.counts) - min(classes.counts) <= 2


@pytest.mark.parametrize("k", [3, 5, 8])
def test_equal_interval_classes_have_equal_widths(k):
    classes = classify(SKEWED, "equal_interval", k)
    assert np.allclose(np.diff(classes.edges), (SKEWED.max() - SKEWED.min()) / k)


def test_natural_breaks_find_the_gaps_between_clusters():
    values = [1.0, 1.1, 1.2, 1.3, 10.0, 10.5, 11.0, 50.0, 51.0, 52.0, 53.0]
    classes = classify(values, "natural_breaks", 3)
    assert classes.edges[1:] == (1.3, 11.0, 53.0) and classes.counts == (4, 3, 4)


@pytest.mark.parametrize(("asked", "distinct", "k"), [(2, 50, MIN_CLASSES), (12, 50, MAX_CLASSES), (7, 4, 4)])
def test_the_number_of_classes_is_bounded_and_never_exceeds_the_distinct_values(asked, distinct, k):
    values = np.arange(50) % distinct
    assert classify(values, "equal_interval", asked).k == k


@pytest.mark.parametrize("values", [[4.2], [3.0, 3.0, 3.0], [np.nan, 5.0]])
def test_one_value_gets_a_continuous_scale_not_empty_classes(values):
    classes = classify(values, "quantiles", 5)
    assert classes.method == "continuous" and classes.counts == (1 if len(values) != 3 else 3,)
    assert classes.colorscale == ("Viridis",)


def test_no_values_at_all_is_all_missing_never_zero():
    classes = classify([np.nan, np.nan], "quantiles", 5)
    assert classes.k == 0 and classes.n_missing == 2
    assert legend_items(classes, "EUR") == [{"label": "No data", "colour": NO_DATA_COLOUR, "count": 2, "no_data": True}]


def test_continuous_diverging_scale_is_symmetric_about_its_centre():
    classes = classify([80.0, 95.0, 130.0], "continuous", 5, "blues", diverging_mid=100.0)
    assert classes.edges == (70.0, 130.0) and classes.colorscale == ("RdBu",)


@pytest.mark.parametrize(("value", "index"), [(0.5, 0), (0.8, 1), (1.0, 1), (1.25, 2), (1.9, 2), (2.0, 3), (3.5, 3)])
def test_a_value_on_a_meaningful_break_belongs_to_the_class_above(value, index):
    classes = classify([0.5, 1.0, 1.9, 3.5], "fixed", breaks=(0.8, 1.25, 2.0), diverging_mid=1.0)
    assert classes.k == 4 and class_index([value], classes) == [index]


def test_a_fixed_span_keeps_every_class_even_when_empty():
    classes = classify([10.0, 12.0, np.nan], "fixed", breaks=(25.0, 50.0, 75.0), span=(0.0, 100.0))
    assert classes.counts == (2, 0, 0, 0) and classes.n_missing == 1 and classes.edges[0] == 0.0
    assert [row["label"] for row in legend_items(classes, "")][:4] == ["0 – 25", "25 – 50", "50 – 75", "75 – 100"]


def test_categorical_classes_are_one_per_value_with_their_own_counts():
    classes = classify([0, 1, 1, 2, 2, 2, np.nan], categorical=True)
    assert classes.counts == (1, 2, 3) and classes.categorical and classes.n_missing == 1
    assert [row["label"] for row in legend_items(classes, "")] == ["0", "1", "2", "No data"]
    assert method_label(classes) == "One class per count"


@pytest.mark.parametrize(("values", "categorical"), [([1, 2, 3, 1, 2], True), (list(range(40)), False)])
def test_counts_get_one_class_per_count_only_when_there_are_few(values, categorical):
    assert classify_counts(values, "viridis").categorical is categorical


def test_recount_keeps_the_classes_and_counts_other_values():
    classes = classify(SKEWED, "quantiles", 5)
    again = recount([SKEWED.min(), SKEWED.max(), np.nan], classes)
    assert again.edges == classes.edges and again.colours == classes.colours
    assert again.counts == (1, 0, 0, 0, 1) and again.n_missing == 1


@pytest.mark.parametrize("palette", sorted(SEQUENTIAL_PALETTES))
def test_sequential_palettes_darken_steadily_and_never_start_near_white(palette):
    colours = palette_colours(palette, 6)
    luminance = [_luminance(c) for c in colours]
    assert len(set(colours)) == 6 and max(luminance) < 235
    assert luminance == sorted(luminance) or luminance == sorted(luminance, reverse=True)


@pytest.mark.parametrize(("edges", "positions"), [
    ((-3.0, -1.0, 0.0, 2.0, 9.7), (0.08, 0.42, 0.58, 0.92)),
    ((-1.0, 1.0, 3.0), (0.5, 0.75)),
    ((0.0, 1.0, 2.0, 3.0), (0.58, 0.75, 0.92)),
    ((-2.0, -1.0, 0.0), (0.08, 0.42)),
])
def test_change_colours_spread_each_side_of_no_change_over_its_own_classes(edges, positions):
    """Falls take the first half of the diverging scale, rises the second, a class across 0 its centre: a long
    tail on one side does not wash out the other."""
    assert colours_by_side(edges, 0.0, "viridis") == tuple(sample_colorscale("PuOr", list(positions), colortype="rgb"))


@pytest.mark.parametrize("k", [1, 2, 5])
def test_stepped_colorscale_gives_class_i_exactly_colour_i(k):
    colours = tuple(f"rgb({i}, {i}, {i})" for i in range(k))
    scale = stepped_colorscale(colours)
    for i, colour in enumerate(colours):
        z = (i + 0.5) / k
        assert [c for t, c in scale if t <= z][-1] == colour


def test_value_colorscale_puts_each_step_between_two_classes():
    values = [1.0, 2.0, 3.0, 10.0, 11.0, 12.0]
    classes = classify(values, "natural_breaks", 3)
    scale, lo, hi = value_colorscale(values, classes)
    assert (lo, hi) == (1.0, 12.0) and scale[0] == [0.0, classes.colours[0]] and scale[-1] == [1.0, classes.colours[-1]]
    for value, index in zip(values, class_index(values, classes)):
        t = (value - lo) / (hi - lo)
        assert [c for s, c in scale if s <= t][-1] == classes.colours[index]
