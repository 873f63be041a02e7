"""Offline tests of ``python -m data.refresh`` and the snapshots the build uses.

Releases are served from a loopback HTTP server (127.0.0.1) in the API's SDMX-CSV layout; the
values come from the shipped raw files, read directly here, never through the pipeline.
"""

from __future__ import annotations

import http.server
import json
import os
import threading
from pathlib import Path

import pandas as pd
import pytest

from data.layer.indicators import load_indicator_meta
from data.layer.registry import source_file
from data.pipeline import eurostat_release, refresh, snapshots
from data.pipeline.recode import build_recoder
from data.pipeline.sources import eurostat_regional, i40

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "refresh"
HTEC = "htec_emp_reg2"
HEADER = "DATAFLOW,LAST UPDATE,freq,nace_r2,unit,sex,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG"


@pytest.fixture(scope="module")
def meta() -> pd.DataFrame:
    return load_indicator_meta()


@pytest.fixture(scope="module")
def recoder():
    return build_recoder(source_file("eurostat_nuts_changes", "NUTS2016-NUTS2021.xlsx"),
                         source_file("jrc_nuts_converter", "n3_cm_v2010_v2021.csv").parent)


@pytest.fixture(scope="module")
def shipped_panel(raw_dir) -> pd.DataFrame:
    return pd.read_csv(raw_dir / "i40-readiness-honti2020" / "I40_indicator_db.csv", sep="\t")


@pytest.fixture
def store(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv(snapshots.SNAPSHOT_DIR_ENV, str(tmp_path / "snaps"))
    return tmp_path / "snaps" / "eurostat"


class _Api(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        self.server.requests.append(self.path)
        parts = self.path.split("?")[0].split("/")
        table = parts[parts.index("data") + 1] if "data" in parts else ""
        body = self.server.releases.get(table)
        if body is None:
            self.send_response(404)
            self.end_headers()
            self.wfile.write(b"No such dataflow")
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def api(monkeypatch):
    """A loopback stand-in for the Eurostat API; `api.releases[table] = bytes` sets a response."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Api)
    server.releases, server.requests = {}, []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv(refresh.API_ENV, f"http://127.0.0.1:{server.server_address[1]}/eurostat/api/dissemination")
    yield server
    server.shutdown()
    server.server_close()


def full_release(panel: pd.DataFrame, meta: pd.DataFrame, *, mutate=None) -> bytes:
    """Every htec_emp_reg2 value of the shipped file, written as the API's SDMX-CSV."""
    lines = [HEADER]
    for indicator_id, sel in eurostat_release.table_indicators(meta, HTEC).items():
        column = meta.set_index("id").column[indicator_id]
        part = panel[["NUTS2", "YEAR", column]].dropna()
        for geo, year, value in part.itertuples(index=False):
            row = {"nace_r2": sel["nace_r2"], "unit": sel["unit"], "sex": sel["sex"], "geo": geo, "year": int(year),
                   "value": float(value)}
            if mutate:
                row = mutate(row)
                if row is None:
                    continue
            lines.append(f"ESTAT:HTEC_EMP_REG2(1.0),24/04/25 23:00:00,A,{row['nace_r2']},{row['unit']},{row['sex']},"
                         f"{row['geo']},{row['year']},{row['value']:g},")
    return ("\n".join(lines) + "\n").encode()


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


# ---------------------------------------------------------------------------
# NUTS 2024


def test_nuts_2024_release_is_recoded_with_the_build_rules(meta, recoder):
    frame, _ = eurostat_release.read_release((FIXTURES / "tgs00096_nuts2024.sdmx.csv").read_bytes())
    rows = eurostat_release.indicator_rows(frame, meta, "tgs00096")
    assert eurostat_release.detect_nuts_version(rows.nuts_id) == 2024
    extract = eurostat_release.to_extract(rows, 2024, "tgs00096")
    recoded = refresh.recode_values(extract.values, meta, recoder)
    got = {(r.nuts_id, r.year): r.value for r in recoded.itertuples()}
    assert got[("AT11", 2018)] == 292675  # same territory carries
    assert got[("NL31", 2018)] == 1295484  # NL35 (2024) is NL31 (2021)
    assert got[("PT17", 2018)] == 2000000 + 833679  # exact union of PT1A + PT1B: counts sum
    assert ("PT17", 2019) not in got  # PT1A 2019 is ':' -> the union is incomplete -> no data
    assert not {code for code, _ in got} & {"PT16", "PT18", "PT19", "PT1A", "PT1B", "PT1C", "PT1D"}  # splits: no data


# ---------------------------------------------------------------------------
# The refresh command end to end (loopback server)


def test_accepted_release_becomes_a_snapshot_the_build_uses(meta, recoder, shipped_panel, api, store):
    api.releases[HTEC] = full_release(shipped_panel, meta)
    outcome = refresh.refresh_table(HTEC, meta, recoder)
    assert outcome.status == "accepted", outcome.summary()
    assert "regions kept: 100.0%" in outcome.summary()
    assert api.requests and api.requests[0].startswith("/eurostat/api/dissemination/sdmx/2.1/data/htec_emp_reg2/")

    (folder,) = [p for p in (store / HTEC).iterdir()]
    sidecar = json.loads((folder / "htec_emp_reg2.meta.json").read_text())
    data = folder / "htec_emp_reg2.sdmx.csv"
    assert data.read_bytes() == api.releases[HTEC]
    assert sidecar["sha256"] == snapshots.sha256_of(data)
    assert sidecar["url"] == refresh.release_url(HTEC, meta) and "?format=SDMX-CSV" in sidecar["url"]
    assert sidecar["last_update"] == "2025-04-24T23:00:00"
    assert sidecar["retrieved_at"][:4] >= "2026" and sidecar["nuts_version"] == 2016
    assert "reuse" in sidecar["licence"] and "htec_emp_reg2" in sidecar["citation"]

    shipped = i40.extract(meta)
    extracts, replaced, used = snapshots.apply([shipped], meta)
    assert set(replaced) == set(eurostat_release.table_indicators(meta, HTEC))
    values = pd.concat([e.values for e in extracts])
    for indicator_id in replaced:
        ours = values[values.indicator_id == indicator_id].set_index(["nuts_id", "year"]).value.sort_index()
        theirs = shipped.values[shipped.values.indicator_id == indicator_id].set_index(["nuts_id", "year"]).value.sort_index()
        pd.testing.assert_series_equal(ours, theirs, check_names=False)
    others = values[values.indicator_id == "gerd_total"]
    assert len(others) == (shipped.values.indicator_id == "gerd_total").sum()  # other tables untouched

    source = snapshots.snapshot_source(used[HTEC])
    retrieved = sidecar["retrieved_at"][:10]
    assert source.short_name == f"Eurostat htec_emp_reg2, retrieved {retrieved}"
    catalog = pd.DataFrame({"indicator_id": ["emp_kis", "gerd_total"], "source_id": ["i40_readiness"] * 2,
                            "source_name": ["Honti"] * 2})
    relabelled = snapshots.catalog_sources(catalog, replaced, used)
    assert relabelled.source_name.tolist() == [source.short_name, "Honti"]
    assert relabelled.source_id.tolist() == ["eurostat_api_htec_emp_reg2", "i40_readiness"]

    again = refresh.refresh_table(HTEC, meta, recoder, dry_run=True)
    assert again.status == "checked" and "compared with the snapshot htec_emp_reg2/" in again.summary()
    assert len(list((store / HTEC).iterdir())) == 1


def _bad(panel, meta, **kind) -> bytes:
    if kind.get("dimension"):
        body = full_release(panel, meta).decode().splitlines()
        body = [line.replace(",T,", ",T,X,", 1) if n else line.replace(",sex,", ",sex,wstatus,") for n, line in enumerate(body)]
        return ("\n".join(body) + "\n").encode()
    if kind.get("unit"):
        return full_release(panel, meta, mutate=lambda r: {**r, "unit": "THS_PER"})
    if kind.get("regions"):
        return full_release(panel, meta, mutate=lambda r: None if r["geo"][:2] in ("DE", "FR", "IT", "ES", "PL") else r)
    return full_release(panel, meta, mutate=lambda r: {**r, "value": r["value"] * 10})


@pytest.mark.parametrize("kind,reason", [
    ({"dimension": True}, "dimensions changed"),
    ({"unit": True}, "unit changed for emp_kis: expected PC_EMP, release has THS_PER"),
    ({"regions": True}, "below the 90% minimum"),
    ({"scale": True}, "not the same series"),
])
def test_each_gate_refuses_a_bad_release_and_keeps_the_previous_data(kind, reason, meta, recoder, shipped_panel,
                                                                     api, store):
    api.releases[HTEC] = _bad(shipped_panel, meta, **kind)
    outcome = refresh.refresh_table(HTEC, meta, recoder)
    assert outcome.status == "refused"
    assert reason in outcome.summary()
    assert "the previous data stay in use" in outcome.summary()
    assert not (store / HTEC).exists() or not any((store / HTEC).iterdir())
    assert snapshots.accepted() == {}


def test_revisions_are_reported_not_refused(meta, recoder, shipped_panel, api, store):
    revise = {("DE11", 2017), ("FR10", 2016)}
    api.releases[HTEC] = full_release(shipped_panel, meta, mutate=lambda r: {**r, "value": round(r["value"] * 1.2, 1)}
                                      if (r["geo"], r["year"]) in revise and r["nace_r2"] == "KIS" else r)
    outcome = refresh.refresh_table(HTEC, meta, recoder)
    assert outcome.status == "accepted", outcome.summary()
    text = outcome.summary()
    assert "revised emp_kis DE11 2017: 35.9 -> 43.1" in text
    assert "2 (0.0%) revised by more than 5%" in text


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


def test_http_error_and_unreadable_release_fail_cleanly(meta, recoder, api, store):
    outcome = refresh.refresh_table("tgs00003", meta, recoder)
    assert outcome.status == "failed" and "404" in outcome.summary()
    api.releases["tgs00003"] = b"<html>maintenance</html>"
    outcome = refresh.refresh_table("tgs00003", meta, recoder)
    assert outcome.status == "failed" and "cannot read the release" in outcome.summary()
    assert not store.exists() or not any(store.rglob("*"))


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
