"""Any list (technology centres, organisations, the gap view, partners) is written by the one FORMATS table:
read back, each file holds the rows, neutralised formulas, empty cells for no data and its sources."""

from __future__ import annotations

import io
import json

import numpy as np
import openpyxl
import pandas as pd
import pytest

from data.layer import InvalidChoice
from downloads.formats import FORMATS, TableDownload, list_extensions, table_file

FRAME = pd.DataFrame({"name": ["=HYPERLINK(\"http://x\")", "Kraków hub"], "score": [41.26, np.nan],
                      "lat": [50.06, np.nan], "lon": [19.94, np.nan]})
TABLE = TableDownload(FRAME, "Test list", "test-list", {"country": "PL"},
                      [{"title": "A source", "licence": "CC BY 4.0", "note": "as published"}], float_format="%.1f",
                      about={"title": "Test list"})


def test_the_list_formats_are_rows_of_the_one_table():
    assert list_extensions(FORMATS) == ["csv", "xlsx", "geojson"]
    with pytest.raises(InvalidChoice) as refused:
        table_file(TABLE, "zip")
    assert refused.value.valid == ["csv", "xlsx", "geojson"]


def test_csv_of_a_list_reads_back_safe_with_empty_for_no_data():
    body = table_file(TABLE, "csv")
    assert body.startswith("\ufeff".encode())
    back = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig")
    assert back.name[0].startswith("'=") and back.name[1] == "Kraków hub"
    assert back.score[0] == pytest.approx(41.3) and pd.isna(back.score[1])


def test_excel_of_a_list_has_an_about_sheet_naming_its_filters_and_sources():
    book = openpyxl.load_workbook(io.BytesIO(table_file(TABLE, "xlsx")))
    rows = list(book["data"].values)
    assert rows[1][0].startswith("'=") and rows[2][1] is None
    about = dict(row[:2] for row in book["about"].values)
    assert about["Title"] == "Test list" and about["Filter: country"] == "PL" and about["Source"] == "A source"


def test_geojson_of_a_list_is_points_and_a_list_without_coordinates_is_refused():
    body = json.loads(table_file(TABLE, "geojson"))
    assert body["features"][0]["geometry"] == {"type": "Point", "coordinates": [19.94, 50.06]}
    assert body["features"][1]["geometry"] is None and body["metadata"] == {"title": "Test list"}
    with pytest.raises(InvalidChoice):
        table_file(TableDownload(FRAME.drop(columns=["lat", "lon"]), "No places", "none"), "geojson")
