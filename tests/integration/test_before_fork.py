"""What gunicorn's master prepares before the workers fork (``deploy/gunicorn.conf.py``: ``when_ready``), so that the
workers share it instead of each building its own copy on a first request."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[2]


def test_the_master_builds_the_region_search_index_before_the_fork(client):
    from app import app
    from data.layer import get_layer
    from domain.region_search import region_search_for

    code = (ROOT / "deploy" / "gunicorn.conf.py").read_text(encoding="utf-8")
    namespace: dict = {"__file__": str(ROOT / "deploy" / "gunicorn.conf.py")}
    saved = dict(os.environ)
    try:
        exec(compile(code, "gunicorn.conf.py", "exec"), namespace)  # noqa: S102 - our own deploy file
    finally:
        os.environ.clear()
        os.environ.update(saved)
    region_search_for.cache_clear()
    namespace["when_ready"](SimpleNamespace(app=SimpleNamespace(wsgi=lambda: app.server)))
    assert region_search_for.cache_info().currsize == 1
    assert region_search_for(get_layer()).search("Mazowieckie")[0].nuts_id.startswith("PL9")
    assert region_search_for.cache_info().hits >= 1, "the index the master built is the one a search uses"
