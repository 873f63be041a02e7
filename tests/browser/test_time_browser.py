"""Change over time in the explorer (headless Chromium, real layer): Play steps the year once a second with the
classes held and no reload, and stops at the last year; "Change since" maps the change and puts it in the URL."""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.by import By

from components.ids import css

pytestmark = pytest.mark.browser
HIGH_TECH = "/technology?indicator=emp_hightech_medhightech_manuf&level=2"


def legend_labels(dash_duo) -> list[str]:
    return [e.text for e in dash_duo.find_elements(css("technology", "legend") + " .atlas-legend-label")]


def test_play_steps_through_the_years_with_classes_held_and_no_reload(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + HIGH_TECH + "&year=2015")
    dash_duo.wait_for_contains_text(css("technology", "provenance"), "2015", timeout=30)
    dash_duo.driver.execute_script("""
        window.stayedOnThePage = true;
        window.shown = [];
        const legend = document.querySelector(arguments[1]);
        new MutationObserver(() => window.shown.push([document.querySelector(arguments[0]).textContent,
            [...legend.querySelectorAll('.atlas-legend-label')].map(e => e.textContent).join('|'),
            legend.textContent])).observe(legend, {subtree: true, childList: true, characterData: true});
        """, css("technology", "provenance"), css("technology", "legend"))
    dash_duo.find_element(css("technology", "play")).click()
    dash_duo.wait_for_contains_text(css("technology", "provenance"), "2018", timeout=60)
    dash_duo.wait_for_text_to_equal(css("technology", "play"), "▶ Play", timeout=30)
    assert dash_duo.find_element(css("technology", "fixed")).is_selected(), "playing holds the classes"
    shown = dash_duo.driver.execute_script("return window.shown;")
    years = [int(y) for y in dict.fromkeys(re.findall(r"NUTS 2 · (\d{4})\.", " ".join(s[0] for s in shown)))]
    assert years == [2015, 2016, 2017, 2018] or years == [2016, 2017, 2018], years
    held = {labels for _, labels, text in shown if "Same classes for every year (2008–2018)" in text}
    assert len(held) == 1, f"one set of classes while playing, not {held}"
    assert "year=2018" in dash_duo.driver.current_url and "fixed=1" in dash_duo.driver.current_url
    assert dash_duo.driver.execute_script("return window.stayedOnThePage === true;"), "no page load while playing"
    assert dash_duo.get_logs() == []


def test_change_since_maps_the_change_and_the_profile_gives_both_years(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + HIGH_TECH + "&year=2018&from=2010&region=PL21")
    dash_duo.wait_for_contains_text(css("technology", "provenance"), "2010→2018", timeout=30)
    legend = dash_duo.find_element(css("technology", "legend")).text
    assert "percentage points" in legend and "No data" in legend
    dash_duo.wait_for_contains_text(css("technology", "panel"), "Change 2010→2018", timeout=30)
    panel = dash_duo.find_element(css("technology", "panel")).text
    assert "+1.80 percentage points" in panel and "3.80 → 5.60 % of total employment" in panel
    next(e for e in dash_duo.find_elements(css("technology", "tabs") + " label") if e.text == "Table").click()
    dash_duo.wait_for_contains_text(css("technology", "grid"), "Change", timeout=30)
    headers = dash_duo.find_element(css("technology", "grid")).text
    assert re.search(r"2010\s+2018", headers), headers[:300]
    assert "from=2010" in dash_duo.driver.current_url
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, css("technology", "map") + " path.choroplethlocation")
