"""The Technology centres overlay's controls, legend and hub card slot (one block in the explorer's controls)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from components.ids import PageIds
from data.hubs import HIGH_INTENSITY, INTENSITIES, TYPES, HubData
from figures.hubs_overlay import TYPE_COLOURS


def hubs_controls(ids: PageIds, data: HubData) -> html.Div:
    return html.Div([
        dbc.Switch(id=ids("hubs-show"), label="Technology centres (EDIH catalogue)", value=False, className="mb-1"),
        dbc.Collapse([
            dbc.Label("Offering", html_for=ids.dom("hubs-technology"), className="small mb-0"),
            dcc.Dropdown(id=ids("hubs-technology"), options=data.technology_labels, value=[], multi=True,
                         placeholder="Any technology", className="mb-1"),
            dbc.Label("At intensity at least", html_for=ids.dom("hubs-intensity"), className="small mb-0"),
            dcc.Dropdown(id=ids("hubs-intensity"), options=[{"label": f"{n} of 5", "value": n} for n in INTENSITIES],
                         value=HIGH_INTENSITY, clearable=False, searchable=False, className="mb-1"),
            dbc.Checklist(id=ids("hubs-type"), options=list(TYPES), value=list(TYPES), inline=True,
                          className="small mb-1"),
            html.Div(id=ids("hubs-legend"), className="small atlas-hubs-legend"),
            html.A("Download these hubs (CSV)", id=ids("hubs-download"), href="/api/hubs.csv", className="small"),
        ], id=ids("hubs-options"), is_open=False),
    ], className="atlas-hubs mb-2")


def hubs_legend(counts: dict[str, int], unplaced: int, filters: dict[str, str]) -> list:
    """Dots by type with counts, what is filtered, and how many hubs have no point on the map."""
    items = [html.Span([html.Span(className="atlas-hub-dot", style={"background": TYPE_COLOURS[t]}), f"{t} ({n})"],
                       className="me-2") for t, n in counts.items()]
    note = "; ".join(f"{k}: {v}" for k, v in filters.items()) or "all hubs"
    extra = (f" {unplaced} hub(s) not drawn (located by postcode only, or in an outermost region); all are in "
             "the download." if unplaced else "")
    return [html.Div(items), html.Div(f"Filter: {note}.{extra} Click a point for its card. Source: European "
                                      "Commission, EDIH catalogue (5 May 2025), CC BY 4.0.", className="text-muted")]
