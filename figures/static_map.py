"""Static figures for export: the map with its title, legend, key figures and a source/licence line.

Unlike the interactive map, geometry is embedded (the renderer has no server
to fetch it from), split so each feature is written once: regions with a
value, regions without, and the small inset subsets.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import plotly.graph_objects as go

from data.layer import Layer, geometry_bytes, source_of
from domain.brief import level_words
from domain.change import change_phrase, region_change
from domain.classify import NO_DATA_COLOUR, classes_label, legend_items
from domain.formatting import format_beside, format_day, format_value, rank_phrase
from domain.i18n import gettext as _
from domain.mapview import MapView, map_view
from domain.profile import region_profile
from domain.view import ViewState
from figures.choropleth import FONT, INSETS, geo_layout, inset_bounds, inset_column, panels
from figures.text import plain_text, wrap

WIDTH, HEIGHT = 1600, 1000
MAP_RIGHT = 0.70
INSET_WIDTH, INSET_SPAN, INSET_LABEL_BAND = 0.085, (0.01, 0.99), 0.032


@lru_cache(maxsize=8)
def _features(layer: Layer, level: int) -> dict[str, dict]:
    doc = json.loads(geometry_bytes(layer, level))
    return {f["properties"]["id"]: f for f in doc["features"]}


def _collection(features: dict[str, dict], codes) -> dict:
    return {"type": "FeatureCollection", "features": [features[c] for c in codes if c in features]}


GEOMETRY_REF = "atlas-geometry:nuts"


def _geojson(features: dict[str, dict], codes, level: int, lazy: bool) -> dict | str:
    """A trace's geometry, or (lazy) a reference to it that ``with_geometry`` resolves."""
    return f"{GEOMETRY_REF}{level}" if lazy else _collection(features, codes)


def with_geometry(layer: Layer, fig: go.Figure | dict) -> dict:
    """A figure drawn with ``lazy=True`` as the plain dict the renderer takes, each trace's geometry put in as the
    regions it shows from the layer's geometry of that level (simplified once per layer and level, and shared, not
    copied). Plotly's figure objects deep-copy a trace's geometry when it is added and again when the figure is
    converted: about 0.8 s of a six-view deck's every map, for geometry that never changes."""
    data = fig if isinstance(fig, dict) else fig.to_dict()
    for trace in data.get("data", []):
        ref = trace.get("geojson")
        if isinstance(ref, str) and ref.startswith(GEOMETRY_REF):
            trace["geojson"] = _collection(_features(layer, int(ref[len(GEOMETRY_REF):])), trace.get("locations", []))
    return data


def _class_colour(value: float, view: MapView) -> str:
    classes = view.classes
    if classes.method == "continuous":
        return ""
    for i, hi in enumerate(classes.edges[1:]):
        if value <= hi or i == classes.k - 1:
            return classes.colours[i]
    return classes.colours[-1]


@dataclass(frozen=True)
class ViewWords:
    """Everything a static view says in words: its title line, legend, key figures and source line. The PDF page
    draws them into the figure, the slide deck writes them as editable text beside a map-only picture."""

    title: str
    subtitle: str
    legend_title: str
    legend: list[tuple[str, str]]
    key_figures: list[str]
    source_line: str


def view_words(layer: Layer, state: ViewState, view: MapView, title: str | None = None) -> ViewWords:
    sub = f"{view.unit} · {level_words(view.level)} · {classes_label(view.classes.method)}"
    if view.classes_note:
        sub = f"{sub} · {view.classes_note}"
    if title:
        sub = f"{view.label}, {view.period} · {sub}"
    source = source_of(layer, state.indicator, view.level)
    boundaries = layer.sources["gisco_nuts_2021"]
    caveat = f"{view.caveat} " if view.caveat else ""
    footer = _("Source: %(citation)s Licence: %(licence)s. %(caveat)s%(boundaries)s Made with Cluster Atlas on "
               "%(day)s.") % {"citation": source.citation, "licence": source.licence, "caveat": caveat,
                              "boundaries": boundaries.citation, "day": format_day()}
    legend = [(item.get("colour") or "#888888", f"{item['label']}  ({item['count']})")
              for item in legend_items(view.classes, view.unit)]
    return ViewWords(title or f"{view.label}, {view.period}", sub, _("Legend (%(unit)s)") % {"unit": view.unit}, legend,
                     key_figure_lines(layer, state, view), footer)


def map_picture(layer: Layer, state: ViewState, view: MapView | None = None, width: int = WIDTH,
                height: int = HEIGHT, map_right: float = 1.0, *, lazy: bool = False) -> go.Figure:
    """The map and its insets only (with the selected region outlined): the picture of a slide. `lazy`: geometry
    by reference, for ``with_geometry``."""
    view = view or map_view(layer, state)
    return values_picture(layer, view, state.region, width, height, map_right, lazy=lazy)


def values_picture(layer: Layer, view: MapView, region: str | None, width: int = WIDTH, height: int = HEIGHT,
                   map_right: float = 1.0, *, lazy: bool = False) -> go.Figure:
    """Any classed values of a level (an indicator, or the Strategies evidence score) as a map with insets."""
    features = _features(layer, view.level)
    fig = go.Figure()
    _draw_panels(fig, layer, view, features, map_right, lazy)
    if region and region in set(panels(layer, view.level)[0].locations):
        fig.add_choropleth(geojson=_geojson(features, [region], view.level, lazy), featureidkey="properties.id",
                           locations=[region], z=[1], colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                           showscale=False, geo="geo", marker_line={"color": "#111111", "width": 3})
    fig.update_layout(width=width, height=height, margin={"l": 10, "r": 10, "t": 10, "b": 10}, showlegend=False,
                      paper_bgcolor="#ffffff", font={"family": FONT, "size": 14, "color": "#1d2733"})
    return fig


def static_map(layer: Layer, state: ViewState, title: str | None = None, note: str = "", *,
               lazy: bool = False) -> go.Figure:
    """The view as a self-contained figure (title, map, insets, legend, key figures, sources); `lazy`: geometry by
    reference, for ``with_geometry``."""
    view = map_view(layer, state)
    return compose_page(map_picture(layer, state, view, map_right=MAP_RIGHT, lazy=lazy),
                        view_words(layer, state, view, title), note)


def compose_page(fig: go.Figure, words: ViewWords, note: str = "") -> go.Figure:
    """A map picture drawn with MAP_RIGHT room, made into a page: title line, legend, key figures, note, sources."""
    bottom = _legend(fig, words)
    _key_figures(fig, words.key_figures, min(0.48, bottom - 0.03))
    fig.update_layout(
        margin={"l": 30, "r": 30, "t": 90, "b": 70},
        title={"text": f"<b>{plain_text(words.title)}</b><br><span style='font-size:16px;color:#5a6675'>{plain_text(words.subtitle)}</span>",
               "x": 0.02, "y": 0.97, "font": {"size": 24}},
    )
    fig.add_annotation(text=wrap(plain_text(words.source_line), 190), x=0.0, y=-0.02, xref="paper", yref="paper",
                       xanchor="left", yanchor="top", showarrow=False, align="left",
                       font={"size": 11, "color": "#4a5562"})
    if note:
        fig.add_annotation(text="<i>" + wrap(plain_text(note), 60) + "</i>", x=MAP_RIGHT + 0.03, y=0.08, xref="paper",
                           yref="paper", xanchor="left", yanchor="bottom", showarrow=False, align="left",
                           font={"size": 14})
    return fig


def _draw_panels(fig: go.Figure, layer: Layer, view: MapView, features: dict[str, dict], map_right: float,
                 lazy: bool = False) -> None:
    """The main map and the insets: regions without a value in grey, the others in their class colour."""
    bounds = inset_bounds(layer)
    continuous = view.classes.method == "continuous"
    for n, panel in enumerate(panels(layer, view.level)):
        with_value = [c for c in panel.locations if c in view.values]
        without = [c for c in panel.locations if c not in view.values]
        if without:
            fig.add_choropleth(geojson=_geojson(features, without, view.level, lazy), featureidkey="properties.id", locations=without,
                               z=[0] * len(without), colorscale=[[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]],
                               showscale=False, geo=panel.geo, marker_line={"color": "#ffffff", "width": 0.4})
        if with_value:
            values = [view.values[c] for c in with_value]
            if continuous:
                fig.add_choropleth(geojson=_geojson(features, with_value, view.level, lazy),
                                   featureidkey="properties.id", locations=with_value, z=values, colorscale=view.classes.colorscale[0],
                                   zmin=view.classes.edges[0], zmax=view.classes.edges[1], showscale=False,
                                   geo=panel.geo, marker_line={"color": "#ffffff", "width": 0.4})
            else:
                colours = [_class_colour(v, view) for v in values]
                order = sorted(set(colours))
                fig.add_choropleth(geojson=_geojson(features, with_value, view.level, lazy),
                                   featureidkey="properties.id", locations=with_value, z=[order.index(c) for c in colours],
                                   colorscale=[[i / max(len(order) - 1, 1), c] for i, c in enumerate(order)]
                                   if len(order) > 1 else [[0, order[0]], [1, order[0]]],
                                   showscale=False, geo=panel.geo, marker_line={"color": "#ffffff", "width": 0.4})
        if n == 0:
            fig.update_layout(geo=geo_layout(None, {"x": [0.1, map_right], "y": [0.02, 0.98]}))
        else:
            # Each inset's name in a band of its own above its frame, never across it.
            domain, top = inset_column(n - 1, INSET_WIDTH, INSET_SPAN, gap=0.012, label=INSET_LABEL_BAND)
            fig.update_layout({panel.geo: geo_layout(bounds[INSETS[n - 1][0]], domain)})
            fig.add_annotation(text=plain_text(panel.title), x=0.0, y=top, xref="paper", yref="paper", xanchor="left",
                               yanchor="top", showarrow=False, font={"size": 12, "color": "#4a5562"})


LEGEND_TITLE_CHARS = 40  # a longer legend title wraps, and the classes start below its last line


def _legend(fig: go.Figure, words: ViewWords) -> float:
    """The legend (title wrapped, then one row per class); returns the paper height where it ends."""
    x0, y = MAP_RIGHT + 0.03, 0.9
    title = wrap(plain_text(words.legend_title), LEGEND_TITLE_CHARS)
    fig.add_annotation(text=f"<b>{title}</b>", x=x0, y=y + 0.015, xref="paper", yref="paper", xanchor="left",
                       yanchor="top", showarrow=False, font={"size": 15}, align="left")
    y -= 0.03 * title.count("<br>")
    for colour, label in words.legend:
        y -= 0.045
        fig.add_shape(type="rect", xref="paper", yref="paper", x0=x0, x1=x0 + 0.02, y0=y - 0.013, y1=y + 0.013,
                      fillcolor=colour, line={"color": "#555555", "width": 0.5})
        fig.add_annotation(text=plain_text(label), x=x0 + 0.027, y=y, xref="paper", yref="paper", xanchor="left",
                           showarrow=False, font={"size": 14})
    return y - 0.013


def key_figure_lines(layer: Layer, state: ViewState, view: MapView) -> list[str]:
    """The selected region's figures as plain lines (first line = the region), each with its source and year."""
    if not state.region:
        return []
    try:
        profile = region_profile(layer, state.region, state.indicator, view.year)
    except (KeyError, ValueError):
        return []
    h = profile["headline"]
    lines = [f"{profile['name']} ({profile['nuts_id']})"]
    if view.since is not None:
        row = region_change(layer, state.indicator, view.level, view.since, view.year, state.region)
        if row is not None:
            lines.append(f"{view.label}: {change_phrase(row, h['unit'], view.unit, view.since, view.year)}")
    if h["value"] is None:
        lines.append(_("%(label)s: no data in %(year)s") % {"label": h["label"], "year": h["year"]})
    else:
        value, eu = format_beside(h["value"], h["eu"], h["unit"])
        lines.append(value)
        if h["merged_area"]:
            lines.append(_("value of the merged area %(area)s, not this region's own") % {"area": h["merged_area"]})
        if h["rank"]:
            lines.append(rank_phrase(h))
        if h["eu"] is not None:
            lines.append(_("EU27: %(value)s") % {"value": eu})
    lines.append(f"{h['source']}, {h['year']}")
    for item in profile["profile"][:4] if layer.indicator(state.indicator)["theme"] != "imported" else []:
        lines.append(_("%(label)s: %(value)s (%(source)s, %(year)s)") % {
            "label": item["label"], "value": format_value(item["value"], item["unit"]), "source": item["source"],
            "year": item["year"]})
    return lines


def _key_figures(fig: go.Figure, lines: list[str], top: float = 0.48) -> None:
    if not lines:
        return
    shown = [f"<b>{plain_text(lines[0])}</b>", *(plain_text(line) for line in lines[1:])]
    fig.add_annotation(text="<br>".join(wrap(line, 46) for line in shown), x=MAP_RIGHT + 0.03, y=top,
                       xref="paper", yref="paper", xanchor="left", yanchor="top", showarrow=False, align="left",
                       font={"size": 14}, bordercolor="#d0d5db", borderwidth=1, borderpad=8, bgcolor="#f8f9fa")
