"""Compression, caching backend, render pool, security headers and request limits for the Flask server.

Nothing here keeps per-user state: the render pool only bounds each worker's concurrent renders, and the file
cache is shared by every worker (Redis between machines), so any number of gunicorn workers or machines can
serve the app behind a load balancer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import urlsplit

from flask import Flask, Response, jsonify, request
from flask_compress import Compress
from werkzeug.exceptions import HTTPException

from data.importing.reading import MAX_BYTES as MAX_IMPORT_BYTES
from data.layer import LayerDamagedError, LayerMissingError, get_layer
from web.cache import init_cache
from web.first_load import PLOTLY_URL, serve_on_demand
from web.json_limits import JSONLimitError, check_json_text
from web.render_pool import RenderBusy, RenderFailed, init_render_pool
from web.response_cache import init_response_cache
from web.static_gzip import gzipped

MAX_REQUEST_BYTES = 2 * 1024 * 1024
# A callback carries at most the import wizard's file as a base64 data URL (4 bytes per 3) and the page's other
# inputs; nothing else a page sends comes near it.
MAX_CALLBACK_BYTES = (MAX_IMPORT_BYTES + 2) // 3 * 4 + 2 * 1024 * 1024
MAX_CALLBACK_DEPTH = 200
MAX_BODY_DEPTH = 32
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


COMPRESSIBLE = {"css", "javascript", "json", "geo+json", "svg+xml", "plain"}
# Files whose bytes never change while the server runs (assets, component bundles, the layer's geometry).
STATIC_PREFIXES = ("/assets/", "/geo/", "/_dash-component-suites/", "/embed-static/")


EMBEDDABLE_PREFIX = "/embed/"


def content_security_policy(script_hashes: list[str], frame_ancestors: str = "'self'") -> str:
    """CSP that Dash works under: scripts only from here plus the hashes of Dash's own inline scripts; only
    embeds (``/embed/…``) may be framed by other sites (``frame_ancestors`` ``*``)."""
    scripts = " ".join(["'self'", *dict.fromkeys(h if h.startswith("'") else f"'{h}'" for h in script_hashes)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        f"frame-ancestors {frame_ancestors}",
    ])


def resource_policy(frame_ancestors: str = "'self'") -> str:
    """CSP of every answer that is not an HTML page (scripts, styles, JSON, geometry, files): the hashes of Dash's
    inline scripts only matter in a page, and that list (1.3 kB) sent with each of a page's 30-odd requests was 40 kB
    of its first load. What such an answer could still be opened as (an SVG, a script run as a worker) may load
    nothing from elsewhere and run no inline script."""
    return f"default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors {frame_ancestors}"


def harden(server: Flask, script_hashes: Callable[[], list[str]]) -> None:
    """Install compression, caching, headers, limits and safe error pages on `server`.

    ``script_hashes`` is called once, after the first request: Dash registers
    the inline scripts of clientside callbacks only when it serves.
    """
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    server.config["COMPRESS_MIMETYPES"] = ["text/html", "text/css", "text/csv", "application/javascript",
                                           "text/javascript", "application/json", "application/geo+json",
                                           "image/svg+xml"]
    server.config["COMPRESS_ALGORITHM"] = ["gzip"]
    server.config["COMPRESS_LEVEL"] = 6
    server.config["COMPRESS_MIN_SIZE"] = 500
    Compress(server)
    init_cache(server)
    init_render_pool(server)

    @lru_cache(maxsize=2)
    def csp(frame_ancestors: str = "'self'") -> str:
        return content_security_policy(script_hashes(), frame_ancestors)

    @server.before_request
    def callback_limit() -> None:
        """Callbacks carry the import wizard's file (20 MB, base64-encoded: 27 MB): their limit is higher than the rest."""
        if request.path.endswith("/_dash-update-component"):
            request.max_content_length = MAX_CALLBACK_BYTES

    serve_on_demand(server)

    @server.before_request
    def same_origin_posts():
        """A POST from another site's page (it carries that site's Origin or Referer) is refused: renders and
        callbacks cost this server CPU and memory, and only this app's own pages may ask for them."""
        if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
            return None
        sender = request.headers.get("Origin") or request.headers.get("Referer")
        if sender is None:
            return None  # not sent by a browser page (curl, scripts): nothing to forge
        if urlsplit(sender).netloc.lower() != request.host.lower():
            server.logger.warning("refused cross-origin %s %s from %s", request.method, request.path, sender[:100])
            return jsonify({"error": "Cross-origin request refused: this action only accepts requests from "
                                     "Cluster Atlas's own pages.", "status": 403}), 403
        return None

    @server.before_request
    def bounded_json_bodies():
        """Every POST body, and every form field, is checked for size and nesting before any handler parses it, in
        time linear in its size (web/json_limits.py: one scan, no regular expression that could backtrack)."""
        if request.method not in ("POST", "PUT", "PATCH"):
            return None
        callback = request.path.endswith("/_dash-update-component")
        depth = MAX_CALLBACK_DEPTH if callback else MAX_BODY_DEPTH
        try:
            if request.mimetype in FORM_TYPES:
                for name, value in request.form.items(multi=True):
                    check_json_text(value, what=f"form field {name[:40]!r}", max_chars=MAX_REQUEST_BYTES, max_depth=depth)
            else:
                body = request.get_data(cache=True)
                check_json_text(body, what="request body", max_chars=len(body), max_depth=depth)
        except JSONLimitError as exc:
            return jsonify({"error": str(exc), "status": 400}), 400
        return None

    @server.after_request
    def security_headers(response: Response) -> Response:
        embeddable = request.path.startswith(EMBEDDABLE_PREFIX)
        frame_ancestors = "*" if embeddable else "'self'"
        document = response.mimetype == "text/html"
        response.headers.setdefault("Content-Security-Policy",
                                    csp(frame_ancestors) if document else resource_policy(frame_ancestors))
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if not embeddable:
            response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        if document:
            response.headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        if request.path.startswith("/assets/") and response.status_code == 200:
            response.headers["Cache-Control"] = "public, max-age=86400"
        return response

    @server.after_request
    def gzip_static(response: Response) -> Response:
        """Flask-Compress skips file responses and compresses at one level for all: scripts, styles and geometry are
        gzipped here, once per file and as small as gzip gets (web/static_gzip.py)."""
        if (response.status_code == 200 and (response.direct_passthrough or not response.is_streamed)
                and (request.path.startswith(STATIC_PREFIXES) or request.path == PLOTLY_URL)
                and "Content-Encoding" not in response.headers
                and "gzip" in request.headers.get("Accept-Encoding", "")
                and (response.mimetype or "").split("/")[-1] in COMPRESSIBLE):
            response.direct_passthrough = False
            response.set_data(gzipped(response.get_data()))
            response.headers["Content-Encoding"] = "gzip"
            response.headers["Vary"] = "Accept-Encoding"
            if response.headers.get("ETag"):
                response.headers["ETag"] = response.headers["ETag"].rstrip('"') + '-gz"'
        return response

    # Last: its lookup runs after the request checks above, its store before compression (after_request runs in
    # reverse order of registration).
    init_response_cache(server)

    @server.errorhandler(RenderBusy)
    def render_busy(exc: RenderBusy):
        response = jsonify({"error": str(exc), "status": 503, "retry_after": exc.retry_after})
        response.status_code = 503
        response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @server.errorhandler(RenderFailed)
    def render_failed(exc: RenderFailed):
        server.logger.warning("export render failed: %s", exc)
        response = jsonify({"error": str(exc), "status": 503})
        response.status_code = 503
        response.headers["Retry-After"] = "30"
        return response

    @server.errorhandler(LayerMissingError)
    def layer_unavailable(exc: LayerMissingError):
        """A missing or damaged layer (verified at start) is never served: every data route says why."""
        return jsonify({"error": f"Data layer unavailable: {exc}", "status": 503}), 503

    @server.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if request.path.startswith(("/api/", "/download/", "/export/", "/_dash")):
            return jsonify({"error": exc.description or exc.name, "status": exc.code}), exc.code
        return Response(f"{exc.code} {exc.name}", status=exc.code, mimetype="text/plain")

    @server.errorhandler(Exception)
    def unexpected_error(exc: Exception):
        if request.path.startswith("/_dash-component-suites/"):
            # Dash raises (DependencyException, OSError) for a path it never registered: that is a 404, not a bug.
            return jsonify({"error": "No such component asset.", "status": 404}), 404
        if request.path.startswith("/_dash-update-component"):
            # Callback bodies reach here only when malformed: callbacks' own errors go to log_callback_error.
            server.logger.warning("rejected malformed callback request: %s: %s", type(exc).__name__, str(exc)[:300])
            return jsonify({"error": "Malformed callback request.", "status": 400}), 400
        server.logger.exception("unhandled error on %s", request.path)
        return jsonify({"error": "Internal error; the request was logged.", "status": 500}), 500


def verify_layer_at_start(logger: logging.Logger) -> None:
    """Load and verify the layer when the worker starts, so a damaged one is logged before any request."""
    try:
        get_layer()
    except LayerDamagedError:
        pass  # data.layer logged the reason once, where it was found
    except LayerMissingError as exc:
        logger.error("serving without a data layer: %s", exc)


def log_callback_error(exc: Exception) -> None:
    """Dash's global callback error handler: log, leave the outputs unchanged, never answer 500."""
    logging.getLogger("atlas.callbacks").warning("callback failed: %s: %s", type(exc).__name__, str(exc)[:200])
