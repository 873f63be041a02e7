"""``GET /api/slide?view=<relative view URL>``: one storyboard view as a slide for the browser's slide show.

The show (``assets/20_present.js``) asks for every view of the storyboard when it starts and then switches slides
without asking the server again. A view is read as the meeting pack reads it (``exports.pack.pack_views``): a
Strategies view by ``parse_strategy``, a map view by ``resolve_view`` with its page's scope, an imported
indicator held in a browser as a text slide saying why it is not drawn. A view this server cannot read is a 400
``{error, parameter: "view", valid}`` in words the show displays as they are.

``POST /api/slide`` (JSON ``{view, imported}``) is the same slide drawn with the imported indicator lists the
presenter's browser holds (``imported``: the stored lists, as kept by the import page): the show sends them for a
view of an imported indicator, so it is drawn in the very browser that holds it. They are untrusted: bounded before
parsing, reduced to known regions, years and finite numbers, and re-checked like the pack's (``exports/sent.py``).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

from flask import Blueprint, jsonify, request

from data.layer import InvalidChoice, Layer, get_layer
from data.layer.imported import compact_indicators, imported_id, is_imported_id, with_imported
from domain.i18n import N_
from domain.i18n import gettext as _
from domain.organisations import organisation_layers, with_organisation_list
from domain.provenance import layer_version
from domain.strategy import parse_strategy
from domain.view import held_in_browser, resolve_view
from figures.organisations_overlay import shown_organisations, with_organisations
from figures.slides import map_slide, strategy_slide, text_slide
from web.api_registry import endpoint, read_query
from web.json_limits import loads_or_raise
from web.pages import slugs_with, view_scope

slides_api = Blueprint("slides_api", __name__)
STRATEGIES = "strategies"
MAX_VIEW_CHARS = 2000
MAX_POSTED_CHARS = 1_900_000  # the request as a whole is at most 2 MiB (web/hardening.py)
MAX_POSTED_DEPTH = 6  # {"imported": [{"rows": [{"nuts_id": …}]}]}
IMPORTED_LINES = (
    N_("This view maps an indicator imported into a browser, and this browser does not hold its list (imported lists "
       "are kept only in the browser that loaded them), so it cannot be drawn here."),
    N_("Present from the browser that holds the list, or import the list on the Import page of this one: the view is "
       "then drawn with the list's own source and licence."),
)


class PostedError(ValueError):
    """The posted body is too large, too deeply nested or not JSON."""


def _split(raw: str) -> tuple[str, dict, str]:
    """(page, query as a dict of lists, the view's own address without ``present``) of a same-origin view path."""
    pages = slugs_with("in_pack")
    valid = [f"/{name}" for name in pages]
    if not raw:
        raise InvalidChoice("view", "Parameter 'view' is required: the address of a view, such as "
                                   "/technology?indicator=desi_ai&level=0.", valid)
    parts = urlsplit(raw)
    if len(raw) > MAX_VIEW_CHARS or not raw.startswith("/") or raw.startswith("//") or "\\" in raw \
            or parts.scheme or parts.netloc:
        raise InvalidChoice("view", "The view must be an address on this site starting with a single '/', "
                                   f"at most {MAX_VIEW_CHARS} characters.", valid)
    page = parts.path.strip("/")
    if page not in pages:
        raise InvalidChoice("view", f"Only {', '.join(valid[:-1])} and {valid[-1]} views can be shown as slides, "
                                   f"not {parts.path[:60]!r}.", valid)
    query = {k: v for k, v in parse_qs(parts.query, keep_blank_values=True).items() if k != "present"}
    own = "/" + page + ("?" + urlencode(query, doseq=True, safe=",") if query else "")
    return page, query, own


def build_slide(layer: Layer, raw: str) -> dict:
    """The slide of one view address, or ``InvalidChoice`` saying in words why it cannot be read."""
    page, query, own = _split(raw)
    if page == STRATEGIES:
        strategy, notices = parse_strategy(query, layer)
        if notices:
            raise InvalidChoice("view", _("This Strategies view's link could not be read: %(reason)s")
                                % {"reason": " ".join(notices)}, [])
        return {**strategy_slide(layer, strategy), "page_url": own}
    if held_in_browser(urlencode(query, doseq=True), layer):
        return {**text_slide(_("Imported indicator: not drawn on the server"), [_(line) for line in IMPORTED_LINES]),
                "page_url": own}
    try:
        state, _notices = resolve_view(query, layer, strict=True, scope=view_scope(page))
    except InvalidChoice as exc:
        raise InvalidChoice("view", _("This view's link could not be read: %(reason)s") % {"reason": exc.message},
                            exc.valid) from exc
    return {**map_slide(layer, state), "page_url": own}


@slides_api.post("/api/slide")
def slide_with_imported():
    """The slide of a view drawn with the imported lists the presenter's browser sent."""
    try:
        body = loads_or_raise(request.get_data(cache=True), PostedError, what="request body",
                              max_chars=MAX_POSTED_CHARS, max_depth=MAX_POSTED_DEPTH)
    except PostedError as exc:
        return jsonify(InvalidChoice("imported", str(exc), []).as_dict()), 400
    if not isinstance(body, dict) or set(body) - {"view", "imported"}:
        return jsonify(InvalidChoice("view", "The body must be a JSON object {view, imported}.", ["view", "imported"])
                       .as_dict()), 400
    view = str(body.get("view") or "").strip()
    try:
        layer, query = _with_posted(get_layer(), view, body.get("imported"))
        slide = build_slide(layer, view)
    except InvalidChoice as exc:
        return jsonify(exc.as_dict()), 400
    if slide.get("kind") == "map" and slide.get("figure"):
        slide["figure"] = with_organisations(layer, slide["figure"], shown_organisations(layer, query))
    return jsonify(slide)


def _with_posted(layer: Layer, raw: str, imported: object) -> tuple[Layer, dict]:
    """The layer plus the sent lists the view shows: its imported indicator (the list whose content gives the view's
    indicator id) and the cluster organisations drawn over it (``orgs=<id>``); and the view's query."""
    _page, query, _own = _split(raw)
    lists = imported if isinstance(imported, list) else []
    indicator = (query.get("indicator") or [""])[0]
    if held_in_browser(f"indicator={indicator}", layer):
        found = compact_indicators(lists, layer.region_ids)
        layer = with_imported(layer, found[indicator]) if indicator in found else layer
    orgs = (query.get("orgs") or [""])[0]
    if is_imported_id(orgs) and not shown_organisations(layer, query):
        for payload in organisation_layers(lists):
            if imported_id(payload) == orgs:
                layer = with_organisation_list(layer, {**payload, "id": orgs})
                break
    return layer, query


@slides_api.get("/api/slide")
def slide():
    try:
        query = read_query(endpoint("/api/slide"), request.args)
        layer = get_layer()
        body = {**build_slide(layer, query.get("view") or ""), "layer": layer_version(layer)}
    except InvalidChoice as exc:
        return jsonify(exc.as_dict()), 400
    return jsonify(body)
