"""Issue 24, item 2: no code runs from a cached file, and no directory another user controls is ever used.

The export cache was Flask-Caching's pickle-based FileSystemCache at a predictable path, used whoever owned it:
another local user made the directory first, replaced an entry with a pickle of ``os.system`` and the next
identical export ran it as the server's user. kaleido's page was reused from a predictable path the same way.
"""

from __future__ import annotations

import logging
import os
import pickle
import stat

import pytest
from flask import Flask

from data.layer.private_dir import UnsafeDirectory, private_directory
from web.cache import cached_file, file_cache, init_cache, remember

OTHER_UID = 65534  # nobody


def _app(monkeypatch, folder) -> Flask:
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(folder))
    monkeypatch.delenv("ATLAS_CACHE_TYPE", raising=False)
    server = Flask(__name__)
    init_cache(server)
    return server


def test_a_cache_directory_owned_by_another_user_is_refused_and_logged(tmp_path, monkeypatch, caplog):
    if os.geteuid() != 0:
        pytest.skip("chown to another user needs root")
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    os.chown(folder, OTHER_UID, OTHER_UID)
    with caplog.at_level(logging.ERROR):
        server = _app(monkeypatch, folder)
    assert "refusing to use" in caplog.text and f"uid {OTHER_UID}" in caplog.text
    with server.app_context():
        assert file_cache() is None
        remember("atlas:k", b"body", max_bytes=100, name="f.png")
        assert cached_file("atlas:k") is None
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o1777])
def test_a_cache_directory_others_can_write_into_is_refused(tmp_path, monkeypatch, mode):
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(mode)
    with _app(monkeypatch, folder).app_context():
        assert file_cache() is None


def test_a_symbolic_link_is_refused(tmp_path):
    (tmp_path / "real").mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with pytest.raises(UnsafeDirectory, match="symbolic link"):
        private_directory(tmp_path / "link")


def test_the_server_creates_its_cache_directory_private_and_no_entry_is_a_pickle(tmp_path, monkeypatch):
    folder = tmp_path / "new" / "cache"
    server = _app(monkeypatch, folder)
    info = os.lstat(folder)
    assert stat.S_IMODE(info.st_mode) == 0o700 and info.st_uid == os.geteuid()
    with server.app_context():
        remember("atlas:a", b"%PDF-1.7 body", max_bytes=10**6, name="brief.pdf")
        remember("atlas:b", pickle.dumps({"x": 1}), max_bytes=10**6, name="odd.bin")
        assert cached_file("atlas:a") == ("brief.pdf", b"%PDF-1.7 body")
        assert cached_file("atlas:b") == ("odd.bin", pickle.dumps({"x": 1}))  # bytes come back as bytes
    entries = [p for p in folder.iterdir() if p.is_file()]
    assert len(entries) == 2
    for entry in entries:
        raw = entry.read_bytes()
        assert raw.startswith(b'{"key": "atlas:')  # a line of JSON, then the body's bytes
        with pytest.raises(pickle.UnpicklingError):
            pickle.loads(raw)


def test_a_replaced_entry_never_runs_code_and_is_not_served(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    server = _app(monkeypatch, folder)
    marker = tmp_path / "ran"
    with server.app_context():
        remember("atlas:a", b"good", max_bytes=100, name="a.png")
        (entry,) = list(folder.iterdir())

        class Payload:
            def __reduce__(self):
                return (os.system, (f"touch {marker}",))

        entry.write_bytes(pickle.dumps(("a.png", b"good")) + pickle.dumps(Payload()))
        assert cached_file("atlas:a") is None
        entry.write_bytes(b'{"key": "atlas:a", "name": "a.png", "size": 4, "sha256": "0"}\nevil')
        assert cached_file("atlas:a") is None
    assert not marker.exists()


def test_the_cache_keeps_at_most_its_item_count(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_CACHE_ITEMS", "3")
    server = _app(monkeypatch, tmp_path / "cache")
    with server.app_context():
        for n in range(6):
            remember(f"atlas:{n}", b"x" * n, max_bytes=100)
        assert len(file_cache()) == 3 and cached_file("atlas:5") == ("", b"xxxxx")


def test_the_kaleido_page_is_never_read_from_a_directory_someone_else_made(tmp_path, monkeypatch):
    import hashlib
    import tempfile

    from kaleido import PageGenerator

    import exports.render as render

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    html = PageGenerator(mathjax=False, others=[str(render.GEO_ASSETS)]).generate_index()
    planted = tmp_path / f"atlas-kaleido-{os.geteuid()}-{hashlib.sha256(html.encode()).hexdigest()[:16]}"
    planted.mkdir()
    (planted / "index.html").write_text("<script>fetch('https://evil.example/')</script>", encoding="utf-8")
    if os.geteuid() == 0:
        os.chown(planted, OTHER_UID, OTHER_UID)
        os.chown(planted / "index.html", OTHER_UID, OTHER_UID)
    render._index_page.cache_clear()
    try:
        index = render._index_page()
    finally:
        render._index_page.cache_clear()
    info = os.lstat(index.parent)
    assert info.st_uid == os.geteuid() and stat.S_IMODE(info.st_mode) == 0o755
    assert stat.S_IMODE(os.lstat(index).st_mode) == 0o644
    assert index.parent != planted and "evil.example" not in index.read_text(encoding="utf-8")
    assert index.read_text(encoding="utf-8") == html
