"""Run one import step (locating the rows) in a child process forked from the server worker, under a budget.

Locating a 40,000-row list is seconds of pure-Python work (name matching, point-in-polygon, postcode lookups).
On a worker thread it held the worker's GIL: eight such runs took 30–58 s each and ``/healthz`` 27 s. Forked,
the child shares what the worker has already loaded (the layer, NUTS shapes, the town gazetteer) without
reloading or pickling it, and runs at a lower CPU priority (``nice``) with a CPU-time limit and an address-space
limit above what it inherited; the worker waits on a pipe without holding its GIL and kills the child at the
wall-clock deadline. The child closes its copies of the worker's sockets (so no client connection stays open
because of it), and ends itself if it outlives its deadline (its worker was killed). The answer crosses the pipe
as bytes (JSON made by the job): nothing is unpickled.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import stat
import threading
import time
from collections.abc import Callable

# gunicorn's workers handle these themselves (a flag for the worker's loop): the child must simply stop on them.
WORKER_SIGNALS = ("SIGTERM", "SIGINT", "SIGQUIT", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGWINCH", "SIGABRT", "SIGCHLD")


class ChildFailed(RuntimeError):
    """The child ran out of time, memory or CPU, or crashed; ``timed_out`` says which kind."""

    def __init__(self, message: str, timed_out: bool) -> None:
        super().__init__(message)
        self.timed_out = timed_out


def _close_inherited_sockets(keep: int) -> None:
    try:
        fds = [int(fd) for fd in os.listdir("/proc/self/fd")]
    except OSError:
        return
    for fd in fds:
        if fd == keep:
            continue
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.close(fd)
        except OSError:
            continue


def _virtual_size() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _end_at(deadline: float) -> None:
    time.sleep(max(0.0, deadline - time.monotonic()))
    os._exit(3)


Job = Callable[[Callable[[bytes], None]], bytes]


def _child(job: Job, writer, seconds: float, nice: int, memory: int) -> None:
    for name in WORKER_SIGNALS:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    _close_inherited_sockets(keep=writer.fileno())
    threading.Thread(target=_end_at, args=(time.monotonic() + seconds + 5,), daemon=True).start()
    if nice > 0:
        os.nice(nice)
    cpu = int(seconds) + 2
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    size = _virtual_size()
    if size and memory:
        resource.setrlimit(resource.RLIMIT_AS, (size + memory, size + memory))
    try:
        answer = job(lambda note: writer.send_bytes(b"P" + note))
    except MemoryError:
        answer = b'{"error": "memory"}'
    writer.send_bytes(b"A" + answer)
    writer.close()


def run_forked(job: Job, seconds: float, nice: int, memory: int,
               on_note: Callable[[bytes], None] | None = None) -> bytes:
    """job(note)'s bytes, computed in a forked child within `seconds` of wall time (and CPU time), at `nice`, with at
    most `memory` bytes more address space than the worker had; ``ChildFailed`` otherwise. What the child passes to
    ``note`` (progress) reaches ``on_note`` in the worker while it waits."""
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(job, writer, seconds, nice, memory), name="atlas-locate")
    child.start()
    writer.close()
    deadline = time.monotonic() + seconds
    try:
        while True:
            if not reader.poll(max(0.0, deadline - time.monotonic())):
                raise ChildFailed(f"stopped after {seconds:g} s", timed_out=True)
            frame = reader.recv_bytes()
            if frame[:1] == b"A":
                return frame[1:]
            if on_note is not None:
                on_note(frame[1:])
    except (EOFError, OSError) as exc:
        child.join(1)
        timed_out = child.exitcode in (-signal.SIGXCPU, -signal.SIGKILL)
        raise ChildFailed(f"the child process ended without an answer (exit {child.exitcode})", timed_out) from exc
    finally:
        reader.close()
        if child.is_alive():
            child.kill()
        child.join(5)
