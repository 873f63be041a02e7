"""``GET /api/regions?q=&limit=``: find regions by the names people type (used by every search box), and
``GET /api/nuts?code=&from=``: the NUTS 2021 successors of a code of any version.

An older code typed in the search (HR04, NO01, IE02) finds its NUTS 2021 successors first, each saying how it
relates (``domain.nuts_history``, from the change table and matrices the layer is recoded with).
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from data.layer import InvalidChoice, get_layer
from domain.nuts_history import code_lineage, lineage_record
from domain.provenance import layer_version
from domain.region_search import MAX_LIMIT, MAX_QUERY, region_search_for
from web.api_registry import Query, endpoint, read_query

regions_api = Blueprint("regions_api", __name__)


@regions_api.get("/api/regions")
def regions():
    layer = get_layer()
    try:
        query, limit = _parse(read_query(endpoint("/api/regions"), request.args))
    except InvalidChoice as exc:
        return jsonify(exc.as_dict()), 400
    hits = [h.as_dict() for h in region_search_for(layer).search(query, limit)]
    former = _successors(layer, query)
    if former:
        found = {h["nuts_id"] for h in former}
        hits = (former + [h for h in hits if h["nuts_id"] not in found])[:limit]
    return jsonify({"layer": layer_version(layer), "query": query, "regions": hits})


def _successors(layer, query: str) -> list[dict]:
    """The 2021 successors of an older code typed as the query (nothing for a current code or a name)."""
    code = query.strip().upper()
    if code in layer.region_ids or len(code) > 5 or " " in code:
        return []
    try:
        item = lineage_record(layer, code_lineage(layer, code))
    except (InvalidChoice, LookupError):
        return []
    return [{"nuts_id": s["nuts_id"], "name": s["name"], "level": s["level"], "country": s["nuts_id"][:2],
             "matched": f"former code {item['code']} (NUTS {item['from']}): {item['relation'].replace('_', ' ')}",
             "former_code": item["code"], "relation": item["relation"]} for s in item["successors"]]


def _parse(query: Query) -> tuple[str, int]:
    text = query.get("q") or ""
    if len(text) > MAX_QUERY:
        raise InvalidChoice("q", f"'q' is at most {MAX_QUERY} characters.", [])
    raw = query.get("limit") or "10"
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_LIMIT:
        raise InvalidChoice("limit", f"'limit' must be a whole number from 1 to {MAX_LIMIT}, got {raw[:20]!r}.",
                           list(range(1, MAX_LIMIT + 1)))
    return text, int(raw)


@regions_api.get("/api/nuts")
def nuts():
    layer = get_layer()
    try:
        query = read_query(endpoint("/api/nuts"), request.args)
        raw_from = query.get("from")
        version = None
        if raw_from is not None:
            if raw_from not in ("2006", "2010", "2013", "2016", "2021", "2024"):
                raise InvalidChoice("from", f"'from' is a NUTS version, got {raw_from[:10]!r}.",
                                   [2006, 2010, 2013, 2016, 2021, 2024])
            version = int(raw_from)
        item = code_lineage(layer, query.get("code") or "", version)
    except InvalidChoice as exc:
        return jsonify(exc.as_dict()), 400
    except LookupError:
        return jsonify({"error": f"{query.get('code', '')[:10]!r} is in no NUTS version 2006-2024 (official code "
                                 "lists).", "parameter": "code", "valid": []}), 404
    return jsonify({"layer": layer_version(layer), **lineage_record(layer, item)})
