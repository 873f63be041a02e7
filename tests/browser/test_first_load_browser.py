"""First load in Chromium: every page fetches at most 1 MB (gzip, headers included) with an empty cache, a page
without a graph fetches no plotly.js, and the table's code comes only when the Table tab is opened — then the grid
works."""

from __future__ import annotations

import re
import time

import dash
import pandas as pd
import pytest
from waiting import wait_until

from components.ids import css

pytestmark = pytest.mark.browser
GOAL_BYTES = 1_000_000
EMBED = "/embed/technology?indicator=emp_hightech_medhightech_manuf&level=2&year=2015&region=PL21"
FETCHED = """
var nav = performance.getEntriesByType('navigation')[0];
return [[location.pathname, nav ? nav.transferSize : 0]].concat(
    performance.getEntriesByType('resource').map(function (e) { return [e.name, e.transferSize]; }));"""


def page_paths() -> list[str]:
    """Every registered page (a brief for one region; not the 404 page), and an embed."""
    paths = [p["path"] for p in dash.page_registry.values() if not p.get("path_template") and p["path"] != "/404"]
    return sorted(paths) + ["/brief/PL21", EMBED]


@pytest.fixture()
def filled_store(tmp_path, monkeypatch, layer):
    """The state every visitor after the first minutes of a deploy meets: the biggest static files (plotly.js, the
    geometry) already in the zopfli store; the others are answered at gzip level 9 on their first request."""
    from app import app
    from web import static_gzip
    from web.first_load import PLOTLY_URL

    monkeypatch.setenv("ATLAS_STATIC_GZ_DIR", str(tmp_path))
    with app.server.test_client() as client:
        for url in (PLOTLY_URL, *(f"/geo/nuts{level}.geojson" for level in range(4))):
            static_gzip.compress_into_store(client.get(url).get_data())
    static_gzip._level9.cache_clear()
    return app


def first_visit(dash_duo, path: str) -> list[tuple[str, int]]:
    """Open `path` with no cache and no storage; the responses it fetched once nothing new came for 3 s."""
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    driver.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": dash_duo.server_url, "storageTypes": "all"})
    driver.get(dash_duo.server_url + path)
    seen, stable_since = -1, time.time()
    deadline = time.time() + 60
    while time.time() < deadline:
        count = driver.execute_script("return document.readyState === 'complete' ? "
                                      "performance.getEntriesByType('resource').length : -1;")
        if count != seen:
            seen, stable_since = count, time.time()
        elif count >= 0 and time.time() - stable_since > 3:
            break
        time.sleep(0.3)
    return driver.execute_script(FETCHED)


def test_every_page_loads_at_most_1_mb_and_graphless_pages_no_plotly(dash_duo, filled_store):
    dash_duo.start_server(filled_store)
    totals = {}
    for path in page_paths():
        fetched = first_visit(dash_duo, path)
        names = " ".join(name for name, _ in fetched)
        totals[path] = sum(size for _, size in fetched)
        assert all(size > 0 for name, size in fetched if not name.startswith("data:")), (path, fetched)
        assert "dash_ag_grid" not in names, path
        if path in ("/sources", "/storyboard", "/accessibility", "/brief/PL21", "/"):
            assert "plotly" not in names.replace("plotly_on_demand", ""), path
        if path in ("/technology", "/clusters", "/strategies"):
            assert "plotly" in names and "/geo/nuts" in names, path  # the map was drawn: measured whole
    print({path.split("?")[0]: round(total / 1000) for path, total in totals.items()})
    assert max(totals.values()) <= GOAL_BYTES, {p.split("?")[0]: t for p, t in totals.items() if t > GOAL_BYTES}


def test_the_table_code_comes_when_the_table_is_opened(dash_duo, layer, layer_dir):
    from app import app

    dash_duo.start_server(app)
    fetched = first_visit(dash_duo, "/technology?indicator=emp_hightech_medhightech_manuf&level=2&year=2015")
    assert "dash_ag_grid" not in " ".join(name for name, _ in fetched)
    assert dash_duo.driver.find_elements("css selector", css("technology", "map") + " path.choroplethlocation")
    next(e for e in dash_duo.find_elements(css("technology", "tabs") + " label") if e.text == "Table").click()
    wait_until(lambda: dash_duo.driver.execute_script("return document.querySelectorAll('.ag-row').length > 20;"),
               30, "the grid's rows")
    names = dash_duo.driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name);")
    assert any("/dash_ag_grid/dash_ag_grid.v" in n for n in names) and any("async-community" in n for n in names)
    grid = dash_duo.find_element(css("technology", "grid")).text
    assert "Region" in grid and "Rank" in grid, grid[:300]
    codes = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('.ag-row [col-id=nuts_id]')).map(e => e.textContent);")
    assert len(codes) > 20 and all(re.fullmatch(r"[A-Z]{2}[0-9A-Z]{2}", c) for c in codes), codes[:5]
    values = pd.read_parquet(layer_dir / "values.parquet")
    year = values[(values.indicator_id == "emp_hightech_medhightech_manuf") & (values.year == 2015)
                  & (values.nuts_id.str.len() == 4)]
    assert year.sort_values("value").nuts_id.iloc[-1] in codes[:3]  # ranked first (ties aside), as in the layer
    dash_duo.driver.get(dash_duo.server_url + "/clusters?tab=table")  # a page opened on its table loads it at once
    wait_until(lambda: dash_duo.driver.execute_script("return document.querySelectorAll('.ag-row').length > 20;"),
               30, "the grid's rows on a page opened with tab=table")
    assert dash_duo.get_logs() == []
