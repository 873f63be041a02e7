"""Embeds: only /embed/ may be framed by other sites; bad or imported views are refused in words."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

VIEW = "indicator=emp_hightech_medhightech_manuf&level=2&year=2015&region=PL21"


def test_embed_may_be_framed_by_any_site_and_pages_only_by_themselves(client):
    embed = client.get(f"/embed/technology?{VIEW}")
    assert embed.status_code == 200
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed.headers
    for path in ("/technology", "/api/indicators", "/brief/PL21", "/embed-static/embed.js"):
        response = client.get(path)
        assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"], path
        assert response.headers["X-Frame-Options"] == "SAMEORIGIN", path


def test_embed_carries_the_slide_words_and_the_years_with_data(client, layer):
    from data.layer import years_with_data

    page = client.get(f"/embed/technology?{VIEW}").get_data(as_text=True)
    data = json.loads(unescape(re.search(r'data-embed="([^"]*)"', page).group(1)))
    slide = client.get("/api/slide", query_string={"view": f"/technology?{VIEW}"}).get_json()
    assert data["slide"]["title_line"] == slide["title_line"] and data["slide"]["title_line"] in unescape(page)
    assert unescape(re.search(r'class="atlas-embed-source">([^<]*)<', page).group(1)) == slide["source_line"]
    assert data["years"] == years_with_data(layer, "emp_hightech_medhightech_manuf", 2) and 2015 in data["years"]
    assert "Open in Cluster Atlas" in page and 'href="/technology?' in page


@pytest.mark.parametrize(("path", "status", "words"), [
    ("/embed/import?x=1", 404, "Only these pages can be embedded"),
    ("/embed/technology?indicator=no_such_indicator", 400, "no_such_indicator"),
    ("/embed/technology?indicator=imp-0123456789&level=2", 400, "imported into one browser"),
    ("/embed/technology?indicator=%3Cscript%3Ealert(1)%3C/script%3E", 400, "cannot be embedded"),
])
def test_views_that_cannot_be_embedded_say_why(client, path, status, words):
    response = client.get(path)
    body = response.get_data(as_text=True)
    assert response.status_code == status and words in body, body[:400]
    assert "<script>alert" not in body
