"""Technology centres around a region: the hubs in it, and the nearest hubs beyond its border that offer what the
region is weakest in (its lowest technology-uptake positions, matched to hub technologies by the reviewed links in
``data/uptake_hub_links.yaml``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from data.layer import Layer
from data.layer.countries import country_name
from data.layer.hubs import HIGH_INTENSITY, hub_data, hub_rows_in_region, technologies_of
from data.layer.hubs_nearby import nearest_hub_rows
from data.layer.memo import layer_memo
from data.yaml_files import load_yaml
from domain.profile import technology_profile

LINKS_FILE = Path(__file__).resolve().parents[1] / "data" / "uptake_hub_links.yaml"
WEAKEST_LINKED = 2


@lru_cache(maxsize=1)
def uptake_hub_links() -> tuple[dict, ...]:
    return tuple(load_yaml(LINKS_FILE)["links"])


def technology_centres(layer: Layer, nuts_id: str) -> tuple[list[dict], list[dict], list[dict]]:
    """Hubs in the region (with their strongest technologies); the region's weakest linked uptake figures; and the
    nearest hubs beyond its border offering those technologies at high intensity (km from the region). Computed
    once per layer and region; each caller gets its own copies."""
    hubs, weakest, nearby = _technology_centres(layer, nuts_id)
    return [dict(item) for item in hubs], [dict(item) for item in weakest], [dict(item) for item in nearby]


@layer_memo(maxsize=1024, max_bytes=8 * 1024 * 1024)
def _technology_centres(layer: Layer, nuts_id: str) -> tuple[tuple[dict, ...], ...]:
    technology = technology_profile(layer, nuts_id)
    data = hub_data(layer)
    inside = hub_rows_in_region(layer, nuts_id, ("name", "type", "town", "website", "hub_id"))
    techs = technologies_of(data, [hub["hub_id"] for hub in inside])
    hubs = [{"name": hub["name"], "type": hub["type"], "town": hub["town"] or "", "website": hub["website"] or "",
             "technologies": [t["name"] for t in techs.get(hub["hub_id"], []) if t["intensity"] >= HIGH_INTENSITY][:4]}
            for hub in inside]
    positions = {i["indicator_id"]: i for i in technology if i["percentile"] is not None}
    linked = [{**positions[link["indicator"]], "technology": link["technology"]}
              for link in uptake_hub_links() if link["indicator"] in positions]
    weakest = sorted(linked, key=lambda i: i["percentile"])[:WEAKEST_LINKED]
    nearby: list[dict] = []
    if weakest:
        found = nearest_hub_rows(layer, nuts_id, sorted({w["technology"] for w in weakest}),
                                 ("name", "type", "country", "offers"), limit=5)
        nearby = [{"name": hub["name"], "type": hub["type"], "country": hub["country"],
                   "country_name": country_name(hub["country"]), "distance_km": float(hub["distance_km"]),
                   "offers": hub["offers"]} for hub in found]
    return tuple(hubs), tuple(weakest), tuple(nearby)
