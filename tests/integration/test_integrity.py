"""A damaged layer is never served: tampered, truncated or missing files give 503 and a degraded /healthz.

Each case copies the real built layer, damages one file the way an operator or an attacker would, points the
app at the copy and asks the API. The valid copy must still answer "ok" with the real figures.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pandas as pd
import pytest

from data.layer import LayerDamagedError, get_layer, registry
from data.pipeline import build as build_module


@pytest.fixture
def layer_copy(layer_dir, tmp_path) -> Path:
    target = tmp_path / "processed"
    shutil.copytree(Path(layer_dir).resolve(), target)
    return target


def _serve(client, monkeypatch, folder: Path):
    monkeypatch.setenv("ATLAS_LAYER_DIR", str(folder))
    return client


def _double_ai_uptake(folder: Path) -> None:
    values = pd.read_parquet(folder / "values.parquet")
    values.loc[values.indicator_id == "desi_ai", "value"] *= 2
    values.to_parquet(folder / "values.parquet", index=False)


def _truncate(folder: Path) -> None:
    path = folder / "values.parquet"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _delete_geometry(folder: Path) -> None:
    (folder / "geo" / "nuts2.geojson").unlink()


def _visit(client, path: str):
    """What Dash's page router sends for `path` (the page's content, as the browser asks for it)."""
    deps = client.get("/_dash-dependencies").get_json()
    router = next(d for d in deps if "_pages_content.children" in d["output"])
    return client.post("/_dash-update-component", json={
        "output": router["output"],
        "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
        "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                   {"id": "_pages_location", "property": "search", "value": ""}],
        "changedPropIds": ["_pages_location.pathname"], "state": []})


@pytest.mark.parametrize(("damage", "reason"), [
    (_double_ai_uptake, "values.parquet does not match"),
    (_truncate, "values.parquet does not match"),
    (_delete_geometry, "geo/nuts2.geojson is missing"),
])
def test_damaged_layer_answers_503_and_degraded(client, monkeypatch, layer_copy, caplog, damage, reason):
    damage(layer_copy)
    client = _serve(client, monkeypatch, layer_copy)
    with caplog.at_level(logging.ERROR, logger="atlas.layer"):
        health = client.get("/healthz")
        for url in ("/api/values?indicator=desi_ai&level=0&year=2021", "/api/indicators",
                    "/download/technology.csv?indicator=desi_ai&level=0", "/geo/nuts2.geojson",
                    "/healthz"):
            response = client.get(url)
            assert response.status_code == 503, url
            body = response.get_json()
            assert reason in json.dumps(body), (url, body)
    assert health.get_json()["status"] == "degraded" and reason in health.get_json()["reason"]
    page = _visit(client, "/technology")
    shown = json.dumps(page.get_json(), ensure_ascii=False)
    assert page.status_code == 200 and "The data layer is unavailable" in shown and reason in shown
    damaged_lines = [r for r in caplog.records if "DATA LAYER DAMAGED" in r.getMessage()]
    assert len(damaged_lines) == 1, "one clear log line, and the files are hashed once per process"
    with pytest.raises(LayerDamagedError):
        get_layer(str(layer_copy))


def test_valid_copy_is_served_as_ok_with_real_values(client, monkeypatch, layer_copy, raw_dir):
    client = _serve(client, monkeypatch, layer_copy)
    health = client.get("/healthz").get_json()
    assert health["status"] == "ok"
    assert health["layer_hash"] == json.loads((layer_copy / "manifest.json").read_text())["layer_hash"]
    body = client.get("/api/values?indicator=desi_ai&level=0&year=2021").get_json()
    assert {v["nuts_id"]: v["value"] for v in body["values"]}["DK"] == pytest.approx(23.8861)


def test_layer_files_changed_while_serving_are_never_served(client, monkeypatch, layer_copy):
    """The layer was verified at start; a geometry file edited or deleted afterwards gave wrong data or a 500."""
    client = _serve(client, monkeypatch, layer_copy)
    assert client.get("/healthz").get_json()["status"] == "ok"
    nuts0 = client.get("/geo/nuts0.geojson")
    assert nuts0.status_code == 200 and nuts0.data == (layer_copy / "geo" / "nuts0.geojson").read_bytes()
    edited = layer_copy / "geo" / "nuts1.geojson"
    edited.write_text(edited.read_text(encoding="utf-8").replace('"DE1"', '"XX1"'), encoding="utf-8")
    (layer_copy / "geo" / "nuts2.geojson").unlink()
    (layer_copy / "geo" / "nuts0.geojson").write_text("{}", encoding="utf-8")
    for level, reason in ((1, "geo/nuts1.geojson does not match"), (2, "geo/nuts2.geojson is missing")):
        response = client.get(f"/geo/nuts{level}.geojson")
        assert response.status_code == 503 and reason in response.get_json()["error"], level
    again = client.get("/geo/nuts0.geojson")
    assert again.status_code == 200 and again.data == nuts0.data, "the bytes verified before are kept"


def test_manifest_lists_every_layer_file(layer_dir):
    folder = Path(layer_dir).resolve()
    files = json.loads((folder / "manifest.json").read_text())["files"]
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != "manifest.json"}
    assert set(files) == on_disk and all(len(h) == 64 for h in files.values())
    assert {"values.parquet", "regions.parquet", "geo/nuts3.geojson"} <= set(files)


def test_valid_layer_is_not_stale_without_raw_files(layer_copy, tmp_path, monkeypatch):
    """`make serve` on a machine that has the built layer but no raw files: no rebuild, no download."""
    empty = tmp_path / "no-raw"
    empty.mkdir()
    monkeypatch.setenv("ATLAS_RAW_DIR", str(empty))
    monkeypatch.setattr(registry, "DEFAULT_RAW_DIR", empty)

    def no_download(*args, **kwargs):
        raise AssertionError("the stale check must not download raw files")

    monkeypatch.setattr(registry, "_download", no_download)
    assert build_module.is_stale(layer_copy) is None
    assert build_module.main(["--if-stale", "--out", str(layer_copy)]) == 0
    _truncate(layer_copy)
    assert "values.parquet" in build_module.is_stale(layer_copy)
