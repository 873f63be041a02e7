"""Clusters: where industrial and research strengths are, computed from real data."""

import dash
import dash_bootstrap_components as dbc
from dash import html

from components.indicator_list import indicator_table
from components.layout import page_header
from data.layer import get_layer

dash.register_page(__name__, path="/clusters", name="Clusters", title="Cluster Atlas — Clusters", order=2)


def layout(**_query) -> html.Div:
    layer = get_layer()
    return html.Div([
        page_header("Industrial strengths by region",
                    "Sector employment shares, patents and AI research by region: the evidence behind cluster maps."),
        dbc.Alert([
            "No machine-readable EU-wide list of cluster organisations is available to this atlas. The official list "
            "lives on the European Cluster Collaboration Platform (clustercollaboration.eu); no cluster points are "
            "shown until such a list is loaded."], color="info", id="clusters-empty-state"),
        indicator_table(layer, ("industry", "technology"), "clusters-indicators"),
    ])
