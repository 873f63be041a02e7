"""The OpenAPI 3.1 document of the read-only endpoints, written from ``web.api_registry`` (the list the routes
validate their queries with), and the same document as a plain server-rendered HTML page (no script, no CDN).

Where a parameter's valid values come from the data (indicator ids, themes, countries), the document lists the
ones the loaded layer holds: the same lists the validators answer a 400 with.
"""

from __future__ import annotations

import html
import json
from urllib.parse import quote

from data.layer import Layer
from domain.classify import METHODS
from domain.provenance import NUTS_VERSION, layer_version
from web.api_registry import COMMON_ERRORS, ENDPOINTS, ERRORS, LANGUAGE, MAX_LIST_VALUES, Endpoint, Parameter

TITLE = "Cluster Atlas API"
LAYER_ENUMS = {
    ("/api/values", "indicator"): lambda layer: sorted(layer.catalog.indicator_id),
    ("/download/{page}.{format}", "indicator"): lambda layer: sorted(layer.catalog.indicator_id),
    ("/api/indicators", "theme"): lambda layer: sorted(set(layer.catalog.theme)),
    ("/api/values", "country"): lambda layer: sorted(set(layer.regions.country)),
}

_NULLABLE_NUMBER = {"type": ["number", "null"]}
_TEXT = {"type": "string"}
SCHEMAS: dict[str, dict] = {
    "Error": {
        "type": "object", "required": ["error", "parameter", "valid"], "additionalProperties": False,
        "description": "Every failure of /api, /download and /geo.",
        "properties": {
            "error": {"type": "string", "description": "What is wrong and what to do, in words."},
            "parameter": {"type": ["string", "null"], "description": "The parameter at fault (`path` for an unknown "
                          "address, `method` for a refused method), or null."},
            "valid": {"type": "array", "description": "The accepted values of that parameter, or empty when they "
                      "cannot be listed (free text, codes: see `error`)."}},
        "examples": [{"error": "Parameter 'year' is given 2 times; it takes one value (only indicator, region, "
                      "country parameters take several).", "parameter": "year", "valid": []}]},
    "LayerVersion": {
        "type": "object", "required": ["hash", "built_at", "nuts_version"],
        "description": "The data layer that made the answer: cite it; send `hash` back as `layer=` to pin.",
        "properties": {"hash": {"type": "string"}, "built_at": {"type": "string", "format": "date-time"},
                       "nuts_version": {"type": "integer", "const": NUTS_VERSION}},
        "examples": [{"hash": "63ff2abd6c5d8bf2999eb9998175111ff77d6321f644c84c5d9077f857719455",
                      "built_at": "2026-12-07T11:47:44+00:00", "nuts_version": NUTS_VERSION}]},
    "Source": {
        "type": "object", "required": ["id", "name", "citation", "licence", "licence_spdx", "data_date"],
        "properties": {"id": _TEXT, "name": _TEXT, "title": _TEXT, "publisher": _TEXT, "citation": _TEXT,
                       "licence": _TEXT, "licence_spdx": {"type": ["string", "null"], "description": "SPDX id, "
                       "null when the licence has none (Eurostat's reuse policy)."},
                       "licence_url": {"type": ["string", "null"]}, "url": {"type": ["string", "null"]},
                       "data_date": {"type": ["string", "null"], "description": "The publisher's release the "
                                     "layer was built from."},
                       "accessed": {"type": ["string", "null"]}}},
    "ValueRow": {
        "type": "object",
        "required": ["nuts_id", "name", "level", "country", "indicator_id", "indicator", "year", "value", "unit",
                     "source", "licence", "flag", "note", "nuts_version"],
        "description": "One region × year × indicator: the columns of every download (JSON rows add `merged_area`).",
        "properties": {"nuts_id": _TEXT, "name": _TEXT, "level": {"type": "integer"}, "country": _TEXT,
                       "indicator_id": _TEXT, "indicator": _TEXT, "year": {"type": "integer"},
                       "value": {**_NULLABLE_NUMBER, "description": "null = no data (never zero)"},
                       "unit": _TEXT, "source": _TEXT, "licence": _TEXT,
                       "flag": {"type": "string", "description": "empty = as published; renamed, recoded, "
                                "minor_shift, merged_sum, merged_area = NUTS recoding; derived = computed by the "
                                "atlas."},
                       "note": {"type": "string", "description": "What must be read with the value: whose value it "
                                "is (a merged area's) and the indicator's caveat (experimental data, the index's own "
                                "reference); empty when nothing."},
                       "merged_area": {"type": ["string", "null"], "description": "The merged area (a capital with "
                                       "its commuting belt) whose value the row shows instead of the region's own."},
                       "nuts_version": {"type": "integer"},
                       "class": {"type": ["integer", "null"], "description": "With `classes`: the class (0 = "
                                 "lowest) the map draws the region in; null = no data."}},
        "examples": [{"nuts_id": "DK", "name": "Danmark", "level": 0, "country": "DK", "indicator_id": "desi_ai",
                      "indicator": "Enterprises using AI", "year": 2021, "value": 23.8861, "unit": "% enterprises",
                      "source": "DESI 2022", "licence": "CC BY 4.0 (Commission Decision 2011/833/EU)", "flag": "",
                      "nuts_version": NUTS_VERSION}]},
    "Classes": {
        "type": "object", "required": ["requested", "method", "k", "edges", "counts", "legend"],
        "properties": {"requested": {"type": "string", "enum": list(METHODS)},
                       "method": {"type": "string", "description": "The method drawn: what `auto` picked "
                                  "(quantiles, or `fixed` meaningful breaks for a location quotient), or "
                                  "`continuous`/`categorical` when the data impose it."},
                       "label": _TEXT, "k": {"type": "integer"},
                       "edges": {"type": "array", "items": {"type": "number"}, "description": "k+1 bounds; a "
                                 "value v is in class i when edges[i] < v <= edges[i+1] (class 0 includes "
                                 "edges[0])."},
                       "counts": {"type": "array", "items": {"type": "integer"}},
                       "colours": {"type": "array", "items": _TEXT},
                       "n_missing": {"type": "integer"},
                       "legend": {"type": "array", "items": {"type": "object"}, "description": "The legend rows "
                                  "as the screen shows them (label, colour, count; no-data row last)."}}},
    "ValuesAnswer": {
        "type": "object", "required": ["layer", "query", "indicators", "sources", "count", "values"],
        "properties": {"layer": {"$ref": "#/components/schemas/LayerVersion"},
                       "query": {"type": "object", "description": "The query as read (normalised)."},
                       "indicators": {"type": "array", "items": {"type": "object", "required": ["id", "level",
                                      "years"]}},
                       "sources": {"type": "array", "items": {"$ref": "#/components/schemas/Source"}},
                       "count": {"type": "integer"},
                       "values": {"type": "array", "items": {"$ref": "#/components/schemas/ValueRow"}},
                       "classes": {"$ref": "#/components/schemas/Classes"}}},
    "IndicatorsAnswer": {
        "type": "object", "required": ["layer", "count", "indicators"],
        "properties": {"layer": {"$ref": "#/components/schemas/LayerVersion"}, "count": {"type": "integer"},
                       "indicators": {"type": "array", "items": {"type": "object", "required": [
                           "indicator_id", "unit", "levels", "years", "years_by_level", "source"]}}}},
    "RegionsAnswer": {
        "type": "object", "required": ["layer", "query", "regions"],
        "properties": {"layer": {"$ref": "#/components/schemas/LayerVersion"}, "query": _TEXT,
                       "regions": {"type": "array", "items": {"type": "object", "required": [
                           "nuts_id", "name", "level", "country", "matched"]}}}},
    "NutsAnswer": {
        "type": "object", "required": ["layer", "code", "from", "relation", "successors", "table"],
        "properties": {"layer": {"$ref": "#/components/schemas/LayerVersion"}, "code": _TEXT,
                       "from": {"type": "integer"}, "known_in": {"type": "array", "items": {"type": "integer"}},
                       "relation": {"type": "string", "enum": ["current", "unchanged", "renamed", "recoded",
                                    "merged", "split", "boundary_shift", "unverified", "discontinued"]},
                       "successors": {"type": "array", "items": {"type": "object", "required": ["nuts_id",
                                      "relation"]}},
                       "values_carried": {"type": "boolean", "description": "Whether the atlas carries this "
                                          "code's figures to its successor (same territory) or, for a merger, sums "
                                          "counts; never apportioned."},
                       "table": _TEXT, "note": _TEXT},
        "examples": [{"code": "HR04", "from": 2016, "relation": "split", "successors": [
            {"nuts_id": "HR02", "relation": "split"}, {"nuts_id": "HR05", "relation": "split"},
            {"nuts_id": "HR06", "relation": "split"}], "table": "Eurostat NUTS 2016-2021 change table"}]},
    "HubsAnswer": {
        "type": "object", "required": ["layer", "count", "hubs"],
        "properties": {"layer": {"$ref": "#/components/schemas/LayerVersion"}, "count": {"type": "integer"},
                       "filters": {"type": "object"}, "hubs": {"type": "array", "items": {"type": "object"}},
                       "attribution": {"type": "object"}}},
    "ChangeAnswer": {
        "type": "object", "required": ["layer", "indicator", "level", "from", "to", "unit", "sources", "values"],
        "properties": {"layer": {"$ref": "#/components/schemas/LayerVersion"}, "indicator": _TEXT,
                       "level": {"type": "integer"}, "from": {"type": "integer"}, "to": {"type": "integer"},
                       "unit": _TEXT, "change_unit": _TEXT,
                       "sources": {"type": "array", "items": {"$ref": "#/components/schemas/Source"}},
                       "values": {"type": "array", "items": {"type": "object", "required": [
                           "nuts_id", "from_value", "to_value", "change", "change_pct"]}}}},
    "Slide": {"type": "object"},
    "SlidePages": {"type": "object", "required": ["pages"],
                   "properties": {"pages": {"type": "array", "items": {"type": "string", "pattern": "^/"}}}},
    "OpenAPI": {"type": "object", "required": ["openapi", "info", "paths"]},
}


ERROR_EXAMPLES = {
    400: {"error": "Parameter 'year' is given 2 times; it takes one value (only indicator, region, country parameters "
                   "take several).", "parameter": "year", "valid": []},
    404: {"error": "No such endpoint or file: /api/value. The endpoints are listed in /api/openapi.json.",
          "parameter": "path", "valid": [e.path for e in ENDPOINTS]},
    405: {"error": "Method POST is not allowed on /api/values: it only answers GET.", "parameter": "method",
          "valid": ["GET", "HEAD", "OPTIONS"]},
    409: {"error": "This request is pinned to data layer 0123456789abcdef…, but the server now holds layer "
                   "63ff2abd6c5d8bf2… (built 2026-12-07T11:47:44+00:00). Drop 'layer' to get the current figures (and "
                   "cite the new version), or ask the operator for the old layer.", "parameter": "layer",
          "valid": ["63ff2abd6c5d8bf2999eb9998175111ff77d6321f644c84c5d9077f857719455"]},
    503: {"error": "Data layer unavailable: no data layer at data/processed.", "parameter": None, "valid": []},
}


def _parameter(ep: Endpoint, p: Parameter, layer: Layer) -> dict:
    schema = dict(p.schema)
    enum = LAYER_ENUMS.get((ep.path, p.name))
    if enum:
        schema["enum"] = enum(layer)
    if p.repeatable:
        schema = {"type": "array", "items": schema, "maxItems": MAX_LIST_VALUES}
    out = {"name": p.name, "in": p.location, "required": p.required or p.location == "path",
           "description": p.description + (" A list parameter: repeat it or separate values with commas."
                                           if p.repeatable else " Given once (a repeated value is a 400)."),
           "schema": schema}
    if p.repeatable:
        out.update(style="form", explode=True)
    if p.example is not None:
        out["example"] = [p.example] if p.repeatable else p.example
    if p.invalid is not None:
        out["x-invalid-example"] = p.invalid
    return out


def _responses(ep: Endpoint) -> dict:
    ok: dict = {"description": "OK. Headers: `ETag`, `Last-Modified`, `X-Atlas-Layer` (layer hash and build date)."}
    content: dict = {"schema": {"$ref": f"#/components/schemas/{ep.schema}"}} if ep.schema else {}
    if "{" not in ep.path:
        url = ep.path + (f"?{ep.example}" if ep.example else "")
        content["examples"] = {"live": {"summary": "The answer of this server to the example request",
                                        "externalValue": url}}
    ok["content"] = {ep.media_type: content}
    responses: dict = {"200": ok}
    if ep.versioned:
        responses["304"] = {"description": "Not modified: the request's `If-None-Match` holds the answer's ETag "
                                           "(same layer, same query)."}
    for code in sorted({*ep.errors, *COMMON_ERRORS}):
        responses[str(code)] = {"description": ERRORS[code], "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Error"}, "example": ERROR_EXAMPLES[code]}}}
    return responses


def openapi_document(layer: Layer, server_url: str = "") -> dict:
    """The OpenAPI 3.1 document for the layer being served."""
    version = layer_version(layer)
    paths: dict = {}
    for ep in ENDPOINTS:
        operation = {
            "operationId": ep.path.strip("/").replace("/", "_").replace(".", "_").replace("{", "").replace("}", ""),
            "summary": ep.summary, "description": ep.description, "tags": [ep.tag],
            "parameters": [_parameter(ep, p, layer) for p in (*ep.parameters, LANGUAGE)],
            "responses": _responses(ep),
            "x-example-query": ep.example,
            "x-cors": ep.cors,
        }
        paths[ep.path] = {"get": operation}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": TITLE, "version": version["hash"][:12],
            "description": (
                "Read-only access to the Cluster Atlas data layer: EU regional indicators by NUTS 2021 region, "
                "technology centres, NUTS code history. Every answer names its data layer (`layer` in JSON, "
                "`X-Atlas-Layer` header on files) and each source with its licence and data date. `ETag` and "
                "`Last-Modified` on every answer (send `If-None-Match` for a 304); pin a version with `layer=`. "
                "Every error is JSON `{error, parameter, valid}`. CORS: any origin may read these endpoints. "
                f"This document describes layer {version['hash'][:12]} built {version['built_at']}."),
            "license": {"name": "Data: each source's licence (see `sources`)"},
        },
        "servers": [{"url": server_url or "/"}],
        "tags": [{"name": "data"}, {"name": "regions"}, {"name": "hubs"}, {"name": "files"}, {"name": "pages"},
                 {"name": "about"}],
        "paths": paths,
        "components": {"schemas": SCHEMAS},
        "x-layer": version,
    }


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _md(text) -> str:
    """Escaped text with the document's `code` spans as <code> (split on backticks: no regular expression)."""
    parts = str(text).split("`")
    if len(parts) % 2 == 0:
        return _e(text)
    return "".join(f"<code>{_e(part)}</code>" if i % 2 else _e(part) for i, part in enumerate(parts))


STYLE = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45;"
         "color:#1d2733}code,pre{background:#f2f4f7;padding:0 .2rem;border-radius:3px}pre{padding:.6rem;"
         "overflow-x:auto}table{border-collapse:collapse;width:100%;margin:.5rem 0}.scroll{overflow-x:auto;"
         "max-width:100%}code{overflow-wrap:anywhere}th,td{border:1px solid #d0d5dc;padding:.3rem .5rem;"
         "text-align:left;vertical-align:top}h2{border-top:2px solid #d0d5dc;padding-top:1rem;margin-top:2rem}")


def _table(header: list[str], rows: list[list[str]]) -> str:
    """A table that scrolls inside its own box on a narrow screen (cells are HTML already)."""
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<div class='scroll'><table><tr>{head}</tr>{body}</table></div>"


def _schema_text(schema: dict) -> str:
    shown = schema.get("items", schema)
    kind = shown.get("type", "")
    if "enum" in shown:
        values = [str(v) for v in shown["enum"]]
        kind += ": " + ", ".join(values[:12]) + (f" … ({len(values)} values)" if len(values) > 12 else "")
    return f"list of {kind}" if schema.get("type") == "array" else kind


def _operation_html(path: str, op: dict) -> str:
    parts = [f"<h2 id='{_e(op['operationId'])}'><code>GET {_e(path)}</code></h2>"
             f"<p><strong>{_e(op['summary'])}.</strong> {_md(op['description'])}</p>"]
    example = op.get("x-example-query")
    if example is not None and "{" not in path:
        url = path + (f"?{example}" if example else "")
        parts.append(f"<p>Example: <a href='{_e(url)}'><code>{_e(url)}</code></a></p>")
    if op["parameters"]:
        parts.append(_table(["Parameter", "In", "Schema", "Description", "Example"], [
            [f"<code>{_e(p['name'])}</code>{' (required)' if p['required'] else ''}", _e(p["in"]),
             _e(_schema_text(p["schema"])), _md(p["description"]), f"<code>{_e(p.get('example', ''))}</code>"]
            for p in op["parameters"]]))
    rows = []
    for code, response in op["responses"].items():
        body = ", ".join(media + (f" ({_e(spec['schema']['$ref'].rsplit('/', 1)[-1])})" if spec.get("schema") else "")
                         for media, spec in response.get("content", {}).items())
        rows.append([_e(code), _md(response["description"]), body])
    parts.append(_table(["Status", "Meaning", "Body"], rows))
    return "".join(parts)


def _schema_html(name: str, schema: dict) -> str:
    parts = [f"<h3>{_e(name)}</h3>"]
    if schema.get("description"):
        parts.append(f"<p>{_md(schema['description'])}</p>")
    props = schema.get("properties", {})
    if props:
        parts.append(_table(["Field", "Type", "Description"], [
            [f"<code>{_e(field)}</code>", _e(spec.get("type") or spec.get("$ref", "").rsplit("/", 1)[-1]),
             _md(spec.get("description", ""))] for field, spec in props.items()]))
    parts += [f"<pre>{_e(json.dumps(example, ensure_ascii=False, indent=1))}</pre>"
              for example in schema.get("examples", [])]
    return "".join(parts)


def openapi_html(document: dict) -> str:
    """The document as one self-contained HTML page: every endpoint, parameter, response and example."""
    paths = document["paths"]
    index = "".join(f"<li><a href='#{_e(item['get']['operationId'])}'><code>GET {_e(path)}</code></a> — "
                    f"{_e(item['get']['summary'])}</li>" for path, item in paths.items())
    version = document["x-layer"]
    return "".join([
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{_e(TITLE)}</title>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'><style>{STYLE}</style></head><body>",
        f"<h1>{_e(TITLE)}</h1><p>{_md(document['info']['description'])}</p>",
        "<p>Machine-readable: <a href='/api/openapi.json'>/api/openapi.json</a> (OpenAPI 3.1). Examples in pandas "
        f"and R: <code>docs/api.md</code> in the repository.</p><h2>Endpoints</h2><ul>{index}</ul>",
        *(_operation_html(path, item["get"]) for path, item in paths.items()),
        "<h2 id='schemas'>Answer shapes</h2>",
        *(_schema_html(name, schema) for name, schema in document["components"]["schemas"].items()),
        f"<p>Data layer {_e(version['hash'])} built {_e(version['built_at'])}.</p><p><a href='/'>Back to Cluster "
        f"Atlas</a> · <a href='/api/openapi.json?layer={quote(version['hash'])}'>this version's document</a></p>"
        "</body></html>"])
