"""A shared storyboard: the views behind one link, ready to present, to load or to turn into a meeting pack."""

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, clientside_callback, dcc, html

from components.layout import page_header, page_notice
from components.meeting import STORE_ID, storyboard_token
from domain.i18n import N_, ngettext
from domain.i18n import gettext as _
from exports.pack import StoryboardError, parse_storyboard
from web.pages import Capabilities, register_page

# A shared board lays out the adopt button and its status line (ids its callback uses); an empty link does not.
EXAMPLE_BOARD = {"story": storyboard_token([{"url": "/technology", "title": "", "note": ""}])}
register_page(__name__, Capabilities(validation_queries=(EXAMPLE_BOARD,)), path="/storyboard", name=N_("Storyboard"),
              title=N_("Cluster Atlas — Shared storyboard"))


def layout(story: str = "", **_query) -> html.Div:
    if not story:
        return html.Div([page_header(_("Shared storyboard"),
                                     _("Open a link made with the Storyboard drawer's “Share link”.")),
                         page_notice([_("This link carries no storyboard. Build one with “Add to storyboard” on any "
                                        "map, then use “Share link” in the Storyboard drawer.")], color="info",
                                   id="storyboard-error")])
    try:
        board = parse_storyboard(story or "")
    except StoryboardError as exc:
        return html.Div([page_header(_("Shared storyboard"), _("This link does not carry a valid storyboard.")),
                         page_notice(str(exc), color="warning", id="storyboard-error")])
    items = [dbc.ListGroupItem([html.A(v["title"] or v["url"], href=v["url"]),
                                html.Div(v["note"], className="small text-muted")]) for v in board["views"]]
    return html.Div([
        page_header(board["title"], ngettext("%(count)d view shared as one link.", "%(count)d views shared as one link.",
                                             len(board["views"])) % {"count": len(board["views"])}),
        dbc.ListGroup(items, className="mb-3", id="storyboard-shared-list"),
        dcc.Store(id="storyboard-shared", data=board["views"]),
        dcc.Store(id="storyboard-shared-title", data=board["title"]),
        html.Div([
            dbc.Button(_("Present"), id="storyboard-shared-present", color="primary", n_clicks=0,
                       title=_("Full-screen slides of these views, from view 1 (→ / ← step, Esc leaves)")),
            dbc.Button(_("Use as my storyboard"), id="storyboard-adopt", color="outline-primary", n_clicks=0),
            html.A(_("Meeting pack (PDF)"), href=f"/export/pack.pdf?story={story}", className="btn btn-outline-secondary"),
            html.A(_("Slides (PowerPoint)"), href=f"/export/pack.pptx?story={story}",
                   className="btn btn-outline-secondary"),
        ], className="d-flex flex-wrap gap-2"),
        html.Div(id="storyboard-adopted", className="mt-2", role="status"),
    ])


@callback(Output(STORE_ID, "data", allow_duplicate=True), Output("storyboard-adopted", "children"),
          Input("storyboard-adopt", "n_clicks"), State("storyboard-shared", "data"), prevent_initial_call=True)
def adopt(n, views):
    if not n:
        return dash.no_update, dash.no_update
    return views, ngettext("%(count)d view is now your storyboard (kept in this browser).",
                           "%(count)d views are now your storyboard (kept in this browser).", len(views)) % {
        "count": len(views)}


clientside_callback(
    """
    function(n, views, title) {
        if (n && window.atlasShow) { window.atlasShow.start({views: views || [], index: 0, title: title || ""}); }
        return window.dash_clientside.no_update;
    }
    """,
    Output("storyboard-shared-present", "title"),
    Input("storyboard-shared-present", "n_clicks"), State("storyboard-shared", "data"),
    State("storyboard-shared-title", "data"),
    prevent_initial_call=True,
)
