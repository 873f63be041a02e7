"""A bounded render pool: at most N static renders (one Chromium each) per worker, a short queue, then 503.

Each export starts a Chromium of about 215 MB; unbounded, 30 concurrent exports took minutes and starved
``/healthz``. Here a worker renders at most ``ATLAS_RENDER_CONCURRENCY`` files at a time and lets at most
``ATLAS_RENDER_QUEUE`` more wait (up to ``ATLAS_RENDER_WAIT`` seconds); anything beyond is refused at once
with 503 and ``Retry-After``, so the worker's other threads stay free for pages and health checks. With
gunicorn the bound is per worker: WEB_CONCURRENCY × concurrency renders at most (2 × 1 on 2 cores).

Finished files go through the cache (web/cache.py) keyed by (layer hash, normalised query, format); a request
that waited in the queue looks in the cache again before rendering, so a burst of the same export renders once.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask, current_app

from web.cache import cache_key, cached_bytes, remember

EXTENSION = "atlas_render_pool"


class RenderBusy(RuntimeError):
    """Every render slot and queue place is taken: the client should retry after `retry_after` seconds."""

    def __init__(self, retry_after: int):
        super().__init__(f"The export service is busy; retry in {retry_after} s.")
        self.retry_after = retry_after


@dataclass
class RenderPool:
    concurrency: int = 1
    queue: int = 1
    wait_seconds: float = 60.0
    retry_after: int = 10
    _running: threading.BoundedSemaphore = field(init=False, repr=False)
    _admitted: threading.BoundedSemaphore = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._running = threading.BoundedSemaphore(max(1, self.concurrency))
        self._admitted = threading.BoundedSemaphore(max(1, self.concurrency) + max(0, self.queue))

    @classmethod
    def from_env(cls) -> RenderPool:
        return cls(concurrency=int(os.environ.get("ATLAS_RENDER_CONCURRENCY", "1")),
                   queue=int(os.environ.get("ATLAS_RENDER_QUEUE", "1")),
                   wait_seconds=float(os.environ.get("ATLAS_RENDER_WAIT", "60")),
                   retry_after=int(os.environ.get("ATLAS_RENDER_RETRY_AFTER", "10")))

    def run(self, job: Callable[[], bytes]) -> bytes:
        """job() in a render slot; RenderBusy when no place is free or the wait is over."""
        if not self._admitted.acquire(blocking=False):
            raise RenderBusy(self.retry_after)
        try:
            if not self._running.acquire(timeout=self.wait_seconds):
                raise RenderBusy(self.retry_after)
            try:
                return job()
            finally:
                self._running.release()
        finally:
            self._admitted.release()


def init_render_pool(server: Flask, pool: RenderPool | None = None) -> None:
    server.extensions[EXTENSION] = pool or RenderPool.from_env()


def render_pool() -> RenderPool:
    return current_app.extensions[EXTENSION]


def render_cached(kind: str, layer, query: str, fmt: str, make: Callable[[], bytes]) -> tuple[bytes, bool]:
    """(file, from_cache): the cached file, or make() run in the render pool and cached."""
    key = cache_key(kind, layer, query, fmt)
    body = cached_bytes(key)
    if body is not None:
        return body, True
    max_bytes = current_app.config["ATLAS_CACHE_MAX_ENTRY_BYTES"]

    def job() -> bytes:
        again = cached_bytes(key)
        if again is not None:
            return again
        made = make()
        remember(key, made, max_bytes)
        return made

    return render_pool().run(job), False
