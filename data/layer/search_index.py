"""The region search index: NUTS names and codes, English names, names in the other shipped languages (ISO 3166-2
names translated by iso-codes; CLDR country names), countries and GeoNames towns.

Towns are placed in their NUTS 2021 NUTS 3 region by point in polygon on GISCO's 1:3M NUTS 3 geometry
(coastal towns snapped up to 10 km). The index is one table sorted by folded name, written into the
layer as ``search_index.parquet``, so the app neither loads the 80 MB GeoNames table nor folds names
at start. Towns of at least ``MIN_POPULATION`` inhabitants are kept: the places a person types to
find a region (the import engine uses the whole GeoNames table).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import pandas as pd
from babel import Locale

from data.layer.countries import country_names_in
from data.layer.language import DEFAULT_LANGUAGE, LANGUAGES
from data.layer.places import country_names, fold, gazetteer, regions_at_points
from data.yaml_files import load_yaml

SEARCH_INDEX_FILE = "search_index.parquet"
ENGLISH_NAMES_FILE = Path(__file__).resolve().parents[1] / "region_names_en.yaml"
ISO_NAMES_FILE = Path(__file__).resolve().parents[1] / "region_names_iso3166.yaml"
# Ranked in this order; a region's ISO 3166-2 name in another language comes after towns: iso-codes translates some
# counties by their seat ("Zagreb" for Zagrebačka županija), and the city a person types must come first.
KIND_CODE, KIND_NUTS_NAME, KIND_ENGLISH, KIND_COUNTRY, KIND_TOWN, KIND_OTHER_LANGUAGE = range(6)
ENTRY_COLUMNS = ["key", "nuts_id", "kind", "alternate", "order", "population", "matched"]

_BRACKETED = re.compile(r"\s*\[([^\]]*)\]")
_QUALIFIER = re.compile(r"\s*\([A-Z]{2}\)\s*$")
MIN_POPULATION = 1000
MAX_KEY = 60
COLUMNS = ["geonameid", "name", "keys", "population", "country", "lat", "lon", "nuts3"]


def _latin_keys(name: str, alternates: tuple[str, ...]) -> list[str]:
    """Folded name and Latin-script alternate names ('München', 'Munich', 'Monaco di Baviera')."""
    keys = {fold(name)}
    for alt in alternates:
        if alt and all(ord(ch) < 0x250 or ch.isspace() for ch in alt):
            keys.add(fold(alt))
    return sorted(k for k in keys if 2 <= len(k) <= MAX_KEY)


def written_names(name: str) -> list[str]:
    """The names one written name holds: its parts separated by "/", a bracketed alternate ("Girona [Gerona]"), each
    without a trailing "(XX)" country qualifier."""
    parts = [_BRACKETED.sub("", name), *_BRACKETED.findall(name)]
    pieces = (_QUALIFIER.sub("", piece).strip() for part in parts for piece in part.split("/"))
    return list(dict.fromkeys(piece for piece in pieces if piece))


def name_forms(name: str) -> set[str]:
    """The folded short forms one written name stands for (its parts, alternates and uninverted form)."""
    forms: set[str] = set()
    for piece in written_names(name):
        if ", " in piece:
            head, tail = piece.split(", ", 1)
            forms.add(fold(f"{tail} {head}"))
        forms.add(fold(piece))
    return {short_form(form) for form in forms if form} | {form for form in forms if form}



def build_towns(nuts3: gpd.GeoDataFrame) -> pd.DataFrame:
    """One row per GeoNames town inside a NUTS 3 region of `nuts3` (columns nuts_id, geometry)."""
    countries = set(nuts3.nuts_id.str[:2])
    places = [p for p in gazetteer().places if p.population >= MIN_POPULATION and p.country in countries]
    located = regions_at_points([(p.lat, p.lon) for p in places], nuts3)
    rows = [
        {"geonameid": p.geonameid, "name": p.name, "keys": _latin_keys(p.name, p.alternate_names),
         "population": p.population, "country": p.country, "lat": p.lat, "lon": p.lon, "nuts3": code}
        for p, (code, _how) in zip(places, located) if code
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def other_language_names(iso_regions: Mapping[str, Mapping[str, list[str]]], countries: list[str]) -> list[tuple]:
    """(code, kind, name, how it was found) for the names of regions and countries in the atlas's other languages:
    ISO 3166-2 subdivision names translated by iso-codes (``region_names_iso3166.yaml``) and CLDR country names."""
    english = Locale.parse(DEFAULT_LANGUAGE).languages
    names = [(code, KIND_OTHER_LANGUAGE, name, f"{english[language]} name {name} (ISO 3166-2, iso-codes)")
             for code, table in iso_regions.items() for language, written in table.items() if language in LANGUAGES
             for name in written]
    for language in LANGUAGES:
        names += [(code, KIND_COUNTRY, name, f"country {name} ({english[language]}, CLDR)")
                  for code, name in country_names_in(language, countries).items()]
    return names


def build_search_entries(regions: pd.DataFrame, english_names: Mapping[str, Mapping[str, list[str]]],
                         country_names: Mapping[str, str], towns: pd.DataFrame | None,
                         other_names: Sequence[tuple] = ()) -> pd.DataFrame:
    """One row per (folded name, region), sorted by name. `regions`: nuts_id, level, country, name_latn, name; `towns`: name, keys, population,
    nuts3 (the pipeline's GeoNames places table); `country_names`: NUTS country code → English name; `other_names`:
    ``other_language_names``."""
    known = {r.nuts_id: (r.name_latn, int(r.level), r.country) for r in regions.itertuples()}
    rows: list[tuple] = []
    for r in regions.itertuples():
        rows.append((fold(r.nuts_id), r.nuts_id, KIND_CODE, False, 0, 0, f"NUTS code {r.nuts_id}"))
        rows.extend((fold(n), r.nuts_id, KIND_NUTS_NAME, False, 0, 0, f"NUTS name {n}") for n in {r.name_latn, r.name})
    for kind, table in ((KIND_COUNTRY, english_names.get("countries", {})), (KIND_ENGLISH, english_names.get("regions", {}))):
        rows.extend((fold(n), code, kind, False, 0, 0, f"English name {n}")
                    for code, names in table.items() if code in known for n in names)
    for code, name in country_names.items():
        if code in known:
            rows.extend((fold(n), code, KIND_COUNTRY, False, 0, 0, f"country {name}")
                        for n in {name, name.removeprefix("The ")})
    rows.extend((key, code, kind, False, 0, 0, matched) for code, kind, name, matched in other_names if code in known
                for key in name_forms(name))
    names = pd.DataFrame(rows, columns=ENTRY_COLUMNS).assign(small=True)
    frames = [names] + ([_town_entries(towns, known).assign(small=False)] if towns is not None and len(towns) else [])
    return pd.concat(frames, ignore_index=True).sort_values(["key", "nuts_id"], kind="stable", ignore_index=True)


def _town_entries(towns: pd.DataFrame, known: Mapping[str, tuple]) -> pd.DataFrame:
    """Each town's names, pointing at its NUTS 3 region and (second) at that region's NUTS 2."""
    towns = towns[towns.nuts3.isin(list(known))]
    base = pd.DataFrame({
        "key": towns["keys"].map(list), "nuts3": towns.nuts3, "main": towns.name.map(fold),
        "population": towns.population.astype("int64"),
        "matched": "town " + towns.name + " (GeoNames, population " + towns.population.map("{:,}".format) + ")",
    }).explode("key").dropna(subset=["key"])
    base["alternate"] = base.key != base.main
    nuts3 = base.assign(nuts_id=base.nuts3, order=0)
    nuts2 = base.assign(nuts_id=base.nuts3.str[:4], order=1)
    both = pd.concat([nuts3, nuts2[nuts2.nuts_id.isin(list(known))]], ignore_index=True)
    return both.assign(kind=KIND_TOWN)[ENTRY_COLUMNS]


def build_search_index(regions: pd.DataFrame, nuts3: gpd.GeoDataFrame) -> pd.DataFrame:
    """The table the pipeline writes as ``search_index.parquet``."""
    english = load_yaml(ENGLISH_NAMES_FILE)
    iso_regions = load_yaml(ISO_NAMES_FILE).get("regions") or {}
    others = other_language_names(iso_regions, sorted(regions[regions.level == 0].nuts_id))
    return build_search_entries(regions, english, country_names(), build_towns(nuts3), others)


@lru_cache(maxsize=1)
def _form_words() -> tuple[frozenset[str], frozenset[str]]:
    table = load_yaml(ENGLISH_NAMES_FILE)
    return frozenset(table.get("form_words", ())), frozenset(table.get("form_joins", ()))


def short_form(key: str) -> str:
    """A folded name without the administrative words of its long form ('wojewodztwo malopolskie' ->
    'malopolskie', 'provincie noord brabant' -> 'noord brabant'); the key itself when it has none or is only those."""
    words, joins = _form_words()
    parts = key.split()
    start = 0
    while start < len(parts) - 1 and parts[start] in words:
        start += 1
    while start and start < len(parts) - 1 and parts[start] in joins:
        start += 1
    return " ".join(parts[start:]) if start else key


def region_name_entries(entries: pd.DataFrame) -> pd.DataFrame:
    """The names of regions and countries in the search index (no codes, no towns), each also under its short form:
    the one name index of the region search and of the importer's region-name column (key, nuts_id, kind, matched)."""
    names = entries[entries.kind.isin([KIND_NUTS_NAME, KIND_ENGLISH, KIND_COUNTRY])][["key", "nuts_id", "kind", "matched"]]
    short = names.assign(key=names.key.map(short_form))
    short = short[short.key != names.key]
    return pd.concat([names, short.assign(matched=short.matched + " (short form)")], ignore_index=True)


@lru_cache(maxsize=2)
def read_region_names(layer_path: str) -> pd.DataFrame | None:
    """``region_name_entries`` of a built layer (read once per layer, then only read), or None for a layer without
    the search index."""
    path = Path(layer_path) / SEARCH_INDEX_FILE
    if not path.exists():
        return None
    return region_name_entries(pd.read_parquet(path, columns=["key", "nuts_id", "kind", "matched"]))
