"""Rendered exports and downloads cached by (layer hash, normalised query, format), as plain files.

A file is a pure function of the layer and the normalised query, so it can be kept until the layer changes
(the layer hash is part of the key). Each entry is one file: a line of JSON (the key, the file name, the size
and sha256 of the body) and the body's bytes. Nothing is ever unpickled or evaluated: a file another user could
replace would at worst be a wrong download, and the directory rules that out. It is ``ATLAS_CACHE_DIR`` (default
``cluster-atlas-cache-<uid>`` in the temp dir), created by the server with mode 0700 and used only while owned
by the server's user and writable by nobody else (``data/layer/private_dir.py``); otherwise the refusal is logged and
files are rendered every time. Entries are written to a temporary file and renamed into place, so every
gunicorn worker and thread shares the cache safely; the number of entries (``ATLAS_CACHE_ITEMS``) and the size
of one (``ATLAS_CACHE_MAX_ENTRY_MB``) bound its disk use. ``ATLAS_CACHE_TYPE=NullCache`` turns it off.
(Flask-Caching's FileSystemCache pickled its entries: a local user who made the directory first could replace
an entry with a pickle that ran code as the server's user.)
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flask import Flask, current_app, has_app_context

from data.layer import Layer
from data.layer.private_dir import UnsafeDirectory, private_directory
from data.settings import settings
from domain.i18n import current_language

APP_ROOT = Path(__file__).resolve().parents[1]
EXTENSION = "atlas_file_cache"
SUFFIX = ".entry"
MAX_HEADER = 4096
log = logging.getLogger("atlas.cache")


@dataclass(frozen=True)
class FileCache:
    """Entries as files in a private directory; no state in memory, so any number of workers share it."""

    folder: Path
    max_items: int

    def _path(self, key: str) -> Path:
        return self.folder / (hashlib.sha256(key.encode()).hexdigest() + SUFFIX)

    def get(self, key: str) -> tuple[str, bytes] | None:
        """(file name, body) stored under `key`, or None (absent, or not exactly what was stored)."""
        try:
            handle = os.open(self._path(key), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return None
        with os.fdopen(handle, "rb") as entry:
            header = entry.readline(MAX_HEADER)
            body = entry.read()
        try:
            meta = json.loads(header)
        except ValueError:
            return None
        ok = (isinstance(meta, dict) and meta.get("key") == key and isinstance(meta.get("name"), str)
              and meta.get("size") == len(body) and meta.get("sha256") == hashlib.sha256(body).hexdigest())
        return (meta["name"], body) if ok else None

    def set(self, key: str, name: str, body: bytes) -> None:
        header = json.dumps({"key": key, "name": name, "size": len(body),
                             "sha256": hashlib.sha256(body).hexdigest()}).encode() + b"\n"
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(header)
                out.write(body)
            os.replace(temporary, self._path(key))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self._prune()

    def _prune(self) -> None:
        """The oldest entries beyond ``max_items`` are removed (as Flask-Caching's threshold did)."""
        entries = []
        for path in self.folder.glob("*" + SUFFIX):
            try:
                entries.append((path.stat().st_mtime_ns, path))
            except OSError:
                continue
        for _, path in sorted(entries)[:max(0, len(entries) - self.max_items)]:
            path.unlink(missing_ok=True)

    def clear(self) -> None:
        for path in self.folder.glob("*" + SUFFIX):
            path.unlink(missing_ok=True)

    def __len__(self) -> int:
        return sum(1 for _ in self.folder.glob("*" + SUFFIX))


def default_cache_dir() -> Path:
    return settings().cache_dir


def init_cache(server: Flask) -> None:
    config = settings()
    server.config["ATLAS_CACHE_MAX_ENTRY_BYTES"] = int(config.cache_max_entry_mb * 1e6)
    kind = config.cache_type
    server.extensions[EXTENSION] = None
    if kind == "NullCache":
        return
    if kind != "FileSystemCache":
        log.error("ATLAS_CACHE_TYPE=%s is not supported (entries are plain files, never pickles): using the file "
                  "cache in ATLAS_CACHE_DIR", kind[:40])
    try:
        folder = private_directory(default_cache_dir())
    except UnsafeDirectory:
        return  # logged: exports are rendered every time rather than read from a directory someone else controls
    server.extensions[EXTENSION] = FileCache(folder, config.cache_items)


def file_cache() -> FileCache | None:
    """The app's cache, or None (turned off, refused, or outside a request)."""
    return current_app.extensions.get(EXTENSION) if has_app_context() else None


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
    """Changes with any source file or translation catalogue of the app, so a new release never serves files the
    old one made."""
    digest = hashlib.sha256()
    catalogues = [*APP_ROOT.glob("locales/*/LC_MESSAGES/*.po"), *APP_ROOT.glob("locales/*/LC_MESSAGES/*.mo")]
    for path in sorted([*APP_ROOT.glob("[!.]*/**/*.py"), *catalogues]):
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
    """One key per file: its kind, layer, code, query, format and the language its words are in."""
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    return f"atlas:{kind}:{layer_stamp(layer)}:{code_stamp()}:{current_language()}:{digest}:{fmt}"


def cached_file(key: str, store: FileCache | None = None) -> tuple[str, bytes] | None:
    """(file name, body) stored under `key`, or None. `store` defaults to the app's (for code run outside the
    request's context, such as a render child)."""
    store = store or file_cache()
    try:
        return store.get(key) if store else None
    except OSError:  # a broken cache directory must not stop a download
        return None


def cached_bytes(key: str, store: FileCache | None = None) -> bytes | None:
    hit = cached_file(key, store)
    return hit[1] if hit else None


def remember(key: str, body: bytes, max_bytes: int, name: str = "", store: FileCache | None = None) -> None:
    store = store or file_cache()
    if store is not None and len(body) <= max_bytes:
        try:
            store.set(key, name, body)
        except OSError:  # a full disk only loses the cache, never the response
            pass
