"""The rows behind a view: exactly what a page shows, reproducible from its URL query.

Pages, the JSON API and every download format read the same function, so a
CSV, an Excel sheet and the map always agree. Missing values stay empty
(never 0); each row names its source, unit and flag.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pandas as pd

from data.layer import BadParameter, Layer, eu_reference, indicator_caveat, source_of
from data.pools import MERGED_AREA
from domain.mapview import EU_INDEX_UNIT, eu_index
from domain.s3 import domain, domain_scores
from domain.strategy import parse_strategy
from domain.view import ViewState, resolve_view, view_query
from web.pages import page_with, view_scope

COLUMNS = ["nuts_id", "name", "level", "country", "indicator_id", "indicator", "year", "value", "unit", "source", "licence",
           "flag", "note"]
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
        raise BadParameter("years", f"years must be 'all', got {str(years)[:20]!r}.", ["all"])
    countries_raw = _first(query, "countries") or ""
    countries = tuple(c for c in countries_raw.upper().split(",") if c)
    known = set(layer.regions.country)
    bad_countries = [c for c in countries if not _COUNTRY.match(c) or c not in known]
    if bad_countries:
        raise BadParameter("countries", f"Unknown country codes: {', '.join(c[:5] for c in bad_countries[:5])}.",
                           sorted(known))
    return state, years == "all", countries


def view_rows(layer: Layer, state: ViewState, all_years: bool = False, countries: tuple[str, ...] = ()) -> pd.DataFrame:
    """Every region of the view's level (optionally filtered by country) × year(s), value empty where missing."""
    meta = layer.indicator(state.indicator)
    source = source_of(layer, state.indicator, state.level).short_name
    licence = source_of(layer, state.indicator, state.level).licence
    regions = layer.regions[layer.regions.level == state.level][["nuts_id", "name_latn", "level", "country"]]
    if countries:
        regions = regions[regions.country.isin(countries)]
    frame = layer.by_indicator[state.indicator]
    frame = frame[frame.level == state.level]
    years = sorted(frame.year.unique()) if all_years else [state.year]
    frame = frame[frame.year.isin(years)][["nuts_id", "year", "value", "flag", "note"]]
    grid = regions.merge(pd.DataFrame({"year": years}), how="cross")
    rows = grid.merge(frame, on=["nuts_id", "year"], how="left")
    unit = meta["unit"]
    if state.eu:
        refs = {y: eu_reference(layer, state.indicator, int(y)) for y in years}
        if all(v for v in refs.values()):
            rows["value"] = eu_index(rows.value, rows.year.map(refs))
            unit = EU_INDEX_UNIT
    rows = rows.rename(columns={"name_latn": "name"})
    rows["indicator_id"] = state.indicator
    rows["indicator"] = meta["label"]
    rows["unit"] = unit
    rows["source"] = source
    rows["licence"] = licence
    rows["flag"] = rows.flag.fillna("").astype(str)
    rows["note"] = row_notes(rows, indicator_caveat(layer, state.indicator))
    rows["year"] = rows.year.astype("int64")
    rows["level"] = rows.level.astype("int64")
    if all_years:
        rows = rows.dropna(subset=["value"])
    rows = rows.sort_values(["year", "nuts_id"]).reset_index(drop=True)
    return rows[COLUMNS]


def row_notes(rows: pd.DataFrame, caveat: str) -> pd.Series:
    """The note column: a merged area's value named as the area's, then the indicator's caveat, on every row with
    a value (a file is read row by row, far from any footer)."""
    merged = rows.note.fillna("").astype(str).where(rows.flag == MERGED_AREA, "")
    merged = ("Not this region's own value: the " + merged + "; ranked once as the merged area.").where(merged != "", "")
    said = pd.Series(caveat, index=rows.index).where(rows.value.notna(), "")
    return (merged + " " + said).str.strip()


def build_strategy_download(page: str, query: dict, layer: Layer, base_url: str = "") -> DownloadView:
    """The Strategies map as rows: each NUTS 2 region's evidence score for the domain (empty = too little evidence)."""
    flat = {k: (v[0] if isinstance(v, list) and v else v) for k, v in query.items()}
    view, notices = parse_strategy(flat, layer)
    if notices:
        raise BadParameter("query", "Invalid download parameters: " + " ".join(notices), ["domain", "evidence", "region"])
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
        "flag": "derived", "note": "",
    })[COLUMNS]
    sources = []
    for indicator_id in view["evidence"]:
        s = layer.sources[layer.indicator(indicator_id)["source_id"]]
        if s.id not in {x["id"] for x in sources}:
            sources.append({"id": s.id, "title": s.title, "citation": s.citation, "licence": s.licence,
                            "licence_url": s.licence_url, "url": s.landing_page})
    b = layer.sources["gisco_nuts_2021"]
    sources.append({"id": b.id, "title": b.title, "citation": b.citation, "licence": b.licence,
                    "licence_url": b.licence_url, "url": b.landing_page})
    query_string = urlencode({"domain": view["domain"], "evidence": ",".join(view["evidence"])}, safe=",")
    return DownloadView(page=page, state=ViewState(), rows=rows, all_years=False, countries=(),
                        title=f"Evidence score: {label} (NUTS 2)", query=f"{base_url}/{page}?{query_string}",
                        sources=sources, custom_filters={"page": page, "domain": view["domain"],
                                                         "evidence": ", ".join(view["evidence"])},
                        notes=["Score = mean percentile position among NUTS 2 regions over the evidence indicators, "
                               "latest year of each; empty = fewer than half of them available."],
                        generated_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))


def build_download_view(page: str, query: dict, layer: Layer, base_url: str = "") -> DownloadView:
    """The rows of a page's download, by the kind its registration declares (``download_view``, default ``map``)."""
    kind = page_with(page, "downloadable").get("download_view", "map")
    return DOWNLOAD_VIEWS[kind](page, query, layer, base_url)


def build_map_download(page: str, query: dict, layer: Layer, base_url: str = "") -> DownloadView:
    """A map view's rows: every region of its level (or every region-year with ``years=all``)."""
    state, all_years, countries = parse_download(page, query, layer)
    rows = view_rows(layer, state, all_years, countries)
    meta = layer.indicator(state.indicator)
    source = source_of(layer, state.indicator, state.level)
    boundaries = layer.sources["gisco_nuts_2021"]
    sources = [{"id": s.id, "title": s.title, "citation": s.citation, "licence": s.licence, "licence_url": s.licence_url,
                "url": s.landing_page} for s in (source, boundaries)]
    caveat = indicator_caveat(layer, state.indicator)
    params = view_query(state).lstrip("?")
    extra = {k: v for k, v in (("years", "all" if all_years else ""), ("countries", ",".join(countries))) if v}
    query_string = params + ("&" + urlencode(extra, safe=",") if extra else "")
    notes = []
    if caveat:
        notes.append(caveat)
    if all_years:
        notes.append("All-years download: only region-years with a value are listed (single-year downloads list "
                     "every region, with an empty value where there is no data).")
    if len(rows) and rows.value.isna().all():
        notes.append("No region has a value for this view; the file lists the regions with empty values.")
    if rows.empty:
        notes.append("No region matches these filters; the file has headers only.")
    title = f"{meta['label']} ({rows.unit.iloc[0] if len(rows) else meta['unit']}), " \
            f"{'all years' if all_years else state.year}, {'country' if state.level == 0 else f'NUTS {state.level}'}"
    return DownloadView(page=page, state=state, rows=rows, all_years=all_years, countries=countries, title=title,
                        query=f"{base_url}/{page}?{query_string}", sources=sources, notes=notes,
                        generated_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))


# What a page's download holds, by the ``download_view`` it declares in ``dash.register_page``.
DOWNLOAD_VIEWS = {"map": build_map_download, "evidence_scores": build_strategy_download}
