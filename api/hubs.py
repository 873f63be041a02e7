"""Technology centres: ``GET /api/hubs`` (JSON); the same filtered list as files is in ``downloads/hubs.py``.

Query: ``country`` (NUTS-style codes, e.g. DE, EL), ``technology`` (the catalogue's labels), ``min_intensity``
(1-5, for the technology, or for any technology when none is given), ``type`` (EDIH, Seal of Excellence, DIH);
several values repeated or comma-separated. Bad parameters answer 400 ``{error, parameter, valid}``. Each hub
carries every field of the CSV download, technologies, services and sectors as lists.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from data.hubs import LOCATION_NOTE, SOURCE_ID, filter_hubs, hub_data, hub_records, parse_query
from data.layer import BadParameter, get_layer
from domain.provenance import layer_version, source_record
from web.api_registry import endpoint, read_query

hubs_api = Blueprint("hubs_api", __name__)


def _bad(exc: BadParameter):
    return jsonify(exc.as_dict()), 400


@hubs_api.get("/api/hubs")
def hubs():
    try:
        layer = get_layer()
        data = hub_data(layer)
        hub_filter = parse_query(data, read_query(endpoint("/api/hubs"), request.args).as_lists())
        frame = filter_hubs(data, hub_filter)
    except BadParameter as exc:
        return _bad(exc)
    source = layer.sources[SOURCE_ID]
    return jsonify({"layer": layer_version(layer), "count": len(frame), "filters": hub_filter.as_dict(),
                    "hubs": hub_records(layer, frame),
                    "attribution": {"source": source.citation, "licence": source.licence,
                                    "licence_spdx": source_record(source)["licence_spdx"],
                                    "data_date": source.published, "location": LOCATION_NOTE}})
