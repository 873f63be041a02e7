"""Every in-memory cache holds at most its byte bound, and the bytes it counts cover what it holds (issue #31)."""

from __future__ import annotations

import random
import sys

import numpy as np
import pandas as pd

from data.layer.memo import LayerMemo, layer_memo, size_of
from web.response_cache import ResponseCache, make_entry


def test_size_of_counts_what_a_value_holds():
    text = "x" * 10_000
    assert size_of(text) >= 10_000
    assert size_of((text, text)) >= 20_000  # counted per reference: errs high, never low
    assert size_of({"a": [b"y" * 5000, {"b": text}]}) >= 15_000
    frame = pd.DataFrame({"v": np.arange(10_000, dtype="float64"), "s": ["abc"] * 10_000})
    assert size_of(frame) >= 80_000 + 10_000 * 3
    assert size_of(np.zeros(1000)) >= 8000


def test_a_memo_never_holds_more_than_its_byte_bound():
    bound = 200_000
    memo = LayerMemo(maxsize=10_000, max_bytes=bound)
    rng = random.Random(7)
    for n in range(300):
        memo.get_or_compute(n, lambda: "v" * rng.randrange(100, 30_000))
        assert memo.total_bytes <= bound
    kept = list(memo._values.values())
    assert memo.total_bytes == sum(size_of(v) for v in kept) >= sum(sys.getsizeof(v) for v in kept)
    assert 5 < len(memo) < 300  # bounded by bytes, not by its 10,000 entries


def test_a_value_larger_than_the_bound_is_returned_but_not_kept():
    memo = LayerMemo(maxsize=10, max_bytes=1000)
    assert memo.get_or_compute("big", lambda: "z" * 5000) == "z" * 5000
    assert len(memo) == 0 and memo.total_bytes == 0


def test_the_decorator_bounds_bytes_too():
    @layer_memo(maxsize=1000, max_bytes=50_000)
    def table(layer, code):
        return tuple(f"{code}-{n}" for n in range(200))

    layer = object()
    for n in range(100):
        table(layer, f"R{n}")
    assert table.memo.total_bytes <= 50_000 and len(table.memo) < 100


def test_the_answer_cache_counts_body_gzip_and_headers_within_its_bound():
    bound = 100_000
    cache = ResponseCache(max_bytes=bound, max_entry_bytes=20_000)
    rng = random.Random(3)
    for n in range(200):
        body = bytes(rng.randrange(256) for _ in range(rng.randrange(200, 8000)))
        entry = make_entry(200, "application/json", body, (("Content-Disposition", "attachment; x=" + "y" * 50),))
        assert entry.size >= len(entry.body) + len(entry.gzipped or b"") + 60
        cache.put(f"key-{n}", entry)
        assert cache.total_bytes <= bound
    assert cache.total_bytes == sum(e.size for e in cache._entries.values())
