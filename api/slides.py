"""``GET /api/slide?view=<relative view URL>``: one storyboard view as a slide for the browser's slide show.

The show (``assets/20_present.js``) asks for every view of the storyboard when it starts and then switches slides
without asking the server again. A view is read as the meeting pack reads it (``exports.pack.pack_views``): a
Strategies view by ``parse_strategy``, a map view by ``resolve_view`` with its page's scope, an imported
indicator held in a browser as a text slide saying why it is not drawn. A view this server cannot read is a 400
``{error, parameter: "view", valid}`` in words the show displays as they are.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

from flask import Blueprint, jsonify, request

from data.layer import BadParameter, Layer, get_layer
from domain.provenance import layer_version
from domain.strategy import parse_strategy
from domain.view import held_in_browser, resolve_view
from figures.slides import map_slide, strategy_slide, text_slide
from web.api_registry import endpoint, read_query
from web.pages import slugs_with, view_scope

slides_api = Blueprint("slides_api", __name__)
STRATEGIES = "strategies"
MAX_VIEW_CHARS = 2000
IMPORTED_LINES = (
    "This view maps an indicator imported into the presenter's browser. Imported lists never leave that browser, "
    "so the server cannot draw it as a slide.",
    "Press Esc to open the view itself: in the browser that holds the list it is drawn with the list's own source "
    "and licence.",
)


def _split(raw: str) -> tuple[str, dict, str]:
    """(page, query as a dict of lists, the view's own address without ``present``) of a same-origin view path."""
    pages = slugs_with("in_pack")
    valid = [f"/{name}" for name in pages]
    if not raw:
        raise BadParameter("view", "Parameter 'view' is required: the address of a view, such as "
                                   "/technology?indicator=desi_ai&level=0.", valid)
    parts = urlsplit(raw)
    if len(raw) > MAX_VIEW_CHARS or not raw.startswith("/") or raw.startswith("//") or "\\" in raw \
            or parts.scheme or parts.netloc:
        raise BadParameter("view", "The view must be an address on this site starting with a single '/', "
                                   f"at most {MAX_VIEW_CHARS} characters.", valid)
    page = parts.path.strip("/")
    if page not in pages:
        raise BadParameter("view", f"Only {', '.join(valid[:-1])} and {valid[-1]} views can be shown as slides, "
                                   f"not {parts.path[:60]!r}.", valid)
    query = {k: v for k, v in parse_qs(parts.query, keep_blank_values=True).items() if k != "present"}
    own = "/" + page + ("?" + urlencode(query, doseq=True, safe=",") if query else "")
    return page, query, own


def build_slide(layer: Layer, raw: str) -> dict:
    """The slide of one view address, or ``BadParameter`` saying in words why it cannot be read."""
    page, query, own = _split(raw)
    if page == STRATEGIES:
        strategy, notices = parse_strategy(query, layer)
        if notices:
            raise BadParameter("view", "This Strategies view's link could not be read: " + " ".join(notices), [])
        return {**strategy_slide(layer, strategy), "page_url": own}
    if held_in_browser(urlencode(query, doseq=True), layer):
        return {**text_slide("Imported indicator: not drawn on the server", list(IMPORTED_LINES)), "page_url": own}
    try:
        state, _ = resolve_view(query, layer, strict=True, scope=view_scope(page))
    except BadParameter as exc:
        raise BadParameter("view", f"This view's link could not be read: {exc.message}", exc.valid) from exc
    return {**map_slide(layer, state), "page_url": own}


@slides_api.get("/api/slide")
def slide():
    try:
        query = read_query(endpoint("/api/slide"), request.args)
        layer = get_layer()
        body = {**build_slide(layer, query.get("view") or ""), "layer": layer_version(layer)}
    except BadParameter as exc:
        return jsonify(exc.as_dict()), 400
    return jsonify(body)
