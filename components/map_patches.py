"""Small ``dash.Patch`` updates of the explorer's map: values, the selected outline, the zoom."""

from __future__ import annotations

from dash import Patch, no_update

from data.layer import Layer
from figures.choropleth import MapUpdate, outline_geojson, zoom_changes


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
    if selected:
        patch["data"][n_traces - 1]["geojson"] = outline_geojson(selected, 0)
    patch["data"][n_traces - 1]["locations"] = codes
    patch["data"][n_traces - 1]["z"] = [1] * len(codes)
    patch["data"][n_traces - 1]["marker"]["line"]["width"] = [2.5 if c == selected else 1.6 for c in codes]
    patch["data"][n_traces - 1]["marker"]["line"]["color"] = ["#111111" if c == selected else "#d6336c" for c in codes]
    return patch


def zoom_patch(layer: Layer, nuts_id: str):
    """Show a region on the explorer's map: centred, wholly visible with its surroundings, no inset over it
    (``figures.choropleth.zoom_changes``); a region wholly in an inset leaves the main map as it is."""
    changes = zoom_changes(layer, nuts_id)
    if changes is None:
        return no_update
    patch = Patch()
    for path, value in changes.items():
        target = patch
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return patch
