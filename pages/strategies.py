"""Strategies: smart-specialisation (S3) priorities against measured evidence."""

import dash
import dash_bootstrap_components as dbc
from dash import html

from components.indicator_list import indicator_table
from components.layout import page_header
from data.layer import get_layer

dash.register_page(__name__, path="/strategies", name="Strategies", title="Cluster Atlas — Strategies", order=3)


def layout(**_query) -> html.Div:
    layer = get_layer()
    return html.Div([
        page_header("Smart-specialisation strategies and evidence",
                    "Innovation performance, R&D and human resources by region: the evidence side of S3 priorities."),
        dbc.Alert([
            "No machine-readable list of regional S3 priorities (Eye@RIS3 / S3 Platform) is available to this atlas; "
            "priorities appear here once a list is loaded."], color="info", id="strategies-empty-state"),
        indicator_table(layer, ("innovation", "economy"), "strategies-indicators"),
    ])
