"""axe-core finds no serious or critical violation; at 390 px every page fits without horizontal scroll."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.ids import css
from tests.browser.waiting import settle

pytestmark = pytest.mark.browser

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
PAGES = ["/", "/technology?region=DK", "/clusters?region=DE11", "/strategies?region=PL21", "/sources",
         "/technology?tab=table&indicator=emp_kis&level=2", "/import", "/accessibility"]


def axe_violations(driver) -> list[dict]:
    """Runs axe on what the reader sees: after Dash has answered and the frame that follows has been drawn.

    The app's accessibility rules (assets/30_a11y.js) are applied in the animation frame after each change of the
    page, before it is painted; on a slow machine a page was still changing when a fixed 3 s wait ended.
    """
    settle(driver)
    driver.execute_script(AXE)
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => "
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map("
        "v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))))));")


def test_no_serious_accessibility_violations(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    for path in PAGES:
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_element("#atlas-navbar", timeout=15)
        dash_duo.wait_for_element("footer", timeout=15)
        bad = [v for v in axe_violations(dash_duo.driver) if v["impact"] in ("serious", "critical")]
        assert bad == [], f"{path}: {bad}"
    assert dash_duo.get_logs() == []


def test_phone_width_has_no_horizontal_scroll(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    for path in PAGES:
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_element("footer", timeout=15)
        settle(dash_duo.driver)
        width = dash_duo.driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1] + 1, f"{path}: page is {width[0]} px wide in a {width[1]} px viewport"
    dash_duo.driver.get(dash_duo.server_url + "/technology")
    dash_duo.wait_for_element(css("technology", "controls-toggle"), timeout=15)
    assert dash_duo.find_element(css("technology", "controls-toggle")).is_displayed()
    assert not dash_duo.find_element(css("technology", "indicator")).is_displayed()
    dash_duo.find_element(css("technology", "controls-toggle")).click()
    dash_duo.wait_for_text_to_equal(css("technology", "controls-toggle"), "Hide map controls", timeout=10)
