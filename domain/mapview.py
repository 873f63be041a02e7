"""One map view as data: values, classes, title and provenance; the table rows; links to imported indicators.

The interactive map, the table tab, the static export and the meeting pack all read ``map_view``, so the
"compared with EU27" rule and the class breaks are computed in one place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import pandas as pd

from data.layer import (
    LEVEL_NAMES,
    InvalidChoice,
    Layer,
    eu_reference,
    fullest_year,
    indicator_caveat,
    level_regions,
    map_values,
    source_of,
    years_with_data,
)
from data.layer.imported import is_imported_id
from data.layer.indicators import classification_hints
from data.layer.pools import merged_areas, pool_ranks
from domain.change import change_values
from domain.classify import Classes, classify, colours_by_side, recount
from domain.formatting import format_value
from domain.i18n import gettext as _
from domain.view import ViewState

EU_INDEX_UNIT = "index, EU27 = 100"


def eu_index(value, reference: float):
    """A value (or a column of values) compared with the published EU27 value of its year: EU27 = 100.

    The one "compared with EU27" rule, for the map, the table, the exports and the downloads."""
    return 100 * value / reference


@dataclass(frozen=True)
class MapView:
    """Everything the map, legend and table show for one view."""

    indicator_id: str
    label: str
    unit: str
    level: int
    year: int
    source: str
    source_code: str
    values: dict
    classes: Classes
    eu_reference: float | None
    compared_with_eu: bool
    eu_requested: bool = False
    since: int | None = None
    classes_of_years: tuple[int, int] | None = None
    from_to: dict | None = None
    caveat: str = ""
    merged_areas: dict = field(default_factory=dict)  # nuts_id -> merged area whose value the region shows

    @property
    def period(self) -> str:
        """The year shown, or the two years of a change ("2010→2018")."""
        return f"{self.since}→{self.year}" if self.since is not None else str(self.year)

    @property
    def value_notes(self) -> dict[str, str]:
        """Per region, what its hover and table row must say about whose value it shows."""
        return {code: merged_area_note(code, area, self.merged_areas) for code, area in self.merged_areas.items()}

    @property
    def title(self) -> str:
        """What a room reads on the presentation screen: no source codes (the provenance line has them)."""
        return f"{self.label} · {self.unit} · {LEVEL_NAMES[self.level]} · {self.period}"

    @property
    def classes_note(self) -> str:
        """Said beside the legend when the classes are those of every year, not of the year shown."""
        if self.classes_of_years is None:
            return ""
        return _("Same classes for every year (%(first)s–%(last)s)") % {"first": self.classes_of_years[0],
                                                                         "last": self.classes_of_years[1]}

    @property
    def provenance(self) -> str:
        basis = " " + _("Compared with EU27 = 100 (%(eu)s).") % {"eu": format_value(self.eu_reference, "")} \
            if self.compared_with_eu else (" " + _("No EU27 value published for %(year)s: values as published.") % {
                "year": self.year} if self.eu_requested else "")
        if self.since is not None:
            basis = " " + _("Change from %(since)s to %(year)s; no data where either year has none.") % {
                "since": self.since, "year": self.year}
        merged = ""
        if self.merged_areas:
            merged = " " + _("Merged areas %(areas)s: their member regions show the area's value (not their own), "
                             "ranked once.") % {"areas": ", ".join(sorted(set(self.merged_areas.values())))}
        caveat = f" {self.caveat}" if self.caveat else ""
        source = _("Source: %(source)s (%(code)s).") % {"source": self.source, "code": self.source_code}
        return (f"{self.label} · {self.unit} · {LEVEL_NAMES[self.level]} · {self.period}. "
                f"{source}{basis}{merged}{caveat}")


def merged_area_note(code: str, area: str, areas: dict[str, str]) -> str:
    """'value of the merged area AT00 (AT12 + AT13), not of AT13 alone; ranked once'."""
    members = " + ".join(sorted(c for c, a in areas.items() if a == area))
    return _("value of the merged area %(area)s (%(members)s), not of %(code)s alone; ranked once") % {
        "area": area, "members": members, "code": code}


def effective_method(chosen: str, hints: dict, compared: bool) -> str:
    """'Suggested' classes: the unit's meaningful breaks where it has them (a location quotient: < 0.8, 0.8–1.25,
    1.25–2, ≥ 2), quantiles otherwise."""
    if chosen != "auto":
        return chosen
    return "fixed" if hints.get("breaks") and not compared else "quantiles"


def map_view(layer: Layer, state: ViewState) -> MapView:
    """Values, classes and hover text for a view (validated; raises InvalidChoice)."""
    if state.is_change:
        return _change_view(layer, state)
    meta, level, year, frame = map_values(layer, state.indicator, state.level, state.year)
    values = {code: float(value) for code, value in zip(frame["nuts_id"].tolist(), frame["value"].tolist())
              if not (value is None or math.isnan(value))}
    unit, label = meta["unit"], meta["label"]
    ref = eu_reference(layer, state.indicator, year)
    compared = bool(state.eu and ref)
    if compared and ref:
        values = {k: eu_index(v, ref) for k, v in values.items()}
        unit = EU_INDEX_UNIT
    all_values = [values.get(code, math.nan) for code in frame.nuts_id]
    hints = classification_hints(meta["unit"])
    mid = 100.0 if compared else hints.get("diverging_mid")
    method = effective_method(state.classes, hints, compared)
    span = None
    if state.fixed:
        pooled, span = _every_year(layer, state, compared)
        classes = recount(all_values, classify(pooled, method, state.k, state.palette, diverging_mid=mid,
                                               categorical=bool(hints.get("categorical")),
                                               breaks=tuple(hints.get("breaks") or ())))
    else:
        classes = classify(all_values, method, state.k, state.palette, diverging_mid=mid,
                           categorical=bool(hints.get("categorical")), breaks=tuple(hints.get("breaks") or ()))
    source = source_of(layer, state.indicator, level).short_name
    return MapView(state.indicator, label, unit, level, year, source, meta["source_code"], values, classes, ref, compared,
                   eu_requested=bool(state.eu), classes_of_years=span, caveat=indicator_caveat(layer, state.indicator),
                   merged_areas=merged_areas(frame))


def _every_year(layer: Layer, state: ViewState, compared: bool) -> tuple[list[float], tuple[int, int]]:
    """Every value of the indicator at the level, all years (each compared with its year's EU27 value when the
    view is), and the first and last year: what classes held across the years are computed on."""
    frame = layer.by_indicator[state.indicator]
    frame = frame[frame.level == state.level]
    values = frame.value.astype("float64")
    if compared:
        refs = {int(y): eu_reference(layer, state.indicator, int(y)) for y in frame.year.unique()}
        values = pd.Series([eu_index(v, ref) if (ref := refs[int(y)]) else math.nan
                            for v, y in zip(values, frame.year)], dtype="float64")
    years = sorted(int(y) for y in frame.year.unique())
    return values.tolist(), (years[0], years[-1])


def _change_view(layer: Layer, state: ViewState) -> MapView:
    """A change map: the change from ``since`` to ``year`` in every region with both values, classes on a
    diverging scale centred on no change (0)."""
    change = change_values(layer, state.indicator, state.level, state.since, state.year)
    values = change.changes
    method = "quantiles" if state.classes in ("auto", "fixed") else state.classes
    classes = classify([r.change if r.change is not None else math.nan for r in change.rows], method, state.k,
                       state.palette, diverging_mid=0.0)
    if classes.edges and not classes.colorscale:
        classes = replace(classes, colours=colours_by_side(classes.edges, 0.0, state.palette))
    meta = layer.indicator(state.indicator)
    source = source_of(layer, state.indicator, change.level).short_name
    return MapView(state.indicator, f"Change in {change.label}", change.change_unit, change.level, change.to_year,
                   source, meta["source_code"], values, classes, None, False, since=change.from_year,
                   from_to={r.nuts_id: (r.from_value, r.to_value) for r in change.rows},
                   caveat=indicator_caveat(layer, state.indicator))


def table_rows(layer: Layer, view: MapView) -> list[dict]:
    """One row per region of the level: rank among the EU27 regions of the level (``data.layer.pools``: integers, ties
    share the best rank and are said; a non-EU region gets the place it would take, marked), value, unit, year;
    no-data rows last."""
    regions = level_regions(layer, view.level)
    meta = layer.indicator(view.indicator_id)
    ranks = pool_ranks(pd.Series(view.values, dtype="float64"), higher_is_better=meta["higher_is_better"],
                       areas=view.merged_areas) if view.values else pd.DataFrame(columns=["rank", "of", "tied", "in_pool"])
    notes = view.value_notes
    by_code = {code: (int(rank), int(tied), bool(in_pool)) for code, rank, tied, in_pool
               in zip(ranks.index, ranks["rank"], ranks["tied"], ranks["in_pool"])}
    rows = []
    for code, name, country in zip(regions["nuts_id"].tolist(), regions["name"].tolist(), regions["country"].tolist()):
        value = view.values.get(code)
        ranked = by_code.get(code)
        status = "no data" if value is None else ""
        if ranked is not None and ranked[1] > 1:
            status = f"tied ({ranked[1]})"
        if ranked is not None and not ranked[2]:
            status = "outside the EU27 pool"
        if code in notes:
            status = "; ".join(t for t in (status, notes[code]) if t)
        row = {"rank": None if ranked is None else ranked[0], "name": name, "nuts_id": code, "country": country,
               "value": None if value is None else float(f"{value:.6g}"),
               "unit": view.unit, "year": view.year if value is not None else None, "status": status}
        if view.from_to is not None:
            row["from_value"], row["to_value"] = view.from_to.get(code, (None, None))
            row["year"] = view.period if value is not None else None
        rows.append(row)
    rows.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0, r["name"]))
    return rows


def split_imported(query: dict, layer: Layer) -> tuple[dict, dict | None]:
    """A link to an indicator imported into a browser: the server has not got it, so the page is laid out with
    the default indicator and the browser that holds it switches to it (``pending``)."""
    indicator = query.get("indicator")
    if not is_imported_id(indicator) or indicator in layer.by_indicator:
        return query, None
    pending = {"indicator": indicator, "level": query.get("level"), "year": query.get("year")}
    return {k: v for k, v in query.items() if k not in pending}, pending


def resolve_pending(layer: Layer, pending: object) -> tuple[str, int, int] | None:
    """(indicator, level, year) of a pending imported view in a layer that holds it; None when it does not."""
    if not isinstance(pending, dict) or not is_imported_id(pending.get("indicator")):
        return None
    try:
        meta = layer.indicator(pending["indicator"])
    except InvalidChoice:
        return None
    try:
        level = int(pending["level"])
    except (KeyError, TypeError, ValueError):
        level = -1
    if level not in meta["levels"]:
        counts = layer.by_indicator[pending["indicator"]].level.value_counts()
        level = int(counts.idxmax())
    years = years_with_data(layer, pending["indicator"], level)
    try:
        year = int(pending["year"])
    except (KeyError, TypeError, ValueError):
        year = -1
    return pending["indicator"], level, year if year in years else fullest_year(layer, pending["indicator"], level)
