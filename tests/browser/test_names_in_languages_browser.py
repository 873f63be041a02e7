"""The map's "Find a region" box finds a region by its name in another shipped language ("Bawaria" → Bayern, DE2;
"Małopolska" → Małopolskie, PL21) and says by which name; what the person typed shows in the option they pick."""

from __future__ import annotations

import time

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from test_explorer_browser import pick

from components.ids import css

pytestmark = pytest.mark.browser
MAP = css("technology", "map") + " .js-plotly-plot"


def _options(dash_duo, text: str, expected: str) -> list[str]:
    from waiting import click_centered

    click_centered(dash_duo.driver, dash_duo.find_element(css("technology", "search")))
    dash_duo.find_element(".dash-dropdown-search").send_keys(text)
    deadline, shown = time.time() + 10, []
    while time.time() < deadline:
        try:
            shown = [o.text for o in dash_duo.driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")]
        except StaleElementReferenceException:  # the list was replaced while being read
            continue
        if any(expected in o for o in shown):
            return shown
        time.sleep(0.3)
    raise AssertionError(f"{expected} not offered for {text!r}: {shown}")


def _open_controls(dash_duo) -> None:
    """On a phone the controls are folded away behind a toggle."""
    toggle = dash_duo.find_element(css("technology", "controls-toggle"))
    if toggle.is_displayed() and "Show" in toggle.text:
        toggle.click()
        time.sleep(1)


@pytest.mark.parametrize("size", [(1440, 900), (390, 844)])
def test_region_names_in_other_languages_are_found_on_the_map(dash_duo, layer, size, tmp_path):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": size[0] < 500})
    dash_duo.driver.get(dash_duo.server_url + "/technology?indicator=desi_ai&level=0")
    dash_duo.wait_for_element(MAP, timeout=20)
    _open_controls(dash_duo)
    shown = _options(dash_duo, "Bawaria", "(DE2")
    dash_duo.driver.save_screenshot(str(tmp_path / f"bawaria-{size[0]}.png"))
    assert shown[0].startswith("Bayern") and "Bawaria" in " ".join(shown), shown
    dash_duo.driver.get(dash_duo.server_url + "/technology?indicator=desi_ai&level=0")
    dash_duo.wait_for_element(MAP, timeout=20)
    _open_controls(dash_duo)
    pick(dash_duo, css("technology", "search"), "Małopolska", "(PL21")
    dash_duo.wait_for_text_to_equal(css("technology", "panel-title"), "Małopolskie", timeout=20)
