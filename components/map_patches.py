"""Small ``dash.Patch`` updates of the explorer's map: values, the selected outline, the zoom."""

from __future__ import annotations

from dash import Patch

from data.layer import Layer
from figures.choropleth import MAIN_VIEW, MapUpdate


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


def zoom_patch(layer: Layer, nuts_id: str) -> Patch:
    """Centre the main map on a region and zoom so that it fills about a third of the view."""
    minx, miny, maxx, maxy = layer.regions.set_index("nuts_id").geometry[nuts_id].bounds
    span = max(maxx - minx, (maxy - miny) * 1.6, 0.3)
    full = MAIN_VIEW["lon"][1] - MAIN_VIEW["lon"][0]
    patch = Patch()
    patch["layout"]["geo"]["center"] = {"lon": (minx + maxx) / 2, "lat": (miny + maxy) / 2}
    patch["layout"]["geo"]["projection"]["scale"] = float(min(max(full / (span * 3), 1.0), 25.0))
    return patch
