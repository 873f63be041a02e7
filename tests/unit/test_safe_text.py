"""Hostile text from imported lists (issue 15.8, 15.9): no live markup in Plotly strings, no formula in any CSV."""

from __future__ import annotations

import csv
import io

import pandas as pd
import plotly.graph_objects as go

from downloads.formats import csv_text, safe_rows_frame
from figures.choropleth import add_source_note
from figures.text import plain_text

LINK = '<a href="https://evil.example/phish">x</a>'


def test_markup_from_users_is_text_in_figures():
    assert "<a" not in plain_text(LINK) and "&lt;a href" in plain_text(LINK)
    fig = add_source_note(go.Figure(), f"Source: {LINK}")
    assert "<a " not in fig.layout.annotations[0].text


def test_csv_headers_neutralised_and_text_quoted():
    frame = pd.DataFrame({'=HYPERLINK("http://evil.example","x")': ["ok;=1+2;", "-8.6109"], "+n": [1, 2]})
    text = csv_text(safe_rows_frame(frame))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["'=HYPERLINK(\"http://evil.example\",\"x\")", "'+n"]
    assert '"ok;=1+2;"' in text
    assert text.splitlines()[2].startswith("-8.6109,")


def test_storyboard_links_read_from_browser_storage_stay_on_this_site():
    """A tab or newline between two slashes is dropped by browsers: '/\\t/evil.example' is an off-site link."""
    from components.meeting import _safe_views

    urls = ["/technology?indicator=desi_ai&level=0", "/\t/evil.example/technology", "/\n/evil.example/technology",
            "//evil.example/technology", "/\\evil.example/technology", "https://evil.example/technology",
            "/\x01/evil.example", "javascript:alert(1)"]
    kept = _safe_views([{"url": url, "title": "t", "note": ""} for url in urls] + ["/technology", {"url": 5}])
    assert [view["url"] for view in kept] == ["/technology?indicator=desi_ai&level=0"]
