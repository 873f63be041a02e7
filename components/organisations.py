"""Imported cluster organisations: points and counts per region, filtered by sector (data kept in the browser)."""

from __future__ import annotations

import plotly.graph_objects as go
from dash import html

from components.legend import legend
from data.layer import LEVEL_NAMES, Layer
from domain.classify import method_label
from domain.organisations import coordinate, located, organisation_counts, organisations_frame
from domain.s3 import centroids
from downloads.formats import FORMATS as DOWNLOAD_FORMATS
from downloads.formats import csv_text, data_href, safe_rows_frame, table_xlsx
from figures.choropleth import add_source_note, apply_update, build_base_figure, value_updates
from figures.text import plain_text


def list_label(n: int, imported: dict, noun: str) -> str:
    """How a list is named in pickers: number, source, size, and whether it is shared or only in this browser."""
    where = "shared by this atlas" if imported.get("shared") else "this browser"
    return f"{n + 1}. {imported.get('source', 'list')} ({len(imported['rows'])} {noun}; {where})"


def organisations_legend(layer: Layer, imported: dict, level: int, chosen: list[str] | None = None) -> html.Div:
    counts, classes = organisation_counts(layer, imported, level, chosen)
    return legend(classes, "organisations per region", f"Cluster organisations ({LEVEL_NAMES[level]})",
                  method_label(classes), no_data_label="None in this list")


def organisations_figure(layer: Layer, imported: dict, level: int, chosen: list[str] | None = None) -> go.Figure:
    """Counts per region at `level` as a choropleth, organisations as points (coordinates, else the region's centre)."""
    indexed = located(imported, level, chosen)
    rows = [r for _, r in indexed]
    counts, classes = organisation_counts(layer, imported, level, chosen)
    source = str(imported.get("source") or "your list")
    fig = build_base_figure(layer, level, uirevision="organisations")
    apply_update(fig, value_updates(layer, level, counts, classes, f"Cluster organisations ({LEVEL_NAMES[level]})",
                                    "organisations", 0, source))
    centres = centroids(layer, sorted({r["nuts_id"] for r in rows})) if rows else {}
    lons, lats, texts, ids = [], [], [], []
    for n, row in indexed:
        lat, lon = coordinate(row.get("lat")), coordinate(row.get("lon"))
        if lat is None or lon is None:
            lon, lat = centres[row["nuts_id"]]
        lons.append(lon)
        lats.append(lat)
        texts.append(plain_text(f"{row.get('name', '')} · {row.get('sector', '')} ({row['nuts_id']})"))
        ids.append(n)
    fig.add_scattergeo(lon=lons, lat=lats, text=texts, customdata=ids, mode="markers", geo="geo",
                       marker={"size": 7, "color": "#d6336c", "line": {"color": "#ffffff", "width": 0.8}},
                       hovertemplate="%{text}<extra>" + plain_text(source[:40]) + "</extra>", name="organisations")
    return add_source_note(fig, f"{len(rows)} organisations. Source: {source[:80]} "
                                f"({str(imported.get('licence') or 'licence not stated')[:60]}), imported; not verified "
                                "by Cluster Atlas. Boundaries © EuroGeographics")


def organisations_csv_href(imported: dict, chosen: list[str] | None = None) -> str:
    """The shown organisations as a CSV data link (UTF-8 BOM, formula-safe)."""
    text = "\ufeff" + csv_text(safe_rows_frame(organisations_frame(imported, chosen)))
    return data_href(text.encode("utf-8"), "text/csv;charset=utf-8")


def organisations_xlsx_href(imported: dict, chosen: list[str] | None = None) -> str:
    """The shown organisations as Excel, with an about sheet naming the list's source, licence, filter and date."""
    source = {"title": str(imported.get("source") or "source not stated"),
              "licence": str(imported.get("licence") or "licence not stated"),
              "note": f"Imported into Cluster Atlas ({str(imported.get('imported_at') or '')[:10] or 'date not kept'}); "
                      "rows located in NUTS 2021 regions by its importer; not verified by Cluster Atlas."}
    body = table_xlsx(organisations_frame(imported, chosen), "Cluster organisations (imported list)",
                      {"sectors": ", ".join(chosen) if chosen else "all"}, [source])
    return data_href(body, DOWNLOAD_FORMATS["xlsx"].media_type)
