"""Bounded loopback load test: ``python -m bench.load [--varied] [--users 50] [--seconds 60] [--no-baseline]``.

Starts ``make serve``'s gunicorn on a free loopback port unless --url is given, then runs simulated users for a
fixed time and prints throughput, p50/p95/max latency, the share of answers the server's answer cache gave
(``X-Cache: hit``), ``/healthz`` latency (probed every 0.2 s beside the load) and the error count (non-2xx/3xx or
transport errors; an export refused as busy, 503, is counted apart); exits 1 on errors. Only loopback addresses
are accepted.

Two kinds of traffic:

* ``--varied`` (``make bench-varied``): each user walks a plausible session (``bench/sessions.py``) over pages,
  indicators, levels, years, regions, searches, the table, downloads and (``--exports``) picture exports; most
  answers are misses. This is what real use costs.
* the default repeats a handful of requests, nearly all answered from the answer cache: the **best case**.

Unless --no-baseline (or --url) is given, the same traffic first runs against a baseline in the same run: by
default a server with the answer cache off (``ATLAS_RESPONSE_CACHE_MB=0``); with ``--baseline-ref REF`` the code
of git REF (extracted into a temporary folder, same layer, same settings). Both are printed side by side with
their ratio: a figure from the same machine in the same minute, not one from another day.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests

from bench.map_updates import find_callback, request_body
from bench.serve import ROOT, free_port, start
from bench.sessions import Catalogue, Walker, read_catalogue

ACTIONS = ("page", "map", "panel", "api", "download")
VARIED_ACTIONS = ("page", "layout", "map", "select", "profile", "search", "table", "download", "export", "api")


def user(base: str, deps: list[dict], stop: float, results: list, lock: threading.Lock, seed: int) -> None:
    rng = random.Random(seed)
    session = requests.Session()
    session.headers["Accept-Encoding"] = "gzip"
    map_dep = find_callback(deps, "map.figure...legend.children")
    panel_dep = find_callback(deps, "panel.children...map.figure")
    while time.time() < stop:
        action = rng.choice(ACTIONS)
        year = rng.choice(range(2003, 2013))
        started = time.perf_counter()
        try:
            if action == "page":
                response = session.get(base + rng.choice(["/", "/technology", "/clusters", "/strategies", "/sources"]))
            elif action == "map":
                values = {"indicator.value": "epo_patent_applications", "level.value": 3, "year.value": year,
                          "classes.value": "quantiles", "k.value": 5, "palette.value": "viridis", "eu.value": False,
                          "drawn-level.data": 3, "region.data": None}
                response = session.post(f"{base}/_dash-update-component",
                                        json=request_body(map_dep, values, "year.value"))
            elif action == "panel":
                values = {"region.data": rng.choice(["DE212", "FR101", "ITC4C", "PL213", "ES300"]),
                          "indicator.value": "epo_patent_applications", "year.value": year, "compare-set.data": [],
                          "config.data": {"page": "technology", "specialisation": False, "imported": True}}
                response = session.post(f"{base}/_dash-update-component",
                                        json=request_body(panel_dep, values, "region.data"))
            elif action == "api":
                response = session.get(f"{base}/api/values?indicator=ai_preprint_share&level=2&year=2019")
            else:
                response = session.get(f"{base}/download/technology.csv?indicator=emp_kis&level=2&year=2018")
            ok = 200 <= response.status_code < 400
        except requests.RequestException:
            ok, response = False, None
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            results.append((action, elapsed, response.status_code if ok else 0, response.headers.get("X-Cache", "")
                            if ok else ""))


def varied_user(base: str, catalogue: Catalogue, stop: float, results: list, lock: threading.Lock, seed: int,
                export_share: float) -> None:
    walker = Walker(base, catalogue, seed, export_share)
    while time.time() < stop:
        done = walker.step()
        with lock:
            results.extend(done)


def probe_health(base: str, stop: float, times: list[float]) -> None:
    """/healthz every 0.2 s beside the load: what a load balancer's health check waits while the users run."""
    session = requests.Session()
    while time.time() < stop:
        started = time.perf_counter()
        try:
            session.get(f"{base}/healthz", timeout=30)
        except requests.RequestException:
            pass
        times.append((time.perf_counter() - started) * 1000)
        time.sleep(0.2)


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[int(0.95 * (len(ordered) - 1))]


def run_users(base: str, users: int, seconds: float, varied: bool = False,
              export_share: float = 0.0) -> dict[str, float]:
    """Run `users` simulated users against `base` for `seconds`; their throughput, latencies and errors."""
    results: list = []
    health: list[float] = []
    lock = threading.Lock()
    catalogue = read_catalogue(base) if varied else None
    deps = None if varied else requests.get(f"{base}/_dash-dependencies").json()
    stop = time.time() + min(seconds, 300)
    threads = [threading.Thread(target=varied_user, args=(base, catalogue, stop, results, lock, n, export_share))
               if varied else threading.Thread(target=user, args=(base, deps, stop, results, lock, n))
               for n in range(min(users, 200))]
    threads.append(threading.Thread(target=probe_health, args=(base, stop, health)))
    started, cpu = time.time(), time.process_time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stats = summarise(results, health, time.time() - started, VARIED_ACTIONS if varied else ACTIONS)
    stats["client CPU (% of the cores)"] = 100 * (time.process_time() - cpu) / stats["seconds"] / (os.cpu_count() or 1)
    return stats


def summarise(results: list, health: list[float], duration: float, actions: tuple[str, ...]) -> dict[str, float]:
    """The figures of one run from its (action, ms, status, X-Cache) records and its /healthz times."""
    times = [r[1] for r in results]
    cached = [r for r in results if r[3] in ("hit", "miss")]
    stats = {"seconds": duration, "requests": len(results), "throughput (req/s)": len(results) / duration,
             "latency p50 (ms)": statistics.median(times), "latency p95 (ms)": p95(times),
             "latency max (ms)": max(times),
             "answer-cache hits (% of all)": 100 * sum(r[3] == "hit" for r in results) / len(results),
             "  of cacheable answers (%)": 100 * sum(r[3] == "hit" for r in cached) / max(1, len(cached)),
             "/healthz p95 (ms)": p95(health) if health else float("nan"),
             "/healthz max (ms)": max(health) if health else float("nan")}
    for action in actions:
        part = [r[1] for r in results if r[0] == action]
        if part:
            stats[f"  p95 {action} (ms)"] = p95(part)
    stats["exports refused as busy (503)"] = sum(1 for r in results if r[0] == "export" and r[2] == 503)
    stats["errors"] = sum(1 for r in results if not 200 <= r[2] < 400 and not (r[0] == "export" and r[2] == 503))
    return stats


def run_served(users: int, seconds: float, workers: int, env: dict[str, str] | None = None, root: Path = ROOT,
               varied: bool = False, export_share: float = 0.0, port: int | None = None) -> dict[str, float]:
    """Start `make serve`'s gunicorn from `root` (with `env` added) on `port` (default: a free loopback port), load
    it, stop it."""
    port = port or free_port()
    proc, _ = start(port, workers=workers, env=env, root=root)
    try:
        return run_users(f"http://127.0.0.1:{port}", users, seconds, varied, export_share)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def checkout(ref: str, into: Path) -> Path:
    """The code of git `ref` as plain files in `into` (the baseline server runs from there, on the same layer)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def print_table(runs: dict[str, dict[str, float]]) -> None:
    names = list(runs)
    print(f"{'':<36}" + "".join(f"{name:>24}" for name in names) + ("     ratio" if len(names) == 2 else ""))
    keys = list(dict.fromkeys(k for run in runs.values() for k in run))
    for key in keys:
        if key == "seconds":
            continue
        cells = [runs[name].get(key) for name in names]
        decimals = 1 if key.startswith(("throughput", "answer-cache", "  of", "client")) else 0
        line = f"{key:<36}" + "".join(f"{c:>24.{decimals}f}" if c is not None else f"{'–':>24}" for c in cells)
        if len(names) == 2 and cells[0] and cells[1] and not key.startswith(("errors", "requests", "exports", "answer",
                                                                              "  of", "client")):
            line += f"{cells[1] / cells[0]:>9.2f}×"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--varied", action="store_true", help="users walk varied sessions (mostly cache misses)")
    parser.add_argument("--exports", type=float, default=0.0, help="share of varied actions that export a PNG")
    parser.add_argument("--no-baseline", action="store_true", help="skip the baseline run")
    parser.add_argument("--baseline-ref", help="baseline: the code of this git ref (default: answer cache off)")
    parser.add_argument("--port", type=int, help="serve on this loopback port (default: a free one)")
    parser.add_argument("--url")
    args = parser.parse_args()
    kind = "varied sessions" if args.varied else "repeated requests (best case: mostly answer-cache hits)"
    print(f"{kind}; {args.users} users for {args.seconds:.0f} s per run, {args.workers} workers, "
          f"on {os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    traffic = {"varied": args.varied, "export_share": args.exports}
    served = {**traffic, "port": args.port}
    if args.url:
        host = urlsplit(args.url).hostname or ""
        if not (host == "localhost" or host.startswith("127.") or host == "::1"):
            raise SystemExit("load tests run against loopback addresses only")
        runs = {"this server": run_users(args.url, args.users, args.seconds, **traffic)}
    else:
        runs = {}
        with tempfile.TemporaryDirectory(prefix="atlas-baseline-") as folder:
            if args.baseline_ref and not args.no_baseline:
                root = checkout(args.baseline_ref, Path(folder))
                runs[f"baseline {args.baseline_ref[:12]}"] = run_served(args.users, args.seconds, args.workers,
                                                                       root=root, **served)
            elif not args.no_baseline:
                runs["answer cache off"] = run_served(args.users, args.seconds, args.workers,
                                                      env={"ATLAS_RESPONSE_CACHE_MB": "0"}, **served)
        runs["as served" if args.varied else "as served (best case)"] = run_served(args.users, args.seconds,
                                                                                  args.workers, **served)
    print_table(runs)
    print(f"load average after the runs: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if any(run["errors"] for run in runs.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
