"""Map update benchmark: ``python -m bench.map_updates [--url URL] [--n 60]``.

Drives indicator/year changes at NUTS 3 through the running app's HTTP
interface (``/_dash-update-component``, exactly what the browser sends) and
prints, for the app's value-only updates and for the naive baseline (a full
figure with inline GeoJSON per callback) in the same run: bytes per update
(raw and gzip), server latency p50/p95, and the ratio. Also prints first-load
bytes of /technology. Without --url it starts the app itself on a free port.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
NUTS3_INDICATORS = ("epo_patent_applications", "epo_patent_applications_per_million", "epo_patent_applications_per_gdp",
                    "ai_preprints", "arxiv_preprints", "ai_preprint_share", "deep_learning_preprints")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(port: int) -> subprocess.Popen:
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "ATLAS_BENCH_NAIVE": "1"}
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except requests.RequestException:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("app did not start within 60 s")


def _concrete(raw, page: str | None):
    """A dependency's id as the browser sends it: a pattern id (JSON with ``MATCH`` on ``aio_id``) names the page."""
    if isinstance(raw, str) and raw.startswith("{"):
        raw = json.loads(raw)
    if isinstance(raw, dict):
        return {k: (page if v == ["MATCH"] else v) for k, v in raw.items()}
    return raw


def _key(component_id) -> str:
    """How values are named here: an All-in-One part by its ``subcomponent`` (``year.value``), else by its id."""
    return component_id["subcomponent"] if isinstance(component_id, dict) else component_id


def _prop_id(component_id, prop: str) -> str:
    text = component_id if isinstance(component_id, str) else json.dumps(component_id, sort_keys=True,
                                                                         separators=(",", ":"))
    return f"{text}.{prop}"


def find_callback(deps: list[dict], output_part: str) -> dict:
    """The callback whose outputs, named by part (``map.figure...legend.children``), contain `output_part`."""
    for dep in deps:
        if output_part in "...".join(f"{_key(o['id'])}.{o['property']}" for o in _outputs(dep, None)):
            return dep
    raise SystemExit(f"no callback with output {output_part}")


def _outputs(dep: dict, page: str | None) -> list[dict]:
    parts = [p for p in dep["output"].strip(".").split("...")] if dep["output"].startswith("..") else [dep["output"]]
    out = []
    for part in parts:
        cid, prop = part.rsplit(".", 1)
        out.append({"id": _concrete(cid, page), "property": prop.split("@")[0]})
    return out


def request_body(dep: dict, values: dict, changed: str, page: str = "technology") -> dict:
    """The body the browser posts for `dep` on `page`, `values` named by part and property (``year.value``)."""
    outputs = _outputs(dep, page)

    def filled(items: list[dict]) -> list:
        """Each input as the browser sends it; an ``ALL`` pattern matches no component here (an empty list)."""
        return [[] if '["ALL"]' in str(i["id"]) else
                {"id": (cid := _concrete(i["id"], page)), "property": i["property"],
                 "value": values.get(f"{_key(cid)}.{i['property']}")} for i in items]

    inputs = filled(dep["inputs"])
    trigger = next(i for i in inputs if isinstance(i, dict) and f"{_key(i['id'])}.{i['property']}" == changed)
    return {
        "output": dep["output"],
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": inputs,
        "state": filled(dep["state"]),
        "changedPropIds": [_prop_id(trigger["id"], trigger["property"])],
    }


def measure(session: requests.Session, base: str, dep: dict, sequence: list[dict], changed: str) -> tuple[list, list, list]:
    sizes, gz_sizes, times = [], [], []
    for values in sequence:
        body = request_body(dep, values, changed)
        started = time.perf_counter()
        response = session.post(f"{base}/_dash-update-component", json=body, headers={"Accept-Encoding": "identity"})
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"update failed {response.status_code}: {response.text[:300]}")
        sizes.append(len(response.content))
        gz_sizes.append(len(gzip.compress(response.content, 6)))
    return sizes, gz_sizes, times


def first_load_bytes(session: requests.Session, base: str, path: str) -> tuple[int, int]:
    """Bytes of the page HTML, every script and stylesheet it references, layout and dependencies."""
    html = session.get(base + path).text
    urls = re.findall(r'(?:src|href)="(/[^"]+\.(?:js|css)[^"]*)"', html)
    urls += ["/_dash-layout", "/_dash-dependencies"]
    raw = len(html.encode())
    gz = len(gzip.compress(html.encode(), 6))
    for url in urls:
        content = session.get(base + url).content
        raw += len(content)
        gz += len(gzip.compress(content, 6))
    return raw, gz


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="running app (must have ATLAS_BENCH_NAIVE=1 for the baseline)")
    parser.add_argument("--n", type=int, default=60, help="updates per variant (>= 50)")
    args = parser.parse_args()
    proc = None
    base = args.url
    if not base:
        port = free_port()
        proc = start_app(port)
        base = f"http://127.0.0.1:{port}"
    try:
        session = requests.Session()
        catalog = {i["indicator_id"]: i for i in session.get(f"{base}/api/indicators").json()["indicators"]}
        pairs = []
        for indicator in NUTS3_INDICATORS:
            years = [y for y in catalog[indicator]["years"] if y >= 2003]
            pairs += [(indicator, y) for y in years[-9:]]
        pairs = (pairs * (args.n // len(pairs) + 1))[: args.n]

        session.get(f"{base}/technology?indicator=epo_patent_applications&level=3")
        deps = session.get(f"{base}/_dash-dependencies").json()
        ours = find_callback(deps, "map.figure...legend.children")
        seq = [{"indicator.value": ind, "level.value": 3, "year.value": year, "classes.value": "quantiles",
                "k.value": 5, "palette.value": "viridis", "eu.value": False, "drawn-level.data": 3, "region.data": None}
               for ind, year in pairs]
        sizes, gz, times = measure(session, base, ours, seq, "year.value")

        naive_dep = find_callback(deps, "naive-map.figure")
        naive_seq = [{"naive-indicator.value": ind, "naive-year.value": str(year)} for ind, year in pairs]
        n_sizes, n_gz, n_times = measure(session, base, naive_dep, naive_seq, "naive-year.value")
        load_raw, load_gz = first_load_bytes(session, base, "/technology")
        geo = session.get(f"{base}/geo/nuts3.geojson").content

        rows = [
            ("updates per variant", f"{len(pairs)}", f"{len(pairs)}", ""),
            ("bytes per update, mean (raw)", f"{statistics.mean(sizes):,.0f}", f"{statistics.mean(n_sizes):,.0f}",
             f"{statistics.mean(sizes) / statistics.mean(n_sizes):.2%}"),
            ("bytes per update, mean (gzip)", f"{statistics.mean(gz):,.0f}", f"{statistics.mean(n_gz):,.0f}",
             f"{statistics.mean(gz) / statistics.mean(n_gz):.2%}"),
            ("server latency p50 (ms)", f"{pct(times, .5):.1f}", f"{pct(n_times, .5):.1f}", ""),
            ("server latency p95 (ms)", f"{pct(times, .95):.1f}", f"{pct(n_times, .95):.1f}", ""),
        ]
        print(f"{'NUTS 3 map updates':<34}{'app':>14}{'naive':>14}{'app/naive':>12}")
        for name, a, b, r in rows:
            print(f"{name:<34}{a:>14}{b:>14}{r:>12}")
        print(f"{'first load /technology (raw)':<34}{load_raw:>14,}")
        print(f"{'first load /technology (gzip)':<34}{load_gz:>14,}")
        print(f"{'NUTS 3 geometry, once (gzip)':<34}{len(gzip.compress(geo, 6)):>14,}")
        print(json.dumps({"update_bytes_ratio": statistics.mean(sizes) / statistics.mean(n_sizes),
                          "p95_ms": pct(times, .95)}))
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
