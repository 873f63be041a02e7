"""Technology: map explorer of technology uptake with drill-down region profiles."""

import dash
from dash import html

from components.explorer import explorer_layout, register_explorer, split_imported
from components.layout import page_header
from components.state import parse_view
from data.layer import get_layer

PREFIX = "technology"
dash.register_page(__name__, path="/technology", name="Technology", title="Cluster Atlas — Technology", order=1)


def layout(**query) -> html.Div:
    layer = get_layer()
    query, pending = split_imported(query, layer)
    state, notices = parse_view(query, layer)
    return html.Div([
        page_header("Advanced-technology uptake by region",
                    "Choose an indicator, level and year; click a region (or search) for its rank, trend and technology "
                    "profile. Grey = no data."),
        explorer_layout(PREFIX, layer, state, notices, present=query.get("present") == "1", pending=pending),
    ])


register_explorer(PREFIX, imported=True)
