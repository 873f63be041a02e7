"""``data.layer.memo.once_per_object``: computed once and kept, and a process forked while another thread computes
it (an export render) computes it itself instead of waiting forever on a lock that thread held."""

from __future__ import annotations

import multiprocessing
import threading
import time
from dataclasses import dataclass

from data.layer.memo import once_per_object


@dataclass(frozen=True)
class Slow:
    seconds: float
    calls: list

    @once_per_object
    def value(self) -> int:
        self.calls.append(1)
        time.sleep(self.seconds)
        return 42


def test_kept_after_the_first_use_on_a_frozen_object():
    item = Slow(0.0, [])
    assert item.value == 42 and item.value == 42
    assert item.calls == [1]
    assert isinstance(Slow.__dict__["value"], once_per_object)


def _read(item: Slow, answers) -> None:
    answers.put(item.value)


def test_a_child_forked_during_the_computation_does_not_wait_for_it():
    item = Slow(1.0, [])
    computing = threading.Thread(target=lambda: item.value)
    computing.start()
    time.sleep(0.2)  # the thread is inside the computation when the child is forked
    context = multiprocessing.get_context("fork")
    answers = context.Queue()
    child = context.Process(target=_read, args=(item, answers))
    child.start()
    child.join(timeout=20)
    computing.join()
    assert child.exitcode == 0, "the forked child hung or failed"
    assert answers.get(timeout=1) == 42
