"""JSON API: the catalogue, values, the OpenAPI document, the health check and the boundaries.

Every route reads its query through ``web.api_registry.read_query`` (the list the OpenAPI document is written
from), so an unknown or repeated parameter is a 400 naming it; bad values answer 400 ``{error, parameter,
valid}`` and nothing here may answer 500. Views are read by ``domain.view.resolve_view`` in strict mode (the pages'
defaults, so the API and a page give the same view for the same query). Versions, ETags, the pin, CORS and the
error shape of other failures are ``web.api_protocol``'s.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, jsonify, request

from data.layer import (
    InvalidChoice,
    LayerDamagedError,
    LayerMissingError,
    geometry_bytes,
    get_layer,
    indicator_caveat,
    source_of,
    years_with_data,
)
from domain.provenance import layer_version, source_record
from domain.values_query import ValuesRequest, records, values_table
from web.api_protocol import answers_query, values_request
from web.api_registry import endpoint, read_query
from web.openapi import openapi_document, openapi_html

api = Blueprint("api", __name__)
CATALOG_FIELDS = ["indicator_id", "label", "description", "unit", "theme", "source_id", "source_name",
                  "source_code", "levels", "years", "higher_is_better", "nuts_version_of_source",
                  "derivation", "has_eu_reference", "experimental", "caveat"]


def _bad(exc: InvalidChoice):
    return jsonify(exc.as_dict()), 400


@api.get("/api/openapi.json")
def openapi():
    try:
        read_query(endpoint("/api/openapi.json"), request.args)
    except InvalidChoice as exc:
        return _bad(exc)
    return jsonify(openapi_document(get_layer(), request.host_url.rstrip("/")))


@api.get("/api/docs")
def docs():
    return Response(openapi_html(openapi_document(get_layer(), request.host_url.rstrip("/"))), mimetype="text/html")


@api.get("/api/indicators")
def indicators():
    layer = get_layer()
    try:
        query = read_query(endpoint("/api/indicators"), request.args)
        level = _level(query.get("level"))
        themes = query.lists.get("theme", ())
        known = sorted(set(layer.catalog.theme))
        if any(t not in known for t in themes):
            raise InvalidChoice("theme", f"Unknown theme {next(t for t in themes if t not in known)[:40]!r}.", known)
    except InvalidChoice as exc:
        return _bad(exc)
    records_ = []
    for r in layer.catalog[CATALOG_FIELDS].to_dict("records"):
        if (level is not None and level not in r["levels"]) or (themes and r["theme"] not in themes):
            continue
        by_level = {str(lv): years_with_data(layer, r["indicator_id"], lv) for lv in r["levels"]}
        r["years_by_level"] = by_level
        if level is not None:
            r["years"] = by_level[str(level)]
        r["source"] = source_record(layer.sources[r["source_id"]])
        records_.append(r)
    return jsonify({"layer": layer_version(layer), "count": len(records_), "indicators": records_})


def _level(raw: str | None) -> int | None:
    if raw is None:
        return None
    if raw not in ("0", "1", "2", "3"):
        raise InvalidChoice("level", f"level must be 0, 1, 2 or 3, got {raw[:20]!r}.", [0, 1, 2, 3])
    return int(raw)


@api.get("/api/values")
@answers_query("/api/values", parse=values_request)
def values(layer, wanted: ValuesRequest):
    rows, classes = values_table(layer, wanted)
    metas = [layer.indicator(i.state.indicator) for i in wanted.indicators]
    sources = [source_of(layer, i.state.indicator, i.state.level) for i in wanted.indicators]
    body = {
        "layer": layer_version(layer),
        "query": wanted.normalised(),
        "indicators": [{"id": m["indicator_id"], "label": m["label"], "unit": m["unit"], "level": i.state.level,
                        "years": list(i.years), "source_id": src.id, "higher_is_better": m["higher_is_better"],
                        "caveat": indicator_caveat(layer, m["indicator_id"])}
                       for m, i, src in zip(metas, wanted.indicators, sources)],
        "sources": [source_record(src) for src in {src.id: src for src in sources}.values()],
        "count": len(rows),
        "values": records(rows),
    }
    if classes is not None:
        body["classes"] = classes
    return jsonify(body)


@api.get("/healthz")
def healthz():
    try:
        layer = get_layer()
    except LayerDamagedError as exc:
        return jsonify({"status": "degraded", "reason": str(exc), "layer_built_at": None, "layer_hash": None}), 503
    except LayerMissingError:
        return jsonify({"status": "no data layer", "layer_built_at": None, "layer_hash": None}), 503
    stamp = {"layer_built_at": layer.manifest["built_at"], "layer_hash": layer.manifest["layer_hash"]}
    problems = layer.integrity.problems()
    if problems:  # a file read after start (geometry, search index) is not the one verified at start
        return jsonify({"status": "degraded", "reason": "; ".join(problems), **stamp}), 503
    return jsonify({"status": "ok", **stamp})


@api.get("/geo/nuts<int:level>.geojson")
def geometry(level: int):
    """Simplified geometry of one NUTS level; cached by the browser, never inside a figure."""
    if level not in (0, 1, 2, 3):
        abort(404)
    try:
        read_query(endpoint("/geo/nuts{level}.geojson"), request.args)
    except InvalidChoice as exc:
        return _bad(exc)
    layer = get_layer()
    response = Response(geometry_bytes(layer, level), mimetype="application/geo+json")
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response
