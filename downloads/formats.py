"""File writers: ``FORMATS`` is the one table of download formats, for a view's rows (a ``DownloadView``) and for
any list (a ``TableDownload``: technology centres, imported organisations, the gap view, partner regions). Text
that a spreadsheet could read as a formula is neutralised."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from data.layer import InvalidChoice, Layer
from domain.files import FileFormat, file_format
from domain.formatting import format_day
from domain.i18n import N_, current_language, pgettext
from domain.i18n import gettext as _
from domain.rows import COLUMNS
from kinds.rows import DownloadView

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
APP_NAME = "Cluster Atlas"
APP_VERSION = "0.1"
NUMBER_COLUMNS = ("level", "year", "value", "nuts_version")
TEXT_COLUMNS = [c for c in COLUMNS if c not in NUMBER_COLUMNS]
DESCRIPTIONS = {
    "nuts_id": N_("NUTS 2021 code"), "name": N_("Region name (Latin script)"), "level": N_("NUTS level (0 = country)"),
    "country": N_("Country code"), "indicator_id": N_("Indicator id in the Cluster Atlas catalogue"),
    "indicator": N_("Indicator"), "year": N_("Reference year"), "value": N_("Value (empty = no data)"),
    "unit": N_("Unit of the value"), "source": N_("Source (short name)"), "licence": N_("Licence of the source"),
    "flag": N_("How the value was obtained: empty = as published; renamed/recoded/minor_shift/merged_sum = NUTS "
               "recoding; derived = computed by Cluster Atlas (see the indicator's method); merged_area = the value of "
               "a merged area (a capital with its commuting belt), not of this region alone"),
    "note": N_("What must be read with the value: whose value it is (merged area) and the indicator's caveat "
               "(experimental data, the index's own reference)"),
    "nuts_version": N_("NUTS version of the code (every row is in NUTS 2021)"),
}
# The header a person reads in Excel in a language other than English (the CSV, JSON and English Excel keep the
# machine column ids, which never change; the about sheet maps each label to its id).
COLUMN_LABELS = {
    "nuts_id": N_("NUTS code"), "name": N_("Region"), "level": N_("NUTS level"), "country": N_("Country"),
    "indicator_id": N_("Indicator id"), "indicator": N_("Indicator"), "year": N_("Year"), "value": N_("Value"),
    "unit": N_("Unit"), "source": N_("Source"), "licence": N_("Licence"), "flag": N_("Flag"), "note": N_("Note"),
    "nuts_version": N_("NUTS version"),
}


def column_header(column: str) -> str:
    """A data sheet's header cell: the column id in English (as it always was), its label in other languages."""
    return column if current_language() == "en" else _(COLUMN_LABELS.get(column, column))


def sheet_name(name: str) -> str:
    """'data' and 'about' in the reader's language (the English names are unchanged)."""
    names = {"data": pgettext("sheet name", "data"), "about": pgettext("sheet name", "about")}
    return names.get(name, name)[:31]


PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


def neutralise(text):
    """Prefix a quote to text a spreadsheet would execute as a formula (OWASP CSV injection). A plain number
    written as text with a minus or a decimal point ('-8.6109', '41.15') is no formula: it comes back as a number,
    so it stays a number in CSV and is typed as one in Excel (whole numbers such as postcodes, and '+' numbers such
    as phone numbers, stay text)."""
    if isinstance(text, str) and PLAIN_NUMBER.fullmatch(text) and (text[0] == "-" or "." in text):
        return float(text) if "." in text else int(text)
    if isinstance(text, str) and text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def csv_text(frame: pd.DataFrame, float_format: str | None = None) -> str:
    """Every CSV the atlas writes: text fields quoted (a cell 'ok;=1+2;' cannot split into a formula in a
    semicolon-locale spreadsheet), headers neutralised like cells, numbers plain."""
    frame = frame.rename(columns=lambda c: neutralise(c) if isinstance(c, str) else c)
    return frame.to_csv(index=False, float_format=float_format, quoting=csv.QUOTE_NONNUMERIC)


def safe_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Neutralise formula-like text in every text column (vectorised: downloads can be large)."""
    rows = rows.copy()
    for col in TEXT_COLUMNS:
        text = rows[col].astype("string")
        risky = text.str.startswith(FORMULA_PREFIXES).fillna(False)
        if risky.any():
            rows[col] = text.where(~risky, "'" + text)
    return rows


def to_csv(view: DownloadView) -> bytes:
    """UTF-8 with BOM (Excel reads accents), one header row, empty value for no data."""
    return csv_text(safe_rows(view.rows), float_format="%.10g").encode("utf-8-sig")


def to_csv_excel(view: DownloadView) -> bytes:
    """The CSV a spreadsheet set to a decimal-comma locale (French, German, Spanish, Italian, Polish) opens in its
    columns: semicolon-separated, decimal comma, UTF-8 with BOM; the same rows, column ids and neutralised text as
    the CSV."""
    frame = safe_rows(view.rows).rename(columns=lambda c: neutralise(c) if isinstance(c, str) else c)
    return frame.to_csv(index=False, sep=";", decimal=",", float_format="%.10g",
                        quoting=csv.QUOTE_NONNUMERIC).encode("utf-8-sig")


def to_xlsx(view: DownloadView) -> bytes:
    wb = Workbook(write_only=True)
    data = wb.create_sheet(sheet_name("data"))
    data.freeze_panes = "A2"
    widths = {"nuts_id": 10, "name": 34, "level": 7, "country": 9, "indicator_id": 28, "indicator": 40, "year": 7,
              "value": 14, "unit": 28, "source": 26, "licence": 24, "flag": 12, "note": 60, "nuts_version": 12}
    for i, col in enumerate(COLUMNS):
        data.column_dimensions[chr(ord("A") + i)].width = widths[col]
    last = chr(ord("A") + len(COLUMNS) - 1)
    data.auto_filter.ref = f"A1:{last}{len(view.rows) + 1}"
    bold = Font(bold=True)
    header = []
    for col in COLUMNS:
        cell = WriteOnlyCell(data, value=column_header(col))
        cell.font = bold
        header.append(cell)
    data.append(header)
    for record in zip(*xlsx_columns(safe_rows(view.rows)), strict=True):
        data.append(record)

    _about_sheet(wb, about_lines(view))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def xlsx_columns(rows: pd.DataFrame) -> list[list]:
    """The data sheet's columns as lists of cells: text as text, numbers as Python numbers, an empty cell (None)
    for no value. Column by column (``itertuples`` over Arrow-backed text boxed each cell through pandas)."""
    out = []
    for column in COLUMNS:
        cells = rows[column].tolist()
        if column == "value":
            cells = [None if value is None or value != value else float(value) for value in cells]
        elif column in ("year", "level", "nuts_version"):
            cells = [int(value) for value in cells]
        out.append(cells)
    return out


def about_lines(view: DownloadView) -> list[tuple[str, str]]:
    """The about sheet: what the file is, its filters, what an empty cell means, its columns and its sources with
    their licences (source titles and citations as published)."""
    lines = [(_("Title"), view.title), (_("View URL"), view.query), (_("Generated at"), view.generated_at),
             (_("Application"), f"{APP_NAME} {APP_VERSION}")]
    if view.layer_version:
        lines += [(_("Data layer"), view.layer_version["hash"]),
                  (_("Layer built at"), format_day(view.layer_version["built_at"])
                   if current_language() != "en" else view.layer_version["built_at"]),
                  (_("NUTS version"), str(view.layer_version["nuts_version"]))]
    lines += [(_("Filter: %(name)s") % {"name": k}, v) for k, v in view.filters.items()]
    lines += [(_("Note"), n) for n in view.notes]
    lines.append((_("Missing values"), _("An empty value means no data for that region and year (never zero).")))
    if current_language() != "en":
        lines += [(_("Column %(label)s") % {"label": column_header(c)}, f"{c}: {_(DESCRIPTIONS[c])}") for c in COLUMNS]
    for s in view.sources:
        licence = f"{s['licence']} ({s['licence_url']})" if s["licence_url"] else s["licence"]
        lines += [(_("Source"), s["title"]), ("  " + _("Cite as"), s["citation"]), ("  " + _("Licence"), licence)]
        lines += [("  " + _("Data date"), format_day(s["data_date"]))] if s.get("data_date") else []
        lines += [("  URL", s["url"])] if s["url"] else []
    return lines


def _about_sheet(wb: Workbook, lines: list[tuple[str, str]]) -> None:
    about = wb.create_sheet(sheet_name("about"))
    about.column_dimensions["A"].width = 22
    about.column_dimensions["B"].width = 110
    for label, text in lines:
        about.append([neutralise(label), neutralise(str(text))])


def table_xlsx(frame: pd.DataFrame, title: str, filters: dict[str, str], sources: list[dict[str, str]]) -> bytes:
    """Any table (an imported list, a gap view) as Excel: a formula-safe data sheet and an about sheet naming the
    filters, the date and each source with its licence."""
    wb = Workbook(write_only=True)
    data = wb.create_sheet(sheet_name("data"))
    data.freeze_panes = "A2"
    data.append([neutralise(str(c)) for c in frame.columns])
    for record in frame.itertuples(index=False, name=None):
        data.append([None if v is None or (isinstance(v, float) and np.isnan(v)) else
                     neutralise(v) if isinstance(v, str) else v.item() if isinstance(v, np.generic) else v
                     for v in record])
    lines = [(_("Title"), title), (_("Generated at"), dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
             (_("Application"), f"{APP_NAME} {APP_VERSION}")]
    lines += [(_("Filter: %(name)s") % {"name": k}, v) for k, v in filters.items()]
    for s in sources:
        lines += [(_("Source"), s["title"]), ("  " + _("Licence"), s["licence"])]
        lines += [("  " + _("Note"), s["note"])] if s.get("note") else []
    _about_sheet(wb, lines)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def data_href(body: bytes, mimetype: str) -> str:
    """A download link that carries its file (for lists held in the browser, which the server never stores)."""
    return f"data:{mimetype};base64," + base64.b64encode(body).decode("ascii")


def metadata(view: DownloadView) -> dict:
    return {"title": view.title, "view_url": view.query, "generated_at": view.generated_at,
            "application": f"{APP_NAME} {APP_VERSION}", "layer": view.layer_version, "filters": view.filters,
            "notes": view.notes,
            "sources": view.sources, "missing_values": "null = no data (never zero)"}


def to_geojson(view: DownloadView, layer: Layer) -> bytes:
    """Regions with the view's properties and geometry from the layer.

    One feature per region; for an all-years view the values come as a
    ``values`` object keyed by year, so geometry is not repeated per year.
    """
    geo = layer.regions[["nuts_id", "geometry"]]
    rows = view.rows
    if view.all_years:
        per_region = rows.dropna(subset=["value"]).groupby("nuts_id").apply(
            lambda g: json.dumps({str(int(y)): float(v) for y, v in zip(g.year, g.value)}), include_groups=False)
        first = rows.drop_duplicates("nuts_id").drop(columns=["year", "value"])
        first["values"] = first.nuts_id.map(per_region).fillna("{}")
        columns = [c for c in COLUMNS if c not in ("year", "value")] + ["values"]
        merged = geo.merge(first, on="nuts_id", how="inner")[columns + ["geometry"]]
    else:
        merged = geo.merge(rows, on="nuts_id", how="inner").astype({"value": "float64"})[COLUMNS + ["geometry"]]
    features = json.loads(merged.to_json(na="null", drop_id=True))
    if view.all_years:
        for feature in features["features"]:
            feature["properties"]["values"] = json.loads(feature["properties"]["values"])
    features["metadata"] = metadata(view)
    return json.dumps(features, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def datapackage(view: DownloadView) -> dict:
    unit = view.rows.unit.iloc[0] if len(view.rows) else ""
    types = {"level": "integer", "year": "integer", "value": "number", "nuts_version": "integer"}
    fields = [{"name": c, "type": types.get(c, "string"), "description": DESCRIPTIONS[c]} for c in COLUMNS]
    fields[COLUMNS.index("value")]["unit"] = unit
    return {
        "profile": "tabular-data-package",
        "name": view.file_stem.lower().replace("_", "-"),
        "title": view.title,
        "description": "Download of a Cluster Atlas view. View URL: " + view.query,
        "created": view.generated_at,
        **({"version": view.layer_version["hash"]} if view.layer_version else {}),
        "licenses": [{"name": s.get("licence_spdx") or s["licence"], "title": s["title"], **({"path": s["licence_url"]} if s["licence_url"] else {})}
                     for s in view.sources],
        "sources": [{"title": s["title"], "description": s["citation"], **({"path": s["url"]} if s["url"] else {})}
                    for s in view.sources],
        "resources": [{
            "name": "data", "path": "data.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8-sig",
            "schema": {"fields": fields, "missingValues": [""], "primaryKey": ["nuts_id", "year"]},
        }],
        "cluster_atlas": metadata(view),
    }


def to_zip(view: DownloadView) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("data.csv", to_csv(view))
        z.writestr("datapackage.json", json.dumps(datapackage(view), ensure_ascii=False, indent=1))
    return buffer.getvalue()


def safe_rows_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Neutralise formula-like text in every text column of any table (imported lists, gap views, partners)."""
    frame = frame.rename(columns=lambda c: neutralise(c) if isinstance(c, str) else c)
    for col in frame.columns:
        if frame[col].dtype == object or str(frame[col].dtype).startswith("str"):
            frame[col] = frame[col].map(neutralise)
    return frame


@dataclass(frozen=True)
class TableDownload:
    """Any list as a file: its rows, title, filters and sources (``{title, licence, note}``), the file's name
    without extension, how its decimals are written in CSV, and what a GeoJSON file says about it."""

    frame: pd.DataFrame
    title: str
    stem: str
    filters: dict[str, str] = field(default_factory=dict)
    sources: list[dict[str, str]] = field(default_factory=list)
    float_format: str | None = None
    about: dict = field(default_factory=dict)


def table_csv(table: TableDownload) -> bytes:
    """UTF-8 with BOM, formula-safe, empty for no data."""
    return csv_text(safe_rows_frame(table.frame), float_format=table.float_format).encode("utf-8-sig")


def table_geojson(table: TableDownload) -> bytes:
    """A list with ``lat`` and ``lon`` columns as points (a row without coordinates has no geometry)."""
    if not {"lat", "lon"} <= set(table.frame.columns):
        raise InvalidChoice("format", "This list has no coordinates to write as GeoJSON.", ["csv", "xlsx"])
    features = []
    for record in table.frame.to_dict("records"):
        lat, lon = record.pop("lat"), record.pop("lon")
        geometry = None if pd.isna(lat) else {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]}
        properties = {k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in record.items()}
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    body = {"type": "FeatureCollection", "features": features, "metadata": table.about}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def table_file(table: TableDownload, extension: str, formats: dict[str, FileFormat] | None = None) -> bytes:
    """The list in one format of `formats` (all of ``FORMATS`` by default); a 400 for any other."""
    file = file_format(formats or FORMATS, extension)
    if file.write_table is None:
        raise InvalidChoice("format", f"A list is not written as {extension!r}.", list_extensions(formats or FORMATS))
    return file.write_table(table)


def list_extensions(formats: dict[str, FileFormat]) -> list[str]:
    return [ext for ext, file in formats.items() if file.write_table is not None]


def table_href(table: TableDownload, extension: str) -> str:
    """A list held in the browser as a link that carries its file (the server never stores it)."""
    media_type = FORMATS[extension].media_type + (";charset=utf-8" if extension == "csv" else "")
    return data_href(table_file(table, extension), media_type)


# Labels are marked for translation (N_): a menu shows them with gettext.
FORMATS: dict[str, FileFormat] = {
    "csv": FileFormat("csv", "text/csv", N_("CSV (this year)"), "CSV", lambda view, layer: to_csv(view), table_csv),
    "csv-excel": FileFormat("csv", "text/csv", N_("CSV for Excel with a decimal comma (semicolon-separated)"),
                            N_("CSV (semicolon)"), lambda view, layer: to_csv_excel(view)),
    "xlsx": FileFormat("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       N_("Excel with sources"), "Excel", lambda view, layer: to_xlsx(view),
                       lambda t: table_xlsx(t.frame, t.title, t.filters, t.sources)),
    "geojson": FileFormat("geojson", "application/geo+json", N_("GeoJSON with geometry"), "GeoJSON", to_geojson,
                          table_geojson),
    "zip": FileFormat("zip", "application/zip", N_("Data package (CSV + datapackage.json)"), N_("data package"),
                      lambda view, layer: to_zip(view)),
}
