"""Overview: what the atlas holds, with a few headline figures from the layer."""

import dash_bootstrap_components as dbc
from dash import html

from components.headlines import SEED_QUOTES, headline_card, headline_figures, quote_card
from components.layout import page_header
from data.layer import get_layer
from domain.i18n import N_
from domain.i18n import gettext as _
from web.pages import Capabilities, capabilities, pages_with, register_page

register_page(__name__, Capabilities(nav=True), path="/", name=N_("Overview"), title=N_("Cluster Atlas — Overview"),
              order=0)


def layout(**_query) -> html.Div:
    layer = get_layer()
    themes = layer.catalog.theme.nunique()
    return html.Div([
        page_header(_("Clusters, smart specialisation and advanced-technology uptake in EU regions"),
                    _("%(indicators)s indicators in %(themes)s themes from %(sources)s official, peer-reviewed or "
                      "(marked) experimental sources, mapped on NUTS 2021 regions. Every figure names its source and "
                      "year.") % {"indicators": len(layer.catalog), "themes": themes, "sources": len(layer.sources)}),
        dbc.Row([dbc.Col(headline_card(h), xs=12, md=6, xl=4, className="mb-3") for h in headline_figures(layer)],
                id="overview-headlines"),
        html.H2(_("From the source talk"), className="h5 mt-2"),
        dbc.Row([dbc.Col(quote_card(text, who), xs=12, md=6, className="mb-3") for text, who in SEED_QUOTES]),
        html.H2(_("Where to go"), className="h5 mt-2"),
        dbc.ListGroup([dbc.ListGroupItem([html.A(_(page["name"]), href=page["path"]),
                                          f" — {_(capabilities(page).summary)}"])
                       for page in pages_with("summary")], className="mb-3"),
    ])
