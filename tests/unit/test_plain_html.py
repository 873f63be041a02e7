"""``components.plain_html`` sends exactly what ``dash.html`` sends, and refuses a prop ``dash.html`` refuses."""

from __future__ import annotations

import json

import pytest
from dash import html
from plotly.utils import PlotlyJSONEncoder

from components import plain_html


def _sent(tree) -> object:
    return json.loads(json.dumps(tree, cls=PlotlyJSONEncoder))


def _build(module):
    return module.Div([
        module.Nav(module.Ol([module.Li("Polska (PL)", className="breadcrumb-item active")], className="breadcrumb"),
                   **{"aria-label": "Region hierarchy"}),
        module.H2("Małopolskie", className="h4 mb-0", id={"component": "Explorer", "aio_id": "technology"}),
        module.Ul([module.Li([module.Span("Patents", className="atlas-profile-label"), None,
                              module.Div(className="atlas-bar-fill", style={"width": "40%"}, title="40 % of EU27")])]),
        module.P("<b>not markup</b> =1+1", className="small", **{"data-note": "x"}),
        module.Button("Kraków (PL213)", id={"index": "PL213"}, n_clicks=0),
        module.Br(),
    ], className="atlas-panel-body")


def test_plain_elements_send_the_same_json_as_dash_html() -> None:
    assert _sent(_build(plain_html)) == _sent(_build(html))


def test_a_prop_the_component_lacks_is_refused() -> None:
    with pytest.raises(TypeError):
        html.Div(classname="x")
    with pytest.raises(TypeError):
        plain_html.Div(classname="x")


def test_every_builder_is_a_dash_html_tag() -> None:
    builders = [value for value in vars(plain_html).values() if isinstance(value, plain_html.Element)]
    assert len(builders) > 10
    for builder in builders:
        assert builder.allowed == frozenset(getattr(html, builder.tag)()._prop_names)
