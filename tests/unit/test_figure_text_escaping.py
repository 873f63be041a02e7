"""Issue 24, item 5: hostile text in every user-text field of every figure builder stays text (the builders that
need no layer; those drawing the real regions are in tests/integration/test_figure_text.py).

An imported indicator's unit ``<a href=…>`` drew a live link in the trend chart's hover
(``components/profile_panel.series_figure``). Every builder below gets hostile text in each field a user (an
imported list, a storyboard title or note) or a data file can fill; no string of the figure may carry it as live
markup, as a template placeholder Plotly would fill in, or at unbounded length.
"""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from hostile_text import HOSTILE, LINK, LONG, MIXED, assert_text_only


def _series(name: str) -> list[dict]:
    return [{"years": [2020, 2021], "values": [1.0, 2.0], "name": name}]


@pytest.mark.parametrize("text", HOSTILE + [MIXED])
def test_trend_chart(text):
    from components.profile_panel import series_figure

    assert_text_only(series_figure(_series(text), text), expect_shown=text == MIXED)
    assert_text_only(series_figure(_series(MIXED), MIXED))


def test_trend_chart_hover_of_an_imported_unit_is_not_a_link():
    from components.profile_panel import series_figure

    template = series_figure(_series("Region"), LINK)["data"][0]["hovertemplate"]
    assert "&lt;a href" in template and "<a" not in template


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
