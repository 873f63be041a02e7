"""gunicorn's threaded worker with a lane of its own for health checks (``deploy/gunicorn.conf.py``'s worker class).

The threaded worker hands every readable connection to one pool of ``GUNICORN_THREADS`` threads, first come first
served. Under a load that keeps those threads busy (50 users without think time), a load balancer's ``GET /healthz``
waited behind them: 1.6 s at p95 and 2.5 s at most in the varied bench, where a health check must answer within a
second or the worker is taken out of service although it is working. Here a connection whose waiting bytes begin
with ``GET /healthz`` (read with ``MSG_PEEK``, so nothing is consumed) goes to a one-thread pool of its own. It is
answered by the same app, through the same checks, in the same process; it still shares the interpreter lock with
the busy threads, which hand it over every few milliseconds. A new connection whose request has not arrived yet
takes the usual pool, as before.

A kept-alive connection also stays with the worker that accepted it. Fifty clients that connect at once are dealt
out unevenly (one worker may get thirty), and with keep-alive that lasts as long as they do: in the varied bench
the same code gave p95 433 ms in one run and 528 ms in the next. Like nginx's ``keepalive_requests``, a connection
is closed after ``KEEPALIVE_REQUESTS`` answers (``Connection: close`` on the last); the client connects again and
the worker that is freer to accept takes it.
"""

from __future__ import annotations

import socket
from concurrent import futures

from gunicorn.workers.gthread import ThreadWorker

HEALTH_REQUEST = b"GET /healthz "
KEEPALIVE_REQUESTS = 100


def asks_for_health(sock: socket.socket) -> bool:
    """Whether the bytes waiting on `sock` are a health check's request line (without reading them, never waiting)."""
    try:
        head = sock.recv(len(HEALTH_REQUEST), socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except OSError:  # nothing there yet (EAGAIN), or the connection is gone: the usual path decides
        return False
    return head == HEALTH_REQUEST


class HealthLaneWorker(ThreadWorker):
    """``gthread`` with health checks answered by a thread of their own."""

    def init_process(self) -> None:
        self.health_lane = futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="health-lane")
        super().init_process()

    def handle_request(self, req, conn):
        """Count the connection's answers and close it after the last one ``KEEPALIVE_REQUESTS`` allows."""
        conn.answered = getattr(conn, "answered", 0) + 1
        if conn.answered >= KEEPALIVE_REQUESTS:
            req.must_close = True
        return super().handle_request(req, conn)

    def enqueue_req(self, conn) -> None:
        if not asks_for_health(conn.sock):
            super().enqueue_req(conn)
            return
        done = self.health_lane.submit(self.handle, conn)
        done.add_done_callback(lambda answered: self.method_queue.defer(self.finish_request, conn, answered))
