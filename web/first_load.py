"""What a browser fetches on its first visit: only the code the page it opened uses (issue 31: at most 1 MB gzip).

Dash puts every imported component library's bundle into every page. Three of them are left out here:

- **dash-ag-grid** (361 kB gzip, and the grid loads 249 kB more when it is drawn) is used only by the map pages'
  Table tab. Its bundle is marked ``dynamic`` (served, never listed in the page) and its address is given in
  ``<meta name="atlas-table-script">``; ``assets/05_table_on_demand.js`` stands in for the library and loads it the
  first time a table is displayed.
- **plotly.js**: the app's own geo-only partial bundle (``assets/02_plotly-geo.min.js``, 467 kB gzip) is no longer
  loaded by every page. dcc.Graph loads plotly.js by itself, from the address of the plotly package's full bundle,
  when a graph is drawn and ``window.Plotly`` is missing; that address serves the partial bundle instead, so pages
  without a graph (Sources, Storyboard, Accessibility, a brief) never fetch it. The slide show and the embed page load
  the same file themselves.
- **dash_table** (11 kB): no page uses DataTable (``tests/unit/test_first_load.py`` keeps it so).
- **@babel/polyfill** (36 kB, core-js 2 for browsers older than 2017): of it the component bundles only use the
  ``regeneratorRuntime`` global (their lazy-loading helper calls it), which ``assets/03_regenerator-runtime.min.js``
  (2.6 kB) defines; every browser React 18 runs in has the rest natively.

Every file is still served from this server, never from a CDN. Static answers are gzipped once with zopfli
(web/static_gzip.py); ``warm_static_store`` compresses the largest (plotly.js, the geometry) when the server starts.
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import dash
import dash_ag_grid
from dash import _dash_renderer
from dash.fingerprint import build_fingerprint
from flask import Flask, request, send_file

from data.layer import LayerDamagedError, LayerMissingError, geometry_bytes, get_layer
from web.static_gzip import compress_into_store

ASSETS = Path(__file__).resolve().parents[1] / "assets"
PLOTLY_BUNDLE = ASSETS / "02_plotly-geo.min.js"
PLOTLY_LOCALES = ASSETS / "03_plotly-locales.js"
# Where dcc.Graph looks for plotly.js when it is missing (dash-renderer's window._dashPlotlyJSURL, serve_locally).
PLOTLY_URL = "/_dash-component-suites/plotly/package_data/plotly.min.js"
# Dash's ``assets_ignore``: the bundle stays at /assets/ (the embed page names it) but is not put into every page.
ASSETS_NOT_IN_EVERY_PAGE = r"^(02_plotly-geo\.min\.js|03_plotly-locales\.js)$"
TABLE_BUNDLE = "dash_ag_grid.min.js"
TABLE_META = "atlas-table-script"
UNUSED_BUNDLES = ((dash.dash_table, "dash_table/bundle.js"),)
POLYFILL = "deps/polyfill@"
BUNDLE_MAX_AGE = 86400


@lru_cache(maxsize=1)
def plotly_body() -> bytes:
    """What dcc.Graph gets for plotly.js: the geo-only bundle, then the atlas's plotly.js locales, which register
    only once Plotly is defined (so they cannot be a page asset of their own while plotly.js loads on demand)."""
    return PLOTLY_BUNDLE.read_bytes() + b"\n" + PLOTLY_LOCALES.read_bytes()


def _mark_dynamic(module, relative_path: str) -> None:
    """Served when asked for, never listed in the page (Dash's ``dynamic`` resources; ``_js_dist`` is shared by the
    library's components and read whenever Dash writes a page)."""
    entries = [entry for entry in module._js_dist if entry.get("relative_package_path") == relative_path]
    if not entries:
        raise RuntimeError(f"{module.__name__} no longer registers {relative_path}: check web/first_load.py")
    for entry in entries:
        entry["dynamic"] = True


def table_bundle_path() -> str:
    """dash-ag-grid's bundle under /_dash-component-suites/, fingerprinted as Dash does (cached for a year)."""
    file = Path(dash_ag_grid.__file__).with_name(TABLE_BUNDLE)
    fingerprint = build_fingerprint(TABLE_BUNDLE, dash_ag_grid.__version__, int(os.stat(file).st_mtime))
    return f"_dash-component-suites/dash_ag_grid/{fingerprint}"


def _drop_polyfill() -> None:
    """Leave @babel/polyfill out of the scripts Dash puts before React (its dependency list, per mode)."""
    for dependency in _dash_renderer._js_dist_dependencies:
        paths = dependency.get("relative_package_path", {})
        for mode, files in paths.items():
            paths[mode] = [file for file in files if not file.startswith(POLYFILL)]


def load_on_demand(app: dash.Dash) -> None:
    """Leave the table's and unused libraries' bundles out of every page and name the table's for its stand-in."""
    _mark_dynamic(dash_ag_grid, TABLE_BUNDLE)
    for module, path in UNUSED_BUNDLES:
        _mark_dynamic(module, path)
    _drop_polyfill()
    prefix = app.config.requests_pathname_prefix
    app.config.meta_tags.append({"name": TABLE_META, "content": prefix + table_bundle_path()})


def serve_on_demand(server: Flask) -> None:
    """Answer dcc.Graph's request for plotly.js with the app's geo-only partial bundle (never the 4.8 MB full one),
    and /favicon.ico (asked for by pages that name no icon: the embed page, the API docs) with the app's icon instead
    of a not-found page."""

    @server.before_request
    def plotly_bundle():
        if request.path.startswith("/_dash-component-suites/plotly/"):
            if request.path != PLOTLY_URL:
                return {"error": "Not served: this app's plotly.js is " + PLOTLY_URL, "status": 404}, 404
            body = plotly_body()
            return send_file(io.BytesIO(body), mimetype="application/javascript", max_age=BUNDLE_MAX_AGE,
                             conditional=True, etag=hashlib.sha256(body).hexdigest()[:32],
                             last_modified=max(PLOTLY_BUNDLE.stat().st_mtime, PLOTLY_LOCALES.stat().st_mtime))
        return None

    server.add_url_rule("/favicon.ico", "favicon", lambda: send_file(
        ASSETS / "favicon.ico", mimetype="image/vnd.microsoft.icon", max_age=BUNDLE_MAX_AGE, conditional=True))


def _largest_static_answers() -> list[bytes]:
    bodies = [plotly_body()]
    try:
        layer = get_layer()
        bodies += [geometry_bytes(layer, level) for level in range(4)]
    except (LayerMissingError, LayerDamagedError):
        pass  # logged at start; the geometry route answers 503 meanwhile
    return bodies


def warm_static_store(bodies: Callable[[], list[bytes]] = _largest_static_answers) -> threading.Thread:
    """Compress the largest static answers (plotly.js, every level's geometry) into the zopfli store when the server
    starts, one after another in one background thread, so the first visitors after a deploy already get them at
    their smallest (otherwise each one's first request starts it). A no-op when the store holds them."""

    def warm() -> None:
        for body in bodies():
            compress_into_store(body)

    thread = threading.Thread(target=warm, daemon=True, name="static-gzip-warm")
    thread.start()
    return thread
