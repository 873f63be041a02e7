"""A compact table of catalogue indicators for a theme (levels, years, source)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from data.layer import Layer
from domain.i18n import gettext as _


def indicator_table(layer: Layer, themes: tuple[str, ...], table_id: str) -> dbc.Table:
    rows = layer.catalog[layer.catalog.theme.isin(themes)]
    body = [html.Tr([
        html.Td(r.label), html.Td(r.unit),
        html.Td(", ".join(_("country") if lv == 0 else f"NUTS {lv}" for lv in r.levels)),
        html.Td(f"{r.years[0]}–{r.years[-1]}" if len(r.years) > 1 else str(r.years[0])),
        html.Td(html.A(r.source_name, href=f"/sources#source-{r.source_id}")),
    ]) for r in rows.itertuples()]
    head = html.Thead(html.Tr([html.Th(h) for h in (_("Indicator"), _("Unit"), _("Levels"), _("Years"), _("Source"))]))
    return dbc.Table([head, html.Tbody(body)], size="sm", striped=True, responsive=True, id=table_id)
