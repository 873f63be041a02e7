"""Technology centres: ``GET /api/hubs`` (JSON); the same filtered list as files is in ``downloads/hubs.py``.

Query: ``country`` (NUTS-style codes, e.g. DE, EL), ``technology`` (the catalogue's labels), ``min_intensity``
(1-5, for the technology, or for any technology when none is given), ``type`` (EDIH, Seal of Excellence, DIH);
several values comma-separated. Bad parameters answer 400 ``{error, parameter, valid}``. Files are formula-safe
(the download writers' neutralisation) and name the source and licence of every row.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from data.hubs import LOCATION_NOTE, SOURCE_ID, filter_hubs, hub_data, hub_records, parse_query
from data.layer import BadParameter, get_layer

hubs_api = Blueprint("hubs_api", __name__)


def _bad(exc: BadParameter):
    return jsonify(exc.as_dict()), 400


def filtered_hubs():
    """(layer, filter, hubs) for the request's query; BadParameter names the valid choices."""
    layer = get_layer()
    data = hub_data(layer)
    hub_filter = parse_query(data, request.args.to_dict(flat=False))
    return layer, hub_filter, filter_hubs(data, hub_filter)


@hubs_api.get("/api/hubs")
def hubs():
    try:
        layer, hub_filter, frame = filtered_hubs()
    except BadParameter as exc:
        return _bad(exc)
    source = layer.sources[SOURCE_ID]
    return jsonify({"count": len(frame), "filters": hub_filter.as_dict(), "hubs": hub_records(layer, frame),
                    "attribution": {"source": source.citation, "licence": source.licence,
                                    "location": LOCATION_NOTE}})
