"""A regional analyst's minute in headless Chromium: find a region by its town, see it centred, show the technology
centres offering AI, open a hub card, and go from the profile to the region brief (issues 16, 17, 18)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from test_explorer_browser import pick
from waiting import click_centered, wait_until

from components.ids import css, page_ids

pytestmark = pytest.mark.browser
AI = "Artificial Intelligence & Decision support"


def _map_geo(dash_duo, prop: str):
    return dash_duo.driver.execute_script(
        f"const g = document.querySelector(arguments[0]); return g && g._fullLayout.geo.{prop};",
        css("technology", "map") + " .js-plotly-plot")




def test_town_search_hubs_overlay_card_and_brief(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/technology?indicator=epo_patent_applications_per_million&level=3&year=2012")
    dash_duo.wait_for_contains_text(css("technology", "legend"), "No data", timeout=20)

    pick(dash_duo, css("technology", "search"), "Munich", "(DE212")
    dash_duo.wait_for_contains_text(css("technology", "panel-title"), "München", timeout=20)
    wait_until(lambda: abs((_map_geo(dash_duo, "projection.rotation.lon") or 0) - 11.55) < 0.5, message="not centred")
    lon_range = _map_geo(dash_duo, "lonaxis.range")
    assert lon_range[0] < 11.36 < lon_range[1] and lon_range[1] - lon_range[0] < 10

    switch = dash_duo.find_element(f"label[for='{page_ids('technology').dom('hubs-show')}']")
    click_centered(dash_duo.driver, switch)
    dash_duo.wait_for_contains_text(css("technology", "hubs-legend"), "EDIH (", timeout=20)
    pick(dash_duo, css("technology", "hubs-technology"), "Artificial", AI)
    dash_duo.wait_for_contains_text(css("technology", "hubs-legend"), f"technology: {AI}", timeout=20)
    assert "min_intensity=4" in dash_duo.find_element(css("technology", "hubs-download")).get_attribute("href")
    wait_until(lambda: dash_duo.driver.execute_script(
        "return document.querySelectorAll(arguments[0]).length", css("technology", "map") + " .scattergeo path.point") > 20,
        message="no hub points drawn")

    point = dash_duo.driver.find_elements(By.CSS_SELECTOR, css("technology", "map") + " .scattergeo path.point")[0]
    dash_duo.driver.execute_script(
        "const g = document.querySelector(arguments[0]);"
        "const t = g.data.findIndex(d => d.type === 'scattergeo' && d.lat && d.lat.length);"
        "g.emit('plotly_click', {points: [{curveNumber: t, pointNumber: 0, data: g.data[t]}]});",
        css("technology", "map") + " .js-plotly-plot")
    assert point is not None
    dash_duo.wait_for_contains_text("#hub-card", "Technologies (intensity 1–5)", timeout=20)
    assert "European Digital Innovation Hubs catalogue" in dash_duo.find_element("#hub-card").text

    dash_duo.wait_for_contains_text(css("technology", "panel"), "Technology centres in this region", timeout=20)
    dash_duo.find_element(css("technology", "brief-link")).click()
    dash_duo.wait_for_contains_text("#brief", "Region brief: München", timeout=30)
    assert "Sources and licences" in dash_duo.find_element("#brief").text
    severe = [entry for entry in dash_duo.get_logs() if entry.get("level") == "SEVERE"]
    assert severe == []


def test_strategies_address_bar_drops_ignored_parameters(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/strategies?domain=nope&region=PL21&foo=%3Cb%3E&per_country=2")
    dash_duo.wait_for_contains_text("body", "Some link parameters were ignored", timeout=20)
    wait_until(lambda: "foo" not in dash_duo.driver.current_url and "nope" not in dash_duo.driver.current_url,
          message=dash_duo.driver.current_url)
    assert "region=PL21" in dash_duo.driver.current_url and "per_country=2" in dash_duo.driver.current_url
