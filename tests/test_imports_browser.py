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
