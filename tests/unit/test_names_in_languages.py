"""Names in the atlas's languages: countries from CLDR, regions' names in other languages from ISO 3166-2 (iso-codes),
found by the region search without accents; the reviewed table checked against its source."""

from __future__ import annotations

import gettext

import pandas as pd
import pycountry
import pytest
import yaml

from data.layer.countries import country_name
from data.layer.language import use_language
from data.layer.search_index import ISO_NAMES_FILE, build_search_entries, name_forms, other_language_names, written_names
from domain.region_search import search_from_entries

REGIONS = pd.DataFrame([
    ("PL", 0, "PL", "Polska", "Polska"), ("PL21", 2, "PL", "Małopolskie", "Małopolskie"),
    ("DE", 0, "DE", "Deutschland", "Deutschland"), ("DE2", 1, "DE", "Bayern", "Bayern"),
    ("DE21", 2, "DE", "Oberbayern", "Oberbayern"), ("EL", 0, "EL", "Elláda", "Ελλάδα"),
], columns=["nuts_id", "level", "country", "name_latn", "name"])
ISO = {"DE2": {"fr": ["Bavière"], "it": ["Baviera"], "pl": ["Bawaria"]}, "PL21": {"fr": ["Petite-Pologne"]}}


@pytest.fixture(scope="module")
def index():
    others = other_language_names(ISO, ["DE", "EL", "PL"])
    return search_from_entries(build_search_entries(REGIONS, {"regions": {"PL21": ["Malopolska"]}}, {}, None, others), REGIONS)


@pytest.mark.parametrize(("query", "first"), [
    ("Bavière", "DE2"), ("Baviere", "DE2"), ("BAVIERA", "DE2"), ("Bawaria", "DE2"), ("Bayern", "DE2"),
    ("Małopolska", "PL21"), ("Malopolskie", "PL21"), ("petite pologne", "PL21"),
    ("Allemagne", "DE"), ("Niemcy", "DE"), ("Alemania", "DE"), ("Germania", "DE"), ("Grecja", "EL"), ("Grèce", "EL"),
])
def test_names_in_every_shipped_language_find_the_region(index, query, first):
    hits = index.search(query)
    assert hits and hits[0].nuts_id == first, [(h.nuts_id, h.matched) for h in hits]


def test_the_search_says_which_language_and_source_a_name_came_from(index):
    assert index.search("Bawaria")[0].matched == "Polish name Bawaria (ISO 3166-2, iso-codes)"
    assert index.search("Niemcy")[0].matched == "country Niemcy (Polish, CLDR)"


@pytest.mark.parametrize(("language", "germany", "greece", "uk"), [
    ("en", "Germany", "Greece", "United Kingdom"), ("fr", "Allemagne", "Grèce", "Royaume-Uni"),
    ("de", "Deutschland", "Griechenland", "Vereinigtes Königreich"), ("es", "Alemania", "Grecia", "Reino Unido"),
    ("it", "Germania", "Grecia", "Regno Unito"), ("pl", "Niemcy", "Grecja", "Wielka Brytania"),
])
def test_countries_are_named_in_the_current_language_from_cldr(language, germany, greece, uk):
    with use_language(language):
        assert (country_name("DE"), country_name("EL"), country_name("UK")) == (germany, greece, uk)
    assert country_name("DE", language) == germany
    assert country_name("XX", language) == "XX"


def test_written_names_split_alternates_and_qualifiers_and_forms_uninvert():
    assert written_names("Girona [Gerona]") == ["Girona", "Gerona"]
    assert written_names("Région de Bruxelles-Capitale/Brussels Hoofdstedelijk Gewest") == [
        "Région de Bruxelles-Capitale", "Brussels Hoofdstedelijk Gewest"]
    assert written_names("Limburg (NL)") == ["Limburg"]
    assert "principado de asturias" in name_forms("Asturias, Principado de")
    assert "malopolskie" in name_forms("Województwo małopolskie")


def _table() -> dict:
    return yaml.safe_load(ISO_NAMES_FILE.read_text(encoding="utf-8"))


def test_every_name_of_the_reviewed_table_is_iso_codes_own_translation():
    """Read back against pycountry's iso-codes catalogues, not the generator: no name in the file is typed in."""
    table = _table()
    assert table["source"] == f"iso-codes via pycountry {pycountry_version()}"
    catalogues = {lang: gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang])
                  for lang in ("fr", "de", "es", "it", "pl")}
    for nuts_id, entry in table["regions"].items():
        subdivisions = [pycountry.subdivisions.get(code=code) for code in entry["iso"]]
        assert all(s is not None for s in subdivisions), nuts_id
        assert {s.country_code for s in subdivisions} <= {{"EL": "GR", "UK": "GB"}.get(nuts_id[:2], nuts_id[:2])}
        for language, names in entry.items():
            if language == "iso":
                continue
            published = {n for s in subdivisions for n in written_names(catalogues[language].gettext(s.name))}
            assert set(names) <= published, (nuts_id, language, names)


def test_the_table_names_bavaria_and_lesser_poland_by_their_iso_codes():
    regions = _table()["regions"]
    assert regions["DE2"]["iso"] == ["DE-BY"] and {"Bavière", "Baviera", "Bawaria"} <= {
        n for lang in ("fr", "it", "pl") for n in regions["DE2"][lang]}
    assert regions["PL21"]["iso"] == ["PL-12"] and regions["PL21"]["de"] == ["Kleinpolen"]
    assert len(regions) > 400 and len(_table()["unmatched"]) > 0


def pycountry_version() -> str:
    from importlib.metadata import version

    return version("pycountry")


def test_a_town_comes_before_a_county_iso_codes_names_after_its_seat():
    """iso-codes' French name of Zagrebačka županija (HR065) is "Zagreb": the city (HR050) must stay first."""
    regions = pd.DataFrame([("HR050", 3, "HR", "Grad Zagreb", "Grad Zagreb"),
                            ("HR065", 3, "HR", "Zagrebačka županija", "Zagrebačka županija")],
                           columns=["nuts_id", "level", "country", "name_latn", "name"])
    towns = pd.DataFrame([("Zagreb", ["zagreb"], 663592, "HR050")], columns=["name", "keys", "population", "nuts3"])
    others = other_language_names({"HR065": {"fr": ["Zagreb"]}}, [])
    index = search_from_entries(build_search_entries(regions, {}, {}, towns, others), regions)
    assert [h.nuts_id for h in index.search("Zagreb")] == ["HR050", "HR065"]
