"""``GET /download/<page>.<csv|xlsx|geojson|zip>?<the page's query>``."""

from __future__ import annotations

import re

from flask import Blueprint, Response, current_app, jsonify, request

from data.layer import InvalidChoice, get_layer
from domain.files import file_format
from domain.s3 import partners
from domain.strategy import parse_strategy
from downloads.formats import FORMATS, TableDownload, table_file
from downloads.views import build_download_view
from web.api_registry import endpoint, read_query
from web.cache import cache_key, cached_file, normalised_query, remember

downloads = Blueprint("downloads", __name__)
# Which parameter a Strategies notice is about (``domain.strategy.parse_strategy`` words them).
NOTICE_PARAMETERS = (("domain", "Unknown domain"), ("evidence", "evidence indicators"),
                     ("per_country", "Partners per country"), ("region", "region"))


@downloads.get("/download/partners.csv")
def partner_list():
    """The Strategies page's partner list for a region and domain, as CSV."""
    layer = get_layer()
    try:
        query = read_query(endpoint("/download/partners.csv"), request.args)
    except InvalidChoice as exc:
        return jsonify(exc.as_dict()), 400
    view, notices = parse_strategy({k: v[0] for k, v in query.as_lists().items()}, layer)
    if notices or not view["region"]:
        text = " ".join(notices)
        parameter = next((name for name, word in NOTICE_PARAMETERS if word in text), "region")
        return jsonify({"error": text or "Parameter 'region' (a NUTS 2 code) is required.",
                        "parameter": parameter, "valid": []}), 400
    table = partners(layer, view["region"], view["evidence"], eu_only=view["eu_only"],
                     per_country=view["per_country"])
    table = table[["rank", "nuts_id", "name", "fit", "score", "n_evidence", "complements"]].assign(
        domain=view["domain"], evidence=",".join(view["evidence"]), partner_of=view["region"])
    partner_list = TableDownload(table, f"Partner regions of {view['region']}", f"partners_{view['region']}_{view['domain']}",
                                 float_format="%.4g")
    response = Response(table_file(partner_list, "csv"), mimetype=FORMATS["csv"].media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{partner_list.stem}.csv"'
    return response


@downloads.get("/download/<page>.<fmt>")
def download(page: str, fmt: str):
    """A page's view as a file; an unknown page, format or parameter is a 400 naming the valid choices."""
    layer = get_layer()
    try:
        file = file_format(FORMATS, fmt)
        query = read_query(endpoint("/download/{page}.{format}"), request.args).as_lists()
    except InvalidChoice as exc:
        return jsonify(exc.as_dict()), 400
    key = cache_key(f"download-{page}", layer, normalised_query({**query, "_base": request.host_url}), fmt)
    hit = cached_file(key)
    if hit:
        name, body = hit
    else:
        try:
            view = build_download_view(page, query, layer, base_url=request.host_url.rstrip("/"))
        except InvalidChoice as exc:
            return jsonify(exc.as_dict()), 400
        body = file.write(view, layer)
        name = re.sub(r"[^a-z0-9_-]", "", view.file_stem)
        remember(key, body, current_app.config["ATLAS_CACHE_MAX_ENTRY_BYTES"], name)
    response = Response(body, mimetype=file.media_type)
    response.headers["X-Cache"] = "hit" if hit else "miss"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
