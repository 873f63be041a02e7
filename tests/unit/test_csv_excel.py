"""The semicolon CSV for decimal-comma spreadsheets keeps the formula neutralisation of every CSV (issue 28)."""

from __future__ import annotations

import csv
import io
from types import SimpleNamespace

import pandas as pd

from downloads.formats import FORMATS, to_csv_excel
from downloads.views import COLUMNS


def _rows() -> pd.DataFrame:
    row = {c: "" for c in COLUMNS} | {"nuts_id": "PL21", "name": "=HYPERLINK(\"http://x\")", "level": 2, "year": 2021,
                                      "value": 1234.5, "unit": "@SUM(A1)", "nuts_version": 2021}
    other = row | {"nuts_id": "PL22", "name": "Śląskie", "value": float("nan"), "unit": "% of GDP"}
    return pd.DataFrame([row, other])[COLUMNS]


def test_semicolons_decimal_comma_and_neutralised_formulas():
    body = to_csv_excel(SimpleNamespace(rows=_rows()))
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == COLUMNS
    first = dict(zip(COLUMNS, rows[1]))
    assert first["value"] == "1234,5" and first["name"].startswith("'=") and first["unit"].startswith("'@")
    assert dict(zip(COLUMNS, rows[2]))["value"] == ""
    frame = pd.read_csv(io.StringIO(body.decode("utf-8-sig")), sep=";", decimal=",")
    assert frame.value.iloc[0] == 1234.5 and frame.name.iloc[1] == "Śląskie"


def test_registered_once_with_its_label_and_csv_extension():
    file = FORMATS["csv-excel"]
    assert file.extension == "csv" and file.media_type == "text/csv" and "semicolon" in file.label
