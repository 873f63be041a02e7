"""Import wizard: upload a list, map its columns, see what was located (and why not), keep it in this browser."""

from __future__ import annotations

import base64
import json

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html, no_update

from components.imports_view import imported_map, report_table, summary_block
from components.layout import page_header
from data.importer import FIELDS, KINDS, MAX_BYTES, ImportError_, auto_mapping, import_table, read_table, result_json, sheet_names
from data.layer import get_layer
from downloads.routes import safe_rows_frame

P = "imports"
dash.register_page(__name__, path="/import", name="Import", title="Cluster Atlas — Import your list", order=5)
KIND_LABELS = {"clusters": "Cluster organisations", "priorities": "S3 priorities", "indicator": "Regional indicator"}
ALL_FIELDS = sorted({f for spec in FIELDS.values() for f in spec["required"] + spec["optional"]})


def layout(**_query) -> html.Div:
    mapping_rows = [dbc.Row([
        dbc.Col(dbc.Label(field, html_for=f"{P}-map-{field}"), width=4),
        dbc.Col(dcc.Dropdown(id=f"{P}-map-{field}", options=[], placeholder="(not in the file)", clearable=True), width=8),
    ], className="mb-1", id=f"{P}-row-{field}") for field in ALL_FIELDS]
    return html.Div([
        page_header("Import your own list",
                    "Cluster organisations, S3 priorities or any regional indicator, from CSV or Excel. Every row is "
                    "located in a NUTS 2021 region by NUTS code (any version 2006–2024), postcode, coordinates or name; "
                    "the report shows what was located and why not. Your list stays in this browser."),
        dbc.Row([
            dbc.Col(dbc.Card(dbc.CardBody([
                html.H2("1. File", className="h6"),
                dcc.Upload(html.Div(["Drop a CSV or XLSX here or ", html.A("choose a file")]), id=f"{P}-upload",
                           max_size=MAX_BYTES, className="atlas-upload", accept=".csv,.txt,.tsv,.xlsx"),
                html.Div(id=f"{P}-file", className="small mt-1", role="status"),
                dbc.Label("Sheet", html_for=f"{P}-sheet", className="mt-2"),
                dcc.Dropdown(id=f"{P}-sheet", options=[], placeholder="(CSV: none)", clearable=False),
                dbc.Label("The list is", html_for=f"{P}-kind", className="mt-2"),
                dbc.RadioItems(id=f"{P}-kind", options=[{"label": KIND_LABELS[k], "value": k} for k in KINDS],
                               value="clusters"),
                html.H2("2. Columns", className="h6 mt-3"),
                html.P("Matched automatically by name and content; adjust if needed. Required fields are marked *.",
                       className="small text-muted", id=f"{P}-required"),
                html.Div(mapping_rows),
                html.H2("3. Provenance", className="h6 mt-3"),
                dbc.Input(id=f"{P}-source", placeholder="Source (who published the list) *", className="mb-1", maxLength=300),
                dbc.Input(id=f"{P}-licence", placeholder="Licence *", className="mb-1", maxLength=200),
                dbc.Input(id=f"{P}-unit", placeholder="Unit (indicator lists)", className="mb-2", maxLength=100),
                dbc.Button("Check and locate", id=f"{P}-run", color="primary", n_clicks=0),
            ])), xs=12, lg=4, className="mb-3"),
            dbc.Col([
                html.Div(id=f"{P}-summary"),
                dcc.Graph(id=f"{P}-map", figure={}, className="atlas-map", style={"height": "var(--atlas-map-height)"},
                          config={"displaylogo": False}),
                html.Div(id=f"{P}-report"),
                html.Div([
                    dbc.Button("Keep this layer in my browser", id=f"{P}-keep", color="success", n_clicks=0,
                               disabled=True, className="me-2"),
                    html.A("Download the report (CSV)", id=f"{P}-report-link", href="#", download="import-report.csv",
                           className="btn btn-outline-secondary", hidden=True),
                ], className="mt-2"),
                html.Div(id=f"{P}-kept", className="small mt-2", role="status"),
            ], xs=12, lg=8),
        ]),
        dcc.Store(id=f"{P}-result"),
    ])


def _content(contents: str | None) -> bytes:
    if not contents or "," not in contents:
        return b""
    return base64.b64decode(contents.split(",", 1)[1])


@callback(
    Output(f"{P}-file", "children"), Output(f"{P}-sheet", "options"), Output(f"{P}-sheet", "value"),
    [Output(f"{P}-map-{f}", "options") for f in ALL_FIELDS], [Output(f"{P}-map-{f}", "value") for f in ALL_FIELDS],
    [Output(f"{P}-row-{f}", "style") for f in ALL_FIELDS], Output(f"{P}-required", "children"),
    Input(f"{P}-upload", "contents"), Input(f"{P}-kind", "value"), Input(f"{P}-sheet", "value"),
    State(f"{P}-upload", "filename"),
)
def read_file(contents, kind, sheet, filename):
    kind = kind if kind in KINDS else "clusters"
    visible = set(FIELDS[kind]["required"] + FIELDS[kind]["optional"])
    styles = [{} if f in visible else {"display": "none"} for f in ALL_FIELDS]
    required = "Required: " + ", ".join(f"{f} *" for f in FIELDS[kind]["required"]) + \
        "; plus one way to locate rows (nuts, postcode + country, lat + lon, or region)."
    empty = [[] for _ in ALL_FIELDS] + [None for _ in ALL_FIELDS]
    content = _content(contents)
    if not content:
        return "", [], None, *empty, *styles, required
    try:
        sheets = sheet_names(content) if content[:4] == b"PK\x03\x04" else []
        frame = read_table(content, filename or "", sheet=sheet if sheet in sheets else None)
    except ImportError_ as exc:
        return dbc.Alert(str(exc), color="danger", className="py-1"), [], None, *empty, *styles, required
    columns = [{"label": c, "value": c} for c in frame.columns]
    mapping = auto_mapping(frame, kind)
    info = f"{filename or 'file'}: {len(frame):,} rows, header on row {frame.attrs.get('header_row', 1)}, " \
           f"columns: {', '.join(map(str, frame.columns[:12]))}"
    return (info, [{"label": s, "value": s} for s in sheets], sheet if sheet in sheets else (sheets[0] if sheets else None),
            *[columns for _ in ALL_FIELDS], *[mapping.get(f) for f in ALL_FIELDS], *styles, required)


@callback(
    Output(f"{P}-summary", "children"), Output(f"{P}-report", "children"), Output(f"{P}-map", "figure"),
    Output(f"{P}-result", "data"), Output(f"{P}-keep", "disabled"), Output(f"{P}-report-link", "href"),
    Output(f"{P}-report-link", "hidden"),
    Input(f"{P}-run", "n_clicks"),
    State(f"{P}-upload", "contents"), State(f"{P}-upload", "filename"), State(f"{P}-sheet", "value"),
    State(f"{P}-kind", "value"), [State(f"{P}-map-{f}", "value") for f in ALL_FIELDS],
    State(f"{P}-source", "value"), State(f"{P}-licence", "value"), State(f"{P}-unit", "value"),
    prevent_initial_call=True,
)
def run_import(n, contents, filename, sheet, kind, *rest):
    mapped, (source, licence, unit) = rest[:len(ALL_FIELDS)], rest[len(ALL_FIELDS):]
    if not n:
        return (no_update,) * 7
    content = _content(contents)
    if not content:
        return dbc.Alert("Upload a file first.", color="warning"), None, {}, None, True, "#", True
    if not (source or "").strip() or not (licence or "").strip():
        return dbc.Alert("Name the source and the licence of the list: they travel with every figure and download.",
                         color="warning"), None, {}, None, True, "#", True
    mapping = {f: c for f, c in zip(ALL_FIELDS, mapped) if c}
    try:
        frame = read_table(content, filename or "", sheet=sheet)
        result = import_table(frame, kind, mapping, get_layer().regions)
    except ImportError_ as exc:
        return dbc.Alert(str(exc), color="danger"), None, {}, None, True, "#", True
    report_csv = safe_rows_frame(result.report).to_csv(index=False)
    href = "data:text/csv;charset=utf-8;base64," + base64.b64encode(("\ufeff" + report_csv).encode("utf-8")).decode()
    payload = result_json(result, source.strip(), licence.strip(), (unit or "").strip())
    return (summary_block(result, source.strip()), report_table(result.report), imported_map(get_layer(), result, source),
            payload, result.rows.empty, href, False)


@callback(
    Output("imported-layers", "data"), Output(f"{P}-kept", "children"),
    Input(f"{P}-keep", "n_clicks"), State(f"{P}-result", "data"), State("imported-layers", "data"),
    prevent_initial_call=True,
)
def keep_layer(n, payload, layers):
    if not n or not payload:
        return no_update, no_update
    layers = [layer for layer in (layers or []) if isinstance(layer, dict)][-9:]
    layers.append(json.loads(payload))
    return layers, f"Kept in this browser ({len(layers)} imported layers). It is not sent to or stored on the server."
