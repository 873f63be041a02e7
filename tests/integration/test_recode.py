"""NUTS recoding decisions come from Eurostat's change table and the JRC matrices."""

from __future__ import annotations

import pandas as pd
import pytest

from data.pipeline.recode import Recoder, eurostat_rules_2016, jrc_rules


@pytest.fixture(scope="module")
def eurostat(raw_dir):
    return eurostat_rules_2016(raw_dir / "eurostat-nuts-changes/NUTS2016-NUTS2021.xlsx")


def rule(rules, code):
    hit = rules[rules.from_code == code]
    assert len(hit) >= 1, code
    return hit.iloc[0]


def test_eurostat_name_change_keeps_data(eurostat, layer):
    r = rule(eurostat, "ES52")
    assert (r.kind, r.to_code) == ("renamed", "ES52")
    frame = layer.by_indicator["gdp_mio_eur"]
    es52 = frame[frame.nuts_id == "ES52"]
    assert len(es52) > 5 and set(es52.flag) == {"renamed"}


def test_eurostat_split_gives_no_data(eurostat, layer):
    assert rule(eurostat, "HR04").kind == "no_equivalent"
    for indicator in ("gdp_mio_eur", "emp_hightech_medhightech_manuf", "population"):
        frame = layer.by_indicator[indicator]
        assert frame[frame.nuts_id.isin(["HR02", "HR05", "HR06"])].empty, indicator
        assert not frame[frame.nuts_id == "HR03"].empty, indicator


def test_eurostat_recode_carries_over_under_new_code(eurostat):
    r = rule(eurostat, "HR041")
    assert (r.kind, r.to_code) == ("recoded", "HR050")
    r = rule(eurostat, "UKN10")
    assert (r.kind, r.to_code) == ("recoded", "UKN0A")


def test_eurostat_merge_and_boundary_change(eurostat):
    assert set(eurostat[eurostat.to_code == "BE328"].from_code) == {"BE324", "BE327"}
    assert set(eurostat[eurostat.to_code == "BE328"].kind) == {"merged"}
    assert rule(eurostat, "BE221").kind == "no_equivalent"


def test_merged_region_sums_counts_but_not_rates(layer):
    counts = layer.by_indicator["epo_patent_applications"]
    be328 = counts[counts.nuts_id == "BE328"]
    assert len(be328) > 0 and set(be328.flag) == {"merged_sum"}
    rates = layer.by_indicator["epo_patent_applications_per_million"]
    assert rates[rates.nuts_id == "BE328"].empty


def test_merge_sum_equals_raw_parts(layer, raw_dir):
    raw = pd.read_csv(raw_dir / "eurostat-patents-nuts3-1977-2012/pat_ep_rtot.csv")
    parts = raw[(raw.unit == "NR") & raw.geo.isin(["BE324", "BE327"]) & (raw.time == 2010)]
    assert len(parts) == 2
    counts = layer.by_indicator["epo_patent_applications"]
    got = counts[(counts.nuts_id == "BE328") & (counts.year == 2010)].value.item()
    assert got == pytest.approx(parts["values"].sum())


def test_jrc_2010_recode_and_split(raw_dir, layer):
    rules = jrc_rules(raw_dir / "jrc-nuts-converter-2025/n2_cm_v2010_v2021.csv", 2010)
    assert tuple(rule(rules, "FR30")[["kind", "to_code"]]) == ("recoded", "FRE1")
    assert rule(rules, "PL12").kind == "no_equivalent"
    patents = layer.by_indicator["epo_patent_applications"]
    assert not patents[(patents.nuts_id == "FRE1") & (patents.year == 2012)].empty
    assert patents[patents.nuts_id.isin(["PL91", "PL92"])].empty


def test_jrc_agrees_with_eurostat_on_2016_changes(raw_dir, eurostat):
    jrc = pd.concat([jrc_rules(raw_dir / f"jrc-nuts-converter-2025/n{lv}_cm_v2016_v2021.csv", 2016) for lv in (1, 2, 3)])
    for code in ("HR04", "BE221", "BE321"):
        assert rule(jrc, code).kind == "no_equivalent"
    assert tuple(rule(jrc, "HR041")[["kind", "to_code"]]) == ("recoded", "HR050")
    assert rule(jrc, "BE324").kind == "merged"


def test_recoder_reports_unknown_codes_and_refuses_rate_merges(eurostat):
    recoder = Recoder(eurostat)
    values = pd.DataFrame({"indicator_id": "x", "nuts_id": ["ES52", "QQ99", "BE324", "BE327", "HR04"],
                           "year": 2018, "value": [1.0, 2.0, 3.0, 4.0, 5.0], "nuts_version": 2016})
    out, dropped = recoder.recode(values, additive=False)
    assert list(out.nuts_id) == ["ES52"]
    reasons = " ".join(dropped.reason)
    assert "QQ99" in " ".join(dropped.nuts_id) and "not in the NUTS 2016 list" in reasons
    assert "rate cannot be summed" in reasons and "split" in reasons
    out, _ = recoder.recode(values, additive=True)
    assert out.set_index("nuts_id").value.to_dict() == {"ES52": 1.0, "BE328": 7.0}
