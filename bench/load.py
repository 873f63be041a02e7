"""Bounded loopback load test: ``python -m bench.load [--users 50] [--seconds 60] [--no-baseline] [--url URL]``.

Starts ``make serve``'s gunicorn on a free loopback port unless --url is given, then runs simulated users
(page loads, map updates through the callback endpoint, region profiles, API calls, downloads) for a fixed time.
Prints throughput, p50/p95 latency and the error count (non-2xx/3xx or transport errors); exits 1 on errors.
Only loopback addresses are accepted.

Unless --no-baseline (or --url) is given, the same traffic first runs against a server with the in-memory
answer cache turned off (``ATLAS_RESPONSE_CACHE_MB=0``: every answer is rebuilt, as before that cache), and the
two are printed side by side with their ratio: a figure from the same machine in the same minute, not one from
another day.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
from urllib.parse import urlsplit

import requests

from bench.map_updates import find_callback, request_body
from bench.serve import free_port, start

ACTIONS = ("page", "map", "panel", "api", "download")


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
            ok = False
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            results.append((action, elapsed, ok))


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[int(0.95 * (len(ordered) - 1))]


def run_users(base: str, users: int, seconds: float) -> dict[str, float]:
    """Run `users` simulated users against `base` for `seconds`; their throughput, latencies and errors."""
    deps = requests.get(f"{base}/_dash-dependencies").json()
    results: list = []
    lock = threading.Lock()
    stop = time.time() + min(seconds, 300)
    threads = [threading.Thread(target=user, args=(base, deps, stop, results, lock, n)) for n in range(min(users, 200))]
    started = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    duration = time.time() - started
    times = [r[1] for r in results]
    stats = {"seconds": duration, "requests": len(results), "throughput (req/s)": len(results) / duration,
             "latency p50 (ms)": statistics.median(times), "latency p95 (ms)": p95(times)}
    for action in ACTIONS:
        part = [r[1] for r in results if r[0] == action]
        if part:
            stats[f"  p95 {action} (ms)"] = p95(part)
    stats["errors"] = sum(1 for r in results if not r[2])
    return stats


def run_served(users: int, seconds: float, workers: int, env: dict[str, str] | None = None) -> dict[str, float]:
    """Start `make serve`'s gunicorn (with `env` added) on a free loopback port, load it, stop it."""
    port = free_port()
    proc, _ = start(port, workers=workers, env=env)
    try:
        return run_users(f"http://127.0.0.1:{port}", users, seconds)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def print_table(runs: dict[str, dict[str, float]]) -> None:
    names = list(runs)
    print(f"{'':<30}" + "".join(f"{name:>22}" for name in names) + ("     ratio" if len(names) == 2 else ""))
    for key in runs[names[-1]]:
        if key == "seconds":
            continue
        cells = [runs[name].get(key) for name in names]
        decimals = 1 if key.startswith("throughput") else 0
        line = f"{key:<30}" + "".join(f"{c:>22.{decimals}f}" if c is not None else f"{'–':>22}" for c in cells)
        if len(names) == 2 and cells[0] and cells[1] and key != "errors" and key != "requests":
            line += f"{cells[1] / cells[0]:>9.2f}×"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-baseline", action="store_true", help="skip the run with the answer cache off")
    parser.add_argument("--url")
    args = parser.parse_args()
    print(f"{args.users} users for {args.seconds:.0f} s per run, {args.workers} workers, on {os.cpu_count()} cores")
    if args.url:
        host = urlsplit(args.url).hostname or ""
        if not (host == "localhost" or host.startswith("127.") or host == "::1"):
            raise SystemExit("load tests run against loopback addresses only")
        runs = {"this server": run_users(args.url, args.users, args.seconds)}
    else:
        runs = {}
        if not args.no_baseline:
            runs["answer cache off"] = run_served(args.users, args.seconds, args.workers,
                                                  env={"ATLAS_RESPONSE_CACHE_MB": "0"})
        runs["as served"] = run_served(args.users, args.seconds, args.workers)
    print_table(runs)
    if any(run["errors"] for run in runs.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
