"""What gunicorn's master prepares before the workers fork (``deploy/gunicorn.conf.py``: ``when_ready``), so that the
workers share it instead of each building its own copy on a first request."""

from __future__ import annotations

from types import SimpleNamespace

from tests.gunicorn_conf import read_gunicorn_conf


def test_the_master_builds_the_region_search_index_before_the_fork(client):
    from app import app
    from data.layer import get_layer
    from domain.region_search import region_search_for

    namespace = read_gunicorn_conf()
    region_search_for.cache_clear()
    namespace["when_ready"](SimpleNamespace(app=SimpleNamespace(wsgi=lambda: app.server)))
    assert region_search_for.cache_info().currsize == 1
    assert region_search_for(get_layer()).search("Mazowieckie")[0].nuts_id.startswith("PL9")
    assert region_search_for.cache_info().hits >= 1, "the index the master built is the one a search uses"
