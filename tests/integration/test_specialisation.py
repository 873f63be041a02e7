"""Location quotients, stars and similarity on real data, checked by hand against the raw files."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from domain.specialisation import similar_regions, specialisation_profile

EU27 = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU",
        "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"]


def value(layer, indicator_id, nuts_id, year):
    frame = layer.by_indicator[indicator_id]
    return frame[(frame.nuts_id == nuts_id) & (frame.year == year)].value.item()


def test_employment_lq_uses_published_eu27_share(layer, raw_dir):
    i40 = pd.read_csv(raw_dir / "i40-readiness-honti2020/I40_indicator_db.csv", sep="\t")
    share = i40[(i40.NUTS2 == "DE11") & (i40.YEAR == 2018)]["htec_emp_reg2_NACE_R2_C_HTC_MH__UNIT_PC_EMP__SEX_T"].item()
    eurostat = pd.read_csv(raw_dir / "eurostat-regional-2005-2020/eu_all_geo_data.csv", low_memory=False)
    eu = eurostat[(eurostat.input_var_code == "tsc00011") & (eurostat.geo == "EU27_2020") & (eurostat.nace_r2 == "C_HTC_MH")
                  & (eurostat.time == "2018")]["values"].astype(float).item()
    assert eu == pytest.approx(6.2)
    assert value(layer, "lq_emp_hightech_medhightech_manuf", "DE11", 2018) == pytest.approx(share / eu)


def test_group_without_eu27_aggregate_uses_published_eu28(layer, raw_dir):
    i40 = pd.read_csv(raw_dir / "i40-readiness-honti2020/I40_indicator_db.csv", sep="\t")
    col = "htec_emp_reg2_NACE_R2_KIS_HTC__UNIT_PC_EMP__SEX_T"
    region = i40[(i40.NUTS2 == "FR10") & (i40.YEAR == 2018)][col].item()
    eu28 = i40[(i40.NUTS2 == "EU28") & (i40.YEAR == 2018)][col].item()
    assert value(layer, "lq_emp_hightech_kis", "FR10", 2018) == pytest.approx(region / eu28)
    assert "EU28" in layer.indicator("lq_emp_hightech_kis")["source_code"]


def test_ai_lq_from_real_counts_only_where_all_27_countries_exist(layer, raw_dir):
    ai = pd.read_csv(raw_dir / "eurito-ai-preprints/artificial_intelligence_count.csv")
    ax = pd.read_csv(raw_dir / "eurito-ai-preprints/arxiv_count.csv")
    ai20 = ai[(ai.year == 2020) & ai.region_id.isin(EU27)].artificial_intelligence_count.sum()
    ax20 = ax[(ax.year == 2020) & ax.region_id.isin(EU27)].arxiv_count.sum()
    expected = (113 / 432) / (ai20 / ax20)
    assert value(layer, "lq_ai_preprints", "DK01", 2020) == pytest.approx(expected)
    assert set(layer.by_indicator["lq_ai_preprints"].year) == {2020}


def test_patent_lq_from_counts_and_rates(layer, raw_dir):
    raw = pd.read_csv(raw_dir / "eurostat-patents-nuts3-1977-2012/pat_ep_rtot.csv")
    y = raw[raw.time == 2010]
    nr = y[(y.unit == "NR") & y.geo.isin(EU27)].set_index("geo")["values"]
    rate = y[(y.unit == "P_MHAB") & y.geo.isin(EU27)].set_index("geo")["values"]
    eu_rate = nr.sum() / (nr / rate).sum()
    de212 = y[(y.unit == "P_MHAB") & (y.geo == "DE212")]["values"].item()
    assert value(layer, "lq_epo_patents", "DE212", 2010) == pytest.approx(de212 / eu_rate)


def test_stars_follow_their_rules(layer):
    lq = layer.by_indicator["lq_emp_hightech_medhightech_manuf"]
    share = layer.by_indicator["emp_hightech_medhightech_manuf"]
    stars = layer.by_indicator["stars_emp_hightech_medhightech_manuf"]
    year = 2018
    s = share[(share.year == year) & (share.level == 2)]
    cut = np.quantile(s.value, 0.9)
    for code in ("DE11", "PL21", "FR10", "CZ05"):
        expected = int(value(layer, "lq_emp_hightech_medhightech_manuf", code, year) >= 2) + int(
            s.set_index("nuts_id").value[code] >= cut)
        assert value(layer, "stars_emp_hightech_medhightech_manuf", code, year) == expected
    assert set(stars.value.unique()) <= {0.0, 1.0, 2.0}
    assert len(lq) == len(stars)


def test_specialisation_profile_and_similar_regions(layer):
    profile = specialisation_profile(layer, "DE11")
    groups = {p["indicator_id"]: p for p in profile}
    assert groups["lq_emp_hightech_medhightech_manuf"]["stars"] == 2
    assert all(p["source"] and p["year"] for p in profile)
    similar = similar_regions(layer, "DE11")
    assert len(similar["regions"]) == 10 and similar["year"] == 2018
    assert "DE11" not in [r["nuts_id"] for r in similar["regions"]]
    sims = [r["similarity"] for r in similar["regions"]]
    assert sims == sorted(sims, reverse=True) and all(0 < x <= 1 for x in sims)
