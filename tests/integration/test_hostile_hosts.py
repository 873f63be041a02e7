"""Issue 24 through the app: a hostile body is answered at once, a file damaged after start turns /healthz
"degraded", /brief/<code> answers like the export routes, and the unused full plotly.js is not served."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from data.layer.search_index import SEARCH_INDEX_FILE


def test_the_140_kb_body_that_held_a_worker_is_answered_at_once(client):
    body = '"' + '\\"' * 70_000
    client.get("/healthz")  # the app's first request sets Dash up (seconds): not what is measured
    for path, kind in (("/export/pack.pptx", "application/json"), ("/export/pack.pptx", "text/plain"),
                       ("/_dash-update-component", "application/json")):
        started = time.perf_counter()
        response = client.post(path, data=body, content_type=kind)
        assert time.perf_counter() - started < 2, path
        assert response.status_code == 400, (path, response.status_code, response.get_data()[:200])


@pytest.fixture
def damaged_copy(layer_dir, tmp_path, monkeypatch) -> Path:
    target = tmp_path / "processed"
    shutil.copytree(Path(layer_dir).resolve(), target)
    monkeypatch.setenv("ATLAS_LAYER_DIR", str(target))
    return target


def test_a_file_damaged_after_start_turns_healthz_degraded_with_the_reason(client, damaged_copy):
    health = client.get("/healthz")
    assert health.status_code == 200 and health.get_json()["status"] == "ok"
    (damaged_copy / "geo" / "nuts2.geojson").write_text("{}", encoding="utf-8")
    (damaged_copy / SEARCH_INDEX_FILE).unlink()
    assert client.get("/geo/nuts2.geojson").status_code == 503
    health = client.get("/healthz")
    assert health.status_code == 503
    said = health.get_json()
    assert said["status"] == "degraded" and "geo/nuts2.geojson does not match" in said["reason"], said
    assert said["layer_hash"]  # which layer it is still says
    assert client.get("/api/regions?q=Mazowieckie").status_code == 503
    reason = client.get("/healthz").get_json()["reason"]
    assert "geo/nuts2.geojson" in reason and SEARCH_INDEX_FILE in reason, reason


@pytest.mark.parametrize(("path", "status", "message"), [
    ("/brief/PL21", 200, None),
    ("/brief/pl21", 200, None),
    ("/brief/ZZ99", 404, "No NUTS 2021 region for ZZ99"),
    ("/brief/" + "A" * 5000, 400, "is not a NUTS code"),
    ("/brief/%3Cscript%3E", 400, "is not a NUTS code"),
])
def test_brief_path_answers_like_the_export_routes(client, path, status, message):
    import dash

    response = client.get(path)
    assert response.status_code == status, path[:40]
    assert client.get(path.replace("/brief/", "/export/brief/") + ".pdf").status_code in (status, 503) \
        if status != 200 else True
    if message:  # what the page shows in that shell: the page's own message, not the brief
        layout = next(p for p in dash.page_registry.values() if p["path_template"] == "/brief/<nuts_id>")["layout"]
        code = re.sub(r"^/brief/", "", path).replace("%3C", "<").replace("%3E", ">")
        shown = str(layout(nuts_id=code).to_plotly_json())
        assert message in shown and "brief-error" in shown


def test_only_the_plotly_bundle_in_use_is_served(client):
    """plotly.js is not in the page: dcc.Graph asks for the plotly package's bundle when it draws, and gets the app's
    geo-only partial bundle (web/first_load.py), never the 4.8 MB full one."""
    page = client.get("/technology").get_data(as_text=True)
    assert "02_plotly-geo.min.js" not in page and "package_data/plotly" not in page
    partial = client.get("/assets/02_plotly-geo.min.js")
    assert partial.status_code == 200
    served = client.get("/_dash-component-suites/plotly/package_data/plotly.min.js")
    assert served.status_code == 200 and served.data.startswith(partial.data) and b"plotly.js (geo" in served.data[:200]
    assert b"moduleType: 'locale'" in served.data[len(partial.data):]  # the atlas's plotly.js locales follow it
    other = client.get("/_dash-component-suites/plotly/package_data/plotly.js")
    assert other.status_code == 404 and len(other.data) < 1000
