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


def test_a_render_over_its_time_is_stopped_at_once():
    """The slot is free when the time is over: the child is killed then, not waited for (it was 5 s more)."""
    started = time.perf_counter()
    with pytest.raises(RenderFailed, match="longer than"):
        run_in_child(lambda: time.sleep(30) or b"", timeout=0.5, nice=0)
    assert time.perf_counter() - started < 3


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


def _gone(pid: int) -> bool:
    """No such process, or only its zombie left for whoever adopted it to reap."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            return any(line.startswith("State:") and "Z" in line for line in status)
    except FileNotFoundError:
        return True


def _worker_rendering(record: str) -> None:
    """A stand-in worker: its render child starts a long 'Chromium' (a sleep in the child's group) and waits."""
    import subprocess

    def job() -> bytes:
        browser = subprocess.Popen(["sleep", "120"])
        with open(record, "w", encoding="ascii") as out:
            out.write(f"{os.getpid()} {browser.pid}")
        time.sleep(120)
        return b""

    run_in_child(job, timeout=120, nice=0)


def test_a_render_child_and_its_browser_end_when_their_worker_dies(tmp_path):
    """A worker killed mid-render (a restart, gunicorn's timeout) left its child and Chromium running for ever."""
    import multiprocessing
    import signal

    record = tmp_path / "pids"
    worker = multiprocessing.get_context("fork").Process(target=_worker_rendering, args=(str(record),))
    worker.start()
    deadline = time.monotonic() + 30
    while not (record.exists() and record.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    child, browser = (int(pid) for pid in record.read_text().split())
    os.kill(worker.pid, signal.SIGKILL)
    worker.join(5)
    deadline = time.monotonic() + 5
    while not (_gone(child) and _gone(browser)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _gone(child) and _gone(browser)


def test_a_render_child_ignores_the_workers_graceful_signal_handlers():
    """gunicorn's SIGTERM handler, copied by the fork, only set a flag: the child must end on SIGTERM."""
    import signal

    def handled() -> bytes:
        return str(signal.getsignal(signal.SIGTERM) == signal.SIG_DFL).encode()

    previous = signal.signal(signal.SIGTERM, lambda *_: None)
    try:
        assert run_in_child(handled, timeout=30, nice=0) == b"True"
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_a_forked_render_child_opens_one_tab_whatever_the_pool_size(monkeypatch):
    """One tab per pool slot in every child opened 64 × 8 renderers in a 64-slot burst; none finished."""
    from web.render_pool import browser_tabs

    monkeypatch.setenv("ATLAS_RENDER_CONCURRENCY", "64")
    monkeypatch.delenv("ATLAS_RENDER_PROCESS", raising=False)
    assert browser_tabs() == 1
    monkeypatch.setenv("ATLAS_RENDER_PROCESS", "0")
    assert browser_tabs() == 64
