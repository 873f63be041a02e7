"""``GET /export/<page>.<png|svg|pdf>?<page query>`` and ``GET|POST /export/pack.pdf``."""

from __future__ import annotations

import datetime as dt
import json
import re

from flask import Blueprint, Response, jsonify, request

from data.layer import InvalidChoice, get_layer
from domain.brief import resolve_region_code
from domain.files import file_format
from exports.brief_deck import brief_pdf, brief_pptx
from exports.formats import DOCUMENT_FORMATS, FORMATS
from exports.pack import StoryboardError, build_pack, build_pack_deck, build_view_pdf, parse_storyboard
from exports.render import ExportError
from exports.sent import SentDataError, parse_sent, with_sent
from figures.static_map import static_map, with_geometry
from kinds import kind_of
from web.cache import normalised_query
from web.render_pool import render_cached

exports = Blueprint("exports", __name__)
MAX_STORYBOARD_BYTES = 200_000


def _file(body: bytes, fmt: str, name: str, from_cache: bool = False, media_type: str = "") -> Response:
    response = Response(body, mimetype=media_type or FORMATS[fmt].media_type)
    response.headers["X-Cache"] = "hit" if from_cache else "miss"
    safe = re.sub(r"[^A-Za-z0-9_.-]", "", name)
    response.headers["Content-Disposition"] = f'attachment; filename="{safe}.{fmt}"'
    return response


@exports.route("/export/pack.<fmt>", methods=["GET", "POST"])
def pack(fmt: str):
    """The storyboard as one PDF or an editable PowerPoint (form field ``storyboard`` or ``?story=`` token); a POST
    may add the imported lists its views show (form field ``imported``, see exports/sent.py)."""
    raw = request.form.get("storyboard") or request.args.get("story") or (request.get_data(as_text=True) or "")
    if len(raw) > MAX_STORYBOARD_BYTES:
        return jsonify({"error": "storyboard too large", "parameter": "storyboard", "valid": []}), 413
    try:
        file = file_format(DOCUMENT_FORMATS, fmt)
        board = parse_storyboard(raw)
        base = get_layer()
        layer, sent = with_sent(base, board, parse_sent(request.form.get("imported")))
        base_url = request.host_url.rstrip("/")
        query = json.dumps({"board": board, "date": dt.date.today().isoformat(), "base": base_url, "imported": sent},
                           sort_keys=True)
        make = (lambda: build_pack(layer, board)) if fmt == "pdf" else (lambda: build_pack_deck(layer, board, base_url))
        body, hit = render_cached("pack", base, query, fmt, make)
    except InvalidChoice as exc:
        return jsonify(exc.as_dict()), 400
    except StoryboardError as exc:
        return jsonify({"error": str(exc), "parameter": "storyboard", "valid": []}), 400
    except SentDataError as exc:
        return jsonify({"error": str(exc), "parameter": "imported", "valid": []}), 400
    except ExportError as exc:
        return jsonify({"error": str(exc)}), 503
    return _file(body, file.extension, "cluster-atlas-meeting-pack", hit, file.media_type)


@exports.get("/export/brief/<nuts_id>.<fmt>")
def brief(nuts_id: str, fmt: str):
    """A region brief (2–4 pages) as PDF or editable PowerPoint; older NUTS codes of the same territory resolve."""
    layer = get_layer()
    try:
        file = file_format(DOCUMENT_FORMATS, fmt)
        code, _notice = resolve_region_code(layer, nuts_id)
    except InvalidChoice as exc:
        return jsonify(exc.as_dict()), 404 if exc.parameter == "region" else 400
    link = f"{request.host_url.rstrip('/')}/brief/{code}"
    # The brief's figures are gathered while Chromium starts (they take about as long).
    make = (lambda: brief_pdf(layer, code, link)) if fmt == "pdf" else (lambda: brief_pptx(layer, code, link))
    try:
        body, hit = render_cached("brief", layer, json.dumps({"region": code, "link": link, "date": dt.date.today().isoformat()}),
                                  fmt, make)
    except ExportError as exc:
        return jsonify({"error": str(exc)}), 503
    return _file(body, file.extension, f"cluster-atlas-brief_{code}", hit, file.media_type)


@exports.get("/export/<page>.<fmt>")
def export(page: str, fmt: str):
    """A map page's view as a static file; an unknown page, format or parameter is a 400."""
    layer = get_layer()
    try:
        kind = kind_of(page, "exportable")
        file = file_format(FORMATS, fmt)
        state = kind.parse(layer, page, request.args.to_dict(flat=False))
    except InvalidChoice as exc:
        return jsonify(exc.as_dict()), 400
    # A PDF is the view as a tagged one-page document (exports/pack.py); PNG and SVG are the figure itself.
    make = ((lambda: build_view_pdf(layer, state)) if fmt == "pdf"
            else (lambda: file.write([with_geometry(layer, static_map(layer, state, lazy=True))])[0]))
    try:
        body, hit = render_cached("export", layer, normalised_query({"page": page, **state.to_dict()}), fmt, make)
    except ExportError as exc:
        return jsonify({"error": str(exc)}), 503
    return _file(body, fmt, f"cluster-atlas_{state.indicator}_nuts{state.level}_{state.year}", hit)
