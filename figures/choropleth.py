"""The choropleth: a base figure per NUTS level and small value-only updates.

Geometry never travels inside a figure: every trace's ``geojson`` is the URL of
the level's static GeoJSON (``/geo/nuts<level>.geojson``), fetched once and
cached by the browser. A level change sends a new base figure (locations and
names only); an indicator, year or classification change sends a ``MapUpdate``
(values, colours and hover text) that the explorer applies as a ``Patch`` (``components/map_patches.py``).

Traces come in pairs per map panel (main map + one inset per outermost
region): ``2p`` is the grey "no data" base of every region, ``2p+1`` the
values drawn over it (regions without data are left null, so the grey shows
through). Then come the selection outline, the technology centres' point traces and the imported organisations'
point trace (filled by Patch on the pages that show them).

The explorer's main map fills its panel: its frame (``FILL_VIEW``) is the EU27 mainland with room in the empty east
for the insets (a 2 × 4 grid, labels in a strip above the boxes), and the graph's CSS aspect ratio matches it.
"""

from __future__ import annotations

import copy
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from textwrap import shorten
from typing import TypeVar

import plotly.graph_objects as go
from shapely.geometry import box

from data.layer import Layer, geometry_bytes, map_values
from domain.classify import NO_DATA_COLOUR, Classes, value_colorscale
from domain.mapview import MapView
from figures.hubs_overlay import TYPE_COLOURS, empty_hub_traces
from figures.organisations_overlay import empty_organisation_trace
from figures.text import plain_text, wrap

FigureT = TypeVar("FigureT", go.Figure, dict)

GEO_URL = "/geo/nuts{level}.geojson"
HOVER_WIDTH = 60
# Hover text is fixed per figure; what changes per view travels in each trace's small `meta`.
# A region whose value is not its own (a merged area's) says so in its ``customdata`` (empty otherwise: the fallback).
VALUE_HOVER = ("<b>%{text}</b> (%{location})<br>%{meta[0]}: <b>%{z:,.4~g} %{meta[1]}</b><br>%{meta[2]}%{customdata}"
               "<extra></extra>")
NODATA_HOVER = "<b>%{text}</b> (%{location})<br>%{meta[0]}: no data for %{meta[1]}<br>%{meta[2]}<extra></extra>"
INSETS = (  # (NUTS 2 code, label)
    ("ES70", "Canarias"), ("PT20", "Açores"), ("PT30", "Madeira"), ("FRY1", "Guadeloupe"),
    ("FRY2", "Martinique"), ("FRY3", "Guyane"), ("FRY4", "La Réunion"), ("FRY5", "Mayotte"),
)
# (column, row) of each inset in the explorer's 2 × 4 grid: a long name beside a short one, so labels never touch.
INSET_GRID = ((0, 0), (1, 0), (1, 1), (0, 1), (0, 2), (1, 2), (0, 3), (1, 3))
MAIN_VIEW = {"lon": (-11.0, 35.5), "lat": (34.5, 70.5)}
MAIN_VIEW_BOX = (MAIN_VIEW["lon"][0], MAIN_VIEW["lat"][0], MAIN_VIEW["lon"][1], MAIN_VIEW["lat"][1])
# The explorer's map fills its panel: the EU27 mainland (Portugal to Cyprus, Crete to Lapland) with room in the east,
# where nothing is drawn (no NUTS regions east of Finland and Poland), for the outermost regions' insets. The graph's
# CSS aspect ratio (assets/10_atlas.css, --atlas-map-aspect) matches this frame, so no band of white is left around it.
FILL_VIEW = {"lon": (-10.6, 42.5), "lat": (34.3, 70.2), "centre": (14.0, 52.0)}
MAP_ASPECT = 1.15  # width / height of the explorer's map (assets/10_atlas.css --atlas-map-aspect)
INSET_AREA = {"x": (0.75, 1.0), "y": (0.34, 0.9)}  # paper coordinates of the 2 × 4 inset grid (top right)
INSET_LABEL = 0.04  # share of the figure's height above each inset box kept for its label
SOURCE_NOTE_CHARS, SOURCE_NOTE_LINE = 240, 90
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif"


@dataclass(frozen=True)
class Panel:
    """One map panel: the main map (geo) or an inset (geo2..)."""

    geo: str
    title: str
    locations: tuple[str, ...]
    names: tuple[str, ...]


@lru_cache(maxsize=8)
def inset_bounds(layer: Layer) -> dict[str, tuple[float, float, float, float]]:
    regions = layer.regions.set_index("nuts_id")
    return {code: tuple(regions.geometry[code].bounds) for code, _ in INSETS}


@lru_cache(maxsize=16)
def panels(layer: Layer, level: int) -> tuple[Panel, ...]:
    """Main panel with every region of the level, then one inset per outermost region."""
    regions = layer.regions[layer.regions.level == level].sort_values("nuts_id")
    out = [Panel("geo", "", tuple(regions.nuts_id), tuple(regions.name_latn))]
    for n, (code, label) in enumerate(INSETS, start=2):
        hit = regions[[code.startswith(r) or r.startswith(code) for r in regions.nuts_id]]
        out.append(Panel(f"geo{n}", label, tuple(hit.nuts_id), tuple(hit.name_latn)))
    return tuple(out)


def geo_layout(bounds: tuple[float, float, float, float] | None, domain: dict, fill: bool = False) -> dict:
    """A panel's geo: the main map (``bounds`` None; ``fill``: the explorer's panel-filling frame) or an inset."""
    common = {"visible": False, "showframe": bounds is not None, "framecolor": "#9aa3ad", "framewidth": 1,
              "bgcolor": "rgba(0,0,0,0)", "domain": domain}
    if bounds is None:
        view = FILL_VIEW if fill else {**MAIN_VIEW, "centre": (10, 52)}
        return {**common, "projection": {"type": "azimuthal equal area", "scale": 1.0,
                                         "rotation": {"lon": view["centre"][0], "lat": view["centre"][1]}},
                "lonaxis": {"range": list(view["lon"])}, "lataxis": {"range": list(view["lat"])}}
    minx, miny, maxx, maxy = bounds
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    half = max((maxx - minx) * math.cos(math.radians(cy)), maxy - miny) / 2 * 1.15 + 0.05
    half_lon = half / math.cos(math.radians(cy))
    return {**common, "projection": {"type": "mercator"},
            "lonaxis": {"range": [cx - half_lon, cx + half_lon]}, "lataxis": {"range": [cy - half, cy + half]}}


def zoom_geo(bounds: tuple[float, float, float, float], context: float = 2.6) -> dict:
    """The main map's projection and clip window centred on a region (lon/lat bounds), the region about a third
    of the view wide or high at every level. The window has the graph's own aspect (``MAP_ASPECT``, the CSS
    aspect-ratio of the explorer's map), so it fills the graph: a wider window left bands of white above and below
    the map, and the map looked cut."""
    minx, miny, maxx, maxy = bounds
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    shrink = max(math.cos(math.radians(cy)), 0.3)
    half_lat = max((maxy - miny) / 2 * context, 1.0)
    half_lon = max((maxx - minx) / 2 * context, half_lat * MAP_ASPECT / shrink)
    half_lat = max(half_lat, half_lon * shrink / MAP_ASPECT)
    return {"projection": {"type": "azimuthal equal area", "rotation": {"lon": cx, "lat": cy}, "scale": 1.0},
            "lonaxis": {"range": [cx - half_lon, cx + half_lon]}, "lataxis": {"range": [cy - half_lat, cy + half_lat]}}


def zoom_changes(layer: Layer, nuts_id: str) -> dict[tuple, object] | None:
    """What changes in an explorer figure (as ``(path…): value``) to show one region: the main map centred on it
    (only its part on the main map counts: France without its overseas regions) and the eight outermost-region
    insets hidden — boxes, maps and labels — so none covers the region or its surroundings. None for a region wholly
    in an inset, where the main map stays as it is."""
    shape = layer.regions.set_index("nuts_id").geometry[nuts_id].intersection(box(*MAIN_VIEW_BOX))
    if shape.is_empty:
        return None
    geo = zoom_geo(tuple(shape.bounds))
    changes: dict[tuple, object] = {("layout", "geo", "projection"): geo["projection"],
                                    ("layout", "geo", "lonaxis", "range"): geo["lonaxis"]["range"],
                                    ("layout", "geo", "lataxis", "range"): geo["lataxis"]["range"]}
    for n in range(len(INSETS)):
        changes[("layout", f"geo{n + 2}", "showframe")] = False
        changes[("layout", "annotations", n, "visible")] = False
        changes[("data", 2 * (n + 1), "visible")] = False
        changes[("data", 2 * (n + 1) + 1, "visible")] = False
    return changes


def inset_place(index: int) -> tuple[dict, dict]:
    """The domain of the ``index``-th inset box in the 2 × 4 grid and where its label goes: in a strip kept free above
    the box, flush with the gap between the two columns (right-aligned on the left, left-aligned on the right), so a
    long name spills outwards, over the empty map, never onto a box or the neighbouring label, even on a phone."""
    (x0, x1), (y0, y1) = INSET_AREA["x"], INSET_AREA["y"]
    col, row = INSET_GRID[index]
    width, height = (x1 - x0) / 2, (y1 - y0) / 4
    left, top = x0 + col * width, y1 - row * height
    domain = {"x": [left + 0.008, left + width - 0.008], "y": [top - height + 0.012, top - INSET_LABEL]}
    edge = domain["x"][1] if col == 0 else domain["x"][0]
    return domain, {"x": edge, "xanchor": "right" if col == 0 else "left", "y": top - INSET_LABEL + 0.004}


def inset_column(index: int, width: float, span: tuple[float, float], gap: float, label: float) -> tuple[dict, float]:
    """The domain of the ``index``-th inset box in a column at the left of a picture (a pack page, a slide), where
    there is no empty east to hold the explorer's grid, and the height of its label's top. The column spans `span`
    (bottom, top) of the paper's height in equal rows; `gap` is left free under each box, `label` above it."""
    bottom, column_top = span
    step = (column_top - bottom) / len(INSETS)
    top = column_top - index * step
    return {"x": [0.0, width], "y": [max(top - step + gap, 0.0), top - label]}, top


def build_base_figure(layer: Layer, level: int, uirevision: str = "map", selected: str | None = None,
                      zoom: bool = False) -> go.Figure:
    """Empty map for a level: grey bases, null values, inset frames. Values come by Patch. The selected region is
    outlined from its own level's geometry (a NUTS 3 region on a country map too); with ``zoom`` the map shows it
    (``zoom_changes``)."""
    geojson = GEO_URL.format(level=level)
    traces, layout_geos, annotations = [], {}, []
    bounds = inset_bounds(layer)
    for n, panel in enumerate(panels(layer, level)):
        common = {"geojson": geojson, "locations": list(panel.locations), "text": [plain_text(n) for n in panel.names],
                  "featureidkey": "properties.id", "geo": panel.geo, "showscale": False,
                  "marker": {"line": {"color": "#ffffff", "width": 0.4}}}
        traces.append(go.Choropleth(**common, z=[0] * len(panel.locations), name="no data",
                                    colorscale=[[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]], meta=["", "", ""],
                                    hovertemplate=NODATA_HOVER))
        traces.append(go.Choropleth(**common, z=[None] * len(panel.locations), name="values",
                                    coloraxis="coloraxis", meta=["", "", ""], hovertemplate=VALUE_HOVER,
                                    hovertemplatefallback=""))
        if n == 0:
            layout_geos["geo"] = geo_layout(None, {"x": [0.0, 1.0], "y": [0.0, 1.0]}, fill=True)
        else:
            domain, label = inset_place(n - 1)
            layout_geos[panel.geo] = geo_layout(bounds[INSETS[n - 1][0]], domain)
            annotations.append({"text": plain_text(panel.title), **label, "xref": "paper", "yref": "paper", "yanchor": "bottom",
                                "showarrow": False, "font": {"size": 9, "color": "#3d4753"}})
    traces.append(go.Choropleth(geojson=outline_geojson(None, level), featureidkey="properties.id", geo="geo",
                                locations=[], z=[], colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                                showscale=False, marker={"line": {"color": "#111111", "width": 2.5}}, hoverinfo="skip",
                                name="selected"))
    traces.extend(empty_hub_traces())
    traces.append(empty_organisation_trace())
    fig = go.Figure(data=traces)
    fig.update_layout(
        **layout_geos, annotations=annotations, margin={"l": 0, "r": 0, "t": 0, "b": 0},
        uirevision=uirevision, paper_bgcolor="rgba(0,0,0,0)", dragmode="pan", showlegend=False,
        coloraxis={"showscale": False, "colorscale": [[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]], "cmin": 0, "cmax": 1},
        font={"family": FONT}, hoverlabel={"bgcolor": "#ffffff", "font": {"size": 13}},
    )
    if not selected:
        return fig
    return go.Figure(select_region(fig.to_plotly_json(), layer, level, selected, zoom_changes_of(layer, selected, zoom)))


def zoom_changes_of(layer: Layer, selected: str | None, zoom: bool) -> dict[tuple, object] | None:
    """``zoom_changes`` when a zoom on a known region is asked for, else None."""
    return zoom_changes(layer, selected) if zoom and selected and selected in layer.region_ids else None


def select_region(figure: dict, layer: Layer, level: int, selected: str,
                  changes: dict[tuple, object] | None = None) -> dict:
    """Outline `selected` in a plain base figure (``{"data": [...], "layout": {...}}``, changed in place and
    returned) and apply `changes` (``zoom_changes``): what ``build_base_figure`` does for a selection, kept apart so
    one unselected figure serves every region (a miss on a new region then costs a copy, not a build)."""
    outline = figure["data"][explorer_trace_count(layer) - 1]
    outline.update(geojson=outline_geojson(selected, level), locations=[selected], z=[1])
    for path, value in (changes or {}).items():
        target = figure
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = copy.deepcopy(value)  # the changes may be a memo's: the figure gets its own
    return figure


def outline_geojson(selected: str | None, level: int) -> str:
    """The geometry the selection outline is drawn from: the selected region's own level (NUTS 0-3 by code length)."""
    return GEO_URL.format(level=len(selected) - 2 if selected and 2 <= len(selected) <= 5 else level)


def explorer_trace_count(layer: Layer) -> int:
    """Traces of a base figure up to the selection outline (a pair per panel, then the outline; the technology
    centres' point traces follow it); the same at every level, so the patches need no copy of the figure."""
    return 2 * len(panels(layer, 0)) + 1


def organisations_trace_index(layer: Layer) -> int:
    """The imported organisations' point trace: after the selection outline and the technology centres' traces."""
    return explorer_trace_count(layer) + len(TYPE_COLOURS)


def _rounded(v: float) -> float | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return float(f"{v:.4g}")


@dataclass(frozen=True)
class MapUpdate:
    """What changes between two views of the same level: per-trace z/meta and the shared colour axis."""

    traces: list[dict]
    coloraxis: dict


def value_updates(layer: Layer, level: int, values: dict[str, float], classes: Classes, label: str, unit: str,
                  year: int | str, source: str, caveat: str = "", notes: dict[str, str] | None = None) -> MapUpdate:
    """Values (z, 4 significant digits) for every panel, plus one stepped colour axis for all of them. ``caveat``
    is said under the source in every hover; ``notes`` (per region: a merged area's value) under that region's."""
    grey = [[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]]
    shown = {code: _rounded(v) for code, v in values.items()}
    if classes.method == "continuous":
        colorscale = classes.colorscale[0] if classes.colorscale else grey
        zmin, zmax = (classes.edges[0], classes.edges[1]) if classes.edges else (0, 1)
    else:
        stepped = value_colorscale(shown.values(), classes)
        if stepped is None:
            shown = dict(values)
            stepped = value_colorscale(shown.values(), classes)
        colorscale, zmin, zmax = stepped if stepped else (grey, 0, 1)
    label, unit, source = plain_text(label), plain_text(unit), plain_text(source)
    said = "".join(f"<br>{line}" for line in wrap(plain_text(caveat), HOVER_WIDTH).split("<br>")) if caveat else ""
    value_meta = [label, unit, f"{year} · {source}{said}"]
    nodata_meta = [label, str(year), source]
    traces: list[dict] = []
    for panel in panels(layer, level):
        traces.append({"meta": nodata_meta})
        custom = [f"<br><i>{plain_text(notes[c])}</i>" if c in notes else "" for c in panel.locations] if notes else []
        traces.append({"z": [shown.get(code) for code in panel.locations], "meta": value_meta, "customdata": custom})
    return MapUpdate(traces, {"colorscale": colorscale, "cmin": zmin, "cmax": zmax})


def apply_update(fig: FigureT, update: MapUpdate) -> FigureT:
    """The update put into a figure: a ``go.Figure`` or a plain figure dict (``components.base_figures``)."""
    if isinstance(fig, dict):
        for trace, change in zip(fig["data"], update.traces):
            trace.update(change)
        fig["layout"].setdefault("coloraxis", {}).update(update.coloraxis)
        return fig
    for trace, change in zip(fig.data, update.traces):
        trace.update(change)
    fig.update_layout(coloraxis=update.coloraxis)
    return fig


def naive_figure(layer: Layer, indicator_id: str, level: int, year: int) -> go.Figure:
    """The anti-pattern measured by bench/map_updates.py: a full figure with inline GeoJSON."""
    meta, level, year, frame = map_values(layer, indicator_id, level, year)
    geojson = json.loads(geometry_bytes(layer, level))
    fig = go.Figure(go.Choropleth(geojson=geojson, featureidkey="properties.id", locations=frame.nuts_id,
                                  z=frame.value, text=frame.name, colorscale="Viridis"))
    fig.update_geos(fitbounds="locations", visible=False)
    return fig


def add_source_note(fig: FigureT, text: str) -> FigureT:
    """A source line inside the map, so an image saved from the map's toolbar still says where the data came from
    (a ``go.Figure`` or a plain figure dict)."""
    shown = shorten(text, SOURCE_NOTE_CHARS, placeholder=" …")  # whole words only, on lines that fit the map
    note = {"text": wrap(plain_text(shown), SOURCE_NOTE_LINE), "x": 1.0, "y": 0.0, "xref": "paper", "yref": "paper",
            "xanchor": "right", "yanchor": "bottom", "showarrow": False, "align": "right",
            "font": {"size": 10, "color": "#4a5562"}, "bgcolor": "rgba(255,255,255,0.8)"}
    if isinstance(fig, dict):
        fig["layout"].setdefault("annotations", []).append(note)
    else:
        fig.add_annotation(**note)
    return fig


def map_update(layer: Layer, view: MapView) -> MapUpdate:
    """The value update of a view's map."""
    return value_updates(layer, view.level, view.values, view.classes, view.label, view.unit, view.period, view.source,
                         caveat=view.caveat, notes=view.value_notes)
