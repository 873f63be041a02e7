"""Imported cluster organisations on the Clusters page: counts per region, points, sector filter."""

from __future__ import annotations

from domain.organisations import filtered_rows, organisation_places, sectors
from figures.choropleth import build_base_figure, organisations_trace_index
from figures.organisations_overlay import organisation_points

LIST = {"kind": "clusters", "source": "Test register", "licence": "CC BY 4.0", "rows": [
    {"name": "Auto BW", "sector": "automotive", "nuts_id": "DE111", "lat": "48.78", "lon": "9.18"},
    {"name": "Auto BW 2", "sector": "automotive; ICT", "nuts_id": "DE11", "lat": "", "lon": ""},
    {"name": "Valencia agro", "sector": "agrofood", "nuts_id": "ES52", "lat": "", "lon": ""},
]}


def test_counts_points_and_filter(layer):
    assert sectors(LIST) == ["ICT", "agrofood", "automotive"]
    assert [r["name"] for r in filtered_rows(LIST, ["ICT"])] == ["Auto BW 2"]
    places = organisation_places(layer, LIST)
    assert [p["at_centre"] for p in places] == [False, True, True] and places[0]["lon"] == 9.18
    assert places[0]["located"] == "located at NUTS 3" and "centre" in places[1]["located"]
    crafted = {**LIST, "rows": [{**LIST["rows"][0], "name": "<b>Bold</b> & co"}]}
    points = organisation_points(organisation_places(layer, crafted), "<i>src</i>")
    assert points["customdata"][0][:3] == ["org", 0, "&lt;b&gt;Bold&lt;/b&gt; &amp; co"]
    assert "&lt;i&gt;src&lt;/i&gt;" in points["customdata"][0][5]
    fig = build_base_figure(layer, 2)
    trace = fig.data[organisations_trace_index(layer)]
    assert trace.type == "scattergeo" and trace.geo == "geo" and len(trace.lon) == 0


def test_organisations_csv_is_formula_safe_and_names_source():
    import base64

    from components.organisations import organisations_csv_href

    crafted = {**LIST, "rows": LIST["rows"] + [{"name": "=HYPERLINK(1)", "sector": "x", "nuts_id": "DE11"}]}
    text = base64.b64decode(organisations_csv_href(crafted).split(",", 1)[1]).decode("utf-8")
    assert text.startswith("\ufeff") and "Test register" in text and "'=HYPERLINK(1)" in text


def test_organisations_excel_has_an_about_sheet_with_source_licence_and_filter():
    import base64
    import io

    import openpyxl

    from components.organisations import organisations_xlsx_href

    crafted = {**LIST, "imported_at": "2026-11-25T10:00:00+00:00",
               "rows": LIST["rows"] + [{"name": "@SUM(1)", "sector": "automotive", "nuts_id": "DE11"}]}
    body = base64.b64decode(organisations_xlsx_href(crafted, ["automotive"]).split(",", 1)[1])
    book = openpyxl.load_workbook(io.BytesIO(body))
    names = [r[0] for r in book["data"].values][1:]
    assert "'@SUM(1)" in names and all(n for n in names)
    about = {r[0]: r[1] for r in book["about"].values}
    assert about["Source"] == "Test register" and about["  Licence"] == "CC BY 4.0"
    assert about["Filter: sectors"] == "automotive" and "2026-11-25" in about["  Note"]
