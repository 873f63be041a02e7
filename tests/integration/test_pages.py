"""Pages render from the layer: every registered page's layout is called directly and its content checked (Dash
answers 200 with its shell for any path, so a status code alone proves nothing)."""

from __future__ import annotations

import dash
import pytest

from components.headlines import headline_figures
from components.ids import STRATEGIES, page_ids
from components.sources import sources_overview

# What each page must show when opened without parameters (content from the real layer, not the shell).
EXPECTED = {
    "/": ["Clusters, smart specialisation", "Source: DESI 2022", "Where to go", "Technology", "Sources"],
    "/technology": ["Advanced-technology uptake by region", str(page_ids("technology")("map")), "Enterprises using AI",
                    "Source: DESI 2022"],
    "/clusters": ["Where Europe's industrial and research strengths are", str(page_ids("clusters")("map")), "location quotient",
                  "Cluster organisations"],
    "/strategies": ["Priority domain", str(page_ids("strategies", STRATEGIES)("map")), "Evidence score"],
    "/import": ["Import"],
    "/sources": ["Digital Economy and Society Index", "CC BY 4.0"],
    "/storyboard": ["carries no storyboard"],
    "/brief/none": ["Region brief", "brief-error", "PL21"],
    "/accessibility": ["Accessibility statement", "partially conformant", "WCAG 2.1"],
    "/404": ["not found"],
}


def _page_text(component) -> str:
    return str(component)


def test_every_registered_page_is_checked(client):
    assert {page["path"] for page in dash.page_registry.values()} == set(EXPECTED)


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_every_page_layout_renders_its_content(client, path):
    page = next(p for p in dash.page_registry.values() if p["path"] == path)
    layout = page["layout"]() if callable(page["layout"]) else page["layout"]
    text = _page_text(layout)
    for expected in EXPECTED[path]:
        assert expected in text, f"{path}: {expected!r} missing"
    if path != "/404":  # /brief/none names no region: its shell carries the page's message with a 404
        assert client.get(path).status_code == (404 if path == "/brief/none" else 200)


def test_headlines_are_computed_with_provenance(layer):
    items = headline_figures(layer)
    ai = next(h for h in items if h.indicator_id == "desi_ai")
    assert ai.value.startswith("7.91") and "Danmark" in ai.detail
    assert all(h.provenance.startswith("Source: ") and any(ch.isdigit() for ch in h.provenance) for h in items)


def test_sources_overview_lists_every_source_with_licence(layer):
    records = sources_overview(layer)
    assert {r["id"] for r in records} == set(layer.sources)
    assert all(r["licence"] and r["citation"] for r in records)
    desi = next(r for r in records if r["id"] == "desi_2022")
    assert any(i["indicator_id"] == "desi_ai" for i in desi["indicators"])


def test_unknown_paths_answer_404_with_the_not_found_page(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert client.get("/technology?indicator=nope").status_code == 200, "bad parameters get a notice, not a 404"


def test_storyboard_link_without_a_board_says_how_to_make_one():
    from pages.storyboard import layout

    assert "carries no storyboard" in str(layout())
