"""A kept-alive connection is closed after ``KEEPALIVE_REQUESTS`` answers (``web/gunicorn_worker.py``, like
nginx's ``keepalive_requests``), so clients that connected at once are dealt out again to the workers: gunicorn
with the atlas's worker class, a plain WSGI app, one HTTP/1.1 connection read with the standard library."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from web.gunicorn_worker import KEEPALIVE_REQUESTS

ROOT = Path(__file__).resolve().parents[2]
APP = "def app(environ, start_response):\n    start_response('200 OK', [('Content-Length', '2')])\n    return [b'ok']\n"


@pytest.fixture()
def server(tmp_path):
    (tmp_path / "hello_wsgi.py").write_text(APP)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "-k", "web.gunicorn_worker.HealthLaneWorker",
                             "--threads", "2", "-w", "1", "-b", f"127.0.0.1:{port}", "--chdir", str(tmp_path),
                             "--pythonpath", str(ROOT), "hello_wsgi:app"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    yield port
    proc.terminate()
    proc.wait(timeout=10)


def test_the_last_kept_alive_answer_closes_the_connection(server):
    connection = http.client.HTTPConnection("127.0.0.1", server, timeout=10)
    connection.connect()
    first = connection.sock
    headers = []
    for _ in range(KEEPALIVE_REQUESTS):
        connection.request("GET", "/")
        response = connection.getresponse()
        assert response.read() == b"ok"
        headers.append(response.getheader("Connection", "").lower())
    assert headers[:-1] == ["keep-alive"] * (KEEPALIVE_REQUESTS - 1) and headers[-1] == "close"
    connection.request("GET", "/")  # http.client opens a new connection, as a browser would
    assert connection.getresponse().read() == b"ok" and connection.sock is not first
