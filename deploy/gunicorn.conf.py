"""gunicorn settings for `make serve`: several workers sharing one loaded layer (loaded in the master before the fork)."""

import ctypes
import gc
import os
import sys
from pathlib import Path

# Arrow's own allocator keeps freed pages after the layer is read; the system one returns them (~15 MB per worker).
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")


def limit_malloc_arenas(arenas: int = 2) -> None:
    """At most `arenas` glibc malloc arenas per process (the default is 8 per core): with 4 threads each worker
    grew its own arenas and kept their fragments (PSS after three varied runs 280-320 MB per worker; 250-285 MB
    with 2 arenas, docs/benchmarks.md). The same as MALLOC_ARENA_MAX, which is read only when a process starts;
    skipped where the C library is not glibc."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(M_ARENA_MAX, arenas)
    except (OSError, AttributeError):
        pass


M_ARENA_MAX = -8  # glibc's malloc.h
limit_malloc_arenas()
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from data.settings import settings  # noqa: E402 - the checkout is on the path only from here

config = settings()  # a bad value stops gunicorn here, naming the variable
bind = f"{config.host}:{config.port}"
workers = config.web_concurrency
# Exports hold at most ATLAS_RENDER_CONCURRENCY + ATLAS_RENDER_QUEUE threads (1 + 1, web/render_pool.py): with four
# threads, two always remain for pages, callbacks and /healthz.
threads = config.gunicorn_threads
worker_class = "web.gunicorn_worker.HealthLaneWorker"  # gthread, with health checks in a lane of their own
timeout = 60
# Idle keep-alive connections wait in the worker's poller, not in a thread, so a few seconds cost nothing; with
# gunicorn's 2 s default a client that was slow to send its next request (a loaded machine) could find its
# connection closed under it (`python -m bench.load` saw such transport errors).
keepalive = 5
# The app (and with it the verified layer, its region index and catalogue) is loaded once in the master, before the
# workers fork: they share those pages instead of each reading its own copy (~200 MB a worker). Nothing made at
# import holds a thread, a held lock, a browser or an open file a child could not use: the render pool's
# semaphores start full, the export browser and its thread start on the first export in a worker, memos re-make
# their locks after a fork (data/layer/memo.py). `pre_fork` freezes the objects made so far out of the garbage
# collector's reach, so its passes do not write to (and so copy) the shared pages.
preload_app = True
accesslog = "-"
limit_request_line = 8190
# gunicorn 25+ opens a control socket for `gunicornc`, by default one per user ($XDG_RUNTIME_DIR or
# ~/.gunicorn/gunicorn.ctl): a second instance (another port, a test, a benchmark) took it over and the first to
# exit deleted it. Off unless GUNICORN_CONTROL_SOCKET names this instance's own path.
control_socket = config.gunicorn_control_socket
control_socket_disable = not control_socket
if not control_socket:
    del control_socket
del config


def when_ready(server) -> None:
    """The app's first requests, once, in the master before the workers fork (with ``preload_app``): Dash registers
    its callbacks and the pages their validation layout (every page's layout built once, a few seconds on a busy
    machine), and the region search builds its index of 370,000 names (about 110 MB when each worker built its own
    on its first search); the workers inherit all of it instead of each doing it while its first users wait."""
    if preload_app:
        with server.app.wsgi().test_client() as client:
            client.get("/healthz")
            client.get("/api/regions?q=a&limit=1")


# How long a thread holds the interpreter lock before another may take it (Python's default is 5 ms). A worker's
# request threads and its connection loop share one lock: at 5 ms the loop, which reads each request and hands it
# to a thread, waited up to 5 ms per turn behind CPU-bound answers. At 1 ms the varied bench's p95 was 401-479 ms
# in three runs, at 5 ms 481-529 ms in four (docs/benchmarks.md), throughput alike.
SWITCH_INTERVAL_S = 0.001


def post_worker_init(worker) -> None:
    """One request through the app before the worker takes connections: Dash registers its callbacks on its first
    request, and it marks that done before it is, so concurrent first requests to a fresh worker could find no
    callback ("Callback function not found", seen under load right after start). Then the lock's switch interval."""
    with worker.wsgi.test_client() as client:
        client.get("/healthz")
    sys.setswitchinterval(SWITCH_INTERVAL_S)


def pre_fork(server, worker) -> None:
    gc.freeze()
