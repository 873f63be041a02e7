"""Imported cluster organisations as a point layer on the explorer's map (the Clusters page).

The base figure carries one empty point trace after the technology centres' traces (``organisations_trace_index``);
the Clusters page fills and empties it by Patch, like the technology centres, so the organisations are read against
the location quotients on the one map instead of on a second map below it. Every text is escaped (``plain_text``):
names come from an uploaded file.
"""

from __future__ import annotations

from textwrap import shorten

import plotly.graph_objects as go

from data.layer import Layer
from data.layer.imported import imported_id, is_imported_id
from domain.organisations import organisation_places
from figures.text import plain_text, wrap

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


def shown_organisations(layer: Layer, query: dict) -> tuple[dict, list[str]] | None:
    """The cluster list a view draws over its map (``orgs=<id>``, ``orgs_sector``), when this layer holds it: shared
    by the deployment, or sent by the browser with the storyboard (exports/sent.py)."""
    wanted = (query.get("orgs") or [""])[0]
    if not is_imported_id(wanted):
        return None
    for payload in layer.shared_imports:
        if payload.get("kind") == "clusters" and wanted in (payload.get("id"), imported_id(dict(payload))):
            chosen = [s for s in (query.get("orgs_sector") or [""])[0].split(",") if s.strip()]
            return dict(payload), chosen
    return None


def organisations_line(layer: Layer, orgs: tuple[dict, list[str]] | None) -> str:
    """'◆ 3 cluster organisations: <source> (<licence>), imported; not verified by Cluster Atlas' — said on the
    picture and in the words of every page and slide that draws them ('' when none are shown)."""
    if not orgs:
        return ""
    payload, chosen = orgs
    places = organisation_places(layer, payload, chosen)
    return (f"◆ {len(places)} cluster organisations: {shorten(str(payload.get('source')), 90, placeholder=' …')} "
            f"({shorten(str(payload.get('licence')), 50, placeholder=' …')}), imported; not verified by Cluster Atlas")


def with_organisations(layer: Layer, figure: dict, orgs: tuple[dict, list[str]] | None) -> dict:
    """The map figure with the view's cluster organisations as points on its main map (their coordinates, else their
    region's centre, as on the Clusters page) and a line naming the list's source and licence."""
    if not orgs:
        return figure
    payload, chosen = orgs
    places = organisation_places(layer, payload, chosen)
    figure.setdefault("data", []).append(
        {"type": "scattergeo", "geo": "geo", "mode": "markers", "lat": [p["lat"] for p in places],
         "lon": [p["lon"] for p in places], "name": NAME, "showlegend": False, "hoverinfo": "skip",
         "marker": {"size": 9, "color": COLOUR, "symbol": "diamond", "line": {"color": "#ffffff", "width": 1}}})
    line = organisations_line(layer, orgs)
    layout = figure.setdefault("layout", {})
    right = ((layout.get("geo") or {}).get("domain") or {}).get("x", [0, 1])[1]  # bottom right of the main map
    layout.setdefault("annotations", []).append(
        {"text": wrap(plain_text(line), 70), "x": right, "y": 0.0, "xref": "paper", "yref": "paper",
         "xanchor": "right", "yanchor": "bottom", "showarrow": False, "align": "right",
         "font": {"size": 12, "color": COLOUR}, "bgcolor": "rgba(255,255,255,0.85)"})
    return figure
