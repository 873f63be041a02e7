"""Small ``dash.Patch`` updates of the explorer's map: values, the selected outline, the zoom."""

from __future__ import annotations

from dash import Patch, no_update
from shapely.geometry import box

from data.layer import Layer
from figures.choropleth import MAIN_VIEW, MapUpdate, zoom_geo

MAIN_VIEW_BOX = (MAIN_VIEW["lon"][0], MAIN_VIEW["lat"][0], MAIN_VIEW["lon"][1], MAIN_VIEW["lat"][1])


def value_patch(update: MapUpdate) -> Patch:
    patch = Patch()
    for i, change in enumerate(update.traces):
        for key, val in change.items():
            patch["data"][i][key] = val
    for key, val in update.coloraxis.items():
        patch["layout"]["coloraxis"][key] = val
    return patch


def selection_patch(n_traces: int, selected: str | None, similar: list[str] | None = None) -> Patch:
    """Outline the selected region (thick) and, optionally, regions like it (thin, dashed colour)."""
    codes = ([selected] if selected else []) + [c for c in (similar or []) if c != selected]
    patch = Patch()
    patch["data"][n_traces - 1]["locations"] = codes
    patch["data"][n_traces - 1]["z"] = [1] * len(codes)
    patch["data"][n_traces - 1]["marker"]["line"]["width"] = [2.5 if c == selected else 1.6 for c in codes]
    patch["data"][n_traces - 1]["marker"]["line"]["color"] = ["#111111" if c == selected else "#d6336c" for c in codes]
    return patch


def zoom_patch(layer: Layer, nuts_id: str):
    """Centre the main map on a region, wholly visible with its surroundings (``figures.choropleth.zoom_geo``). Only
    the part on the main map counts (France without its overseas regions, which are in the insets); a region wholly
    in an inset leaves the main map as it is."""
    shape = layer.regions.set_index("nuts_id").geometry[nuts_id].intersection(box(*MAIN_VIEW_BOX))
    if shape.is_empty:
        return no_update
    geo = zoom_geo(tuple(shape.bounds))
    patch = Patch()
    patch["layout"]["geo"]["projection"] = geo["projection"]
    patch["layout"]["geo"]["lonaxis"]["range"] = geo["lonaxis"]["range"]
    patch["layout"]["geo"]["lataxis"]["range"] = geo["lataxis"]["range"]
    return patch
