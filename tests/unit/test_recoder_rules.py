"""The recoding rules applied to a long table (``data.pipeline.recode.Recoder``), on a synthetic set of rules in the
shape the official tables give: what carries over, what is summed (counts only, every part present), what becomes no
data and why, and that every input row is accounted for in the audit."""

from __future__ import annotations

import pandas as pd
import pytest

from data.pipeline.recode import (
    REASON_DUPLICATE,
    REASON_INCOMPLETE_MERGE,
    REASON_RATE_MERGE,
    REASON_SPLIT,
    REASON_UNKNOWN,
    REASON_UNVERIFIED,
    RULE_COLUMNS,
    Recoder,
)

RULES = pd.DataFrame([
    (2016, "AT11", "AT11", "unchanged", "", "AT11"),
    (2016, "UKM21", "UKM71", "recoded", "new code", "UKM71"),
    (2016, "IE02", "IE06", "minor_shift", "684 inhabitants moved", "IE06"),
    (2016, "FR24", "FRB0", "renamed", "renamed", "FRB0"),
    (2016, "HR04", "", "no_equivalent", "split into HR02, HR05 and HR06", "HR02 HR05 HR06"),
    (2013, "FR9", "FRY", "unverified", "placeholder weights", "FRY"),
    (2024, "PT1A", "PT17", "merged", "part of PT17", "PT17"),
    (2024, "PT1B", "PT17", "merged", "part of PT17", "PT17"),
], columns=RULE_COLUMNS)
LISTED = {2021: ["AT11", "UKM71", "IE06", "FRB0", "PT17", "FRY", "DE11", "HR02", "HR05", "HR06"],
          2016: ["UKM21", "IE02", "FR24", "HR04", "AT11"], 2013: ["HR04", "FR9"], 2024: ["PT1A", "PT1B"]}
CODE_LISTS = pd.DataFrame([(code, version) for version, codes in LISTED.items() for code in codes],
                          columns=["code", "version"])
RECODER = Recoder(RULES, CODE_LISTS)


def _values(*rows: tuple[str, int, float]) -> pd.DataFrame:
    return pd.DataFrame({"indicator_id": "x", "nuts_id": [r[0] for r in rows], "year": 2020,
                         "value": [r[2] for r in rows], "nuts_version": [r[1] for r in rows]})


@pytest.mark.parametrize(("code", "declared", "to_code", "flag"), [
    ("AT11", 2016, "AT11", ""),
    ("UKM21", 2016, "UKM71", "recoded"),
    ("IE02", 2016, "IE06", "minor_shift"),
    ("FR24", 2016, "FRB0", "renamed"),
    ("DE11", 2016, "DE11", ""),
    (" ukm21 ", 2016, "UKM71", "recoded"),
])
def test_the_same_territory_carries_its_value(code, declared, to_code, flag):
    result, dropped = RECODER.recode(_values((code, declared, 4.5)), additive=False)
    assert dropped.empty and result[["nuts_id", "value", "flag"]].values.tolist() == [[to_code, 4.5, flag]]


@pytest.mark.parametrize(("code", "declared", "reason"), [
    ("HR04", 2016, REASON_SPLIT),
    ("FR9", 2013, REASON_UNVERIFIED),
    ("QQ99", 2016, REASON_UNKNOWN),
])
def test_a_territory_that_changed_becomes_no_data_with_its_reason(code, declared, reason):
    result, dropped = RECODER.recode(_values((code, declared, 4.5)), additive=True)
    assert result.empty and dropped.reason.iloc[0].startswith(reason)


def test_counts_of_a_merger_are_summed_only_when_every_part_has_a_value():
    result, _ = RECODER.recode(_values(("PT1A", 2024, 2.0), ("PT1B", 2024, 3.0)), additive=True)
    assert result[["nuts_id", "value", "flag"]].values.tolist() == [["PT17", 5.0, "merged_sum"]]
    assert result.note.iloc[0] == "sum of former regions PT1A+PT1B"
    result, dropped = RECODER.recode(_values(("PT1A", 2024, 2.0)), additive=True)
    assert result.empty and dropped.reason.iloc[0].startswith(REASON_INCOMPLETE_MERGE)


def test_a_rate_of_a_merger_is_never_summed():
    result, dropped = RECODER.recode(_values(("PT1A", 2024, 2.0), ("PT1B", 2024, 3.0)), additive=False)
    assert result.empty and len(dropped) == 2 and dropped.reason.str.startswith(REASON_RATE_MERGE).all()


@pytest.mark.parametrize(("code", "declared", "detected"), [
    ("UKM21", 2016, 2016), ("UKM71", 2016, 2021), ("FR9", 2016, 2013), ("PT1A", 2016, 2024), ("QQ99", 2016, None),
    ("HR04", 2010, 2013),
])
def test_each_code_is_recoded_from_the_version_that_lists_it(code, declared, detected):
    assert RECODER.detect_version(code, declared) == detected


def test_a_code_of_another_version_than_declared_says_so_in_its_note():
    result, _ = RECODER.recode(_values(("UKM71", 2016, 1.0)), additive=False)
    assert result.note.iloc[0] == "NUTS 2021 code (from the official code lists); the source declares NUTS 2016"


def test_a_value_published_under_the_2021_code_wins_over_a_recoded_one():
    result, audit = RECODER.recode_with_audit(_values(("UKM21", 2016, 1.0), ("UKM71", 2021, 2.0)), additive=False)
    assert result[["nuts_id", "value"]].values.tolist() == [["UKM71", 2.0]]
    assert audit.set_index("nuts_id").loc["UKM21", "reason"] == REASON_DUPLICATE


def test_every_input_row_is_accounted_for_once():
    rows = _values(("AT11", 2016, 1.0), ("UKM21", 2016, 2.0), ("HR04", 2016, 3.0), ("PT1A", 2024, 4.0),
                   ("PT1B", 2024, 5.0), ("QQ99", 2016, 6.0), ("FR9", 2013, 7.0))
    result, audit = RECODER.recode_with_audit(rows, additive=True)
    assert sorted(audit.nuts_id) == sorted(rows.nuts_id)
    assert audit.set_index("nuts_id").action.to_dict() == {"AT11": "kept", "UKM21": "recoded", "HR04": "dropped",
                                                           "PT1A": "merged", "PT1B": "merged", "QQ99": "dropped",
                                                           "FR9": "dropped"}
    assert sorted(result.nuts_id) == ["AT11", "PT17", "UKM71"]
