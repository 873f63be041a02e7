"""Meeting kit UI: copy link, present, export buttons, and the storyboard kept in the browser.

The storyboard is a list of ``{url, title, note}`` in a ``dcc.Store`` with
``storage_type="local"``: it never leaves the user's browser unless they
export it, share its link, or ask for the meeting pack.
"""

from __future__ import annotations

import base64
import json
from urllib.parse import parse_qs, urlencode, urlsplit

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, clientside_callback, ctx, dcc, html, no_update

from components.embed_dialog import embed_button
from components.ids import MATCHED, PageIds, dom_id, page_ids
from components.pack_form import pack_form, pack_form_note
from components.words import storyboard_button_label
from data.layer import get_layer
from domain.i18n import gettext as _
from domain.i18n import ngettext
from domain.view import held_in_browser
from exports.formats import FORMATS as EXPORT_FORMATS
from exports.pack import StoryboardError, parse_storyboard
from web.pages import site_link

STORE_ID = "storyboard"


def storyboard_token(views: list[dict], title: str = "Cluster Atlas meeting pack") -> str:
    """base64url JSON of a storyboard: one link carries the whole board."""
    payload = json.dumps({"title": title, "views": views}, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(payload.encode("utf-8")).decode("ascii").rstrip("=")


def without_present(query: str) -> str:
    params = {k: v[0] for k, v in parse_qs(query.lstrip("?")).items() if k != "present"}
    return "?" + urlencode(params, safe=",") if params else ""


def export_href(page: str, fmt: str, query: str) -> str:
    return f"/export/{page}.{fmt}{without_present(query)}"


def view_link_hrefs(query: str | None, makers: list) -> list:
    """The hrefs of a view's download or export links: unchanged until the view has a query; none for a list held
    in the browser (the click is then served by a callback, since GET routes cannot see the list)."""
    if not query:
        return [no_update] * len(makers)
    if held_in_browser(query, get_layer()):
        return [None] * len(makers)
    return [make(query) for make in makers]


def meeting_toolbar(prefix: str, page: str, query: str, present: bool, exports: bool = True) -> html.Div:
    """Buttons above a map: copy link, present (or exit), export (map pages), add to storyboard.

    Its parts are the ``MeetingToolbar`` component's (``aio_id=prefix``), served by one set of callbacks for every
    page (registered below, at import); the export links follow the view of the page's ``Explorer``."""
    ids = page_ids(prefix)
    menu = dbc.DropdownMenu([
        dbc.DropdownMenuItem(_(file.label), id=ids(f"export-{fmt}"), href=export_href(page, fmt, query), external_link=True)
        for fmt, file in EXPORT_FORMATS.items()
    ], label=_("Export"), size="sm", color="light", align_end=True, id=ids("export-menu")) if exports else None
    return html.Div([
        dbc.Button(_("Copy link"), id=ids("copy-link"), size="sm", color="light", n_clicks=0),
        html.Span(id=ids("copy-status"), className="atlas-toolbar-status small text-muted", role="status"),
        dbc.Button(_("Exit presentation (Esc)") if present else _("Present"), id=ids("present"), size="sm", color="light",
                   n_clicks=0),
        menu,
        dbc.Button(_("Add to storyboard"), id=ids("story-add-open"), size="sm", color="light", n_clicks=0),
        story_dialog(ids),
        *embed_button(ids),
    ], className="atlas-meeting-toolbar d-flex flex-wrap gap-1 mb-2")


def story_dialog(ids: PageIds) -> dbc.Modal:
    """'Add to storyboard' as a dialog: named by its title, its fields labelled, focus on the Title field when it
    opens and back on the 'Add to storyboard' button when it closes (after Add, Cancel or Esc)."""
    return dbc.Modal([
        dbc.ModalHeader(dbc.ModalTitle(_("Add this view to the storyboard"), id=ids("story-dialog-title"), className="h5")),
        dbc.ModalBody([
            dbc.Label(_("Title (optional)"), html_for=ids.dom("story-title"), className="mb-0"),
            dbc.Input(id=ids("story-title"), size="sm", className="mb-2", maxLength=200, autoFocus=True),
            dbc.Label(_("Note for the meeting (optional)"), html_for=ids.dom("story-note"), className="mb-0"),
            dbc.Textarea(id=ids("story-note"), size="sm", className="mb-1", maxLength=1000),
        ]),
        dbc.ModalFooter([
            dbc.Button(_("Cancel"), id=ids("story-cancel"), size="sm", color="secondary", outline=True, n_clicks=0),
            dbc.Button(_("Add"), id=ids("story-add"), size="sm", color="primary", n_clicks=0),
        ]),
    ], id=ids("story-popover"), is_open=False, labelledby=ids.dom("story-dialog-title"), size="md")


def _register_present_and_copy(ids: PageIds) -> None:
    """Present starts the slide show of this view (``assets/20_present.js``: the storyboard from this view on, or
    this view alone) and marks ``present=1`` in the address; Copy link copies the address without it."""

    clientside_callback(
        """
        function(n) {
            if (!n) { return window.dash_clientside.no_update; }
            const url = new URL(window.location.href);
            if (window.atlasShow) {
                if (window.atlasShow.running()) { window.atlasShow.leave(); } else { window.atlasShow.fromPage(); }
                return window.dash_clientside.no_update;
            }
            if (url.searchParams.get("present") === "1") { url.searchParams.delete("present"); }
            else { url.searchParams.set("present", "1"); }
            window.location.assign(url.pathname + url.search);
            return window.dash_clientside.no_update;
        }
        """,
        Output(ids("present"), "title"),
        Input(ids("present"), "n_clicks"),
        prevent_initial_call=True,
    )

    clientside_callback(
        """
        function(n) {
            if (!n) { return window.dash_clientside.no_update; }
            const url = window.location.href.replace(/([?&])present=1(&|$)/, "$1").replace(/[?&]$/, "");
            if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(url).catch(function () {});
                return window.atlasWord("Link copied");
            }
            const field = document.createElement("textarea");
            field.value = url; document.body.appendChild(field); field.select();
            try { document.execCommand("copy"); } catch (e) {}
            document.body.removeChild(field);
            return window.atlasWord("Link copied");
        }
        """,
        Output(ids("copy-status"), "children"),
        Input(ids("copy-link"), "n_clicks"),
        prevent_initial_call=True,
    )


def _register_story_dialog(ids: PageIds) -> None:
    """The 'Add to storyboard' button opens its dialog, Cancel closes it (in the browser: no round trip)."""

    clientside_callback(
        """
        function(opened, cancelled) {
            const part = (window.dash_clientside.callback_context.triggered_id || {}).subcomponent;
            return part === "story-add-open" ? Boolean(opened) : false;
        }
        """,
        Output(ids("story-popover"), "is_open", allow_duplicate=True),
        Input(ids("story-add-open"), "n_clicks"), Input(ids("story-cancel"), "n_clicks"),
        prevent_initial_call=True,
    )


def _register_story_add(ids: PageIds) -> None:
    """Add to storyboard appends this view (address without ``present``, title, note) to the browser's board.

    The board is app-wide (a fixed id), so the toolbar's parts are read with ALL (one toolbar per page): Dash
    does not mix a fixed output with MATCH outputs."""

    clientside_callback(
        """
        function(clicks, titles, notes, board) {
            const skip = window.dash_clientside.no_update;
            const i = (clicks || []).findIndex(function (n) { return n; });
            const same = function (value) { return (clicks || []).map(function () { return value; }); };
            if (i < 0) { return [skip, same(skip), same(skip), same(skip), same(skip)]; }
            const search = window.location.search.replace(/([?&])present=1(&|$)/, "$1").replace(/[?&]$/, "");
            const views = (board || []).slice();
            views.push({url: window.location.pathname + search, title: titles[i] || "", note: notes[i] || ""});
            return [views, same(false), same(window.atlasWord("Added as view %(number)s of the storyboard", {number: views.length})), same(""),
                    same("")];
        }
        """,
        Output(STORE_ID, "data", allow_duplicate=True), Output(ids("story-popover"), "is_open"),
        Output(ids("copy-status"), "children", allow_duplicate=True),
        Output(ids("story-title"), "value"), Output(ids("story-note"), "value"),
        Input(ids("story-add"), "n_clicks"),
        State(ids("story-title"), "value"), State(ids("story-note"), "value"), State(STORE_ID, "data"),
        prevent_initial_call=True,
    )


def _register_export_links(ids: PageIds) -> None:
    """The Export menu's links follow the view's query (map pages: the ``Explorer``'s state and page name)."""

    @callback(
        [Output(ids(f"export-{fmt}"), "href") for fmt in EXPORT_FORMATS],
        Input(ids("state"), "data"), State(ids("config"), "data"),
        prevent_initial_call=True,
    )
    def update_export_links(query, config):
        page = config["page"]
        return view_link_hrefs(query, [lambda q, fmt=fmt: export_href(page, fmt, q) for fmt in EXPORT_FORMATS])


def _register_toolbar() -> None:
    """Once, at import, for every page's toolbar (``aio_id=MATCH``; the storyboard part with ALL)."""
    _register_present_and_copy(MATCHED)
    _register_story_dialog(MATCHED)
    _register_story_add(PageIds(ALL))
    _register_export_links(MATCHED)


_register_toolbar()


def storyboard_offcanvas() -> dbc.Offcanvas:
    """The storyboard drawer (app-wide): reorder, rename, remove, export/import, share, meeting pack."""
    return dbc.Offcanvas([
        html.P(_("Views you add are kept in this browser only. Present shows them as slides: → and ← step through "
                 "them, Esc leaves."), className="small text-muted"),
        html.Div(id="storyboard-list"),
        html.Div([
            dbc.Button(_("Present"), id="storyboard-present", size="sm", color="primary", n_clicks=0,
                       title=_("Full-screen slides of these views, from view 1 (→ / ← step, Esc leaves)")),
            html.A(_("Meeting pack (PDF)"), id="storyboard-pack", href="#", className="btn btn-outline-primary btn-sm"),
            html.A(_("Slides (PowerPoint)"), id="storyboard-pptx", href="#", className="btn btn-outline-primary btn-sm",
                   title=_("Editable slides: map pictures, titles, legends, key figures and sources as text")),
            pack_form(),
            html.A(_("Share link"), id="storyboard-share", href="#", className="btn btn-outline-secondary btn-sm"),
            html.A(_("Export JSON"), id="storyboard-export", href="#", download="storyboard.json",
                   className="btn btn-outline-secondary btn-sm"),
            dcc.Upload(html.Span(_("Import JSON"), className="btn btn-outline-secondary btn-sm"), id="storyboard-import",
                       accept="application/json,.json", max_size=200_000),
            dbc.Button(_("Clear"), id="storyboard-clear", size="sm", color="link", n_clicks=0),
        ], className="d-flex flex-wrap gap-2 mt-2"),
        pack_form_note(),
        html.Div(id="storyboard-message", className="small mt-2", role="status"),
    ], id="storyboard-drawer", title=html.Span(_("Storyboard"), id="storyboard-drawer-title"),
        labelledby="storyboard-drawer-title", placement="end", is_open=False)


def _item(n: int, view: dict, total: int) -> dbc.ListGroupItem:
    """One view of the drawer; its buttons say which view they act on ("Move view 2 up", "Remove view 2: …")."""
    path = urlsplit(view.get("url", "")).path
    title_id = {"type": "storyboard-title", "index": n}
    said = (_("view %(number)s: %(title)s") % {"number": n + 1, "title": view["title"]} if view.get("title")
            else _("view %(number)s") % {"number": n + 1})

    def named(symbol: str, name: str) -> list:
        return [html.Span(symbol, **{"aria-hidden": "true"}), html.Span(name, className="visually-hidden")]

    return dbc.ListGroupItem([
        html.Label(_("Title of view %(number)s") % {"number": n + 1}, htmlFor=dom_id(title_id), className="visually-hidden"),
        dbc.Input(value=view.get("title") or "", placeholder=_("View %(number)s title") % {"number": n + 1}, size="sm",
                  id=title_id, debounce=True, maxLength=200),
        html.Div([html.A(_("%(path)s view") % {"path": path}, href=view.get("url", "#"), className="small"),
                  html.Span(view.get("note", "")[:80], className="small text-muted ms-2")], className="mt-1"),
        html.Div([
            dbc.Button(named("↑", _("Move view %(number)s up") % {"number": n + 1}), id={"type": "storyboard-up", "index": n}, size="sm",
                       color="link", disabled=n == 0, n_clicks=0, title=_("Move up")),
            dbc.Button(named("↓", _("Move view %(number)s down") % {"number": n + 1}), id={"type": "storyboard-down", "index": n}, size="sm",
                       color="link", disabled=n == total - 1, n_clicks=0, title=_("Move down")),
            dbc.Button([_("Remove"), html.Span(f" {said}", className="visually-hidden")],
                       id={"type": "storyboard-remove", "index": n}, size="sm", color="link", n_clicks=0),
        ]),
    ])


def _safe_views(board) -> list[dict]:
    """The views of a storyboard read from the browser's storage, each with a link that stays on this site."""
    views = []
    for view in board if isinstance(board, list) else []:
        link = site_link(view.get("url")) if isinstance(view, dict) else None
        if link:
            views.append({"url": link[:2000], "title": str(view.get("title") or "")[:200],
                          "note": str(view.get("note") or "")[:1000]})
    return views


@callback(
    Output("storyboard-list", "children"), Output("storyboard-pack", "href"), Output("storyboard-pptx", "href"),
    Output("storyboard-share", "href"), Output("storyboard-export", "href"), Output("storyboard-open", "children"),
    Input(STORE_ID, "data"),
)


def render_storyboard(board):
    views = _safe_views(board)
    label = storyboard_button_label(len(views))
    if not views:
        return html.P(_("No views yet: use “Add to storyboard” above a map."), className="text-muted"), "#", "#", "#", \
            "#", label
    title = _("Cluster Atlas meeting pack")
    token = storyboard_token(views, title)
    data = "data:application/json;charset=utf-8;base64," + base64.b64encode(
        json.dumps({"title": title, "views": views}, ensure_ascii=False).encode()).decode()
    items = dbc.ListGroup([_item(n, v, len(views)) for n, v in enumerate(views)])
    return items, f"/export/pack.pdf?story={token}", f"/export/pack.pptx?story={token}", f"/storyboard?story={token}", \
        data, label


@callback(
    Output(STORE_ID, "data"), Output("storyboard-message", "children"),
    Input({"type": "storyboard-up", "index": ALL}, "n_clicks"),
    Input({"type": "storyboard-down", "index": ALL}, "n_clicks"),
    Input({"type": "storyboard-remove", "index": ALL}, "n_clicks"),
    Input({"type": "storyboard-title", "index": ALL}, "value"),
    Input("storyboard-import", "contents"), Input("storyboard-clear", "n_clicks"),
    State(STORE_ID, "data"),
    prevent_initial_call=True,
)


def edit_storyboard(_up, _down, _remove, titles, uploaded, _clear, board):
    views = _safe_views(board)
    trigger = ctx.triggered_id
    if trigger == "storyboard-clear":
        return [], _("Storyboard cleared.")
    if trigger == "storyboard-import":
        try:
            content = uploaded.split(",", 1)[1] if uploaded and "," in uploaded else ""
            parsed = parse_storyboard(base64.b64decode(content).decode("utf-8"))
        except (StoryboardError, ValueError, UnicodeDecodeError) as exc:
            return no_update, _("Import failed: %(reason)s") % {"reason": exc}
        count = len(parsed["views"])
        return parsed["views"], ngettext("Imported %(count)d view.", "Imported %(count)d views.", count) % {"count": count}
    if not isinstance(trigger, dict) or not ctx.triggered:
        return no_update, no_update
    n = trigger["index"]
    if n >= len(views):
        return no_update, no_update
    kind = trigger["type"]
    if kind == "storyboard-title":
        if views[n]["title"] == (titles[n] or ""):
            return no_update, no_update
        views[n]["title"] = (titles[n] or "")[:200]
    elif not ctx.triggered[0]["value"]:
        return no_update, no_update
    elif kind == "storyboard-up" and n > 0:
        views[n - 1], views[n] = views[n], views[n - 1]
    elif kind == "storyboard-down" and n < len(views) - 1:
        views[n + 1], views[n] = views[n], views[n + 1]
    elif kind == "storyboard-remove":
        views.pop(n)
    return views, ""


@callback(Output("storyboard-drawer", "is_open"), Input("storyboard-open", "n_clicks"), State("storyboard-drawer", "is_open"),
          prevent_initial_call=True)
def toggle_storyboard(n, is_open):
    return not is_open if n else no_update


clientside_callback(
    """
    function(n, board) {
        if (!n || !window.atlasShow || !window.atlasShow.start({views: board || [], index: 0})) {
            return window.dash_clientside.no_update;
        }
        return false;
    }
    """,
    Output("storyboard-drawer", "is_open", allow_duplicate=True),
    Input("storyboard-present", "n_clicks"), State(STORE_ID, "data"),
    prevent_initial_call=True,
)
