"""Waiting in browser tests for what Dash's own waits do not cover (a figure's layout, a count of points)."""

from __future__ import annotations

import time
from collections.abc import Callable


def wait_until(condition: Callable[[], object], timeout: float = 20, message: str = "") -> None:
    """Poll `condition` until it is true or `timeout` seconds have passed (then fail with `message`)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out: {message or 'condition not met'}")
