"""Page not found: a clear message and a way back (Dash pages serves this for unknown paths)."""

from dash import html

from components.layout import page_header
from components.words import sentence
from domain.i18n import N_
from domain.i18n import gettext as _
from web.pages import register_page

register_page(__name__, path="/404", title=N_("Cluster Atlas — Page not found"))


def layout(**_query) -> html.Div:
    return html.Div([
        page_header(_("Page not found"), _("This address is not a page of Cluster Atlas.")),
        html.P(sentence(_("%(overview)s or pick a page in the menu."),
                        overview=html.A(_("Go to the overview"), href="/"))),
    ], id="not-found")
