"""Region search by English, national and town names (issue 16.3): index logic on a small frame, then the
real layer through ``GET /api/regions``."""

from __future__ import annotations

import pandas as pd
import pytest

from data.layer.places import fold
from data.layer.search_index import build_search_entries
from domain.region_search import search_from_entries

REGIONS = pd.DataFrame([
    ("PL", 0, "PL", "Polska", "Polska"), ("PL2", 1, "PL", "Makroregion południowy", "Makroregion południowy"),
    ("PL21", 2, "PL", "Małopolskie", "Małopolskie"), ("PL213", 3, "PL", "Miasto Kraków", "Miasto Kraków"),
    ("DE", 0, "DE", "Deutschland", "Deutschland"), ("DE2", 1, "DE", "Bayern", "Bayern"),
    ("DE21", 2, "DE", "Oberbayern", "Oberbayern"), ("DE212", 3, "DE", "München, Kreisfreie Stadt", "München, Kreisfreie Stadt"),
    ("DE3", 1, "DE", "Berlin", "Berlin"), ("DE30", 2, "DE", "Berlin", "Berlin"), ("DE300", 3, "DE", "Berlin", "Berlin"),
], columns=["nuts_id", "level", "country", "name_latn", "name"])
TOWNS = pd.DataFrame([
    ("Munich", ["munich", "munchen", "monaco di baviera"], 1505005, "DE212"),
    ("Berlin", ["berlin"], 3426354, "DE300"),
    ("Kraków", ["krakow", "cracow"], 755050, "PL213"),
    ("Munchenbernsdorf", ["munchenbernsdorf"], 2900, "XX999"),
], columns=["name", "keys", "population", "nuts3"])
ENGLISH = {"regions": {"DE2": ["Bavaria"], "PL21": ["Lesser Poland"]}, "countries": {"XX": ["Nowhere"]}}
COUNTRIES = {"PL": "Poland", "DE": "Germany", "NL": "The Netherlands"}


@pytest.fixture(scope="module")
def index():
    return search_from_entries(build_search_entries(REGIONS, ENGLISH, COUNTRIES, TOWNS), REGIONS)


def ids(hits):
    return [h.nuts_id for h in hits]


@pytest.mark.parametrize(("query", "first"), [
    ("Malopolskie", "PL21"), ("małopolskie", "PL21"), ("Poland", "PL"), ("Germany", "DE"), ("Bavaria", "DE2"),
    ("Lesser Poland", "PL21"), ("Munich", "DE212"), ("München", "DE212"), ("pl21", "PL21"), ("Cracow", "PL213"),
])
def test_first_hit(index, query, first):
    assert ids(index.search(query))[0] == first


def test_town_finds_nuts3_then_nuts2(index):
    hits = index.search("Munich")
    assert ids(hits)[:2] == ["DE212", "DE21"]
    assert hits[0].matched.startswith("town Munich (GeoNames, population 1,505,005)")


def test_official_name_before_town_and_nuts2_before_nuts1(index):
    assert ids(index.search("Berlin"))[:3] == ["DE30", "DE3", "DE300"]


def test_each_region_once_unknown_codes_ignored_and_limit(index):
    hits = index.search("b", limit=50)
    assert len(ids(hits)) == len(set(ids(hits)))
    assert "XX999" not in ids(index.search("Munchenbernsdorf"))
    assert len(index.search("e", limit=2)) <= 2
    assert index.search("   ") == [] and index.search("zzzz") == []


def test_fold():
    assert fold("Île-de-France") == fold("ILE DE FRANCE") == "ile de france"
    assert fold("Łódzkie") == "lodzkie"




