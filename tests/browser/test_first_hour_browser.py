"""Issue #16, "Also": what a new user's first hour showed on the map pages and the import wizard, in headless Chromium.

The map fills its panel; the outermost regions' labels sit clear of their boxes; the classes controls and the open
indicator list are read whole; imported organisations are drawn on the Clusters map itself; "Check and locate"
shows a live row count.
"""

from __future__ import annotations

import re
import time

import pytest

from components.ids import STRATEGIES, css, page_ids

pytestmark = pytest.mark.browser

GEO_BOXES = """
const graph = document.querySelector(arguments[0] + ' .js-plotly-plot');
const box = e => { const r = e.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom,
                                                               width: r.width, height: r.height}; };
const geos = {};
graph.querySelectorAll('.geolayer > g.geo').forEach(g => {
    const name = [...g.classList].find(c => c !== 'geo') || 'geo';
    geos[name] = box(g.querySelector('.bg rect') || g);
});
const labels = [...graph.querySelectorAll('.infolayer .annotation')].map(a => [a.textContent, box(a.querySelector('text'))]);
return {graph: box(graph), geos: geos, labels: labels};
"""
INSET_TITLES = ("Canarias", "Açores", "Madeira", "Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte")


def _open(dash_duo, path: str, width: int, height: int, graph: str) -> dict:
    dash_duo.driver.set_window_size(width, height)
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_element(f"{graph} .geolayer g.geo2", timeout=20)
    time.sleep(0.8)  # the responsive graph settles to its panel's size
    return dash_duo.driver.execute_script(GEO_BOXES, graph)


def _overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.parametrize("path,graph", [("/technology", css("technology", "map")), ("/clusters", css("clusters", "map")),
                                        ("/strategies", css("strategies", "map", STRATEGIES))])
def test_map_fills_its_panel_and_inset_labels_clear_their_boxes(dash_duo, layer, path, graph):
    from app import app

    dash_duo.start_server(app)
    for width, height in ((1440, 900), (390, 844)):
        found = _open(dash_duo, path, width, height, graph)
        main, frame = found["geos"]["geo"], found["graph"]
        if width == 1440:
            assert main["width"] >= 0.85 * frame["width"], (path, main, frame)
        assert main["width"] >= 0.85 * frame["width"] or main["height"] >= 0.85 * frame["height"], (path, width)
        labels = [(text, rect) for text, rect in found["labels"] if text in INSET_TITLES]
        assert len(labels) == len(INSET_TITLES), found["labels"]
        insets = [rect for name, rect in found["geos"].items() if name != "geo"]
        for text, rect in labels:
            assert not any(_overlap(rect, inset) for inset in insets), (path, width, text, rect)
        for (text, rect), (other, other_rect) in zip(labels, labels[1:]):
            assert not _overlap(rect, other_rect), (path, width, text, other)
    assert dash_duo.get_logs() == []


def test_class_controls_are_read_whole_and_the_indicator_list_shows_many(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    for width in (1440, 1280):
        dash_duo.driver.set_window_size(width, 900)
        dash_duo.driver.get(dash_duo.server_url + "/technology")
        dash_duo.wait_for_contains_text(css("technology", "k"), "5 classes", timeout=20)
        for control in (css("technology", "k"), css("technology", "classes")):
            sizes = dash_duo.driver.execute_script(
                "const v = document.querySelector(arguments[0] + ' .dash-dropdown-value');"
                "return [v.scrollWidth, v.clientWidth, v.textContent];", control)
            assert sizes[0] <= sizes[1], (width, control, sizes)
    dash_duo.driver.set_window_size(1440, 900)
    dash_duo.driver.execute_script("document.getElementById(arguments[0]).click();",
                                   page_ids("technology").dom("indicator"))
    dash_duo.wait_for_element(".dash-dropdown-options [role=option]", timeout=10)
    time.sleep(0.5)
    shown = dash_duo.driver.execute_script("""
        const list = document.querySelector('.dash-dropdown-options').getBoundingClientRect();
        return [...document.querySelectorAll('.dash-dropdown-options [role=option]')].filter(o => {
            const r = o.getBoundingClientRect();
            return r.height > 0 && r.top >= list.top - 1 && r.bottom <= Math.min(list.bottom, window.innerHeight) + 1;
        }).length;""")
    assert shown >= 10, shown
    assert dash_duo.get_logs() == []


def _import(dash_duo, path, rows: int, source: str) -> None:
    dash_duo.driver.get(dash_duo.server_url + "/import")
    dash_duo.wait_for_element("#imports-upload input[type=file]", timeout=30).send_keys(str(path))
    dash_duo.wait_for_contains_text("#imports-file", f"{rows:,} rows", timeout=20)
    dash_duo.find_element("#imports-source").send_keys(source)
    dash_duo.find_element("#imports-licence").send_keys("CC BY 4.0")


def test_imported_organisations_are_drawn_on_the_clusters_map(dash_duo, layer, tmp_path):
    from app import app

    source = tmp_path / "clusters.csv"
    source.write_bytes("\ufeffCluster;NUTS code;Sector;lat;lon\nAutomotive <BW>;DE111;auto;48.78;9.18\n"
                       "València agro;ES52;agro;;\nZagreb ICT;HR04;ICT;;\n".encode("utf-8"))
    dash_duo.start_server(app)
    _import(dash_duo, source, 3, "Test register")
    dash_duo.driver.execute_script("document.getElementById('imports-run').click();")
    dash_duo.wait_for_contains_text("#imports-summary", "3 of 3 rows located", timeout=20)
    dash_duo.driver.execute_script("document.getElementById('imports-keep').click();")
    dash_duo.wait_for_contains_text("#imports-kept", "Kept in this browser", timeout=10)
    dash_duo.driver.get(dash_duo.server_url + "/clusters")
    dash_duo.wait_for_contains_text(css("clusters", "orgs-legend"), "3 on the map", timeout=20)
    trace = dash_duo.driver.execute_script("""
        const gd = document.querySelector(arguments[0] + ' .js-plotly-plot');
        const t = gd.data.find(d => d.type === 'scattergeo' && (d.lat || []).length);
        return t && {geo: t.geo || 'geo', lat: t.lat, custom: t.customdata, name: t.name};""", css("clusters", "map"))
    assert trace and trace["geo"] == "geo" and len(trace["lat"]) == 3 and trace["lat"][0] == 48.78, trace
    names = {row[2]: row for row in trace["custom"]}
    assert "Automotive &lt;BW&gt;" in names and "located at NUTS 3" in names["Automotive &lt;BW&gt;"][4]
    assert "Test register" in names["València agro"][5]
    points = dash_duo.driver.execute_script(
        "return document.querySelectorAll(arguments[0] + ' .scattergeo path.point').length", css("clusters", "map"))
    assert points == 3
    assert dash_duo.driver.execute_script("return document.querySelectorAll('.atlas-map').length") == 1
    assert "Test register (CC BY 4.0)" in dash_duo.find_element(css("clusters", "orgs-legend")).text
    assert dash_duo.get_logs() == []


def test_check_and_locate_shows_a_live_row_count(dash_duo, layer, tmp_path, monkeypatch):
    import sys

    from app import app

    imports_page = sys.modules["pages.imports"]
    real = imports_page.import_table

    def slower(*args, progress=None, **kwargs):
        """The engine as on a slow server: each progress step takes a moment, so the page has time to ask."""
        def step(done, total):
            progress(done, total)
            time.sleep(0.15)
        return real(*args, progress=step, **kwargs)

    monkeypatch.setattr(imports_page, "import_table", slower)
    codes = sorted(layer.regions.nuts_id[(layer.regions.level == 3) & (layer.regions.country == "DE")])
    source = tmp_path / "many.csv"
    source.write_text("name;nuts\n" + "".join(f"Organisation {i};{codes[i % len(codes)]}\n" for i in range(2000)),
                      encoding="utf-8")
    dash_duo.start_server(app)
    _import(dash_duo, source, 2000, "Test register")
    dash_duo.driver.execute_script("""
        window.__progress = [];
        new MutationObserver(() => window.__progress.push(document.getElementById('imports-progress').textContent))
            .observe(document.getElementById('imports-progress'), {childList: true, subtree: true, characterData: true});
        document.getElementById('imports-run').click();""")
    dash_duo.wait_for_contains_text("#imports-summary", "2000 of 2000 rows located", timeout=60)
    seen = dash_duo.driver.execute_script("return window.__progress;")
    assert any(re.search(r"Located [\d,]+ of 2,000 rows", text) for text in seen), seen
    assert not dash_duo.find_element("#imports-progress").is_displayed()
    assert dash_duo.get_logs() == []
