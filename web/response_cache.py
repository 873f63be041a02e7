"""Whole responses of read-only views kept in memory per worker, by (layer, code, normalised request).

Under load the same map update, region profile or API answer is asked for again and again, and each time the
server rebuilt it from the layer, serialised it to JSON and gzipped it (50–100 ms of CPU for a map update or a
profile panel). These answers are pure functions of the layer, the code and the request: the map view of an
indicator, level and year never changes while the layer is the same. So the finished bytes — raw and gzipped —
are kept, and an identical request is answered from them in well under a millisecond.

What may be cached is listed here, never guessed: GET answers of the JSON API (``/api/``), of downloads
(``/download/``, files that web/cache.py already keeps by query) and the page shells Dash sends for a page's
path (keyed with the host too: their meta tags carry the absolute URL), and the Dash callbacks marked
``@answer_cached`` where they are defined (the explorer's view callbacks; a test lists them). Everything else — uploads, imports, storyboards, exports, the page
router, ``/healthz`` — is never cached, nor is an answer that sets a cookie. The key holds the layer stamp
(layer hash plus shared imports), the code stamp and the request's language (``web/language.py``: its words differ), so a new layer or release never sees old answers. The cache is bounded (bytes and entry size), LRU, and
locked: it is the only mutable state, one per worker, and holds nothing per user beyond what the request
itself carried. The store is a ``cachetools.LRUCache`` sized by each entry's bytes (body, gzip, headers and key).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import cachetools
import dash
from flask import Flask, Response, g, request

from data.layer import get_layer
from data.settings import settings
from domain.i18n import current_language
from web.cache import code_stamp, layer_stamp
from web.pages import serves_path

CALLBACK_PATH = "/_dash-update-component"
CACHED_GET_PREFIXES = ("/api/", "/download/")
# Headers that belong to one answer on the wire (set again on every answer), never stored.
WIRE_HEADERS = frozenset({"content-length", "content-encoding", "content-type", "vary", "x-cache", "set-cookie"})
CACHED_MARK = "atlas_answer_cached"
F = TypeVar("F", bound=Callable)
MAX_KEY_BODY = 64 * 1024  # bodies larger than this (imported lists sent along) are not worth keeping
GZIP_MIN_SIZE = 500  # the same threshold as Flask-Compress (COMPRESS_MIN_SIZE)


@dataclass(frozen=True)
class CachedResponse:
    status: int
    content_type: str
    body: bytes
    gzipped: bytes | None
    headers: tuple[tuple[str, str], ...] = ()

    @property
    def size(self) -> int:
        """Bytes held: the body, its gzip, the headers kept, and (with ``ENTRY_OVERHEAD``) the key and objects."""
        return (len(self.body) + len(self.gzipped or b"") + sum(len(k) + len(v) for k, v in self.headers)
                + ENTRY_OVERHEAD)


ENTRY_OVERHEAD = 512  # the key (about 100 characters), this object and the LRU's bookkeeping


class ResponseCache:
    """A thread-safe LRU (``cachetools.LRUCache``) bounded by total bytes and by the size of one entry."""

    def __init__(self, max_bytes: int, max_entry_bytes: int):
        self.max_bytes = max_bytes
        self.max_entry_bytes = min(max_entry_bytes, max_bytes)
        self._entries: cachetools.LRUCache = cachetools.LRUCache(max(1, max_bytes), getsizeof=lambda e: e.size)
        self._lock = threading.Lock()

    @classmethod
    def from_env(cls) -> ResponseCache:
        config = settings()
        return cls(max_bytes=int(config.response_cache_mb * 1e6), max_entry_bytes=int(config.response_cache_max_entry_mb * 1e6))

    def get(self, key: str) -> CachedResponse | None:
        with self._lock:
            return self._entries.get(key)  # a hit becomes the most recently used

    def put(self, key: str, entry: CachedResponse) -> bool:
        """Keep `entry` (evicting the least recently used); False when it is too large to keep."""
        if entry.size > self.max_entry_bytes:
            return False
        with self._lock:
            self._entries[key] = entry
        return True

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    @property
    def total_bytes(self) -> int:
        with self._lock:
            return int(self._entries.currsize)


def make_entry(status: int, content_type: str, body: bytes, headers: tuple[tuple[str, str], ...] = ()) -> CachedResponse:
    """The raw body and, when worth it, its gzip (compressed once here instead of on every answer)."""
    gzipped = gzip.compress(body, 6) if len(body) >= GZIP_MIN_SIZE else None
    return CachedResponse(status=status, content_type=content_type, body=body, gzipped=gzipped, headers=headers)


def answer_cached(func: F) -> F:
    """Mark a Dash callback whose answer may be kept (put it under ``@callback``): it returns what its inputs and
    the layer say and nothing else, sets no cookie and reads nothing per user beyond the request. Dash's wrapper
    copies the mark (``functools.wraps``), so the callback map shows it."""
    setattr(func, CACHED_MARK, True)
    return func


def is_pure_callback(func) -> bool:
    return getattr(func, CACHED_MARK, False) is True


def callback_request_text(body: bytes, callback_map: dict) -> str | None:
    """The normalised text of a callback request to a pure view callback, or None when it must not be cached."""
    if len(body) > MAX_KEY_BODY:
        return None
    try:
        parsed = json.loads(body)
    except ValueError:
        return None
    if not isinstance(parsed, dict) or not isinstance(parsed.get("output"), str):
        return None
    entry = callback_map.get(parsed["output"])
    if not isinstance(entry, dict) or not is_pure_callback(entry.get("callback")):
        return None
    return json.dumps(parsed, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def get_request_text(path: str, items: list[tuple[str, str]]) -> str:
    """Parameters in name order; repeated ones keep their order (it can carry meaning)."""
    return json.dumps([path, sorted(items, key=lambda kv: kv[0])], ensure_ascii=True)


def cacheable_get(path: str) -> bool:
    return path.startswith(CACHED_GET_PREFIXES) or serves_path(path)


def request_text() -> str | None:
    """What identifies the current request's answer, or None when it is not cacheable."""
    if request.method == "GET" and cacheable_get(request.path):
        return get_request_text(request.host_url + request.path.lstrip("/"), list(request.args.items(multi=True)))
    if request.method == "POST" and request.path == CALLBACK_PATH:
        return callback_request_text(request.get_data(cache=True), dash.get_app().callback_map)
    return None


def response_key(text: str) -> str | None:
    try:
        layer = get_layer()
    except Exception:  # a missing or damaged layer: the route answers 503 itself, nothing is kept  # noqa: BLE001
        return None
    digest = hashlib.sha256(text.encode()).hexdigest()[:40]
    return f"{layer_stamp(layer)}:{code_stamp()}:{current_language()}:{digest}"


def accepts_gzip() -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "")


def answer(entry: CachedResponse, cache_state: str) -> Response:
    zipped = entry.gzipped is not None and accepts_gzip()
    response = Response(entry.gzipped if zipped else entry.body, status=entry.status, content_type=entry.content_type,
                        headers=list(entry.headers))
    if zipped:
        response.headers["Content-Encoding"] = "gzip"
    if entry.gzipped is not None:
        response.headers["Vary"] = "Accept-Encoding"
    response.headers["X-Cache"] = cache_state
    return response


def init_response_cache(server: Flask, cache: ResponseCache | None = None) -> ResponseCache:
    """Register the lookup (after the request checks already registered) and the store (before compression)."""
    store = cache or ResponseCache.from_env()
    server.extensions["atlas_response_cache"] = store

    @server.before_request
    def cached_answer():
        text = request_text()
        key = response_key(text) if text is not None else None
        if key is None:
            return None
        hit = store.get(key)
        if hit is not None:
            return answer(hit, "hit")
        g.atlas_response_key = key
        return None

    @server.after_request
    def keep_answer(response: Response) -> Response:
        key = g.pop("atlas_response_key", None)
        if (key is None or response.status_code != 200 or response.direct_passthrough or response.is_streamed
                or "Content-Encoding" in response.headers or "Set-Cookie" in response.headers):
            return response
        kept = tuple((name, value) for name, value in response.headers.items() if name.lower() not in WIRE_HEADERS)
        entry = make_entry(response.status_code, response.content_type or "application/json", response.get_data(), kept)
        store.put(key, entry)
        if entry.gzipped is not None and accepts_gzip():
            response.set_data(entry.gzipped)
            response.headers["Content-Encoding"] = "gzip"
        if entry.gzipped is not None:
            response.headers["Vary"] = "Accept-Encoding"
        response.headers.setdefault("X-Cache", "miss")  # a download says what the file cache did
        return response

    return store
