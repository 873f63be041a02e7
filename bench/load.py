"""Bounded loopback load test: ``python -m bench.load [--users 50] [--seconds 60] [--url URL]``.

Starts ``make serve``'s gunicorn on a free loopback port unless --url is given, then runs simulated users
(page loads, map updates through the callback endpoint, region profiles, API calls, downloads) for a fixed time.
Prints throughput, p50/p95 latency and the error count (non-2xx/3xx or transport errors); exits 1 on errors.
Only loopback addresses are accepted.
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--url")
    args = parser.parse_args()
    proc = None
    base = args.url
    if base:
        host = urlsplit(base).hostname or ""
        if not (host == "localhost" or host.startswith("127.") or host == "::1"):
            raise SystemExit("load tests run against loopback addresses only")
    else:
        port = free_port()
        proc, _ = start(port, workers=args.workers)
        base = f"http://127.0.0.1:{port}"
    try:
        deps = requests.get(f"{base}/_dash-dependencies").json()
        results: list = []
        lock = threading.Lock()
        stop = time.time() + min(args.seconds, 300)
        threads = [threading.Thread(target=user, args=(base, deps, stop, results, lock, n)) for n in range(min(args.users, 200))]
        started = time.time()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        duration = time.time() - started
        times = sorted(r[1] for r in results)
        errors = sum(1 for r in results if not r[2])
        print(f"{'users / seconds':<30}{args.users:>8} / {duration:.0f}")
        print(f"{'requests':<30}{len(results):>8}")
        print(f"{'throughput (req/s)':<30}{len(results) / duration:>8.1f}")
        print(f"{'latency p50 (ms)':<30}{statistics.median(times):>8.0f}")
        print(f"{'latency p95 (ms)':<30}{times[int(0.95 * (len(times) - 1))]:>8.0f}")
        for action in ACTIONS:
            part = sorted(r[1] for r in results if r[0] == action)
            if part:
                print(f"{'  p95 ' + action + ' (ms)':<30}{part[int(0.95 * (len(part) - 1))]:>8.0f}")
        print(f"{'errors':<30}{errors:>8}")
        if errors:
            sys.exit(1)
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=20)


if __name__ == "__main__":
    main()
