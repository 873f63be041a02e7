"""The storyboard drawer's pack form for views of imported lists: it posts the storyboard with the lists its views
show, so the pack and the slides draw them (a pack link cannot carry a list, and the server never keeps one).

The form's two buttons ("Meeting pack (PDF)", "Slides (PowerPoint)") take the place of the drawer's pack links when a
view of the storyboard maps an indicator imported into this browser, so there is one button per document. Its hidden
fields are filled on the server from the browser's stores (the compact form of each list a view shows), and the
export route checks them again with the importer's validators (exports/sent.py).
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

from dash import Input, Output, callback, dcc, html

from components.words import language_query
from data.layer import get_layer
from data.layer.imported import compact_indicators, imported_id, is_imported_id
from domain.i18n import gettext as _
from domain.i18n import ngettext
from domain.organisations import organisation_layers, organisation_list
from domain.view import held_in_browser
from exports.sent import MAX_SENT_CHARS

HIDDEN = {"display": "none"}


def pack_form() -> html.Form:
    """The drawer's two document buttons for a storyboard with views of imported lists, in the place of the pack
    links (one button per document): hidden until such a view is in the storyboard; they post the storyboard with
    the lists, so the pack and the slides draw everything the views show."""
    return html.Form([
        dcc.Input(type="hidden", name="storyboard", id="storyboard-form-board", value=""),
        dcc.Input(type="hidden", name="imported", id="storyboard-form-imported", value=""),
        html.Button(_("Meeting pack (PDF)"), type="submit", formAction="/export/pack.pdf" + language_query(),
                    id="storyboard-form-pdf", className="btn btn-outline-primary btn-sm"),
        html.Button(_("Slides (PowerPoint)"), type="submit", formAction="/export/pack.pptx" + language_query(),
                    id="storyboard-form-pptx", className="btn btn-outline-primary btn-sm",
                    title=_("Editable slides: map pictures, titles, legends, key figures and sources as text")),
    ], id="storyboard-form", method="post", action="/export/pack.pdf" + language_query(), style=HIDDEN, className="atlas-pack-form")


def pack_form_note() -> html.Div:
    """Under the drawer's buttons: what the document buttons send, and views whose list is no longer here."""
    return html.Div([
        html.P(_("Some views map lists imported into this browser: the pack and the slides send those lists with "
                 "the storyboard and draw them, with the source and licence you gave."), id="storyboard-form-note",
               className="small text-muted mb-1 mt-2", style=HIDDEN),
        html.Div(id="storyboard-form-message", className="small text-danger mt-1", role="status"),
    ])


def _views(board) -> list[dict]:
    return [{"url": v["url"], "title": str(v.get("title") or "")[:200], "note": str(v.get("note") or "")[:1000]}
            for v in (board if isinstance(board, list) else []) if isinstance(v, dict) and isinstance(v.get("url"), str)]


@callback(Output("storyboard-form", "style"), Output("storyboard-form-board", "value"),
          Output("storyboard-form-imported", "value"), Output("storyboard-form-message", "children"),
          Output("storyboard-pack", "style"), Output("storyboard-pptx", "style"), Output("storyboard-form-note", "style"),
          Input("storyboard", "data"), Input("imported-layers", "data"))
def fill_pack_form(board, layers):
    """The storyboard and the compact lists its views show, with the form's buttons in the place of the pack links;
    the links (cacheable, shareable) when no view needs a list."""
    form = _fill(board, layers)
    shown = form[0] is not HIDDEN
    return (*form, *((HIDDEN, HIDDEN, {}) if shown else ({}, {}, HIDDEN)))


def _fill(board, layers) -> tuple:
    layer = get_layer()
    views = _views(board)
    held = {(parse_qs(urlsplit(v["url"]).query).get("indicator") or [""])[0] for v in views
            if held_in_browser(urlsplit(v["url"]).query, layer)}
    shared = {imported_id(p) for p in layer.shared_imports}
    held |= {o for v in views for o in (parse_qs(urlsplit(v["url"]).query).get("orgs") or [""])[:1]
             if is_imported_id(o) and o not in shared}
    if not held:
        return HIDDEN, "", "", ""
    found = compact_indicators(layers, layer.region_ids) | {
        imported_id(p): dict(organisation_list({**p, "id": imported_id(p)})) for p in organisation_layers(layers)}
    sent = json.dumps([found[i] for i in sorted(held) if i in found], ensure_ascii=False, separators=(",", ":"),
                      default=str)
    missing = len([i for i in held if i not in found])
    message = ngettext("%(count)d of the imported lists these views show is no longer in this browser; those views "
                       "are text pages.",
                       "%(count)d of the imported lists these views show are no longer in this browser; those views "
                       "are text pages.", missing) % {"count": missing} if missing else ""
    if len(sent) > MAX_SENT_CHARS:
        sent, message = "[]", _("The imported lists of these views are too large to send; they are text pages.")
    board_json = json.dumps({"title": _("Cluster Atlas meeting pack"), "views": views}, ensure_ascii=False)
    return {"display": "contents"}, board_json, sent, message
