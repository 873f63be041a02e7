"""ESIF 2014-2020 planned finances (European Commission, Cohesion Open Data, programme versions of April 2019).

The money behind the smart-specialisation strategies: ERDF planned under thematic objective 01 "Research &
innovation" (TO01), for which an S3 was the ex-ante condition. The file has no NUTS codes; programmes are
placed by the reviewed table ``data/esif_programmes.yaml`` (classes regional / national / multi-regional /
interreg), never by text matching at build time.

* A **regional** programme's territory is one NUTS 1 or NUTS 2 region (2021 codes in the table). A region of
  level 1 or 2 gets a value when its NUTS 2 regions are exactly the union of whole programme territories: the
  region itself (Małopolskie PL21, Bayern DE2, Berlin DE3 and DE30), or a NUTS 1 region every NUTS 2 region of
  which has its own programme (Hauts-de-France FRE = FRE1 + FRE2). A NUTS 2 region inside a NUTS 1 programme
  (DE21 in Bayern) gets nothing: amounts are never apportioned.
* **National and multi-regional** programmes count only in their country's total (NUTS 0), shown separately
  as the national part; **Interreg** programmes count for no region and no country.
* Amounts are EU amounts (EUR), planned (decided), not spent. Per inhabitant uses the population on 1 January
  2014 (Eurostat tgs00096 as in the layer, NUTS 2 recoded to 2021, summed only when every NUTS 2 region of the
  territory has a value).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from data.layer.registry import source_file
from data.pipeline.sources import Extract, long_frame, source_indicators
from data.pipeline.sources.edih import population_2021
from data.yaml_files import load_yaml

SOURCE_ID = "esif_2014_2020_planned"
FILE = "ESIF_2014-2020_FINANCES_PLANNED_DETAILS_190411.csv"
PROGRAMMES_FILE = Path(__file__).resolve().parents[2] / "esif_programmes.yaml"
FUND = "ERDF"
RESEARCH = "01"
YEAR = 2014
POPULATION_YEAR = 2014
PERIOD = "2014–2020 (planned, programme versions of April 2019)"
CLASSES = ("regional", "national", "multi-regional", "interreg")
COUNTRY_CODES = {"GR": "EL"}
MEASURES = ("regional_eur", "regional_per_inhabitant", "regional_share", "country_eur", "country_national_eur",
            "country_per_inhabitant")


def read_planned() -> pd.DataFrame:
    """The raw file as published: one row per programme x priority x objective x fund x category of region."""
    raw = pd.read_csv(source_file(SOURCE_ID, FILE), dtype=str, keep_default_na=False)
    return raw.assign(eu_amount=pd.to_numeric(raw["EU Amount"], errors="raise"))


@lru_cache(maxsize=2)
def load_programmes(path: Path = PROGRAMMES_FILE) -> pd.DataFrame:
    """The reviewed programme -> territory table, one row per CCI; NUTS code lists as tuples."""
    rows = load_yaml(path)["programmes"]
    frame = pd.DataFrame([{"cci": r["cci"], "title": r["title"], "country": COUNTRY_CODES.get(r["country"], r["country"]),
                           "class": r["class"], "nuts2016": tuple(r.get("nuts2016") or ()),
                           "nuts2021": tuple(r.get("nuts2021") or ()), "reason": r.get("reason") or ""}
                          for r in rows])
    bad = frame[~frame["class"].isin(CLASSES)]
    if len(bad):
        raise ValueError(f"{PROGRAMMES_FILE.name}: unknown class in {', '.join(bad.cci)}")
    return frame


def programme_amounts(raw: pd.DataFrame) -> pd.DataFrame:
    """Per programme: ERDF planned under TO01 and the programme's whole ERDF (EU amounts, EUR)."""
    erdf = raw[raw.Fund == FUND]
    whole = erdf.groupby("CCI").eu_amount.sum().rename("erdf_total")
    research = erdf[erdf.TO_code == RESEARCH].groupby("CCI").eu_amount.sum().rename("erdf_research")
    return pd.concat([research, whole], axis=1).dropna(subset=["erdf_research"]).rename_axis("cci").reset_index()


def programme_table(raw: pd.DataFrame, programmes: pd.DataFrame) -> pd.DataFrame:
    """The reviewed table joined with the amounts; every TO01 programme of the file must be classified."""
    amounts = programme_amounts(raw)
    unknown = sorted(set(amounts.cci) - set(programmes.cci))
    if unknown:
        raise ValueError(f"{FILE}: programmes with ERDF under TO01 missing from {PROGRAMMES_FILE.name}: {', '.join(unknown)}")
    table = programmes.merge(amounts, on="cci", how="left")
    return table.assign(nuts2016=table.nuts2016.map(" ".join), nuts2021=table.nuts2021.map(" ".join))


def objective_table(raw: pd.DataFrame, ccis: set[str]) -> pd.DataFrame:
    """ERDF planned per thematic objective of each listed programme (the context of its research money)."""
    erdf = raw[(raw.Fund == FUND) & raw.CCI.isin(ccis)]
    table = (erdf.groupby(["CCI", "TO_code"]).agg(objective=("To short", "first"), erdf=("eu_amount", "sum"))
             .reset_index().rename(columns={"CCI": "cci", "TO_code": "to_code"}))
    return table.sort_values(["cci", "to_code"]).reset_index(drop=True)


def nuts2021_codes() -> pd.Series:
    """Every NUTS 2021 code of levels 1 and 2 (GISCO)."""
    with open(source_file("gisco_nuts_2021", "NUTS_RG_10M_2021_4326.geojson"), encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    return pd.Series(sorted(f["properties"]["NUTS_ID"] for f in features if f["properties"]["LEVL_CODE"] in (1, 2)))


def region_sums(table: pd.DataFrame, codes: pd.Series) -> pd.DataFrame:
    """Sums of regional programmes for every level 1/2 region made exactly of whole programme territories."""
    nuts2 = codes[codes.str.len() == 4]
    regional = table[table["class"] == "regional"]
    cover = {r.cci: frozenset(c for t in r.nuts2021.split() for c in nuts2[nuts2.str.startswith(t)])
             for r in regional.itertuples()}
    by_cci = regional.set_index("cci")
    rows = []
    for code in codes:
        inside = frozenset(nuts2[nuts2.str.startswith(code)])
        touching = [cci for cci, area in cover.items() if area & inside]
        if not touching or any(not cover[cci] <= inside for cci in touching):
            continue
        if frozenset().union(*(cover[cci] for cci in touching)) != inside:
            continue
        part = by_cci.loc[sorted(touching)]
        rows.append({"nuts_id": code, "erdf_research": part.erdf_research.sum(), "erdf_total": part.erdf_total.sum(),
                     "programmes": "; ".join(f"{cci} {title}" for cci, title in part.title.items()),
                     "nuts2": tuple(sorted(inside))})
    return pd.DataFrame(rows)


def country_sums(table: pd.DataFrame) -> pd.DataFrame:
    """Per country: every programme of the country (Interreg excluded) and the national + multi-regional part."""
    own = table[table["class"] != "interreg"]
    total = own.groupby("country").erdf_research.sum().rename("total")
    national = own[own["class"] != "regional"].groupby("country").erdf_research.sum().rename("national")
    return pd.concat([total, national], axis=1).fillna({"national": 0.0}).rename_axis("nuts_id").reset_index()


def population_of(territories: pd.Series, population: pd.Series, nuts2: pd.Series) -> pd.Series:
    """Population of each territory (NUTS 0-2 code) as the sum of its NUTS 2 regions, only when all have a value."""
    out = {}
    for code in territories:
        children = nuts2[nuts2.str.startswith(code)]
        if len(children) and children.isin(population.index).all():
            out[code] = float(population[children].sum())
    return pd.Series(out, dtype="float64")


def measure_values(table: pd.DataFrame, codes: pd.Series, population: pd.Series) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """One frame (nuts_id, value, note) per measure of MEASURES."""
    nuts2 = codes[codes.str.len() == 4]
    regions = region_sums(table, codes)
    countries = country_sums(table)
    period = f"planned {PERIOD.split(' (')[0]}, programme versions of April 2019"
    pop_note = f"; population on 1 January {POPULATION_YEAR} (Eurostat tgs00096)"
    region_pop = regions.nuts_id.map(population_of(regions.nuts_id, population, nuts2))
    country_pop = countries.nuts_id.map(population_of(countries.nuts_id, population, nuts2))
    country_note = ("all the country's programmes (Interreg excluded); of which national and multi-regional "
                    + countries.national.map(lambda v: f"EUR {v:,.0f}") + f"; {period}")
    frames = {
        "regional_eur": regions.assign(value=regions.erdf_research, note=period + "; " + regions.programmes),
        "regional_per_inhabitant": regions.assign(value=regions.erdf_research / region_pop,
                                                  note=period + pop_note + "; " + regions.programmes),
        "regional_share": regions.assign(value=100 * regions.erdf_research / regions.erdf_total,
                                         note=period + "; share of the programme's whole ERDF; " + regions.programmes),
        "country_eur": countries.assign(value=countries.total, note=country_note),
        "country_national_eur": countries.assign(value=countries.national,
                                                 note=f"national and multi-regional programmes only; {period}"),
        "country_per_inhabitant": countries.assign(value=countries.total / country_pop, note=country_note + pop_note),
    }
    no_pop = sorted(set(regions.nuts_id[region_pop.isna()]) | set(countries.nuts_id[country_pop.isna()]))
    notes = [f"ESIF 2014-2020: {len(regions)} NUTS 1/2 regions with regional programmes, {len(countries)} countries",
             f"ESIF 2014-2020: no population {POPULATION_YEAR} for {', '.join(no_pop)}: no value per inhabitant"]
    return {k: f[["nuts_id", "value", "note"]].dropna(subset=["value"]) for k, f in frames.items()}, notes


def extract(indicators: pd.DataFrame) -> Extract:
    mine = source_indicators(indicators, SOURCE_ID)
    raw = read_planned()
    table = programme_table(raw, load_programmes())
    codes = nuts2021_codes()
    population = population_2021(indicators, POPULATION_YEAR)
    frames, notes = measure_values(table, codes, population)
    values = []
    for ind in mine.itertuples():
        measure = (ind.filter or {}).get("measure") if isinstance(ind.filter, dict) else None
        if measure not in frames:
            raise ValueError(f"{ind.id}: filter.measure must be one of {', '.join(MEASURES)}")
        values.append(frames[measure].assign(indicator_id=ind.id, year=YEAR, nuts_version=2021,
                                             value=lambda f, s=ind.scale: f.value * s))
    objectives = objective_table(raw, set(table.cci))
    return Extract(long_frame(pd.concat(values, ignore_index=True)), notes=notes,
                   tables={"esif_programmes": table.drop(columns=["reason"]).assign(reason=table.reason),
                           "esif_objectives": objectives})
