"""Technology: advanced-technology uptake and innovation indicators."""

import dash
from dash import html

from components.indicator_list import indicator_table
from components.layout import page_header
from data.layer import get_layer

dash.register_page(__name__, path="/technology", name="Technology", title="Cluster Atlas — Technology", order=1)


def layout(**_query) -> html.Div:
    layer = get_layer()
    return html.Div([
        page_header("Advanced-technology uptake", "Technology indicators available in the data layer."),
        indicator_table(layer, ("technology", "innovation", "digital_skills", "connectivity"), "technology-indicators"),
    ])
