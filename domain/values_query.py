"""``/api/values`` and ``/api/values.csv``: several indicators, years, region and country filters, map classes.

Each indicator's level, year, classes and EU comparison are read by ``resolve_view`` in strict mode (the pages'
defaults and messages), its rows built by ``domain.rows.value_rows`` (the downloads' rows) and its classes by
``domain.mapview.map_view`` (what the map and its legend draw), so an answer here equals the screen and the
files for the same view.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from data.layer import InvalidChoice, Layer, years_with_data
from data.layer.pools import merged_areas
from domain.classify import class_index, legend_items, method_label
from domain.mapview import map_view
from domain.rows import COLUMNS, inside, plain_records, value_rows
from domain.view import ViewState, resolve_view

VIEW_KEYS = ("level", "year", "classes", "k", "palette", "eu")
# At most this many rows in one answer (about 60 MB of JSON): every NUTS 3 region × 40 years × 5 indicators fits;
# a query for everything at once is refused with a 400 saying how to narrow it, not served for minutes.
MAX_ROWS = 250_000
RANGE = ".."


@dataclass(frozen=True)
class IndicatorRequest:
    """One indicator of the request: its view (level, year, classes) and the years asked."""

    state: ViewState
    years: tuple[int, ...]


@dataclass(frozen=True)
class ValuesRequest:
    indicators: tuple[IndicatorRequest, ...]
    regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    with_classes: bool = False

    def normalised(self) -> dict:
        """The query as read, defaults filled in: what the answer says it answered."""
        out: dict = {"indicator": [i.state.indicator for i in self.indicators],
                     "level": sorted({i.state.level for i in self.indicators}),
                     "years": {i.state.indicator: list(i.years) for i in self.indicators}}
        if self.regions:
            out["region"] = list(self.regions)
        if self.countries:
            out["country"] = list(self.countries)
        if self.with_classes:
            state = self.indicators[0].state
            out.update(classes=state.classes, k=state.k, palette=state.palette)
        if any(i.state.eu for i in self.indicators):
            out["eu"] = 1
        return out


def _year(text: str, available: list[int]) -> int:
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise InvalidChoice("years", f"'years' takes 'all', a range such as 2010..2018, or years separated by commas; "
                                    f"{text[:20]!r} is not a year.", available)
    return int(text)


def parse_years(raw: str, available: list[int], indicator: str, level: int) -> tuple[int, ...]:
    """'all', 'a..b' (ends included, either may be left open) or 'a,b,c' -> the years with data among them."""
    text = raw.strip().lower()
    if text == "all":
        return tuple(available)
    if RANGE in text:
        low, _, high = text.partition(RANGE)
        lo = _year(low.strip(), available) if low.strip() else min(available)
        hi = _year(high.strip(), available) if high.strip() else max(available)
        chosen = tuple(y for y in available if lo <= y <= hi)
        if not chosen:
            raise InvalidChoice("years", f"No data for {indicator} at level {level} between {lo} and {hi}; years with "
                                        "data are listed in 'valid'.", available)
        return chosen
    wanted = [_year(part.strip(), available) for part in text.split(",") if part.strip()]
    missing = [y for y in wanted if y not in available]
    if missing or not wanted:
        raise InvalidChoice("years", f"No data for {indicator} at level {level} in {', '.join(map(str, missing)) or raw[:20]}"
                                    "; years with data are listed in 'valid'.", available)
    return tuple(dict.fromkeys(wanted))


def parse_values_request(values: Mapping[str, str], lists: Mapping[str, tuple[str, ...]], layer: Layer) -> ValuesRequest:
    """The request of a query read by ``web.api_registry.read_query``; ``InvalidChoice`` names the first problem."""
    indicators = []
    for indicator in lists.get("indicator", ()):
        query = {"indicator": [indicator], **{k: [values[k]] for k in VIEW_KEYS if values.get(k)}}
        state, _ = resolve_view(query, layer, strict=True)
        years = (parse_years(values["years"], years_with_data(layer, indicator, state.level), indicator, state.level)
                 if values.get("years") else (state.year,) if state.year is not None else ())
        indicators.append(IndicatorRequest(state, years))
    if values.get("year") and values.get("years"):
        raise InvalidChoice("years", "Give 'year' (one year) or 'years' (all, a range or a list), not both.", [])
    if not indicators:
        raise InvalidChoice("indicator", "Parameter 'indicator' is required.", sorted(layer.catalog.indicator_id))
    with_classes = bool(values.get("classes"))
    if with_classes and (len(indicators) > 1 or len(indicators[0].years) > 1):
        raise InvalidChoice("classes", "Classes are those of one map: ask them for one indicator and one year.", [])
    regions = tuple(code.upper() for code in lists.get("region", ()))
    unknown = [code for code in regions if code not in layer.region_ids]
    if unknown:
        raise InvalidChoice("region", f"Unknown NUTS 2021 region {unknown[0][:10]!r}; an older code's successors are "
                                     f"at /api/nuts?code={unknown[0][:10]}.", [])
    countries = tuple(code.upper() for code in lists.get("country", ()))
    known = sorted(set(layer.regions.country))
    bad = [code for code in countries if code not in known]
    if bad:
        raise InvalidChoice("country", f"Unknown country code {bad[0][:10]!r}.", known)
    asked = ValuesRequest(tuple(indicators), regions, countries, with_classes)
    rows = sum(_region_count(layer, i.state.level, countries, regions) * len(i.years) for i in indicators)
    if rows > MAX_ROWS:
        raise InvalidChoice("indicator", f"This query asks for {rows:,} rows; at most {MAX_ROWS:,} come in one answer. "
                                        "Ask fewer indicators or years, or filter by region or country.", [])
    return asked


def _region_count(layer: Layer, level: int, countries: tuple[str, ...], regions: tuple[str, ...]) -> int:
    table = layer.regions[layer.regions.level == level]
    if countries:
        table = table[table.country.isin(countries)]
    return int(inside(table.nuts_id, regions).sum())


def values_table(layer: Layer, request: ValuesRequest) -> tuple[pd.DataFrame, dict | None]:
    """The rows of every indicator asked (downloads' columns, plus ``class`` with classes) and the classes."""
    frames = [value_rows(layer, item.state.indicator, item.state.level, list(item.years), eu=item.state.eu,
                         countries=request.countries, regions=request.regions) for item in request.indicators]
    rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    if not request.with_classes:
        return rows, None
    view = map_view(layer, request.indicators[0].state)
    classes = view.classes
    drawn = [view.values.get(code, math.nan) for code in rows.nuts_id]
    rows = rows.assign(**{"class": pd.array(class_index(drawn, classes), dtype="Int64")}) if classes.k else \
        rows.assign(**{"class": pd.array([None] * len(rows), dtype="Int64")})
    return rows, {
        "requested": request.indicators[0].state.classes, "method": classes.method, "label": method_label(classes),
        "k": classes.k, "edges": list(classes.edges), "counts": list(classes.counts), "colours": list(classes.colours),
        "n_missing": classes.n_missing, "legend": legend_items(classes, view.unit),
        "scope": f"all regions of level {view.level} in {view.year} (the map's classes; filters do not change them)",
    }


def records(rows: pd.DataFrame) -> list[dict]:
    """Rows as JSON-ready dicts: missing values as None, numbers as Python numbers; ``merged_area`` names the merged
    area (a capital with its commuting belt) whose value a row shows instead of the region's own, else None."""
    out = plain_records(rows)
    areas: dict[tuple, str] = {(code, year): area for year, group in rows.groupby("year") if "flag" in rows
             for code, area in merged_areas(group).items()}
    for record in out:
        record["merged_area"] = areas.get((record.get("nuts_id"), record.get("year")))
    return out
