"""The naive baseline for bench/map_updates.py: a full figure with inline GeoJSON per callback.

Registered only when ``ATLAS_BENCH_NAIVE=1`` (the benchmark sets it), so the
measured anti-pattern runs in the same app, behind the same HTTP interface.
"""

from __future__ import annotations

import dash
from dash import Input, Output, callback, dcc, html

from data.layer import get_layer
from figures.choropleth import naive_figure


def register() -> None:
    dash.register_page("bench_naive", path="/bench-naive", name="Naive baseline", layout=html.Div([
        dcc.Input(id="naive-indicator", value="epo_patent_applications"),
        dcc.Input(id="naive-year", value="2012"),
        dcc.Graph(id="naive-map"),
    ]))

    @callback(Output("naive-map", "figure"), Input("naive-indicator", "value"), Input("naive-year", "value"))
    def naive_update(indicator: str, year: str):
        return naive_figure(get_layer(), indicator, 3, int(year))
