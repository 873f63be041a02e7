"""A build with an accepted snapshot: the values it serves and the provenance it shows.

One extra full build (slow): the snapshot is a release holding the shipped htec_emp_reg2 values,
so the layer must serve the same numbers as the default layer, now credited to the snapshot.
"""

from __future__ import annotations

import http.server
import json
import threading

import pandas as pd
import pytest
from _pytest.monkeypatch import MonkeyPatch
from refresh_release import HTEC, _Api, full_release

from components.sources import sources_overview
from data.layer import _load_layer
from data.layer.indicators import load_indicator_meta
from data.layer.registry import source_file
from data.pipeline import eurostat_release, refresh, snapshots
from data.pipeline.build import build_layer
from data.pipeline.recode import build_recoder
from domain.mapview import map_view
from domain.view import ViewState


@pytest.fixture(scope="module")
def snapshot_layer(tmp_path_factory, raw_dir):
    patch = MonkeyPatch()
    root = tmp_path_factory.mktemp("snapbuild")
    patch.setenv(snapshots.SNAPSHOT_DIR_ENV, str(root / "snaps"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Api)
    server.releases, server.requests = {}, []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    patch.setenv(refresh.API_ENV, f"http://127.0.0.1:{server.server_address[1]}")
    try:
        meta = load_indicator_meta()
        panel = pd.read_csv(raw_dir / "i40-readiness-honti2020" / "I40_indicator_db.csv", sep="\t")
        server.releases[HTEC] = full_release(panel, meta)
        recoder = build_recoder(source_file("eurostat_nuts_changes", "NUTS2016-NUTS2021.xlsx"),
                                source_file("jrc_nuts_converter", "n3_cm_v2010_v2021.csv").parent)
        outcome = refresh.refresh_table(HTEC, meta, recoder)
        assert outcome.status == "accepted", outcome.summary()
        out = root / "layer"
        build_layer(out)
        yield _load_layer(str(out)), outcome
    finally:
        server.shutdown()
        server.server_close()
        patch.undo()


def test_snapshot_layer_serves_the_same_values_credited_to_the_snapshot(snapshot_layer, layer):
    fresh, outcome = snapshot_layer
    retrieved = json.loads(next(outcome.snapshot.glob("*.meta.json")).read_text())["retrieved_at"][:10]
    name = f"Eurostat htec_emp_reg2, retrieved {retrieved}"
    fed = fresh.catalog[fresh.catalog.source_id == "eurostat_api_htec_emp_reg2"]
    assert set(fed.indicator_id) == set(eurostat_release.table_indicators(load_indicator_meta(), HTEC))
    assert set(fed.source_name) == {name}
    assert fresh.sources["eurostat_api_htec_emp_reg2"].short_name == name
    for indicator_id in fed.indicator_id:
        a = fresh.by_indicator[indicator_id].set_index(["nuts_id", "year"]).value.sort_index()
        b = layer.by_indicator[indicator_id].set_index(["nuts_id", "year"]).value.sort_index()
        pd.testing.assert_series_equal(a, b, check_names=False)
    gerd = fresh.catalog.set_index("indicator_id").source_id["gerd_total"]
    assert gerd == "i40_readiness"  # tables without a snapshot keep the shipped source
    assert any(path.startswith("snapshots/eurostat/htec_emp_reg2/") for path in fresh.manifest["inputs"])
    assert fresh.manifest["layer_hash"] != layer.manifest["layer_hash"]  # the catalogue names another source


def test_sources_page_and_provenance_line_name_the_snapshot(snapshot_layer):
    fresh, outcome = snapshot_layer
    records = {r["id"]: r for r in sources_overview(fresh)}
    record = records["eurostat_api_htec_emp_reg2"]
    assert record["short_name"].startswith("Eurostat htec_emp_reg2, retrieved ")
    assert {i["indicator_id"] for i in record["indicators"]} >= {"emp_kis", "emp_hightech_manuf"}
    assert record["files"][0]["path"].endswith("htec_emp_reg2.sdmx.csv")
    assert "emp_kis" not in {i["indicator_id"] for i in records["i40_readiness"]["indicators"]}
    view = map_view(fresh, ViewState(indicator="emp_kis", level=2, year=2018))
    assert f"Source: {record['short_name']} (htec_emp_reg2 KIS)." in view.provenance
