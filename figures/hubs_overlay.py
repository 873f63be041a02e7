"""Technology centres as a point layer over any choropleth.

Hubs of one town share the town's GeoNames point, so at EU scale Brussels or Madrid would be one unreadable pile.
Hubs at the same point are spread on a small circle around it (``SPREAD_DEG`` per ring, radius growing with the
number of hubs there); the hover and the hub card still give the town. Colours are by hub type (colour-blind
safe), with a white outline so points read on every palette.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from figures.text import plain_text

TYPE_COLOURS = {"EDIH": "#0b4f9c", "Seal of Excellence": "#d1495b", "DIH": "#2e8b57"}
SPREAD_DEG = 0.09
OUTERMOST = ("ES70", "PT20", "PT30", "FRY")
HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]} · %{customdata[3]}<br>%{customdata[4]}<extra></extra>"


def spread_points(lat: pd.Series, lon: pd.Series) -> tuple[list[float], list[float]]:
    """Points sharing a location moved onto a circle around it (the first stays in the middle)."""
    out_lat, out_lon = lat.astype(float).tolist(), lon.astype(float).tolist()
    groups: dict[tuple[float, float], list[int]] = {}
    for i, key in enumerate(zip(lat.round(4), lon.round(4))):
        groups.setdefault(key, []).append(i)
    for (y, x), members in groups.items():
        if len(members) < 2:
            continue
        radius = SPREAD_DEG * (1 + len(members) / 8)
        for n, i in enumerate(members[1:]):
            angle = 2 * math.pi * n / (len(members) - 1)
            out_lat[i] = y + radius * math.sin(angle)
            out_lon[i] = x + radius * math.cos(angle) / max(math.cos(math.radians(y)), 0.2)
    return out_lat, out_lon


def empty_hub_traces(geo: str = "geo") -> list[go.Scattergeo]:
    """One point trace per hub type, empty: the explorer's base figure carries them after the selection outline,
    and ``hub_points`` fills them by Patch, so the choropleth's own traces keep their places."""
    return [go.Scattergeo(lat=[], lon=[], mode="markers", name=hub_type, geo=geo, customdata=[],
                          hovertemplate=HOVER, showlegend=False,
                          marker={"size": 9, "color": colour, "line": {"color": "#ffffff", "width": 1.2}})
            for hub_type, colour in TYPE_COLOURS.items()]


def in_outermost_region(hubs: pd.DataFrame) -> pd.Series:
    """Hubs in the outermost regions (Canarias, Açores, Madeira, the French overseas regions) lie outside the main
    map's frame; they are listed and counted, not drawn in the sea beside Portugal."""
    return hubs.nuts_id.fillna("").str.startswith(OUTERMOST)


def hub_points(hubs: pd.DataFrame, top_technologies: dict[str, str]) -> list[dict]:
    """For each hub type (in ``TYPE_COLOURS`` order) the lat, lon and customdata of its hubs that have a point;
    `top_technologies` maps hub_id to a short line of its strongest technologies."""
    out = []
    located = hubs[hubs.lat.notna() & hubs.lon.notna() & ~in_outermost_region(hubs)]
    for hub_type in TYPE_COLOURS:
        part = located[located.type == hub_type]
        lat, lon = spread_points(part.lat, part.lon) if len(part) else ([], [])
        custom = [[r.hub_id, plain_text(r.name), r.type, plain_text(r.town or r.country),
                   plain_text(top_technologies.get(r.hub_id, ""))] for r in part.itertuples()]
        out.append({"lat": lat, "lon": lon, "customdata": custom})
    return out
