"""The Technology explorer in headless Chromium: pick, search, click, read the panel."""

from __future__ import annotations

import time

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from waiting import click_centered

from components.ids import css, page_ids

pytestmark = pytest.mark.browser


def pick(dash_duo, selector: str, text: str, expected: str) -> None:
    """Open a Dash dropdown, type to filter, click the option whose text contains `expected`. The dropdown is
    scrolled to the middle of the window first: near the bottom edge a control still sliding open (a collapse)
    takes the click. Options are read again when the list was replaced under the reading."""
    click_centered(dash_duo.driver, dash_duo.find_element(selector))
    search = dash_duo.find_element(".dash-dropdown-search")
    search.send_keys(text)
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            options = dash_duo.driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")
            match = [o for o in options if expected in o.text]
            if match:
                match[0].click()
                return
        except StaleElementReferenceException:
            pass  # the options were replaced while being read (the search answered again): read them anew
        time.sleep(0.2)
    raise AssertionError(f"no option containing {expected!r} after typing {text!r}")


def map_locations(dash_duo) -> int:
    return dash_duo.driver.execute_script(
        "return document.querySelectorAll(arguments[0]).length", css("technology", "map") + " path.choroplethlocation")


def test_explore_search_click_and_panel(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/technology")
    dash_duo.wait_for_contains_text(css("technology", "legend"), "No data", timeout=15)
    assert map_locations(dash_duo) > 27

    pick(dash_duo, css("technology", "indicator"), "high & medium", "Employment in high & medium-high technology manufacturing")
    dash_duo.wait_for_contains_text(css("technology", "provenance"), "NUTS 2", timeout=15)
    dash_duo.wait_for_contains_text(css("technology", "legend"), "% of total employment", timeout=10)
    assert "2018" in dash_duo.find_element(css("technology", "provenance")).text

    pick(dash_duo, css("technology", "search"), "Malopolskie", "Małopolskie (PL21")
    dash_duo.wait_for_text_to_equal(css("technology", "panel-title"), "Małopolskie", timeout=15)
    panel = dash_duo.find_element(css("technology", "panel")).text
    assert "5.60 %" in panel and "99th of 219 EU27 NUTS 2 regions" in panel and "Honti et al. 2020" in panel
    assert "region=PL21" in dash_duo.driver.current_url

    pick(dash_duo, css("technology", "search"), "ile de france", "Ile-de-France (FR10")
    dash_duo.wait_for_contains_text(css("technology", "panel-title"), "Ile-de-France", timeout=15)

    pick(dash_duo, css("technology", "indicator"), "3b5", "Enterprises using AI")
    dash_duo.wait_for_contains_text(css("technology", "provenance"), "DESI 2022 (3b5)", timeout=15)
    dash_duo.wait_for_contains_text(css("technology", "panel"), "Country-level indicator: figure for France", timeout=15)
    panel = dash_duo.find_element(css("technology", "panel")).text
    assert "Source: DESI 2022 (3b5), 2021" in panel and "6.67 %" in panel
    assert dash_duo.get_logs() == []


def test_year_and_level_change_keep_working(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/technology?indicator=epo_patent_applications&level=2&year=2010")
    dash_duo.wait_for_contains_text(css("technology", "provenance"), "NUTS 2 · 2010", timeout=15)
    dash_duo.driver.find_element(By.XPATH, f"//div[@id='{page_ids('technology').dom('level')}']//label[text()='NUTS 3']").click()
    dash_duo.wait_for_contains_text(css("technology", "provenance"), "NUTS 3 · 2010", timeout=15)
    deadline = time.time() + 10
    while map_locations(dash_duo) < 1000 and time.time() < deadline:
        time.sleep(0.3)
    assert map_locations(dash_duo) > 1000
    year_input = dash_duo.driver.find_element(By.CSS_SELECTOR, css("technology", "year") + " input, .atlas-year input")
    year_input.send_keys(Keys.CONTROL, "a")
    year_input.send_keys("2005", Keys.TAB)
    dash_duo.wait_for_contains_text(css("technology", "provenance"), "NUTS 3 · 2005", timeout=15)
    assert "year=2005" in dash_duo.driver.current_url and "level=3" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_download_button_gives_the_view_as_csv(dash_duo, layer):
    import pandas as pd

    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/technology?indicator=desi_ai&level=0&year=2021")
    dash_duo.wait_for_contains_text(css("technology", "legend"), "No data", timeout=15)
    dash_duo.find_element(css("technology", "download-menu") + " button, " + css("technology", "download-menu") + " .dropdown-toggle").click()
    dash_duo.find_element(css("technology", "download-csv")).click()
    target = None
    deadline = time.time() + 15
    from pathlib import Path

    while time.time() < deadline:
        files = [p for p in Path(dash_duo.download_path).glob("*.csv")]
        if files:
            target = files[0]
            break
        time.sleep(0.3)
    assert target is not None, "no CSV downloaded"
    frame = pd.read_csv(target, encoding="utf-8-sig")
    assert frame.set_index("nuts_id").value["DK"] == pytest.approx(23.8861)
    assert target.name == "cluster-atlas_desi_ai_nuts0_2021.csv"


def test_region_search_ignores_accents_typed_by_the_user(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/technology?indicator=emp_hightech_medhightech_manuf&level=2&year=2018")
    dash_duo.wait_for_contains_text(css("technology", "legend"), "No data", timeout=15)
    click_centered(dash_duo.driver, dash_duo.find_element(css("technology", "search")))
    box = dash_duo.find_element(".dash-dropdown-search")
    box.send_keys("Île-de-Fr")
    dash_duo.wait_for_contains_text(".dash-dropdown-options", "Ile-de-France (FR10, NUTS 2)", timeout=10)
    assert dash_duo.find_element(".dash-dropdown-search").get_attribute("value") == "Île-de-Fr"
    assert dash_duo.get_logs() == []
