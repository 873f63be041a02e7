"""The technology-centre overlay and its filters are part of the view's address (issue 30): Copy link gives a link
that opens with the overlay on and filtered the same way, and Add to storyboard keeps them."""

from __future__ import annotations

import json
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from test_explorer_browser import pick
from waiting import click_centered, wait_until

from components.ids import css, page_ids

pytestmark = pytest.mark.browser
AI = "Artificial Intelligence & Decision support"
POINTS = css("technology", "map") + " .scattergeo path.point"




def _click(dash_duo, selector: str) -> None:
    element = dash_duo.find_element(selector)
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    time.sleep(0.4)
    element.click()


def _points(dash_duo) -> int:
    return dash_duo.driver.execute_script("return document.querySelectorAll(arguments[0]).length", POINTS)


def test_overlay_survives_copy_link_and_add_to_storyboard(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/technology?indicator=desi_ai&level=0")
    dash_duo.wait_for_contains_text(css("technology", "legend"), "No data", timeout=20)
    switch = dash_duo.find_element(f"label[for='{page_ids('technology').dom('hubs-show')}']")
    click_centered(dash_duo.driver, switch)
    dash_duo.wait_for_contains_text(css("technology", "hubs-legend"), "EDIH (", timeout=20)
    pick(dash_duo, css("technology", "hubs-technology"), "Artificial", AI)
    dash_duo.wait_for_contains_text(css("technology", "hubs-legend"), f"technology: {AI}", timeout=20)
    wait_until(lambda: _points(dash_duo) > 20, message="no hub points drawn")
    filtered = _points(dash_duo)

    dash_duo.driver.execute_script(
        "navigator.clipboard.writeText = function (text) { window.__copied = text; return Promise.resolve(); };")
    _click(dash_duo, css("technology", "copy-link"))
    wait_until(lambda: dash_duo.driver.execute_script("return window.__copied || ''"), message="nothing copied")
    link = dash_duo.driver.execute_script("return window.__copied")
    query = parse_qs(urlsplit(link).query)
    assert query["hubs"] == ["1"] and query["hubs_technology"] == [AI] and query["hubs_min"] == ["4"], link

    _click(dash_duo, css("technology", "story-add-open"))
    dash_duo.wait_for_element(css("technology", "story-add"), timeout=10)
    _click(dash_duo, css("technology", "story-add"))
    wait_until(lambda: dash_duo.driver.execute_script("return localStorage.getItem('storyboard')"), message="not added")
    board = json.loads(dash_duo.driver.execute_script("return localStorage.getItem('storyboard')"))
    assert parse_qs(urlsplit(board[-1]["url"]).query)["hubs_technology"] == [AI]

    dash_duo.driver.get("about:blank")
    dash_duo.driver.get(link)  # the copied link, opened afresh
    dash_duo.wait_for_contains_text(css("technology", "hubs-legend"), f"technology: {AI}", timeout=25)
    assert dash_duo.find_element(css("technology", "hubs-show")).is_selected()
    wait_until(lambda: _points(dash_duo) == filtered, message=f"{_points(dash_duo)} points, not {filtered}")

