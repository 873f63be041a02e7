"""``GET /api/change?indicator=&level=&from=&to=``: every region's values in two years and their change.

The same rules as ``/api/values`` (a bad parameter is a 400 ``{error, parameter, valid}``); a region without a value
in either year has ``change: null`` (no data, never 0); a year pair that is not one series is a 400 saying why.
"""

from __future__ import annotations

from flask import Blueprint, jsonify

from data.layer import source_of
from domain.change import change_values
from domain.provenance import layer_version, source_record
from domain.view import default_level
from web.api_protocol import answers_query
from web.api_registry import Query

change_api = Blueprint("change_api", __name__)


@change_api.get("/api/change")
@answers_query("/api/change")
def change(layer, query: Query):
    indicator = query.get("indicator") or ""
    level = query.get("level") or default_level(list(layer.indicator(indicator)["levels"]))
    view = change_values(layer, indicator, level, query.get("from"), query.get("to"))
    source = source_of(layer, indicator, view.level)
    return jsonify({
        "layer": layer_version(layer), "sources": [source_record(source)],
        "indicator": view.indicator_id, "label": view.label, "level": view.level, "from": view.from_year,
        "to": view.to_year, "unit": view.unit, "change_unit": view.change_unit, "change_pct_unit": "%",
        "source": {"id": source.id, "name": source.short_name, "citation": source.citation, "licence": source.licence},
        "values": [{"nuts_id": r.nuts_id, "name": r.name, "from_value": r.from_value, "to_value": r.to_value,
                    "change": r.change, "change_pct": r.change_pct} for r in view.rows],
    })
