"""JSON API: the catalogue, map values and the health check.

Bad parameters answer 400 with ``{error, parameter, valid}``; nothing here
may answer 500: a query is read by ``domain.view.resolve_view`` in strict mode (the pages' defaults, so
the API and a page give the same view for the same query) and values through ``data.layer.map_values``.
"""

from __future__ import annotations

import math

from flask import Blueprint, Response, abort, jsonify, request

from data.layer import (
    BadParameter,
    LayerDamagedError,
    LayerMissingError,
    geometry_bytes,
    get_layer,
    indicator_caveat,
    map_values,
    source_of,
)
from data.pools import merged_areas
from domain.view import resolve_view

api = Blueprint("api", __name__)
CATALOG_FIELDS = ["indicator_id", "label", "description", "unit", "theme", "source_id", "source_name",
                  "source_code", "levels", "years", "higher_is_better", "nuts_version_of_source",
                  "derivation", "has_eu_reference", "experimental", "caveat"]


def _bad(exc: BadParameter):
    return jsonify(exc.as_dict()), 400


@api.get("/api/indicators")
def indicators():
    layer = get_layer()
    records = layer.catalog[CATALOG_FIELDS].to_dict("records")
    for r in records:
        source = layer.sources[r["source_id"]]
        r["source"] = {"title": source.title, "publisher": source.publisher, "licence": source.licence,
                       "citation": source.citation, "url": source.landing_page}
    return jsonify({"count": len(records), "indicators": records})


@api.get("/api/values")
def values():
    args = request.args
    unknown = sorted(set(args) - {"indicator", "level", "year"})
    if unknown:
        return _bad(BadParameter(unknown[0], f"Unknown parameter {unknown[0]!r}.", ["indicator", "level", "year"]))
    if not args.get("indicator"):
        layer = get_layer()
        return _bad(BadParameter("indicator", "Parameter 'indicator' is required.", sorted(layer.catalog.indicator_id)))
    layer = get_layer()
    try:
        state, _ = resolve_view(args.to_dict(flat=False), layer, strict=True)
        meta, level, year, frame = map_values(layer, state.indicator, state.level, state.year)
    except BadParameter as exc:
        return _bad(exc)
    source = source_of(layer, meta["indicator_id"], level)
    areas = merged_areas(frame)
    return jsonify({
        "indicator": meta["indicator_id"],
        "label": meta["label"],
        "unit": meta["unit"],
        "level": level,
        "year": year,
        "source": {"id": source.id, "name": source.short_name, "citation": source.citation, "licence": source.licence,
                   "caveat": indicator_caveat(layer, meta["indicator_id"])},
        "values": [_value_row(r, areas) for r in frame.itertuples()],
    })


def _value_row(r, areas: dict[str, str]) -> dict:
    """One region of /api/values. ``merged_area`` names the area whose value a member region shows (RCI capitals
    with their commuting belt: flag ``merged_area``, never the region's own value); null otherwise."""
    value = None if r.value is None or (isinstance(r.value, float) and math.isnan(r.value)) else float(r.value)
    area = areas.get(r.nuts_id)
    return {"nuts_id": r.nuts_id, "name": r.name, "value": value, "merged_area": area,
            "note": (r.note or "") if area else ""}


@api.get("/healthz")
def healthz():
    try:
        layer = get_layer()
    except LayerDamagedError as exc:
        return jsonify({"status": "degraded", "reason": str(exc), "layer_built_at": None, "layer_hash": None}), 503
    except LayerMissingError:
        return jsonify({"status": "no data layer", "layer_built_at": None, "layer_hash": None}), 503
    return jsonify({"status": "ok", "layer_built_at": layer.manifest["built_at"], "layer_hash": layer.manifest["layer_hash"]})


@api.get("/geo/nuts<int:level>.geojson")
def geometry(level: int):
    """Simplified geometry of one NUTS level; cached by the browser, never inside a figure."""
    if level not in (0, 1, 2, 3):
        abort(404)
    layer = get_layer()
    response = Response(geometry_bytes(layer, level), mimetype="application/geo+json")
    response.set_etag(f"{layer.manifest['layer_hash'][:16]}-{level}")
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response.make_conditional(request)
