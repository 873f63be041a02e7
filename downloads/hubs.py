"""``GET /api/hubs.<csv|xlsx|geojson>``: the filtered technology centres as files, formula-safe, with source and
licence in every row (CSV), an about sheet (Excel) or metadata (GeoJSON)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
from flask import Blueprint, Response, jsonify, request

from data.layer import InvalidChoice, get_layer
from data.layer.hubs import LOCATION_NOTE, SOURCE_ID, download_table, filter_hubs, hub_data, parse_query
from data.layer.places import SOURCE as PLACES_SOURCE
from domain.files import file_format
from domain.provenance import layer_version
from downloads.formats import APP_NAME, APP_VERSION, FORMATS, TableDownload, neutralise, table_file
from web.api_registry import endpoint, read_query

hubs_downloads = Blueprint("hubs_downloads", __name__)
TITLE = "Technology centres: European Digital Innovation Hubs catalogue (export of 5 May 2025)"


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Formula-like text neutralised; missing values as None (what the writers expect for an empty cell)."""
    frame = frame.apply(lambda col: col.map(neutralise) if col.dtype == object or pd.api.types.is_string_dtype(col)
                        else col)
    return frame.astype(object).where(frame.notna(), None)


def _sources(layer) -> list[dict]:
    edih, boundaries = layer.sources[SOURCE_ID], layer.sources["gisco_nuts_2021"]
    version = layer_version(layer)
    return [{"title": edih.citation, "licence": f"{edih.licence} ({edih.licence_url})",
             "note": f"data date {edih.published}; Cluster Atlas data layer {version['hash']} built {version['built_at']}"},
            {"title": PLACES_SOURCE, "licence": "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
             "note": "town coordinates"},
            {"title": boundaries.citation, "licence": boundaries.licence, "note": LOCATION_NOTE}]


HUB_FORMATS = {ext: FORMATS[ext] for ext in ("csv", "xlsx", "geojson")}


@hubs_downloads.get("/api/hubs.<fmt>")
def hubs_download(fmt: str):
    try:
        file = file_format(HUB_FORMATS, fmt)
        layer = get_layer()
        data = hub_data(layer)
        hub_filter = parse_query(data, read_query(endpoint("/api/hubs.{format}"), request.args).as_lists())
    except InvalidChoice as exc:
        return jsonify(exc.as_dict()), 400
    table = hub_table(layer, _safe(download_table(layer, filter_hubs(data, hub_filter))),
                      hub_filter.as_dict() or {"none": "all hubs"})
    response = Response(table_file(table, fmt, HUB_FORMATS), mimetype=file.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{table.stem}.{fmt}"'
    return response


def hub_table(layer, frame: pd.DataFrame, filters: dict) -> TableDownload:
    """The filtered hubs as a list for the ``FORMATS`` table: its sources, and the GeoJSON's metadata."""
    stem = "hubs_" + re.sub(r"[^a-z0-9_-]", "", "_".join(filters.values()).lower().replace(" ", "-"))[:60]
    about = {"title": TITLE, "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
             "application": f"{APP_NAME} {APP_VERSION}", "layer": layer_version(layer), "filters": filters,
             "sources": _sources(layer)}
    return TableDownload(frame, TITLE, stem.rstrip("_"), filters, _sources(layer), about=about)
