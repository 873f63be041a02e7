"""Download benchmark: ``python -m bench.downloads`` — time and size of the largest view in each format.

Runs the Flask routes in-process (no network): NUTS 3 × all years of EPO patent applications.
"""

from __future__ import annotations

import statistics
import time

from app import server

LARGEST = "indicator=epo_patent_applications&level=3&years=all"
FORMATS = ("csv", "xlsx", "geojson", "zip")


def main(repeats: int = 3) -> None:  # noqa: D103
    client = server.test_client()
    client.get(f"/download/technology.csv?{LARGEST}")
    print(f"{'largest view download':<34}{'median s':>10}{'bytes':>14}")
    for fmt in FORMATS:
        times, size = [], 0
        for _ in range(repeats):
            started = time.perf_counter()
            response = client.get(f"/download/technology.{fmt}?{LARGEST}")
            times.append(time.perf_counter() - started)
            size = len(response.data)
        print(f"{fmt:<34}{statistics.median(times):>10.3f}{size:>14,}")


if __name__ == "__main__":
    main()
