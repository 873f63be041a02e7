"""A bounded, locked memo for figures that are pure functions of the loaded layer.

The layer is loaded once per process and never changes (a new layer is a new object, with its own hash), so
a rank table or a region's technology profile computed once from it stays true. ``functools.lru_cache`` would
keep them too, but lets every thread that misses compute the same entry at once: under load, four threads of
a worker asking for the same new region each spent 0.6 s of CPU on one answer. Here the first thread computes
and the others wait for its result (one computation per key), and the memo holds at most ``maxsize`` entries.

Keys start with the reader's language (``current_language()``: labels, units and descriptions of the catalogue are
read in it, so a profile computed for a Polish reader is never served to a French one), then the layer object itself (hashed by identity: one object per layer hash in a process, plus the
bounded views with an imported indicator, ``data.layer.imported``), so no figure of one layer is ever served for
another. Values are shared between threads: store immutable values (tuples, frozen dataclasses, read-only
mappings) or copy them on the way out.
"""

from __future__ import annotations

import functools
import os
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from data.layer.language import current_language

T = TypeVar("T")
_MEMOS: weakref.WeakSet = weakref.WeakSet()


class LayerMemo:
    """Thread-safe LRU memo with one computation per key (others wait for it)."""

    def __init__(self, maxsize: int):
        self.maxsize = max(1, maxsize)
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
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
                    self._values.move_to_end(key)
                    return self._values[key]
                pending = self._pending.get(key)
                if pending is None:
                    pending = self._pending[key] = threading.Event()
                    break
            pending.wait()  # another thread computes it; look again (it may have failed: then compute here)
        try:
            value = compute()
            with self._lock:
                self._values[key] = value
                while len(self._values) > self.maxsize:
                    self._values.popitem(last=False)
            return value
        finally:
            with self._lock:
                del self._pending[key]
            pending.set()

    def __len__(self) -> int:
        with self._lock:
            return len(self._values)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


def _reset_after_fork() -> None:
    for memo in list(_MEMOS):
        memo._after_fork()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)


def layer_memo(maxsize: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Decorator: memoise ``func(layer, *args)`` (hashable arguments) in a ``LayerMemo``; ``.memo`` is the store."""

    def decorate(func: Callable[..., T]) -> Callable[..., T]:
        memo = LayerMemo(maxsize)

        @functools.wraps(func)
        def wrapper(*args: Hashable) -> T:
            return memo.get_or_compute((current_language(), *args), lambda: func(*args))

        wrapper.memo = memo  # type: ignore[attr-defined]
        return wrapper

    return decorate
