"""``GET /export/<page>.<png|svg|pdf>?<page query>`` and ``GET|POST /export/pack.pdf``."""

from __future__ import annotations

import datetime as dt
import json
import re

from flask import Blueprint, Response, jsonify, request

from data.layer import BadParameter, get_layer
from domain.files import file_format
from domain.view import resolve_view
from exports.formats import FORMATS
from exports.pack import StoryboardError, build_pack, parse_storyboard
from exports.render import ExportError
from figures.static_map import static_map
from web.cache import normalised_query
from web.pages import page_with, view_scope
from web.render_pool import render_cached

exports = Blueprint("exports", __name__)
MAX_STORYBOARD_BYTES = 200_000


def _file(body: bytes, fmt: str, name: str, from_cache: bool = False) -> Response:
    response = Response(body, mimetype=FORMATS[fmt].media_type)
    response.headers["X-Cache"] = "hit" if from_cache else "miss"
    safe = re.sub(r"[^A-Za-z0-9_.-]", "", name)
    response.headers["Content-Disposition"] = f'attachment; filename="{safe}.{fmt}"'
    return response


@exports.route("/export/pack.pdf", methods=["GET", "POST"])
def pack():
    raw = request.form.get("storyboard") or request.args.get("story") or (request.get_data(as_text=True) or "")
    if len(raw) > MAX_STORYBOARD_BYTES:
        return jsonify({"error": "storyboard too large", "parameter": "storyboard", "valid": []}), 413
    try:
        board = parse_storyboard(raw)
        layer = get_layer()
        query = json.dumps({"board": board, "date": dt.date.today().isoformat()}, sort_keys=True)
        body, hit = render_cached("pack", layer, query, "pdf", lambda: build_pack(layer, board))
    except StoryboardError as exc:
        return jsonify({"error": str(exc), "parameter": "storyboard", "valid": []}), 400
    except ExportError as exc:
        return jsonify({"error": str(exc)}), 503
    return _file(body, "pdf", "cluster-atlas-meeting-pack", hit)


@exports.get("/export/<page>.<fmt>")
def export(page: str, fmt: str):
    """A map page's view as a static file; an unknown page, format or parameter is a 400."""
    layer = get_layer()
    try:
        page_with(page, "exportable")
        file = file_format(FORMATS, fmt)
        state, _ = resolve_view(request.args.to_dict(flat=False), layer, strict=True, scope=view_scope(page))
    except BadParameter as exc:
        return jsonify(exc.as_dict()), 400
    try:
        body, hit = render_cached("export", layer, normalised_query({"page": page, **state.to_dict()}), fmt,
                                  lambda: file.write([static_map(layer, state)])[0])
    except ExportError as exc:
        return jsonify({"error": str(exc)}), 503
    return _file(body, fmt, f"cluster-atlas_{state.indicator}_nuts{state.level}_{state.year}", hit)
