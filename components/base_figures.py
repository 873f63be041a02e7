"""The explorer's base map figure, built once per (layer, level) and copied for each use.

``figures.choropleth.build_base_figure`` costs about 0.15 s (panels, insets, every trace validated by Plotly), and
every page layout of a map page, and every map update that changes the level, asked for it again. The figure
depends only on the layer and the level, so its JSON is kept in a bounded, locked memo (``data.layer.memo``), and
each layout gets a fresh figure from it with the selected region outlined and zoomed to (``select_region``; kept
per region too, the figure was rebuilt for every region clicked: 8 % of a varied load's CPU, issue #31): a plain dict (``{"data": [...], "layout": {...}}``, what ``dcc.Graph`` takes), parsed from the kept
text in about 1 ms, where a ``go.Figure`` built from it cost 20–25 ms even unvalidated. Callers mutate their copy
(``apply_update``), never the kept text; a page that needs Plotly's methods wraps it
(``go.Figure(base_figure(...), _validate=False)``).
"""

from __future__ import annotations

import orjson

from data.layer import Layer
from data.layer.memo import layer_memo
from figures.choropleth import build_base_figure, select_region, zoom_changes_of


@layer_memo(maxsize=16, max_bytes=24 * 1024 * 1024)
def _base_figure_json(layer: Layer, level: int, uirevision: str) -> str:
    return build_base_figure(layer, level, uirevision=uirevision).to_json()


@layer_memo(maxsize=2048)
def _zoom_changes(layer: Layer, selected: str) -> dict[tuple, object] | None:
    return zoom_changes_of(layer, selected, True)


def base_figure(layer: Layer, level: int, selected: str | None = None, zoom: bool = False,
                uirevision: str = "map") -> dict:
    """A new plain figure equal to ``build_base_figure(layer, level, uirevision, selected, zoom)``."""
    figure = orjson.loads(_base_figure_json(layer, int(level), str(uirevision)))
    if not selected:
        return figure
    return select_region(figure, layer, int(level), selected, _zoom_changes(layer, selected) if zoom else None)
