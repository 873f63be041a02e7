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
