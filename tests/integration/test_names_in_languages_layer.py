"""Names and indicator metadata in the reader's language on the real layer: the layer's catalogue in Polish read
against indicators.yaml itself, and the region search (GET /api/regions) by names in the shipped languages."""

from __future__ import annotations

import pytest
import yaml

from data.layer.indicator_words import INDICATORS_FILE
from data.layer.language import LANGUAGES, use_language


def _translations(language: str) -> dict[str, dict]:
    document = yaml.safe_load(INDICATORS_FILE.read_text(encoding="utf-8"))
    return {entry["id"]: entry["translations"][language] for entry in document["indicators"]}


def test_the_layer_reads_its_catalogue_in_polish(layer):
    polish = _translations("pl")
    english = layer.catalog.set_index("indicator_id")
    with use_language("pl"):
        catalogue = layer.catalog.set_index("indicator_id")
        ai = layer.indicator("desi_ai")
    built = [i for i in catalogue.index if i in polish]
    assert len(built) == len(polish) == 109
    for indicator_id in built:
        for field in ("label", "unit", "description"):
            assert catalogue.loc[indicator_id, field] == polish[indicator_id][field], (indicator_id, field)
        assert catalogue.loc[indicator_id, "unit_en"] == english.loc[indicator_id, "unit"]
    assert ai["label"] == "Przedsiębiorstwa wykorzystujące SI" and ai["unit"] == "% przedsiębiorstw"
    assert list(catalogue.index) == list(english.index) and (catalogue.levels == english.levels).all()
    assert layer.indicator("desi_ai")["label"] == "Enterprises using AI"


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_no_indicator_of_the_layer_falls_back_to_english(layer, language):
    english = layer.catalog.set_index("indicator_id").label
    with use_language(language):
        translated = layer.catalog.set_index("indicator_id").label
    same = [i for i in english.index if translated[i] == english[i] and not i.startswith("imp-")]
    assert len(same) <= 3, same


@pytest.mark.parametrize(("query", "first"), [
    ("Bavière", "DE2"), ("Baviere", "DE2"), ("Baviera", "DE2"), ("Bawaria", "DE2"), ("Bayern", "DE2"),
    ("Bavaria", "DE2"), ("Małopolska", "PL21"), ("Malopolska", "PL21"), ("Małopolskie", "PL21"),
    ("Malopolskie", "PL21"), ("Kleinpolen", "PL21"), ("Petite-Pologne", "PL21"), ("Lombardei", "ITC4"),
    ("Allemagne", "DE"), ("Niemcy", "DE"), ("Alemania", "DE"), ("Germania", "DE"), ("Pologne", "PL"),
])
def test_the_region_search_finds_names_in_every_shipped_language(client, query, first):
    response = client.get("/api/regions", query_string={"q": query, "limit": 5})
    assert response.status_code == 200
    regions = response.get_json()["regions"]
    assert regions and regions[0]["nuts_id"] == first, regions


def test_a_region_profile_is_read_in_each_readers_language(layer):
    from domain.profile import region_profile

    english = region_profile(layer, "PL21", "desi_ai", 2021)
    with use_language("pl"):
        polish = region_profile(layer, "PL21", "desi_ai", 2021)
    with use_language("fr"):
        french = region_profile(layer, "PL21", "desi_ai", 2021)
    assert (english["country_name"], polish["country_name"], french["country_name"]) == ("Poland", "Polska", "Pologne")
    labels = _translations("pl")
    for item in polish["profile"]:
        assert item["label"] == labels[item["indicator_id"]]["label"]
    assert {i["label"] for i in english["profile"]}.isdisjoint({i["label"] for i in polish["profile"]})


def test_nearby_hubs_name_their_country_in_the_readers_language(layer):
    from domain.technology_centres import technology_centres

    with use_language("pl"):
        _hubs, weakest, nearby = technology_centres(layer, "DE21")
    _hubs, weakest_en, nearby_en = technology_centres(layer, "DE21")
    assert nearby and {h["country"]: h["country_name"] for h in nearby}.get("CZ") == "Czechy"
    assert {h["country"]: h["country_name"] for h in nearby_en}.get("CZ") == "Czechia"
    polish = _translations("pl")
    assert [w["label"] for w in weakest] == [polish[w["indicator_id"]]["label"] for w in weakest_en]
