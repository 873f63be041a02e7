"""Region profile: the numbers behind the drill-down panel, as plain data.

Everything here returns dicts/lists that tests check directly; the panel
layout (``components/profile_panel.py``) only renders them. Every figure
carries its source, year and unit; a missing value is None ("no data").
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType

from data.layer import LEVEL_NAMES, Layer, eu_reference, indicator_caveat, source_of
from data.layer.countries import country_name
from data.layer.memo import layer_memo
from data.layer.pools import merged_area_of, pool_label
from data.layer.references import eu_series
from domain.i18n import gettext as _

PROFILE_THEMES = ("technology", "innovation", "digital_skills", "industry")
PANEL_THEMES = (*PROFILE_THEMES, "strategies")  # the region panel also lists the S3 money (ESIF 2014-2020, planned)
LEVEL_PEERS = {0: "countries", 1: "NUTS 1 regions", 2: "NUTS 2 regions", 3: "NUTS 3 regions"}


def region_row(layer: Layer, nuts_id: str) -> dict:
    name, level, country = _region_rows(layer)[nuts_id]  # KeyError for an unknown region, as callers expect
    return {"nuts_id": nuts_id, "name": name, "level": level, "country": country}


@layer_memo(maxsize=8, max_bytes=8 * 1024 * 1024)
def _region_rows(layer: Layer) -> MappingProxyType:
    """Name, level and country of every region: one lookup instead of a scan of the regions per call."""
    regions = layer.regions
    return MappingProxyType({code: (name, int(level), country) for code, name, level, country
                             in zip(regions.nuts_id, regions.name_latn, regions.level, regions.country)})


def breadcrumb(layer: Layer, nuts_id: str) -> list[dict]:
    """Country → NUTS 1 → NUTS 2 → NUTS 3 down to the region itself."""
    chain = [nuts_id[: n + 2] for n in range(len(nuts_id) - 1)]
    return [region_row(layer, code) for code in chain if code in layer.region_ids]


def peer_label(level: int, nuts_id: str) -> str:
    """The pool a rank is read in, in words: ``data.layer.pools.pool_label`` (EU27 regions; a non-EU region is placed
    among them without joining them)."""
    return pool_label(level, nuts_id)


def rank_of(layer: Layer, indicator_id: str, level: int, year: int, nuts_id: str) -> tuple[int | None, int]:
    """Rank of a region in the EU27 pool of its level and year (1 = best, or highest when direction is unknown)."""
    rank, peers, _tied = ranked(layer, indicator_id, level, year, nuts_id)
    return rank, peers


def ranked(layer: Layer, indicator_id: str, level: int, year: int, nuts_id: str) -> tuple[int | None, int, int]:
    """(rank, pool size, regions sharing that rank including this one): what every surface says of a rank. One
    rule for all (``data.layer.pools.pool_ranks``, applied to every row when the layer is loaded:
    ``data.layer.ranks``): EU regions among the EU27 regions, a non-EU region at the place it would take among
    them, a merged area counted once; no rank for categories."""
    return layer.ranked(indicator_id, level, year, nuts_id)


def value_row(layer: Layer, indicator_id: str, nuts_id: str, year: int) -> dict:
    """The value of a region and year with its flag and note, and the merged area it belongs to (None when the
    value is the region's own): what a surface needs to show the value truthfully."""
    row = layer.row_at(indicator_id, nuts_id, year)
    if row is None:
        return {"value": None, "flag": "", "note": "", "merged_area": None}
    flag, note = str(row["flag"] or ""), str(row["note"] or "")
    area = merged_area_of(flag, note)
    return {"value": float(row["value"]), "flag": flag, "note": note if area else "", "merged_area": area}


def value_at(layer: Layer, indicator_id: str, nuts_id: str, year: int) -> float | None:
    row = layer.row_at(indicator_id, nuts_id, year)
    return None if row is None else float(row["value"])


def _source(layer: Layer, meta: dict) -> str:
    return layer.sources[meta["source_id"]].short_name


def headline(layer: Layer, nuts_id: str, indicator_id: str, year: int) -> dict:
    """The selected indicator for the region (or its country when only country data exist), with what must be said
    beside it: a merged area's value is named as the area's, and the indicator's caveat is repeated."""
    meta = layer.indicator(indicator_id)
    region = region_row(layer, nuts_id)
    level = region["level"]
    subject = nuts_id
    notes = []
    if level not in meta["levels"] and 0 in meta["levels"]:
        subject, level = region["country"], 0
        notes.append(_("Country-level indicator: figure for %(name)s.") % {"name": region_row(layer, subject)["name"]})
    row = value_row(layer, indicator_id, subject, year) if level in meta["levels"] else value_row_missing()
    value = row["value"]
    rank, peers, tied = ranked(layer, indicator_id, level, year, subject) if value is not None else (None, 0, 0)
    notes += value_notes(row, indicator_caveat(layer, indicator_id))
    return {
        "indicator_id": indicator_id, "label": meta["label"], "unit": meta["unit"], "year": year,
        "subject": subject, "value": value, "rank": rank, "peers": peers, "tied": tied, "peer_label": peer_label(level, subject),
        "eu": eu_reference(layer, indicator_id, year), "source": source_of(layer, indicator_id, level).short_name,
        "source_code": meta["source_code"], "note": " ".join(notes), "flag": row["flag"],
        "merged_area": row["merged_area"], "available": level in meta["levels"],
    }


def value_row_missing() -> dict:
    return {"value": None, "flag": "", "note": "", "merged_area": None}


def value_tags(row: dict, meta: Mapping) -> list[str]:
    """Short words for lines too narrow for the whole caveat (document bars): the full text is in the notes."""
    tags = ["experimental"] if meta.get("experimental") else []
    return tags + ([f"merged area {row['merged_area']}"] if row.get("merged_area") else [])


def value_notes(row: dict, caveat: str) -> list[str]:
    """The words a value needs on any surface: whose value it is (a merged area's, ranked once) and the caveat."""
    notes = []
    if row.get("merged_area"):
        notes.append(_("Not this region's own value: the %(note)s; ranked once, as the merged area %(area)s.") % {
            "note": row["note"], "area": row["merged_area"]})
    if caveat:
        notes.append(caveat)
    return notes


def time_series(layer: Layer, nuts_id: str, indicator_id: str) -> list[dict]:
    """Series for the region, its country and the EU reference, where each exists."""
    meta = layer.indicator(indicator_id)
    out: list[dict] = []
    country = nuts_id[:2]
    index = layer.region_rows[indicator_id]
    for code, label in ((nuts_id, region_row(layer, nuts_id)["name"]), (country, region_row(layer, country)["name"])):
        positions = index.positions(code)
        if len(positions) and not any(s["code"] == code for s in out):
            out.append({"code": code, "name": label, "years": index.years[positions].astype(int).tolist(),
                        "values": index.columns["value"][positions].tolist()})
    years, values = eu_series(layer, indicator_id)
    if years:
        out.append({"code": "EU27_2020", "name": "EU27", "years": list(years), "values": list(values)})
    for s in out:
        s["unit"] = meta["unit"]
    return out


def _latest(layer: Layer, indicator_id: str, code: str) -> tuple[int | None, float | None]:
    return _latest_values(layer, indicator_id).get(code, (None, None))


@layer_memo(maxsize=256, max_bytes=24 * 1024 * 1024)
def _latest_values(layer: Layer, indicator_id: str) -> MappingProxyType:
    """(latest year, its value) of every region of an indicator (the first row of that year, as before)."""
    frame = layer.by_indicator[indicator_id].reset_index(drop=True)
    if frame.empty:
        return MappingProxyType({})
    rows = frame.loc[frame.groupby("nuts_id", sort=False).year.idxmax()]
    return MappingProxyType({code: (int(year), float(value))
                             for code, year, value in zip(rows.nuts_id, rows.year, rows.value)})


def technology_profile(layer: Layer, nuts_id: str, themes: tuple[str, ...] = PROFILE_THEMES) -> list[dict]:
    """Every technology/innovation indicator for the region (its level) and its country, latest year: computed once
    per layer and region for the panel's themes and any others asked for (the panel and the technology centres
    asked with different themes, so each region's profile was computed twice), each caller getting its own
    copies of the items of its `themes`."""
    wanted = set(themes)
    computed = tuple(sorted(wanted | set(PANEL_THEMES)))
    return [dict(item) for item in _technology_profile(layer, nuts_id, computed) if item["theme"] in wanted]


@layer_memo(maxsize=2048, max_bytes=8 * 1024 * 1024)
def _technology_profile(layer: Layer, nuts_id: str, themes: tuple[str, ...]) -> tuple[dict, ...]:
    """Every technology/innovation indicator for the region (its level) and its country, latest year.

    Each item has the value, the EU reference of that year when the source
    publishes one (``ratio`` = value / EU), and the position among peers with
    data (``percentile``, 100 = best).
    """
    region = region_row(layer, nuts_id)
    items = []
    for meta in layer.catalog_entries():
        if meta["theme"] not in themes:
            continue
        subjects = []
        if region["level"] in meta["levels"]:
            subjects.append((nuts_id, region["level"]))
        if region["level"] > 0 and 0 in meta["levels"] and region["level"] not in meta["levels"]:
            subjects.append((region["country"], 0))
        for code, level in subjects:
            year, value = _latest(layer, meta["indicator_id"], code)
            if year is None:
                continue
            row = value_row(layer, meta["indicator_id"], code, year)
            eu = eu_reference(layer, meta["indicator_id"], year)
            rank, peers, tied = ranked(layer, meta["indicator_id"], level, year, code)
            percentile = None if rank is None or peers < 2 else round(100 * (peers - rank) / (peers - 1))
            items.append({
                "indicator_id": meta["indicator_id"], "label": meta["label"], "unit": meta["unit"],
                "theme": meta["theme"], "subject": code, "level": level, "year": year, "value": value,
                "eu": eu, "ratio": (value / eu) if eu and value is not None else None,
                "rank": rank, "peers": peers, "tied": tied, "percentile": percentile,
                "peer_label": peer_label(level, code),
                "source": source_of(layer, meta["indicator_id"], level).short_name, "direction": meta["higher_is_better"],
                "flag": row["flag"], "merged_area": row["merged_area"],
                "caveat": " ".join(value_notes(row, indicator_caveat(layer, meta["indicator_id"]))),
                "tags": value_tags(row, meta),
            })
    items.sort(key=lambda i: (i["level"] != region["level"], i["theme"], i["label"]))
    return tuple(items)


def region_profile(layer: Layer, nuts_id: str, indicator_id: str, year: int) -> dict:
    region = region_row(layer, nuts_id)
    return {
        **region,
        "country_name": country_name(region["country"]),
        "level_name": LEVEL_NAMES[region["level"]],
        "breadcrumb": breadcrumb(layer, nuts_id),
        "headline": headline(layer, nuts_id, indicator_id, year),
        "series": time_series(layer, nuts_id, indicator_id),
        "profile": technology_profile(layer, nuts_id, PANEL_THEMES),
    }


def compare_table(layer: Layer, codes: list[str], indicator_ids: list[str]) -> list[dict]:
    """Rows = indicators, one column per region: latest value with its year (None = no data), the merged area whose
    value a region shows (None when its own) and the indicator's caveat."""
    rows = []
    for indicator_id in indicator_ids:
        meta = layer.indicator(indicator_id)
        row = {"indicator_id": indicator_id, "label": meta["label"], "unit": meta["unit"], "source": _source(layer, meta),
               "caveat": indicator_caveat(layer, indicator_id)}
        for code in codes:
            year, value = _latest(layer, indicator_id, code)
            subject = code
            if year is None and len(code) > 2 and 0 in meta["levels"]:
                subject = code[:2]
                year, value = _latest(layer, indicator_id, subject)
            area = value_row(layer, indicator_id, subject, year)["merged_area"] if year is not None else None
            row[code] = {"value": value, "year": year, "subject": subject, "merged_area": area}
        rows.append(row)
    return rows


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
