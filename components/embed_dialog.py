"""'Embed' in the meeting toolbar: the <iframe> code of the current view, and a plain link to its embed.

The code is made in the browser from the address bar (``/embed`` + the page's path and query, ``present`` left out),
so it always embeds exactly what is on screen; the embed route itself is ``api/embed.py``. An imported list lives
in one browser and is never embedded: the embed of such a view says so.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, clientside_callback, html

from components.ids import MATCHED, PageIds
from domain.i18n import gettext as _

EMBED_HEIGHT = 640  # the map, its legend beside it, the slider and the source line, on a report page's width

FILL_EMBED_JS = """
function(_open, _close) {
    const trigger = (window.dash_clientside.callback_context.triggered[0] || {}).prop_id || "";
    if (trigger.indexOf('"embed-close"') >= 0) {
        return [false, window.dash_clientside.no_update, window.dash_clientside.no_update];
    }
    const url = new URL(window.location.href);
    url.searchParams.delete("present");
    const lang = document.documentElement.lang;
    if (lang && lang !== "en" && !url.searchParams.has("lang")) { url.searchParams.set("lang", lang); }
    const src = url.origin + "/embed" + url.pathname + url.search;
    const quoted = src.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
    const code = '<iframe src="' + quoted + '" width="100%" height="%HEIGHT%" style="border:0" '
        + 'title="' + window.atlasWord("Cluster Atlas map").replace(/&/g, "&amp;").replace(/"/g, "&quot;")
        + '" loading="lazy"></iframe>';
    return [true, code, src];
}
""".replace("%HEIGHT%", str(EMBED_HEIGHT))


def embed_button(ids: PageIds) -> list:
    """The toolbar's Embed button and its dialog."""
    return [
        dbc.Button(_("Embed"), id=ids("embed"), size="sm", color="light", n_clicks=0),
        dbc.Modal([
            dbc.ModalHeader(dbc.ModalTitle(_("Embed this view"), id=ids("embed-title"), className="h5")),
            dbc.ModalBody([
                html.P(_("Paste this code into a report page or a portal: the map stays live there, with its title, "
                         "legend, source line and year slider, and a link back to this view. Lists imported into "
                         "this browser are never embedded."), className="small"),
                dbc.Label(_("HTML code to paste"), html_for=ids.dom("embed-code"), className="mb-0"),
                dbc.Textarea(id=ids("embed-code"), readonly=True, rows=4, className="mb-2 font-monospace small"),
                html.A(_("Open the embed on its own ↗"), id=ids("embed-link"), href="#", target="_blank",
                       rel="noopener"),
            ]),
            dbc.ModalFooter(dbc.Button(_("Close"), id=ids("embed-close"), size="sm", color="secondary", outline=True,
                                       n_clicks=0)),
        ], id=ids("embed-dialog"), is_open=False, labelledby=ids.dom("embed-title"), size="lg"),
    ]


def _register(ids: PageIds) -> None:
    clientside_callback(
        FILL_EMBED_JS,
        Output(ids("embed-dialog"), "is_open"), Output(ids("embed-code"), "value"), Output(ids("embed-link"), "href"),
        Input(ids("embed"), "n_clicks"), Input(ids("embed-close"), "n_clicks"),
        prevent_initial_call=True,
    )


_register(MATCHED)
