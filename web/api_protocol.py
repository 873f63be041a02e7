"""What every read-only answer (``/api``, ``/download``, ``/geo``) says on the wire, besides its body.

* **Version**: ``X-Atlas-Layer`` (layer hash and build date) on every answer; ``ETag`` from the layer, the code
  and the normalised request, and ``Last-Modified`` (the layer's build time) on every 200. A request whose
  ``If-None-Match`` holds that ETag is answered ``304`` before any work is done.
* **Pin**: ``layer=<hash>`` (or its first 12+ characters) in any query: ``409`` when the server holds another
  layer, so a script never mixes figures of two data versions under one citation.
* **CORS**: ``Access-Control-Allow-Origin: *`` on GET/HEAD/OPTIONS of these paths only (notebooks in a browser
  — JupyterLite, Observable — can read them); never on pages or POST routes, whose same-origin rule
  (``web.hardening``) stays.
* **One opening**: a route declared with ``@answers_query(path)`` gets the layer and its query read against the
  registered endpoint (and parsed, with ``parse``); an ``InvalidChoice`` on the way is its 400.
* **One error shape**: every failure on these paths is JSON ``{error, parameter, valid}`` — ``parameter`` the
  name of the parameter at fault or null, ``valid`` always a list (possibly empty) of accepted values — including
  unknown paths (404), methods (405), a missing layer (503) and internal errors.

Installed after ``web.hardening.harden``: its checks run first for POSTs; this module's before-request hooks run
before the response cache's lookup, and its error handlers take over only for these paths (others keep theirs).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from data.layer import InvalidChoice, Layer, get_layer
from domain.provenance import layer_version
from domain.values_query import ValuesRequest, parse_values_request
from web.api_registry import ENDPOINTS, READ_ONLY_PREFIXES, Query, endpoint, read_query
from web.cache import code_stamp, layer_stamp

READ_METHODS = ("GET", "HEAD", "OPTIONS")
PAGES_UNDER_API = ("/api/docs",)
EXPOSED_HEADERS = "ETag, Last-Modified, X-Atlas-Layer, Content-Disposition, X-Cache"
PIN = re.compile(r"[0-9a-f]{12,64}")
_ETAG_SUFFIXES = (":gzip", "-gz")


def answers_query(path: str, parse: Callable[[Query, Layer], Any] | None = None) -> Callable:
    """The opening every read-only route shared: the layer, the request's query read against the registered
    endpoint `path` (and parsed by `parse`), and ``InvalidChoice`` — there or anywhere in the route — answered
    with a 400 ``{error, parameter, valid}``. The route is called as ``route(layer, query_or_parsed, **path_values)``."""
    registered = endpoint(path)

    def decorate(route: Callable) -> Callable:
        @functools.wraps(route)
        def answer(**path_values):
            layer = get_layer()
            try:
                query = read_query(registered, request.args)
                return route(layer, parse(query, layer) if parse else query, **path_values)
            except InvalidChoice as exc:
                return jsonify(exc.as_dict()), 400
        return answer
    return decorate


def values_request(query: Query, layer: Layer) -> ValuesRequest:
    """The query of ``/api/values`` and ``/api/values.csv`` (one reader for both)."""
    return parse_values_request(query.values, query.lists, layer)


def read_only_path(path: str) -> bool:
    return path.startswith(READ_ONLY_PREFIXES)


def error_body(message: str, parameter: str | None = None, valid: list | None = None) -> dict:
    """The one error shape of the read-only endpoints."""
    return {"error": message, "parameter": parameter, "valid": list(valid or [])}


def error_response(status: int, message: str, parameter: str | None = None, valid: list | None = None) -> Response:
    response = Response(json.dumps(error_body(message, parameter, valid), ensure_ascii=False), status=status,
                        mimetype="application/json")
    return response


def not_found() -> Response:
    return error_response(404, f"No such endpoint or file: {request.path[:120]}. The endpoints are listed in "
                               "/api/openapi.json.", "path", [e.path for e in ENDPOINTS])


def request_etag(layer) -> str:
    """Layer, code, host, path and the query (names sorted, repeated values in their order: order can carry
    meaning), without the pin: the same request on the same data and code always gets the same tag."""
    items = sorted(((k, v) for k, v in request.args.items(multi=True) if k != "layer"), key=lambda kv: kv[0])
    text = json.dumps([layer_stamp(layer), code_stamp(), request.host, request.path, items], ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _tags(header: str) -> set[str]:
    tags = set()
    for token in header.split(","):
        tag = token.strip().removeprefix("W/").strip('"')
        for suffix in _ETAG_SUFFIXES:
            tag = tag.removesuffix(suffix)
        tags.add(tag)
    return tags


def last_modified(layer) -> dt.datetime:
    return dt.datetime.fromisoformat(str(layer.manifest["built_at"]))


def _layer_header(layer) -> str:
    version = layer_version(layer)
    return f'{version["hash"]}; built_at={version["built_at"]}; nuts_version={version["nuts_version"]}'


def _pin_problem(layer) -> Response | None:
    pins = request.args.getlist("layer")
    if not pins:
        return None
    held = str(layer.manifest["layer_hash"])
    if len(pins) > 1:
        return error_response(400, "Parameter 'layer' is given several times; it takes one layer hash.", "layer", [])
    pin = pins[0].strip().lower()
    if not PIN.fullmatch(pin):
        return error_response(400, "Parameter 'layer' must be a layer hash (12 to 64 hexadecimal characters), as "
                                   "in the 'layer.hash' of an earlier answer.", "layer", [held])
    if not held.startswith(pin):
        return error_response(409, f"This request is pinned to data layer {pin[:16]}…, but the server now holds "
                                   f"layer {held[:16]}… (built {layer.manifest['built_at']}). Drop 'layer' to get "
                                   "the current figures (and cite the new version), or ask the operator for the "
                                   "old layer.", "layer", [held])
    return None


def conditional_or_pinned() -> Response | None:
    """Before any other hook: a JSON 404 for an unknown read-only path, the pin's 409, or a 304 for a matching
    ``If-None-Match`` — none of which needs a lookup, parsing or rendering."""
    if not read_only_path(request.path):
        return None
    if isinstance(request.routing_exception, MethodNotAllowed):
        return None  # the 405 handler says which methods are allowed
    if request.url_rule is None or not request.url_rule.rule.startswith(READ_ONLY_PREFIXES):
        return not_found()  # Dash answers every other path with its page shell: here it is a JSON 404
    if request.method not in ("GET", "HEAD"):
        return None
    layer = get_layer()
    problem = _pin_problem(layer)
    if problem is not None:
        return problem
    wanted = request.headers.get("If-None-Match")
    if wanted:
        tag = request_etag(layer)
        if tag in _tags(wanted) or "*" in _tags(wanted):
            response = Response(status=304)
            response.set_etag(tag)
            response.last_modified = last_modified(layer)
            return response
    return None


def read_only_headers(response: Response) -> Response:
    """CORS on reads, the layer header on every answer, ETag and Last-Modified on a 200, the one error shape."""
    if not read_only_path(request.path) or request.path in PAGES_UNDER_API:
        return response
    if request.method in READ_METHODS:
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response.headers["Access-Control-Max-Age"] = "86400"
    try:
        layer = get_layer()
    except Exception:  # a missing layer: the answer is already the 503 that says so  # noqa: BLE001
        return _reshaped_error(response)
    response.headers["X-Atlas-Layer"] = _layer_header(layer)
    if response.status_code == 200 and request.method in ("GET", "HEAD") and request.url_rule is not None:
        response.set_etag(request_etag(layer))
        response.last_modified = last_modified(layer)
        if not request.path.startswith("/geo/"):
            response.cache_control.public = True
            response.cache_control.no_cache = True
    return _reshaped_error(response)


def init_api_protocol(server: Flask) -> None:
    """Register the version, pin, CORS, conditional-request and error-shape rules for the read-only paths."""
    server.before_request_funcs.setdefault(None, []).insert(0, conditional_or_pinned)
    server.after_request(read_only_headers)
    previous = dict(server.error_handler_spec.get(None, {}).get(None, {}))

    @server.errorhandler(HTTPException)
    def read_only_http_error(exc: HTTPException):
        if not read_only_path(request.path):
            handler = previous.get(HTTPException)
            return handler(exc) if handler else exc
        if exc.code == 404:
            return not_found()
        if exc.code == 405:
            return error_response(405, f"Method {request.method} is not allowed on {request.path[:120]}: it only "
                                       "answers GET.", "method", ["GET", "HEAD", "OPTIONS"])
        return error_response(exc.code or 500, exc.description or exc.name)


def _reshaped_error(response: Response) -> Response:
    """A JSON error from elsewhere (the 503 of a missing layer, a 500, a busy render) in the one shape."""
    if response.status_code < 400 or response.mimetype != "application/json" or response.direct_passthrough:
        return response
    try:
        body = json.loads(response.get_data())
    except ValueError:
        return response
    if not isinstance(body, dict) or "error" not in body or ("parameter" in body and "valid" in body):
        return response
    response.set_data(json.dumps(error_body(str(body["error"]), body.get("parameter"), body.get("valid")),
                                 ensure_ascii=False))
    return response
