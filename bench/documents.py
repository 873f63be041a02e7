"""Meeting documents: ``python -m bench.documents`` — a cold region brief (PDF and PowerPoint) and a six-view
storyboard as PowerPoint, rendered through the app's routes in-process, each after emptying the file cache, with
the worker's browser closed first ("cold") or kept from the document before ("warm")
(targets on 2 cores: brief PDF ≤ 10 s, six-view deck ≤ 20 s). The CPU seconds (this process and Chromium) are
printed beside the wall time, since on a shared machine the wall time mostly measures the neighbours."""

from __future__ import annotations

import json
import os
import resource
import time

from app import server
from exports.render import render_session
from web.cache import file_cache

SIX_VIEWS = [
    {"url": "/technology?indicator=emp_hightech_medhightech_manuf&level=2&year=2018&region=PL21", "title": "", "note": ""},
    {"url": "/technology?indicator=desi_ai&level=0&year=2021", "title": "", "note": ""},
    {"url": "/clusters?indicator=lq_emp_kis&level=2&region=DE21", "title": "", "note": ""},
    {"url": "/technology?indicator=gdp_per_inhabitant&level=2&year=2018", "title": "", "note": ""},
    {"url": "/technology?indicator=epo_patent_applications_per_million&level=3&year=2012", "title": "", "note": ""},
    {"url": "/strategies?domain=digital_ai&region=PL21", "title": "", "note": ""},
]


def _cpu() -> float:
    """CPU seconds of this process and of Chromium (finished children, and the live ones of the kept browser
    through psutil where it is installed): unlike the wall time, the CPU a document costs does not depend on what
    else the machine runs."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    try:
        import psutil  # optional: a dev tool's dependency, not the app's
    except ImportError:
        return total
    for process in psutil.Process().children(recursive=True):
        try:
            t = process.cpu_times()
            total += t.user + t.system + t.children_user + t.children_system
        except psutil.Error:  # exited between listing and reading
            pass
    return total


def _timed(client, method: str, path: str, **kwargs) -> tuple[float, float, int, int]:
    started, cpu = time.perf_counter(), _cpu()
    response = getattr(client, method)(path, **kwargs)
    return time.perf_counter() - started, _cpu() - cpu, response.status_code, len(response.data)


def main() -> None:  # noqa: D103
    client = server.test_client()
    board = json.dumps({"title": "Bench", "views": SIX_VIEWS})
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'document (cold, cache emptied)':<40}{'seconds':>10}{'CPU s':>8}{'status':>8}{'bytes':>12}")
    deck = {"data": {"storyboard": board}, "headers": {"Origin": "http://localhost"}}
    for label, method, path, kwargs, cold_browser in (
        ("region brief PL21, PDF", "get", "/export/brief/PL21.pdf", {}, True),
        ("region brief PL21, PowerPoint", "get", "/export/brief/PL21.pptx", {}, False),
        ("six-view storyboard, PowerPoint", "post", "/export/pack.pptx", deck, True),
        ("six-view storyboard, PowerPoint (warm)", "post", "/export/pack.pptx", deck, False),
    ):
        with server.app_context():
            if file_cache() is not None:
                file_cache().clear()
        if cold_browser:  # the worker's browser closed, as after an idle period (exports/session.py)
            render_session().close()
        seconds, cpu, status, size = _timed(client, method, path, **kwargs)
        print(f"{label:<40}{seconds:>10.1f}{cpu:>8.1f}{status:>8}{size:>12,}")


if __name__ == "__main__":
    main()
