"""Page not found: a clear message and a way back (Dash pages serves this for unknown paths)."""

from dash import html

from components.layout import page_header
from web.pages import register_page

register_page(__name__, path="/404", title="Cluster Atlas — Page not found")


def layout(**_query) -> html.Div:
    return html.Div([
        page_header("Page not found", "This address is not a page of Cluster Atlas."),
        html.P([html.A("Go to the overview", href="/"), " or pick a page in the menu."]),
    ], id="not-found")
