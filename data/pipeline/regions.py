"""NUTS 2021 regions (GISCO) simplified for the web, topology preserved.

Each level is simplified as a *coverage* (``simplify_coverage``), so shared
borders stay shared: no gaps or slivers appear between neighbours. Coordinates
are then snapped to a 1e-4 degree grid (about 10 m), which moves every copy of
a shared vertex identically.
"""

from __future__ import annotations

import geopandas as gpd
import shapely

from data.layer.registry import source_file

SOURCE_ID = "gisco_nuts_2021"
TOLERANCE = {0: 0.02, 1: 0.015, 2: 0.01, 3: 0.006}
GRID = 1e-4
COLUMNS = ["nuts_id", "level", "country", "name_latn", "name", "parent_id",
           "mount_type", "urbn_type", "coast_type", "geometry"]


def build_regions() -> gpd.GeoDataFrame:
    raw = gpd.read_file(source_file(SOURCE_ID, "NUTS_RG_10M_2021_4326.geojson"))
    raw = raw.rename(columns={"NUTS_ID": "nuts_id", "LEVL_CODE": "level", "CNTR_CODE": "country",
                              "NAME_LATN": "name_latn", "NUTS_NAME": "name", "MOUNT_TYPE": "mount_type",
                              "URBN_TYPE": "urbn_type", "COAST_TYPE": "coast_type"})
    raw["level"] = raw.level.astype("int64")
    raw["parent_id"] = raw.nuts_id.where(raw.level > 0).str[:-1]
    for col in ("mount_type", "urbn_type", "coast_type"):
        raw[col] = raw[col].astype("Int64")
    parts = []
    for level, part in raw.groupby("level"):
        part = part.copy()
        part["geometry"] = part.geometry.simplify_coverage(TOLERANCE[level])
        part["geometry"] = shapely.set_precision(part.geometry.values, GRID)
        parts.append(part)
    regions = gpd.GeoDataFrame(gpd.pd.concat(parts), crs="EPSG:4326")
    return regions[COLUMNS].sort_values(["level", "nuts_id"]).reset_index(drop=True)
