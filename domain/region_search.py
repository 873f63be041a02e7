"""Region search by the names people type: NUTS names, English names, countries and towns.

A cluster manager types "Bavaria", "Bavière", "Bawaria", "Niemcy" or "Munich", not "Bayern", "PL" or "DE212".
The index holds, for every region of the layer, its NUTS names and code, the English names of
``data/region_names_en.yaml``, its ISO 3166-2 names in the atlas's other languages (iso-codes, matched in
``data/region_names_iso3166.yaml``), country names from GeoNames and from CLDR in every shipped language, and
GeoNames towns (cities500), each town placed in its NUTS 3 region by the pipeline. A town finds its NUTS 3 and
then its NUTS 2. The search does not depend on the reader's language: a name in any shipped language finds its region.

Matching is on folded text (accents transliterated, case and punctuation ignored) and ranked by how
well the words match (exact, then prefix, then a word starting with the query, then anywhere), then
by the kind of name (code, NUTS name, English name, country, town), then by level and population.
"""

from __future__ import annotations

import bisect
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from data.layer import Layer, verified_bytes
from data.layer.places import fold
from data.layer.search_index import KIND_TOWN, SEARCH_INDEX_FILE, short_form

LEVEL_ORDER = {0: 0, 2: 1, 1: 2, 3: 3}
MAX_LIMIT = 50
MAX_QUERY = 100
MAX_PREFIX_CANDIDATES = 400


@dataclass(frozen=True)
class RegionHit:
    """One region found, and the name it was found by (said in words on screen and in the API)."""

    nuts_id: str
    name: str
    level: int
    country: str
    matched: str

    def as_dict(self) -> dict:
        return {"nuts_id": self.nuts_id, "name": self.name, "level": self.level, "country": self.country,
                "matched": self.matched}


@dataclass(frozen=True)
class RegionSearch:
    """An immutable index over one layer's regions (one sorted column per field), built once per layer and
    shared by every thread."""

    keys: list[str]
    columns: Mapping[str, np.ndarray]
    nuts_ids: tuple[str, ...]
    matched: tuple[str, ...]
    small: tuple[int, ...]
    regions: Mapping[str, tuple[str, int, str]]

    def search(self, query: str, limit: int = 10) -> list[RegionHit]:
        """Best match first; at most `limit` regions, each once."""
        needle = fold(str(query)[:MAX_QUERY])
        if not needle:
            return []
        limit = max(1, min(int(limit), MAX_LIMIT))
        scored = self._scored(needle)
        if not scored and short_form(needle) != needle:
            scored = self._scored(short_form(needle))
        ordered = sorted(scored.values())[:limit]
        return [self._hit(i) for _, i in ordered]

    def _scored(self, needle: str) -> dict[str, tuple]:
        """Each region's best rank for the needle. A town found only by one of its alternate names (GeoNames lists
        "Porto" among Bordeaux's) is dropped when a town at least half as populous carries it as its own name
        (Porto itself); "Roma" still finds Rome, as the Romanian village of Roma is far smaller."""
        col = self.columns
        scored: dict[str, tuple] = {}
        for i in self._candidates(needle):
            tier = _tier(self.keys[i], needle)
            if tier is None:
                continue
            code, kind = self.nuts_ids[col["nuts_id"][i]], int(col["kind"][i])
            level_order = LEVEL_ORDER[self.regions[code][1]] if kind != KIND_TOWN else 0
            rank = (tier, kind, bool(col["alternate"][i]), int(col["order"][i]), level_order, -int(col["population"][i]), code)
            if code not in scored or rank < scored[code][0]:
                scored[code] = (rank, i)
        own = [(rank[0], -rank[5]) for rank, _ in scored.values() if rank[1] == KIND_TOWN and not rank[2]]
        return {code: (rank, i) for code, (rank, i) in scored.items()
                if not (rank[1] == KIND_TOWN and rank[2] and _name_taken(rank[0], -rank[5], own))}

    def _candidates(self, needle: str) -> Iterable[int]:
        """Exact and prefix matches of every key (bisect), words and substrings of the non-town keys."""
        start = bisect.bisect_left(self.keys, needle)
        stop = bisect.bisect_left(self.keys, needle + "\x7f")
        exact = bisect.bisect_right(self.keys, needle, start, stop)
        yield from range(start, exact)
        if len(needle) >= 3 and stop > exact:
            if stop - exact <= MAX_PREFIX_CANDIDATES:
                yield from range(exact, stop)
            else:  # a short prefix of a common name: the most populous places and every non-town name first
                weight = self.columns["population"][exact:stop] + (self.columns["kind"][exact:stop] != KIND_TOWN) * 10**9
                best = np.argpartition(-weight, MAX_PREFIX_CANDIDATES)[:MAX_PREFIX_CANDIDATES]
                yield from (exact + int(i) for i in best)
        if len(needle) >= 2:
            yield from (i for i in self.small if needle in self.keys[i])

    def _hit(self, i: int) -> RegionHit:
        code = self.nuts_ids[self.columns["nuts_id"][i]]
        name, level, country = self.regions[code]
        return RegionHit(code, name, level, country, self.matched[self.columns["matched"][i]])


def _name_taken(tier: int, population: int, own: list[tuple[int, int]]) -> bool:
    return any(own_tier <= tier and 2 * own_population >= population for own_tier, own_population in own)


def _tier(key: str, needle: str) -> int | None:
    if key == needle:
        return 0
    if key.startswith(needle):
        return 1
    if f" {needle}" in f" {key}":
        return 2
    if len(needle) >= 3 and needle in key:
        return 3
    return None


def search_from_entries(entries: pd.DataFrame, regions: pd.DataFrame) -> RegionSearch:
    """The index from the pipeline's sorted entries table (``search_index.parquet``) and the layer's regions."""
    known = {r.nuts_id: (r.name_latn, int(r.level), r.country) for r in regions.itertuples()}
    entries = entries[entries.nuts_id.isin(list(known))].reset_index(drop=True)
    nuts_codes, nuts_ids = pd.factorize(entries.nuts_id)
    matched_codes, matched = pd.factorize(entries.matched)
    columns = {"nuts_id": nuts_codes.astype("int32"), "matched": matched_codes.astype("int32"),
               "kind": entries.kind.to_numpy("int8"), "alternate": entries.alternate.to_numpy(bool),
               "order": entries.order.to_numpy("int8"), "population": entries.population.to_numpy("int64")}
    return RegionSearch(keys=entries.key.tolist(), columns=columns, nuts_ids=tuple(nuts_ids.tolist()),
                        matched=tuple(matched.tolist()), small=tuple(np.flatnonzero(entries.small.to_numpy(bool)).tolist()),
                        regions=known)


@lru_cache(maxsize=4)
def region_search_for(layer: Layer) -> RegionSearch:
    """The index of a loaded layer, built on first use and then only read (any thread)."""
    return search_from_entries(pd.read_parquet(io.BytesIO(verified_bytes(layer, SEARCH_INDEX_FILE))), layer.regions)
