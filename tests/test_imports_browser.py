"""The import wizard in headless Chromium: upload a CSV, see the report and the layer, keep it in the browser."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser


def test_upload_report_and_keep(dash_duo, layer, tmp_path):
    from app import app

    source = tmp_path / "clusters.csv"
    source.write_bytes("\ufeffCluster;NUTS code;Sector\nAutomotive;DE11;auto\nValència agro;ES52;agro\n"
                       "Zagreb ICT;HR04;ICT\n".encode("utf-8"))
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/import")
    dash_duo.find_element("#imports-upload input[type=file]").send_keys(str(source))
    dash_duo.wait_for_contains_text("#imports-file", "3 rows", timeout=15)
    dash_duo.find_element("#imports-source").send_keys("Test register")
    dash_duo.find_element("#imports-licence").send_keys("CC BY 4.0")
    run = dash_duo.find_element("#imports-run")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView(); arguments[0].click();", run)
    dash_duo.wait_for_contains_text("#imports-summary", "2 of 3 rows located", timeout=20)
    assert "HR04" in dash_duo.find_element("#imports-report").text
    keep = dash_duo.find_element("#imports-keep")
    dash_duo.driver.execute_script("arguments[0].click();", keep)
    dash_duo.wait_for_contains_text("#imports-kept", "Kept in this browser", timeout=10)
    stored = json.loads(dash_duo.driver.execute_script("return window.localStorage.getItem('imported-layers');"))
    assert stored[0]["source"] == "Test register" and {r["nuts_id"] for r in stored[0]["rows"]} == {"DE11", "ES52"}
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
    dash_duo.wait_for_element("#clusters-orgs-map .main-svg", timeout=20)
    assert not dash_duo.find_element("#clusters-empty-state").is_displayed()
    points = dash_duo.driver.execute_script(
        "return document.querySelectorAll('#clusters-orgs-map .scattergeo path.point').length")
    assert points == 2
    dash_duo.driver.get(dash_duo.server_url + "/strategies?domain=advanced_manufacturing")
    dash_duo.wait_for_contains_text("#strategies-gap", "Gap view: Advanced manufacturing", timeout=20)
    lists = dash_duo.find_element("#strategies-gap-lists").text
    assert "prioritised & strong (1)" in lists and "Stuttgart (DE11)" in lists
    assert dash_duo.get_logs() == []
