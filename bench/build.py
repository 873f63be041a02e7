"""Data build benchmark: ``python -m bench.build`` prints build time, size on disk and row counts."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pandas as pd

from data.pipeline.build import build


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "processed"
        started = time.perf_counter()
        report = build(target)
        seconds = time.perf_counter() - started
        real = target.resolve()
        print(f"{'metric':<34}{'value':>14}")
        print(f"{'build time (s)':<34}{seconds:>14.2f}")
        print(f"{'layer size on disk (MB)':<34}{du(real) / 1e6:>14.2f}")
        for name in ("regions", "values", "catalog", "reference", "recoding_rules"):
            rows = len(pd.read_parquet(real / f"{name}.parquet", columns=None if name != "regions" else ["nuts_id"]))
            print(f"{'rows: ' + name:<34}{rows:>14,}")
        for level in range(4):
            size = (real / "geo" / f"nuts{level}.geojson").stat().st_size
            print(f"{f'geometry NUTS {level} (kB)':<34}{size / 1e3:>14.1f}")
        print(f"{'rows dropped in recoding':<34}{report['steps']['recoding']['dropped']:>14,}")


if __name__ == "__main__":
    main()
