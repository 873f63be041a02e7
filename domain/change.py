"""Change between two years of one indicator at one level: the values of both years, the absolute change and the
relative change, per region, and why a year pair cannot be compared.

A region without a value in either year has no change ("no data", never 0); a region whose value is a merged
area's (not its own territory) has none either. A year pair whose values come from different editions of a source
whose method changes between editions (DESI) is refused as a whole, with the reason; the map, the table, the
downloads and ``GET /api/change`` all read ``change_values``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from data.layer import InvalidChoice, Layer, map_values, parse_level, years_with_data
from domain.formatting import format_value

EDITION = re.compile(r"^(?P<edition>[^,;()]{1,60}?\bedition)\b")
NOT_OWN_VALUE_FLAGS = frozenset({"merged_area"})
PERCENTAGE_POINTS = "percentage points"


@dataclass(frozen=True)
class RegionChange:
    nuts_id: str
    name: str
    from_value: float | None
    to_value: float | None
    change: float | None
    change_pct: float | None


@dataclass(frozen=True)
class ChangeView:
    indicator_id: str
    label: str
    unit: str
    change_unit: str
    level: int
    from_year: int
    to_year: int
    rows: tuple[RegionChange, ...]

    @property
    def changes(self) -> dict[str, float]:
        return {r.nuts_id: r.change for r in self.rows if r.change is not None}


def is_share(unit: str) -> bool:
    """A share's change is said in percentage points: 12 % → 15 % is +3 points, not +25 %."""
    return unit.strip().startswith("%") or " % " in f" {unit} " or unit.strip().endswith("%")


def _year(raw, years: list[int], name: str) -> int:
    """A required year of the pair, one with data at the level."""
    text = str(raw if raw is not None else "").strip()
    if not text.isascii() or not text.isdigit() or int(text) not in years:
        shown = text[:40] or "nothing"
        raise InvalidChoice(name, f"'{name}' must be a year with data at this level ({years[0]}–{years[-1]}), "
                                 f"got {shown!r}.", years)
    return int(text)


def _tidy(number: float) -> float:
    """Ten significant digits: 5.6 − 3.8 is 1.8, not 1.7999999999999998."""
    return float(f"{number:.10g}")


def _own_values(frame: pd.DataFrame) -> dict[str, float]:
    return {r.nuts_id: float(r.value) for r in frame.itertuples()
            if r.value is not None and not math.isnan(r.value) and str(r.flag) not in NOT_OWN_VALUE_FLAGS}


def _editions(frame: pd.DataFrame) -> set[str]:
    return {m.group("edition") for note in frame.note.dropna().astype(str) if (m := EDITION.match(note))}


def series_break(first: pd.DataFrame, second: pd.DataFrame, years: tuple[int, int]) -> str | None:
    """Why the values of two years are not one series (different editions of a changing method), or None."""
    a, b = _editions(first), _editions(second)
    if a and b and a != b:
        return (f"The values of {years[0]} come from {', '.join(sorted(a))} and those of {years[1]} from "
                f"{', '.join(sorted(b))}; the source's method changes between editions, so the two years are not "
                "one series. Choose two years of the same edition.")
    return None


def change_values(layer: Layer, indicator_id: str, level, from_year, to_year) -> ChangeView:
    """Every region of the level with its values in both years and their change (validated; ``InvalidChoice``
    names the parameter and the valid choices, in the API's words)."""
    meta = layer.indicator(indicator_id)
    level = parse_level(level, meta["levels"])
    years = years_with_data(layer, indicator_id, level)
    start, end = _year(from_year, years, "from"), _year(to_year, years, "to")
    if start >= end:
        raise InvalidChoice("from", f"'from' ({start}) must be an earlier year than 'to' ({end}).", years)
    _, _, _, first = map_values(layer, indicator_id, level, start)
    _, _, _, second = map_values(layer, indicator_id, level, end)
    reason = series_break(first, second, (start, end))
    if reason:
        raise InvalidChoice("from", reason, years)
    before, after = _own_values(first), _own_values(second)
    rows = []
    for r in second.itertuples():
        a, b = before.get(r.nuts_id), after.get(r.nuts_id)
        change = _tidy(b - a) if a is not None and b is not None else None
        pct = _tidy(100 * (b - a) / abs(a)) if a and b is not None else None
        rows.append(RegionChange(r.nuts_id, str(r.name), a, b, change, pct))
    unit = str(meta["unit"])
    return ChangeView(indicator_id, str(meta["label"]), unit, PERCENTAGE_POINTS if is_share(unit) else unit,
                      level, start, end, tuple(rows))


def region_change(layer: Layer, indicator_id: str, level: int, since: int, year: int, region: str) -> RegionChange | None:
    """One region's row of a change view (None when the region is not at that level)."""
    view = change_values(layer, indicator_id, level, since, year)
    return next((r for r in view.rows if r.nuts_id == region), None)


def signed(value: float, unit: str) -> str:
    """A change with its sign: '+1.80 percentage points', '-0.40 percentage points'."""
    return ("+" if value > 0 else "") + format_value(value, unit)


def change_detail(row: RegionChange, unit: str, change_unit: str, since: int, year: int) -> str:
    """'3.80 → 5.60 % of total employment, 2010→2018' (with the % change where the change is not in points), or
    why there is no change."""
    if row.change is None:
        missing = [str(y) for y, v in ((since, row.from_value), (year, row.to_value)) if v is None]
        return f"no change to show: no data in {' and '.join(missing) or 'either year'}"
    pct = f"{row.change_pct:+.1f} %; " if row.change_pct is not None and change_unit != PERCENTAGE_POINTS else ""
    return f"{pct}{format_value(row.from_value, '')} → {format_value(row.to_value, unit)}, {since}→{year}"


def change_phrase(row: RegionChange, unit: str, change_unit: str, since: int, year: int) -> str:
    """'+1.80 percentage points (3.80 → 5.60 % of total employment, 2010→2018)', or why there is no change."""
    detail = change_detail(row, unit, change_unit, since, year)
    return detail if row.change is None else f"{signed(row.change, change_unit)} ({detail})"
