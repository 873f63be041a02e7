"""``GET /api/values.csv``: the query of ``/api/values`` as CSV, in the downloads' columns and with their
spreadsheet safety (UTF-8 with BOM, text quoted, formula-like text neutralised); a ``class`` column with
``classes``. The layer version travels in the ``X-Atlas-Layer`` header (``web.api_protocol``)."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from data.layer import InvalidChoice, get_layer
from domain.values_query import parse_values_request, values_table
from downloads.formats import FORMATS, csv_text, safe_rows
from web.api_registry import endpoint, read_query

values_csv = Blueprint("values_csv", __name__)


@values_csv.get("/api/values.csv")
def values_as_csv():
    layer = get_layer()
    try:
        query = read_query(endpoint("/api/values.csv"), request.args)
        wanted = parse_values_request(query.values, query.lists, layer)
    except InvalidChoice as exc:
        return jsonify(exc.as_dict()), 400
    rows, _ = values_table(layer, wanted)
    body = csv_text(safe_rows(rows), float_format="%.10g").encode("utf-8-sig")
    names = "_".join(i.state.indicator for i in wanted.indicators[:3]) + ("_more" if len(wanted.indicators) > 3 else "")
    response = Response(body, mimetype=FORMATS["csv"].media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="cluster-atlas_values_{names[:80]}.csv"'
    return response
