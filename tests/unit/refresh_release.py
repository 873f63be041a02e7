"""A loopback stand-in for the Eurostat API and releases written from the shipped raw file, shared by the refresh
tests of both tiers (tests/unit/test_refresh.py, tests/integration/test_refresh_recoding.py)."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pandas as pd
import pytest

from data.layer.indicators import load_indicator_meta
from data.pipeline import eurostat_release, refresh, snapshots

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "refresh"
HTEC = "htec_emp_reg2"
HEADER = "DATAFLOW,LAST UPDATE,freq,nace_r2,unit,sex,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG"


@pytest.fixture(scope="module")
def meta() -> pd.DataFrame:
    return load_indicator_meta()


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
