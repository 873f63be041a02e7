"""Issue 24, item 4: one address cannot take nginx's connection table (`make serve-proxy`, on loopback).

4,500 idle connections with unfinished headers from one address made every /healthz through the proxy fail for
30 s: http's limit_conn counts a connection only once its headers are complete. The stream server in front
counts connections per address as they open, and the http side drops unfinished headers after 5 s.
"""

from __future__ import annotations

import shutil

import pytest

from bench.hostile import half_header_flood, start_server, stop_server

FLOOD = 4500
PER_ADDRESS = 64


@pytest.mark.skipif(not (shutil.which("nginx") or shutil.which("/usr/sbin/nginx")), reason="nginx not installed "
                    "(make proxy-deps)")
def test_half_header_flood_from_one_address_leaves_healthz_answering(layer_dir):
    proc, port = start_server(proxy=True, WEB_CONCURRENCY=1)
    try:
        opened, refused, still_open, sampler = half_header_flood(port, FLOOD, seconds=7)
    finally:
        stop_server(proc)
    assert sampler.timeouts == 0 and sampler.latencies and max(sampler.latencies) < 2, sampler.summary()
    assert opened + refused == FLOOD
    # Beyond the per-address limit connections are closed at once; the 64 admitted are dropped when their headers
    # are not complete after client_header_timeout (5 s).
    assert still_open == 0, (opened, refused, still_open)
