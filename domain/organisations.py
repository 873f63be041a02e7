"""Imported cluster organisations as data: sectors, the sector filter, counts per region, the table of a view."""

from __future__ import annotations

import math

import pandas as pd

from data.imported import imported_lists
from data.layer import Layer
from domain.classify import Classes, classify_counts


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


def organisations_frame(imported: dict, chosen: list[str] | None = None):
    """The shown organisations as a table, each row naming its source and licence."""

    frame = pd.DataFrame(filtered_rows(imported, chosen)).drop(columns=["row"], errors="ignore")
    frame["source"] = str(imported.get("source") or "")
    frame["licence"] = str(imported.get("licence") or "")
    return frame.astype(object)
