"""``GET /download/<page>.<csv|xlsx|geojson|zip>?<the page's query>``."""

from __future__ import annotations

import re

from flask import Blueprint, Response, jsonify, request

from data.layer import BadParameter, get_layer
from downloads.formats import to_csv, to_geojson, to_xlsx, to_zip
from downloads.views import build_download_view

downloads = Blueprint("downloads", __name__)
MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
    "zip": "application/zip",
}


@downloads.get("/download/<page>.<fmt>")
def download(page: str, fmt: str):
    if fmt not in MIMETYPES:
        return jsonify({"error": f"Unknown format {fmt[:10]!r}.", "parameter": "format", "valid": list(MIMETYPES)}), 400
    layer = get_layer()
    try:
        view = build_download_view(page, request.args.to_dict(flat=False), layer, base_url=request.host_url.rstrip("/"))
    except BadParameter as exc:
        return jsonify(exc.as_dict()), 400
    body = {"csv": to_csv, "xlsx": to_xlsx, "zip": to_zip}.get(fmt, lambda v: to_geojson(v, layer))(view)
    year = "all-years" if view.all_years else str(view.state.year)
    name = re.sub(r"[^a-z0-9_-]", "", f"cluster-atlas_{view.state.indicator}_nuts{view.state.level}_{year}")
    response = Response(body, mimetype=MIMETYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
