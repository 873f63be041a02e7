"""The import wizard in headless Chromium: upload a CSV, see the report and the layer, keep it in the browser."""

from __future__ import annotations

import json

import pytest

from components.ids import css, page_ids

pytestmark = pytest.mark.browser


def test_upload_report_and_keep(dash_duo, layer, tmp_path):
    from app import app

    source = tmp_path / "clusters.csv"
    source.write_bytes("\ufeffCluster;NUTS code;Sector\nAutomotive;DE11;auto\nValència agro;ES52;agro\n"
                       "Zagreb ICT;HR04;ICT\n".encode("utf-8"))
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/import")
    dash_duo.wait_for_element("#imports-upload input[type=file]", timeout=30).send_keys(str(source))
    dash_duo.wait_for_contains_text("#imports-file", "3 rows", timeout=15)
    dash_duo.find_element("#imports-source").send_keys("Test register")
    dash_duo.find_element("#imports-licence").send_keys("CC BY 4.0")
    run = dash_duo.find_element("#imports-run")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView(); arguments[0].click();", run)
    dash_duo.wait_for_contains_text("#imports-summary", "3 of 3 rows located", timeout=20)
    assert "HR04" in dash_duo.find_element("#imports-report").text  # split in 2021: placed at NUTS 1, flagged
    assert "located at a coarser level" in dash_duo.find_element("#imports-report").text
    keep = dash_duo.find_element("#imports-keep")
    dash_duo.driver.execute_script("arguments[0].click();", keep)
    dash_duo.wait_for_contains_text("#imports-kept", "Kept in this browser", timeout=10)
    stored = json.loads(dash_duo.driver.execute_script("return window.localStorage.getItem('imported-layers');"))
    assert stored[0]["source"] == "Test register" and {r["nuts_id"] for r in stored[0]["rows"]} == {"DE11", "ES52", "HR0"}
    assert dash_duo.get_logs() == []


def test_imported_lists_appear_on_clusters_and_strategies(dash_duo, layer):
    from app import app

    clusters = {"kind": "clusters", "source": "Test register", "licence": "CC BY 4.0", "rows": [
        {"name": "Auto BW", "sector": "automotive", "nuts_id": "DE111", "lat": "48.78", "lon": "9.18"},
        {"name": "Valencia agro", "sector": "agrofood", "nuts_id": "ES52", "lat": "", "lon": ""}]}
    priorities = {"kind": "priorities", "source": "Test S3 list", "licence": "CC BY 4.0", "rows": [
        {"nuts_id": "DE11", "priority": "Advanced manufacturing", "domain": "Manufacturing"},
        {"nuts_id": "EL41", "priority": "Smart manufacturing", "domain": ""}]}
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/import")
    dash_duo.driver.execute_script("window.localStorage.setItem('imported-layers', arguments[0]);",
                                   json.dumps([clusters, priorities]))
    dash_duo.driver.get(dash_duo.server_url + "/clusters")
    dash_duo.wait_for_contains_text(css("clusters", "orgs-legend"), "2 on the map", timeout=20)
    assert not dash_duo.find_element(css("clusters", "empty-state")).is_displayed()
    points = dash_duo.driver.execute_script(
        "return document.querySelectorAll(arguments[0] + ' .scattergeo path.point').length", css("clusters", "map"))
    assert points == 2  # on the explorer's map itself: there is no second map
    dash_duo.driver.get(dash_duo.server_url + "/strategies?domain=advanced_manufacturing")
    dash_duo.wait_for_contains_text(css("strategies", "gap", "Strategies"), "Gap view: Advanced manufacturing", timeout=20)
    lists = dash_duo.find_element(css("strategies", "gap-lists", "Strategies")).text
    assert "prioritised & strong (1)" in lists and "Stuttgart (DE11)" in lists
    assert dash_duo.get_logs() == []


def _wait_for_file(folder, pattern: str, timeout: float = 20.0):
    import time
    from pathlib import Path

    deadline = time.time() + timeout
    while time.time() < deadline:
        found = [p for p in Path(folder).glob(pattern) if not p.name.endswith(".crdownload")]
        if found:
            return found[0]
        time.sleep(0.3)
    raise AssertionError(f"no {pattern} downloaded")


def test_imported_indicator_from_the_wizard_to_the_map_and_an_excel_download(dash_duo, layer, tmp_path):
    import openpyxl

    from app import app

    source = tmp_path / "members.csv"
    source.write_text("Region;Jahr;Wert\nStuttgart;2021;12,5\nComunitat Valenciana;2021;3,5\nIle-de-France;2021;7\n"
                      "Atlantis;2021;1\n", encoding="utf-8")
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/import")
    dash_duo.wait_for_element("#imports-upload input[type=file]", timeout=30).send_keys(str(source))
    dash_duo.wait_for_contains_text("#imports-file", "4 rows", timeout=15)
    dash_duo.driver.execute_script("document.querySelector('#imports-kind input[value=indicator]').click();")
    dash_duo.wait_for_contains_text("#imports-required", "value, year;", timeout=10)
    for field, text in (("source", "Cluster office BW"), ("licence", "CC BY 4.0"), ("label", "Cluster members"),
                        ("unit", "members")):
        dash_duo.find_element(f"#imports-{field}").send_keys(text)
    dash_duo.driver.execute_script("document.getElementById('imports-run').click();")
    dash_duo.wait_for_contains_text("#imports-summary", "3 of 4 rows located", timeout=20)
    assert "Atlantis" in dash_duo.find_element("#imports-report").text
    dash_duo.driver.execute_script("document.getElementById('imports-keep').click();")
    dash_duo.wait_for_contains_text("#imports-kept-lists", "Cluster members — Cluster office BW", timeout=10)
    dash_duo.driver.execute_script("document.getElementById('imports-see-it').click();")
    dash_duo.wait_for_contains_text(css("technology", "provenance"), "Cluster members · members · NUTS 2 · 2021", timeout=20)
    assert "Cluster office BW (imported, not verified)" in dash_duo.find_element(css("technology", "provenance")).text
    assert "indicator=imp-" in dash_duo.driver.current_url
    dash_duo.wait_for_contains_text(css("technology", "legend"), "No data", timeout=10)
    no_data = int((layer.regions.level == 2).sum()) - 3
    legend = dash_duo.find_element(css("technology", "legend")).text.split()
    assert legend[legend.index("data") + 1] == str(no_data), legend
    dash_duo.driver.execute_script("document.querySelector(arguments[0]).click();",
                                   css("technology", "download-menu") + " .dropdown-toggle")
    dash_duo.driver.execute_script("document.getElementById(arguments[0]).click();",
                                   page_ids("technology").dom("download-xlsx"))
    target = _wait_for_file(dash_duo.download_path, "cluster-atlas_cluster-members_nuts2_2021.xlsx")
    book = openpyxl.load_workbook(target)
    header, *body = list(book["data"].values)
    rows = {r[0]: dict(zip(header, r)) for r in body}
    assert rows["DE11"]["value"] == 12.5 and rows["FR10"]["value"] == 7 and rows["ES52"]["value"] == 3.5
    assert rows["DE11"]["source"] == "Cluster office BW" and rows["DE11"]["licence"] == "CC BY 4.0"
    assert rows["DE11"]["flag"] == "imported"
    about = [r[1] for r in book["about"].values]
    assert "Cluster office BW" in about and any(str(a).startswith("CC BY 4.0") for a in about)
    dash_duo.driver.get(dash_duo.server_url + "/import")
    dash_duo.wait_for_contains_text("#imports-kept-lists", "Cluster members — Cluster office BW", timeout=15)
    dash_duo.driver.execute_script("document.querySelector('#imports-kept-list button').click();")
    dash_duo.wait_for_contains_text("#imports-kept-lists", "None yet", timeout=10)
    assert dash_duo.driver.execute_script("return window.localStorage.getItem('imported-layers');") == "[]"
    assert dash_duo.get_logs() == []


def test_link_to_an_indicator_imported_elsewhere_explains_itself(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/technology?indicator=imp-0123456789&level=2&year=2021")
    dash_duo.wait_for_contains_text(css("technology", "notice"), "imported into another browser", timeout=20)
    assert "Enterprises using AI" in dash_duo.find_element(css("technology", "provenance")).text
    assert dash_duo.get_logs() == []


def test_a_file_over_the_limit_gets_a_message_not_a_hang(dash_duo, layer, tmp_path):
    from app import app
    from data.importing import MAX_BYTES

    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.write(b"name,nuts\n")
        handle.truncate(MAX_BYTES + 1024)
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/import")
    dash_duo.wait_for_element("#imports-upload input[type=file]", timeout=30).send_keys(str(big))
    dash_duo.wait_for_contains_text("#imports-file", "the limit is 20 MB", timeout=10)
    assert dash_duo.get_logs() == []
