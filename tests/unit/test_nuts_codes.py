"""NUTS codes of older versions placed in NUTS 2021 and their lineage, on a small synthetic set of official rules
(the same shapes as the layer's recoding_rules.parquet: (to_code, kind, note) per (version, code)); postcodes and
country names as people write them."""

from __future__ import annotations

from types import MappingProxyType

import pandas as pd
import pytest

from data.importing.codes import CodeTables, locate_code
from data.importing.locating import country_code, country_names, postcode_keys
from data.layer import InvalidChoice
from domain.nuts_history import lineage

REGIONS_2021 = frozenset({"DE", "DE1", "DE11", "HR", "HR0", "HR02", "HR05", "HR06", "UK", "UKM", "UKM7", "UKM71",
                          "PL", "PL9", "PL91", "PL92", "FR", "FRK", "FRK2", "NO", "NO0", "NO08", "IE", "IE0", "IE06"})
RULES = {
    (2016, "UKM21"): (("UKM71", "recoded", ""),),
    (2016, "IE02"): (("IE06", "minor_shift", "boundary change under 1 %"),),
    (2016, "HR04"): (("", "split", "split into HR02, HR05 and HR06"),),
    (2016, "PL12"): (("", "split", "split into PL91 and PL92"),),
    (2013, "FR71"): (("FRK2", "merged", "part of FRK2"),),
    (2016, "NO01"): (("", "discontinued", "discontinued"),),
    (2013, "NO01"): (("", "boundary", "boundary change with NO08"),),
    (2016, "DE12"): (("", "unverified", "placeholder weights -> DE11"),),
}
VERSIONS = {"UKM21": (2013, 2016), "IE02": (2016,), "HR04": (2010, 2013, 2016), "PL12": (2013, 2016),
            "FR71": (2010, 2013), "NO01": (2013, 2016), "DE12": (2016,), "DE11": (2016, 2021)}
TABLES = CodeTables(MappingProxyType(VERSIONS), MappingProxyType(RULES))


@pytest.mark.parametrize(("code", "nuts_id", "coarser", "words"), [
    ("DE11", "DE11", False, "NUTS 2021 code"),
    (" de 11 ", "DE11", False, "NUTS 2021 code"),
    ("UKM21", "UKM71", False, "NUTS 2016 code (UKM21, now UKM71)"),
    ("IE02", "IE06", False, "minor boundary shift"),
    ("HR04", "HR0", True, "split in 2021 into HR02, HR05, HR06"),
    ("PL12", "PL9", True, "the finest NUTS 2021 region that contains it exactly"),
    ("FR71", "FRK2", True, "merged into FRK2 in 2021"),
    ("QQ99", None, False, "is not a NUTS code of any version"),
])
def test_an_older_code_is_placed_where_the_official_tables_put_it(code, nuts_id, coarser, words):
    placed = locate_code(code, set(REGIONS_2021), TABLES)
    assert (placed.nuts_id, placed.coarser) == (nuts_id, coarser) and words in placed.how


@pytest.mark.parametrize("code", ["HR04", "PL12", "FR71"])
def test_a_value_is_never_given_to_a_larger_region(code):
    placed = locate_code(code, set(REGIONS_2021), TABLES, coarse_ok=False)
    assert placed.nuts_id is None and "cannot be given to a larger region" in placed.how


@pytest.mark.parametrize(("code", "relation", "successors", "carried"), [
    ("DE11", "current", ("DE11",), True),
    ("UKM21", "recoded", ("UKM71",), True),
    ("IE02", "boundary_shift", ("IE06",), True),
    ("HR04", "split", ("HR02", "HR05", "HR06"), False),
    ("FR71", "merged", ("FRK2",), False),
    ("DE12", "unverified", ("DE11",), False),
])
def test_lineage_names_the_successors_and_whether_values_carry_over(code, relation, successors, carried):
    item = lineage(TABLES, REGIONS_2021, code)
    assert (item.relation, item.successors, item.values_carried) == (relation, successors, carried)


def test_a_rule_naming_no_successor_is_completed_from_the_nearest_other_version():
    item = lineage(TABLES, REGIONS_2021, "NO01")
    assert item.version == 2016 and item.relation == "boundary_shift" and item.successors == ("NO08",)
    assert "names no successor" in item.table and "2013" in item.table and not item.values_carried


def test_a_minor_shift_is_said_to_be_minor():
    assert lineage(TABLES, REGIONS_2021, "IE02").minor and not lineage(TABLES, REGIONS_2021, "UKM21").minor


def test_an_unknown_code_and_a_wrong_version_are_refused():
    with pytest.raises(LookupError):
        lineage(TABLES, REGIONS_2021, "QQ99")
    with pytest.raises(InvalidChoice) as caught:
        lineage(TABLES, REGIONS_2021, "HR04", version=2021)
    assert caught.value.valid == [2010, 2013, 2016] and "not a NUTS 2021 code" in caught.value.message


@pytest.mark.parametrize(("postcode", "key"), [
    ("80331", "80331"), ("D-80331", "80331"), (" 10117 ", "10117"), ("10044", "100 44"), ("60200", "60-200"),
    ("1011AB", "1011 AB"), ("1300342", "1300-342"), ("F91YW50", "F91"), ("lv-1010", "1010"),
])
def test_postcode_spellings_include_the_one_the_lookup_table_uses(postcode, key):
    assert key in postcode_keys(postcode)


@pytest.mark.parametrize(("text", "code"), [("FR", "FR"), ("fr", "FR"), ("GR", "EL"), ("GB", "UK"), ("France", "FR"),
                                            ("Österreich", "AT"), ("osterreich", "AT"), ("Atlantis", "ATLANTIS")])
def test_country_names_in_english_or_as_the_nuts_table_writes_them(text, code):
    regions = pd.DataFrame({"nuts_id": ["AT", "AT1"], "name": ["Österreich", "Ostösterreich"],
                            "name_latn": ["Österreich", "Ostösterreich"], "level": [0, 1]})
    assert country_code(text, country_names(regions)) == code
