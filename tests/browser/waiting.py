"""Waiting in browser tests for what Dash's own waits do not cover (a figure's layout, a count of points, a page
that has stopped changing)."""

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


QUIET_DOM = """
const done = arguments[arguments.length - 1];
let quiet = 0, changes = 0, checks = 0;
const seen = new MutationObserver(() => { changes += 1; });
seen.observe(document.body, {childList: true, subtree: true, attributes: true, characterData: true});
const look = () => {
    const content = document.getElementById("_pages_content");
    const busy = document.querySelectorAll('[data-dash-is-loading="true"]').length > 0;
    quiet = (!busy && changes === 0 && content && content.children.length) ? quiet + 1 : 0;
    changes = 0;
    checks += 1;
    if (quiet >= 6 || checks > 150) { seen.disconnect(); done(quiet >= 6); } else { setTimeout(look, 100); }
};
setTimeout(look, 100);
"""


def settle(driver) -> None:
    """Until the page has its content, no callback is pending and nothing in it changed for 0.6 s (at most 15 s):
    what the reader sees once the page is drawn, without a fixed wait that is too short on a slow machine and too
    long on a quick one."""
    driver.set_script_timeout(30)
    assert driver.execute_async_script(QUIET_DOM), "the page kept changing for 15 s"
