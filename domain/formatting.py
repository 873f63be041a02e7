"""Number and provenance formatting shared by every page, export and download."""

from __future__ import annotations

import math


def format_value(value: float | None, unit: str = "", digits: int | None = None) -> str:
    """Human-readable value with unit; 'no data' for a missing value (never 0)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no data"
    magnitude = abs(value)
    if digits is None:
        integral = abs(value - round(value)) < 1e-9
        digits = 0 if magnitude >= 1000 or (integral and magnitude >= 1) else 1 if magnitude >= 10 else 2
    text = f"{value:,.{digits}f}".replace(",", "\u202f")
    if unit.startswith("%"):
        return f"{text} %" + (f" {unit[1:].strip()}" if unit[1:].strip() else "")
    return f"{text} {unit}".strip()


def format_number(value: float | None, unit: str = "") -> str:
    """Short form for big numbers: '%' units keep only the sign, others no unit."""
    text = format_value(value, "")
    if text != "no data" and unit.startswith("%"):
        return f"{text} %"
    return text


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_phrase(item: dict) -> str:
    """'99th of 219 EU NUTS 2 regions' (and ', tied with 2 others' where regions share the rank): one wording of a
    rank for the panel, the static map, the slides and the brief. `item` has rank, peers, peer_label, tied."""
    tied = int(item.get("tied") or 0)
    ties = f", tied with {tied - 1} other{'s' if tied > 2 else ''}" if tied > 1 else ""
    return f"{ordinal(item['rank'])} of {item['peers']} {item['peer_label']}{ties}"


def provenance(source_name: str, year: int | str, source_code: str | None = None) -> str:
    """'Source: DESI 2022 (3b5), 2021' — the line shown next to every figure."""
    code = f" ({source_code})" if source_code else ""
    return f"Source: {source_name}{code}, {year}"
