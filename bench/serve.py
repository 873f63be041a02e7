"""Serving benchmark: cold start, first-load bytes (gzip) per page and RSS per worker under gunicorn.

``python -m bench.serve`` starts ``gunicorn -c deploy/gunicorn.conf.py app:server`` on a free loopback port,
measures, and stops it.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("/", "/technology", "/clusters", "/strategies", "/sources")
GEOMETRY_FOR_PAGE = {"/technology": 0, "/clusters": 2, "/strategies": 2}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(port: int, workers: int = 2, env: dict[str, str] | None = None,
          root: Path = ROOT) -> tuple[subprocess.Popen, float]:
    env = {**os.environ, **(env or {}), "PORT": str(port), "HOST": "127.0.0.1", "WEB_CONCURRENCY": str(workers)}
    started = time.perf_counter()
    proc = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "app:server"],
                            cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while time.perf_counter() - started < 60:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc, time.perf_counter() - started
        except requests.RequestException:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("gunicorn did not answer within 60 s")


def first_load_gzip(base: str, path: str) -> int:
    """Bytes on the wire (gzip) of the page, its scripts and styles, layout, dependencies and geometry."""
    session = requests.Session()
    session.headers["Accept-Encoding"] = "gzip"
    total = 0

    def wire(url: str) -> bytes:
        nonlocal total
        response = session.get(url, stream=True)
        raw = response.raw.read(decode_content=False)
        total += len(raw)
        return raw

    html = session.get(base + path).text
    wire(base + path)
    for url in re.findall(r'(?:src|href)="(/[^"]+\.(?:js|css)[^"]*)"', html):
        wire(base + url)
    for url in ("/_dash-layout", "/_dash-dependencies"):
        wire(base + url)
    if path in GEOMETRY_FOR_PAGE:
        wire(f"{base}/geo/nuts{GEOMETRY_FOR_PAGE[path]}.geojson")
    return total


def worker_rss_mb(master_pid: int) -> list[float]:
    children = subprocess.run(["pgrep", "-P", str(master_pid)], capture_output=True, text=True).stdout.split()
    out = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        kb = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
        out.append(kb / 1024)
    return out


def main() -> None:
    port = free_port()
    proc, cold = start(port)
    base = f"http://127.0.0.1:{port}"
    try:
        print(f"{'cold start to first 200 (s)':<40}{cold:>12.2f}")
        for path in PAGES:
            print(f"{'first load gzip ' + path + ' (kB)':<40}{first_load_gzip(base, path) / 1000:>12.0f}")
        for _ in range(20):
            for url in ("/technology", "/api/values?indicator=epo_patent_applications&level=3",
                        "/download/technology.csv?indicator=desi_ai&level=0"):
                requests.get(base + url)
        rss = worker_rss_mb(proc.pid)
        print(f"{'RSS per worker after warm-up (MB)':<40}{max(rss) if rss else float('nan'):>12.0f}")
    finally:
        proc.terminate()
        proc.wait(timeout=20)


if __name__ == "__main__":
    main()
