"""Size and nesting limits checked on JSON text *before* it is parsed.

Python's JSON parser recurses once per nesting level: 3,000 ``[`` raise RecursionError instead of a clear
message. The depth is measured here in one left-to-right scan, linear in the input whatever it holds: each block
of ``SCAN_BLOCK`` bytes is scanned with numpy (escapes, string state and bracket depth carried from one block to
the next), so the check costs milliseconds on a 27 MB callback body and memory bounded by the block, and a
hostile body (one ``"`` then thousands of ``\\"``, an unterminated string) costs the same as any other. (A
regular expression that skipped strings backtracked on such a body: quadratic, 140 kB held a worker for a minute.)
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

SCAN_BLOCK = 1 << 20
QUOTE = ord('"')
OPENING, CLOSING = (ord("["), ord("{")), (ord("]"), ord("}"))
SPECIAL = np.zeros(256, dtype=bool)
SPECIAL[[QUOTE, *OPENING, *CLOSING]] = True
STEP = np.zeros(256, dtype=np.int8)
STEP[list(OPENING)], STEP[list(CLOSING)] = 1, -1


class JSONLimitError(ValueError):
    """JSON text is larger or nested deeper than the input it stands for may be; the message says which."""


@dataclass
class DepthScan:
    """The state carried from one block to the next: inside a string, after an unpaired backslash, the current
    and deepest nesting seen so far."""

    in_string: bool = False
    escaped: bool = False
    depth: int = 0
    deepest: int = 0

    def feed(self, block: bytes) -> None:
        """Scan one block. Escapes are blanked first by two plain replacements (C speed, no regular expression):
        pairs of backslashes left to right, then a backslash before a quote; what remains is found in one
        vectorised pass over the block, and only its quotes and brackets are looked at."""
        if self.escaped and block[:1] in (b"\\", b'"'):
            block = b"_" + block[1:]
        block = block.replace(b"\\\\", b"__").replace(b'\\"', b"__")
        self.escaped = block.endswith(b"\\")
        data = np.frombuffer(block, dtype=np.uint8)
        kinds = data[SPECIAL[data]]
        if not len(kinds):
            return
        quotes = kinds == QUOTE
        inside = (np.cumsum(quotes, dtype=np.int64) - quotes + self.in_string) % 2 == 1  # a string is open here
        steps = np.where(inside, 0, STEP[kinds])
        if steps.any():
            levels = np.cumsum(steps, dtype=np.int64) + self.depth
            self.deepest = max(self.deepest, int(levels.max()))
            self.depth = int(levels[-1])
        self.in_string = bool((int(np.count_nonzero(quotes)) + self.in_string) % 2)


def json_depth(text: str | bytes) -> int:
    """Deepest nesting of arrays and objects in `text` (brackets inside strings do not count; an unterminated
    string runs to the end). One scan, linear in the length, blocks of ``SCAN_BLOCK`` bytes."""
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else bytes(text)
    scan = DepthScan()
    view = memoryview(raw)
    for start in range(0, len(raw), SCAN_BLOCK):
        scan.feed(bytes(view[start:start + SCAN_BLOCK]))
    return scan.deepest


def check_json_text(text: str | bytes, *, what: str, max_chars: int, max_depth: int) -> str:
    """`text` as str when within the limits; JSONLimitError naming `what` and the limit otherwise."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if len(text) > max_chars:
        raise JSONLimitError(f"{what} is too large ({len(text):,} characters; at most {max_chars:,}).")
    if json_depth(text) > max_depth:
        raise JSONLimitError(f"{what} is nested too deeply (more than {max_depth} levels).")
    return text


def loads_bounded(text: str | bytes, *, what: str, max_chars: int, max_depth: int):
    """json.loads after check_json_text: never a RecursionError, always a JSONLimitError or ValueError."""
    return json.loads(check_json_text(text, what=what, max_chars=max_chars, max_depth=max_depth))


def loads_or_raise(text: str | bytes, error: type[Exception], *, what: str, max_chars: int, max_depth: int):
    """loads_bounded, with every refusal (too large, too deep, not JSON) as one `error` in words for the user."""
    try:
        return loads_bounded(text, what=what, max_chars=max_chars, max_depth=max_depth)
    except JSONLimitError as exc:
        raise error(str(exc)) from exc
    except json.JSONDecodeError as exc:
        raise error(f"{what} is not valid JSON") from exc
