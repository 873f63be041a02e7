"""A bounded render pool: at most N static renders (one Chromium each) per worker, a short queue, then 503.

Each export starts a Chromium of about 215 MB; unbounded, 30 concurrent exports took minutes and starved
``/healthz``. Here a worker renders at most ``ATLAS_RENDER_CONCURRENCY`` files at a time and lets at most
``ATLAS_RENDER_QUEUE`` more wait (up to ``ATLAS_RENDER_WAIT`` seconds); anything beyond is refused at once
with 503 and ``Retry-After``, so the worker's other threads stay free for pages and health checks. With
gunicorn the bound is per worker: WEB_CONCURRENCY × concurrency renders at most (2 × 1 on 2 cores).

Each render runs in a child process forked from the worker (``process=True``, the app's setting; off with
``ATLAS_RENDER_PROCESS=0``), at a lower CPU priority (``ATLAS_RENDER_NICE``, default 10). Building a figure,
importing kaleido (about a second) and serialising megabytes of figure JSON for Chromium hold the GIL in long
stretches: inside the worker they stalled its other threads, so ``/healthz`` once took 1.7 s during a burst.
In a child they hold only the child's GIL, at a priority below the worker's. The child answers through a pipe
within ``ATLAS_RENDER_TIMEOUT`` seconds (default 300), else it is killed with its Chromium (its own process
group) and the request gets 503. The child also watches for itself: if its worker dies (a restart, gunicorn's
own timeout, a crash) or the time is over, it ends its process group, so no render or Chromium outlives the
worker that asked for it (they did: finished children blocked for ever writing to a dead worker's pipe).

Finished files go through the cache (web/cache.py) keyed by (layer hash, normalised query, format); a request
that waited in the queue looks in the cache again before rendering, so a burst of the same export renders once.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import stat
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask, current_app

from data.settings import settings
from web.cache import cache_key, cached_bytes, file_cache, remember

EXTENSION = "atlas_render_pool"


class RenderBusy(RuntimeError):
    """Every render slot and queue place is taken: the client should retry after `retry_after` seconds."""

    def __init__(self, retry_after: int):
        super().__init__(f"The export service is busy; retry in {retry_after} s.")
        self.retry_after = retry_after


class RenderFailed(RuntimeError):
    """The render process crashed or ran out of time: the export is not available now (503)."""


def close_inherited_sockets(keep: int) -> None:
    """The fork copied every socket of the worker (listener, clients' connections): a copy held here would keep a
    connection the worker closed open for the client until the render ends, so the child closes its copies."""
    try:
        fds = [int(fd) for fd in os.listdir("/proc/self/fd")]
    except OSError:
        return  # no /proc: nothing to enumerate
    for fd in fds:
        if fd > 2 and fd != keep:
            try:
                if stat.S_ISSOCK(os.fstat(fd).st_mode):
                    os.close(fd)
            except OSError:
                pass


# Signals the worker (gunicorn) handles itself: the fork copied its handlers, which only set a flag in the child.
WORKER_SIGNALS = ("SIGTERM", "SIGINT", "SIGQUIT", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGABRT")
WATCH_SECONDS = 0.5


def watch_worker(worker: int, deadline: float) -> None:
    """In the child: end its whole process group (itself and its Chromium) once `worker` is gone or `deadline`
    (monotonic) has passed."""
    while os.getppid() == worker and time.monotonic() < deadline:
        time.sleep(WATCH_SECONDS)
    os.killpg(0, signal.SIGKILL)


def _child(job: Callable[[], bytes], writer, nice: int, worker: int, timeout: float) -> None:
    """In the forked child: own process group (killed together with its Chromium), default signal handling, a
    watch on its worker and its time, lower priority, one job."""
    os.setpgrp()
    for name in WORKER_SIGNALS:
        signal.signal(getattr(signal, name), signal.SIG_DFL)
    threading.Thread(target=watch_worker, args=(worker, time.monotonic() + timeout + 5), name="atlas-render-watch",
                     daemon=True).start()
    close_inherited_sockets(keep=writer.fileno())
    if nice > 0:
        os.nice(nice)
    try:
        result = ("ok", job())
    except BaseException as exc:  # noqa: BLE001 — every failure goes back to the worker, which re-raises it
        result = ("error", exc)
    try:
        writer.send(result)
    except (pickle.PicklingError, TypeError, AttributeError):
        writer.send(("error", RenderFailed(f"Static export failed: {type(result[1]).__name__}")))
    writer.close()


def run_in_child(job: Callable[[], bytes], timeout: float, nice: int) -> bytes:
    """job() in a forked child process (the closure needs no pickling); its bytes, or its exception re-raised."""
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(job, writer, nice, os.getpid(), timeout), name="atlas-render")
    child.start()
    writer.close()
    delivered = False
    try:
        if not reader.poll(timeout):
            raise RenderFailed(f"The export took longer than {timeout:.0f} s and was stopped; retry later.")
        kind, payload = reader.recv()
        delivered = True
    except (EOFError, OSError) as exc:
        raise RenderFailed("The export process ended without a file; retry later.") from exc
    finally:
        reader.close()
        if delivered:  # it has sent its bytes and is ending; one over its time is killed at once, not waited for
            child.join(5)
        try:  # the child's process group: the child if it still runs, and the Chromium it started, which outlives it
            os.killpg(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        child.join(5)
    if kind == "error":
        raise payload
    return payload


@dataclass
class RenderPool:
    concurrency: int = 1
    queue: int = 1
    wait_seconds: float = 60.0
    retry_after: int = 10
    process: bool = False
    nice: int = 10
    render_timeout: float = 300.0
    _running: threading.BoundedSemaphore = field(init=False, repr=False)
    _admitted: threading.BoundedSemaphore = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._running = threading.BoundedSemaphore(max(1, self.concurrency))
        self._admitted = threading.BoundedSemaphore(max(1, self.concurrency) + max(0, self.queue))

    @classmethod
    def from_env(cls) -> RenderPool:
        config = settings()
        return cls(concurrency=config.render_concurrency, queue=config.render_queue, wait_seconds=config.render_wait,
                   retry_after=config.render_retry_after, process=config.render_process and hasattr(os, "fork"),
                   nice=config.render_nice, render_timeout=config.render_timeout)

    def run(self, job: Callable[[], bytes]) -> bytes:
        """job() in a render slot; RenderBusy when no place is free or the wait is over."""
        if not self._admitted.acquire(blocking=False):
            raise RenderBusy(self.retry_after)
        try:
            if not self._running.acquire(timeout=self.wait_seconds):
                raise RenderBusy(self.retry_after)
            try:
                return run_in_child(job, self.render_timeout, self.nice) if self.process else job()
            finally:
                self._running.release()
        finally:
            self._admitted.release()


def browser_tabs() -> int:
    """Tabs of one export Chromium, each loading plotly.js in its own renderer process: one per document it may
    render at once. A forked child renders one document, so one tab; renders inside the worker share its browser,
    one tab per slot. (Opening one tab per slot in every child multiplied them: 8 children of a 64-slot pool
    opened 512 renderers and no export finished within 300 s.)"""
    pool = RenderPool.from_env()
    return 1 if pool.process else max(1, pool.concurrency)


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
    max_bytes, store = current_app.config["ATLAS_CACHE_MAX_ENTRY_BYTES"], file_cache()

    def job() -> bytes:
        again = cached_bytes(key, store)
        if again is not None:
            return again
        made = make()
        remember(key, made, max_bytes, store=store)
        return made

    return render_pool().run(job), False
