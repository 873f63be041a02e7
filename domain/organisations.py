"""Imported cluster organisations as data: sectors, the sector filter, counts per region, the table of a view."""

from __future__ import annotations

import math
from dataclasses import replace
from types import MappingProxyType

import pandas as pd

from data.layer import LEVEL_NAMES, Layer
from data.layer.imported import imported_lists
from domain.classify import Classes, classify_counts
from domain.s3 import centroids

ORG_FIELDS = ("nuts_id", "lat", "lon", "name", "sector", "town", "postcode")
ORG_TEXT = 160
MAX_ORGS = 20_000


def organisation_list(item: dict) -> MappingProxyType:
    """A sent cluster list reduced to what the map draws (region, coordinates, name, sector, town; texts cut to their
    limits) and its provenance; it is placed and checked again where it is drawn (``domain.organisations``)."""
    rows, sent = [], item.get("rows")
    for row in sent if isinstance(sent, list) else []:
        if isinstance(row, dict):
            rows.append({key: str(row.get(key))[:ORG_TEXT] for key in ORG_FIELDS if row.get(key) not in (None, "")})
    return MappingProxyType({"id": item["id"], "kind": "clusters", "rows": rows[:MAX_ORGS],
                             "source": str(item.get("source") or "source not stated")[:300],
                             "licence": str(item.get("licence") or "licence not stated")[:200]})



def with_organisation_list(layer: Layer, item: dict) -> Layer:
    """The layer with a cluster list a browser sent (reduced by ``organisation_list``) among its lists, so a view
    that shows it (``orgs=<id>``) finds it as it finds a list the deployment shares."""
    return replace(layer, shared_imports=(*layer.shared_imports, organisation_list(item)))


def organisation_layers(layers, shared: tuple = ()) -> list[dict]:
    """Cluster lists added for everyone (``shared``, from ``python -m data.import``), then those of this browser."""
    return imported_lists(layers, "clusters", shared)


def sectors(imported: dict) -> list[str]:
    found = set()
    for row in imported["rows"]:
        for part in str(row.get("sector") or "").replace(";", ",").split(","):
            if part.strip():
                found.add(part.strip())
    return sorted(found)


def filtered_rows(imported: dict, chosen: list[str] | None) -> list[dict]:
    if not chosen:
        return list(imported["rows"])
    wanted = {c.lower() for c in chosen}
    return [r for r in imported["rows"]
            if wanted & {p.strip().lower() for p in str(r.get("sector") or "").replace(";", ",").split(",")}]


def coordinate(value) -> float | None:
    try:
        number = float(str(value).replace(",", "."))
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def located(imported: dict, level: int, chosen: list[str] | None) -> list[tuple[int, dict]]:
    return [(n, r) for n, r in enumerate(filtered_rows(imported, chosen))
            if isinstance(r.get("nuts_id"), str) and len(r["nuts_id"]) - 2 >= level]


def organisation_counts(layer: Layer, imported: dict, level: int,
                        chosen: list[str] | None = None) -> tuple[dict[str, float], Classes]:
    """Organisations per region at `level` and their classes; regions with none in the list are not counted as 0
    (a list is rarely complete), they are classed apart."""
    counts: dict[str, float] = {}
    for _, row in located(imported, level, chosen):
        code = row["nuts_id"][: level + 2]
        counts[code] = counts.get(code, 0) + 1
    regions = layer.regions.nuts_id[layer.regions.level == level]
    return counts, classify_counts([counts.get(c, math.nan) for c in regions], "blues")


def organisations_frame(imported: dict, chosen: list[str] | None = None, layer: Layer | None = None):
    """The shown organisations as a table, each row naming its source and licence. With the layer, each row also gets
    what the map used: the NUTS country code of the region it was placed in (the file's own spelling, "Germany" or
    "Deutschland", is kept as "country (as in the file)"), the region's name, and the point drawn with how it was
    chosen (its own coordinates or the region's centre)."""

    frame = pd.DataFrame(filtered_rows(imported, chosen)).drop(columns=["row"], errors="ignore")
    if layer is not None and len(frame) and "nuts_id" in frame:
        frame = _as_mapped(frame, layer, organisation_places(layer, imported, chosen))
    frame["source"] = str(imported.get("source") or "")
    frame["licence"] = str(imported.get("licence") or "")
    return frame.astype(object)


def _as_mapped(frame: pd.DataFrame, layer: Layer, places: list[dict]) -> pd.DataFrame:
    names = layer.regions.set_index("nuts_id").name_latn
    codes = frame.nuts_id.astype(str)
    if "country" in frame:
        frame = frame.rename(columns={"country": "country (as in the file)"})
    at = {p["index"]: p for p in places}
    rows = range(len(frame))
    extra = pd.DataFrame({
        "country": codes.str[:2].where(codes.isin(list(layer.region_ids)), ""),
        "region_name": codes.map(names).fillna(""),
        "map_lat": [round(at[i]["lat"], 5) if i in at else None for i in rows],
        "map_lon": [round(at[i]["lon"], 5) if i in at else None for i in rows],
        "map_point": [("" if i not in at else "centre of the region (no coordinates in the file)"
                       if at[i]["at_centre"] else "coordinates of the file") for i in rows],
    }, index=frame.index)
    return pd.concat([frame, extra], axis=1)


def organisation_places(layer: Layer, imported: dict, chosen: list[str] | None = None) -> list[dict]:
    """Where each shown organisation is drawn, and what its hover says: its own coordinates when the list has them,
    else the centre of the finest region it was located in (said so, since the point is then not its address)."""
    rows = [(n, r) for n, r in enumerate(filtered_rows(imported, chosen))
            if isinstance(r.get("nuts_id"), str) and r["nuts_id"] in layer.region_ids]
    names = layer.regions.set_index("nuts_id").name_latn
    centres = centroids(layer, sorted({r["nuts_id"] for _, r in rows})) if rows else {}
    out = []
    for n, row in rows:
        code = row["nuts_id"]
        lat, lon = coordinate(row.get("lat")), coordinate(row.get("lon"))
        at_centre = lat is None or lon is None
        if lat is None or lon is None:
            lon, lat = centres[code]
        level = LEVEL_NAMES.get(len(code) - 2, "region")
        place = str(row.get("town") or row.get("postcode") or "").strip()
        region = f"{names.get(code, code)} ({code})"
        out.append({"index": n, "lat": float(lat), "lon": float(lon), "name": str(row.get("name") or "(no name)"),
                    "place": f"{place}, {region}" if place else region, "nuts_id": code, "at_centre": at_centre,
                    "located": f"located at {level}" + (", drawn at the region's centre" if at_centre else "")})
    return out


def top_regions(layer: Layer, imported: dict, level: int, chosen: list[str] | None = None,
                n: int = 8) -> list[tuple[str, str, int]]:
    """The regions with the most organisations at ``level`` (code, name, count), most first: the counts the map's
    points do not show at a glance."""
    counts, _ = organisation_counts(layer, imported, level, chosen)
    names = layer.regions.set_index("nuts_id").name_latn
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]
    return [(code, str(names.get(code, code)), int(count)) for code, count in ranked]
