"""Classification rules without any layer."""

from __future__ import annotations

import numpy as np
import pytest

from domain.classify import class_index, classify


def test_class_index_matches_legend_counts():
    values = np.array([1, 2, 2, 2, 3, 4, 5, 6, 7, 100, np.nan])
    for method in ("quantiles", "equal_interval", "natural_breaks"):
        classes = classify(values, method, 4)
        idx = [i for i in class_index(values, classes) if i is not None]
        assert tuple(np.bincount(idx, minlength=classes.k)) == classes.counts


@pytest.mark.parametrize("palette", ["viridis", "cividis", "ylgnbu", "blues", "purples"])
def test_palette_choice_picks_its_own_diverging_scale_centred_on_the_reference(palette):
    """Below the reference the classes take the first half of the palette's diverging counterpart, above it the
    second half, darker the further they are: a wrong scale, a flipped scale or a lost centre fails."""
    from plotly.colors import sample_colorscale

    from domain.classify import DIVERGING_PALETTES, classify

    values = [0.5, 0.9, 1.1, 1.6, 2.4, 3.0]
    classes = classify(values, "quantiles", 4, palette, diverging_mid=1.0)
    scale = DIVERGING_PALETTES[palette]
    edges = np.asarray(classes.edges)
    mids = (edges[:-1] + edges[1:]) / 2
    half = max(edges[-1] - 1.0, 1.0 - edges[0])
    positions = [0.5 + (m - 1.0) / (2 * half) for m in mids]
    assert positions[0] < 0.5 < positions[-1] and positions == sorted(positions)
    assert list(classes.colours) == sample_colorscale(scale, positions, colortype="rgb")
    assert len({classify(values, "quantiles", 4, p, diverging_mid=1.0).colours for p in DIVERGING_PALETTES}) == 5


def test_location_quotients_get_meaningful_breaks_by_default():
    from domain.classify import classify, legend_items
    from domain.mapview import effective_method

    values = [0.5, 0.79, 0.8, 1.0, 1.25, 1.3, 1.9, 2.0, 2.4, 3.55]
    classes = classify(values, "fixed", 5, "viridis", diverging_mid=1.0, breaks=(0.8, 1.25, 2.0))
    assert classes.edges == pytest.approx((0.5, 0.8, 1.25, 2.0, 3.55)) and classes.counts == (2, 2, 3, 3)
    assert [row["label"] for row in legend_items(classes, "LQ")][:4] == ["0.50 – 0.80", "0.80 – 1.25", "1.25 – 2",
                                                                         "2 – 3.55"]
    hints = {"diverging_mid": 1.0, "breaks": [0.8, 1.25, 2.0]}
    assert effective_method("auto", hints, False) == "fixed" and effective_method("auto", {}, False) == "quantiles"
    assert effective_method("quantiles", hints, False) == "quantiles"
