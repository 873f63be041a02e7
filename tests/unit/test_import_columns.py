"""Issue 16.7: column names in English, French, German, Spanish, Italian and Polish are matched from one table,
and a request missing several things names every one of them."""

from __future__ import annotations

import pandas as pd
import pytest

from data.importing import ImportError_, auto_mapping
from data.importing.columns import FIELDS, SYNONYMS, check_request, missing_fields


@pytest.mark.parametrize("header", [
    ["Organisation name", "Postcode", "Town", "Country", "Sector", "Website"],
    ["Nom de l'organisation", "Code postal", "Ville", "Pays", "Secteur", "Site web"],
    ["Name der Organisation", "PLZ", "Stadt", "Land", "Branche", "Webseite"],
    ["Nombre", "Código postal", "Ciudad", "País", "Sector", "Sitio web"],
    ["Nome", "CAP", "Città", "Paese", "Settore", "Sito web"],
    ["Nazwa", "Kod pocztowy", "Miasto", "Kraj", "Branża", "Strona www"],
])
def test_cluster_columns_in_six_languages(header):
    mapping = auto_mapping(pd.DataFrame(columns=header), "clusters")
    assert mapping == dict(zip(["name", "postcode", "town", "country", "sector", "url"], header))


@pytest.mark.parametrize(("header", "expected"), [
    (["Région", "Année", "Valeur"], {"region": "Région", "year": "Année", "value": "Valeur"}),
    (["Código NUTS", "Año", "Valor", "Unidad"], {"nuts": "Código NUTS", "year": "Año", "value": "Valor",
                                                "unit": "Unidad"}),
    (["Kod NUTS", "Rok", "Wartość"], {"nuts": "Kod NUTS", "year": "Rok", "value": "Wartość"}),
    (["Regione", "Anno", "Valore"], {"region": "Regione", "year": "Anno", "value": "Valore"}),
])
def test_indicator_columns_in_other_languages(header, expected):
    assert auto_mapping(pd.DataFrame(columns=header), "indicator") == expected


def test_longer_headers_are_matched_by_the_words_they_contain():
    mapping = auto_mapping(pd.DataFrame(columns=["Cluster organisation name (legal)", "Postal code of the office",
                                                 "Country"]), "clusters")
    assert mapping == {"name": "Cluster organisation name (legal)", "postcode": "Postal code of the office",
                       "country": "Country"}


def test_every_field_of_every_kind_has_synonyms_in_the_one_table():
    for spec in FIELDS.values():
        for field in (*spec["required"], *spec["optional"]):
            assert field in SYNONYMS[field] and len(SYNONYMS[field]) >= 3


def test_every_missing_requirement_is_named_at_once():
    missing = missing_fields("clusters", {"postcode": "PLZ"}, ["PLZ"], source="", licence=" ")
    assert missing[:3] == ["source", "licence", "name column"]
    assert "a column that locates the rows" in missing[3] and "needs the country column" in missing[3]
    with pytest.raises(ImportError_) as caught:
        check_request("indicator", {}, [], source="", licence="")
    assert caught.value.code == "missing_fields"
    assert caught.value.fields[:4] == ("source", "licence", "value column", "year column")
    assert "value column" in str(caught.value) and "year column" in str(caught.value)


