"""HTML legend for the choropleth: class bounds in the indicator's unit, counts, and 'no data'."""

from __future__ import annotations

from dash import html

from domain.classify import Classes, legend_items
from domain.i18n import gettext as _


def legend(classes: Classes, unit: str, title: str, method_label: str, no_data_label: str = "No data",
           caveat: str = "") -> html.Div:
    items = []
    for row in legend_items(classes, unit, no_data_label):
        if row.get("gradient"):
            swatch = html.Span(className=f"atlas-swatch atlas-gradient atlas-gradient-{row['gradient'].lower()}")
        else:
            swatch = html.Span(className="atlas-swatch" + (" atlas-swatch-nodata" if row.get("no_data") else ""),
                               style={"backgroundColor": row["colour"]})
        items.append(html.Li([swatch, html.Span(row["label"], className="atlas-legend-label"),
                              html.Span(f"{row['count']}", className="atlas-legend-count",
                                        title=_("regions in this class"))]))
    return html.Div([
        html.Div([html.Span(title, className="fw-semibold"), html.Span(f" ({unit})"),
                  html.Span(f" · {method_label}", className="text-muted")],
                 className="atlas-legend-title"),
        html.Ul(items, className="atlas-legend-list"),
        html.Div(caveat, className="atlas-legend-caveat small text-muted") if caveat else None,
    ], className="atlas-legend")
