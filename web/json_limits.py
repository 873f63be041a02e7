"""Size and nesting limits checked on JSON text *before* it is parsed.

Python's JSON parser recurses once per nesting level: 3,000 ``[`` raise RecursionError instead of a clear
message. The depth is measured here in C-speed passes (strings removed by one regular expression, brackets
counted with numpy), so the check costs milliseconds even on a 30 MB callback body.
"""

from __future__ import annotations

import json
import re

import numpy as np

STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
NOT_BRACKETS = re.compile(r"[^\[\]{}]+")


class JSONLimitError(ValueError):
    """JSON text is larger or nested deeper than the input it stands for may be; the message says which."""


def json_depth(text: str) -> int:
    """Deepest nesting of arrays and objects in `text` (brackets inside strings do not count)."""
    brackets = NOT_BRACKETS.sub("", STRINGS.sub("", text)).encode("ascii")
    if not brackets:
        return 0
    steps = np.frombuffer(brackets, dtype=np.uint8)
    opens = (steps == ord("[")) | (steps == ord("{"))
    return int(np.cumsum(np.where(opens, 1, -1)).max())


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
