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


def click_centered(driver, element, attempts: int = 5) -> None:
    """Click `element` once it is scrolled to the middle of the window: near an edge, or while a panel above it is
    still growing (the map controls, a collapse sliding open), another element takes the click. Retried a few times
    while something else still covers it."""
    from selenium.common.exceptions import ElementClickInterceptedException

    for attempt in range(attempts):
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        time.sleep(0.4)
        try:
            element.click()
            return
        except ElementClickInterceptedException:
            if attempt == attempts - 1:
                raise
