"""Imports: files in every supported shape located to the expected NUTS 2021 regions; malformed files refused."""

from __future__ import annotations

import io
import json

import openpyxl
import pandas as pd
import pytest

from data.importing import ImportError_, auto_mapping, import_table, read_table


def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Clusters"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run(layer, content: bytes, kind: str, **kw):
    frame = read_table(content, **kw)
    return import_table(frame, kind, auto_mapping(frame, kind), layer.regions)


def status(result, row: int) -> dict:
    return result.report.set_index("row").loc[row].to_dict()


def test_bom_semicolon_csv_with_nuts_codes_of_several_versions(layer):
    text = "Cluster;NUTS code;Sector\nAutomotive Cluster;DE11;automotive\nValencia agro;ES52;agrofood\n" \
           "Zagreb ICT;HR04;ICT\nScotland Food;UKM21;food\nMazovia;PL12;ICT\nNowhere;QQ99;none\n"
    result = run(layer, b"\xef\xbb\xbf" + text.encode("utf-8"), "clusters")
    located = dict(zip(result.rows.name, result.rows.nuts_id))
    assert located["Automotive Cluster"] == "DE11" and located["Valencia agro"] == "ES52"
    assert located["Scotland Food"] == "UKM71"
    assert located["Zagreb ICT"] == "HR0" and status(result, 4)["status"] == "located at a coarser level"
    assert located["Mazovia"] == "PL9" and "PL12" in status(result, 6)["method"]
    assert "not a NUTS code" in status(result, 7)["reason"]
    assert result.summary["located"] == 5 and result.summary["coarser"] == 2


def test_cp1252_csv_with_region_names_with_and_without_accents(layer):
    text = "name,region,country\nA,Małopolskie,PL\nB,Malopolskie,PL\nC,ile de france,FR\nD,Île-de-France,FR\nE,Atlantis,ES\n"
    content = text.replace("ł", "l").encode("cp1252")
    result = run(layer, content, "clusters")
    located = dict(zip(result.rows.name, result.rows.nuts_id))
    assert located["A"] == "PL21" and located["B"] == "PL21" and located["C"] == "FR10" and located["D"] == "FR10"
    assert "not found" in status(result, 6)["reason"]


def test_xlsx_title_row_above_header_postcodes_and_coordinates(layer):
    rows = [["Cluster register 2024 (export)"], [],
            ["Organisation", "Country", "Postcode", "Latitude", "Longitude"],
            ["Berlin cluster", "DE", "10115", "", ""],
            ["Paris cluster", "FR", "75001", "", ""],
            ["Munich by coordinates", "", "", "48.137", "11.575"],
            ["Off Porto coast", "", "", "41.15", "-8.78"],
            ["Mid-Atlantic", "", "", "40.0", "-40.0"]]
    result = run(layer, xlsx(rows), "clusters")
    located = dict(zip(result.rows.name, result.rows.nuts_id))
    assert located["Berlin cluster"] == "DE300" and located["Paris cluster"] == "FR101"
    assert located["Munich by coordinates"] == "DE212"
    assert located["Off Porto coast"] == "PT11A" and "snapped" in status(result, 7)["method"]
    assert "km from any" in status(result, 8)["reason"]
    assert "postcode" in status(result, 4)["method"] and "NUTS 2024" in status(result, 4)["method"]


def test_header_row_can_be_chosen_by_its_row_number(layer):
    rows = [["Register", "exported 2024"], ["Name", "Code"], ["Alpha", "DE11"], ["Beta", "ES52"]]
    detected = read_table(xlsx(rows))
    chosen = read_table(xlsx(rows), header_row=2)
    assert list(chosen.columns) == ["Name", "Code"] and chosen.attrs["header_row"] == 2
    assert list(chosen.Name) == ["Alpha", "Beta"] and chosen.attrs["row_numbers"] == [3, 4]
    assert len(detected) in (2, 3)


def test_indicator_list_and_duplicates(layer):
    text = "region code\tyear\tvalue\nDE11\t2020\t1.5\nDE11\t2020\t1.7\nFR10\t2020\tabc\nFR10\t20\t1\n" \
           "ES52\t2020-01-01\t2\n"
    result = run(layer, text.encode(), "indicator")
    assert dict(zip(result.rows.nuts_id, result.rows.value)) == {"DE11": 1.5, "ES52": 2.0}
    assert result.rows.set_index("nuts_id").year["ES52"] == "2020"
    assert status(result, 3)["status"] == "duplicate" and status(result, 4)["status"] == "invalid value"
    assert "not a year" in status(result, 5)["reason"]


def test_missing_required_column(layer):
    frame = read_table(b"nuts,sector\nDE11,x\n")
    with pytest.raises(ImportError_, match="name column"):
        import_table(frame, "clusters", auto_mapping(frame, "clusters"), layer.regions)


def test_formulas_are_read_as_values_not_run(layer):
    rows = [["name", "nuts"], ["=1+1", "DE11"], ["Normal", "DE12"]]
    result = run(layer, xlsx(rows), "clusters")
    assert "=1+1" in set(result.rows.name)


def test_cli_adds_lists_to_the_layer_for_all_users(tmp_path, layer_copy, layer):
    import importlib

    from data.layer import _load_layer

    cli = importlib.import_module("data.importing.cli")
    source = tmp_path / "my-clusters.csv"
    source.write_text("name,nuts\nAlpha,DE11\nBeta,ES52\n", encoding="utf-8")
    assert cli.main(["clusters", str(source), "--source", "Regional register", "--licence", "CC BY 4.0"]) == 0
    written = json.loads((layer_copy / "imports" / "clusters-my-clusters.json").read_text())
    assert written["source"] == "Regional register" and len(written["rows"]) == 2
    report = pd.read_csv(layer_copy / "imports" / "clusters-my-clusters.report.csv")
    assert set(report.status) == {"located"}
    values = tmp_path / "members.csv"
    values.write_text("nuts;year;value\nDE11;2021;12,5\nES52;2021;3\nFR10;21;4\n", encoding="utf-8")
    assert cli.main(["indicator", str(values), "--source", "Cluster office", "--licence", "CC0", "--unit", "members",
                     "--label", "Cluster members"]) == 0
    shared = _load_layer.__wrapped__(str(layer_copy))  # as a freshly started server loads it
    meta = shared.catalog.set_index("label").loc["Cluster members"]
    assert meta.theme == "imported" and meta.unit == "members" and list(meta.levels) == [2] and list(meta.years) == [2021]
    frame = shared.by_indicator[meta.indicator_id].set_index("nuts_id")
    assert frame.value.to_dict() == {"DE11": 12.5, "ES52": 3.0}
    assert "not verified" in shared.sources[meta.source_id].citation
    assert [p["source"] for p in shared.shared_imports] == ["Regional register"]
    assert "Cluster members" not in set(layer.catalog.label)


def test_header_only_file_gets_a_message(layer):
    with pytest.raises(ImportError_, match="no data rows"):
        run(layer, b"nuts;year;value\n", "indicator")


def test_countries_by_name_in_any_language_the_nuts_table_or_english_uses(layer):
    text = "Cluster;Land;PLZ\nAlsace cluster;France;67000\nBerlin cluster;Deutschland;10115\nAthens;Greece;\n"
    result = run(layer, text.encode("utf-8"), "clusters")
    located = dict(zip(result.rows.name, result.rows.nuts_id))
    assert located["Alsace cluster"] == "FRF11" and located["Berlin cluster"] == "DE300"


def test_unmapped_columns_of_a_list_travel_with_its_rows(layer):
    text = "Cluster;NUTS;Street;Town;name\nAuto;DE11;Hauptstr. 1;Stuttgart;x\n"
    row = run(layer, text.encode("utf-8"), "clusters").rows.iloc[0].to_dict()
    assert row["name"] == "Auto" and row["Street"] == "Hauptstr. 1" and row["town"] == "Stuttgart"
    assert row["name (file)"] == "x"
