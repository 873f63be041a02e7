"""Rendered exports and downloads cached by (layer hash, normalised query, format).

A file is a pure function of the layer and the normalised query, so it can be kept until the layer changes
(the layer hash is part of the key). Flask-Caching's FileSystemCache (cachelib) writes each entry to a
temporary file and renames it into place, so every gunicorn worker and thread shares one cache safely; the
number of entries (``ATLAS_CACHE_ITEMS``) and the size of one entry (``ATLAS_CACHE_MAX_ENTRY_MB``) bound its
disk use. ``ATLAS_CACHE_TYPE=RedisCache`` with ``ATLAS_CACHE_REDIS_URL`` shares it between machines.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from flask import Flask
from flask_caching import Cache

from data.layer import Layer

APP_ROOT = Path(__file__).resolve().parents[1]
cache = Cache()


def init_cache(server: Flask) -> None:
    uid = os.getuid() if hasattr(os, "getuid") else 0
    cache.init_app(server, config={
        "CACHE_TYPE": os.environ.get("ATLAS_CACHE_TYPE", "FileSystemCache"),
        "CACHE_DIR": os.environ.get("ATLAS_CACHE_DIR") or os.path.join(tempfile.gettempdir(), f"cluster-atlas-cache-{uid}"),
        "CACHE_THRESHOLD": int(os.environ.get("ATLAS_CACHE_ITEMS", "64")),
        "CACHE_REDIS_URL": os.environ.get("ATLAS_CACHE_REDIS_URL", ""),
        "CACHE_DEFAULT_TIMEOUT": 0,
    })
    server.config["ATLAS_CACHE_MAX_ENTRY_BYTES"] = int(float(os.environ.get("ATLAS_CACHE_MAX_ENTRY_MB", "16")) * 1e6)


def normalised_query(query: Mapping) -> str:
    """One text per meaning: keys sorted, repeated values sorted, empty values dropped."""
    items = {}
    for key, value in query.items():
        values = value if isinstance(value, (list, tuple)) else [value]
        kept = sorted(str(v) for v in values if v not in (None, ""))
        if kept:
            items[str(key)] = kept
    return json.dumps(items, sort_keys=True, ensure_ascii=True)


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """Changes with any source file of the app, so a new release never serves files the old one made."""
    digest = hashlib.sha256()
    for path in sorted(APP_ROOT.glob("[!.]*/**/*.py")):
        if path.parts[len(APP_ROOT.parts)] not in ("tests", "bench"):
            stat = path.stat()
            digest.update(f"{path.relative_to(APP_ROOT)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=8)
def layer_stamp(layer: Layer) -> str:
    """The layer hash plus the lists `python -m data.import` added to it (they are outside the manifest)."""
    digest = hashlib.sha256(str(layer.manifest["layer_hash"]).encode())
    for path in sorted((layer.path / "imports").glob("*.json")):
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def cache_key(kind: str, layer: Layer, query: str, fmt: str) -> str:
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    return f"atlas:{kind}:{layer_stamp(layer)}:{code_stamp()}:{digest}:{fmt}"


def cached_file(key: str) -> tuple[str, bytes] | None:
    """(file name, body) stored under `key`, or None."""
    try:
        hit = cache.get(key)
    except Exception:  # a broken cache backend must not stop a download  # noqa: BLE001
        return None
    ok = isinstance(hit, tuple) and len(hit) == 2 and isinstance(hit[0], str) and isinstance(hit[1], bytes)
    return hit if ok else None


def cached_bytes(key: str) -> bytes | None:
    hit = cached_file(key)
    return hit[1] if hit else None


def remember(key: str, body: bytes, max_bytes: int, name: str = "") -> None:
    if len(body) <= max_bytes:
        try:
            cache.set(key, (name, body), timeout=0)
        except Exception:  # noqa: BLE001 — a full disk only loses the cache, never the response
            pass
