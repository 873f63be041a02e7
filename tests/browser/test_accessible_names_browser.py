"""What a screen reader hears, read from Chromium's accessibility tree (CDP ``Accessibility.getFullAXTree``).

On every page: every control has a name; no dropdown is named by its value alone (its label comes first); every
radio button belongs to a named group and shares the group's ``name``; one ``main`` and one ``contentinfo``
landmark; the map and the trend chart are figures named by their summary sentence; the storyboard drawer is a named
dialog whose buttons say which view they act on.
"""

from __future__ import annotations

import json
import time

import pytest

from components.ids import css
from tests.browser.waiting import settle

pytestmark = pytest.mark.browser

PAGES = ["/", "/technology?indicator=epo_patent_applications_per_million&level=2&region=DE21",
         "/clusters?region=DE11", "/strategies?region=PL21", "/import", "/sources", "/accessibility",
         "/brief/PL21"]
CONTROLS = {"button", "link", "checkbox", "radio", "combobox", "textbox", "searchbox", "slider", "spinbutton",
            "switch", "tab", "menuitem", "option", "listbox", "radiogroup", "dialog"}


def ax_nodes(driver) -> list[dict]:
    driver.execute_cdp_cmd("Accessibility.enable", {})
    nodes = driver.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]
    out = []
    for node in nodes:
        if node.get("ignored"):
            continue
        props = {p["name"]: p.get("value", {}).get("value") for p in node.get("properties", [])}
        out.append({"role": node.get("role", {}).get("value"), "name": (node.get("name") or {}).get("value") or "",
                    "value": (node.get("value") or {}).get("value"), "hidden": props.get("hidden")})
    return out


def dropdown_values(driver) -> list[str]:
    return driver.execute_script(
        "return [...document.querySelectorAll('button.dash-dropdown')].map(b => {"
        "  const v = b.querySelector('.dash-dropdown-value'); return v ? v.textContent.trim() : ''; })"
        ".filter(t => t);")


def check_page(driver, path: str) -> list[dict]:
    nodes = ax_nodes(driver)
    controls = [n for n in nodes if n["role"] in CONTROLS and not n["hidden"]]
    unnamed = [n for n in controls if not n["name"].strip()]
    assert unnamed == [], f"{path}: unnamed controls {unnamed[:5]}"
    values = set(dropdown_values(driver))
    by_value = [n for n in controls if n["name"].strip() in values]
    assert by_value == [], f"{path}: named by their value only {by_value[:5]}"
    with_value = [n for n in controls if n["value"] not in (None, "") and n["name"].strip() == str(n["value"]).strip()]
    assert with_value == [], f"{path}: name is the value {with_value[:5]}"
    roles = [n["role"] for n in nodes]
    assert roles.count("main") == 1, f"{path}: {roles.count('main')} main landmarks"
    assert roles.count("contentinfo") == 1, f"{path}: {roles.count('contentinfo')} contentinfo landmarks"
    loose = driver.execute_script(
        "return [...document.querySelectorAll('input[type=radio]')].filter(r => !r.closest('.dash-dropdown-content'))"
        ".filter(r => !r.name || !r.closest('fieldset[role=radiogroup]')).map(r => r.id || r.value);")
    assert loose == [], f"{path}: radio buttons outside a named group {loose[:5]}"
    return nodes


def test_every_control_is_named_by_its_label(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    for path in PAGES:
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_element("footer", timeout=20)
        if path.startswith("/technology"):
            dash_duo.wait_for_element(css("technology", "palette"), timeout=45)
            dash_duo.wait_for_element(css("technology", "series") + " .main-svg", timeout=45)
        settle(dash_duo.driver)
        nodes = check_page(dash_duo.driver, path)
        if path.startswith("/technology"):
            named = {(n["role"], n["name"].split(" ")[0]) for n in nodes}
            assert ("radiogroup", "Level") in named and ("radiogroup", "View") in named, named
            buttons = [n["name"] for n in nodes if n["role"] == "button"]
            assert "Palette Viridis" in buttons and "Number of classes 5 classes" in buttons, buttons
            assert "Indicator Technology uptake · EPO patent applications per million inhabitants" in buttons, buttons
            figures = [n["name"] for n in nodes if n["role"] == "figure"]
            assert any(f.startswith("Map of EPO patent applications per million inhabitants") and "highest" in f
                       and "lowest" in f for f in figures), figures
            assert any(f.startswith("Trend of EPO patent applications per million inhabitants") for f in figures), \
                figures
        if path.startswith("/strategies"):
            figures = [n["name"] for n in nodes if n["role"] == "figure"]
            assert any(f.startswith("Map of the evidence score for") and "strong (75 or more)" in f for f in figures), \
                figures
        if path == "/import":
            buttons = [n["name"] for n in nodes if n["role"] == "button"]
            assert "Region name (not in the file)" in buttons and "Postcode (not in the file)" in buttons, buttons
            assert ("radiogroup", "The list is") in {(n["role"], n["name"]) for n in nodes}

    # The storyboard drawer: a dialog named "Storyboard", its buttons say which view they move or remove.
    views = [{"url": "/technology?indicator=desi_ai&level=0", "title": "AI by country", "note": ""},
             {"url": "/clusters", "title": "", "note": ""}]
    dash_duo.driver.execute_script("localStorage.setItem('storyboard', arguments[0]);", json.dumps(views))
    dash_duo.driver.get(dash_duo.server_url + "/sources")
    dash_duo.wait_for_text_to_equal("#storyboard-open", "Storyboard (2)", timeout=15)
    dash_duo.find_element("#storyboard-open").click()
    dash_duo.wait_for_element("#storyboard-list .list-group-item", timeout=10)
    time.sleep(1)
    nodes = ax_nodes(dash_duo.driver)
    assert ("dialog", "Storyboard") in {(n["role"], n["name"]) for n in nodes}
    buttons = {n["name"] for n in nodes if n["role"] == "button"}
    assert {"Move view 2 up", "Move view 1 down", "Remove view 1: AI by country", "Remove view 2"} <= buttons, buttons
    textboxes = {n["name"] for n in nodes if n["role"] == "textbox"}
    assert {"Title of view 1", "Title of view 2"} <= textboxes, textboxes
    assert dash_duo.get_logs() == []


def test_navbar_toggler_and_map_controls_say_whether_they_are_open(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.set_window_size(390, 844)
    dash_duo.driver.get(dash_duo.server_url + "/technology")
    toggle = dash_duo.wait_for_element(css("technology", "controls-toggle"), timeout=20)
    time.sleep(1)
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    dash_duo.wait_for_text_to_equal(css("technology", "controls-toggle"), "Hide map controls", timeout=10)
    time.sleep(1)
    assert toggle.get_attribute("aria-expanded") == "true"
    navbar = dash_duo.find_element("#nav-toggler")
    assert navbar.get_attribute("aria-expanded") == "false"
    navbar.click()
    time.sleep(1)
    assert navbar.get_attribute("aria-expanded") == "true"
    assert dash_duo.get_logs() == []
