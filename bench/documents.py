"""Meeting documents: ``python -m bench.documents`` — a cold region brief (PDF and PowerPoint) and a six-view
storyboard as PowerPoint, rendered through the app's routes in-process, each after emptying the file cache
(targets on 2 cores: brief PDF ≤ 10 s, six-view deck ≤ 20 s)."""

from __future__ import annotations

import json
import time

from app import server
from web.cache import cache

SIX_VIEWS = [
    {"url": "/technology?indicator=emp_hightech_medhightech_manuf&level=2&year=2018&region=PL21", "title": "", "note": ""},
    {"url": "/technology?indicator=desi_ai&level=0&year=2021", "title": "", "note": ""},
    {"url": "/clusters?indicator=lq_emp_kis&level=2&region=DE21", "title": "", "note": ""},
    {"url": "/technology?indicator=gdp_per_inhabitant&level=2&year=2018", "title": "", "note": ""},
    {"url": "/technology?indicator=epo_patent_applications_per_million&level=3&year=2012", "title": "", "note": ""},
    {"url": "/strategies?domain=digital_ai&region=PL21", "title": "", "note": ""},
]


def _timed(client, method: str, path: str, **kwargs) -> tuple[float, int, int]:
    started = time.perf_counter()
    response = getattr(client, method)(path, **kwargs)
    return time.perf_counter() - started, response.status_code, len(response.data)


def main() -> None:  # noqa: D103
    client = server.test_client()
    board = json.dumps({"title": "Bench", "views": SIX_VIEWS})
    print(f"{'document (cold, cache emptied)':<40}{'seconds':>10}{'status':>8}{'bytes':>12}")
    for label, method, path, kwargs in (
        ("region brief PL21, PDF", "get", "/export/brief/PL21.pdf", {}),
        ("region brief PL21, PowerPoint", "get", "/export/brief/PL21.pptx", {}),
        ("six-view storyboard, PowerPoint", "post", "/export/pack.pptx",
         {"data": {"storyboard": board}, "headers": {"Origin": "http://localhost"}}),
    ):
        with server.app_context():
            cache.clear()
        seconds, status, size = _timed(client, method, path, **kwargs)
        print(f"{label:<40}{seconds:>10.1f}{status:>8}{size:>12,}")


if __name__ == "__main__":
    main()
