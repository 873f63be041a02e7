"""Cluster Atlas: Dash app entry point (``python app.py`` or ``gunicorn app:server``)."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Dash, dcc, html
from flask import request

from api.change import change_api
from api.embed import embed_pages
from api.hubs import hubs_api
from api.regions import regions_api
from api.routes import api
from api.slides import slides_api
from components.layout import announcer, footer, navbar, skip_link, translate_page_titles
from components.meeting import STORE_ID, storyboard_offcanvas
from data.settings import settings
from downloads.api_values import values_csv
from downloads.hubs import hubs_downloads
from downloads.routes import downloads
from exports.routes import exports
from web.api_protocol import init_api_protocol
from web.first_load import ASSETS_NOT_IN_EVERY_PAGE, load_on_demand, warm_static_store
from web.hardening import harden, log_callback_error, verify_layer_at_start
from web.language import init_language
from web.pages import guard_page_layouts, keep_validation_layout, path_status
from web.script_words import html_language_attributes
from web.serialisation import fragment, serialise_with_orjson


class AtlasDash(Dash):
    def interpolate_index(self, **kwargs) -> str:
        """The page shell in the request's language: ``<html lang>`` (screen readers, hyphenation, and the
        language ``assets/05_language.js`` sends with every callback of the page) and the scripts' own words, there
        before any script runs (the slide show of a ``present=1`` link starts before Dash renders the page)."""
        return super().interpolate_index(**kwargs).replace('<html lang="en">', html_language_attributes(), 1)

    _validation_json: tuple[object, object] | None = None  # (validation layout, its JSON as an orjson Fragment)

    def _config(self) -> dict:
        """Dash's config for the page shell, with the validation layout (the same skeleton of 3,800 components in
        every page shell, ``web.pages.validation_layout``) serialised once per layout object, not for each page
        shell (5 of its 10 ms)."""
        config = super()._config()
        layout = config.get("validation_layout")
        if layout is not None:
            if self._validation_json is None or self._validation_json[0] is not layout:
                self._validation_json = (layout, fragment(layout))
            config["validation_layout"] = self._validation_json[1]
        return config


def shell_layout() -> html.Div:
    """The chrome around every page, made per request so its words are in the request's language."""
    return html.Div([
        skip_link(),
        dcc.Store(id=STORE_ID, storage_type="local"),
        dcc.Store(id="imported-layers", storage_type="local"),
        navbar(),
        storyboard_offcanvas(),
        dbc.Container(dash.page_container, fluid=True, className="atlas-main", id="atlas-main", tag="main"),
        announcer(),
        footer(),
    ])


def create_app() -> Dash:
    """Build the Dash app; every asset is served locally (no CDN)."""
    serialise_with_orjson()
    app = AtlasDash(
        __name__,
        use_pages=True,
        serve_locally=True,
        assets_ignore=ASSETS_NOT_IN_EVERY_PAGE,
        title="Cluster Atlas",
        update_title=None,
        on_error=log_callback_error,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    load_on_demand(app)
    app.index_string = app.index_string.replace("<html>", '<html lang="en">', 1)
    # Dash's scripts sit in a <footer>: a second 'contentinfo' landmark beside the page's own footer.
    app.index_string = app.index_string.replace("<footer>", '<div class="atlas-dash-scripts">', 1).replace(
        "</footer>", "</div>", 1)
    init_language(app.server)
    app.server.register_blueprint(api)
    app.server.register_blueprint(hubs_api)
    app.server.register_blueprint(hubs_downloads)
    app.server.register_blueprint(regions_api)
    app.server.register_blueprint(slides_api)
    app.server.register_blueprint(embed_pages)
    app.server.register_blueprint(change_api)
    app.server.register_blueprint(values_csv)
    app.server.register_blueprint(downloads)
    app.server.register_blueprint(exports)
    app.layout = shell_layout
    guard_page_layouts()
    translate_page_titles()
    keep_validation_layout(app)
    return app


app = create_app()
harden(app.server, app.csp_hashes)
init_api_protocol(app.server)
server = app.server
verify_layer_at_start(server.logger)
warm_static_store()


@server.after_request
def page_not_found_status(response):
    """Dash answers every path with its page shell; a path no page serves gets its 'not found' page with a 404, and
    a page's path with a malformed or unknown value (/brief/ZZ99) the page's own message with a 400 or 404."""
    if request.method == "GET" and response.status_code == 200 and response.mimetype == "text/html":
        path = request.path
        if not path.startswith(("/_dash", "/assets", "/_favicon", "/embed/", "/api/docs")):
            response.status_code = path_status(path)
    return response


if settings().bench_naive:
    from bench.naive import register as register_naive_baseline  # benchmark-only baseline, never loaded in production

    register_naive_baseline()


@dash.callback(
    dash.Output("nav-collapse", "is_open"), dash.Output("nav-toggler", "aria-expanded"),
    dash.Input("nav-toggler", "n_clicks"),
    dash.State("nav-collapse", "is_open"),
    prevent_initial_call=True,
)
def toggle_navbar(n_clicks: int, is_open: bool) -> tuple[bool, str]:
    return not is_open, "false" if is_open else "true"


if __name__ == "__main__":
    app.run(host=settings().host, port=settings().port, debug=False)
