"""Dash answers go through Plotly's ``json`` engine (``web/serialisation.py``): strict JSON, and the same JSON the
orjson engine gives, for what the atlas sends (components, figures, NaN, NumPy arrays, non-ASCII text)."""

from __future__ import annotations

import json
import math

import numpy as np
import plotly.io.json as plotly_json
import pytest
from dash import dcc, html

from web.serialisation import ENGINE, serialise_with_the_c_encoder


def answer() -> dict:
    figure = {"data": [{"type": "scatter", "x": np.arange(3), "y": [1.5, math.nan, None], "name": "Łódź · Île"}],
              "layout": {"height": 190}}
    return {"panel": html.Div([html.H2("Małopolskie"), html.Span("12 % <b>", title="EU27"),
                               dcc.Graph(figure=figure)], className="atlas-panel"),
            "values": np.array([1.0, np.nan]), "count": np.int64(3)}


@pytest.fixture()
def engine():
    before = plotly_json.config.default_engine
    yield
    plotly_json.config.default_engine = before


def test_both_engines_give_the_same_strict_json(engine):
    results = {}
    for name in ("orjson", "json"):
        plotly_json.config.default_engine = name
        text = plotly_json.to_json_plotly(answer())
        results[name] = json.loads(text, parse_constant=lambda c: pytest.fail(f"non-strict JSON constant {c}"))
    assert results["orjson"] == results["json"]
    assert results["json"]["values"] == [1.0, None]


def test_the_app_uses_the_c_encoder(engine):
    plotly_json.config.default_engine = "orjson"
    serialise_with_the_c_encoder()
    assert plotly_json.config.default_engine == ENGINE == "json"
