"""How an imported list is shown: summary, report table (text only, never HTML) and a map of what was located."""

from __future__ import annotations

import math

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import html

from components.legend import legend
from data.importing import ImportResult
from data.importing.table import COARSER, LOCATED
from data.layer import LEVEL_NAMES, Layer, best_covered_year
from domain.classify import classify, classify_counts, method_label
from domain.i18n import gettext as _
from domain.i18n import ngettext
from domain.text_alternatives import list_map_summary
from figures.choropleth import apply_update, build_base_figure, value_updates

MAX_REPORT_ROWS = 200


def summary_block(result: ImportResult, source: str) -> html.Div:
    s = result.summary
    methods = ", ".join(f"{_(m)}: {n}" for m, n in s["by_method"].items()) or _("none")
    counts = {"not_located": s["not_located"], "duplicates": s["duplicates"], "invalid": s["invalid"],
              "empty": s.get("empty")}
    return dbc.Alert([
        html.Strong(ngettext("%(located)s of %(count)d row located in NUTS 2021 regions.",
                             "%(located)s of %(count)d rows located in NUTS 2021 regions.", s["rows"])
                    % {"located": s["located"], "count": s["rows"]} + " "),
        (_("Not located: %(not_located)s; duplicates: %(duplicates)s; invalid values: %(invalid)s; empty values (kept "
           "out, shown as no data): %(empty)s.") if s.get("empty") else
         _("Not located: %(not_located)s; duplicates: %(duplicates)s; invalid values: %(invalid)s.")) % counts + " ",
        html.Br(), _("Located by — %(methods)s. Source: %(source)s.") % {"methods": methods, "source": source},
        html.Br(), levels_line(result),
    ], color=summary_colour(s), id="imports-summary-alert")


def summary_colour(summary: dict) -> str:
    """Green only when every row is placed; amber when some are; red when none is."""
    if summary["located"] and summary["located"] == summary["rows"]:
        return "success"
    return "warning" if summary["located"] else "danger"


def levels_line(result: ImportResult) -> str:
    """Rows end up at the level their code or place gives; a map shows one level at a time, so say where they are."""
    if result.rows.empty:
        return ""
    counts = result.rows.level.value_counts().sort_index()
    parts = ", ".join(f"{_(LEVEL_NAMES.get(int(lv), str(lv)))}: {n}" for lv, n in counts.items())
    line = _("Located rows by level — %(levels)s.") % {"levels": parts}
    return line + (" " + _("The map shows one level at a time: choose the level in the explorer.")
                   if len(counts) > 1 else "")


def report_table(report: pd.DataFrame) -> html.Div:
    """"Rows not used" (not located, duplicates, invalid values) and, apart, the rows used at a coarser level than
    their code or place (a split or retired NUTS code): they are on the map, so they are not listed as unused."""
    unused = report[~report.status.isin(LOCATED)]
    coarser = report[report.status == COARSER]
    parts = [_rows_table(_("Rows not used"), unused, _("Reason"), "reason", "imports-report-table") if len(unused)
             else html.P(_("Every row was located."), className="text-success")]
    if len(coarser):
        parts.append(_rows_table(_("Rows used at a coarser level"), coarser, _("Where"), "method",
                                 "imports-coarser-table"))
    return html.Div(parts)


def _rows_table(title: str, rows: pd.DataFrame, last: str, field: str, table_id: str) -> html.Div:
    shown = rows.head(MAX_REPORT_ROWS)
    head = html.Thead(html.Tr([html.Th(c) for c in (_("Row"), _("In the file"), _("Status"), last)]))
    body = html.Tbody([html.Tr([html.Td(int(r.row)), html.Td(str(r.content)), html.Td(str(r.status_text)),
                                html.Td(str(getattr(r, field)))]) for r in shown.itertuples()])
    more = len(rows) - len(shown)
    return html.Div([html.H3(title, className="h6"), dbc.Table([head, body], size="sm", responsive=True),
                     html.P(_("… and %(count)s more in the downloadable report.") % {"count": more} if more > 0 else "",
                            className="small")],
                    id=table_id)


def imported_map(layer: Layer, result: ImportResult, source: str, unit: str = "") -> tuple[go.Figure, html.Div | None]:
    """A preview of what was located, with its legend: the values at the level most rows have and their
    best-covered year (indicator), or rows per NUTS 2 region (clusters, priorities)."""
    rows = result.rows
    if rows.empty:
        return go.Figure(), None
    if result.kind == "indicator":
        level = int(rows.level.mode().iloc[0])
        part = rows[rows.level == level]
        year = best_covered_year(part.year)
        part = part[part.year == year]
        values = dict(zip(part.nuts_id, part.value.astype(float)))
        label = _("Your indicator, %(level)s, %(year)s") % {"level": _(LEVEL_NAMES[level]), "year": year}
        unit, year = unit or _("unit not stated"), int(year)
    else:
        level = 2
        codes = rows.nuts_id[rows.nuts_id.str.len() >= 4].str[:4]
        values = codes.value_counts().astype(float).to_dict()
        label = _("Cluster organisations per NUTS 2 region") if result.kind == "clusters" else \
            _("S3 priorities per NUTS 2 region")
        unit, year = _("rows of your list"), 0
    regions = layer.regions.nuts_id[layer.regions.level == level]
    every = [values.get(c, math.nan) for c in regions]
    if result.kind == "indicator":
        classes, missing = classify(every, "quantiles", 5, "viridis"), _("No data")
    else:
        classes, missing = classify_counts(every, "viridis"), _("None in this list")
    fig = build_base_figure(layer, level, uirevision="imports")
    apply_update(fig, value_updates(layer, level, values, classes, label, unit, year, source))
    summary = list_map_summary(label, unit, values, classes, layer.region_names(), missing)
    return fig, html.Div([legend(classes, unit, label, _(method_label(classes)), no_data_label=missing),
                          html.P(summary, id="imports-map-summary", className="atlas-map-summary small text-muted mt-1")])
