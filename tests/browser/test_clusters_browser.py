"""Clusters page in headless Chromium: LQ map, specialisation profile, similar regions, empty state."""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.by import By

from components.ids import css

pytestmark = pytest.mark.browser


def test_clusters_profile_similar_regions_and_sources(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/clusters?region=DE11")
    dash_duo.wait_for_contains_text(css("clusters", "legend"), "location quotient", timeout=15)
    dash_duo.wait_for_contains_text(css("clusters", "panel"), "Specialisation profile", timeout=15)
    panel = dash_duo.find_element(css("clusters", "panel")).text
    assert "Stuttgart" in panel and "2nd of 219 EU27 NUTS 2 regions" in panel
    similar = dash_duo.driver.find_elements(By.CSS_SELECTOR, css("clusters", "similar-list") + " li")
    assert len(similar) == 10
    for item in dash_duo.driver.find_elements(By.CSS_SELECTOR, css("clusters", "panel") + " .atlas-profile-item"):
        provenance = item.find_element(By.CSS_SELECTOR, ".atlas-provenance").text
        assert re.search(r"(19|20)\d\d", provenance), item.text
    assert "clustercollaboration.eu" in dash_duo.find_element(css("clusters", "empty-state")).text
    button = similar[0].find_element(By.TAG_NAME, "button")
    name = button.text.split(" (")[0]
    dash_duo.driver.execute_script("arguments[0].scrollIntoView(); arguments[0].click();", button)
    dash_duo.wait_for_text_to_equal(css("clusters", "panel-title"), name, timeout=15)
    assert dash_duo.get_logs() == []


def test_strategies_page_renders_empty_state(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/strategies")
    dash_duo.wait_for_element("#strategies-empty-state", timeout=15)
    assert dash_duo.get_logs() == []
