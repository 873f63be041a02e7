"""Technology: map explorer of technology uptake with drill-down region profiles."""

import dash
from dash import html

from components.explorer import Explorer
from components.layout import page_header
from data.layer import get_layer
from domain.i18n import N_
from domain.i18n import gettext as _
from domain.mapview import split_imported
from domain.view import ViewScope, resolve_view

PREFIX = "technology"
SCOPE = ViewScope()
dash.register_page(__name__, path="/technology", name=N_("Technology"), title=N_("Cluster Atlas — Technology"), order=1,
                   nav=True, summary=N_("map any indicator at NUTS 0–3, click a region for its profile."),
                   downloadable=True, exportable=True, in_pack=True, view_scope=SCOPE)


def layout(**query) -> html.Div:
    layer = get_layer()
    query, pending = split_imported(query, layer)
    state, notices = resolve_view(query, layer, scope=SCOPE)
    return html.Div([
        page_header(_("Advanced-technology uptake by region"),
                    _("Choose an indicator, level and year; click a region (or search) for its rank, trend and "
                      "technology profile. Hatched grey = no data.")),
        Explorer(PREFIX, layer, state, notices, present=query.get("present") == "1", pending=pending, imported=True,
                 overlay=query),
    ])
