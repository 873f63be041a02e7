"""Issue 16.1 in a browser: a semicolon, UTF-8-with-BOM postcode file is located by "Check and locate" every time,
on a threaded server (each callback runs in whichever thread serves it), and a refused file says why."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

POSTCODES = "\ufeffname;postcode;country\nMunich cluster;80331;DE\nParis cluster;75001;FR\nMilan cluster;20121;IT\n"


def upload_and_locate(dash_duo, path) -> str:
    dash_duo.wait_for_element("#imports-upload input[type=file]", timeout=30).send_keys(str(path))
    dash_duo.wait_for_contains_text("#imports-file", "3 rows", timeout=30)
    run = dash_duo.find_element("#imports-run")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView(); arguments[0].click();", run)
    dash_duo.wait_for_contains_text("#imports-summary", "3 of 3 rows located", timeout=60)
    return dash_duo.find_element("#imports-summary").text


def test_postcode_file_is_located_every_time_on_a_threaded_server(dash_duo, layer, tmp_path):
    from app import app

    first, second = tmp_path / "postcodes.csv", tmp_path / "postcodes-again.csv"
    first.write_bytes(POSTCODES.encode("utf-8"))
    second.write_bytes(POSTCODES.replace("Munich", "München").encode("utf-8"))
    dash_duo.start_server(app)  # a threaded Flask server: each request in its own thread
    dash_duo.driver.get(dash_duo.server_url + "/import")
    dash_duo.wait_for_element("#imports-source", timeout=30).send_keys("Test register")
    dash_duo.find_element("#imports-licence").send_keys("CC BY 4.0")
    for path in (first, second, first):
        assert "postcode: 3" in upload_and_locate(dash_duo, path)
    assert dash_duo.get_logs() == []


def test_a_refused_upload_says_why(dash_duo, layer, tmp_path):
    from app import app

    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(500)) + "\n" + ",".join("1" for _ in range(500)) + "\n")
    dash_duo.start_server(app)  # a threaded Flask server: each request in its own thread
    dash_duo.driver.get(dash_duo.server_url + "/import")
    dash_duo.wait_for_element("#imports-upload input[type=file]", timeout=30).send_keys(str(wide))
    dash_duo.wait_for_contains_text("#imports-file", "more than 200 columns", timeout=30)
