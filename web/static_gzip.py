"""Static answers (scripts, styles, geometry) gzipped once, as small as gzip gets.

Every browser reads gzip, so the bytes of a first visit are the gzip of each file. At gzip's level 6 (what was served
before) the map pages' first load was above 1 MB; zopfli writes gzip streams that any browser reads and that are 4–5 %
smaller for code and 17 % smaller for geometry (nuts2.geojson: 150 → 124 kB), but it takes seconds per file. So a
file is compressed with zopfli once, in a background thread, the first time it is asked for, and kept in a store
shared by the workers (``$ATLAS_STATIC_GZ_DIR``, default ``data/.static-gz``); until it is there the answer is gzip at
level 9 (40 ms for plotly.js). A stored file is named by the SHA-256 of what it decompresses to and checked against it
when read, so a stale or replaced file is never served.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import tempfile
import threading
import time
import zlib
from functools import lru_cache
from pathlib import Path

import zopfli.gzip

from data.settings import settings

DEFAULT_STORE = Path(__file__).resolve().parents[1] / "data" / ".static-gz"
ZOPFLI_ITERATIONS = 3
MAX_ZOPFLI_BYTES = 4 * 1024 * 1024  # larger files (none a page loads) stay at level 9
STALE_CLAIM_SECONDS = 600
log = logging.getLogger("atlas.static_gzip")


def store_dir() -> Path:
    return settings().static_gz_dir or DEFAULT_STORE


class NotStored(LookupError):
    """No verified zopfli gzip of this content in the store (yet)."""


@lru_cache(maxsize=64)
def _stored(digest: str) -> bytes:
    """The stored gzip of the content with this digest, if it is there and decompresses to exactly that content (a
    miss raises, so only hits are remembered)."""
    try:
        packed = (store_dir() / f"{digest}.gz").read_bytes()
        if hashlib.sha256(gzip.decompress(packed)).hexdigest() == digest:
            return packed
    except (OSError, EOFError, zlib.error):
        pass
    raise NotStored(digest)


def compress_into_store(body: bytes) -> None:
    """Compress `body` into the store now, in this thread, unless it is there already."""
    digest = hashlib.sha256(body).hexdigest()
    try:
        _stored(digest)
    except NotStored:
        _compress_into_store(digest, body)
        _stored.cache_clear()


def _compress_into_store(digest: str, body: bytes) -> None:
    """zopfli, written under a temporary name and renamed: a reader sees the whole file or none. The claim (an
    exclusive ``.part`` file) keeps two workers from compressing the same file at once."""
    folder = store_dir()
    claim = folder / f"{digest}.part"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if claim.exists() and time.time() - claim.stat().st_mtime > STALE_CLAIM_SECONDS:
            claim.unlink(missing_ok=True)  # left by a worker that stopped while compressing
        os.close(os.open(claim, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
    except OSError:
        return  # another worker is at it, or the store is not writable: level 9 is served meanwhile
    try:
        packed = zopfli.gzip.compress(body, numiterations=ZOPFLI_ITERATIONS)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as out:
            out.write(packed)
        os.replace(out.name, folder / f"{digest}.gz")
    except OSError as exc:
        log.warning("could not store a compressed static file: %s", exc)
    finally:
        claim.unlink(missing_ok=True)


@lru_cache(maxsize=64)
def _level9(digest: str, body: bytes) -> bytes:
    if len(body) <= MAX_ZOPFLI_BYTES:
        threading.Thread(target=_compress_into_store, args=(digest, body), daemon=True, name="static-gzip").start()
    return gzip.compress(body, 9, mtime=0)  # the same bytes every time (no timestamp in the header)


def gzipped(body: bytes) -> bytes:
    """The smallest gzip of `body` at hand: the stored zopfli one, else level 9 (zopfli then starts for next time)."""
    digest = hashlib.sha256(body).hexdigest()
    try:
        return _stored(digest)
    except NotStored:
        return _level9(digest, body)
