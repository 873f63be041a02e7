"""Import wizard: upload a list, map its columns, see what was located (and why not), keep it in this browser."""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, clientside_callback, ctx, dcc, html, no_update

from components.form_groups import radio_group
from components.imports_view import imported_map, report_table, summary_block
from components.layout import page_header
from components.words import decimal, sentence
from data.importing import (
    FIELD_LABELS,
    FIELDS,
    KINDS,
    MAX_BYTES,
    MAX_ROWS,
    ImportError_,
    auto_mapping,
    check_request,
    end_job,
    field_in_sentence,
    import_table,
    progress_text,
    read_progress,
    read_table,
    result_json,
    start_job,
    write_progress,
)
from data.layer import get_layer
from data.layer.imported import imported_id
from domain.i18n import N_, ngettext
from domain.i18n import gettext as _
from downloads.formats import TableDownload, table_href
from web.pages import Capabilities, register_page

log = logging.getLogger("atlas.import")
P = "imports"
register_page(__name__, Capabilities(nav=True), path="/import", name=N_("Import"),
              title=N_("Cluster Atlas — Import your list"), order=4)
KIND_LABELS = {"clusters": N_("Cluster organisations"), "priorities": N_("S3 priorities"),
               "indicator": N_("Regional indicator")}
MAX_KEPT = 10
MAX_STORED_CHARS = 4_000_000
ALL_FIELDS = sorted({f for spec in FIELDS.values() for f in spec["required"] + spec["optional"]})


def run_button() -> html.Div:
    """The button, the busy line and the live row count while the server checks and locates the list: a click gives
    the run a job id, the run records its progress under it (``data/importing/progress.py``), and an interval, on only
    while the run lasts, reads it back."""
    return html.Div([dbc.Button(_("Check and locate"), id=f"{P}-run", color="primary", n_clicks=0),
                     html.Div(html.Span(_("Reading the file, checking its columns and locating every row (a large "
                                          "list can take up to half a minute)…"), id=f"{P}-running-text", hidden=True),
                              id=f"{P}-running", className="small text-muted mt-1", role="status"),
                     html.Div(id=f"{P}-progress", className="small fw-semibold", **{"aria-live": "polite"}),
                     dcc.Store(id=f"{P}-job"), dcc.Interval(id=f"{P}-poll", interval=300, disabled=True)])


def mapping_rows() -> list[dbc.Row]:
    """One row per field: its label names the column dropdown beside it (a screen reader hears "Postcode (not in
    the file)", not eleven times "(not in the file)")."""
    return [dbc.Row([
        dbc.Col(dbc.Label(_(FIELD_LABELS.get(field, field)), html_for=f"{P}-map-{field}", id=f"{P}-label-{field}"), width=4),
        dbc.Col(dcc.Dropdown(id=f"{P}-map-{field}", options=[], placeholder=_("(not in the file)"), clearable=True), width=8),
    ], className="mb-1", id=f"{P}-row-{field}") for field in ALL_FIELDS]


def provenance_fields() -> list:
    """Step 3: who published the list and under which licence (required), and an indicator list's name and unit."""
    return [
        html.H2(_("3. Provenance"), className="h6 mt-3"),
        dbc.Label(_("Source *"), html_for=f"{P}-source", className="small mb-0"),
        dbc.Input(id=f"{P}-source", placeholder=_("Who published the list"), className="mb-1", maxLength=300),
        dbc.Label(_("Licence *"), html_for=f"{P}-licence", className="small mb-0"),
        dbc.Input(id=f"{P}-licence", placeholder=_("e.g. CC BY 4.0"), className="mb-1", maxLength=200),
        dbc.Label(_("Indicator name (indicator lists)"), html_for=f"{P}-label", className="small mb-0"),
        dbc.Input(id=f"{P}-label", placeholder=_("e.g. Cluster members"), className="mb-1", maxLength=120),
        dbc.Label(_("Unit (indicator lists)"), html_for=f"{P}-unit", className="small mb-0"),
        dbc.Input(id=f"{P}-unit", placeholder=_("e.g. per 1,000 firms"), className="mb-2", maxLength=100),
    ]


def layout(**_query) -> html.Div:
    return html.Div([
        page_header(_("Import your own list"),
                    _("Cluster organisations, S3 priorities or any regional indicator, from CSV or Excel. Every row is "
                      "located in a NUTS 2021 region by NUTS code (any version 2006–2024), postcode, coordinates or "
                      "name; the report shows what was located and why not. Your list stays in this browser.")),
        dbc.Row([
            dbc.Col(dbc.Card(dbc.CardBody([
                html.H2(_("1. File"), className="h6"),
                html.Div(dcc.Upload(html.Div(sentence(_("Drop a CSV or XLSX here or %(choose)s"),
                                                      choose=html.A(_("choose a file")))),
                                    id=f"{P}-upload", className="atlas-upload", accept=".csv,.txt,.tsv,.xlsx"),
                         **{"data-max-bytes": str(MAX_BYTES), "data-status-id": f"{P}-file"}),
                html.P(_("Up to %(size)s MB and %(rows)s rows.") % {"size": MAX_BYTES // 2**20, "rows": decimal(MAX_ROWS, 0)},
                       className="small text-muted mb-0"),
                html.Div(id=f"{P}-file", className="small mt-1", role="status"),
                dbc.Label(_("Sheet"), html_for=f"{P}-sheet", className="mt-2"),
                dcc.Dropdown(id=f"{P}-sheet", options=[], placeholder=_("(CSV: none)"), clearable=False),
                dbc.Label([_("Header row"), " ", html.Span(_("(empty: detected, also below a title row)"),
                                                    className="small text-muted fw-normal")],
                          html_for=f"{P}-header", className="mt-2"),
                dbc.Input(id=f"{P}-header", type="number", min=1, step=1, placeholder=_("detected"), debounce=True),
                radio_group(_("The list is"), dbc.RadioItems(id=f"{P}-kind", value="clusters",
                                                             options=[{"label": _(KIND_LABELS[k]), "value": k}
                                                                      for k in KINDS]),
                            class_name="mt-2"),
                html.H2(_("2. Columns"), className="h6 mt-3"),
                html.P(_("Matched automatically by name and content; adjust if needed. Required fields are marked *."),
                       className="small text-muted", id=f"{P}-required"),
                html.Div(mapping_rows()),
                *provenance_fields(),
                run_button(),
            ])), xs=12, lg=4, className="mb-3"),
            dbc.Col([
                html.Div(id=f"{P}-summary"),
                html.Figure([
                    dcc.Graph(id=f"{P}-map", figure={}, className="atlas-map", style={"display": "none"},
                              config={"displaylogo": False}),
                    html.Div(id=f"{P}-map-legend"),
                ], className="m-0", **{"aria-labelledby": f"{P}-map-summary"}),
                html.Div(id=f"{P}-report"),
                html.Div([
                    dbc.Button(_("Keep this layer in my browser"), id=f"{P}-keep", color="success", n_clicks=0,
                               disabled=True, className="me-2"),
                    html.A(_("Download the report (CSV)"), id=f"{P}-report-link", href="#", download="import-report.csv",
                           className="btn btn-outline-secondary", hidden=True),
                ], className="mt-2"),
                html.Div(id=f"{P}-kept", className="small mt-2", role="status"),
                html.H2(_("Lists kept in this browser"), className="h6 mt-4"),
                html.Div(id=f"{P}-kept-lists"),
            ], xs=12, lg=8),
        ]),
        dcc.Store(id=f"{P}-result"), dcc.Store(id=f"{P}-scrolled"),
    ])


def _row(value) -> int | None:
    try:
        return max(1, int(value)) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _sheet(value) -> str | None:
    """A sheet name as the dropdown sends it; anything else (or longer than Excel allows, 31) reads the first."""
    return value if isinstance(value, str) and 0 < len(value) <= 31 else None


def _content(contents: str | None) -> bytes:
    if not contents or "," not in contents:
        return b""
    return base64.b64decode(contents.split(",", 1)[1])


@callback(
    Output(f"{P}-file", "children"), Output(f"{P}-sheet", "options"), Output(f"{P}-sheet", "value"),
    [Output(f"{P}-map-{f}", "options") for f in ALL_FIELDS], [Output(f"{P}-map-{f}", "value") for f in ALL_FIELDS],
    [Output(f"{P}-row-{f}", "style") for f in ALL_FIELDS], [Output(f"{P}-label-{f}", "children") for f in ALL_FIELDS],
    Output(f"{P}-required", "children"),
    Input(f"{P}-upload", "contents"), Input(f"{P}-kind", "value"), Input(f"{P}-sheet", "value"),
    Input(f"{P}-header", "value"),
    State(f"{P}-upload", "filename"),
)
def read_file(contents, kind, sheet, header, filename):
    kind = kind if kind in KINDS else "clusters"
    visible = set(FIELDS[kind]["required"] + FIELDS[kind]["optional"])
    styles = [{} if f in visible else {"display": "none"} for f in ALL_FIELDS]
    labels = [_(FIELD_LABELS.get(f, f)) + (" *" if f in FIELDS[kind]["required"] else "") for f in ALL_FIELDS]
    required = _("Matched by name and content; adjust if needed. Required (*): %(fields)s; plus one way to locate "
                 "rows: a NUTS code, a postcode with its country, latitude and longitude, or a region name.") % {
        "fields": ", ".join(field_in_sentence(f) for f in FIELDS[kind]["required"])}
    empty = [[] for _ in ALL_FIELDS] + [None for _ in ALL_FIELDS]
    if not contents:
        return "", [], None, *empty, *styles, *labels, required
    content = _content(contents)
    try:
        frame = read_table(content, filename or "", sheet=_sheet(sheet), header_row=_row(header))
    except ImportError_ as exc:
        return dbc.Alert(str(exc), color="danger", className="py-1"), [], None, *empty, *styles, *labels, required
    columns = [{"label": c, "value": c} for c in frame.columns]
    mapping = auto_mapping(frame, kind)
    info = _("%(file)s: %(rows)s rows, header on row %(header)s, columns: %(columns)s") % {
        "file": filename or _("file"), "rows": decimal(len(frame), 0), "header": frame.attrs.get("header_row", 1),
        "columns": ", ".join(map(str, frame.columns[:12]))}
    sheets = frame.attrs["sheets"]
    return (info, [{"label": s, "value": s} for s in sheets], frame.attrs["sheet"],
            *[columns for _ in ALL_FIELDS], *[mapping.get(f) for f in ALL_FIELDS], *styles, *labels, required)


@callback(
    Output(f"{P}-summary", "children"), Output(f"{P}-report", "children"), Output(f"{P}-map", "figure"),
    Output(f"{P}-result", "data"), Output(f"{P}-keep", "disabled"), Output(f"{P}-report-link", "href"),
    Output(f"{P}-report-link", "hidden"), Output(f"{P}-map", "style"), Output(f"{P}-map-legend", "children"),
    Input(f"{P}-job", "data"),
    State(f"{P}-upload", "contents"), State(f"{P}-upload", "filename"), State(f"{P}-sheet", "value"),
    State(f"{P}-header", "value"), State(f"{P}-kind", "value"), [State(f"{P}-map-{f}", "value") for f in ALL_FIELDS],
    State(f"{P}-source", "value"), State(f"{P}-licence", "value"), State(f"{P}-unit", "value"),
    State(f"{P}-label", "value"),
    running=[(Output(f"{P}-run", "disabled"), True, False),
             (Output(f"{P}-running-text", "hidden"), False, True),
             (Output(f"{P}-poll", "disabled"), False, True), (Output(f"{P}-progress", "hidden"), False, True)],
    prevent_initial_call=True,
)
def run_import(job, contents, filename, sheet, header, kind, *rest):
    if not job:
        return (no_update,) * 9
    start_job(job)
    try:
        return _run_import(job, contents, filename, sheet, header, kind, *rest)
    finally:
        end_job(job)


def _run_import(job, contents, filename, sheet, header, kind, *rest):
    mapped, (source, licence, unit, label) = rest[:len(ALL_FIELDS)], rest[len(ALL_FIELDS):]
    hidden = ({"display": "none"}, None)
    if not contents:
        return dbc.Alert(_("Upload a file first."), color="warning"), None, {}, None, True, "#", True, *hidden
    content = _content(contents)
    mapping = {f: c for f, c in zip(ALL_FIELDS, mapped) if c}
    try:
        frame = read_table(content, filename or "", sheet=_sheet(sheet), header_row=_row(header))
        check_request(kind, mapping, list(frame.columns), (source or "").strip(), (licence or "").strip())
        result = import_table(frame, kind, mapping, get_layer().regions, progress=lambda done, total: write_progress(
            job, "locating" if done < total else "checking", done, total))
    except ImportError_ as exc:
        return dbc.Alert(str(exc), color="danger" if exc.code != "missing_fields" else "warning"), None, {}, None, \
            True, "#", True, *hidden
    except Exception:  # noqa: BLE001 - a failed import must say so, never answer an empty response
        log.exception("import failed")
        return dbc.Alert(_("The import failed on the server. Nothing was kept; please try again, and if it fails "
                           "again send the file to the atlas team."), color="danger"), None, {}, None, True, "#", True, *hidden
    href = table_href(TableDownload(result.report, _("Import report"), "import-report"), "csv")
    stem = (filename or _("Imported indicator")).rsplit(".", 1)[0]
    payload = json.dumps({**json.loads(result_json(result, source.strip(), licence.strip(), (unit or "").strip(),
                                                   (label or "").strip() or stem)), "file": (filename or "")[:120]},
                         ensure_ascii=False)
    figure, legend_block = imported_map(get_layer(), result, source.strip(), (unit or "").strip())
    shown = {"height": "var(--atlas-map-height)"} if legend_block else {"display": "none"}
    return (summary_block(result, source.strip()), report_table(result.report), figure, payload, result.rows.empty,
            href, False, shown, legend_block)


clientside_callback(
    """
    function(n) {
        if (!n) { return window.dash_clientside.no_update; }
        const bytes = new Uint8Array(16);
        window.crypto.getRandomValues(bytes);
        return Array.from(bytes, b => b.toString(16).padStart(2, "0")).join("");
    }
    """,
    Output(f"{P}-job", "data"), Input(f"{P}-run", "n_clicks"),
    prevent_initial_call=True,
)


# The outcome of "Check and locate" is shown at the top of the right column, while the button sits at the foot
# of the long form: without this the user, scrolled down to the button, saw nothing happen.
clientside_callback(
    f"""
    function(summary) {{
        const shown = document.getElementById("{P}-summary");
        if (shown && summary) {{
            const top = shown.getBoundingClientRect().top;
            if (top < 0 || top > window.innerHeight - 80) {{ shown.scrollIntoView({{block: "start"}}); }}
        }}
        return window.dash_clientside.no_update;
    }}
    """,
    Output(f"{P}-scrolled", "data"), Input(f"{P}-summary", "children"),
    prevent_initial_call=True,
)


@callback(Output(f"{P}-progress", "children"), Input(f"{P}-poll", "n_intervals"), State(f"{P}-job", "data"),
          prevent_initial_call=True)
def show_progress(_n, job):
    """The live row count of the running import (any worker can answer: the record is a file, not memory)."""
    return progress_text(read_progress(job)) or no_update


@callback(
    Output("imported-layers", "data"), Output(f"{P}-kept", "children"),
    Input(f"{P}-keep", "n_clicks"), State(f"{P}-result", "data"), State("imported-layers", "data"),
    prevent_initial_call=True,
)
def keep_layer(n, payload, layers):
    if not n or not payload:
        return no_update, no_update
    item = json.loads(payload)
    item.setdefault("imported_at", dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    same = imported_id(item)
    layers = [layer for layer in (layers or []) if isinstance(layer, dict) and imported_id(layer) != same][-(MAX_KEPT - 1):]
    layers.append(item)
    size = len(json.dumps(layers, ensure_ascii=False))
    if size > MAX_STORED_CHARS:
        return no_update, dbc.Alert(
            _("Too large to keep in this browser (%(size)s million characters with the lists already kept; browsers "
              "keep about %(limit)s). Remove older lists on this page, keep only the columns you need, or ask your "
              "deployment to add the list for everyone with python -m data.import.")
            % {"size": decimal(size / 1e6, 1), "limit": decimal(MAX_STORED_CHARS / 1e6, 0)}, color="warning")
    where = _where(item)
    kept = ngettext("Kept in this browser (%(count)d imported list); not sent to or stored on the server. See it on "
                    "the %(link)s.",
                    "Kept in this browser (%(count)d imported lists); not sent to or stored on the server. See it on "
                    "the %(link)s.", len(layers))
    return layers, html.Span(sentence(kept.replace("%(count)d", str(len(layers))),
                                      link=html.A(where[0], href=where[1], id=f"{P}-see-it")))


def _where(item: dict) -> tuple[str, str]:
    return {"clusters": (_("Clusters page"), "/clusters"), "priorities": (_("Strategies page"), "/strategies"),
            "indicator": (_("map explorer"), f"/technology?indicator={imported_id(item)}")}.get(item.get("kind"),
                                                                                                ("", "/"))


# The "id" input makes it fire when the page renders, not only when the app-wide store changes.
@callback(Output(f"{P}-kept-lists", "children"), Input("imported-layers", "data"), Input(f"{P}-kept-lists", "id"))
def list_kept(layers, _rendered):
    items = [item for item in (layers if isinstance(layers, list) else []) if isinstance(item, dict)]
    if not items:
        return html.P(_("None yet. Lists you keep stay in this browser only (its local storage), until you remove "
                        "them."),
                      className="small text-muted")
    rows = []
    for n, item in enumerate(items):
        name, href = _where(item)
        kind = _(KIND_LABELS.get(item.get("kind"), N_("List")))
        title = item.get("label") if item.get("kind") == "indicator" and item.get("label") else \
            f"{kind}: {item['file']}" if item.get("file") else kind
        rows.append(dbc.ListGroupItem([
            html.Div([html.Strong(str(title)), " — " + ngettext(
                "%(source)s (%(licence)s); %(count)d located row; kept %(date)s",
                "%(source)s (%(licence)s); %(count)d located rows; kept %(date)s", len(item.get("rows") or []))
                % {"source": item.get("source", ""), "licence": item.get("licence", ""),
                   "count": len(item.get("rows") or []), "date": str(item.get("imported_at") or "")[:10]}]),
            html.A(_("Open on the %(page)s") % {"page": name}, href=href, className="small me-3") if name else None,
            html.Button(_("Remove"), id={"type": f"{P}-remove", "index": n}, n_clicks=0,
                        className="btn btn-link btn-sm text-danger p-0"),
        ]))
    return dbc.ListGroup(rows, id=f"{P}-kept-list")


@callback(Output("imported-layers", "data", allow_duplicate=True), Output(f"{P}-kept", "children", allow_duplicate=True),
          Input({"type": f"{P}-remove", "index": ALL}, "n_clicks"), State("imported-layers", "data"),
          prevent_initial_call=True)
def remove_kept(_clicks, layers):
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not ctx.triggered or not ctx.triggered[0]["value"]:
        return no_update, no_update
    items = list(layers if isinstance(layers, list) else [])
    if 0 <= trigger["index"] < len(items):
        removed = items.pop(trigger["index"])
        removed = removed if isinstance(removed, dict) else {}
        name = removed.get("label") or removed.get("file") or removed.get("source") or _("the list")
        return items, _("Removed “%(name)s” from this browser.") % {"name": name}
    return items, no_update
