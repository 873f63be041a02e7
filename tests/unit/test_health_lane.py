"""Health checks take a lane of their own in each gunicorn worker (``web/gunicorn_worker.py``): a connection whose
waiting request is ``GET /healthz`` goes to the health thread, every other one (and one with nothing to read yet)
to the request threads, and nothing is read off the socket on the way."""

from __future__ import annotations

import socket
from concurrent import futures
from types import SimpleNamespace

import pytest

from web.gunicorn_worker import HealthLaneWorker, asks_for_health


@pytest.fixture()
def pair():
    ours, theirs = socket.socketpair()
    yield ours, theirs
    ours.close()
    theirs.close()


@pytest.mark.parametrize(("sent", "health"), [
    (b"GET /healthz HTTP/1.1\r\nHost: atlas\r\n\r\n", True),
    (b"GET /healthz?full=1 HTTP/1.1\r\n\r\n", False),
    (b"GET /healthzz HTTP/1.1\r\n\r\n", False),
    (b"POST /healthz HTTP/1.1\r\n\r\n", False),
    (b"GET /technology HTTP/1.1\r\n\r\n", False),
    (b"GET /heal", False),
    (b"", False),
])
def test_only_a_health_request_line_takes_the_lane(pair, sent, health):
    ours, theirs = pair
    if sent:
        theirs.sendall(sent)
    assert asks_for_health(ours) is health
    if sent:
        assert ours.recv(len(sent)) == sent  # peeked, not consumed


def test_a_closed_connection_takes_the_usual_path(pair):
    ours, theirs = pair
    ours.close()
    assert asks_for_health(ours) is False


class Pool:
    def __init__(self) -> None:
        self.handled: list = []

    def submit(self, job, conn):
        self.handled.append(conn)
        done: futures.Future = futures.Future()
        done.set_result(True)
        return done


def test_the_worker_routes_health_checks_to_their_lane(pair):
    ours, theirs = pair
    worker = HealthLaneWorker.__new__(HealthLaneWorker)  # routing only: no process, no sockets to listen on
    worker.tpool, worker.health_lane = Pool(), Pool()
    finished = []
    worker.method_queue = SimpleNamespace(defer=lambda callback, conn, answered: finished.append(conn))
    worker.handle = lambda conn: True
    health, page = SimpleNamespace(sock=ours), SimpleNamespace(sock=theirs)
    theirs.sendall(b"GET /healthz HTTP/1.1\r\n\r\n")
    ours.sendall(b"GET /clusters HTTP/1.1\r\n\r\n")
    worker.enqueue_req(health)
    worker.enqueue_req(page)
    assert worker.health_lane.handled == [health] and worker.tpool.handled == [page]
    assert finished == [health, page]
