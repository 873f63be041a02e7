"""Indicators imported into this browser, inside the map explorer: picker options, links that name them, and the
downloads and exports of their views (built here from the data the browser sends, since GET routes cannot see it).

Registered once (at import) with ``aio_id=MATCH``; an explorer takes part when its ``config`` says ``imported``.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs

import flask
from dash import Input, Output, State, callback, clientside_callback, ctx, dcc, no_update
from unidecode import unidecode

from components.explorer_options import DOWNLOAD_ITEMS, indicator_options, level_options, year_slider
from components.ids import MATCHED, PageIds
from data.layer import InvalidChoice, Layer, get_layer, years_with_data
from data.layer.imported import add_indicators, compact_indicators, with_imported
from domain.files import file_format
from domain.i18n import gettext
from domain.mapview import resolve_pending
from domain.view import held_in_browser, resolve_view
from downloads.formats import FORMATS as DOWNLOAD_FORMATS
from downloads.views import build_download_view
from exports.formats import FORMATS as EXPORT_FORMATS
from exports.pack import build_view_pdf
from exports.render import ExportError
from figures.static_map import static_map


def _stem(layer: Layer, indicator_id: str, level: int, year: object) -> str:
    """File names say what the list is called, not its id."""
    label = re.sub(r"[^a-z0-9]+", "-", unidecode(layer.indicator(indicator_id)["label"]).lower()).strip("-")[:60]
    return f"cluster-atlas_{label or 'imported'}_nuts{level}_{year}"


def imported_download(layer: Layer, page: str, key: str, query: str, base_url: str = "") -> tuple[bytes, str]:
    """A download of an imported-indicator view, in the same formats and with the same about sheet as the others."""
    fmt, _, scope = key.partition("-")
    params = parse_qs(str(query).lstrip("?"))
    if scope == "all":
        params["years"] = ["all"]
    view = build_download_view(page, params, layer, base_url=base_url)
    body = file_format(DOWNLOAD_FORMATS, fmt).write(view, layer)
    year = "all-years" if view.all_years else view.state.year
    return body, _stem(layer, view.state.indicator, view.state.level, year) + f".{fmt}"


def imported_export(layer: Layer, query: str, fmt: str) -> tuple[bytes, str]:
    """The static map of an imported-indicator view (PNG/SVG/PDF), footer naming the user's source and licence."""
    state, _ = resolve_view(str(query).lstrip("?"), layer, strict=True)
    file = file_format(EXPORT_FORMATS, fmt)
    body = build_view_pdf(layer, state) if fmt == "pdf" else file.write([static_map(layer, state)])[0]
    return body, _stem(layer, state.indicator, state.level, state.year) + f".{fmt}"


def _register_picker(ids: PageIds) -> None:
    """The picker offers this browser's imported indicators; only the one on screen travels with each update."""

    @callback(
        Output(ids("imported"), "data"), Output(ids("indicator"), "options"),
        Input("imported-layers", "data"), Input(ids("imported"), "id"),  # "id": fires when the page renders
        State(ids("config"), "data"),
    )
    def list_imported(layers, _rendered, config):
        if not (config or {}).get("imported"):
            return no_update, no_update
        base = get_layer()
        found = compact_indicators(layers, base.region_ids)
        return found or None, indicator_options(add_indicators(base, list(found.values())))

    clientside_callback(
        """
        function(indicator, imported, config) {
            if (!config || !config.imported) { return window.dash_clientside.no_update; }
            return (imported && indicator && imported[indicator]) || null;
        }
        """,
        Output(ids("imported-active"), "data"),
        Input(ids("indicator"), "value"), Input(ids("imported"), "data"), State(ids("config"), "data"),
    )


def _register_pending(ids: PageIds) -> None:
    """A link naming an imported indicator opens it once this browser's lists are read."""

    @callback(
        Output(ids("indicator"), "value", allow_duplicate=True), Output(ids("level"), "value", allow_duplicate=True),
        Output(ids("year"), "value", allow_duplicate=True), Output(ids("level"), "options", allow_duplicate=True),
        Output(ids("year"), "min", allow_duplicate=True), Output(ids("year"), "max", allow_duplicate=True),
        Output(ids("year"), "marks", allow_duplicate=True), Output(ids("year"), "step", allow_duplicate=True),
        Output(ids("notice"), "children", allow_duplicate=True),
        Output(ids("notice"), "is_open", allow_duplicate=True), Output(ids("pending"), "data"),
        Input(ids("imported"), "data"), State(ids("pending"), "data"),
        prevent_initial_call=True,
    )
    def open_pending(imported, pending):
        if not pending:
            return (no_update,) * 11
        compact = (imported or {}).get(pending.get("indicator")) if isinstance(pending, dict) else None
        layer = with_imported(get_layer(), compact)
        found = resolve_pending(layer, pending)
        if not found:
            return (*(no_update,) * 8,
                    gettext("This link shows an indicator imported into another browser; imported lists stay in the "
                            "browser that loaded them. Load the same file on the Import page to see it here. Showing "
                            "the default."),
                    True, None)
        indicator, level, _ = found
        slider = year_slider(years_with_data(layer, indicator, level))
        # The slider gets its new range with its value, so it never clamps the linked year to the old range.
        return (*found, level_options(layer.indicator(indicator)["levels"]), slider["min"], slider["max"],
                slider["marks"], slider["step"], no_update, no_update, None)


def _register_files(ids: PageIds) -> None:
    """Downloads and exports of an imported-indicator view, made from the list the browser sends."""

    clientside_callback(
        """
        function() {
            const t = window.dash_clientside.callback_context.triggered;
            const id = t.length ? t[0].prop_id.slice(0, t[0].prop_id.lastIndexOf(".")) : "";
            const item = t.length && t[0].value && document.getElementById(id);
            if (!item || item.getAttribute("href")) {
                return window.dash_clientside.no_update;  // a link: the browser fetches the file itself
            }
            return window.atlasWord("Preparing the file from your imported list…");
        }
        """,
        Output(ids("file-status"), "children"),
        [Input(ids(f"download-{key}"), "n_clicks") for key, _ in DOWNLOAD_ITEMS],
        [Input(ids(f"export-{fmt}"), "n_clicks") for fmt in EXPORT_FORMATS],
        prevent_initial_call=True,
    )

    @callback(
        Output(ids("file"), "data"), Output(ids("file-status"), "children", allow_duplicate=True),
        [Input(ids(f"download-{key}"), "n_clicks") for key, _ in DOWNLOAD_ITEMS],
        [Input(ids(f"export-{fmt}"), "n_clicks") for fmt in EXPORT_FORMATS],
        State(ids("state"), "data"), State(ids("imported-active"), "data"), State(ids("config"), "data"),
        prevent_initial_call=True,
    )
    def send_imported_file(*args):
        query, active, config = args[-3:]
        part = (ctx.triggered_id or {}).get("subcomponent", "")
        if not (config or {}).get("imported") or not active or not held_in_browser(query, get_layer()) or not ctx.triggered or not ctx.triggered[0]["value"]:
            return no_update, no_update
        layer = with_imported(get_layer(), active)
        kind, _, key = part.partition("-")
        try:
            if kind == "download":
                body, name = imported_download(layer, config["page"], key, query,
                                               base_url=flask.request.host_url.rstrip("/"))
            else:
                body, name = imported_export(layer, query, key)
        except (InvalidChoice, ExportError) as exc:
            return no_update, gettext("Could not make the file: %(reason)s") % {"reason": exc}
        return dcc.send_bytes(body, name), ""


def _register_all() -> None:
    """Once, at import, for every explorer (``aio_id=MATCH``)."""
    for register in (_register_picker, _register_pending, _register_files):
        register(MATCHED)


_register_all()
