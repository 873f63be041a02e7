"""Every format of the downloads' one ``FORMATS`` table, written from the tiny layer's rows and read back: the same
values (no data empty or null, never zero), formula text neutralised, and the source, licence and filters named in
the file itself."""

from __future__ import annotations

import io
import json
import math
import zipfile

import openpyxl
import pandas as pd
import pytest
from tiny import NUTS2_SHARE

from domain.provenance import sources_of
from domain.rows import value_rows
from domain.view import ViewState
from downloads.formats import FORMATS, DownloadView

STATE = ViewState(indicator="share", level=2, year=2020)
EXPECTED = {code: NUTS2_SHARE.get((code, 2020)) for code in ("AT11", "AT12", "BE11", "BE12")}


def _view(tiny_layer) -> DownloadView:
    rows = value_rows(tiny_layer, "share", 2, [2020])
    rows.loc[rows.nuts_id == "AT12", "note"] = "=HYPERLINK(\"http://evil.example\")"
    return DownloadView(page="technology", state=STATE, rows=rows, all_years=False, countries=(), title="Share, 2020",
                        query="http://atlas/technology?indicator=share&level=2&year=2020",
                        sources=sources_of(tiny_layer, ["synthetic"]), notes=["A note."], generated_at="2026-12-07",
                        layer_version={"hash": "tiny", "built_at": "2026-12-01", "nuts_version": 2021})


def _csv_values(body: bytes, sep: str = ",", decimal: str = ".") -> tuple[dict, pd.DataFrame]:
    frame = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig", dtype={"value": "float64"}, keep_default_na=False,
                        na_values={"value": [""]}, sep=sep, decimal=decimal)
    return {r.nuts_id: None if math.isnan(r.value) else r.value for r in frame.itertuples()}, frame


def _read_back(extension: str, body: bytes) -> tuple[dict, str, str]:
    """(values by region, the AT12 note as written, the file's words about sources) of a written file."""
    if extension in ("csv", "csv-excel"):
        values, frame = _csv_values(body, *((";", ",") if extension == "csv-excel" else (",", ".")))
        return values, frame.set_index("nuts_id").note["AT12"], ""
    if extension == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        rows = list(book["data"].iter_rows(values_only=True))
        header = list(rows[0])
        records = [dict(zip(header, row)) for row in rows[1:]]
        about = " ".join(str(c) for row in book["about"].iter_rows(values_only=True) for c in row)
        return ({r["nuts_id"]: r["value"] for r in records}, next(r["note"] for r in records if r["nuts_id"] == "AT12"),
                about)
    if extension == "geojson":
        document = json.loads(body)
        props = {f["properties"]["nuts_id"]: f["properties"] for f in document["features"]}
        assert all(f["geometry"]["type"] == "Polygon" for f in document["features"])
        return ({c: p["value"] for c, p in props.items()}, props["AT12"]["note"],
                json.dumps(document["metadata"]["sources"]))
    with zipfile.ZipFile(io.BytesIO(body)) as package:
        values, frame = _csv_values(package.read("data.csv"))
        return values, frame.set_index("nuts_id").note["AT12"], package.read("datapackage.json").decode()


@pytest.mark.parametrize("extension", sorted(FORMATS))
def test_each_format_holds_the_views_values_and_no_data_is_never_zero(tiny_layer, extension):
    fmt = FORMATS[extension]
    body = fmt.write(_view(tiny_layer), tiny_layer)
    assert isinstance(body, bytes) and body and fmt.extension == extension.split("-")[0] and fmt.label and fmt.short_label
    values, _, _ = _read_back(extension, body)
    assert values == EXPECTED


@pytest.mark.parametrize("extension", ["csv", "xlsx", "zip"])
def test_formula_text_is_written_as_text_in_what_a_spreadsheet_opens(tiny_layer, extension):
    _, note, _ = _read_back(extension, FORMATS[extension].write(_view(tiny_layer), tiny_layer))
    assert note.startswith("'=HYPERLINK")


@pytest.mark.parametrize("extension", ["xlsx", "geojson", "zip"])
def test_the_file_names_its_source_and_licence(tiny_layer, extension):
    _, _, words = _read_back(extension, FORMATS[extension].write(_view(tiny_layer), tiny_layer))
    assert "Synthetic synthetic" in words and ("CC BY 4.0" in words or "CC-BY-4.0" in words)


def test_the_data_package_describes_every_column_and_the_unit(tiny_layer):
    with zipfile.ZipFile(io.BytesIO(FORMATS["zip"].write(_view(tiny_layer), tiny_layer))) as package:
        descriptor = json.loads(package.read("datapackage.json"))
    fields = descriptor["resources"][0]["schema"]["fields"]
    assert [f["name"] for f in fields] == list(_view(tiny_layer).rows.columns)
    assert next(f for f in fields if f["name"] == "value")["unit"] == "% enterprises"
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0" and descriptor["version"] == "tiny"
    assert descriptor["name"] == "cluster-atlas-share-nuts2-2020"
