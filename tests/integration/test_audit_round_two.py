"""Issue 26, an auditor's second round: raw files read directly (pandas on the raw paths, never the pipeline's
readers) against what every surface serves — profile, map hover, table, API, CSV, brief — for merged capital
areas, same-territory regions, country stars, units, EU references, credits, ranks and formatting."""

from __future__ import annotations

import csv
import io
import json
import re
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from data.layer import source_of
from data.layer.eu import EU27
from data.layer.nuts_rules import SAME_TERRITORY_SHARE
from domain.brief import region_brief
from domain.mapview import map_view, table_rows
from domain.profile import region_profile, technology_profile
from domain.specialisation import specialisation_profile
from domain.view import ViewState
from figures.choropleth import map_update

RAW: Path | None = None


@pytest.fixture(autouse=True, scope="module")
def _raw(raw_dir):
    global RAW
    RAW = Path(raw_dir)


@cache
def rci() -> pd.DataFrame:
    return pd.read_csv(RAW / "rci-2010-2019/rci-indicator-evolution_raw.csv", dtype={"NUTS CODE 2016": str})


@cache
def patents() -> pd.DataFrame:
    return pd.read_csv(RAW / "eurostat-patents-nuts3-1977-2012/pat_ep_rtot.csv", dtype={"geo": str})


@cache
def eurito(column: str) -> pd.DataFrame:
    return pd.read_csv(RAW / f"eurito-ai-preprints/{column}.csv", dtype={"region_id": str})


@cache
def regional() -> pd.DataFrame:
    return pd.read_csv(RAW / "eurostat-regional-2005-2020/eu_all_geo_data.csv", dtype=str)


@cache
def rankings() -> pd.DataFrame:
    return pd.read_csv(RAW / "i40-readiness-honti2020/rankings.csv")


@cache
def jrc(name: str) -> pd.DataFrame:
    return pd.read_csv(RAW / f"jrc-nuts-converter-2025/{name}.csv", dtype=str)


def raw_rci(code: str, year: int) -> float:
    f = rci()
    return float(f[(f["NUTS CODE 2016"] == code) & (f.Year == year)].value.iloc[0])


def raw_patents(unit: str, code: str, year: int) -> float:
    f = patents()
    return float(f[(f.unit == unit) & (f.geo == code) & (f.time == year)]["values"].iloc[0])


def raw_eurito(column: str, code: str, year: int) -> float:
    f = eurito(column)
    return float(f[(f.region_id == code) & (f.year == year)][column].iloc[0])


def served(layer, indicator_id: str, code: str, year: int):
    frame = layer.by_indicator[indicator_id]
    hit = frame[(frame.nuts_id == code) & (frame.year == year)]
    assert len(hit) <= 1
    return hit.iloc[0] if len(hit) else None


def csv_rows(client, query: str) -> dict[str, dict]:
    response = client.get(f"/download/technology.csv?{query}")
    assert response.status_code == 200, response.data[:200]
    reader = csv.DictReader(io.StringIO(response.data.decode("utf-8-sig")))
    return {row["nuts_id"]: row for row in reader}


def api_values(client, query: str) -> dict:
    """One indicator's /api/values answer, with its unit and source (caveat included) as one indicator's fields."""
    response = client.get(f"/api/values?{query}")
    assert response.status_code == 200, response.data[:200]
    body = response.get_json()
    indicator = body["indicators"][0]
    source = next(s for s in body["sources"] if s["id"] == indicator["source_id"])
    return {**body, "unit": indicator["unit"], "source": {**source, "caveat": indicator["caveat"]}}


# ---------------------------------------------------------------------------------------------- 1. merged areas

MERGED = [("AT13", "AT00", 2019), ("AT12", "AT00", 2016), ("PL91", "PL90", 2019), ("PL92", "PL90", 2013),
          ("DE40", "DE00", 2010)]


@pytest.mark.parametrize("code, area, year", MERGED)
def test_merged_area_value_is_the_areas_raw_value_flagged_on_the_profile(layer, code, area, year):
    row = served(layer, "rci_score", code, year)
    assert float(row.value) == pytest.approx(raw_rci(area, year)) and row.flag == "merged_area"
    headline = region_profile(layer, code, "rci_score", year)["headline"]
    assert headline["merged_area"] == area
    assert "Not this region's own value" in headline["note"] and area in headline["note"]


def test_merged_area_is_ranked_once_on_profile_and_table(layer):
    """AT00 = 0.61 in 2019: the EU27 pool counts each merged area once (its raw code once), its members share its
    place, and the rank is 1 + the number of other raw pool values above it."""
    raw = rci()
    raw = raw[(raw.Year == 2019) & (raw["NUTS CODE 2016"].str.len() == 4) & raw["NUTS CODE 2016"].str[:2].isin(EU27)
              & (raw["merged regions_code"] != "not enough data")]
    served_2019 = layer.by_indicator["rci_score"]
    served_2019 = served_2019[(served_2019.year == 2019) & (served_2019.level == 2) & served_2019.nuts_id.str[:2].isin(EU27)]
    members = {m for area in ("AT00", "BE00", "CZ00", "DE00", "NL00", "PL90") for m in raw_members(area)}
    own = served_2019[~served_2019.nuts_id.isin(members)]
    areas = raw[raw["NUTS CODE 2016"].isin(["AT00", "BE00", "CZ00", "DE00", "NL00", "PL90"])]
    pool = pd.concat([own.value, areas.value])
    expected_rank = int((pool > raw_rci("AT00", 2019)).sum()) + 1
    at13 = region_profile(layer, "AT13", "rci_score", 2019)["headline"]
    at12 = region_profile(layer, "AT12", "rci_score", 2019)["headline"]
    assert at13["peers"] == len(pool) == len(own) + 6
    assert at13["rank"] == at12["rank"] == expected_rank
    assert at13["tied"] == int((pool == raw_rci("AT00", 2019)).sum())  # other regions with 0.61; AT00 counted once
    view = map_view(layer, ViewState(indicator="rci_score", level=2, year=2019))
    rows = {r["nuts_id"]: r for r in table_rows(layer, view)}
    assert rows["AT13"]["rank"] == rows["AT12"]["rank"] == expected_rank
    assert "merged area AT00" in rows["AT13"]["status"] and "merged area" not in rows["AT11"]["status"]


def raw_members(area: str) -> set[str]:
    """The country's NUTS 2 (2016) regions the RCI file omits: the members of its merged area."""
    codes = jrc("all_nuts_codes")
    nuts2 = set(codes[(codes.version == "2016") & (codes.code.str.len() == 4)].code)
    listed = set(rci()["NUTS CODE 2016"])
    return {c for c in nuts2 - listed if c.startswith(area[:2])} - {"UKN1"}


def test_merged_area_on_hover_api_csv_and_legend(layer, client):
    view = map_view(layer, ViewState(indicator="rci_score", level=2, year=2019))
    update = map_update(layer, view)
    hover = {code: text for trace in update.traces if trace.get("customdata")
             for code, text in zip(_locations(layer, update, trace), trace["customdata"])}
    assert "merged area AT00" in hover["AT13"] and hover.get("AT11", "") == ""
    assert "AT00" in view.provenance and "ranked once" in view.provenance
    api = {r["nuts_id"]: r for r in api_values(client, "indicator=rci_score&level=2&year=2019")["values"]}
    assert api["AT13"]["merged_area"] == "AT00" and api["AT13"]["value"] == pytest.approx(raw_rci("AT00", 2019))
    assert api["PL91"]["merged_area"] == "PL90" and api["AT11"]["merged_area"] is None
    rows = csv_rows(client, "indicator=rci_score&level=2&year=2019")
    assert rows["AT13"]["flag"] == "merged_area" and "AT00" in rows["AT13"]["note"]
    assert rows["AT11"]["note"] == ""


def _locations(layer, update, trace) -> list[str]:
    from figures.choropleth import panels

    index = update.traces.index(trace)
    return list(panels(layer, 2)[index // 2].locations)


def test_brief_never_shows_a_merged_value_without_its_note(layer):
    for code in ("AT13", "PL91"):
        brief = region_brief(layer, code)
        for item in brief.technology:
            if item.get("merged_area"):
                assert item["merged_area"] in item["caveat"]


# ---------------------------------------------------------------------------------------- 2. same territory

CARRIED = [
    ("Zuid-Holland NL33 patents 2012", "epo_patent_applications", "NL33", 2012, lambda: raw_patents("NR", "NL33", 2012)),
    ("Zuid-Holland NL33 arXiv 2012", "arxiv_preprints", "NL33", 2012, lambda: raw_eurito("arxiv_count", "NL33", 2012)),
    ("Graz AT221 patents 2012", "epo_patent_applications", "AT221", 2012, lambda: raw_patents("NR", "AT221", 2012)),
    ("Oulu FI1D6 -> FI1D9", "epo_patent_applications", "FI1D9", 2012, lambda: raw_patents("NR", "FI1D6", 2012)),
    ("Bergamo ITC46", "epo_patent_applications", "ITC46", 2012, lambda: raw_patents("NR", "ITC46", 2012)),
    ("Stredocesky kraj CZ020", "epo_patent_applications", "CZ020", 2012, lambda: raw_patents("NR", "CZ020", 2012)),
    ("La Reunion FR94 -> FRY4", "epo_patent_applications", "FRY4", 2012, lambda: raw_patents("NR", "FR94", 2012)),
    ("La Reunion FR940 arXiv", "arxiv_preprints", "FRY40", 2012, lambda: raw_eurito("arxiv_count", "FR940", 2012)),
]


@pytest.mark.parametrize("case, indicator_id, code, year, raw", CARRIED, ids=[c[0] for c in CARRIED])
def test_same_territory_regions_carry_the_raw_value_with_a_flag(layer, case, indicator_id, code, year, raw):
    row = served(layer, indicator_id, code, year)
    assert row is not None, case
    assert float(row.value) == pytest.approx(raw())
    assert row.flag in ("minor_shift", "recoded")
    assert row.flag == "recoded" or f"{SAME_TERRITORY_SHARE:.0%}" in row.note


def test_same_territory_threshold_is_read_from_the_jrc_matrix():
    """CZ020 (NUTS 2010 -> 2021): 68 inhabitants of 2021 moved, far under 1 % both ways; NL33 keeps over 99 %."""
    m = jrc("n3_cm_v2010_v2021").astype({"pop21": float})
    moved = m[(m.code_v2010 == "CZ020") & (m.code_v2021 != "CZ020")].pop21.sum()
    kept = m[(m.code_v2010 == "CZ020") & (m.code_v2021 == "CZ020")].pop21.sum()
    assert moved == 68 and moved / (kept + moved) < 1 - SAME_TERRITORY_SHARE
    n2 = jrc("n2_cm_v2010_v2021").astype({"pop21": float})
    nl33 = n2[n2.code_v2010 == "NL33"]
    assert nl33[nl33.code_v2021 == "NL33"].pop21.sum() / nl33.pop21.sum() >= SAME_TERRITORY_SHARE


def test_territories_that_differ_stay_without_data_and_say_why(layer, layer_dir):
    assert served(layer, "epo_patent_applications", "FRY", 2012) is None  # FR9 (2010) lacks Mayotte
    assert served(layer, "epo_patent_applications", "PL91", 2012) is None  # PL12 split
    report = json.loads((Path(layer_dir) / "build_report.json").read_text(encoding="utf-8"))
    entries = [d for d in report["dropped_regions"] if d["code"] == "PL12" and d["source_id"] == "eurostat_patents"]
    assert entries and "split" in entries[0]["reason"] and {"PL91", "PL92"} <= set(entries[0]["nuts_2021_regions"])
    fr9 = [d for d in report["dropped_regions"] if d["code"] == "FR9" and d["source_id"] == "eurostat_patents"]
    assert fr9 and "placeholder" in fr9[0]["detail"]
    raw = patents()
    raw_codes = set(raw[(raw.unit == "NR") & (raw.time == 2012)].geo)
    served_codes = set(layer.by_indicator["epo_patent_applications"].query("year == 2012").nuts_id)
    listed = {d["code"] for d in report["dropped_regions"] if d["source_id"] == "eurostat_patents" and 2012 in d["years"]}
    recoded = set(layer.by_indicator["epo_patent_applications"].query("year == 2012").note.str.extract(
        r"recoded from (\w+)")[0].dropna())
    summed = {c for n in layer.by_indicator["epo_patent_applications"].query("year == 2012").note
              if "sum of former regions" in n for c in n.split("sum of former regions ")[1].split(";")[0].split("+")}
    regionalised = {c for c in raw_codes if not re.fullmatch(r"[A-Z]{2}(Z{1,3}|X{1,3})", c)
                    and not c.startswith(("EU", "EA"))}
    unaccounted = regionalised - served_codes - listed - recoded - summed
    assert not unaccounted, sorted(unaccounted)[:20]


def test_brief_says_why_a_region_has_no_data(layer):
    brief = region_brief(layer, "PL91")
    text = " ".join(brief.notes)
    assert "publishes no figure for this region and year" not in text
    assert "EPO patent applications" in text and "PL12" in text and "split" in text


# --------------------------------------------------------------------------------------- 3. country stars

def test_country_cluster_stars_are_computed_on_country_data(layer):
    f = regional()
    share = f[(f.input_var_code == "tsc00011") & (f.nace_r2 == "C_HTC_MH") & (f.time == "2008")]
    share = share[share.geo.isin(EU27)].set_index("geo")["values"].astype(float)
    cut = share.quantile(0.9)
    cz = served(layer, "stars_emp_hightech_medhightech_manuf", "CZ", 2008)
    lq = served(layer, "lq_emp_hightech_medhightech_manuf", "CZ", 2008)
    assert share["CZ"] >= cut
    assert float(cz.value) == (float(lq.value) >= 2) + 1
    for star in ("stars_emp_hightech_medhightech_manuf", "stars_emp_kis"):
        frame = layer.by_indicator[star]
        assert (frame[frame.level == 0].value > 0).any(), star


# ------------------------------------------------------------------------------------------- 4. HRST unit

def test_hrst_unit_names_the_age_group_everywhere(layer, client):
    meta = layer.indicator("hrst_share")
    assert "aged 15-74" in meta["unit"]
    catalogue = {i["indicator_id"]: i for i in client.get("/api/indicators").get_json()["indicators"]}
    assert "aged 15-74" in catalogue["hrst_share"]["unit"]
    assert "aged 15-74" in api_values(client, "indicator=hrst_share&level=2&year=2018")["unit"]
    assert "aged 15-74" in csv_rows(client, "indicator=hrst_share&level=2&year=2018")["PL21"]["unit"]


# ---------------------------------------------------------------------------------- 5. RII EU reference

def test_rii_states_the_2011_reference_and_the_eu28_value_everywhere(layer, client):
    eu28 = float(rankings().set_index("Regio").loc["EU28", "RII"])
    said = f"{eu28:.2f}"
    assert "EU in 2011 = 100" in layer.indicator("regional_innovation_index")["unit"]
    item = next(i for i in technology_profile(layer, "CZ01") if i["indicator_id"] == "regional_innovation_index")
    assert said in item["caveat"]
    assert said in api_values(client, "indicator=regional_innovation_index&level=2")["source"]["caveat"]
    assert said in csv_rows(client, "indicator=regional_innovation_index&level=2&year=2019")["CZ01"]["note"]
    view = map_view(layer, ViewState(indicator="regional_innovation_index", level=2, year=2019))
    assert said in view.provenance
    assert said in " ".join(t["meta"][2] for t in map_update(layer, view).traces if "z" in t)
    assert any(said in n for n in region_brief(layer, "CZ01").notes)


# ------------------------------------------------------------------------------------ 6. credits and caveats

def test_country_lq_is_credited_to_eurostat_on_every_surface(layer, client):
    eurostat = layer.sources["eurostat_regional"].short_name
    assert source_of(layer, "lq_emp_kis", 0).id == "eurostat_regional"
    assert api_values(client, "indicator=lq_emp_kis&level=0&year=2018")["source"]["id"] == "eurostat_regional"
    view = map_view(layer, ViewState(indicator="lq_emp_kis", level=0, year=2018))
    assert f"Source: {eurostat}" in view.provenance
    assert csv_rows(client, "indicator=lq_emp_kis&level=0&year=2018")["DE"]["source"] == eurostat
    assert api_values(client, "indicator=lq_emp_kis&level=2&year=2018")["source"]["id"] == "i40_readiness"


def test_experimental_caveat_on_every_surface(layer, client):
    from components.explorer_options import legend_for_view
    from components.headlines import headline_figures

    cards = {h.indicator_id: h for h in headline_figures(layer)}
    assert "experimental" in cards["ai_preprints"].caveat
    view = map_view(layer, ViewState(indicator="ai_preprints", level=2, year=2019))
    assert "experimental" in view.provenance and "experimental" in str(legend_for_view(view))
    assert "experimental" in " ".join(t["meta"][2] for t in map_update(layer, view).traces if "z" in t)
    item = next(i for i in technology_profile(layer, "DE21") if i["indicator_id"] == "ai_preprints")
    assert "experimental" in item["caveat"]
    assert "experimental" in api_values(client, "indicator=ai_preprints&level=2&year=2019")["source"]["caveat"]
    assert "experimental" in csv_rows(client, "indicator=ai_preprints&level=2&year=2019")["DE21"]["note"]
    assert any("experimental" in n for n in region_brief(layer, "DE21").notes)
    catalogue = {i["indicator_id"]: i for i in client.get("/api/indicators").get_json()["indicators"]}
    assert catalogue["ai_preprints"]["experimental"] is True


def test_patent_intensity_is_not_called_a_location_quotient(layer):
    from components.profile_panel import specialisation_block
    from figures.brief_pages import specialisation_lines

    items = {i["indicator_id"]: i for i in specialisation_profile(layer, "DE21")}
    assert items["lq_epo_patents"]["measure"] == "intensity (EU27 = 1)"
    assert items["lq_emp_hightech_manuf"]["measure"] == "LQ (EU28 = 1)"
    assert items["lq_emp_kis"]["measure"] == "LQ (EU27 = 1)"
    shown = str(specialisation_block(list(items.values())))
    assert "LQ 4.52" not in shown and "intensity (EU27 = 1)" in shown
    lines = specialisation_lines(region_brief(layer, "DE21"))
    assert lines and all("(EU27 = 1)" in line or "(EU28 = 1)" in line for line in lines)


# ----------------------------------------------------------------------------------------- 7. one rank rule

@pytest.mark.parametrize("indicator_id, year", [("ai_preprint_share", 2020), ("emp_hightech_medhightech_manuf", 2018)])
def test_non_eu_rank_is_the_same_on_profile_brief_and_table(layer, indicator_id, year):
    headline = region_profile(layer, "UKH1", indicator_id, year)["headline"]
    view = map_view(layer, ViewState(indicator=indicator_id, level=2, year=year))
    table = {r["nuts_id"]: r for r in table_rows(layer, view)}
    assert headline["rank"] == table["UKH1"]["rank"]
    frame = layer.by_indicator[indicator_id]
    eu = frame[(frame.year == year) & (frame.level == 2) & frame.nuts_id.str[:2].isin(EU27)]
    mine = float(served(layer, indicator_id, "UKH1", year).value)
    assert headline["rank"] == int((eu.value > mine).sum()) + 1 and headline["peers"] == len(eu)
    for item in region_brief(layer, "UKH1").technology:
        if item["indicator_id"] == indicator_id and item["year"] == year:
            assert item["rank"] == headline["rank"]


# ------------------------------------------------------------------------------------------ 8. patent stars

def test_patent_star_cut_includes_regions_without_a_rate(layer):
    """The size star's top-decile cut is set by every EU27 region of the level and year with an application count,
    with or without a per-million rate (issue 26: DEA45 2008 was tested against a cut of the regions with a rate
    only). Since the same-territory carries of item 2 the 2008 NUTS 3 pool holds more regions, so DEA45's 125.53
    applications now fall just under the cut: the rule, not one region, is what is checked."""
    counts = layer.by_indicator["epo_patent_applications"]
    lqs = layer.by_indicator["lq_epo_patents"]
    stars = layer.by_indicator["stars_epo_patents"]
    for year in (2008, 2012):
        pool = counts[(counts.year == year) & (counts.level == 3) & counts.nuts_id.str[:2].isin(EU27)]
        lq = lqs[(lqs.year == year) & (lqs.level == 3)].set_index("nuts_id").value
        assert len(pool) > len(pool[pool.nuts_id.isin(lq.index)])  # regions without a rate are in the pool
        cut = pool.value.quantile(0.9)
        star = stars[(stars.year == year) & (stars.level == 3)].set_index("nuts_id").value
        count = counts[(counts.year == year) & (counts.level == 3)].set_index("nuts_id").value
        expected = (lq >= 2).astype(float) + (count.reindex(lq.index) >= cut).astype(float)
        pd.testing.assert_series_equal(star.sort_index(), expected.sort_index(), check_names=False)
    raw = raw_patents("NR", "DEA45", 2008)
    assert float(served(layer, "epo_patent_applications", "DEA45", 2008).value) == pytest.approx(raw)


# ------------------------------------------------------------------------------ 9. unverified ranks removed

def test_unverified_rank_columns_are_served_nowhere(layer, client, layer_dir):
    assert not layer.catalog.label.str.contains("Rank in column").any()
    assert {"i40_readiness_rank", "gdp_rank_i40"}.isdisjoint(layer.by_indicator)
    catalogue = client.get("/api/indicators").get_json()["indicators"]
    assert not any("PrometheeRank" in json.dumps(i) for i in catalogue)
    assert client.get("/api/values?indicator=i40_readiness_rank").status_code == 400
    assert "Rank in column" not in " ".join(str(i) for i in region_brief(layer, "DE11").technology)
    report = json.loads((Path(layer_dir) / "build_report.json").read_text(encoding="utf-8"))
    finding = report["i40_rankings_not_served"]
    assert finding["columns"] == ["PrometheeRank", "GDPrank"] and "swapped" in finding["finding"]
    assert finding["rows"] == len(rankings())


# ------------------------------------------------------------------------- property: every flag is accounted for

def test_every_recoded_value_carries_a_same_territory_flag_and_note(layer):
    allowed = {"", "renamed", "recoded", "minor_shift", "merged_sum", "merged_area", "derived", "imported"}
    for indicator_id, frame in layer.by_indicator.items():
        flags = set(frame.flag.fillna(""))
        assert flags <= allowed, (indicator_id, flags - allowed)
        shifted = frame[frame.flag == "minor_shift"]
        assert shifted.note.str.contains("99%|same territory", regex=True).all(), indicator_id


def test_static_exports_and_slides_say_the_caveat_and_the_merged_area(layer):
    """The words of the PNG/SVG/PDF export, the meeting pack page and the slide (``figures.static_map.view_words``)."""
    from figures.static_map import view_words

    state = ViewState(indicator="ai_preprints", level=2, year=2019, region="DE21")
    words = view_words(layer, state, map_view(layer, state))
    assert "experimental" in words.source_line
    state = ViewState(indicator="rci_score", level=2, year=2019, region="AT13")
    words = view_words(layer, state, map_view(layer, state))
    assert any("merged area AT00" in line for line in words.key_figures)
    state = ViewState(indicator="lq_emp_kis", level=0, year=2018, region="DE")
    assert layer.sources["eurostat_regional"].citation in view_words(layer, state, map_view(layer, state)).source_line


def test_sources_page_states_the_same_territory_rule(client):
    import dash

    page = next(p for p in dash.page_registry.values() if p["path"] == "/sources")
    text = str(page["layout"]())
    assert f"{SAME_TERRITORY_SHARE:.0%}" in text and "merged area" in text


def test_compare_table_names_the_merged_area_and_the_caveat(layer):
    from components.profile_panel import compare_view
    from domain.profile import compare_table

    rows = compare_table(layer, ["AT13", "AT11"], ["rci_score", "regional_innovation_index"])
    assert rows[0]["AT13"]["merged_area"] == "AT00" and rows[0]["AT11"]["merged_area"] is None
    assert "EU in 2011 = 100" in rows[1]["caveat"]
    shown = str(compare_view(rows, [{"nuts_id": "AT13", "name": "Wien"}, {"nuts_id": "AT11", "name": "Burgenland"}],
                             "technology"))
    assert "merged area AT00" in shown
