"""The technology centres near a region: hubs beyond its border that offer given technologies, nearest first.

Distances are great-circle kilometres from a point inside the region's largest part. The hubs offering a filter's
technologies, with their coordinates, are gathered once per layer and filter; each region then costs one vectorised
distance computation and a sort.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

import numpy as np
import pandas as pd

from data.layer import InvalidChoice, Layer
from data.layer.hubs import (
    HIGH_INTENSITY,
    HubFilter,
    HubTable,
    filter_hubs,
    hub_data,
    labelled_offers,
    parse_filter,
)

EARTH_RADIUS_KM = 6371.0088
NEAR_KM = 1500.0


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km (arrays welcome)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a))


def region_point(layer: Layer, nuts_id: str) -> tuple[float, float]:
    """(lat, lon) of a point surely inside the region's largest part (not Svalbard for Norway), where distances start."""
    if nuts_id not in layer.region_ids:
        raise InvalidChoice("region", f"Unknown NUTS 2021 region {str(nuts_id)[:12]!r}.")
    return _region_point(layer, nuts_id)


@lru_cache(maxsize=4096)
def _region_point(layer: Layer, nuts_id: str) -> tuple[float, float]:
    """Once per layer and region (a geometry operation on the region's shape)."""
    shape = layer.regions.geometry.iloc[_region_positions(layer)[nuts_id]]
    point = max(getattr(shape, "geoms", [shape]), key=lambda part: part.area).point_on_surface()
    return point.y, point.x


def nearest_hubs_beyond(layer: Layer, nuts_id: str, technologies: list[str] | tuple[str, ...],
                        min_intensity: int = HIGH_INTENSITY, limit: int = 10, max_km: float = NEAR_KM) -> pd.DataFrame:
    """Hubs outside the region offering any of `technologies` at `min_intensity` or more, nearest first, with
    ``distance_km`` from the region's inner point and ``offers`` (the matching technologies with intensities).
    Hubs located by postcode only have no coordinates and are not ranked."""
    table, nearest, distance = _nearest(layer, nuts_id, technologies, min_intensity, limit, max_km)
    return table.frame.iloc[nearest].assign(distance_km=distance).reset_index(drop=True)


def nearest_hub_rows(layer: Layer, nuts_id: str, technologies: list[str] | tuple[str, ...], columns: tuple[str, ...],
                     min_intensity: int = HIGH_INTENSITY, limit: int = 10, max_km: float = NEAR_KM) -> list[dict]:
    """``nearest_hubs_beyond``'s rows as dicts of `columns` and ``distance_km``, plain values, without a frame."""
    table, nearest, distance = _nearest(layer, nuts_id, technologies, min_intensity, limit, max_km)
    rows = table.rows(nearest, columns)
    for row, km in zip(rows, distance.tolist(), strict=True):
        row["distance_km"] = km
    return rows


def _nearest(layer: Layer, nuts_id: str, technologies: list[str] | tuple[str, ...], min_intensity: int, limit: int,
             max_km: float) -> tuple[HubTable, np.ndarray, np.ndarray]:
    """The offering hubs, the positions of the nearest ones beyond the region (nearest first, then by hub code) and
    their distances in km."""
    data = hub_data(layer)
    hub_filter = parse_filter(data, technology=list(technologies), min_intensity=min_intensity)
    if not hub_filter.technologies:
        raise InvalidChoice("technology", "Give at least one technology.", data.technology_labels)
    lat, lon = region_point(layer, nuts_id)
    table, lats, lons, hub_ids = _offering(layer, hub_filter)
    outside = np.ones(len(hub_ids), dtype=bool)
    outside[table.inside(nuts_id)] = False
    distance = haversine_km(lat, lon, lats, lons).round(1)
    kept = np.flatnonzero(outside & (distance <= max_km))
    nearest = kept[np.lexsort((hub_ids[kept], distance[kept]))][: max(1, min(int(limit), 100))]
    return table, nearest, distance[nearest]


@lru_cache(maxsize=64)
def _offering(layer: Layer, hub_filter: HubFilter) -> tuple[HubTable, np.ndarray, np.ndarray, np.ndarray]:
    """The located hubs a filter keeps, with ``offers`` (its technologies and intensities), and their latitudes,
    longitudes and codes as arrays: once per layer and filter (the same few pairs of technologies recur for every
    region), not once per region profile."""
    data = hub_data(layer)
    hubs = filter_hubs(data, hub_filter)
    hubs = hubs[hubs.lat.notna()]
    offers = data.technologies[data.technologies.label.isin(hub_filter.technologies)
                               & (data.technologies.intensity >= hub_filter.min_intensity)]
    hubs = hubs.assign(offers=hubs.hub_id.map(labelled_offers(offers))).reset_index(drop=True)
    return (HubTable.of(hubs), hubs.lat.to_numpy(dtype=float), hubs.lon.to_numpy(dtype=float),
            hubs.hub_id.to_numpy(dtype=str, na_value=""))


@lru_cache(maxsize=4)
def _region_positions(layer: Layer) -> Mapping[str, int]:
    return MappingProxyType({code: n for n, code in enumerate(layer.regions.nuts_id)})
