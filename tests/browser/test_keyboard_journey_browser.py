"""The main journey with the keyboard only (WCAG 2.1.1, 2.4.3, 2.4.7, 4.1.2, 4.1.3), in headless Chromium.

Pick an indicator, a level and a year, search a town, read its profile, walk the table, add the view to the
storyboard, present it, leave, download it: after each step the test says where focus is (the control the next
step needs, never <body>) and that its ring is visible (a computed outline of at least 2 px or a box-shadow).
Only key presses reach the page (ActionChains send_keys to the focused element); scripts only read.
Then every control's accessible name is read from Chromium's accessibility tree (CDP ``Accessibility.getFullAXTree``):
none is unnamed, none is named by its value alone.
"""

from __future__ import annotations

import time
import urllib.request

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from waiting import wait_until

from components.ids import page_ids

pytestmark = pytest.mark.browser

TECH = page_ids("technology")
MEETING = page_ids("technology", "MeetingToolbar")

FOCUSED = """
const active = document.activeElement;
if (!active || active === document.body) { return null; }
const e = active.closest('[role=option]') || active;  // a dropdown option: focus is on its hidden radio
const s = getComputedStyle(e);
let ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? s.outlineColor : null;
let shadow = s.boxShadow !== 'none' ? s.boxShadow : null;
const label = e.id && e.type === 'radio' ? document.querySelector('label[for="' + CSS.escape(e.id) + '"]') : null;
if (e.classList.contains('btn-check') && label) {  // a radio drawn as a button: its label carries the ring
    const l = getComputedStyle(label);
    ring = l.outlineStyle !== 'none' && parseFloat(l.outlineWidth) >= 2 ? l.outlineColor : null;
}
return {tag: e.tagName, id: e.id, text: (e.getAttribute('aria-label') || e.textContent || e.value || '').trim().slice(0, 80),
        role: e.getAttribute('role'), type: e.type || '', checked: e.checked === true, ring: ring, shadow: shadow,
        value: active.value,
        inDialog: !!e.closest('[role=dialog]'), inGrid: !!e.closest('.ag-root')};
"""


def keys(driver, *sequence, pause: float = 0.25) -> None:
    for key in sequence:
        ActionChains(driver).send_keys(key).perform()
        time.sleep(pause)


def focused(driver) -> dict:
    state = driver.execute_script(FOCUSED)
    assert state is not None, "focus fell to <body>"
    return state


def assert_visible_focus(state: dict) -> None:
    assert state["ring"] or state["shadow"], f"no visible focus on {state}"




def tab_to(driver, predicate, limit: int = 40, back: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the focused element satisfies `predicate`; every stop on the way has a
    visible focus ring."""
    for _ in range(limit):
        if back:
            ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
        else:
            ActionChains(driver).send_keys(Keys.TAB).perform()
        time.sleep(0.12)
        state = focused(driver)
        assert_visible_focus(state)
        if predicate(state):
            return state
    raise AssertionError(f"not reached in {limit} Tab presses")


LISTEN = """
window.__heard = [];
new MutationObserver(function () {
    window.__heard.push(document.getElementById('atlas-announcer').textContent);
}).observe(document.getElementById('atlas-announcer'), {childList: true, characterData: true, subtree: true});
"""


def announced(driver) -> str:
    """Everything the live region said since the page opened (the test listens; it does not change the page)."""
    return " | ".join(driver.execute_script("return window.__heard || [];"))


def keyboard_journey(driver, base: str) -> list[str]:
    """The journey; returns what the live region said on the way."""
    driver.get(base + "/technology?indicator=desi_ai&level=0")
    wait_until(lambda: driver.execute_script("return !!document.querySelector('.atlas-map .choroplethlocation')"),
               30, "map drawn")
    time.sleep(1)
    driver.execute_script("localStorage.removeItem('storyboard');")
    driver.execute_script(LISTEN)

    # Skip link first, then straight to the indicator picker.
    state = tab_to(driver, lambda s: True, limit=1)
    assert state["text"] == "Skip to main content"
    keys(driver, Keys.ENTER)
    assert focused(driver)["id"] == "atlas-main"
    state = tab_to(driver, lambda s: True, limit=1)
    assert state["id"] == TECH.dom("indicator"), state

    # Indicator: type to search, arrow to the option, Enter.
    keys(driver, *"per million", pause=0.15)
    wait_until(lambda: driver.execute_script(
        "return [...document.querySelectorAll('.dash-dropdown-options [role=option]')]"
        ".some(o => o.textContent.endsWith('per million inhabitants'))"), 10, "indicator options")
    for _ in range(30):
        keys(driver, Keys.ARROW_DOWN, pause=0.1)
        state = focused(driver)
        if state["text"].endswith("EPO patent applications per million inhabitants"):
            break
    assert_visible_focus(state)
    keys(driver, Keys.ENTER, pause=0.5)
    wait_until(lambda: "indicator=epo_patent_applications_per_million&" in driver.current_url, 15,
               "indicator in the address")
    state = focused(driver)
    assert state["id"] == TECH.dom("indicator"), state
    assert_visible_focus(state)

    # Level: one Tab stop for the group; → moves within it only.
    state = tab_to(driver, lambda s: s["type"] == "radio", limit=2)
    assert state["checked"]
    keys(driver, Keys.ARROW_RIGHT, pause=1.0)
    wait_until(lambda: "level=1" in driver.current_url, 30, "level 1 in the address")
    keys(driver, Keys.ARROW_RIGHT, pause=1.0)
    wait_until(lambda: "level=2" in driver.current_url, 30, "level 2 in the address")
    state = focused(driver)
    assert state["type"] == "radio" and state["checked"], state
    assert driver.execute_script("return document.activeElement.value;") == "2"
    assert_visible_focus(state)
    wait_until(lambda: "NUTS 2" in announced(driver), 30, "level change announced")

    # Year: its number box, then the slider; ← picks the year before.
    state = tab_to(driver, lambda s: s["role"] == "slider", limit=2)
    year = int(driver.execute_script("return document.activeElement.getAttribute('aria-valuenow');"))
    keys(driver, Keys.ARROW_LEFT, pause=0.6)
    wait_until(lambda: f"year={year - 1}" in driver.current_url, 30, "year in the address")
    assert focused(driver)["role"] == "slider"
    wait_until(lambda: str(year - 1) in announced(driver), 30, "year change announced")

    # Search a town: type, arrow to the first match, Enter; the profile is announced, its skip link is next.
    state = tab_to(driver, lambda s: s["id"] == TECH.dom("search"), limit=8)
    keys(driver, "M", "u", "n", "i", "c", "h", pause=0.25)
    wait_until(lambda: driver.execute_script(
        "return [...document.querySelectorAll('.dash-dropdown-options [role=option]')]"
        ".some(o => o.textContent.includes('DE21'))"), 30, "search results")
    keys(driver, Keys.ARROW_DOWN, pause=0.3)
    state = focused(driver)
    assert "Munich" in state["text"] or "München" in state["text"], state
    assert_visible_focus(state)
    keys(driver, Keys.ENTER, pause=0.5)
    wait_until(lambda: "region=DE21" in driver.current_url, 30, "region in the address")
    wait_until(lambda: "Region profile: München" in announced(driver), 20, "profile announced")
    state = focused(driver)
    assert state["id"] == TECH.dom("search"), state
    state = tab_to(driver, lambda s: True, limit=1)
    assert state["text"] == "Skip to the region profile", state
    keys(driver, Keys.ENTER)
    state = focused(driver)
    assert state["id"] == TECH.dom("panel"), state
    assert_visible_focus(state)
    assert driver.execute_script("return document.activeElement.querySelector('h2').textContent;").startswith("München")
    state = tab_to(driver, lambda s: True, limit=1)
    assert state["text"] == "Deutschland (DE)", state  # the profile's first control is one Tab away

    # Table: the view switch is one radio group; → shows the table, Tab enters the grid once, arrows move inside.
    state = tab_to(driver, lambda s: s["type"] == "radio" and s["text"] in ("", "map"), limit=40, back=True)
    assert driver.execute_script("return document.activeElement.value;") == "map", state
    keys(driver, Keys.ARROW_RIGHT, pause=0.6)
    wait_until(lambda: "tab=table" in driver.current_url, 30, "table tab in the address")
    assert driver.execute_script("return document.activeElement.value;") == "table"
    assert_visible_focus(focused(driver))
    wait_until(lambda: driver.execute_script("return document.querySelectorAll('.ag-row').length > 5;"), 30, "rows")
    state = tab_to(driver, lambda s: s["inGrid"], limit=25)
    keys(driver, Keys.ARROW_DOWN, Keys.ARROW_DOWN, pause=0.3)
    state = focused(driver)
    assert state["inGrid"] and "ag-cell" in driver.execute_script("return document.activeElement.className;"), state
    assert_visible_focus(state)
    state = tab_to(driver, lambda s: True, limit=1)
    assert not state["inGrid"], f"Tab stayed in the table: {state}"

    # Add to storyboard: a dialog with focus in its Title field; after Add, focus is back on the button.
    state = tab_to(driver, lambda s: s["text"] == "Add to storyboard", limit=60, back=True)
    keys(driver, Keys.ENTER, pause=1.0)
    state = focused(driver)
    assert state["inDialog"] and state["id"] == MEETING.dom("story-title"), state
    assert driver.execute_script("return document.activeElement.labels[0].textContent;") == "Title (optional)"
    keys(driver, *"KIS in Bavaria", pause=0.03)
    state = tab_to(driver, lambda s: s["text"] == "Add", limit=4)
    keys(driver, Keys.ENTER, pause=1.0)
    wait_until(lambda: driver.execute_script("return document.activeElement.textContent;") == "Add to storyboard", 10,
               "focus back on 'Add to storyboard'")
    assert_visible_focus(focused(driver))
    wait_until(lambda: driver.find_element("id", "storyboard-open").text == "Storyboard (1)", 10, "view stored")

    # Present: the slide show names the slide; Esc leaves and focus is back on Present.
    state = tab_to(driver, lambda s: s["text"] == "Present", limit=4, back=True)
    keys(driver, Keys.ENTER, pause=1.0)
    wait_until(lambda: driver.execute_script(
        "const s = document.querySelector('#atlas-show [role=status]'); return s && s.textContent;") ==
        "Slide 1 of 1: KIS in Bavaria", 30, "slide announced")
    assert focused(driver)["inDialog"]
    keys(driver, Keys.ESCAPE, pause=1.0)
    wait_until(lambda: not driver.execute_script("return !!document.getElementById('atlas-show');"), 10, "show left")
    wait_until(lambda: driver.execute_script("return document.activeElement.textContent;") == "Present", 10,
               "focus back on Present")
    assert_visible_focus(focused(driver))

    # Download: the menu opens with Enter, ↓ reaches its first file, whose link is this view.
    state = tab_to(driver, lambda s: s["text"] == "Download", limit=10)
    keys(driver, Keys.ENTER, pause=0.5)
    keys(driver, Keys.ARROW_DOWN, pause=0.3)
    state = focused(driver)
    assert state["tag"] == "A", state
    assert_visible_focus(state)
    href = driver.execute_script("return document.activeElement.href;")
    assert "/download/technology.csv" in href and "indicator=epo_patent_applications_per_million&" in href, href
    assert "level=3" in href and "region=DE212" in href, href
    with urllib.request.urlopen(href, timeout=60) as response:
        body = response.read().decode("utf-8-sig")
    assert "DE212" in body and "München" in body
    return announced(driver).split(" | ")


def test_keyboard_only_journey(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    heard = keyboard_journey(dash_duo.driver, dash_duo.server_url)
    assert any("NUTS 2" in h for h in heard) and any("München" in h for h in heard), heard
