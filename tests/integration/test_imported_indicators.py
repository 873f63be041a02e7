"""An imported indicator list becomes a catalogue-style indicator: map, table, profile, downloads and exports read it
through the same functions as the built indicators, with the source and licence the user gave."""

from __future__ import annotations

import io
import json
import zipfile

import openpyxl
import pandas as pd
import pytest

from components.explorer_imported import imported_download, imported_export
from data.importing import import_table, read_table, result_json
from data.layer.imported import compact_indicators, imported_id, with_imported
from domain.mapview import map_view, resolve_pending, split_imported, table_rows
from domain.profile import region_profile
from domain.view import ViewState, held_in_browser, view_query

SOURCE = "=Regional statistics office"


@pytest.fixture(scope="module")
def reimported(layer):
    """DESI 'Enterprises using AI' (country level, from the source file) written to a semicolon/decimal-comma CSV
    with German headers, as a regional team would hold it, and imported back."""
    frame = layer.by_indicator["desi_ai"]
    lines = ["Land;Jahr;Wert"] + [f"{r.nuts_id};{r.year};{str(r.value).replace('.', ',')}" for r in frame.itertuples()]
    table = read_table("\n".join(lines).encode("cp1252"), "ai.csv")
    result = import_table(table, "indicator", {"nuts": "Land", "year": "Jahr", "value": "Wert"}, layer.regions)
    payload = json.loads(result_json(result, SOURCE, "CC BY 4.0", "% enterprises", "AI use (our copy)"))
    stored = json.loads(json.dumps([{"kind": "clusters", "rows": []}, payload]))
    compact = next(iter(compact_indicators(stored, layer.region_ids).values()))
    return payload, compact, with_imported(layer, compact)


def test_imported_values_are_the_values_of_the_file(layer, reimported):
    payload, compact, overlay = reimported
    assert compact["id"] == imported_id(payload)
    view = map_view(overlay, ViewState(indicator=compact["id"], level=0, year=2021))
    assert view.values["DK"] == pytest.approx(23.8861, abs=1e-4)
    assert view.values == pytest.approx(map_view(layer, ViewState(indicator="desi_ai", level=0, year=2021)).values)
    assert "imported, not verified" in view.provenance and "AI use (our copy)" in view.provenance
    rows = table_rows(overlay, view)
    assert rows[0]["unit"] == "% enterprises" and rows[-1]["status"] == "no data"
    profile = region_profile(overlay, "DK", compact["id"], 2021)
    assert profile["headline"]["value"] == pytest.approx(23.8861, abs=1e-4)
    assert compact["id"] not in set(layer.catalog.indicator_id)


def test_same_list_same_layer_object_and_untrusted_input_is_checked(layer, reimported):
    _, compact, overlay = reimported
    assert with_imported(layer, json.loads(json.dumps(compact))) is overlay
    forged = {**compact, "rows": [["DK", 2021, "NaN"], ["XX99", 2021, 1.0], ["<b>", "year", 2], "junk", ["DK", 2021]]}
    assert compact["id"] not in with_imported(layer, forged).by_indicator
    assert with_imported(layer, {"id": "desi_ai", "rows": [["DK", 2021, 1.0]]}) is layer
    assert with_imported(layer, "not a dict") is layer and with_imported(layer, None) is layer


def test_links_name_the_imported_indicator_and_resolve_only_where_it_is_held(layer, reimported):
    _, compact, overlay = reimported
    query = view_query(ViewState(indicator=compact["id"], level=0, year=2021))
    assert held_in_browser(query, layer) and not held_in_browser("?indicator=desi_ai", layer)
    assert not held_in_browser(query, overlay), "an indicator the server holds (shared) is served as usual"
    rest, pending = split_imported({"indicator": compact["id"], "level": "0", "year": "1999", "palette": "magma"}, layer)
    assert rest == {"palette": "magma"} and pending["indicator"] == compact["id"]
    assert resolve_pending(overlay, pending) == (compact["id"], 0, 2021)
    assert resolve_pending(layer, pending) is None
    assert split_imported({"indicator": compact["id"]}, overlay) == ({"indicator": compact["id"]}, None)


def test_excel_download_names_the_users_source_and_is_formula_safe(reimported):
    _, compact, overlay = reimported
    query = view_query(ViewState(indicator=compact["id"], level=0, year=2021))
    body, name = imported_download(overlay, "technology", "xlsx", query)
    assert name == "cluster-atlas_ai-use-our-copy_nuts0_2021.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(body))
    data = pd.DataFrame(book["data"].values)
    data.columns = data.iloc[0]
    data = data[1:].set_index("nuts_id")
    assert data.value["DK"] == pytest.approx(23.8861, abs=1e-4) and data.flag["DK"] == "imported"
    assert data.source["DK"] == "'" + SOURCE
    about = list(book["about"].values)
    first = [n for n, row in enumerate(about) if row[0] == "Source"][0]
    assert about[first][1] == "'" + SOURCE and about[first + 2][1].startswith("CC BY 4.0")
    assert "not verified" in about[first + 1][1]


def test_all_years_csv_and_data_package(reimported):
    _, compact, overlay = reimported
    query = view_query(ViewState(indicator=compact["id"], level=0, year=2021))
    body, _ = imported_download(overlay, "technology", "csv-all", query)
    frame = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig")
    assert set(frame.year) == {2021} and frame.value.notna().sum() == 27
    assert len(frame) == (overlay.regions.level == 0).sum()  # every region listed, empty where no figure
    package, _ = imported_download(overlay, "technology", "zip", query)
    meta = json.loads(zipfile.ZipFile(io.BytesIO(package)).read("datapackage.json"))
    assert meta["licenses"][0]["name"] == "CC-BY-4.0"  # the SPDX id of the licence


def test_static_export_carries_the_users_source(reimported):
    _, compact, overlay = reimported
    query = view_query(ViewState(indicator=compact["id"], level=0, year=2021, region="DK"))
    body, name = imported_export(overlay, query, "svg")
    text = body.decode("utf-8")
    assert name.endswith(".svg") and "Regional statistics office" in text and "not verified" in text
