"""What a miss costs: the varied sessions of ``bench.sessions`` replayed in one process and one thread, no server.

``python -m bench.misses [--steps 400] [--warm 500] [--baseline-ref REF]`` drives the app through Flask's test
client with the answer cache off (``ATLAS_RESPONSE_CACHE_MB=0``), after `--warm` steps that fill the per-layer
memos as a worker's first minutes would, and prints the milliseconds of each action (mean, p50, max) and its share
of the time. No queue, no other threads, no bench client on the same cores: the cost ``bench.load --varied`` pays
for each request before any waiting. With ``--baseline-ref`` the same replay runs on the code of a git ref (same
venv, same layer) in a child process and both are printed with ratios. For the developer's loop; the figures the
README quotes come from ``bench.load --varied``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class _Answer:
    def __init__(self, response) -> None:
        self.status_code, self.headers, self._response = response.status_code, response.headers, response

    def json(self):
        return self._response.get_json()


class _TestClientSession:
    """The part of ``requests.Session`` that ``bench.sessions`` uses, answered by Flask's test client."""

    def __init__(self, client) -> None:
        self.client, self.headers = client, {}

    def get(self, url: str, params=None, timeout=None) -> _Answer:
        return _Answer(self.client.get(url.removeprefix(BASE), query_string=params, headers=self.headers))

    def post(self, url: str, json=None, timeout=None) -> _Answer:
        return _Answer(self.client.post(url.removeprefix(BASE), json=json, headers=self.headers))


BASE = "http://replay"


def replay(steps: int, warm: int) -> dict[str, list[float]]:
    """Milliseconds of every request of `steps` session steps (ten users, seeded), after `warm` unrecorded steps."""
    os.environ["ATLAS_RESPONSE_CACHE_MB"] = "0"
    from app import app
    from bench import sessions

    client = app.server.test_client()
    catalogue = sessions.read_catalogue(BASE, _TestClientSession(client))
    walkers = [sessions.Walker(BASE, catalogue, seed=n, session=_TestClientSession(client)) for n in range(10)]
    for n in range(warm):
        walkers[n % len(walkers)].step()
    times: dict[str, list[float]] = defaultdict(list)
    for n in range(steps):
        for action, ms, status, _cache in walkers[n % len(walkers)].step():
            if status >= 500:
                raise SystemExit(f"{action} answered {status}")
            times[action].append(ms)
    return dict(times)


def summary(times: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    total = sum(sum(v) for v in times.values())
    out = {action: {"n": len(v), "mean": statistics.fmean(v), "p50": statistics.median(v), "max": max(v),
                    "share %": 100 * sum(v) / total} for action, v in times.items()}
    out["every request"] = {"n": sum(len(v) for v in times.values()),
                            "mean": total / sum(len(v) for v in times.values()), "p50": statistics.median(
                                [t for v in times.values() for t in v]), "max": max(max(v) for v in times.values()),
                            "share %": 100.0}
    return out


def baseline(ref: str, steps: int, warm: int) -> dict[str, dict[str, float]]:
    """The same replay on the code of git `ref`, in a child process (its own imports)."""
    from bench.load import checkout

    with tempfile.TemporaryDirectory(prefix="atlas-misses-") as folder:
        root = checkout(ref, Path(folder))
        for name in ("misses.py", "sessions.py", "map_updates.py"):  # the same replay and traffic
            (root / "bench" / name).write_text((ROOT / "bench" / name).read_text(encoding="utf-8"), encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "bench.misses", "--steps", str(steps), "--warm", str(warm),
                               "--json"], cwd=root, capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONPATH": str(root)})
        return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--warm", type=int, default=500)
    parser.add_argument("--baseline-ref")
    parser.add_argument("--json", action="store_true", help="print the summary as one JSON line")
    args = parser.parse_args()
    started = time.perf_counter()
    runs = {}
    if args.baseline_ref:
        runs[f"baseline {args.baseline_ref[:12]}"] = baseline(args.baseline_ref, args.steps, args.warm)
    runs["this code"] = summary(replay(args.steps, args.warm))
    if args.json:
        print(json.dumps(runs["this code"]))
        return
    print(f"one thread, answer cache off, {args.steps} steps after {args.warm} warm-up steps; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    names = list(runs)
    print(f"{'action (ms)':<16}" + "".join(f"{name + ' mean':>28}{'p50':>8}{'share':>8}" for name in names)
          + ("   ratio" if len(names) == 2 else ""))
    actions = sorted(runs[names[-1]], key=lambda a: (a == "every request", -runs[names[-1]][a]["share %"]))
    for action in actions:
        cells = [runs[name].get(action) for name in names]
        line = f"{action:<16}" + "".join(f"{c['mean']:>28.1f}{c['p50']:>8.1f}{c['share %']:>7.1f}%" if c else
                                         f"{'–':>28}{'':>8}{'':>8}" for c in cells)
        if len(cells) == 2 and cells[0] and cells[1]:
            line += f"{cells[1]['mean'] / cells[0]['mean']:>8.2f}×"
        print(line)
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
