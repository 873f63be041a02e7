"""Presentation mode as a slide show drawn in the browser (headless Chromium, real layer).

The show must hide every control of the page under it, number its slides, show the storyboard's titles and
notes, switch slides without a page load (a marker set on ``window`` survives) in at most 1.5 s, and leave on
Esc back to the view's own page.
"""

from __future__ import annotations

import json
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

pytestmark = pytest.mark.browser

VIEWS = [
    {"url": "/technology?indicator=emp_hightech_medhightech_manuf&level=2&year=2018&region=PL21",
     "title": "Małopolska in high-tech manufacturing", "note": "Above the Polish average: ask <b>why</b>."},
    {"url": "/technology?indicator=desi_ai&level=0&year=2021", "title": "AI uptake by country", "note": ""},
    {"url": "/clusters", "title": "", "note": ""},
    {"url": "/strategies?domain=digital_ai&region=FR10", "title": "Digital and AI: Île-de-France",
     "note": "Partners complement its weaker indicators."},
    {"url": "/technology?indicator=epo_patent_applications&level=3&region=DE212", "title": "Patents, NUTS 3",
     "note": ""},
    {"url": "/technology?indicator=imp-0123456789&level=2", "title": "Our own list", "note": ""},
]
PAGE_CONTROLS = ("Copy link", "Export", "Map", "Table", "Compare", "Add to storyboard")


def put_storyboard(dash_duo, views=VIEWS) -> None:
    dash_duo.driver.execute_script("window.localStorage.setItem('storyboard', arguments[0]);", json.dumps(views))


def show_status(dash_duo) -> dict | None:
    return dash_duo.driver.execute_script("return window.atlasShow && window.atlasShow.status();")


def wait_for(dash_duo, check, timeout: float = 45, what: str = "") -> float:
    """Poll `check` until it is true; the seconds it took."""
    start = time.time()
    while time.time() - start < timeout:
        if check():
            return time.time() - start
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what or check}")


def count_text(dash_duo) -> str:
    return dash_duo.driver.execute_script(
        "var e = document.querySelector('.atlas-show-count'); return e ? e.textContent : '';")


def drawn(dash_duo, index: int) -> bool:
    return dash_duo.driver.execute_script(
        "var m = document.querySelector('.atlas-show-map');"
        "return !!m && m.getAttribute('data-drawn') === arguments[0] && !!m.querySelector('.choroplethlocation');",
        str(index))


def at_slide(dash_duo, index: int, title: str) -> bool:
    """The show says "<index + 1> / 6" and, when the view has a storyboard title, shows it as the heading."""
    heading = dash_duo.driver.execute_script("return document.querySelector('.atlas-show-heading').textContent;")
    return count_text(dash_duo) == f"{index + 1} / 6" and (not title or heading == title)


def visible_with_text(dash_duo, text: str) -> tuple[list, list]:
    found = dash_duo.driver.find_elements(By.XPATH, f"//*[self::button or self::a][normalize-space()='{text}']")
    return found, [e for e in found if e.is_displayed()]


def test_six_view_show_hides_controls_numbers_slides_and_steps_without_reload(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/sources")
    put_storyboard(dash_duo)
    dash_duo.driver.get(dash_duo.server_url + VIEWS[0]["url"] + "&present=1")
    wait_for(dash_duo, lambda: count_text(dash_duo) == "1 / 6", what="1 / 6")
    wait_for(dash_duo, lambda: drawn(dash_duo, 0), what="the first map")
    show = dash_duo.find_element("#atlas-show")
    assert VIEWS[0]["title"] in show.text and VIEWS[0]["note"] in show.text, "titles and notes are set as text"
    assert "Employment in high & medium-high technology manufacturing" in show.text and "2018" in show.text
    assert "Małopolskie (PL21)" in show.text and "5.60" in show.text and "Licence" in show.text
    wait_for(dash_duo, lambda: dash_duo.driver.find_elements(By.XPATH, "//button[normalize-space()='Copy link']"),
             what="the page under the show")
    for text in PAGE_CONTROLS:
        _found, shown = visible_with_text(dash_duo, text)
        assert not shown, f"{text!r} shows during the presentation"
    assert not [e for e in dash_duo.driver.find_elements(By.CSS_SELECTOR, ".modebar") if e.is_displayed()]
    assert not dash_duo.find_element("#atlas-navbar").is_displayed()

    wait_for(dash_duo, lambda: (show_status(dash_duo) or {}).get("loaded") == 6, what="every slide prefetched")
    dash_duo.driver.execute_script("window.__marker = 1;")
    expected_titles = [v["title"] for v in VIEWS]
    for index in range(1, 6):
        dash_duo.find_element("body").send_keys(Keys.ARROW_RIGHT)
        took = wait_for(dash_duo, lambda i=index: at_slide(dash_duo, i, expected_titles[i]), timeout=5,
                        what=f"slide {index + 1}")
        assert took <= 1.5, f"slide {index + 1} and its title took {took:.2f} s"
        if index != 5:
            wait_for(dash_duo, lambda i=index: drawn(dash_duo, i), timeout=10, what=f"the map of slide {index + 1}")
        heading = dash_duo.find_element(".atlas-show-heading").text
        assert heading == (expected_titles[index] or heading) and heading, "the view's storyboard title heads it"
        if index == 2:
            assert "Specialisation" in heading, "a view without a title shows its title line"
        if index == 3:
            map_box = dash_duo.find_element(".atlas-show-map").size
            assert map_box["width"] > 0.55 * dash_duo.driver.execute_script("return window.innerWidth;")
            assert "Evidence score" in show.text and "Partner 1" in show.text and VIEWS[3]["note"] in show.text
    assert "this browser does not hold its list" in show.text
    assert dash_duo.driver.execute_script("return window.__marker;") == 1, "no page load between slides"

    dash_duo.find_element("body").send_keys(Keys.PAGE_UP)
    wait_for(dash_duo, lambda: count_text(dash_duo) == "5 / 6", timeout=2, what="PageUp")
    dash_duo.find_element("body").send_keys(Keys.ESCAPE)
    wait_for(dash_duo, lambda: not dash_duo.driver.find_elements(By.CSS_SELECTOR, "#atlas-show"), what="Esc")
    wait_for(dash_duo, lambda: "indicator=epo_patent_applications" in dash_duo.driver.current_url, what="view 5")
    assert "present=1" not in dash_duo.driver.current_url
    wait_for(dash_duo, lambda: visible_with_text(dash_duo, "Present")[1] and visible_with_text(dash_duo, "Copy link")[1],
             what="the view's own page, out of presentation mode")
    wait_for(dash_duo, lambda: dash_duo.find_element("#atlas-navbar").is_displayed(), what="the navbar")
    assert dash_duo.driver.execute_script("return window.__marker;") == 1, "Esc leaves without a reload"
    assert dash_duo.get_logs() == []


def test_drawer_present_starts_at_view_one_and_a_view_outside_the_board_is_one_of_one(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/sources")
    put_storyboard(dash_duo, VIEWS[:2] + [{"url": "https://evil.example/technology", "title": "x", "note": ""},
                                          {"url": "//evil.example/technology", "title": "y", "note": ""}])
    dash_duo.driver.get(dash_duo.server_url + "/sources")
    dash_duo.wait_for_element("#storyboard-open", timeout=15)
    dash_duo.find_element("#storyboard-open").click()
    dash_duo.wait_for_element("#storyboard-drawer.show", timeout=10)
    time.sleep(0.5)  # the drawer slides in: a click while it moves can land on the backdrop and close it
    dash_duo.find_element("#storyboard-present").click()
    wait_for(dash_duo, lambda: count_text(dash_duo) == "1 / 2", what="1 / 2: views off this site are never shown")
    assert dash_duo.find_element(".atlas-show-heading").text == VIEWS[0]["title"]
    wait_for(dash_duo, lambda: drawn(dash_duo, 0), what="the first map")
    dash_duo.find_element("body").send_keys(Keys.ESCAPE)
    wait_for(dash_duo, lambda: "/technology" in dash_duo.driver.current_url, what="view 1's page")

    dash_duo.driver.get(dash_duo.server_url + "/technology?indicator=desi_cloud&level=0")
    wait_for(dash_duo, lambda: visible_with_text(dash_duo, "Present")[1], what="the toolbar")
    dash_duo.driver.execute_script("window.__marker = 2;")
    visible_with_text(dash_duo, "Present")[1][0].click()
    wait_for(dash_duo, lambda: count_text(dash_duo) == "1 / 1", what="1 / 1")
    assert "present=1" in dash_duo.driver.current_url
    wait_for(dash_duo, lambda: "cloud" in dash_duo.find_element(".atlas-show-heading").text, what="its title line")
    dash_duo.find_element("body").send_keys(Keys.ESCAPE)
    wait_for(dash_duo, lambda: "present=1" not in dash_duo.driver.current_url, what="Esc")
    assert visible_with_text(dash_duo, "Copy link")[1]
    assert dash_duo.driver.execute_script("return window.__marker;") == 2
    assert dash_duo.get_logs() == []


def test_shared_storyboard_present_shows_the_board_title(dash_duo, layer):
    from app import app
    from components.meeting import storyboard_token

    dash_duo.start_server(app)
    token = storyboard_token(VIEWS[1:4], "Regional AI briefing")
    dash_duo.driver.get(dash_duo.server_url + f"/storyboard?story={token}")
    dash_duo.wait_for_element("#storyboard-shared-present", timeout=15).click()
    wait_for(dash_duo, lambda: count_text(dash_duo) == "1 / 3", what="1 / 3")
    assert dash_duo.find_element(".atlas-show-board").text == "Regional AI briefing"
    assert dash_duo.find_element(".atlas-show-heading").text == VIEWS[1]["title"]
    assert dash_duo.get_logs() == []


def test_phone_slide_fits_and_reads(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    dash_duo.driver.get(dash_duo.server_url + "/sources")
    put_storyboard(dash_duo)
    dash_duo.driver.get(dash_duo.server_url + VIEWS[0]["url"] + "&present=1")
    wait_for(dash_duo, lambda: drawn(dash_duo, 0), what="the first map")
    sizes = dash_duo.driver.execute_script("""
        const show = document.getElementById('atlas-show');
        const px = (sel) => parseFloat(getComputedStyle(document.querySelector(sel)).fontSize);
        const map = document.querySelector('.atlas-show-map').getBoundingClientRect();
        return {overflow: show.scrollWidth - show.clientWidth, width: window.innerWidth, mapLeft: map.left,
                mapRight: map.right, mapHeight: map.height, heading: px('.atlas-show-heading'),
                legend: px('.atlas-show-legend-label'), source: px('.atlas-show-source'),
                count: document.querySelector('.atlas-show-count').getBoundingClientRect().right};
    """)
    assert sizes["width"] == 390
    assert sizes["overflow"] <= 0, "nothing wider than the phone"
    assert sizes["mapLeft"] >= 0 and sizes["mapRight"] <= 390 and sizes["mapHeight"] >= 300
    assert sizes["count"] <= 390
    assert sizes["heading"] >= 18 and sizes["legend"] >= 13 and sizes["source"] >= 11
    dash_duo.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
