"""Issue 24, item 5: hostile text in every user-text field of every figure builder stays text.

An imported indicator's unit ``<a href=…>`` drew a live link in the trend chart's hover
(``components/profile_panel.series_figure``). Every builder below gets hostile text in each field a user (an
imported list, a storyboard title or note) or a data file can fill; no string of the figure may carry it as live
markup, as a template placeholder Plotly would fill in, or at unbounded length. The builders that need no layer are tested in tests/unit/test_figure_text_escaping.py.
"""

from __future__ import annotations

import pandas as pd
from hostile_text import HOSTILE, MIXED, assert_text_only


def test_map_update_label_unit_and_source(layer):
    from domain.classify import classify
    from figures.choropleth import apply_update, build_base_figure, value_updates

    codes = list(layer.regions.nuts_id[layer.regions.level == 2][:40])
    values = {code: float(n) for n, code in enumerate(codes)}
    classes = classify(list(values.values()), "quantiles", 5, "viridis")
    fig = build_base_figure(layer, 2, uirevision="t")
    for text in HOSTILE:
        apply_update(fig, value_updates(layer, 2, values, classes, text, text, 2021, text))
        assert_text_only(fig, expect_shown=False)
    apply_update(fig, value_updates(layer, 2, values, classes, MIXED, MIXED, 2021, MIXED))
    assert_text_only(fig)


def test_imported_indicator_preview_map(layer):
    from components.imports_view import imported_map
    from data.importing.table import ImportResult

    codes = list(layer.regions.nuts_id[layer.regions.level == 2][:30])
    rows = pd.DataFrame({"nuts_id": codes, "level": 2, "year": "2021", "value": [float(n) for n in range(30)],
                         "name": [MIXED] * 30})
    result = ImportResult("indicator", rows, pd.DataFrame(), {})
    fig, _legend = imported_map(layer, result, MIXED, MIXED)
    assert_text_only(fig)
