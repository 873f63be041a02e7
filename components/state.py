"""View state <-> URL query: every control of a map page lives in the query string.

``parse_view`` never raises: each unknown, stale or malformed parameter is
replaced by its default and named in a notice, so any URL opens a working
page. ``view_query`` writes the inverse, with the API's names (``indicator``,
``level``, ``year``, ``region``).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from urllib.parse import parse_qs, urlencode

from components.classify import MAX_CLASSES, METHODS, MIN_CLASSES, SEQUENTIAL_PALETTES
from data.imported import is_imported_id
from data.layer import Layer, years_with_data

TABS = ("map", "table", "compare")
MAX_COMPARE = 6
DEFAULT_INDICATOR = "desi_ai"
_CODE = re.compile(r"^[A-Z]{2}[A-Z0-9]{0,3}$")


@dataclass(frozen=True)
class ViewState:
    indicator: str = DEFAULT_INDICATOR
    level: int = 0
    year: int | None = None
    classes: str = "quantiles"
    k: int = 5
    palette: str = "viridis"
    eu: bool = False
    region: str | None = None
    compare: tuple[str, ...] = field(default_factory=tuple)
    tab: str = "map"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["compare"] = list(self.compare)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> ViewState:
        return cls(**{**data, "compare": tuple(data.get("compare") or ())})


def _first(query: dict, key: str) -> str | None:
    value = query.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    return None if value is None else str(value)


def _short(text: str) -> str:
    """A safe, short rendering of a rejected value for the notice (shown as text, never HTML)."""
    text = re.sub(r"[\x00-\x1f\x7f]", "", text)
    return text[:40] + ("…" if len(text) > 40 else "")


def _pick(query: dict, key: str, valid: list[int], default: int, notices: list[str], unavailable: str,
          malformed: str) -> int:
    """An integer parameter that must be one of `valid`; otherwise the default and a notice."""
    raw = _first(query, key)
    if raw in (None, ""):
        return default
    try:
        wanted = int(raw)
    except ValueError:
        notices.append(malformed.format(raw=_short(raw), default=default))
        return default
    if wanted in valid:
        return wanted
    notices.append(unavailable.format(wanted=wanted, default=default))
    return default


def _member(query: dict, key: str, allowed, notices: list[str], unknown: str) -> str | None:
    """A text parameter that must be one of `allowed`; None (keep the default) and a notice otherwise."""
    raw = _first(query, key)
    if raw in (None, ""):
        return None
    if raw in allowed:
        return raw
    notices.append(unknown.format(raw=_short(raw)))
    return None


def parse_view(query: dict | str | None, layer: Layer, default_indicator: str = DEFAULT_INDICATOR,
               allowed_themes: tuple[str, ...] | None = None) -> tuple[ViewState, list[str]]:
    """Read a view from a query (dict of lists, dict of strings or raw string); never raises."""
    if isinstance(query, str):
        query = parse_qs(query.lstrip("?"), keep_blank_values=True)
    query = query or {}
    notices: list[str] = []
    catalog = layer.catalog
    known = set(catalog.indicator_id)
    if allowed_themes:
        known = set(catalog[catalog.theme.isin(allowed_themes)].indicator_id)
    indicator = _first(query, "indicator") or default_indicator
    if indicator not in known:
        notices.append(f"Unknown indicator “{_short(indicator)}” ignored; showing the default.")
        indicator = default_indicator
    meta = catalog.set_index("indicator_id").loc[indicator]
    levels = list(meta["levels"])

    level = _pick(query, "level", levels, 2 if 2 in levels else max(levels), notices,
                  "No data at level {wanted} for this indicator; showing level {default}.",
                  "Level “{raw}” is not a number; showing level {default}.")
    years = years_with_data(layer, indicator, level)
    year = _pick(query, "year", years, years[-1], notices,
                 "No data in {wanted} at this level; showing {default}.",
                 "Year “{raw}” is not a year; showing {default}.")

    state = ViewState(indicator=indicator, level=level, year=year)
    method = _member(query, "classes", METHODS, notices, "Classification “{raw}” unknown; using quantiles.")
    if method:
        state = replace(state, classes=method)
    raw_k = _first(query, "k")
    if raw_k not in (None, ""):
        if raw_k.isdigit() and MIN_CLASSES <= int(raw_k) <= MAX_CLASSES:
            state = replace(state, k=int(raw_k))
        else:
            notices.append(f"Number of classes “{_short(raw_k)}” must be {MIN_CLASSES}–{MAX_CLASSES}; using 5.")
    palette = _member(query, "palette", SEQUENTIAL_PALETTES, notices, "Palette “{raw}” unknown; using viridis.")
    if palette:
        state = replace(state, palette=palette)
    eu = _first(query, "eu")
    if eu not in (None, "", "0"):
        if eu == "1" and bool(meta["has_eu_reference"]):
            state = replace(state, eu=True)
        elif eu == "1":
            notices.append("“Compared with EU27” needs an indicator whose source publishes an EU27 value; ignored.")
        else:
            notices.append(f"“eu” must be 1 (compare with EU27 = 100) or 0, not “{_short(eu)}”; ignored.")

    region_ids = layer.region_ids
    region = _first(query, "region")
    region = region.strip().upper() if isinstance(region, str) else region
    if region not in (None, ""):
        if _CODE.match(region) and region in region_ids:
            state = replace(state, region=region)
        else:
            notices.append(f"Unknown region “{_short(region)}” ignored.")
    raw_compare = _first(query, "compare")
    if raw_compare not in (None, ""):
        codes = [c.strip().upper() for c in raw_compare.split(",") if c.strip()]
        good = [c for c in dict.fromkeys(codes) if _CODE.match(c) and c in region_ids]
        bad = [c for c in codes if c not in good]
        if bad:
            notices.append(f"Unknown regions in compare ignored: {', '.join(_short(c) for c in bad[:5])}.")
        if len(good) > MAX_COMPARE:
            notices.append(f"At most {MAX_COMPARE} regions can be compared; kept the first {MAX_COMPARE}.")
        state = replace(state, compare=tuple(good[:MAX_COMPARE]))
    tab = _member(query, "tab", TABS, notices, "Tab “{raw}” unknown; showing the map.")
    if tab:
        state = replace(state, tab=tab)
    known_keys = {"indicator", "level", "year", "classes", "k", "palette", "eu", "region", "compare", "tab", "present"}
    extra = sorted(k for k in query if k not in known_keys)
    if extra:
        notices.append(f"Unknown parameters ignored: {', '.join(_short(k) for k in extra[:5])}.")
    return state, notices


def view_query(state: ViewState) -> str:
    """The query string of a view (defaults omitted except indicator/level/year)."""
    params: dict[str, str] = {"indicator": state.indicator, "level": str(state.level)}
    if state.year is not None:
        params["year"] = str(state.year)
    if state.classes != "quantiles":
        params["classes"] = state.classes
    if state.k != 5:
        params["k"] = str(state.k)
    if state.palette != "viridis":
        params["palette"] = state.palette
    if state.eu:
        params["eu"] = "1"
    if state.region:
        params["region"] = state.region
    if state.compare:
        params["compare"] = ",".join(state.compare)
    if state.tab != "map":
        params["tab"] = state.tab
    return "?" + urlencode(params, safe=",")


def held_in_browser(query: str | None, layer: Layer) -> bool:
    """Whether a view's query shows an indicator imported into a browser (not one the deployment shares): the
    server has not got it, so GET routes cannot serve the view."""
    values = parse_qs(str(query or "").lstrip("?")).get("indicator") or [""]
    return is_imported_id(values[0]) and values[0] not in layer.by_indicator
