"""``GET /api/values.csv``: the query of ``/api/values`` as CSV, in the downloads' columns and with their
spreadsheet safety (UTF-8 with BOM, text quoted, formula-like text neutralised); a ``class`` column with
``classes``. The layer version travels in the ``X-Atlas-Layer`` header (``web.api_protocol``)."""

from __future__ import annotations

from flask import Blueprint, Response

from domain.values_query import ValuesRequest, values_table
from downloads.formats import FORMATS, csv_text, safe_rows
from web.api_protocol import answers_query, values_request

values_csv = Blueprint("values_csv", __name__)


@values_csv.get("/api/values.csv")
@answers_query("/api/values.csv", parse=values_request)
def values_as_csv(layer, wanted: ValuesRequest):
    rows, _ = values_table(layer, wanted)
    body = csv_text(safe_rows(rows), float_format="%.10g").encode("utf-8-sig")
    names = "_".join(i.state.indicator for i in wanted.indicators[:3]) + ("_more" if len(wanted.indicators) > 3 else "")
    response = Response(body, mimetype=FORMATS["csv"].media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="cluster-atlas_values_{names[:80]}.csv"'
    return response
