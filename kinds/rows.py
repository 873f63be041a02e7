"""The rows behind a view: exactly what a page shows, reproducible from its URL query.

The map kind (``kinds/map.py``) and the Strategies kind (``kinds/strategy.py``) give their downloads from these
functions, and every download format writes the one ``DownloadView``, so a CSV, an Excel sheet and the map always
agree. Missing values stay empty (never 0); each row names its source, unit and flag.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pandas as pd

from data.layer import InvalidChoice, Layer, indicator_caveat, source_of, years_with_data
from domain.change import change_values
from domain.provenance import NUTS_VERSION, layer_version, sources_of
from domain.rows import COLUMNS, value_rows
from domain.s3 import domain, domain_scores
from domain.strategy import parse_strategy
from domain.view import ViewState, resolve_view, view_query
from web.pages import page_with, view_scope

EXTRA_PARAMETERS = ("years", "countries")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class DownloadView:
    """A view's rows plus what the file must say about them."""

    page: str
    state: ViewState
    rows: pd.DataFrame
    all_years: bool
    countries: tuple[str, ...]
    title: str
    query: str
    sources: list[dict]
    notes: list[str] = field(default_factory=list)
    generated_at: str = ""
    custom_filters: dict | None = None
    layer_version: dict = field(default_factory=dict)

    @property
    def file_stem(self) -> str:
        if self.custom_filters:
            return f"cluster-atlas_{self.page}_{self.custom_filters.get('domain', '')}"
        year = "all-years" if self.all_years else str(self.state.year)
        return f"cluster-atlas_{self.state.indicator}_nuts{self.state.level}_{year}"

    @property
    def filters(self) -> dict[str, str]:
        if self.custom_filters:
            return dict(self.custom_filters)
        filters = {"page": self.page, "indicator": self.state.indicator, "level": str(self.state.level),
                   "year": "all years" if self.all_years else str(self.state.year)}
        if self.countries:
            filters["countries"] = ", ".join(self.countries)
        if self.state.eu:
            filters["compared with EU27"] = "yes (EU27 = 100)"
        return filters


def _first(query: dict, key: str) -> str | None:
    value = query.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    return value


def parse_download(page: str, query: dict, layer: Layer) -> tuple[ViewState, bool, tuple[str, ...]]:
    """Strict parsing for downloads: a bad parameter is a 400, never a silent default."""
    page_with(page, "downloadable")
    state, _ = resolve_view(query, layer, strict=True, scope=view_scope(page), extra_parameters=EXTRA_PARAMETERS)
    years = _first(query, "years")
    if years not in (None, "", "all"):
        raise InvalidChoice("years", f"years must be 'all', got {str(years)[:20]!r}.", ["all"])
    countries_raw = _first(query, "countries") or ""
    countries = tuple(c for c in countries_raw.upper().split(",") if c)
    known = set(layer.regions.country)
    bad_countries = [c for c in countries if not _COUNTRY.match(c) or c not in known]
    if bad_countries:
        raise InvalidChoice("countries", f"Unknown country codes: {', '.join(c[:5] for c in bad_countries[:5])}.",
                           sorted(known))
    return state, years == "all", countries


def view_rows(layer: Layer, state: ViewState, all_years: bool = False, countries: tuple[str, ...] = ()) -> pd.DataFrame:
    """Every region of the view's level (optionally filtered by country) × its year, or × every year with data; a
    change view gives both years' values and, below them, the change (``change_rows``)."""
    if state.is_change and not all_years:
        both = value_rows(layer, state.indicator, state.level, [state.since, state.year], countries=countries)
        return pd.concat([both, change_rows(layer, state, both)], ignore_index=True)[COLUMNS]
    years = years_with_data(layer, state.indicator, state.level) if all_years else [state.year]
    return value_rows(layer, state.indicator, state.level, years, eu=state.eu, countries=countries)


def change_rows(layer: Layer, state: ViewState, both: pd.DataFrame) -> pd.DataFrame:
    """One row per region with the change from ``since`` to ``year``, in the columns of every other row: the
    indicator named "Change in … (since→year)", the unit in points for a share, empty where either year is."""
    view = change_values(layer, state.indicator, state.level, state.since, state.year)
    changes = {r.nuts_id: r.change for r in view.rows}
    rows = both[both.year == state.year].copy()
    rows["indicator_id"] = f"{state.indicator}.change_{state.since}_{state.year}"
    rows["indicator"] = f"Change in {view.label}, {state.since}→{state.year}"
    rows["value"] = rows.nuts_id.map(changes).astype("float64")
    rows["unit"] = view.change_unit
    rows["flag"] = "derived"
    return rows


def build_strategy_download(page: str, query: dict, layer: Layer, base_url: str = "") -> DownloadView:
    """The Strategies map as rows: each NUTS 2 region's evidence score for the domain (empty = too little evidence)."""
    flat = {k: (v[0] if isinstance(v, list) and v else v) for k, v in query.items()}
    view, notices = parse_strategy(flat, layer)
    if notices:
        raise InvalidChoice("query", "Invalid download parameters: " + " ".join(notices), ["domain", "evidence", "region"])
    table = domain_scores(layer, view["evidence"])
    years = table.attrs.get("years", {})
    scores = table.set_index("nuts_id").score
    regions = layer.regions[layer.regions.level == 2]
    label = domain(view["domain"])["label"]
    rows = pd.DataFrame({
        "nuts_id": regions.nuts_id.values, "name": regions.name_latn.values, "level": 2,
        "country": regions.country.values, "indicator_id": f"evidence_score_{view['domain']}",
        "indicator": f"Evidence score: {label}", "year": max(years.values()) if years else 0,
        "value": regions.nuts_id.map(scores).values, "unit": "score 0-100 (mean percentile of the evidence)",
        "source": "Cluster Atlas, from " + ", ".join(view["evidence"]),
        "licence": "; ".join(dict.fromkeys(layer.sources[layer.indicator(i)["source_id"]].licence for i in view["evidence"])),
        "flag": "derived", "note": "", "nuts_version": NUTS_VERSION,
    })[COLUMNS]
    sources = sources_of(layer, [layer.indicator(i)["source_id"] for i in view["evidence"]])
    query_string = urlencode({"domain": view["domain"], "evidence": ",".join(view["evidence"])}, safe=",")
    return DownloadView(page=page, state=ViewState(), rows=rows, all_years=False, countries=(),
                        title=f"Evidence score: {label} (NUTS 2)", query=f"{base_url}/{page}?{query_string}",
                        sources=sources, custom_filters={"page": page, "domain": view["domain"],
                                                         "evidence": ", ".join(view["evidence"])},
                        notes=["Score = mean percentile position among NUTS 2 regions over the evidence indicators, "
                               "latest year of each; empty = fewer than half of them available."],
                        generated_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                        layer_version=layer_version(layer))


def build_map_download(page: str, query: dict, layer: Layer, base_url: str = "") -> DownloadView:
    """A map view's rows: every region of its level (or every region-year with ``years=all``)."""
    state, all_years, countries = parse_download(page, query, layer)
    rows = view_rows(layer, state, all_years, countries)
    meta = layer.indicator(state.indicator)
    sources = sources_of(layer, [source_of(layer, state.indicator, state.level).id])
    caveat = indicator_caveat(layer, state.indicator)
    params = view_query(state).lstrip("?")
    extra = {k: v for k, v in (("years", "all" if all_years else ""), ("countries", ",".join(countries))) if v}
    query_string = params + ("&" + urlencode(extra, safe=",") if extra else "")
    notes = []
    if caveat:
        notes.append(caveat)
    if all_years:
        notes.append("All-years download: every region for every year with data at this level, with an empty value "
                     "where a region has no figure for a year (as in single-year downloads).")
    if len(rows) and rows.value.isna().all():
        notes.append("No region has a value for this view; the file lists the regions with empty values.")
    if rows.empty:
        notes.append("No region matches these filters; the file has headers only.")
    period = "all years" if all_years else (f"change {state.since}→{state.year}" if state.is_change else state.year)
    title = f"{meta['label']} ({rows.unit.iloc[0] if len(rows) else meta['unit']}), " \
            f"{period}, {'country' if state.level == 0 else f'NUTS {state.level}'}"
    if state.is_change and not all_years:
        notes.append(f"Change view: each region's values in {state.since} and {state.year}, then the change between "
                     "them (indicator id ending in .change_…, flag 'derived'); empty where either year has no value.")
    return DownloadView(page=page, state=state, rows=rows, all_years=all_years, countries=countries, title=title,
                        query=f"{base_url}/{page}?{query_string}", sources=sources, notes=notes,
                        generated_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                        layer_version=layer_version(layer))
