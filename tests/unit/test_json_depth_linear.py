"""Issue 24, item 1: the nesting check before any JSON is parsed costs time linear in the body, whatever it holds.

The old check skipped strings with a regular expression that backtracked on one ``"`` followed by many ``\\"``:
16 kB took 0.67 s, 32 kB 2.6 s, and a 140 kB POST held a gunicorn worker until it was killed.
"""

from __future__ import annotations

import random
import time

import pytest

import web.json_limits as json_limits
from web.json_limits import JSONLimitError, check_json_text, json_depth


def reference_depth(text: str) -> int:
    """The definition, one character at a time: a backslash escapes the next character, a string runs to its
    closing quote (or to the end), brackets outside strings nest."""
    depth = deepest = 0
    inside = escaped = False
    for char in text:
        if escaped:
            escaped = False
            if char in '"\\':
                continue
        if char == "\\":
            escaped = True
        elif char == '"':
            inside = not inside
        elif not inside and char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif not inside and char in "]}":
            depth -= 1
    return deepest


@pytest.mark.parametrize("block", [1, 2, 3, 7, 1 << 20])
def test_depth_matches_the_definition_across_block_boundaries(monkeypatch, block):
    monkeypatch.setattr(json_limits, "SCAN_BLOCK", block)
    rng = random.Random(block)
    for _ in range(1500):
        text = "".join(rng.choice('[]{}"\\ab') for _ in range(rng.randint(0, 40)))
        assert json_depth(text) == reference_depth(text), text
    assert json_depth('{"a": [1, {"b": "[[[[[[[[["}]}') == 3
    assert json_depth('"ab\\\\"[[[') == 3  # an escaped backslash does not escape the quote
    assert json_depth('"ab\\"[[[') == 0  # an escaped quote does not close the string: it runs to the end
    assert json_depth(b"[" * 3000) == 3000


def _pathological(n: int) -> str:
    return '"' + '\\"' * n


def _seconds(text: str, repeats: int = 5) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        json_depth(text)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("size", [8_000, 200_000])
def test_a_twice_longer_hostile_body_takes_about_twice_the_time(size):
    """Quadratic time would take 4x; linear takes 2x (plus noise on a shared machine, and a fixed cost)."""
    short, long = _seconds(_pathological(size), 3), _seconds(_pathological(2 * size), 3)
    assert long <= 2.8 * short + 0.01, (short, long)


def test_the_140_kb_body_of_the_attack_is_checked_at_once():
    started = time.perf_counter()
    assert check_json_text(_pathological(70_000), what="request body", max_chars=10**6, max_depth=32)
    assert time.perf_counter() - started < 0.5
    with pytest.raises(JSONLimitError, match="nested too deeply"):
        check_json_text(_pathological(70_000) + '"' + "[" * 40, what="request body", max_chars=10**6, max_depth=32)


def test_json_depth_ignores_brackets_inside_strings():
    assert json_depth('{"a": [1, {"b": "[[[[[[[[["}]}') == 3
    assert json_depth("[" * 3000) == 3000
    assert json_depth('"just text"') == 0
    with pytest.raises(JSONLimitError, match="nested too deeply"):
        check_json_text("[" * 3000, what="storyboard", max_chars=10_000, max_depth=8)
    with pytest.raises(JSONLimitError, match="too large"):
        check_json_text("[" + "1," * 10_000 + "1]", what="storyboard", max_chars=1_000, max_depth=8)


@pytest.mark.parametrize(("text", "depth"), [
    ("", 0), ("1", 0), ("[]", 1), ("{}", 1), ("[[], [[]]]", 3), ('{"a": {"b": {"c": []}}}', 4),
    ('["]]]]"]', 1), ('["\\\\"]', 1), ('["\\"[[["]', 1), ('["\\\\", [[]]]', 3), ('"[[[', 0), (b"[[1]]", 2),
    ('["é", ["ü"]]', 2),
])
def test_depth_of_small_documents(text, depth):
    assert json_depth(text) == depth


@pytest.mark.parametrize(("text", "limits", "message"), [
    ("[1, 2]", {"max_chars": 5, "max_depth": 8}, "too large"),
    ("[[[1]]]", {"max_chars": 100, "max_depth": 2}, "nested too deeply"),
])
def test_a_refusal_names_what_was_sent_and_the_limit(text, limits, message):
    with pytest.raises(JSONLimitError, match=message) as caught:
        check_json_text(text, what="storyboard", **limits)
    assert str(caught.value).startswith("storyboard is")


def test_within_the_limits_the_text_comes_back_decoded():
    assert check_json_text(b'{"a": [1]}', what="body", max_chars=100, max_depth=2) == '{"a": [1]}'
