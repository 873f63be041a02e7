"""Static files gzipped once with zopfli into a store shared by workers; a stored file is served only when it
decompresses to exactly the bytes asked for."""

from __future__ import annotations

import gzip
import hashlib
import time

import pytest

from web import static_gzip


@pytest.fixture()
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_STATIC_GZ_DIR", str(tmp_path))
    static_gzip._stored.cache_clear()
    static_gzip._level9.cache_clear()
    yield tmp_path
    static_gzip._stored.cache_clear()
    static_gzip._level9.cache_clear()


def wait_for_store(path, timeout: float = 60) -> None:
    """Until the background compression has written `path` and given up its claim."""
    deadline = time.time() + timeout
    while time.time() < deadline and (not path.exists() or list(path.parent.glob("*.part"))):
        time.sleep(0.05)


def test_first_answer_is_level_9_then_the_smaller_zopfli_one(store):
    body = b'{"type":"FeatureCollection","features":[' + b",".join(
        b'[%d.%04d,%d.%04d]' % (i % 40, i * 7 % 10000, 35 + i % 30, i * 13 % 10000) for i in range(20000)) + b"]}"
    first = static_gzip.gzipped(body)
    assert first == gzip.compress(body, 9, mtime=0)
    stored = store / f"{hashlib.sha256(body).hexdigest()}.gz"
    wait_for_store(stored)
    later = static_gzip.gzipped(body)
    assert gzip.decompress(later) == body and len(later) < len(first)
    assert not list(store.glob("*.part")) and not list(store.glob("*.tmp"))


def test_a_replaced_stored_file_is_never_served(store):
    body = b"console.log('the real script');" * 100
    digest = hashlib.sha256(body).hexdigest()
    (store / f"{digest}.gz").write_bytes(gzip.compress(b"alert('planted')"))
    answer = static_gzip.gzipped(body)
    assert gzip.decompress(answer) == body
    (store / f"{digest}.gz").write_bytes(b"not gzip at all")
    static_gzip._level9.cache_clear()
    assert gzip.decompress(static_gzip.gzipped(body)) == body


def test_an_unwritable_store_still_answers(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the store's folder should be")
    monkeypatch.setenv("ATLAS_STATIC_GZ_DIR", str(blocked / "store"))
    static_gzip._stored.cache_clear()
    static_gzip._level9.cache_clear()
    body = b"body { color: black; }" * 50
    assert gzip.decompress(static_gzip.gzipped(body)) == body


def test_the_store_is_warmed_at_start_once(store):
    from web.first_load import warm_static_store

    bodies = [b"var plotly = 1;" * 4000, b'{"type":"FeatureCollection"}' * 3000]
    warm_static_store(lambda: bodies).join(timeout=120)
    names = sorted(p.name for p in store.iterdir())
    assert names == sorted(f"{hashlib.sha256(b).hexdigest()}.gz" for b in bodies)
    stamps = [p.stat().st_mtime_ns for p in sorted(store.iterdir())]
    warm_static_store(lambda: bodies).join(timeout=120)
    assert [p.stat().st_mtime_ns for p in sorted(store.iterdir())] == stamps  # already there: not compressed again
    assert all(gzip.decompress(static_gzip.gzipped(b)) == b for b in bodies)
