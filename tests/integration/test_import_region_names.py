"""The importer places rows by the region names people write (issue 30): English names, everyday short forms,
long official forms and an older NUTS name, by name and country, with the name index of ``GET /api/regions``.
The expected regions are read from GISCO's NUTS 2021 file itself (their official names), not from the layer."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from data.importing import auto_mapping, import_table, read_table

# everyday name, country as written, the official NUTS 2021 name it means
EVERYDAY = [("Małopolska", "PL", "Małopolskie"), ("Lesser Poland", "Poland", "Małopolskie"),
            ("Bavaria", "DE", "Bayern"), ("North Brabant", "Netherlands", "Noord-Brabant"),
            ("South Holland", "NL", "Zuid-Holland"), ("Województwo małopolskie", "PL", "Małopolskie"),
            ("Mazowieckie", "PL", "Makroregion województwo mazowieckie")]


@pytest.fixture(scope="module")
def official_codes(raw_dir) -> dict[str, str]:
    """(country, official NUTS name) -> NUTS 2021 code, from the raw GISCO file."""
    features = json.loads((raw_dir / "gisco-nuts-2021" / "NUTS_RG_10M_2021_4326.geojson").read_text("utf-8"))["features"]
    return {(f["properties"]["CNTR_CODE"], f["properties"]["NAME_LATN"]): f["properties"]["NUTS_ID"] for f in features}


def _priorities(layer, rows: list[tuple[str, str]]):
    lines = ["Priority;Region;Country"] + [f"Smart manufacturing {i};{name};{country}" for i, (name, country) in
                                          enumerate(rows)]
    frame = read_table("\n".join(lines).encode("utf-8"), "list.csv")
    mapping = auto_mapping(frame, "priorities")
    assert mapping.get("region") == "Region" and mapping.get("country") == "Country"
    return import_table(frame, "priorities", mapping, layer.regions)


def test_everyday_region_names_are_placed_by_name_and_country(layer, official_codes):
    result = _priorities(layer, [(name, country) for name, country, _ in EVERYDAY])
    placed = dict(zip(result.rows.region, result.rows.nuts_id))
    for name, country, official in EVERYDAY:
        expected = official_codes[(country if len(country) == 2 else {"Poland": "PL", "Netherlands": "NL"}[country],
                                   official)]
        assert placed.get(name) == expected, (name, result.report.to_dict("records"))
    assert result.summary["located"] == len(EVERYDAY) and result.summary["not_located"] == 0


def test_a_name_it_cannot_place_gets_the_best_candidate(layer, official_codes):
    result = _priorities(layer, [("Malopolsk voivodship", "PL")])
    reason = result.report.reason.iloc[0]
    assert result.rows.empty and "did you mean Małopolskie, " + official_codes[("PL", "Małopolskie")] in reason, reason


def test_region_search_and_importer_share_the_name_index(client):
    for name, _country, _official in EVERYDAY:
        found = client.get("/api/regions", query_string={"q": name, "limit": 1}).get_json()["regions"]
        assert found, name


def test_the_banner_is_green_only_when_every_row_is_placed(layer):
    from components.imports_view import summary_block

    every = _priorities(layer, [("Bavaria", "DE")])
    some = _priorities(layer, [("Bavaria", "DE"), ("Atlantis", "DE")])
    assert summary_block(every, "test").color == "success"
    assert summary_block(some, "test").color == "warning"
    assert not pd.isna(some.summary["not_located"]) and some.summary["not_located"] == 1


def test_an_ambiguous_town_names_the_regions_it_could_mean(layer):
    frame = read_table(b"Cluster;Town;Country\nSaint-Denis ICT;Saint-Denis;FR\n", "list.csv")
    result = import_table(frame, "clusters", auto_mapping(frame, "clusters"), layer.regions)
    reason = result.report.reason.iloc[0]
    assert "Seine-Saint-Denis (FR106)" in reason and "La Réunion (FRY40)" in reason, reason


def test_rows_placed_at_a_coarser_level_are_not_listed_as_unused(layer):
    from components.imports_view import report_table

    frame = read_table(b"Cluster;NUTS code\nMazovia ICT;PL12\nAtlantis;QQ99\n", "list.csv")
    result = import_table(frame, "clusters", auto_mapping(frame, "clusters"), layer.regions)
    assert set(result.report.status) == {"located at a coarser level", "not located"}
    unused, coarser = report_table(result.report).children
    assert unused.id == "imports-report-table" and "QQ99" in str(unused) and "PL12" not in str(unused)
    assert coarser.id == "imports-coarser-table" and "PL12" in str(coarser)
