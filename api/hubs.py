"""Technology centres: ``GET /api/hubs`` (JSON); the same filtered list as files is in ``downloads/hubs.py``.

Query: ``country`` (NUTS-style codes, e.g. DE, EL), ``technology`` (the catalogue's labels), ``min_intensity``
(1-5, for the technology, or for any technology when none is given), ``type`` (EDIH, Seal of Excellence, DIH);
several values repeated or comma-separated. Bad parameters answer 400 ``{error, parameter, valid}``. Each hub
carries every field of the CSV download, technologies, services and sectors as lists.
"""

from __future__ import annotations

import pandas as pd
from flask import Blueprint, jsonify, request

from data.layer import InvalidChoice, get_layer
from data.layer.hubs import LISTS, LOCATION_NOTE, SOURCE_ID, download_table, filter_hubs, hub_data, listed_by_hub, parse_query
from domain.provenance import layer_version, source_record
from domain.rows import plain_records
from web.api_registry import endpoint, read_query

hubs_api = Blueprint("hubs_api", __name__)


def hub_api_records(layer, hubs: pd.DataFrame) -> list[dict]:
    """Every field of the CSV download (``data.layer.hubs.DOWNLOAD_COLUMNS``), with technologies, services and sectors as
    lists of {name, intensity} (strongest first) instead of the file's joined text."""
    data = hub_data(layer)
    lists = {kind: listed_by_hub(data, kind, hubs.hub_id) for kind in LISTS}
    table = download_table(layer, hubs)
    out = []
    for record in plain_records(table):
        record.update({name: by_hub.get(record["hub_id"], []) for name, by_hub in lists.items()})
        record["lat"] = None if record["lat"] is None else float(record["lat"])
        record["lon"] = None if record["lon"] is None else float(record["lon"])
        record["website"] = record["website"] or None
        out.append(record)
    return out


def _bad(exc: InvalidChoice):
    return jsonify(exc.as_dict()), 400


@hubs_api.get("/api/hubs")
def hubs():
    try:
        layer = get_layer()
        data = hub_data(layer)
        hub_filter = parse_query(data, read_query(endpoint("/api/hubs"), request.args).as_lists())
        frame = filter_hubs(data, hub_filter)
    except InvalidChoice as exc:
        return _bad(exc)
    source = layer.sources[SOURCE_ID]
    return jsonify({"layer": layer_version(layer), "count": len(frame), "filters": hub_filter.as_dict(),
                    "hubs": hub_api_records(layer, frame),
                    "attribution": {"source": source.citation, "licence": source.licence,
                                    "licence_spdx": source_record(source)["licence_spdx"],
                                    "data_date": source.published, "location": LOCATION_NOTE}})
