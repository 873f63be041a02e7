"""App chrome: navbar, page header and the footer with the boundary notice."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from web.pages import pages_with


def navbar() -> dbc.Navbar:
    """Pages registered with ``nav=True``, in their ``order``."""
    links = [dbc.NavItem(dbc.NavLink(page["name"], href=page["path"], active="exact", id=f"nav-{page['name'].lower()}"))
             for page in pages_with("nav")]
    return dbc.Navbar(
        dbc.Container([
            dbc.NavbarBrand("Cluster Atlas", href="/", className="fw-semibold"),
            dbc.NavbarToggler(id="nav-toggler", n_clicks=0),
            dbc.Collapse(dbc.Nav(links + [dbc.NavItem(dbc.Button("Storyboard (0)", id="storyboard-open", size="sm",
                                                                  color="outline-light", className="ms-lg-2 mt-1",
                                                                  n_clicks=0))],
                                 className="ms-auto align-items-lg-center", navbar=True),
                         id="nav-collapse", navbar=True),
        ], fluid=True),
        color="dark", dark=True, className="atlas-navbar", id="atlas-navbar",
    )


def page_header(title: str, lead: str) -> html.Div:
    return html.Div([html.H1(title, className="h3 mb-1"), html.P(lead, className="text-muted mb-3")],
                    className="atlas-page-header")


def footer() -> html.Footer:
    return html.Footer(
        dbc.Container(html.Small([
            "Boundaries: © EuroGeographics for the administrative boundaries; Source: Eurostat / GISCO (NUTS 2021). ",
            "Every figure names its source and year; licences on the ",
            html.A("Sources page", href="/sources"), ".",
        ], className="text-muted"), fluid=True),
        className="atlas-footer py-3 mt-4",
    )
