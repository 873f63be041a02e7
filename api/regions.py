"""``GET /api/regions?q=&limit=``: find regions by the names people type (used by every search box)."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from data.layer import BadParameter, get_layer
from domain.region_search import MAX_LIMIT, MAX_QUERY, region_search_for

regions_api = Blueprint("regions_api", __name__)
PARAMETERS = ["q", "limit"]


@regions_api.get("/api/regions")
def regions():
    try:
        query, limit = _parse(request.args)
    except BadParameter as exc:
        return jsonify(exc.as_dict()), 400
    hits = region_search_for(get_layer()).search(query, limit)
    return jsonify({"query": query, "regions": [h.as_dict() for h in hits]})


def _parse(args) -> tuple[str, int]:
    unknown = sorted(set(args) - set(PARAMETERS))
    if unknown:
        raise BadParameter(unknown[0], f"Unknown parameter {unknown[0][:40]!r}.", PARAMETERS)
    query = (args.get("q") or "").strip()
    if not query:
        raise BadParameter("q", "Parameter 'q' is required: a region, country or town name, or a NUTS code.")
    if len(query) > MAX_QUERY:
        raise BadParameter("q", f"'q' is at most {MAX_QUERY} characters.")
    raw = (args.get("limit") or "10").strip()
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_LIMIT:
        raise BadParameter("limit", f"'limit' must be a whole number from 1 to {MAX_LIMIT}, got {raw[:20]!r}.",
                           [1, MAX_LIMIT])
    return query, int(raw)
