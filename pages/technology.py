"""Technology: map explorer of technology uptake with drill-down region profiles."""

import dash
from dash import html

from components.explorer import Explorer
from components.layout import page_header
from data.layer import get_layer
from domain.mapview import split_imported
from domain.view import ViewScope, resolve_view

PREFIX = "technology"
SCOPE = ViewScope()
dash.register_page(__name__, path="/technology", name="Technology", title="Cluster Atlas — Technology", order=1,
                   nav=True, summary="map any indicator at NUTS 0–3, click a region for its profile.",
                   downloadable=True, exportable=True, in_pack=True, view_scope=SCOPE)


def layout(**query) -> html.Div:
    layer = get_layer()
    query, pending = split_imported(query, layer)
    state, notices = resolve_view(query, layer, scope=SCOPE)
    return html.Div([
        page_header("Advanced-technology uptake by region",
                    "Choose an indicator, level and year; click a region (or search) for its rank, trend and technology "
                    "profile. Hatched grey = no data."),
        Explorer(PREFIX, layer, state, notices, present=query.get("present") == "1", pending=pending, imported=True,
                 overlay=query),
    ])
