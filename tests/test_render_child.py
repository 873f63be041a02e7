"""Renders in a forked child at a lower priority (issue 15: /healthz under an export burst); no layer needed."""

from __future__ import annotations

import os
import time

import pytest

from web.render_pool import RenderFailed, RenderPool, run_in_child


def test_child_returns_the_file_at_a_lower_priority():
    assert run_in_child(lambda: str(os.nice(0)).encode(), timeout=30, nice=5) == str(min(19, os.nice(0) + 5)).encode()
    assert run_in_child(lambda: str(os.getpid()).encode(), timeout=30, nice=0) != str(os.getpid()).encode()


def test_child_errors_come_back_as_they_were_raised():
    def broken() -> bytes:
        raise ValueError("no such view")

    with pytest.raises(ValueError, match="no such view"):
        run_in_child(broken, timeout=30, nice=0)


def test_a_render_over_its_time_is_stopped():
    started = time.perf_counter()
    with pytest.raises(RenderFailed, match="longer than"):
        run_in_child(lambda: time.sleep(30) or b"", timeout=0.5, nice=0)
    assert time.perf_counter() - started < 10


def test_pool_in_process_mode_renders_in_a_child():
    pool = RenderPool(concurrency=1, queue=0, process=True, nice=0)
    assert pool.run(lambda: str(os.getpid()).encode()) != str(os.getpid()).encode()


def test_child_does_not_keep_the_workers_connections_open():
    import socket

    ours, theirs = socket.socketpair()
    try:
        def probe() -> bytes:
            try:
                os.fstat(ours.fileno())
            except OSError:
                return b"closed"
            return b"open"

        assert run_in_child(probe, timeout=30, nice=0) == b"closed"
        ours.sendall(b"still ours")  # the worker's own copy is untouched
        assert theirs.recv(16) == b"still ours"
    finally:
        ours.close()
        theirs.close()


def test_a_child_forked_after_the_worker_rendered_opens_its_own_browser_session():
    """The worker's session runs its event loop in a thread the child does not inherit: reusing it hung for ever."""
    from exports.render import render_session

    parent = render_session()
    assert run_in_child(lambda: b"own" if render_session() is not parent else b"inherited", timeout=30,
                        nice=0) == b"own"
    assert render_session() is parent
