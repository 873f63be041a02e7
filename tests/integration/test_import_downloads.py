"""Issue 16.6: numbers in downloads of imported lists stay numbers (typed in Excel, plain in CSV, negatives
included); only text a spreadsheet would run as a formula is neutralised. Files are read back."""

from __future__ import annotations

import base64
import io
import json

import openpyxl
import pandas as pd

from components.organisations import organisations_csv_href, organisations_xlsx_href
from data.importing import auto_mapping, import_table, read_table, result_json

LIST = ("name;lat;lon;postcode;Note\nPorto cluster;41.1496;-8.6109;4000-322;=HYPERLINK(\"http://evil.example\",\"x\")\n"
        "Dresden cluster;51.0504;13.7373;01067;-1+2\n")


def kept_list(layer) -> dict:
    """The list as the browser keeps it (JSON round trip), ready for the organisation downloads."""
    frame = read_table(LIST.encode("utf-8"))
    result = import_table(frame, "clusters", auto_mapping(frame, "clusters"), layer.regions)
    return json.loads(result_json(result, "Test register", "CC BY 4.0"))


def body(href: str) -> bytes:
    return base64.b64decode(href.split(",", 1)[1])


def test_csv_download_writes_negative_coordinates_plain(layer):
    text = body(organisations_csv_href(kept_list(layer))).decode("utf-8-sig")
    frame = pd.read_csv(io.StringIO(text), dtype=str)
    porto = frame.set_index("name").loc["Porto cluster"]
    assert porto.lon == "-8.6109" and porto.lat == "41.1496" and "'-8.6109" not in text
    assert porto.Note.startswith("'=HYPERLINK") and frame.set_index("name").loc["Dresden cluster"].Note == "'-1+2"
    assert frame.set_index("name").loc["Dresden cluster"].postcode == "01067"


def test_excel_download_types_coordinates_as_numbers(layer):
    book = openpyxl.load_workbook(io.BytesIO(body(organisations_xlsx_href(kept_list(layer)))))
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    rows = {r[header.index("name")].value: r for r in sheet.iter_rows(min_row=2)}
    lon, lat = rows["Porto cluster"][header.index("lon")], rows["Porto cluster"][header.index("lat")]
    assert lon.data_type == "n" and lon.value == -8.6109 and lat.data_type == "n" and lat.value == 41.1496
    postcode = rows["Dresden cluster"][header.index("postcode")]
    assert postcode.data_type == "s" and postcode.value == "01067"
    note = rows["Porto cluster"][header.index("Note")]
    assert note.data_type == "s" and note.value.startswith("'=HYPERLINK")
