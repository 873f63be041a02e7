"""View state <-> URL query: every control of a map page lives in the query string.

``resolve_view`` is the one reader of a view for every surface (pages, API, downloads, exports, the meeting
pack), with one set of defaults. Lenient (pages, the pack): each unknown, stale or malformed parameter is
replaced by its default and named in a notice, so any URL opens a working page. Strict (API, downloads,
exports): the same problems raise ``InvalidChoice`` naming the first rejected parameter and its valid choices,
which the routes answer with a 400. ``view_query`` writes the inverse, with the API's names (``indicator``,
``level``, ``year``, ``region``).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from urllib.parse import parse_qs, urlencode

from data.layer import InvalidChoice, Layer, years_with_data
from data.layer.imported import is_imported_id
from data.layer.language import DEFAULT_LANGUAGE, current_language
from domain.change import change_values
from domain.classify import MAX_CLASSES, METHODS, MIN_CLASSES, SEQUENTIAL_PALETTES

TABS = ("map", "table", "compare")
MAX_COMPARE = 6
DEFAULT_INDICATOR = "desi_ai"
_CODE = re.compile(r"^[A-Z]{2}[A-Z0-9]{0,3}$")
VIEW_PARAMETERS = ("indicator", "level", "year", "from", "fixed", "classes", "k", "palette", "eu", "region", "compare",
                   "tab", "present")
# The technology-centre overlay of a map page and its filters (read by components/hubs_controls.py): part of the view's
# address, so Copy link and Add to storyboard keep them; the map's own figures and files do not depend on them.
OVERLAY_PARAMETERS = ("hubs", "hubs_technology", "hubs_min", "hubs_type", "orgs", "orgs_sector")
# The language the view is read in (``data.layer.language.LANGUAGES``): part of its address, so a shared link, the
# slide show and an embed open in it; the view's figures and files do not depend on it, only their words.
LANGUAGE_PARAMETER = "lang"


@dataclass(frozen=True)
class ViewScope:
    """What a map page offers: the indicator it opens with and, optionally, the themes it is limited to.

    Pages declare theirs in ``Capabilities(view_scope=...)`` (``web.pages``); downloads and exports of that page read
    the same one, so a link gives the same view on every surface."""

    default_indicator: str = DEFAULT_INDICATOR
    themes: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ViewState:
    indicator: str = DEFAULT_INDICATOR
    level: int = 0
    year: int | None = None
    classes: str = "auto"
    k: int = 5
    palette: str = "viridis"
    eu: bool = False
    region: str | None = None
    compare: tuple[str, ...] = field(default_factory=tuple)
    tab: str = "map"
    since: int | None = None
    fixed: bool = False

    @property
    def is_change(self) -> bool:
        """A change view maps the change from ``since`` (the URL's ``from``) to ``year``."""
        return self.since is not None

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


@dataclass
class _Reader:
    """Reads one query; each rejected parameter is kept as (parameter, notice, valid choices)."""

    query: dict
    problems: list[tuple[str, str, list]] = field(default_factory=list)

    def reject(self, key: str, notice: str, valid) -> None:
        self.problems.append((key, notice, list(valid)))

    def pick(self, key: str, valid: list[int], default: int, unavailable: str, malformed: str) -> int:
        """An integer parameter that must be one of `valid`; otherwise the default and a notice."""
        raw = _first(self.query, key)
        if not raw:
            return default
        try:
            wanted = int(raw)
        except ValueError:
            self.reject(key, malformed.format(raw=_short(raw), default=default), valid)
            return default
        if wanted in valid:
            return wanted
        self.reject(key, unavailable.format(wanted=wanted, default=default), valid)
        return default

    def member(self, key: str, allowed, unknown: str) -> str | None:
        """A text parameter that must be one of `allowed`; None (keep the default) and a notice otherwise."""
        raw = _first(self.query, key)
        if not raw:
            return None
        if raw in allowed:
            return raw
        self.reject(key, unknown.format(raw=_short(raw)), allowed)
        return None


def _indicator_level_year(read: _Reader, layer: Layer, scope: ViewScope) -> tuple[ViewState, dict]:
    known = {entry["indicator_id"] for entry in layer.catalog_entries()
             if not scope.themes or entry["theme"] in scope.themes}
    indicator = _first(read.query, "indicator") or scope.default_indicator
    if indicator not in known:
        read.reject("indicator", f"Unknown indicator “{_short(indicator)}” ignored; showing the default.", sorted(known))
        indicator = scope.default_indicator
    meta = layer.indicator(indicator)
    levels = list(meta["levels"])
    level = read.pick("level", levels, default_level(levels),
                      "No data at level {wanted} for this indicator; showing level {default}.",
                      "Level “{raw}” is not a number; showing level {default}.")
    years = years_with_data(layer, indicator, level)
    year = read.pick("year", years, years[-1], "No data in {wanted} at this level; showing {default}.",
                     "Year “{raw}” is not a year; showing {default}.")
    return ViewState(indicator=indicator, level=level, year=year), meta


def _classes(read: _Reader, state: ViewState, meta) -> ViewState:
    method = read.member("classes", METHODS, "Classification “{raw}” unknown; using the suggested classes.")
    if method:
        state = replace(state, classes=method)
    raw_k = _first(read.query, "k")
    if raw_k:
        if raw_k.isascii() and raw_k.isdigit() and MIN_CLASSES <= int(raw_k) <= MAX_CLASSES:
            state = replace(state, k=int(raw_k))
        else:
            read.reject("k", f"Number of classes “{_short(raw_k)}” must be {MIN_CLASSES}–{MAX_CLASSES}; using 5.",
                        range(MIN_CLASSES, MAX_CLASSES + 1))
    palette = read.member("palette", SEQUENTIAL_PALETTES, "Palette “{raw}” unknown; using viridis.")
    if palette:
        state = replace(state, palette=palette)
    eu = _first(read.query, "eu")
    if eu and eu != "0":
        if eu == "1" and bool(meta["has_eu_reference"]):
            state = replace(state, eu=True)
        elif eu == "1":
            read.reject("eu", "“Compared with EU27” needs an indicator whose source publishes an EU27 value; ignored.",
                        ["0"])
        else:
            read.reject("eu", f"“eu” must be 1 (compare with EU27 = 100) or 0, not “{_short(eu)}”; ignored.", ["0", "1"])
    return state


def _time(read: _Reader, state: ViewState, layer: Layer) -> ViewState:
    """``from`` (a change view from that year to ``year``) and ``fixed`` (the classes of all years, held while the
    years are played or compared by hand)."""
    fixed = _first(read.query, "fixed")
    if fixed and fixed != "0":
        if fixed == "1":
            state = replace(state, fixed=True)
        else:
            read.reject("fixed", f"“fixed” must be 1 (same classes for every year) or 0, not “{_short(fixed)}”; ignored.",
                        ["0", "1"])
    since = _first(read.query, "from")
    if not since:
        return state
    years = [y for y in years_with_data(layer, state.indicator, state.level) if state.year is None or y < state.year]
    if not since.isascii() or not since.isdigit() or int(since) not in years:
        read.reject("from", f"A change needs an earlier year with data than {state.year} as “from”, not "
                            f"“{_short(since)}”; showing the values of {state.year}.", years)
        return state
    try:
        change_values(layer, state.indicator, state.level, int(since), state.year)
    except InvalidChoice as exc:
        read.reject("from", exc.message + f" Showing the values of {state.year}.", exc.valid)
        return state
    if state.eu:
        read.reject("eu", "“Compared with EU27” does not apply to a change between two years; ignored.", ["0"])
        state = replace(state, eu=False)
    return replace(state, since=int(since))


def _regions_and_tab(read: _Reader, state: ViewState, layer: Layer) -> ViewState:
    region_ids = layer.region_ids
    region = _first(read.query, "region")
    region = region.strip().upper() if isinstance(region, str) else region
    if region:
        if _CODE.match(region) and region in region_ids:
            state = replace(state, region=region)
        else:
            read.reject("region", f"Unknown region “{_short(region)}” ignored.", [])
    raw_compare = _first(read.query, "compare")
    if raw_compare:
        codes = [c.strip().upper() for c in raw_compare.split(",") if c.strip()]
        good = [c for c in dict.fromkeys(codes) if _CODE.match(c) and c in region_ids]
        bad = [c for c in codes if c not in good]
        if bad:
            read.reject("compare", f"Unknown regions in compare ignored: {', '.join(_short(c) for c in bad[:5])}.", [])
        if len(good) > MAX_COMPARE:
            read.reject("compare", f"At most {MAX_COMPARE} regions can be compared; kept the first {MAX_COMPARE}.", [])
        state = replace(state, compare=tuple(good[:MAX_COMPARE]))
    tab = read.member("tab", TABS, "Tab “{raw}” unknown; showing the map.")
    return replace(state, tab=tab) if tab else state


def default_level(levels: list[int]) -> int:
    """The level a view opens at when none is asked for: NUTS 2 where the indicator has it, else its finest."""
    return 2 if 2 in levels else max(levels)


def resolve_view(query: dict | str | None, layer: Layer, strict: bool = False, scope: ViewScope = ViewScope(),
                 extra_parameters: tuple[str, ...] = ()) -> tuple[ViewState, list[str]]:
    """The view a query asks for (dict of lists, dict of strings or raw string) and the notices of what was ignored.

    ``extra_parameters`` are read by the caller (e.g. a download's ``years``). Lenient mode never raises; strict
    mode raises ``InvalidChoice`` (first rejected parameter, every notice, its valid choices)."""
    if isinstance(query, str):
        query = parse_qs(query.lstrip("?"), keep_blank_values=True)
    read = _Reader(query or {})
    state, meta = _indicator_level_year(read, layer, scope)
    state = _regions_and_tab(read, _time(read, _classes(read, state, meta), layer), layer)
    allowed = set(VIEW_PARAMETERS) | set(OVERLAY_PARAMETERS) | {LANGUAGE_PARAMETER} | set(extra_parameters)
    extra = sorted(k for k in read.query if k not in allowed)
    if extra:
        read.reject(extra[0], f"Unknown parameters ignored: {', '.join(_short(k) for k in extra[:5])}.",
                    [*VIEW_PARAMETERS, *extra_parameters])
    notices = [notice for _, notice, _ in read.problems]
    if strict and read.problems:
        parameter, _, valid = read.problems[0]
        raise InvalidChoice(parameter, " ".join(notices), valid)
    return state, notices


def view_query(state: ViewState) -> str:
    """The query string of a view (defaults omitted except indicator/level/year), in the language it is read in
    (``lang``, omitted for English, the default)."""
    params: dict[str, str] = {"indicator": state.indicator, "level": str(state.level)}
    if state.year is not None:
        params["year"] = str(state.year)
    if state.since is not None:
        params["from"] = str(state.since)
    if state.fixed:
        params["fixed"] = "1"
    if state.classes != "auto":
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
    if current_language() != DEFAULT_LANGUAGE:
        params[LANGUAGE_PARAMETER] = current_language()
    return "?" + urlencode(params, safe=",")


def held_in_browser(query: str | None, layer: Layer) -> bool:
    """Whether a view's query shows an indicator imported into a browser (not one the deployment shares): the
    server has not got it, so GET routes cannot serve the view."""
    values = parse_qs(str(query or "").lstrip("?")).get("indicator") or [""]
    return is_imported_id(values[0]) and values[0] not in layer.by_indicator
