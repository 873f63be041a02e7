"""After "Find a region" the map shows the region (issue 30): centred, outlined from its own level's geometry even on
a country map, inside the visible map, no outermost-region inset over it, and on a phone above the profile sheet.
Checked on the drawn page with bounding boxes, at 1440×900 and 390×844."""

from __future__ import annotations

import time

import pytest
from test_explorer_browser import pick

from components.ids import css

pytestmark = pytest.mark.browser
MAP = css("technology", "map") + " .js-plotly-plot"

# The searched region's outline (its paths on the page), the visible map, and every inset still shown.
BOXES = """
const g = document.querySelector(arguments[0]), code = arguments[1];
const index = g.data.findIndex(t => t.name === 'selected');
if (index < 0 || !(g.data[index].locations || []).includes(code)) { return null; }
let outline = null;
for (const node of g.querySelectorAll('.choroplethlayer .trace')) {
  const cd = node.__data__;
  if (!cd || !cd[0] || !cd[0].trace || cd[0].trace.index !== index) { continue; }
  for (const path of node.querySelectorAll('path')) {
    const r = path.getBoundingClientRect();
    if (!r.width) { continue; }
    outline = outline ? {left: Math.min(outline.left, r.left), top: Math.min(outline.top, r.top),
                         right: Math.max(outline.right, r.right), bottom: Math.max(outline.bottom, r.bottom)}
                      : {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
  }
}
const plot = g.getBoundingClientRect(), size = g._fullLayout._size;
const insets = [];
for (let n = 2; n <= 9; n++) {
  const geo = g._fullLayout['geo' + n];
  const shown = g._fullData.some(t => t.geo === 'geo' + n && t.visible === true) || geo.showframe;
  if (!shown) { continue; }
  insets.push({left: plot.left + size.l + geo.domain.x[0] * size.w, right: plot.left + size.l + geo.domain.x[1] * size.w,
               top: plot.top + size.t + (1 - geo.domain.y[1]) * size.h, bottom: plot.top + size.t + (1 - geo.domain.y[0]) * size.h});
}
const sheet = document.querySelector('.atlas-panel.has-region');
const sheetTop = sheet && getComputedStyle(sheet).position === 'fixed' ? sheet.getBoundingClientRect().top : innerHeight;
return {outline, insets, plot: {left: plot.left, top: plot.top, right: plot.right, bottom: plot.bottom},
        visibleBottom: Math.min(innerHeight, sheetTop)};
"""


def _shown(dash_duo, code: str, timeout: float = 25) -> dict:
    deadline, boxes = time.time() + timeout, None
    while time.time() < deadline:
        boxes = dash_duo.driver.execute_script(BOXES, MAP, code)
        if boxes and boxes["outline"] and not boxes["insets"]:
            time.sleep(0.8)  # the sheet's scroll on phones settles
            return dash_duo.driver.execute_script(BOXES, MAP, code)
        time.sleep(0.4)
    raise AssertionError(f"{code} not outlined with the insets hidden: {boxes}")


def _overlaps(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def _check(boxes: dict) -> None:
    outline, plot = boxes["outline"], boxes["plot"]
    assert plot["left"] - 1 <= outline["left"] and outline["right"] <= plot["right"] + 1, boxes
    assert max(plot["top"], 0) - 1 <= outline["top"] and outline["bottom"] <= min(plot["bottom"], boxes["visibleBottom"]) + 1, boxes
    centre_x, centre_y = (outline["left"] + outline["right"]) / 2, (outline["top"] + outline["bottom"]) / 2
    width, height = plot["right"] - plot["left"], plot["bottom"] - plot["top"]
    assert abs(centre_x - (plot["left"] + width / 2)) < width * 0.15, boxes
    assert abs(centre_y - (plot["top"] + height / 2)) < height * 0.15, boxes
    assert not [i for i in boxes["insets"] if _overlaps(i, outline)], boxes


def _search(dash_duo, text: str, option: str) -> None:
    toggle = dash_duo.find_element(css("technology", "controls-toggle"))
    if toggle.is_displayed():
        dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", toggle)
        time.sleep(0.4)
        if "Show" in toggle.text:
            toggle.click()
            time.sleep(1)
    pick(dash_duo, css("technology", "search"), text, option)


@pytest.mark.parametrize("size", [(1440, 900), (390, 844)])
def test_searched_region_is_centred_outlined_and_uncovered(dash_duo, layer, size, tmp_path):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": size[0] < 500})
    # a country-level indicator: the found NUTS 3 / NUTS 2 regions are outlined over the countries
    dash_duo.driver.get(dash_duo.server_url + "/technology?indicator=desi_ai&level=0")
    dash_duo.wait_for_element(MAP, timeout=20)
    for text, option, code in (("Porto", "(PT11A", "PT11A"), ("Cork", "(IE053", "IE053"),
                               ("Île-de-France", "(FR10,", "FR10")):
        _search(dash_duo, text, option)
        boxes = _shown(dash_duo, code)
        dash_duo.driver.save_screenshot(str(tmp_path / f"{code}-{size[0]}.png"))
        _check(boxes)
    assert dash_duo.find_element(css("technology", "panel-title")).text
    # a NUTS 3 town on a NUTS 2 map: the level switches, and the new map still shows the region
    dash_duo.driver.get(dash_duo.server_url + "/technology?indicator=epo_patent_applications_per_million&level=2&year=2012")
    dash_duo.wait_for_element(MAP, timeout=20)
    _search(dash_duo, "Kraków", "(PL213")
    _check(_shown(dash_duo, "PL213"))


def test_porto_does_not_offer_bordeaux(client):
    found = client.get("/api/regions", query_string={"q": "Porto", "limit": 10}).get_json()["regions"]
    assert found[0]["nuts_id"] == "PT11A"
    assert not [r for r in found if "Bordeaux" in r["matched"]], found
