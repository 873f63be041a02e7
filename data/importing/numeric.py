"""Numbers as people write them in indicator lists: decimal comma or dot, thousands separators, per column."""

from __future__ import annotations

import math
import re

from data.layer.language import N_
from data.layer.language import gettext as _

# The reason of an empty value, in English; ``parse_numbers`` writes it in the reader's language (``empty_value``).
EMPTY_VALUE = N_("value is empty (no data for this region and year)")


_SPACES = re.compile(r"(?<=\d)[\s\u00a0\u202f']+(?=\d{3}\b)")


def _decimal_mark(texts: list[str]) -> str | None:
    """The column's decimal mark, from the values that tell: '3,5' or '1.234,5' say comma; '3.5' or '1,234.5' say dot."""
    votes = {",": 0, ".": 0}
    for text in texts:
        if "," in text and "." in text:
            votes[max((",", "."), key=text.rfind)] += 1
        for mark in ",.":
            other = "." if mark == "," else ","
            if mark in text and other not in text and text.count(mark) == 1 and len(text.split(mark)[1]) != 3:
                votes[mark] += 1
    if votes[","] != votes["."]:
        return "," if votes[","] > votes["."] else "."
    return None


def parse_numbers(texts: list[str]) -> list[tuple[float | None, str]]:
    """Numbers as people write them, per column: decimal comma or dot, thousands separators (dot, comma, space,
    apostrophe). A value that could be read two ways ('12,500' in a column that never shows its decimal mark)
    is refused with a reason, not guessed."""
    cleaned = [_SPACES.sub("", t.strip().removesuffix("%").strip()) for t in texts]
    mark = _decimal_mark([c for c in cleaned if c])
    out: list[tuple[float | None, str]] = []
    for raw, text in zip(texts, cleaned):
        if not text:
            out.append((None, empty_value()))
            continue
        decimal: str | None
        if "," in text and "." in text:
            decimal = max((",", "."), key=text.rfind)
        elif "," in text:
            decimal = mark or ("," if text.count(",") == 1 and len(text.split(",")[1]) != 3 else None)
            if decimal is None and text.count(",") == 1:
                out.append((None, _("value '%(value)s' is ambiguous (%(decimal)s or %(whole)s?): write it without "
                                    "thousands separators") % {"value": raw, "decimal": text.replace(",", "."),
                                                               "whole": text.replace(",", "")}))
                continue
        else:
            decimal = None if text.count(".") > 1 or mark == "," else "."
        thousands = {",": ".", ".": ","}.get(decimal or "", ",." if decimal is None else "")
        number = text
        for sep in thousands:
            number = number.replace(sep, "")
        number = number.replace(",", ".") if decimal == "," else number
        try:
            value = float(number)
        except ValueError:
            out.append((None, _("value '%(value)s' is not a number") % {"value": raw}))
            continue
        out.append((value, "") if math.isfinite(value) else
                   (None, _("value '%(value)s' is not a finite number") % {"value": raw}))
    return out


def empty_value() -> str:
    """The reason of an empty value in the reader's language (the report tells it from other reasons by it)."""
    return _(EMPTY_VALUE)


