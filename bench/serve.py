"""Serving benchmark: cold start and RSS per worker under gunicorn (first-load bytes: ``bench.first_load``, in Chromium).

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
