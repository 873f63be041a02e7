"""The bounded, locked per-layer memo (data/layer/memo.py) and the one-sort rank table (domain/profile.py); no layer needed."""

from __future__ import annotations

import threading
import time

import pandas as pd

from data.layer.memo import LayerMemo, layer_memo
from data.layer.pools import pool_ranks, rank_in_pool

VALUES = pd.Series({"DE11": 9.0, "DE12": 7.0, "FR10": 7.0, "PL21": 1.0, "AT13": None, "IT11": 0.5})


def test_memo_keeps_values_per_key_and_is_bounded():
    calls = []
    memo = LayerMemo(maxsize=3)
    for key in ["a", "b", "a", "c", "d", "a"]:
        assert memo.get_or_compute(key, lambda k=key: calls.append(k) or k.upper()) == key.upper()
    assert calls == ["a", "b", "c", "d"]  # "a" was used again before "d" came, so "b" went first
    assert len(memo) == 3
    memo.get_or_compute("b", lambda: calls.append("b again"))
    assert calls[-1] == "b again" and len(memo) == 3


def test_memo_keys_start_with_the_layer():
    class Layer:  # hashed by identity, like data.layer.Layer
        pass

    one, other = Layer(), Layer()

    @layer_memo(maxsize=8)
    def figure(layer, code):
        return (id(layer), code)

    assert figure(one, "DE1") == (id(one), "DE1")
    assert figure(other, "DE1") == (id(other), "DE1")
    assert len(figure.memo) == 2


def test_many_threads_asking_at_once_share_one_computation():
    calls = []
    memo = LayerMemo(maxsize=4)

    def slow():
        calls.append(1)
        time.sleep(0.2)
        return ("rank", 3)

    results = []
    threads = [threading.Thread(target=lambda: results.append(memo.get_or_compute("k", slow))) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [("rank", 3)] * 16 and len(calls) == 1


def test_a_failed_computation_is_not_kept_and_the_waiters_retry():
    memo = LayerMemo(maxsize=4)
    attempts = []

    def flaky():
        attempts.append(1)
        if len(attempts) == 1:
            time.sleep(0.1)
            raise ValueError("first try fails")
        return 42

    out = []

    def ask():
        try:
            out.append(memo.get_or_compute("k", flaky))
        except ValueError:
            out.append("error")

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(out, key=str) == [42, 42, 42, "error"] and len(attempts) == 2


def test_pool_ranks_equal_rank_in_pool_for_every_region():
    for direction in (True, False, None):
        table = pool_ranks(VALUES, higher_is_better=direction)
        assert set(table.index) == {"DE11", "DE12", "FR10", "PL21", "IT11"}
        for code, row in table.iterrows():
            placed = rank_in_pool(VALUES, code, higher_is_better=direction, level=2)
            assert (int(row["rank"]), int(row["tied"])) == (placed.rank, placed.tied)
    assert int(pool_ranks(VALUES, higher_is_better=True).loc["DE12", "rank"]) == 2
