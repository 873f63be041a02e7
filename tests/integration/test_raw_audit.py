"""An auditor's check: raw files read directly (pandas on the raw paths, not the pipeline's readers)
against what the layer serves, for every source, level and recoding case (issue 14)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from data.pipeline.sources.rci import MERGED_AREAS

RAW = None  # set by the autouse fixture below; the raw directory of this session


@pytest.fixture(autouse=True, scope="module")
def _raw(raw_dir):
    global RAW
    RAW = Path(raw_dir)


@cache
def i40_panel() -> pd.DataFrame:
    return pd.read_csv(RAW / "i40-readiness-honti2020/I40_indicator_db.csv", sep="\t")


@cache
def i40_ranks() -> pd.DataFrame:
    return pd.read_csv(RAW / "i40-readiness-honti2020/rankings.csv")


@cache
def eurito(column: str) -> pd.DataFrame:
    return pd.read_csv(RAW / f"eurito-ai-preprints/{column}.csv", dtype={"region_id": str})


@cache
def patents() -> pd.DataFrame:
    return pd.read_csv(RAW / "eurostat-patents-nuts3-1977-2012/pat_ep_rtot.csv", dtype={"geo": str})


@cache
def regional() -> pd.DataFrame:
    return pd.read_csv(RAW / "eurostat-regional-2005-2020/eu_all_geo_data.csv", dtype=str)


@cache
def desi() -> pd.DataFrame:
    return pd.read_csv(RAW / "desi-2022/desi2022_indicators_long.csv", dtype={"indicator_code": str})


@cache
def rci() -> pd.DataFrame:
    return pd.read_csv(RAW / "rci-2010-2019/rci-indicator-evolution_raw.csv", dtype={"NUTS CODE 2016": str})


@cache
def rd(sector: str, level: int) -> pd.DataFrame:
    return pd.read_csv(RAW / f"eurito-rd-2014-2018/rd_{sector}_eur_hab.nuts{level}.csv", dtype={"nuts_id": str})


def raw_i40(column, code, year):
    p = i40_panel()
    return float(p[(p.NUTS2 == code) & (p.YEAR == year)][column].iloc[0])


def raw_eurito(column, code, year, spec):
    f = eurito(column)
    return float(f[(f.region_id == code) & (f.year == year) & (f.region_year_spec == spec)][column].iloc[0])


def raw_patents(unit, code, year):
    f = patents()
    return float(f[(f.unit == unit) & (f.geo == code) & (f.time == year)]["values"].iloc[0])


def raw_regional(code, year, **filters):
    f = regional()
    mask = (f.geo == code) & (f.time == str(year))
    for column, wanted in filters.items():
        mask &= f[column] == wanted
    return float(f[mask]["values"].iloc[0])


def raw_rci(code, year):
    f = rci()
    return float(f[(f["NUTS CODE 2016"] == code) & (f.Year == year)].value.iloc[0])


def raw_rd(sector, level, code, year):
    f = rd(sector, level)
    return float(f[(f.nuts_id == code) & (f.year == year)][f"r&d_{sector}_eur_hab"].iloc[0])


def served(layer, indicator_id, code, year) -> pd.Series | None:
    frame = layer.by_indicator[indicator_id]
    hit = frame[(frame.nuts_id == code) & (frame.year == year)]
    assert len(hit) <= 1
    return hit.iloc[0] if len(hit) else None


GDP = {"input_var_code": "tgs00003", "unit": "MIO_EUR"}
GERD = "rd_e_gerdreg_SECTPERF_TOTAL__UNIT_PC_GDP"
HTEC = "htec_emp_reg2_NACE_R2_C_HTC_MH__UNIT_PC_EMP__SEX_T"
HRST = "hrst_st_rcat_CATEGORY_HRST__UNIT_PC_POP"

# (case, indicator served, code served, year, raw value thunk, flag expected ('' = own code))
SPOTS = [
    ("TR10 trailing space in change table", "gdp_mio_eur", "TR10", 2018, lambda: raw_regional("TR10", 2018, **GDP), ""),
    ("TR90 trailing space", "gdp_mio_eur", "TR90", 2017, lambda: raw_regional("TR90", 2017, **GDP), ""),
    ("TR100 NUTS 3 (EURITO 2016)", "arxiv_preprints", "TR100", 2018, lambda: raw_eurito("arxiv_count", "TR100", 2018, 2016), ""),
    ("TR310 NUTS 3", "arxiv_preprints", "TR310", 2018, lambda: raw_eurito("arxiv_count", "TR310", 2018, 2016), ""),
    ("TR510 NUTS 3", "arxiv_preprints", "TR510", 2018, lambda: raw_eurito("arxiv_count", "TR510", 2018, 2016), ""),
    ("TR10 in EURITO 2010 codes", "arxiv_preprints", "TR10", 2010, lambda: raw_eurito("arxiv_count", "TR10", 2010, 2010), ""),
    ("NO060: 2021 code in a 2016 list", "arxiv_preprints", "NO060", 2020, lambda: raw_eurito("arxiv_count", "NO060", 2020, 2016), ""),
    ("France 2010 GERD under 2021 code (FR21 -> FRF2)", "gerd_total", "FRF2", 2010, lambda: raw_i40(GERD, "FR21", 2010), "minor_shift"),
    ("France 2008 GERD (FR30 -> FRE1)", "gerd_total", "FRE1", 2008, lambda: raw_i40(GERD, "FR30", 2008), "recoded"),
    ("Ile-de-France unchanged", "gerd_total", "FR10", 2010, lambda: raw_i40(GERD, "FR10", 2010), ""),
    ("Poland 2010 GERD under its 2021 code (PL11 -> PL71)", "gerd_total", "PL71", 2010, lambda: raw_i40(GERD, "PL11", 2010),
     ("recoded", "minor_shift")),
    ("I4.0 panel 2016 code", "hrst_share", "DE21", 2017, lambda: raw_i40(HRST, "DE21", 2017), ""),
    ("I4.0 panel NUTS 2016 DE11", "emp_hightech_medhightech_manuf", "DE11", 2015, lambda: raw_i40(HTEC, "DE11", 2015), ""),
    ("I4.0 patents count", "i40_patents", "DE21", 2015, lambda: raw_i40("I40_patent_count", "DE21", 2015), ""),
    ("Dec-00 recovered as DEC0", "regional_innovation_index", "DEC0", 2019,
     lambda: float(i40_ranks().set_index("Regio").loc["Dec-00", "RII"]), ""),
    ("EURITO NUTS 0", "arxiv_preprints", "AT", 2010, lambda: raw_eurito("arxiv_count", "AT", 2010, 2010), ""),
    ("EURITO NUTS 1 2010", "arxiv_preprints", "AT1", 2010, lambda: raw_eurito("arxiv_count", "AT1", 2010, 2010), ""),
    ("EURITO NUTS 2 2016", "ai_preprints", "DE21", 2019, lambda: raw_eurito("artificial_intelligence_count", "DE21", 2019, 2016), ""),
    ("EURITO NUTS 2 2013 codes", "ai_preprints", "FR10", 2013, lambda: raw_eurito("artificial_intelligence_count", "FR10", 2013, 2013), ""),
    ("EURITO NUTS 3 renamed BE100", "ai_preprints", "BE100", 2016,
     lambda: raw_eurito("artificial_intelligence_count", "BE100", 2016, 2016), "renamed"),
    ("patents NUTS 3 2010 code", "epo_patent_applications", "DE212", 2012, lambda: raw_patents("NR", "DE212", 2012), ""),
    ("patents NUTS 2 FR30 -> FRE1", "epo_patent_applications", "FRE1", 2012, lambda: raw_patents("NR", "FR30", 2012), "recoded"),
    ("patents NUTS 0", "epo_patent_applications", "DE", 2010, lambda: raw_patents("NR", "DE", 2010), ""),
    ("patents per million NUTS 1", "epo_patent_applications_per_million", "DE2", 2011, lambda: raw_patents("P_MHAB", "DE2", 2011), ""),
    ("regional GDP NUTS 2", "gdp_mio_eur", "DE21", 2018, lambda: raw_regional("DE21", 2018, **GDP), ""),
    ("regional country index NUTS 0", "gdp_per_capita_pps_index", "DE", 2018,
     lambda: raw_regional("DE", 2018, input_var_code="tec00114"), ""),
    ("regional unemployment", "unemployment_rate", "ES61", 2019,
     lambda: raw_regional("ES61", 2019, input_var_code="tgs00010", sex="T"), ""),
    ("tsc00011 country share", "emp_hightech_manuf_kis_country", "DE", 2018,
     lambda: raw_regional("DE", 2018, input_var_code="tsc00011", nace_r2="C_HTC_MH"), ""),
    ("RCI NUTS 2 own code", "rci_score", "DE21", 2019, lambda: raw_rci("DE21", 2019), ""),
    ("RCI NUTS 0", "rci_score", "FR", 2016, lambda: raw_rci("FR", 2016), ""),
    ("RCI merged capital AT00 on Wien", "rci_score", "AT13", 2019, lambda: raw_rci("AT00", 2019), "merged_area"),
    ("RCI merged capital BE00 on Vlaams-Brabant", "rci_score", "BE24", 2013, lambda: raw_rci("BE00", 2013), "merged_area"),
    ("RCI merged capital UK00 on Essex", "rci_score", "UKH3", 2010, lambda: raw_rci("UK00", 2010), "merged_area"),
    ("R&D business NUTS 2", "rd_business_eur_per_inhabitant", "AT11", 2015, lambda: raw_rd("private", 2, "AT11", 2015), ""),
    ("R&D business NUTS 0", "rd_business_eur_per_inhabitant", "AT", 2014, lambda: raw_rd("private", 0, "AT", 2014), ""),
    ("R&D government NUTS 0", "rd_government_eur_per_inhabitant", "AT", 2014, lambda: raw_rd("government", 0, "AT", 2014), ""),
    ("R&D business NUTS 1", "rd_business_eur_per_inhabitant", "AT1", 2017, lambda: raw_rd("private", 1, "AT1", 2017), ""),
]


@pytest.mark.parametrize("case, indicator_id, code, year, raw, flag", SPOTS, ids=[s[0] for s in SPOTS])
def test_spot_value_equals_raw(layer, case, indicator_id, code, year, raw, flag):
    row = served(layer, indicator_id, code, year)
    assert row is not None, f"{case}: {indicator_id} {code} {year} is served as no data"
    assert float(row.value) == pytest.approx(raw(), rel=1e-9), case
    assert (row.flag or "") in ((flag,) if isinstance(flag, str) else flag), (case, row.flag, row.note)


def test_desi_country_value_under_reference_year(layer):
    f = desi()
    raw = float(f[(f.desi_edition == 2022) & (f.country == "DK") & (f.indicator_code == "3b5")].value.iloc[0])
    assert float(served(layer, "desi_ai", "DK", 2021).value) == pytest.approx(100 * raw)


@pytest.mark.parametrize("indicator_id, code, year", [
    ("epo_patent_applications", "FRY", 2012),   # FR9 (2010) lacks Mayotte: JRC placeholder weights prove nothing
    ("gerd_total", "LT01", 2010),                # LT00 split into LT01/LT02
    ("gerd_total", "HU11", 2012),                # HU10 split
    ("epo_patent_applications", "PL91", 2012),   # PL12 split
    ("rci_score", "FRY5", 2019),                 # the source marks it 'not enough data'
])
def test_split_and_unverifiable_territories_get_no_data(layer, indicator_id, code, year):
    assert served(layer, indicator_id, code, year) is None


def test_merged_capital_members_are_exactly_the_regions_the_file_omits(raw_dir):
    codes = pd.read_csv(Path(raw_dir) / "jrc-nuts-converter-2025/all_nuts_codes.csv")
    nuts2_2016 = set(codes[(codes.version == 2016) & (codes.code.str.len() == 4)].code)
    listed = set(rci()["NUTS CODE 2016"])
    for area, members in MERGED_AREAS.items():
        assert area in listed and area not in nuts2_2016
        country = area[:2]
        omitted = {c for c in nuts2_2016 - listed if c.startswith(country)} - {"UKN1"}
        assert set(members) == omitted, area
    notes = " ".join(rci()["NUTS NAME"][rci()["NUTS CODE 2016"].isin(MERGED_AREAS)])
    assert "commuting area" in notes


def test_merged_area_value_is_flagged_and_noted(layer):
    frame = layer.by_indicator["rci_score"]
    merged = frame[frame.flag == "merged_area"]
    assert set(merged.nuts_id) == {m for members in MERGED_AREAS.values() for m in members}
    assert merged.note.str.contains("value of the merged area").all()
    assert not (frame.flag == "merged_area").groupby(frame.nuts_id).any().loc[["AT11", "DE21"]].any()


def _raw_long() -> pd.DataFrame:
    """Every raw value of the plain (non-derived) indicators, read straight from the raw files."""
    from data.layer.indicators import load_indicator_meta

    meta = load_indicator_meta().set_index("id")
    frames = []
    for ind, m in meta[meta["derive"].isna()].iterrows():
        if m.source_id == "i40_readiness" and m.table != "rankings":
            p = i40_panel()
            frames.append(pd.DataFrame({"indicator_id": ind, "code": p.NUTS2, "year": p.YEAR, "value": p[m.column]}))
        elif m.source_id == "i40_readiness":
            r = i40_ranks()
            frames.append(pd.DataFrame({"indicator_id": ind, "code": r.Regio.replace({"Dec-00": "DEC0"}),
                                        "year": int(m.year), "value": r[m.column]}))
        elif m.source_id == "eurito_ai_preprints" and isinstance(m.column, str):
            f = eurito(m.column)
            frames.append(pd.DataFrame({"indicator_id": ind, "code": f.region_id, "year": f.year, "value": f[m.column]}))
        elif m.source_id == "eurostat_patents":
            f = patents()
            f = f[f.unit == m.column]
            frames.append(pd.DataFrame({"indicator_id": ind, "code": f.geo, "year": f.time, "value": f["values"]}))
        elif m.source_id == "eurostat_regional" and isinstance(m["filter"], dict):
            f = regional()
            mask = pd.Series(True, index=f.index)
            for column, wanted in m["filter"].items():
                mask &= f[column] == wanted
            f = f[mask & f.time.str.fullmatch(r"\d{4}")]
            frames.append(pd.DataFrame({"indicator_id": ind, "code": f.geo, "year": f.time.astype(int),
                                        "value": pd.to_numeric(f["values"], errors="coerce") * m.scale}))
        elif m.source_id == "rci_2010_2019":
            f = rci()
            f = f[f["merged regions_code"] != "not enough data"]  # the source itself withholds it
            frames.append(pd.DataFrame({"indicator_id": ind, "code": f["NUTS CODE 2016"], "year": f.Year, "value": f.value}))
        elif m.source_id == "eurostat_rd_eurito":
            for level in (0, 1, 2):
                f = rd(m.table.split("_")[1], level)
                frames.append(pd.DataFrame({"indicator_id": ind, "code": f.nuts_id, "year": f.year, "value": f[m.column]}))
    return pd.concat(frames, ignore_index=True).dropna(subset=["value"])


def test_every_served_value_is_a_raw_value_a_recode_or_an_exact_merger(layer):
    """Property over the whole layer: a served value equals the raw value under the same code, the raw value
    of the one code it was recoded from (1:1), the sum of the raw values of an exact merger, or (flagged
    merged_area) the value of the merged area it belongs to."""
    raw = _raw_long()
    lookup = raw.drop_duplicates(["indicator_id", "code", "year"]).set_index(["indicator_id", "code", "year"]).value
    plain = set(raw.indicator_id)
    checked = 0
    for indicator_id in plain:
        frame = layer.by_indicator[indicator_id]
        for row in frame.itertuples():
            key_own = (indicator_id, row.nuts_id, row.year)
            flag = row.flag or ""
            if flag in ("", "renamed") and key_own in lookup.index and lookup[key_own] == pytest.approx(row.value):
                checked += 1
                continue
            note = row.note or ""
            if flag == "merged_sum":
                members = note.split("sum of former regions ")[1].split(";")[0].split("+")
                total = sum(lookup[(indicator_id, m.strip(), row.year)] for m in members)
                assert total == pytest.approx(row.value), (indicator_id, row.nuts_id, row.year)
            elif flag == "merged_area":
                area = note.split("(")[1].split(" = ")[0]
                assert lookup[(indicator_id, area, row.year)] == pytest.approx(row.value)
            else:
                source = _recoded_from(note, row.nuts_id)
                assert (indicator_id, source, row.year) in lookup.index, (indicator_id, row.nuts_id, row.year, flag, note)
                assert lookup[(indicator_id, source, row.year)] == pytest.approx(row.value), (indicator_id, row.nuts_id)
            checked += 1
    assert checked > 150_000


def _recoded_from(note: str, code: str) -> str:
    """The raw code a 1:1 recoded value came from: every recoding note names it ('recoded from X')."""
    return note.split("recoded from ")[1].split(" ")[0].rstrip(";") if "recoded from " in note else code


def test_no_region_with_raw_data_under_its_own_2021_code_is_served_null(layer, layer_dir):
    """Every raw row whose code is a valid NUTS 2021 region of the map is served, unless the build report
    lists it as dropped with a reason (a split in the version the row belongs to, or a duplicate)."""
    raw = _raw_long()
    regions = set(layer.regions.nuts_id)
    raw = raw[raw.code.isin(regions)]
    report = json.loads((Path(layer_dir) / "build_report.json").read_text(encoding="utf-8"))
    dropped = {(d["indicator_id"], c) for d in report["dropped"].get("recoding", []) for c in d["codes"]}
    out_of_range = {(d["indicator_id"], d["nuts_id"], d["year"]) for d in report["dropped"].get("out_of_range", [])}
    served_keys = set()
    for indicator_id in set(raw.indicator_id):
        frame = layer.by_indicator[indicator_id]
        served_keys |= set(zip([indicator_id] * len(frame), frame.nuts_id, frame.year))
    missing = [k for k in zip(raw.indicator_id, raw.code, raw.year)
               if k not in served_keys and (k[0], k[1]) not in dropped and k not in out_of_range
               and not (k[0] in ("ai_preprints", "arxiv_preprints", "deep_learning_preprints") and k[2] > 2020)]
    assert not missing, missing[:20]
    for must in [("gdp_mio_eur", "TR10", 2018), ("arxiv_preprints", "NO060", 2020), ("gdp_mio_eur", "TR90", 2018)]:
        assert must in served_keys


def test_build_report_accounts_for_every_raw_row_per_source_and_year(layer_dir):
    report = json.loads((Path(layer_dir) / "build_report.json").read_text(encoding="utf-8"))
    rows = pd.DataFrame(report["recoding_by_source_year"])
    assert {"i40_readiness", "eurostat_patents", "eurito_ai_preprints", "rci_2010_2019", "eurostat_rd_eurito"} <= set(rows.source_id)
    totals = rows[["kept", "recoded", "merged", "dropped"]].sum()
    assert totals.sum() == report["steps"]["recoding"]["rows_in"]
    i40_2010 = rows[(rows.source_id == "i40_readiness") & (rows.year == 2010)].iloc[0]
    assert i40_2010.recoded > 0 and i40_2010.dropped > 0 and i40_2010.dropped_by_reason
    assert report["steps"]["recoding"]["dropped"] < 13_070  # the count before issue 14
    for entry in rows.dropped_by_reason:
        for reason, detail in entry.items():
            assert reason and detail["rows"] > 0


def test_catalogue_tells_the_nuts_version_truth(layer):
    catalog = layer.catalog.set_index("indicator_id")
    assert catalog.loc["gerd_total", "nuts_version_of_source"] == "mixed (2013, 2016)"
    assert catalog.loc["emp_hightech_medhightech_manuf", "nuts_version_of_source"].startswith("mixed (")
    assert catalog.loc["epo_patent_applications", "nuts_version_of_source"] == "2010"
    assert "2021" in catalog.loc["arxiv_preprints", "nuts_version_of_source"]
