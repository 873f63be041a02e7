"""Specialisation profile and 'regions like mine' from the location-quotient indicators."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.layer import Layer, indicator_caveat, source_of
from data.layer.memo import layer_memo

REFERENCE_NAMES = {"EU27_2020": "EU27", "EU28": "EU28"}

EMPLOYMENT_GROUPS = ("emp_hightech_medhightech_manuf", "emp_hightech_manuf", "emp_medlowtech_manuf", "emp_hightech_sectors",
                     "emp_hightech_kis", "emp_kis", "emp_professional_scientific")
OTHER_GROUPS = ("ai_preprints", "epo_patents")


def is_location_quotient(meta: dict) -> bool:
    """A location quotient divides a sector's share; patent intensity (per inhabitant over the EU27 rate) does not."""
    return str(meta.get("unit_en") or meta["unit"]).startswith("location quotient")


def measure_label(meta: dict) -> str:
    """What the number is, with the EU aggregate it is relative to: 'LQ (EU28 = 1)', 'intensity (EU27 = 1)'."""
    reference = REFERENCE_NAMES.get(meta.get("eu_reference") or "", "EU27")
    return f"{'LQ' if is_location_quotient(meta) else 'intensity'} ({reference} = 1)"


def lq_ids(layer: Layer) -> list[str]:
    return [i for i in layer.catalog.indicator_id if i.startswith("lq_")]


def specialisation_profile(layer: Layer, nuts_id: str) -> list[dict]:
    """Latest LQ and stars per sector group / technology for a region (groups without data are left out)."""
    out = []
    for lq_id in lq_ids(layer):
        latest = layer.region_rows[lq_id].latest(nuts_id)
        if latest is None:
            continue
        year, lq = latest
        star_id = "stars_" + lq_id[3:]
        stars = None
        if star_id in layer.by_indicator:
            hit = layer.row_at(star_id, nuts_id, year)
            stars = int(hit["value"]) if hit is not None else None
        meta = layer.indicator(lq_id)
        out.append({"indicator_id": lq_id, "label": meta["label"].split(": ", 1)[-1], "lq": lq,
                    "measure": measure_label(meta), "is_location_quotient": is_location_quotient(meta),
                    "year": year, "stars": stars, "star_method": layer.indicator(star_id)["description"]
                    if star_id in layer.by_indicator else "",
                    "source": source_of(layer, lq_id, len(nuts_id) - 2).short_name,
                    "caveat": indicator_caveat(layer, lq_id),
                    "tags": ["experimental"] if meta.get("experimental") else []})
    return sorted(out, key=lambda r: -r["lq"])


def lq_matrix(layer: Layer, level: int, year: int) -> pd.DataFrame:
    """Regions × employment sector groups (LQ), only regions with every group in that year (a copy of the matrix
    built once per layer, level and year: every "regions like this" asked for it again)."""
    return _lq_matrix(layer, int(level), int(year)).copy()


@layer_memo(maxsize=64, max_bytes=8 * 1024 * 1024)
def _lq_matrix(layer: Layer, level: int, year: int) -> pd.DataFrame:
    frames = []
    for group in EMPLOYMENT_GROUPS:
        frame = layer.by_indicator.get(f"lq_{group}")
        if frame is None:
            continue
        part = frame[(frame.level == level) & (frame.year == year)].set_index("nuts_id").value.rename(group)
        frames.append(part)
    return pd.concat(frames, axis=1).dropna() if frames else pd.DataFrame()


def similar_regions(layer: Layer, nuts_id: str, k: int = 10) -> dict:
    """The k regions whose employment-specialisation profile is closest (cosine similarity of LQ vectors)."""
    level = len(nuts_id) - 2
    first = f"lq_{EMPLOYMENT_GROUPS[0]}"
    index = layer.region_rows.get(first)
    years = sorted({int(index.years[p]) for p in index.positions(nuts_id)}, reverse=True) if index else []
    for year in years:
        matrix = _lq_matrix(layer, level, int(year))
        if nuts_id not in matrix.index or len(matrix) < 2:
            continue
        vectors = matrix.to_numpy()
        target = matrix.loc[nuts_id].to_numpy()
        sims = vectors @ target / (np.linalg.norm(vectors, axis=1) * np.linalg.norm(target))
        ranked = pd.Series(sims, index=matrix.index).drop(nuts_id).sort_values(ascending=False).head(k)
        names = layer.region_names()
        return {"year": int(year), "groups": list(matrix.columns), "n_compared": len(matrix) - 1,
                "regions": [{"nuts_id": code, "name": names[code], "similarity": float(sim)} for code, sim in ranked.items()]}
    return {"year": None, "groups": [], "n_compared": 0, "regions": []}
