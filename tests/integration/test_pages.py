"""Pages render from the layer; the browser test ends with an empty console."""

from __future__ import annotations

import pytest

from components.headlines import headline_figures
from components.sources import sources_overview


@pytest.mark.parametrize("path", ["/", "/technology", "/clusters", "/strategies", "/sources"])
def test_pages_answer_200(client, path):
    assert client.get(path).status_code == 200


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


@pytest.mark.browser
def test_overview_and_sources_in_browser(dash_duo, layer_dir):
    from app import app

    dash_duo.start_server(app)
    dash_duo.wait_for_text_to_equal("#nav-overview", "Overview")
    dash_duo.wait_for_contains_text("#overview-headlines", "Source: DESI 2022", timeout=10)
    dash_duo.find_element("#nav-sources").click()
    dash_duo.wait_for_contains_text("#sources-list", "CC BY 4.0", timeout=10)
    assert "Digital Economy and Society Index" in dash_duo.find_element("#sources-list").text
    assert dash_duo.get_logs() == []


def test_unknown_paths_answer_404_with_the_not_found_page(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert client.get("/technology?indicator=nope").status_code == 200, "bad parameters get a notice, not a 404"


def test_storyboard_link_without_a_board_says_how_to_make_one():
    from pages.storyboard import layout

    assert "carries no storyboard" in str(layout())
