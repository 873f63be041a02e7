"""Downloads through the HTTP route, read back with pandas, openpyxl, geopandas and frictionless."""

from __future__ import annotations

import csv as csv_module
import io
import json
import zipfile

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest

from downloads.formats import to_csv, to_xlsx
from downloads.views import COLUMNS, build_download_view

QUERY = "indicator=desi_ai&level=0&year=2021"


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response


def api_values(client, query=QUERY):
    body = client.get(f"/api/values?{query}").get_json()
    return {v["nuts_id"]: v["value"] for v in body["values"]}


def test_csv_equals_api_with_bom_and_empty_for_no_data(client):
    response = get(client, f"/download/technology.csv?{QUERY}")
    assert response.data.startswith(b"\xef\xbb\xbf")
    assert "attachment" in response.headers["Content-Disposition"]
    frame = pd.read_csv(io.BytesIO(response.data), encoding="utf-8-sig", keep_default_na=False, na_values=[""])
    assert list(frame.columns) == COLUMNS
    values = dict(zip(frame.nuts_id, frame.value))
    api = api_values(client)
    assert set(values) == set(api)
    for code, value in api.items():
        assert (pd.isna(values[code]) and value is None) or values[code] == pytest.approx(value)
    assert frame.loc[frame.nuts_id == "DK", "value"].item() == pytest.approx(23.8861)
    assert pd.isna(frame.loc[frame.nuts_id == "NO", "value"].item())
    assert frame.source.unique().tolist() == ["DESI 2022"]


def test_xlsx_typed_numbers_and_about_sheet(client):
    response = get(client, f"/download/technology.xlsx?{QUERY}")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    data, about = book["data"], book["about"]
    assert data.freeze_panes == "A2" and data.auto_filter.ref.startswith("A1:")
    header = [c.value for c in data[1]]
    assert header == COLUMNS
    rows = {r[0]: r for r in data.iter_rows(min_row=2, values_only=True)}
    assert isinstance(rows["DK"][COLUMNS.index("value")], float)
    assert rows["DK"][COLUMNS.index("value")] == pytest.approx(23.8861)
    assert rows["NO"][COLUMNS.index("value")] is None
    text = "\n".join(f"{a} {b}" for a, b in about.iter_rows(values_only=True))
    assert "Digital Economy and Society Index (DESI) 2022" in text and "CC BY 4.0" in text
    assert "EuroGeographics" in text and "/technology?indicator=desi_ai" in text and "Generated at" in text


def test_geojson_has_geometry_properties_and_metadata(client, tmp_path):
    response = get(client, "/download/technology.geojson?indicator=emp_hightech_medhightech_manuf&level=2&year=2018")
    body = json.loads(response.data)
    assert body["metadata"]["sources"][0]["licence"] and body["metadata"]["filters"]["year"] == "2018"
    path = tmp_path / "view.geojson"
    path.write_bytes(response.data)
    frame = gpd.read_file(path)
    assert frame.geometry.notna().all()
    assert frame.set_index("nuts_id").value["PL21"] == pytest.approx(5.6)


def test_all_years_geojson_groups_values_per_region(client):
    body = json.loads(get(client, "/download/technology.geojson?indicator=desi_ai&level=0&years=all").data)
    dk = next(f for f in body["features"] if f["properties"]["nuts_id"] == "DK")
    assert dk["properties"]["values"]["2021"] == pytest.approx(23.8861)


def test_data_package_validates_with_frictionless(client, tmp_path):
    from frictionless import Package

    response = get(client, "/download/technology.zip?indicator=epo_patent_applications&level=3&years=all")
    with zipfile.ZipFile(io.BytesIO(response.data)) as z:
        z.extractall(tmp_path)
        names = set(z.namelist())
    assert names == {"data.csv", "datapackage.json"}
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    assert descriptor["resources"][0]["schema"]["fields"][COLUMNS.index("value")]["unit"] == "applications (fractional counts by inventor share)"
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    frame = pd.read_csv(tmp_path / "data.csv", encoding="utf-8-sig")
    munich = frame[(frame.nuts_id == "DE212") & (frame.year == 2012)].value.item()
    assert munich == pytest.approx(710.75)


def test_crafted_formula_text_is_neutralised(layer):
    view = build_download_view("technology", {"indicator": ["desi_ai"], "level": ["0"]}, layer)
    rows = view.rows.copy()
    rows.loc[0, "indicator"] = "=HYPERLINK(\"http://evil\",\"x\")"
    rows.loc[1, "name"] = "+cmd|' /C calc'!A0"
    rows.loc[2, "name"] = "@SUM(1+1)"
    crafted = view.__class__(**{**view.__dict__, "rows": rows})
    csv_text = to_csv(crafted).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'+cmd" in csv_text and "'@SUM" in csv_text
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(crafted)))
    cells = [c for row in book["data"].iter_rows(values_only=True) for c in row]
    assert "'=HYPERLINK(\"http://evil\",\"x\")" in cells
    assert not any(isinstance(c, str) and c.startswith("=") for c in cells)
    dk = next(r for r in book["data"].iter_rows(min_row=2, values_only=True) if r[0] == "DK")
    assert isinstance(dk[COLUMNS.index("value")], float)


def test_empty_view_gives_valid_file_with_note(client):
    response = get(client, "/download/technology.xlsx?indicator=desi_ai&level=0&countries=NO,CH")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    values = [r[COLUMNS.index("value")] for r in book["data"].iter_rows(min_row=2, values_only=True)]
    assert len(values) == 2 and values == [None, None]
    notes = [b for a, b in book["about"].iter_rows(values_only=True) if a == "Note"]
    assert any("No region has a value" in n for n in notes)
    csv = get(client, "/download/technology.csv?indicator=desi_ai&level=0&countries=NO").data.decode("utf-8-sig")
    assert next(csv_module.reader([csv.splitlines()[0]])) == COLUMNS
    assert csv.splitlines()[0].startswith('"nuts_id","name"')  # text fields are quoted (issue 15.9)


@pytest.mark.parametrize("path", [
    "/download/technology.csv?indicator=nope",
    "/download/technology.csv?indicator=desi_ai&level=7",
    "/download/technology.csv?indicator=desi_ai&years=some",
    "/download/technology.csv?indicator=desi_ai&countries=XX",
    "/download/technology.pdf?indicator=desi_ai",
    "/download/elsewhere.csv?indicator=desi_ai",
    "/download/technology.csv?indicator=desi_ai&region=%3Cscript%3E",
])
def test_bad_queries_are_400_with_a_message(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert response.get_json()["error"]


def test_strategies_map_downloads(client):
    response = get(client, "/download/strategies.csv?domain=advanced_manufacturing")
    frame = pd.read_csv(io.BytesIO(response.data), encoding="utf-8-sig")
    assert list(frame.columns) == COLUMNS and set(frame.level) == {2}
    assert frame.set_index("nuts_id").value["DE11"] > 95
    book = openpyxl.load_workbook(io.BytesIO(get(client, "/download/strategies.xlsx?domain=digital_ai").data))
    about = "\n".join(f"{a} {b}" for a, b in book["about"].iter_rows(values_only=True))
    assert "Nesta" in about and "domain" in about
    assert client.get("/download/strategies.csv?domain=nope").status_code == 400
