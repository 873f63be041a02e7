"""A bounded, locked memo for figures that are pure functions of the loaded layer.

The layer is loaded once per process and never changes (a new layer is a new object, with its own hash), so
a rank table or a region's technology profile computed once from it stays true. The entries live in a
``cachetools.LRUCache`` whose size is their estimated bytes (``size_of``): each memo is bounded in bytes (and
in entries), so a memo of large values holds fewer of them. What cachetools' own ``cached`` decorator does not
give is kept here: one computation per key (``functools.lru_cache`` and ``cachetools.cached`` without a
condition let every thread that misses compute the same entry at once: under load, four threads of a worker
asking for the same new region each spent 0.6 s of CPU on one answer), and a fresh lock after a fork (an export
render child must not inherit a lock or a pending computation another thread held).

Keys start with the reader's language (``current_language()``: labels, units and descriptions of the catalogue
are read in it, so a profile computed for a Polish reader is never served to a French one), then the layer object
itself (hashed by identity: one object per layer hash in a process, plus the
bounded views with an imported indicator, ``data.layer.imported``), so no figure of one layer is ever served for
another. Values are shared between threads: store immutable values (tuples, frozen dataclasses, read-only
mappings) or copy them on the way out.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
import weakref
from collections.abc import Callable, Hashable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

import cachetools
import numpy as np
import pandas as pd

from data.layer.language import current_language

T = TypeVar("T")
_MEMOS: weakref.WeakSet = weakref.WeakSet()
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
SIZE_DEPTH = 6
_SCALARS = frozenset({str, bytes, int, float, bool, type(None)})
SAMPLE = 8  # items sized per container; larger containers are sized from an even sample


def size_of(value: object, depth: int = SIZE_DEPTH) -> int:
    """Estimated bytes `value` holds: containers with their items (a few levels deep), frames and arrays by their
    buffers. An estimate that errs high on shared small objects (interned strings, small ints), never low on the
    large ones that matter."""
    if type(value) in _SCALARS:
        return sys.getsizeof(value)
    if isinstance(value, pd.DataFrame):
        return sum(_column_size(value[name]) for name in value.columns) + _column_size(value.index)
    if isinstance(value, (pd.Series, pd.Index)):
        return _column_size(value)
    if isinstance(value, np.ndarray):
        return int(value.nbytes) + sys.getsizeof(value) if value.base is None else sys.getsizeof(value)
    size = sys.getsizeof(value)
    if depth <= 0 or isinstance(value, (str, bytes, int, float, bool)) or value is None:
        return size
    if isinstance(value, MappingProxyType):
        value = dict(value)
        size += sys.getsizeof(value)
    if isinstance(value, Mapping):
        return size + _items_size(list(value.items()), depth, pairs=True)
    if isinstance(value, (list, tuple, set, frozenset)):
        return size + _items_size(list(value), depth)
    if hasattr(value, "__dict__"):
        return size + size_of(vars(value), depth - 1)
    return size


def _column_size(column: pd.Series | pd.Index) -> int:
    """A column's buffers, and the Python objects of an ``object`` column (text) sized from an even sample, as in
    containers (``memory_usage(deep=True)`` measured every string: 1.5 ms for a map's frame of 1,500 regions)."""
    used = int(column.memory_usage(deep=False))
    return used + _items_size(column.tolist(), 1) if column.dtype == object else used


def _sample(items: list) -> list:
    """Every item of a small container; of a large one (a rank table of 1,500 regions, a profile of 60 items of
    20 fields each) an even sample, so sizing an entry costs far less than computing it (with samples of 128,
    sizing took 6 % of the varied bench's time, with 16 about 3 %)."""
    return items if len(items) <= SAMPLE else [items[n * len(items) // SAMPLE] for n in range(SAMPLE)]


def _items_size(items: list, depth: int, pairs: bool = False) -> int:
    """Bytes of the items (a sample's, scaled up to all of them and rounded up); of a mapping's (key, value) pairs,
    the key's and the value's."""
    sample = _sample(items)
    if pairs:
        total = sum(size_of(key, depth - 1) + size_of(item, depth - 1) for key, item in sample)
    else:
        total = sum(size_of(item, depth - 1) for item in sample)
    return -(-total * len(items) // len(sample)) if sample else 0


class LayerMemo:
    """Thread-safe LRU memo bounded in bytes and entries, with one computation per key (others wait for it)."""

    def __init__(self, maxsize: int = 1024, max_bytes: int = DEFAULT_MAX_BYTES):
        self.maxsize = max(1, maxsize)
        self.max_bytes = max(1, max_bytes)
        self._values: cachetools.LRUCache = cachetools.LRUCache(self.max_bytes, getsizeof=size_of)
        self._pending: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()
        _MEMOS.add(self)

    def _after_fork(self) -> None:
        """In a forked child (an export render) only the forking thread lives: a lock or a pending computation
        another thread held at the fork would never be released there."""
        self._lock = threading.Lock()
        self._pending = {}

    def get_or_compute(self, key: Hashable, compute: Callable[[], T]) -> T:
        while True:
            with self._lock:
                if key in self._values:
                    return self._values[key]  # a read marks it recently used
                pending = self._pending.get(key)
                if pending is None:
                    pending = self._pending[key] = threading.Event()
                    break
            pending.wait()  # another thread computes it; look again (it may have failed: then compute here)
        try:
            value = compute()
            with self._lock:
                self._keep(key, value)
            return value
        finally:
            with self._lock:
                del self._pending[key]
            pending.set()

    def _keep(self, key: Hashable, value: Any) -> None:
        try:
            self._values[key] = value
        except ValueError:  # larger than the whole bound: returned, never kept
            return
        while len(self._values) > self.maxsize:
            self._values.popitem()

    def __len__(self) -> int:
        with self._lock:
            return len(self._values)

    @property
    def total_bytes(self) -> int:
        with self._lock:
            return int(self._values.currsize)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


_MISSING = object()


class once_per_object:  # noqa: N801 - used as a decorator, like functools.cached_property
    """``functools.cached_property`` without its lock: the value is computed on first use and kept in the object.

    Python 3.11's ``cached_property`` holds a lock while it computes. The export renders are processes forked from a
    worker while its other threads run; a child forked while another thread held that lock (a layer with an imported
    list is a new object per request, so its properties are computed often) would wait on it forever, and the
    export was stopped after 300 s. Here two threads may compute the same value at once; the first one kept wins,
    so every reader sees one value."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        kept = obj.__dict__.get(self.name, _MISSING)
        if kept is _MISSING:
            kept = obj.__dict__.setdefault(self.name, self.func(obj))
        return kept


def _reset_after_fork() -> None:
    for memo in list(_MEMOS):
        memo._after_fork()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)


def layer_memo(maxsize: int = 1024, max_bytes: int = DEFAULT_MAX_BYTES) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Decorator: memoise ``func(layer, *args)`` (hashable arguments) in a ``LayerMemo`` bounded by `max_bytes` and
    `maxsize` entries; ``.memo`` is the store."""

    def decorate(func: Callable[..., T]) -> Callable[..., T]:
        memo = LayerMemo(maxsize, max_bytes)

        @functools.wraps(func)
        def wrapper(*args: Hashable) -> T:
            return memo.get_or_compute((current_language(), *args), lambda: func(*args))

        wrapper.memo = memo  # type: ignore[attr-defined]
        return wrapper

    return decorate
