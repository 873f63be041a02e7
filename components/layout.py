"""App chrome: navbar, page header and the footer with the boundary notice."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html

from components.words import sentence, storyboard_button_label
from domain.i18n import LANGUAGES, current_language, gettext
from web.pages import pages_with


def language_switcher() -> html.Div:
    """A labelled select of the shipped languages, each in its own name; ``assets/05_language.js`` reloads the
    current view (its address, ``lang`` set) in the chosen one."""
    current = current_language()
    return html.Div([
        html.Label(gettext("Language"), htmlFor="atlas-language", className="visually-hidden"),
        html.Select([html.Option(name, value=code, lang=code, selected=code == current)
                     for code, name in LANGUAGES.items()],
                    id="atlas-language", className="form-select form-select-sm atlas-language",
                    **{"data-current": current}),
    ], className="atlas-language-switcher ms-lg-2 mt-1")


def navbar() -> dbc.Navbar:
    """Pages registered with ``nav=True``, in their ``order``; the storyboard; the language switcher."""
    links = [dbc.NavItem(dbc.NavLink(gettext(page["name"]), href=page["path"], active="exact",
                                     id=f"nav-{page['name'].lower()}"))
             for page in pages_with("nav")]
    return dbc.Navbar(
        dbc.Container([
            dbc.NavbarBrand("Cluster Atlas", href="/", className="fw-semibold"),
            html.Button(html.Span(className="navbar-toggler-icon"), id="nav-toggler", n_clicks=0, type="button",
                        className="navbar-toggler", **{"aria-label": gettext("Menu"), "aria-controls": "nav-collapse",
                                                        "aria-expanded": "false"}),
            dbc.Collapse(dbc.Nav(links + [dbc.NavItem(dbc.Button(storyboard_button_label(0), id="storyboard-open",
                                                                  size="sm", color="outline-light",
                                                                  className="ms-lg-2 mt-1", n_clicks=0)),
                                          dbc.NavItem(language_switcher())],
                                 className="ms-auto align-items-lg-center", navbar=True),
                         id="nav-collapse", navbar=True),
        ], fluid=True),
        color="dark", dark=True, className="atlas-navbar", id="atlas-navbar",
    )


def _translated(text: str):
    def in_current_language(**_path_values) -> str:
        return gettext(text)

    return in_current_language


def translate_page_titles() -> None:
    """Page titles and descriptions (marked with ``N_`` in each ``register_page``) read in the request's language:
    Dash calls a callable title for the page shell and on every navigation."""
    for page in dash.page_registry.values():
        for key in ("title", "description"):
            if isinstance(page.get(key), str) and page[key]:
                page[key] = _translated(page[key])


def page_header(title: str, lead: str) -> html.Div:
    return html.Div([html.H1(title, className="h3 mb-1"), html.P(lead, className="text-muted mb-3")],
                    className="atlas-page-header")


def footer() -> html.Footer:
    """The boundary notice and the pages registered with ``footer=True`` (the accessibility statement)."""
    links = [item for page in pages_with("footer") for item in (" · ", html.A(gettext(page["name"]), href=page["path"]))]
    return html.Footer(
        dbc.Container(html.Small([
            gettext("Boundaries: © EuroGeographics for the administrative boundaries; Source: Eurostat / GISCO "
                    "(NUTS 2021)."), " ",
            *sentence(gettext("Every figure names its source and year; licences on the %(link)s."),
                      link=html.A(gettext("Sources page"), href="/sources")),
            *links,
        ], className="text-muted"), fluid=True),
        className="atlas-footer py-3 mt-4",
    )


def page_notice(children, color: str = "info", **kwargs) -> html.Div:
    """A notice a page opens with (an empty state, a note on the link): a status, not an alert, so screen readers do
    not interrupt the page's announcement with it (``role=alert`` is for what goes wrong after the user acts)."""
    return html.Div(children, role="status", className=f"alert alert-{color} {kwargs.pop('className', '')}".strip(),
                    **kwargs)


def skip_link() -> html.A:
    """The first Tab stop of every page: straight to the page's content (``assets/30_a11y.js`` moves focus there)."""
    return html.A(gettext("Skip to main content"), href="#atlas-main", className="atlas-skip-link")


def announcer() -> html.Div:
    """The one polite live region: ``assets/30_a11y.js`` says in it what changed (the map's indicator, level and
    year, the region whose profile opened), for screen-reader users who cannot see the change."""
    return html.Div(id="atlas-announcer", role="status", className="visually-hidden",
                    **{"aria-live": "polite", "aria-atomic": "true"})
