"""Classification rules without any layer."""

from __future__ import annotations

import numpy as np

from domain.classify import class_index, classify


def test_class_index_matches_legend_counts():
    values = np.array([1, 2, 2, 2, 3, 4, 5, 6, 7, 100, np.nan])
    for method in ("quantiles", "equal_interval", "natural_breaks"):
        classes = classify(values, method, 4)
        idx = [i for i in class_index(values, classes) if i is not None]
        assert tuple(np.bincount(idx, minlength=classes.k)) == classes.counts


def test_palette_choice_changes_a_map_centred_on_a_reference():
    from domain.classify import classify

    values = [0.5, 0.9, 1.1, 1.6, 2.4, 3.0]
    purple_orange = classify(values, "quantiles", 4, "viridis", diverging_mid=1.0).colours
    red_blue = classify(values, "quantiles", 4, "blues", diverging_mid=1.0).colours
    assert purple_orange != red_blue
