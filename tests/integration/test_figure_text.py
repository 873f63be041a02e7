"""Issue 24, item 5: hostile text in every user-text field of every figure builder stays text.

An imported indicator's unit ``<a href=…>`` drew a live link in the trend chart's hover
(``components/profile_panel.series_figure``). Every builder below gets hostile text in each field a user (an
imported list, a storyboard title or note) or a data file can fill; no string of the figure may carry it as live
markup, as a template placeholder Plotly would fill in, or at unbounded length.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

LINK = '<a href="https://evil.example/login">sign in</a>'
BOLD = "<b>INJ</b>"
TEMPLATE = "%{meta[0]}INJ"
LONG = "L" * 5000
HOSTILE = [LINK, BOLD, TEMPLATE, LONG]
MIXED = f"{LINK} {BOLD} {TEMPLATE}"


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, (list, tuple)):
        return [s for value in node for s in _strings(value)]
    return []


def assert_text_only(figure, *, expect_shown: bool = True) -> None:
    data = figure.to_plotly_json() if isinstance(figure, go.Figure) else figure
    strings = _strings(data)
    for string in strings:
        assert "<a " not in string and "<a>" not in string, string[:200]
        assert "<b>INJ" not in string and "%{meta[0]}INJ" not in string, string[:200]
        assert "L" * 2001 not in string, "unbounded text"
    if expect_shown:  # the text is still there, as text
        assert any("&lt;a href" in s for s in strings) and any("&#37;{meta[0]}INJ" in s for s in strings)


def _series(name: str) -> list[dict]:
    return [{"years": [2020, 2021], "values": [1.0, 2.0], "name": name}]


@pytest.mark.parametrize("text", HOSTILE + [MIXED])
def test_trend_chart(text):
    from components.profile_panel import series_figure

    assert_text_only(series_figure(_series(text), text), expect_shown=text == MIXED)
    assert_text_only(series_figure(_series(MIXED), MIXED))


def test_trend_chart_hover_of_an_imported_unit_is_not_a_link():
    from components.profile_panel import series_figure

    template = series_figure(_series("Region"), LINK).data[0].hovertemplate
    assert "&lt;a href" in template and "<a" not in template


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


def test_organisations_overlay_points():
    from figures.organisations_overlay import organisation_points

    points = organisation_points([{"index": 0, "name": MIXED, "place": MIXED, "located": MIXED, "lat": 50.0,
                                   "lon": 20.0}], MIXED)
    assert_text_only(points)
    assert_text_only(organisation_points([{"index": 0, "name": LONG, "place": LONG, "located": LONG, "lat": 1.0,
                                           "lon": 1.0}], LONG), expect_shown=False)


@pytest.mark.parametrize("text", HOSTILE + [MIXED])
def test_static_page_words_note_and_text_pages(text):
    """The Plotly page of a single-view PNG/SVG export keeps hostile words as text; the documents' HTML pages (the
    pack's text page, a view page's words) escape them as HTML."""
    from figures.pack_pages import text_page
    from figures.static_map import ViewWords, compose_page

    words = ViewWords(title=text, subtitle=text, legend_title=text, legend=[("#440154", text)],
                      key_figures=[text, text], source_line=text)
    fig = go.Figure()
    fig.update_layout(width=1600, height=900)
    assert_text_only(compose_page(fig, words, note=text), expect_shown=text == MIXED)
    html = text_page(text, [text, text])
    assert "<a " not in html and "<b>INJ" not in html and ("&lt;a href" in html) == ("<a href" in text)


def test_plotly_draws_the_escaped_text_as_typed():
    """What the escaping relies on: Plotly turns &lt; &gt; &amp; and numeric entities back into characters when it
    draws a string (after filling the template), so the reader sees exactly what was typed."""
    from figures.text import plain_text

    assert plain_text(MIXED) == ('&lt;a href="https://evil.example/login"&gt;sign in&lt;/a&gt; &lt;b&gt;INJ&lt;/b&gt; '
                                 "&#37;{meta[0]}INJ")
    assert plain_text("50 % of EU27 & more") == "50 % of EU27 &amp; more"
    assert len(plain_text(LONG)) <= 2000
