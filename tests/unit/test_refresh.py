"""Offline tests of ``python -m data.refresh`` and the snapshots the build uses.

Releases are served from a loopback HTTP server (127.0.0.1) in the API's SDMX-CSV layout; the
values come from the shipped raw files, read directly here, never through the pipeline. The tests that recode a
release with the official NUTS tables (a 20 s read of the Eurostat and JRC tables) are in
tests/integration/test_refresh_recoding.py.
"""

from __future__ import annotations

import json
import os

import pandas as pd
import pytest
import refresh_release as release
from refresh_release import FIXTURES, HTEC

from data.pipeline import eurostat_release, refresh, snapshots
from data.pipeline.sources import eurostat_regional, i40

meta, shipped_panel, store = release.meta, release.shipped_panel, release.store  # shared fixtures


# ---------------------------------------------------------------------------
# Parsing: the fixture must give exactly the values of the shipped file


def _fixture_rows(name: str, meta) -> pd.DataFrame:
    frame, _ = eurostat_release.read_release((FIXTURES / name).read_bytes())
    return eurostat_release.indicator_rows(frame, meta, HTEC)


@pytest.mark.parametrize("name", ["htec_emp_reg2_sample.sdmx.csv", "htec_emp_reg2_sample.tsv"])
def test_release_values_equal_the_shipped_raw_file(name, meta, shipped_panel):
    rows = _fixture_rows(name, meta)
    columns = meta.set_index("id").column
    assert set(rows.indicator_id) == {"emp_hightech_medhightech_manuf", "emp_hightech_manuf", "emp_medlowtech_manuf",
                                      "emp_hightech_sectors", "emp_hightech_kis", "emp_kis", "emp_professional_scientific"}
    checked = 0
    for indicator_id, group in rows.groupby("indicator_id"):
        shipped = shipped_panel[shipped_panel.NUTS2.isin(["AT11", "DE11", "EL30", "FR10", "ITC4", "PL91", "EU28"])
                                & shipped_panel.YEAR.between(2015, 2018)]
        expected = {(r.NUTS2, int(r.YEAR)): r[columns[indicator_id]] for _, r in shipped.iterrows()}
        got = {(r.nuts_id, int(r.year)): r.value for r in group.itertuples()}
        assert {k for k, v in expected.items() if not pd.isna(v)} == set(got)  # ':' is no data, never 0
        for key, value in got.items():
            assert value == pytest.approx(expected[key], abs=1e-12)
            checked += 1
    assert checked >= 180
    assert ("AT11", 2015) not in {(r.nuts_id, r.year) for r in rows[rows.indicator_id == "emp_hightech_manuf"].itertuples()}


def test_both_layouts_agree_and_flags_become_notes(meta):
    csv_rows = _fixture_rows("htec_emp_reg2_sample.sdmx.csv", meta).sort_values(["indicator_id", "nuts_id", "year"])
    tsv_rows = _fixture_rows("htec_emp_reg2_sample.tsv", meta).sort_values(["indicator_id", "nuts_id", "year"])
    pd.testing.assert_frame_equal(csv_rows.reset_index(drop=True), tsv_rows.reset_index(drop=True))
    flagged = csv_rows[(csv_rows.nuts_id == "DE11") & (csv_rows.year == 2015)
                       & (csv_rows.indicator_id == "emp_hightech_medhightech_manuf")]
    assert flagged.note.iloc[0] == "Eurostat flag b (break in time series)"
    _, last_update = eurostat_release.read_release((FIXTURES / "htec_emp_reg2_sample.sdmx.csv").read_bytes())
    assert last_update == "2025-04-24T23:00:00"


def test_query_asks_only_for_the_codes_the_indicators_use(meta):
    url = refresh.release_url(HTEC, meta)
    assert "/sdmx/2.1/data/htec_emp_reg2/A.C_HTC+C_HTC_MH+C_LTC_M+HTC+KIS+KIS_HTC+M.PC_EMP.T.?" in url
    assert url.endswith("format=SDMX-CSV&compressed=false")
    assert "/tgs00010/A.T.Y_GE15.PC." in refresh.release_url("tgs00010", meta)


def test_offline_prints_one_line_per_table_and_changes_nothing(monkeypatch, store, capsys):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    monkeypatch.setenv(refresh.API_ENV, f"http://127.0.0.1:{closed_port}")
    before = snapshots.input_hashes()
    status = refresh.main(["--tables", HTEC, "tgs00003"])
    out = capsys.readouterr().out
    assert status == 1
    failed = [line for line in out.splitlines() if ": FAILED http://127.0.0.1:" in line]
    assert [line.split(":")[0] for line in failed] == [HTEC, "tgs00003"]
    assert out.count("error: ConnectionError") == 2
    assert not store.exists() or not any(store.rglob("*"))
    assert snapshots.input_hashes() == before == {}


# ---------------------------------------------------------------------------
# Atomicity


def test_a_failure_halfway_leaves_no_half_snapshot(store, monkeypatch):
    content = (FIXTURES / "htec_emp_reg2_sample.sdmx.csv").read_bytes()
    meta = {"retrieved_at": "2026-12-01T10:00:00+00:00", "nuts_version": 2016}

    def broken_dumps(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(snapshots.json, "dumps", broken_dumps)
    with pytest.raises(OSError, match="disk full"):
        snapshots.write_snapshot(HTEC, content, meta)
    assert list((store / HTEC).iterdir()) == []  # neither the folder nor the staging copy
    monkeypatch.undo()
    monkeypatch.setenv(snapshots.SNAPSHOT_DIR_ENV, str(store.parent))
    assert snapshots.latest(HTEC) is None

    good = snapshots.write_snapshot(HTEC, content, meta)
    assert snapshots.latest(HTEC).folder == good.folder
    torn = store / HTEC / "20991231T000000Z"  # a newer folder whose data does not match its sidecar
    torn.mkdir()
    (torn / "htec_emp_reg2.sdmx.csv").write_bytes(content[: len(content) // 2])
    (torn / "htec_emp_reg2.meta.json").write_text(json.dumps({**good.meta}))
    assert snapshots.latest(HTEC).folder == good.folder


def test_no_snapshots_means_the_build_is_unchanged(meta, store):
    shipped = i40.extract(meta)
    extracts, replaced, used = snapshots.apply([shipped], meta)
    assert extracts == [shipped] and replaced == {} and used == {}
    assert snapshots.input_hashes() == {}
    assert os.environ[snapshots.SNAPSHOT_DIR_ENV]


@pytest.mark.parametrize("table", sorted(eurostat_release.TABLES))
def test_every_table_maps_its_indicators_to_a_full_key(table, meta):
    selections = eurostat_release.table_indicators(meta, table)
    assert selections, f"{table} feeds no indicator"
    spec = eurostat_release.TABLES[table]
    for selection in selections.values():
        assert set(selection) <= set(spec.dimensions) and "geo" not in selection
        assert "unit" in selection or "unit" not in spec.dimensions  # the unit gate needs the unit code
    key = refresh.release_url(table, meta).split(f"/data/{table}/")[1].split("?")[0]
    parts = key.split(".")
    assert len(parts) == len(spec.dimensions) and parts[-1] == "" and all(parts[:-1])


def test_gdp_per_inhabitant_follows_only_when_both_tables_are_snapshots(meta, store):
    gdp = (b"DATAFLOW,LAST UPDATE,freq,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n"
           b"ESTAT:TGS00003(1.0),14/03/25 23:00:00,A,MIO_EUR,AT11,2018,9005.49,\n"
           b"ESTAT:TGS00003(1.0),14/03/25 23:00:00,A,MIO_EUR,NL35,2018,71521.66,\n")  # shipped 2018 values
    stamp = {"retrieved_at": "2026-12-01T10:00:00+00:00", "nuts_version": 2024}
    snapshots.write_snapshot("tgs00003", gdp, stamp)
    shipped = eurostat_regional.extract(meta)
    _, replaced, _ = snapshots.apply([shipped], meta)
    assert "gdp_mio_eur" in replaced and "gdp_per_inhabitant" not in replaced  # population still shipped

    snapshots.write_snapshot("tgs00096", (FIXTURES / "tgs00096_nuts2024.sdmx.csv").read_bytes(), stamp)
    extracts, replaced, _ = snapshots.apply([shipped], meta)
    assert replaced["gdp_per_inhabitant"] == "eurostat_api_tgs00003"
    values = pd.concat([e.values for e in extracts])
    per_head = values[values.indicator_id == "gdp_per_inhabitant"].set_index(["nuts_id", "year"]).value
    assert per_head.to_dict() == {("AT11", 2018): pytest.approx(9005.49e6 / 292675),
                                  ("NL35", 2018): pytest.approx(71521.66e6 / 1295484)}
    assert set(values[values.indicator_id == "population"].nuts_version) == {2024}
