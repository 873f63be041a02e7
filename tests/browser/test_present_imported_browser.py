"""A storyboard view of an imported indicator in the meeting (issue 30), in the browser that holds the list: the
slide show draws it as a map (not a text slide), and the drawer's one "Meeting pack (PDF)" and one "Slides
(PowerPoint)" button post the list with the storyboard."""

from __future__ import annotations

import json

import pytest
from selenium.webdriver.common.by import By
from test_present_browser import drawn, wait_for

from data.importing import import_table, read_table, result_json
from data.layer.imported import imported_id

pytestmark = pytest.mark.browser


def _held_list(layer) -> dict:
    frame = layer.by_indicator["desi_ai"]
    lines = ["Land;Jahr;Wert"] + [f"{r.nuts_id};{r.year};{r.value}" for r in frame.itertuples()]
    table = read_table("\n".join(lines).encode("utf-8"), "ai.csv")
    result = import_table(table, "indicator", {"nuts": "Land", "year": "Jahr", "value": "Wert"}, layer.regions)
    return json.loads(result_json(result, "Regional statistics office", "CC BY 4.0", "% enterprises", "AI use (ours)"))


def test_imported_view_is_drawn_in_the_show_and_sent_by_the_default_buttons(dash_duo, layer):
    from app import app

    payload = _held_list(layer)
    view = f"/technology?indicator={imported_id(payload)}&level=0&year=2021&region=DK"
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/sources")
    dash_duo.driver.execute_script("localStorage.setItem('imported-layers', arguments[0]);"
                                   "localStorage.setItem('storyboard', arguments[1]);",
                                   json.dumps([payload]), json.dumps([{"url": view, "title": "Our list", "note": ""}]))
    dash_duo.driver.get(dash_duo.server_url + "/technology?indicator=desi_ai&level=0")
    dash_duo.wait_for_element("#storyboard-open", timeout=20)
    assert dash_duo.driver.execute_script("return window.atlasShow.start({views: arguments[0]});",
                                          [{"url": view, "title": "Our list", "note": ""}])
    wait_for(dash_duo, lambda: drawn(dash_duo, 0), what="the imported view drawn as a map slide")
    root = dash_duo.find_element("#atlas-show")
    assert "atlas-show-text-slide" not in root.get_attribute("class")
    assert "Regional statistics office" in dash_duo.find_element(".atlas-show-source").text
    assert "Danmark (DK)" in dash_duo.find_element(".atlas-show-side").text
    dash_duo.driver.execute_script("window.atlasShow.leave();")

    dash_duo.find_element("#storyboard-open").click()
    dash_duo.wait_for_element("#storyboard-drawer", timeout=10)
    for label, action in (("Meeting pack (PDF)", "/export/pack.pdf"), ("Slides (PowerPoint)", "/export/pack.pptx")):
        wait_for(dash_duo, lambda label=label: len([b for b in dash_duo.driver.find_elements(
            By.CSS_SELECTOR, "#storyboard-drawer a, #storyboard-drawer button") if b.is_displayed() and b.text == label]) == 1,
            timeout=15, what=f"one {label} button")
        button = next(b for b in dash_duo.driver.find_elements(By.CSS_SELECTOR, "#storyboard-drawer button")
                      if b.is_displayed() and b.text == label)
        assert button.get_attribute("formaction").endswith(action)
    sent = json.loads(dash_duo.find_element("#storyboard-form-imported").get_attribute("value"))
    assert [item["id"] for item in sent] == [imported_id(payload)]
    assert not [b for b in dash_duo.driver.find_elements(By.CSS_SELECTOR, "#storyboard-drawer button, #storyboard-drawer a")
                if b.is_displayed() and "with imported lists" in b.text]
