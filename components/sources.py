"""The Sources page content: every registered source, its licence and what it feeds."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from data.layer import Layer
from data.layer.memo import layer_memo
from domain.i18n import gettext as _
from domain.i18n import ngettext


def sources_overview(layer: Layer) -> list[dict]:
    """One record per source with its citation, licence, files and the indicators it feeds."""
    catalog = layer.catalog
    records = []
    for source in layer.sources.values():
        fed = catalog[catalog.source_id == source.id]
        records.append({
            "id": source.id,
            "title": source.title,
            "short_name": source.short_name,
            "publisher": source.publisher,
            "licence": source.licence,
            "licence_url": source.licence_url,
            "citation": source.citation,
            "landing_page": source.landing_page,
            "published": source.published,
            "accessed": source.accessed,
            "experimental": bool(getattr(source, "experimental", False)),
            "note": getattr(source, "note", None) or "",
            "files": [{"path": f.path, "sha256": f.sha256, "derived": f.derived} for f in source.files if not f.optional],
            "indicators": fed[["indicator_id", "label", "unit", "levels", "years"]].to_dict("records"),
        })
    return records


def _years(years: list[int]) -> str:
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])


def source_cards(layer: Layer) -> list[dbc.Card]:
    """Every source's card, built once per layer and language (about 1,500 components: most of the Sources page's
    cost). The cards are shared between requests and only ever read (Dash serialises them)."""
    return list(_source_cards(layer))


@layer_memo(maxsize=16, max_bytes=16 * 1024 * 1024)
def _source_cards(layer: Layer) -> tuple[dbc.Card, ...]:
    return tuple(source_card(record) for record in sources_overview(layer))


def source_card(record: dict) -> dbc.Card:
    count = len(record["indicators"])
    rows = [html.Tr([html.Td(i["label"]), html.Td(html.Code(i["indicator_id"])), html.Td(i["unit"]),
                     html.Td(", ".join(f"NUTS {lv}" if lv else _("country") for lv in i["levels"])),
                     html.Td(_years(i["years"]))]) for i in record["indicators"]]
    table = dbc.Table([html.Thead(html.Tr([html.Th(h) for h in (_("Indicator"), "id", _("Unit"), _("Levels"), _("Years"))])),
                       html.Tbody(rows)], size="sm", responsive=True, className="mb-0") if rows else None
    return dbc.Card([
        dbc.CardHeader(html.H2(record["title"], className="h5 mb-0"), id=f"source-{record['id']}"),
        dbc.CardBody([
            html.Dl([
                html.Dt(_("Publisher")), html.Dd(record["publisher"]),
                html.Dt(_("Licence")), html.Dd(html.A(record["licence"], href=record["licence_url"], rel="noopener")),
                html.Dt(_("Cite as")), html.Dd(record["citation"]),
                *([html.Dt(_("Status")), html.Dd(_("Experimental indicators (the publisher's own label): not official "
                                                   "statistics, not peer-reviewed."), className="text-warning-emphasis")]
                  if record.get("experimental") else []),
                *([html.Dt(_("Note")), html.Dd(record["note"])] if record.get("note") else []),
                html.Dt(_("Published / accessed")), html.Dd(f"{record['published']} / {record['accessed']}"),
                html.Dt(_("Official page")),
                html.Dd(html.A(record["landing_page"], href=record["landing_page"], rel="noopener")),
                html.Dt(_("Files (sha256 checked at build)")),
                html.Dd(html.Ul([html.Li([html.Code(f["path"]), " " + _("(derived: format change only)")
                                          if f["derived"] else ""])
                                 for f in record["files"]], className="mb-0")),
            ], className="atlas-dl"),
            html.H3(ngettext("Feeds %(count)d indicator", "Feeds %(count)d indicators", count) % {"count": count}
                    if rows else _("Used for geometry / recoding tables"), className="h6"),
            table,
        ]),
    ], className="mb-3")
