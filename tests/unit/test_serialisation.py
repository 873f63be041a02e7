"""Dash answers go through orjson with a hook for components (``web/serialisation.py``): strict JSON, equal once
parsed to what Plotly's own ``json`` engine gives for what the atlas sends (components, figures, NaN, NumPy arrays,
non-ASCII text), with markup escaped, and it is what Dash calls."""

from __future__ import annotations

import datetime as dt
import json
import math

import numpy as np
import plotly.io.json as plotly_json
import pytest
from dash import _utils as dash_utils
from dash import dcc, html

from web.serialisation import PLOTLY_TO_JSON, fragment, serialise_with_orjson, to_json


def answer() -> dict:
    figure = {"data": [{"type": "scatter", "x": np.arange(3), "y": [1.5, math.nan, None], "name": "Łódź · Île"},
                       {"type": "bar", "x": np.array(["a", None], dtype=object), "y": np.array([np.nan, 2.5])}],
              "layout": {"height": 190}}
    return {"panel": html.Div([html.H2("Małopolskie"), html.Span("12 % <b>", title="EU27 </script>"),
                               dcc.Graph(figure=figure)], className="atlas-panel"),
            "values": np.array([1.0, np.nan]), "count": np.int64(3), "day": dt.date(2026, 12, 7),
            1: "a number as a key", "separators": "\u2028\u2029"}


def strict(text: str):
    return json.loads(text, parse_constant=lambda c: pytest.fail(f"non-strict JSON constant {c}"))


def test_the_same_json_as_plotlys_json_engine():
    ours, plotly = to_json(answer()), PLOTLY_TO_JSON(answer(), engine="json")
    assert strict(ours) == strict(plotly)
    assert strict(ours)["values"] == [1.0, None] and strict(ours)["day"] == "2026-12-07"
    assert "<" not in ours and ">" not in ours and "/" not in ours and "\u2028" not in ours
    assert "Łódź" in ours  # UTF-8, not escaped
    assert strict(to_json(answer(), pretty=True)) == strict(ours)


@pytest.fixture()
def installed():
    before, engine = plotly_json.to_json_plotly, plotly_json.config.default_engine
    serialise_with_orjson()
    yield
    plotly_json.to_json_plotly, plotly_json.config.default_engine = before, engine


def test_dash_answers_through_it(installed):
    assert dash_utils.to_json(answer()) == to_json(answer())
    assert plotly_json.config.default_engine == "json"


def test_a_value_serialised_once_is_embedded_as_it_was():
    panel = answer()["panel"]
    assert strict(to_json({"layout": fragment(panel)})) == strict(to_json({"layout": panel}))
