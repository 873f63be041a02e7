"""A tiny synthetic layer built in memory (well under 2 s), no real data, no server, no browser.

Its numbers are made up to exercise rules (defaults, classes, ranks, the EU27 comparison); they never reach
the app, whose tests on real data are in tests/integration/.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from data.layer import Layer
from data.layer.indicator_words import catalogs_by_language
from data.layer.registry import Source

# (code, name, level): two countries, their NUTS 1 and NUTS 2 regions.
REGIONS = [("AT", "Alpha", 0), ("BE", "Beta", 0), ("AT1", "Alpha One", 1), ("BE1", "Beta One", 1),
           ("AT11", "Alpha North", 2), ("AT12", "Alpha South", 2), ("BE11", "Beta North", 2), ("BE12", "Beta South", 2)]
NUTS2_SHARE = {("AT11", 2020): 10.0, ("AT12", 2020): 20.0, ("BE11", 2020): 30.0,
               ("AT11", 2021): 12.0, ("AT12", 2021): 18.0, ("BE11", 2021): 40.0, ("BE12", 2021): 5.0}
COUNTRY_SHARE = {("AT", 2021): 15.0, ("BE", 2021): 22.5}
EU27_SHARE_2021 = 20.0


def _source(source_id: str) -> Source:
    return Source(id=source_id, title=f"Synthetic {source_id}", short_name=source_id.upper(), publisher="Tests",
                  landing_page="https://example.org", licence="CC BY 4.0", licence_url="https://example.org/licence",
                  citation=f"Synthetic {source_id} (tests).", published="2024", accessed="2024-01-01", files=())


def _values(indicator_id: str, table: dict) -> pd.DataFrame:
    rows = [{"indicator_id": indicator_id, "nuts_id": code, "year": year, "value": value, "flag": "", "note": ""}
            for (code, year), value in table.items()]
    frame = pd.DataFrame(rows)
    return frame.assign(level=frame.nuts_id.str.len().astype("int8") - 2)


def _catalog_row(indicator_id: str, unit: str, theme: str, levels: list[int], years: list[int], eu: bool) -> dict:
    return {"indicator_id": indicator_id, "label": indicator_id.replace("_", " ").capitalize(), "description": "",
            "unit": unit, "theme": theme, "source_id": "synthetic", "source_name": "SYNTHETIC", "source_code": "x1",
            "levels": levels, "years": years, "higher_is_better": True, "nuts_version_of_source": "NUTS 2021",
            "derivation": "", "additive": False, "has_eu_reference": eu, "n_values": 0}


def build_tiny_layer() -> Layer:
    regions = gpd.GeoDataFrame(
        [{"nuts_id": code, "name": name, "name_latn": name, "level": level, "country": code[:2],
          "geometry": box(n, 0, n + 1, 1)} for n, (code, name, level) in enumerate(REGIONS)], crs="EPSG:4326")
    share = pd.concat([_values("share", NUTS2_SHARE), _values("share", COUNTRY_SHARE)], ignore_index=True)
    lq = _values("lq", {("AT11", 2021): 0.5, ("AT12", 2021): 1.5, ("BE11", 2021): 1.0, ("BE12", 2021): 2.0})
    catalog = pd.DataFrame([_catalog_row("share", "% enterprises", "technology", [0, 2], [2020, 2021], True),
                            _catalog_row("lq", "location quotient", "specialisation", [2], [2021], False)])
    reference = pd.DataFrame([{"indicator_id": "share", "year": 2021, "ref_id": "EU27_2020", "value": EU27_SHARE_2021}])
    return Layer(path=Path("/nonexistent-tiny-layer"), regions=regions, region_ids=frozenset(regions.nuts_id),
                 catalogs=catalogs_by_language(catalog), reference=reference, manifest=MappingProxyType({"layer_hash": "tiny"}),
                 by_indicator=MappingProxyType({"share": share, "lq": lq}),
                 sources=MappingProxyType({"synthetic": _source("synthetic")}))
