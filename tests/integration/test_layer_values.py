"""Real values in the layer equal the figures in the raw source files."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest


def value(layer, indicator_id, nuts_id, year):
    frame = layer.by_indicator[indicator_id]
    hit = frame[(frame.nuts_id == nuts_id) & (frame.year == year)]
    assert len(hit) == 1, f"{indicator_id} {nuts_id} {year}: {len(hit)} rows"
    return float(hit.value.iloc[0])


def absent(layer, indicator_id, nuts_id, year=None):
    frame = layer.by_indicator[indicator_id]
    hit = frame[(frame.nuts_id == nuts_id) & ((frame.year == year) if year else True)]
    return hit.empty


def test_desi_ai_denmark_matches_the_workbook(layer, raw_dir):
    book = openpyxl.load_workbook(raw_dir / "desi-2022/DESI_2022_final.xlsx", read_only=True, data_only=True)
    sheet = book["Data"]
    header = None
    found = None
    for row in sheet.iter_rows(values_only=True):
        if header is None and row and "3b5" in [str(c).split(" ")[0] for c in row if c]:
            header = [str(c).split(" ")[0] if c else "" for c in row]
            continue
        if header and "DK" in row and "y6" in [str(c) for c in row]:
            found = row[header.index("3b5")]
            break
    book.close()
    assert found == pytest.approx(0.238861, abs=1e-6)
    assert value(layer, "desi_ai", "DK", 2021) == pytest.approx(found * 100)


def test_desi_values_stored_under_reference_year_with_edition_note(layer):
    frame = layer.by_indicator["desi_ai"]
    dk = frame[frame.nuts_id == "DK"].iloc[0]
    assert dk.year == 2021 and "DESI 2022 edition" in dk.note
    assert value(layer, "desi_cloud", "SE", 2021) == pytest.approx(69.1699, abs=1e-3)
    from data.layer import eu_reference

    assert eu_reference(layer, "desi_cloud", 2021) == pytest.approx(33.9901, abs=1e-4)


def test_patents_nuts3_munich(layer, raw_dir):
    raw = pd.read_csv(raw_dir / "eurostat-patents-nuts3-1977-2012/pat_ep_rtot.csv")
    expected = raw[(raw.unit == "NR") & (raw.geo == "DE212") & (raw.time == 2012)]["values"].item()
    assert expected == pytest.approx(710.75)
    assert value(layer, "epo_patent_applications", "DE212", 2012) == pytest.approx(expected)


def test_i40_hightech_employment_and_gerd(layer, raw_dir):
    raw = pd.read_csv(raw_dir / "i40-readiness-honti2020/I40_indicator_db.csv", sep="\t")
    row = raw[(raw.NUTS2 == "DE11") & (raw.YEAR == 2018)].iloc[0]
    assert value(layer, "emp_hightech_medhightech_manuf", "DE11", 2018) == pytest.approx(
        row["htec_emp_reg2_NACE_R2_C_HTC_MH__UNIT_PC_EMP__SEX_T"])
    row = raw[(raw.NUTS2 == "FI1B") & (raw.YEAR == 2015)].iloc[0]
    assert value(layer, "gerd_total", "FI1B", 2015) == pytest.approx(row["rd_e_gerdreg_SECTPERF_TOTAL__UNIT_PC_GDP"])


def test_eurostat_gdp_and_derived_gdp_per_inhabitant(layer, raw_dir):
    raw = pd.read_csv(raw_dir / "eurostat-regional-2005-2020/eu_all_geo_data.csv", low_memory=False)
    gdp = raw[(raw.input_var_code == "tgs00003") & (raw.geo == "ITC4") & (raw.time == "2017")]["values"].astype(float).item()
    pop = raw[(raw.input_var_code == "tgs00096") & (raw.geo == "ITC4") & (raw.time == "2017")]["values"].astype(float).item()
    assert value(layer, "gdp_mio_eur", "ITC4", 2017) == pytest.approx(gdp)
    assert value(layer, "gdp_per_inhabitant", "ITC4", 2017) == pytest.approx(gdp * 1e6 / pop)


def test_ai_preprints_and_share(layer, raw_dir):
    ai = pd.read_csv(raw_dir / "eurito-ai-preprints/artificial_intelligence_count.csv")
    ax = pd.read_csv(raw_dir / "eurito-ai-preprints/arxiv_count.csv")
    n_ai = ai[(ai.region_id == "DK01") & (ai.year == 2020)].artificial_intelligence_count.item()
    n_all = ax[(ax.region_id == "DK01") & (ax.year == 2020)].arxiv_count.item()
    assert (n_ai, n_all) == (113, 432)
    assert value(layer, "ai_preprints", "DK01", 2020) == 113
    assert value(layer, "ai_preprint_share", "DK01", 2020) == pytest.approx(100 * 113 / 432)


def test_missing_data_is_an_absent_row_never_nan_or_zero_fill(layer):
    assert not layer.values.value.isna().any()
    assert absent(layer, "ai_preprints", "DK02", 2020)


def test_outermost_regions_kept_in_regions(layer):
    ids = set(layer.regions.nuts_id)
    for code in ("ES70", "PT20", "PT30", "FRY1", "FRY2", "FRY3", "FRY4", "FRY5"):
        assert code in ids


def test_regions_are_valid_and_topology_preserving(layer):
    import shapely

    regions = layer.regions
    assert regions.geometry.is_valid.all()
    for level in range(4):
        part = regions[regions.level == level]
        union_area = shapely.union_all(part.geometry.values).area
        assert union_area == pytest.approx(part.geometry.area.sum(), rel=1e-6), f"overlaps at level {level}"
    assert (regions.parent_id.isna() == (regions.level == 0)).all()
