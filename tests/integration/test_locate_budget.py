"""Issue 24, item 3: "Check and locate" runs under the import budget, like parsing.

Parsing ran in the budgeted child, but locating then ran on the worker's thread for up to 30 s after the slot was
released: 8 runs of a 40,000-row name,region,country list, 1 s apart, took 30-58 s each and /healthz 27 s. Now
locating takes one of the worker's import slots (beyond the slots and queue: "try again" at once) and runs in a
child process at a lower priority with CPU, memory and wall-time limits.
"""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from data.importing import ImportError_, import_table, locating, reading
from data.importing.reading import read_table

MAPPING = {"name": "name", "region": "region", "country": "country"}


def region_list(layer, rows: int) -> bytes:
    """A name,region,country list of real region names, misspelt so every row needs the fuzzy matcher (the slow
    path the attack used)."""
    regions = layer.regions[layer.regions.level == 3][["name_latn", "nuts_id"]].head(400)
    lines = ["name,region,country"]
    for n in range(rows):
        name, code = regions.iloc[n % len(regions)]
        lines.append(f"org {n},{name[:-1]}x{n % 97},{code[:2]}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_locating_runs_in_a_child_process_not_on_the_worker(layer, monkeypatch, tmp_path):
    seen = tmp_path / "pids"
    original = locating.Locator.check_time

    def check_time(self, row, total):
        with open(seen, "a", encoding="ascii") as out:
            out.write(f"{os.getpid()}\n")
        return original(self, row, total)

    monkeypatch.setattr(locating.Locator, "check_time", check_time)
    frame = read_table(region_list(layer, 300))
    result = import_table(frame, "clusters", MAPPING, layer.regions)
    assert len(result.report) == 300
    pids = set(seen.read_text(encoding="ascii").split())
    assert pids and str(os.getpid()) not in pids, "locating ran on the worker's own thread"


def test_locating_is_refused_at_once_beyond_the_slots(layer, monkeypatch):
    frame = read_table(region_list(layer, 50))
    full = threading.BoundedSemaphore(1)
    full.acquire()
    monkeypatch.setattr(reading, "_ADMITTED", full)
    started = time.monotonic()
    with pytest.raises(ImportError_, match="try again") as caught:
        import_table(frame, "clusters", MAPPING, layer.regions)
    assert caught.value.code == "busy" and time.monotonic() - started < 1


def test_healthz_answers_while_the_most_locate_runs_go_on(layer, client):
    """As many runs as a worker admits (slots + queue) plus one more: that one is told to try again, and /healthz
    answers promptly all the while."""
    frame = read_table(region_list(layer, 40_000))
    client.get("/healthz")
    admitted = reading.PARSE_SLOTS + reading.PARSE_QUEUE

    def run(_n):
        try:
            import_table(frame, "clusters", MAPPING, layer.regions, seconds=5)
            return "done"
        except ImportError_ as exc:
            return exc.code

    latencies = []
    with ThreadPoolExecutor(admitted + 1) as pool:
        runs = [pool.submit(run, n) for n in range(admitted + 1)]
        time.sleep(0.5)
        while not all(r.done() for r in runs):
            started = time.perf_counter()
            assert client.get("/healthz").status_code == 200
            latencies.append(time.perf_counter() - started)
            time.sleep(0.2)
    outcomes = sorted(r.result() for r in runs)
    assert outcomes.count("busy") >= 1, outcomes
    assert set(outcomes) <= {"busy", "done", "timeout"}, outcomes
    assert latencies and max(latencies) < 1.0, (max(latencies), len(latencies))
