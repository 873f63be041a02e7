"""Issue 28: downloads for readers with a decimal comma, and the Excel file's words in their language.

The semicolon CSV (``csv-excel``) is read back with Python's csv module and pandas ``decimal=","`` and compared with
the JSON API; the Excel file in Polish has Polish sheet names and header labels, an about sheet mapping each label to
its stable column id, and source titles and citations as published."""

from __future__ import annotations

import csv
import io
import math

import openpyxl
import pandas as pd
import pytest

from domain.i18n import use_language
from downloads.formats import to_xlsx
from downloads.views import COLUMNS, build_download_view
from tests.integration.test_downloads import QUERY, api_values, get

SHARE_QUERY = "indicator=emp_hightech_medhightech_manuf&level=2&year=2018"


@pytest.mark.parametrize("query", [QUERY, SHARE_QUERY])
def test_semicolon_csv_reads_back_with_decimal_commas(client, query):
    response = get(client, f"/download/technology.csv-excel?{query}")
    assert response.data.startswith(b"\xef\xbb\xbf") and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].endswith('.csv"')
    text = response.data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == COLUMNS and all(len(row) == len(COLUMNS) for row in rows)
    values = [row[COLUMNS.index("value")] for row in rows[1:]]
    assert any("," in v for v in values) and not any("." in v for v in values)
    frame = pd.read_csv(io.StringIO(text), sep=";", decimal=",", keep_default_na=False, na_values=[""])
    assert list(frame.columns) == COLUMNS and frame.value.dtype == float
    api = api_values(client, query)
    shown = dict(zip(frame.nuts_id, frame.value))
    assert set(shown) == set(api)
    for code, value in api.items():
        assert (value is None and math.isnan(shown[code])) or shown[code] == pytest.approx(value)
    plain = pd.read_csv(io.BytesIO(get(client, f"/download/technology.csv?{query}").data), encoding="utf-8-sig")
    assert plain.drop(columns="value").astype(str).equals(frame.drop(columns="value").astype(str))


def test_unknown_format_names_the_semicolon_variant(client):
    response = client.get(f"/download/technology.tsv?{QUERY}")
    assert response.status_code == 400
    assert "csv-excel" in response.get_json()["valid"]


def test_polish_excel_has_polish_words_and_stable_ids(client, layer):
    query = {k: [v] for k, v in (pair.split("=") for pair in QUERY.split("&"))}
    with client.application.app_context(), use_language("pl"):
        view = build_download_view("technology", query, layer, base_url="http://localhost")
        book = openpyxl.load_workbook(io.BytesIO(to_xlsx(view)))
    assert book.sheetnames == ["dane", "informacje"]
    header = [c.value for c in book["dane"][1]]
    assert header[:3] == ["Kod NUTS", "Region", "Poziom NUTS"] and "Wartość" in header
    lines = list(book["informacje"].iter_rows(values_only=True))
    about = dict(lines)
    assert about["Kolumna Wartość"].startswith("value: Wartość (pusta = brak danych)")
    assert all(any(str(text).startswith(f"{column}: ") for text in about.values()) for column in COLUMNS)
    assert about["Brakujące wartości"].startswith("Pusta wartość oznacza brak danych")
    assert ("Źródło", "Digital Economy and Society Index (DESI) 2022") in lines  # the source's title as published
    rows = {r[0]: r for r in book["dane"].iter_rows(min_row=2, values_only=True)}
    assert rows["DK"][COLUMNS.index("value")] == pytest.approx(23.8861)
