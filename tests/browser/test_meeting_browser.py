"""Presentation mode and storyboard in headless Chromium."""

from __future__ import annotations

import json
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from components.ids import css

pytestmark = pytest.mark.browser

VIEW_A = "/technology?indicator=desi_ai&level=0&year=2021&region=DK"
VIEW_B = "/technology?indicator=emp_hightech_medhightech_manuf&level=2&year=2018&region=PL21"


def wait_url(dash_duo, part: str, timeout: float = 15) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if part in dash_duo.driver.current_url:
            return
        time.sleep(0.2)
    raise AssertionError(f"{part!r} not in {dash_duo.driver.current_url}")


def test_shared_url_presentation_and_keyboard_steps(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + VIEW_B)
    dash_duo.wait_for_text_to_equal(css("technology", "panel-title"), "Małopolskie", timeout=15)
    assert "5.60 %" in dash_duo.find_element(css("technology", "panel")).text
    assert "2018" in dash_duo.find_element(css("technology", "provenance")).text

    board = [{"url": VIEW_A, "title": "AI", "note": ""}, {"url": VIEW_B, "title": "Manufacturing", "note": ""}]
    dash_duo.driver.execute_script(f"window.localStorage.setItem('storyboard', {json.dumps(json.dumps(board))});")
    dash_duo.driver.get(dash_duo.server_url + VIEW_A + "&present=1")
    dash_duo.wait_for_text_to_equal(".atlas-show-count", "1 / 2", timeout=15)
    dash_duo.wait_for_text_to_equal(".atlas-show-heading", "AI", timeout=15)
    dash_duo.wait_for_contains_text(".atlas-show-title-line", "Enterprises using AI", timeout=15)
    assert not dash_duo.find_element("#atlas-navbar").is_displayed()
    assert not dash_duo.find_element(css("technology", "indicator")).is_displayed()
    dash_duo.find_element("body").send_keys(Keys.ARROW_RIGHT)
    dash_duo.wait_for_text_to_equal(".atlas-show-count", "2 / 2", timeout=5)
    dash_duo.wait_for_contains_text(".atlas-show-title-line", "high technology manufacturing", timeout=15)
    assert "present=1" in dash_duo.driver.current_url
    dash_duo.find_element("body").send_keys(Keys.ARROW_LEFT)
    dash_duo.wait_for_text_to_equal(".atlas-show-count", "1 / 2", timeout=5)
    dash_duo.wait_for_contains_text(".atlas-show-title-line", "Enterprises using AI", timeout=15)
    dash_duo.find_element("body").send_keys(Keys.ESCAPE)
    deadline = time.time() + 15
    while "present=1" in dash_duo.driver.current_url and time.time() < deadline:
        time.sleep(0.2)
    assert "present=1" not in dash_duo.driver.current_url
    dash_duo.wait_for_element("#atlas-navbar", timeout=15)
    assert dash_duo.get_logs() == []


def test_add_view_to_storyboard(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + VIEW_A)
    dash_duo.wait_for_contains_text(css("technology", "legend"), "No data", timeout=15)
    dash_duo.driver.execute_script("window.localStorage.removeItem('storyboard');")
    dash_duo.find_element(css("technology", "story-add-open")).click()
    dash_duo.wait_for_element(css("technology", "story-title"), timeout=10).send_keys("AI in Denmark")
    dash_duo.find_element(css("technology", "story-add")).click()
    dash_duo.wait_for_text_to_equal("#storyboard-open", "Storyboard (1)", timeout=10)
    dash_duo.wait_for_contains_text(css("technology", "copy-status"), "Added as view 1", timeout=10)
    assert not dash_duo.driver.find_elements(By.CSS_SELECTOR, css("technology", "story-popover") + ".show")
    stored = json.loads(dash_duo.driver.execute_script("return window.localStorage.getItem('storyboard');"))
    assert stored[0]["title"] == "AI in Denmark" and stored[0]["url"].startswith("/technology?indicator=desi_ai")
    dash_duo.find_element("#storyboard-open").click()
    dash_duo.wait_for_element("#storyboard-pack", timeout=10)
    assert "/export/pack.pdf?story=" in dash_duo.find_element("#storyboard-pack").get_attribute("href")
    assert "/export/pack.pptx?story=" in dash_duo.find_element("#storyboard-pptx").get_attribute("href")
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, "#storyboard-list input")
    assert dash_duo.get_logs() == []


def test_strategies_presentation_and_present_button(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/strategies?domain=digital_ai&region=FR10")
    dash_duo.wait_for_element(css("strategies", "present"), timeout=15)
    dash_duo.find_element(css("strategies", "present")).click()
    wait_url(dash_duo, "present=1")
    dash_duo.wait_for_text_to_equal(".atlas-show-count", "1 / 1", timeout=15)
    dash_duo.wait_for_contains_text(".atlas-show-heading", "Digital technologies", timeout=15)
    assert not dash_duo.find_element("#atlas-navbar").is_displayed()
    assert not dash_duo.find_element(css("strategies", "domain", "Strategies")).is_displayed()
    assert "domain=digital_ai" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []
