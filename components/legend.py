"""HTML legend for the choropleth: class bounds in the indicator's unit, counts, and 'no data'."""

from __future__ import annotations

from dash import html

from components.classify import NO_DATA_COLOUR, Classes
from components.formatting import format_value


def legend_items(classes: Classes, unit: str, no_data_label: str = "No data") -> list[dict]:
    """Legend rows as data: label, colour, count (the 'no data' row last)."""
    rows = []
    if classes.method == "continuous" and classes.edges:
        rows.append({"label": f"{format_value(classes.edges[0])} – {format_value(classes.edges[1])}",
                     "colour": None, "count": classes.counts[0] if classes.counts else 0, "gradient": classes.colorscale[0]})
    else:
        for i, (colour, count) in enumerate(zip(classes.colours, classes.counts)):
            lo, hi = classes.edges[i], classes.edges[i + 1]
            label = format_value(hi, "", 0) if classes.categorical else f"{format_value(lo)} – {format_value(hi)}"
            rows.append({"label": label, "colour": colour, "count": count})
    rows.append({"label": no_data_label, "colour": NO_DATA_COLOUR, "count": classes.n_missing, "no_data": True})
    return rows


def legend(classes: Classes, unit: str, title: str, method_label: str, no_data_label: str = "No data") -> html.Div:
    items = []
    for row in legend_items(classes, unit, no_data_label):
        if row.get("gradient"):
            swatch = html.Span(className=f"atlas-swatch atlas-gradient atlas-gradient-{row['gradient'].lower()}")
        else:
            swatch = html.Span(className="atlas-swatch" + (" atlas-swatch-nodata" if row.get("no_data") else ""),
                               style={"backgroundColor": row["colour"]})
        items.append(html.Li([swatch, html.Span(row["label"], className="atlas-legend-label"),
                              html.Span(f"{row['count']}", className="atlas-legend-count",
                                        title="regions in this class")]))
    return html.Div([
        html.Div([html.Span(title, className="fw-semibold"), html.Span(f" ({unit})"),
                  html.Span(f" · {method_label}", className="text-muted")],
                 className="atlas-legend-title"),
        html.Ul(items, className="atlas-legend-list"),
    ], className="atlas-legend")
