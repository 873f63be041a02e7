"""Availability under hostile traffic (issue 15): slow clients and export bursts, before and after, one run.

``python -m bench.hostile [--burst 30] [--baseline-burst 10] [--slow 8] [--seconds 12]`` starts its own servers
on free loopback ports and stops them:

* slow clients: ``--slow`` connections send their headers one line a second; /healthz latency is sampled
  meanwhile against plain gunicorn (``make serve``) and the proxy recipe (``make serve-proxy``: nginx in front);
* export burst: ``--burst`` concurrent PNG exports of distinct views through the proxy recipe (render pool and
  cache on), /healthz sampled during the burst; then the same burst of one view (the cache's effect); and, as
  the baseline, ``--baseline-burst`` exports with the pool unbounded and the cache off (kept smaller: every one
  of them starts a 215 MB Chromium on the shared machine);
* the largest download (all-years NUTS 3 Excel) first and second time (cache miss, hit);
* half-header flood: ``--flood`` connections from one address (127.0.0.2) send half their headers and stop,
  against the proxy recipe; /healthz is sampled from 127.0.0.1 (how many were refused, how many still open);
* ReDoS: the JSON nesting check on 8, 16, 32 and 140 kB hostile bodies (one ``"`` then ``\\"``…; the regular
  expression it replaced beside it), then two 140 kB bodies at once against ``make serve`` with /healthz sampled;
* locate: ``--locate-runs`` "Check and locate" of a ``--locate-rows`` name,region,country list, 1 s apart,
  against ``make serve``: what each answered (located, try again, timeout), how long, and /healthz meanwhile.
``--only PART`` (repeatable: slow, flood, redos, locate, exports) runs some of them.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from bench.serve import free_port
from domain.classify import MAX_CLASSES, MIN_CLASSES, SEQUENTIAL_PALETTES

PALETTES = tuple(SEQUENTIAL_PALETTES)
KS = tuple(range(MIN_CLASSES, MAX_CLASSES + 1))

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
HEALTH_TIMEOUT = 5.0


def _wait_healthy(port: int, proc: subprocess.Popen, limit: float = 90) -> None:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    proc.terminate()
    raise SystemExit("server did not answer within 90 s")


def start_server(proxy: bool, **env) -> tuple[subprocess.Popen, int]:
    """gunicorn alone (the `make serve` recipe) or nginx + gunicorn (`make serve-proxy`), own cache dir."""
    port = free_port()
    full_env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": "2",
                "ATLAS_CACHE_DIR": tempfile.mkdtemp(prefix="atlas-bench-cache-"), "GUNICORN": GUNICORN,
                **{k: str(v) for k, v in env.items()}}
    if proxy:
        full_env["UPSTREAM_PORT"] = str(free_port())
        cli = [str(ROOT / "deploy" / "serve-with-proxy.sh")]
    else:
        cli = [GUNICORN, "-c", "deploy/gunicorn.conf.py", "app:server"]
    proc = subprocess.Popen(cli, cwd=ROOT, env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    _wait_healthy(port, proc)
    return proc, port


def stop_server(proc: subprocess.Popen) -> None:
    """Stop the server and everything it started (its own session: gunicorn, nginx, Chromium)."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass


class HealthSampler:
    """Samples /healthz every 0.25 s in a thread until stopped; a timeout counts as HEALTH_TIMEOUT."""

    def __init__(self, port: int):
        self.url = f"http://127.0.0.1:{port}/healthz"
        self.latencies: list[float] = []
        self.timeouts = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            tick = time.perf_counter()
            try:
                requests.get(self.url, timeout=HEALTH_TIMEOUT)
                self.latencies.append(time.perf_counter() - tick)
            except requests.RequestException:
                self.timeouts += 1
                self.latencies.append(HEALTH_TIMEOUT)
            self._stop.wait(0.25)

    def __enter__(self) -> HealthSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(HEALTH_TIMEOUT + 1)

    def summary(self) -> str:
        if not self.latencies:
            return "no sample"
        p95 = statistics.quantiles(self.latencies, n=20, method="inclusive")[-1] if len(self.latencies) > 1 else self.latencies[0]
        return (f"p50 {statistics.median(self.latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
                f"max {max(self.latencies) * 1000:.0f} ms, "
                f"{self.timeouts} timeouts (>{HEALTH_TIMEOUT:.0f} s) of {len(self.latencies)}")


def slow_clients(port: int, count: int, seconds: float) -> None:
    """`count` connections that send a request's headers one line per second and never finish them."""
    sockets = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        sockets.append(s)
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        for s in sockets:
            try:
                s.sendall(b"X-Slow: 1\r\n")
            except OSError:
                pass
        time.sleep(1)
    for s in sockets:
        s.close()


FLOOD_ADDRESS = "127.0.0.2"  # another loopback address: the flood is one client, /healthz is asked from another


def half_header_flood(port: int, count: int, seconds: float) -> tuple[int, int, int, HealthSampler]:
    """`count` connections from one address that send half a request's headers and then nothing, held for
    `seconds` while /healthz is sampled from another address: (connections opened, refused at once, still open
    at the end, the sampler). Before the fix 4,500 of them made every /healthz through nginx fail for 30 s."""
    sockets, refused = [], 0
    with HealthSampler(port) as sampler:
        for _ in range(count):
            connection = socket.socket()
            connection.settimeout(2)
            try:
                connection.bind((FLOOD_ADDRESS, 0))
                connection.connect(("127.0.0.1", port))
                connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                sockets.append(connection)
            except OSError:
                refused += 1
                connection.close()
        time.sleep(seconds)
    still_open = 0
    for connection in sockets:
        connection.setblocking(False)
        try:
            still_open += bool(connection.recv(1))
        except BlockingIOError:
            still_open += 1
        except OSError:
            pass
        connection.close()
    return len(sockets), refused, still_open, sampler


def bench_half_headers(count: int, seconds: float) -> None:
    proc, port = start_server(proxy=True)
    try:
        opened, refused, still_open, sampler = half_header_flood(port, count, seconds)
        line(f"/healthz under {count} half-header connections from one address (serve-proxy)",
             f"{sampler.summary()}; flood: {opened} opened, {refused} refused, {still_open} still open "
             f"after {seconds:.0f} s")
    finally:
        stop_server(proc)


def hostile_body(kilobytes: int) -> str:
    """One quote, then escaped quotes: the body that made the old nesting check's regular expression quadratic."""
    return '"' + '\\"' * (kilobytes * 512)


def bench_redos(concurrent: int = 2) -> None:
    """The nesting check alone (8, 16, 32, 140 kB; the regular expression it replaced beside it at 8 and 16 kB), then
    `concurrent` 140 kB bodies at once to /export/pack.pptx on `make serve` with /healthz sampled."""
    import re

    from web.json_limits import json_depth

    old_strings = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
    for kilobytes in (8, 16, 32, 140):
        body = hostile_body(kilobytes)
        tick = time.perf_counter()
        json_depth(body)
        now = time.perf_counter() - tick
        before = ""
        if kilobytes <= 16:  # quadratic: 32 kB took it 2.6 s to 26 s (a loaded machine)
            tick = time.perf_counter()
            old_strings.sub("", body)
            before = f"; the old regular expression {time.perf_counter() - tick:.2f} s"
        line(f"nesting check of a {kilobytes} kB hostile body", f"{now * 1000:.1f} ms{before}")
    proc, port = start_server(proxy=False)
    try:
        body = hostile_body(140)

        def post(_n: int) -> tuple[int, float]:
            tick = time.perf_counter()
            try:
                status = requests.post(f"http://127.0.0.1:{port}/export/pack.pptx", data=body, timeout=120,
                                       headers={"Content-Type": "application/json"}).status_code
            except requests.RequestException:
                status = 0
            return status, time.perf_counter() - tick

        with HealthSampler(port) as sampler, ThreadPoolExecutor(concurrent) as pool:
            results = list(pool.map(post, range(concurrent)))
        answers = ", ".join(f"{status} in {seconds:.2f} s" for status, seconds in results)
        line(f"{concurrent} hostile 140 kB POSTs at once (make serve)", f"{answers}; /healthz {sampler.summary()}")
    finally:
        stop_server(proc)


def _locate_callback(port: int, rows: int) -> dict:
    """The body the import page posts for "Check and locate", with a `rows`-row name,region,country list."""
    import base64

    from app import app

    app.server.test_client().get("/healthz")  # Dash registers its callbacks on its first request
    key = next(k for k in app.callback_map if "imports-summary.children" in k)
    spec = app.callback_map[key]
    names = ["Mazowiecki regionalny", "Oberbayern", "Noord-Holland", "Comunidad de Madrid", "Ile de France"]
    csv = "name,region,country\n" + "".join(f"org {n},{names[n % 5]} {n % 89},{['PL', 'DE', 'NL', 'ES', 'FR'][n % 5]}\n"
                                            for n in range(rows))
    values = {"imports-upload.contents": "data:text/csv;base64," + base64.b64encode(csv.encode()).decode(),
              "imports-upload.filename": "list.csv", "imports-kind.value": "clusters",
              "imports-map-name.value": "name", "imports-map-region.value": "region",
              "imports-map-country.value": "country", "imports-source.value": "bench",
              "imports-licence.value": "CC0"}
    state = [{**item, "value": values.get(f"{item['id']}.{item['property']}")} for item in spec["state"]]
    return {"output": key, "outputs": [{"id": o.split(".")[0], "property": o.split(".")[1]}
                                       for o in key.strip(".").split("...")],
            "inputs": [{"id": "imports-job", "property": "data", "value": "0" * 32}], "state": state,
            "changedPropIds": ["imports-job.data"]}


def bench_locate(runs: int, rows: int) -> None:
    """`runs` "Check and locate" of a `rows`-row list, 1 s apart, on `make serve` (2 workers), /healthz sampled:
    before the fix 8 runs of 40,000 rows took 30-58 s each and /healthz reached 27 s."""
    proc, port = start_server(proxy=False)
    try:
        body = _locate_callback(port, rows)

        def one(n: int) -> tuple[str, float]:
            time.sleep(n)
            tick = time.perf_counter()
            try:
                answer = requests.post(f"http://127.0.0.1:{port}/_dash-update-component", json=body, timeout=180)
                text = answer.text
                said = ("try again" if "try again" in text else "timeout" if "took longer" in text
                        else "located" if "located" in text.lower() else f"HTTP {answer.status_code}")
            except requests.RequestException:
                said = "no answer"
            return said, time.perf_counter() - tick

        with HealthSampler(port) as sampler, ThreadPoolExecutor(runs) as pool:
            results = list(pool.map(one, range(runs)))
        counts = ", ".join(f"{said} ×{n}" for said, n in sorted(Counter(s for s, _ in results).items()))
        seconds = [t for _, t in results]
        line(f"{runs} 'Check and locate' of {rows:,} rows, 1 s apart (make serve)",
             f"{counts}; p50 {statistics.median(seconds):.1f} s, max {max(seconds):.1f} s; /healthz {sampler.summary()}")
    finally:
        stop_server(proc)


def line(label: str, value: str) -> None:
    print(f"{label:<66} {value}")


def bench_slow_clients(count: int, seconds: float) -> None:
    for label, proxy in (("gunicorn alone (make serve)", False), ("nginx + gunicorn (make serve-proxy)", True)):
        proc, port = start_server(proxy)
        try:
            with HealthSampler(port) as sampler:
                slow_clients(port, count, seconds)
            line(f"/healthz under {count} slow clients, {label}", sampler.summary())
        finally:
            stop_server(proc)


def _export_urls(port: int, count: int, same: bool) -> list[str]:
    """`count` export URLs: all distinct views (years × classes × palettes), or one view repeated."""
    catalogue = requests.get(f"http://127.0.0.1:{port}/api/indicators", timeout=30).json()["indicators"]
    years = next(i["years"] for i in catalogue if i["indicator_id"] == "desi_ai")[-4:]
    base = f"http://127.0.0.1:{port}/export/technology.png?indicator=desi_ai&level=0"
    if same:
        return [f"{base}&year={years[-1]}&k=5"] * count
    views = [(years[n % len(years)], KS[(n // len(years)) % len(KS)],
              PALETTES[(n // (len(KS) * len(years))) % len(PALETTES)]) for n in range(count)]
    return [f"{base}&year={y}&k={k}&palette={p}" for y, k, p in views]


def burst(port: int, urls: list[str]) -> str:
    def one(url: str) -> tuple[int, float]:
        tick = time.perf_counter()
        try:
            status = requests.get(url, timeout=300).status_code
        except requests.RequestException:
            status = 0
        return status, time.perf_counter() - tick

    with HealthSampler(port) as sampler, ThreadPoolExecutor(len(urls)) as pool:
        started = time.perf_counter()
        results = list(pool.map(one, urls))
        wall = time.perf_counter() - started
    ok = [t for s, t in results if s == 200]
    busy = sum(1 for s, _ in results if s == 503)
    other = ", ".join(f"{status or 'no answer'} ×{n}" for status, n in
                      sorted(Counter(s for s, _ in results if s not in (200, 503)).items())) or "0"
    rendered = f"200: {len(ok)} (p50 {statistics.median(ok):.1f} s, max {max(ok):.1f} s)" if ok else "200: 0"
    return f"{rendered}, 503+Retry-After: {busy}, other: {other}; burst {wall:.1f} s; /healthz {sampler.summary()}"


def bench_exports(count: int, baseline_count: int) -> None:
    proc, port = start_server(proxy=True)
    try:
        line(f"{count} concurrent exports, distinct views (pool+cache)", burst(port, _export_urls(port, count, False)))
        requests.get(_export_urls(port, 1, True)[0], timeout=300)
        line(f"{count} concurrent exports, one cached view", burst(port, _export_urls(port, count, True)))
        url = f"http://127.0.0.1:{port}/download/technology.xlsx?indicator=epo_patent_applications&level=3&years=all"
        for attempt in ("first (miss)", "second (hit)"):
            tick = time.perf_counter()
            response = requests.get(url, timeout=120)
            line(f"all-years NUTS 3 Excel, {attempt}",
                 f"{time.perf_counter() - tick:.2f} s ({response.headers.get('X-Cache')}, {len(response.content) / 1e6:.1f} MB)")
    finally:
        stop_server(proc)
    if baseline_count:
        proc, port = start_server(proxy=True, ATLAS_RENDER_CONCURRENCY=64, ATLAS_RENDER_QUEUE=0,
                                  ATLAS_CACHE_TYPE="NullCache")
        try:
            line(f"baseline: {baseline_count} concurrent exports, no pool/cache",
                 burst(port, _export_urls(port, baseline_count, False)))
        finally:
            stop_server(proc)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--burst", type=int, default=30)
    parser.add_argument("--baseline-burst", type=int, default=10)
    parser.add_argument("--slow", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=12)
    parser.add_argument("--flood", type=int, default=4500, help="half-header connections from one address")
    parser.add_argument("--locate-runs", type=int, default=8)
    parser.add_argument("--locate-rows", type=int, default=40_000)
    parser.add_argument("--only", choices=("slow", "flood", "redos", "locate", "exports"), action="append",
                        help="run only these parts (repeatable)")
    args = parser.parse_args(argv)
    parts = set(args.only or ("slow", "flood", "redos", "locate", "exports"))
    if "slow" in parts:
        bench_slow_clients(args.slow, args.seconds)
    if "flood" in parts:
        bench_half_headers(args.flood, args.seconds)
    if "redos" in parts:
        bench_redos()
    if "locate" in parts:
        bench_locate(args.locate_runs, args.locate_rows)
    if "exports" not in parts:
        return
    bench_exports(args.burst, args.baseline_burst)


if __name__ == "__main__":
    main()
