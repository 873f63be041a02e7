"""Issue 15 (2, 11) and 13.6: exports go through a bounded render pool and a real cache; Chromium runs sandboxed.

The burst of the issue (30 exports, /healthz starved) is reproduced at the scale of one worker: the pool's slot
and queue place are held by slow jobs, the next export is refused at once with 503 and Retry-After, and
/healthz still answers. Timings under load are measured in bench/hostile.py, not here.
"""

from __future__ import annotations

import logging
import os
import pwd
import threading
import time

import pytest

from exports import render as render_module
from web.render_pool import EXTENSION, RenderBusy, RenderPool

QUERY = "indicator=desi_ai&level=0&year=2021&classes=equal_interval&k=6&palette=cividis"


def test_pool_runs_at_most_n_queues_m_and_refuses_the_rest():
    pool = RenderPool(concurrency=1, queue=1, wait_seconds=30, retry_after=7)
    release, started, results = threading.Event(), threading.Event(), []

    def slow() -> bytes:
        started.set()
        release.wait(10)
        return b"done"

    first = threading.Thread(target=lambda: results.append(pool.run(slow)))
    first.start()
    started.wait(5)
    second = threading.Thread(target=lambda: results.append(pool.run(lambda: b"queued")))
    second.start()
    time.sleep(0.2)
    with pytest.raises(RenderBusy) as busy:
        pool.run(lambda: b"refused")
    assert busy.value.retry_after == 7
    release.set()
    first.join(5)
    second.join(5)
    assert sorted(results) == [b"done", b"queued"]
    assert pool.run(lambda: b"free again") == b"free again"


def test_queue_wait_is_bounded():
    pool = RenderPool(concurrency=1, queue=1, wait_seconds=0.3)
    release = threading.Event()
    holder = threading.Thread(target=lambda: pool.run(lambda: release.wait(10) and b""))
    holder.start()
    time.sleep(0.1)
    started = time.perf_counter()
    with pytest.raises(RenderBusy):
        pool.run(lambda: b"waited too long")
    assert time.perf_counter() - started < 2
    release.set()
    holder.join(5)


def test_busy_pool_answers_503_with_retry_after_and_healthz_stays_up(client):
    from app import server

    saved = server.extensions[EXTENSION]
    pool = RenderPool(concurrency=1, queue=0, wait_seconds=30, retry_after=11)
    server.extensions[EXTENSION] = pool
    release, started = threading.Event(), threading.Event()

    def hold() -> bytes:
        started.set()
        release.wait(20)
        return b""

    holder = threading.Thread(target=lambda: pool.run(hold))
    holder.start()
    try:
        started.wait(5)
        response = client.get("/export/technology.png?indicator=desi_ai&level=0&year=2021&k=4")
        assert response.status_code == 503 and response.headers["Retry-After"] == "11"
        assert "busy" in response.get_json()["error"]
        pack = client.post("/export/pack.pdf", data={"storyboard": '[{"url": "/technology?indicator=desi_ai&level=0"}]'})
        assert pack.status_code == 503 and pack.headers["Retry-After"] == "11"
        assert client.get("/healthz").get_json()["status"] == "ok"
    finally:
        release.set()
        holder.join(20)
        server.extensions[EXTENSION] = saved


def test_export_is_cached_by_layer_normalised_query_and_format(client):
    first = client.get(f"/export/technology.svg?{QUERY}")
    assert first.status_code == 200 and first.headers["X-Cache"] in ("miss", "hit")
    reordered = "&".join(reversed(QUERY.split("&")))
    second = client.get(f"/export/technology.svg?{reordered}")
    assert second.status_code == 200 and second.headers["X-Cache"] == "hit"
    assert second.data == first.data and b"<svg" in second.data[:400]
    other_format = client.get(f"/export/technology.pdf?{QUERY}")
    assert other_format.data[:5] == b"%PDF-" and other_format.data != first.data


def test_download_is_cached_and_identical(client):
    url = "/download/technology.xlsx?indicator=epo_patent_applications&level=3&years=all"
    first = client.get(url)
    second = client.get(url.replace("level=3&years=all", "years=all&level=3"))
    assert first.status_code == second.status_code == 200
    assert second.headers["X-Cache"] == "hit" and second.data == first.data


def test_cache_is_bounded(client):
    from app import server
    from web.cache import cached_bytes, file_cache, remember

    with server.app_context():
        backend = file_cache()
        assert type(backend).__name__ == "FileCache"
        assert 0 < backend.max_items <= int(os.environ.get("ATLAS_CACHE_ITEMS", "64"))
        remember("atlas:test:too-big", b"x" * 2000, max_bytes=1000)
        assert cached_bytes("atlas:test:too-big") is None
        remember("atlas:test:small", b"x" * 10, max_bytes=1000)
        assert cached_bytes("atlas:test:small") == b"x" * 10


def test_chromium_runs_sandboxed_as_an_unprivileged_user_where_possible():
    render_module.browser_launch.cache_clear()
    try:
        launch = render_module.browser_launch()
    finally:
        render_module.browser_launch.cache_clear()
    if os.geteuid() != 0:
        assert launch.user == pwd.getpwuid(os.geteuid()).pw_name
    try:
        pwd.getpwnam(render_module.DEFAULT_RENDER_USER)
        has_user = True
    except KeyError:
        has_user = False
    if os.geteuid() == 0 and has_user and launch.sandbox:
        assert launch.user == render_module.DEFAULT_RENDER_USER
    assert launch.path.endswith("export-chromium.sh")
    assert launch.sandbox or launch.reason


def test_root_without_render_user_falls_back_with_a_logged_reason(monkeypatch, caplog):
    if os.geteuid() != 0:
        pytest.skip("the root fallback only applies to root")
    monkeypatch.setenv(render_module.RENDER_USER_ENV, "no-such-user-atlas")
    render_module.browser_launch.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="atlas.render"):
            launch = render_module.browser_launch()
    finally:
        render_module.browser_launch.cache_clear()
    assert not launch.sandbox and "make render-user" in launch.reason
    assert any("WITHOUT its sandbox" in r.getMessage() for r in caplog.records)
