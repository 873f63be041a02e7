"""Technology: map explorer of technology uptake with drill-down region profiles."""

from dash import html

from components.explorer_page import page_explorer
from components.layout import page_header
from domain.i18n import N_
from domain.i18n import gettext as _
from domain.view import ViewScope
from kinds import MAP
from web.pages import Capabilities, register_page

PREFIX = "technology"
SCOPE = ViewScope()
register_page(__name__, Capabilities(nav=True, summary=N_("map any indicator at NUTS 0–3, click a region for its profile."),
                                    kind=MAP, downloadable=True, exportable=True, in_pack=True, view_scope=SCOPE),
              path="/technology", name=N_("Technology"), title=N_("Cluster Atlas — Technology"), order=1)


def layout(**query) -> html.Div:
    return html.Div([
        page_header(_("Advanced-technology uptake by region"),
                    _("Choose an indicator, level and year; click a region (or search) for its rank, trend and "
                      "technology profile. Hatched grey = no data.")),
        page_explorer(PREFIX, query, SCOPE, imported=True),
    ])
