"""Imported cluster organisations as a point layer on the explorer's map (the Clusters page).

The base figure carries one empty point trace after the technology centres' traces (``organisations_trace_index``);
the Clusters page fills and empties it by Patch, like the technology centres, so the organisations are read against
the location quotients on the one map instead of on a second map below it. Every text is escaped (``plain_text``):
names come from an uploaded file.
"""

from __future__ import annotations

import plotly.graph_objects as go

from figures.text import plain_text

COLOUR = "#d6336c"
NAME = "Cluster organisations (your list)"
HOVER = "<b>%{customdata[2]}</b><br>%{customdata[3]}<br>%{customdata[4]}<br>%{customdata[5]}<extra></extra>"


def empty_organisation_trace(geo: str = "geo") -> go.Scattergeo:
    """The organisations' point trace, empty until a list is chosen on the Clusters page."""
    return go.Scattergeo(lat=[], lon=[], mode="markers", name=NAME, geo=geo, customdata=[], hovertemplate=HOVER,
                         showlegend=False,
                         marker={"size": 8, "color": COLOUR, "symbol": "diamond",
                                 "line": {"color": "#ffffff", "width": 1}})


def organisation_points(places: list[dict], source: str) -> dict:
    """lat, lon and customdata of the trace: ``["org", row index, name, place, located level, source line]``; the
    first item tells a click on an organisation from one on a technology centre."""
    line = plain_text(f"Source: {source[:80]}, imported; not verified by Cluster Atlas")
    custom = [["org", p["index"], plain_text(p["name"][:120]), plain_text(p["place"][:160]), plain_text(p["located"]),
               line] for p in places]
    return {"lat": [p["lat"] for p in places], "lon": [p["lon"] for p in places], "customdata": custom}
