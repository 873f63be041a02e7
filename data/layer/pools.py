"""Comparison pools for ranks, percentiles and top-decile thresholds.

Every rank a user reads is computed here, among the regions of one NUTS level
and year in a stated pool: the EU27 regions. Regions outside the EU are shown
and placed against the same EU27 pool (where they would stand), but never move
an EU threshold. EU aggregates are not regions and are never in a layer's
values, so they cannot enter a pool. Ranks are integers ("competition"
ranking: tied regions share the best rank) and the number of ties is stated.
A merged area (RCI: a capital scored with its commuting belt, its value shown
on each member region, flagged ``merged_area``) enters a pool once, not once
per member; each member is given the area's place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from data.layer.eu import EU27

EU_POOL = "EU27"
MERGED_AREA = "merged_area"
_AREA_CODE = re.compile(r"\(([A-Z]{2}[0-9A-Z]{1,3}) = ")


def merged_areas(frame: pd.DataFrame) -> dict[str, str]:
    """nuts_id -> merged-area code for the rows flagged ``merged_area`` (their note names the area as
    '(AT00 = AT12 + AT13)', written by ``data.pipeline.sources.rci``)."""
    if "flag" not in frame or frame.empty:
        return {}
    flagged = (frame["flag"] == MERGED_AREA).to_numpy(dtype=bool, na_value=False)
    if not flagged.any():  # most frames: no merged area, and no frame copied to find that out
        return {}
    hit = frame[flagged]
    codes = hit.note.astype(str).str.extract(_AREA_CODE)[0]
    return {code: area for code, area in zip(hit.nuts_id, codes) if isinstance(area, str)}


def merged_area_of(flag: object, note: object) -> str | None:
    """The merged-area code of one row (``merged_areas`` for a single value), or None when it is the region's own."""
    if flag != MERGED_AREA:
        return None
    match = _AREA_CODE.search(str(note))
    return match.group(1) if match else None


def in_eu27(nuts_ids: pd.Series) -> pd.Series:
    """Whether each code belongs to an EU27 member state (country prefix)."""
    return nuts_ids.astype(str).str[:2].isin(EU27)


def pool_label(level: int, nuts_id: str | None = None) -> str:
    """What the screen says about the pool, e.g. 'EU27 NUTS 2 regions' (non-EU: 'placed among EU27 ...')."""
    what = "countries" if level == 0 else f"NUTS {level} regions"
    if nuts_id is not None and nuts_id[:2] not in EU27:
        return f"placed among the EU27 {what} (not part of the pool)"
    return f"EU27 {what}"


@dataclass(frozen=True)
class PoolRank:
    rank: int
    of: int
    tied: int
    pool: str

    def text(self) -> str:
        ties = f", tied with {self.tied - 1} other{'s' if self.tied > 2 else ''}" if self.tied > 1 else ""
        return f"{self.rank} of {self.of} {self.pool}{ties}"


def _pool(values: pd.Series, pool: str = EU_POOL, areas: Mapping[str, str] | None = None) -> pd.Series:
    chosen = values.dropna() if pool != EU_POOL else values[in_eu27(pd.Series(values.index, index=values.index))].dropna()
    if areas:
        key = pd.Series([areas.get(code, code) for code in chosen.index], index=chosen.index)
        chosen = chosen[~key.duplicated()]
    return chosen


def rank_in_pool(values: pd.Series, nuts_id: str, *, higher_is_better: bool | None, level: int,
                 pool: str = EU_POOL, areas: Mapping[str, str] | None = None) -> PoolRank | None:
    """Integer rank of ``nuts_id`` among the EU27 regions in ``values`` (index nuts_id, one level and year).

    1 = highest value, or lowest when ``higher_is_better`` is False. A non-EU region is placed where it would
    stand among the EU27 pool without joining it. ``pool="all"`` ranks among every region in ``values``
    (for a non-EU region, which never moves an EU threshold). None when the region has no value."""
    if nuts_id not in values.index or pd.isna(values[nuts_id]):
        return None
    label = pool_label(level, nuts_id) if pool == EU_POOL else f"regions with data ({pool})"
    members = _pool(values, pool, areas)
    if members.empty:
        return None
    mine = float(values[nuts_id])
    same_area = [c for c in members.index if areas and areas.get(c) is not None and areas.get(c) == areas.get(nuts_id)]
    others = members.drop(index=[nuts_id, *same_area], errors="ignore")
    better = (others < mine) if higher_is_better is False else (others > mine)
    tied = int((others == mine).sum()) + 1
    return PoolRank(rank=int(better.sum()) + 1, of=len(members), tied=tied, pool=label)


def percentiles_in_pool(values: pd.Series, *, higher_is_better: bool | None,
                        areas: Mapping[str, str] | None = None) -> pd.Series:
    """Percentile position (0-100, 100 = strongest) of every region against the EU27 pool.

    Position = (pool regions weaker + half the pool regions equal) / (pool size without the region), so EU
    regions span 0-100 among themselves and non-EU regions are placed on the same scale without moving it."""
    values = values.dropna()
    pool = _pool(values, areas=areas).sort_values()
    if pool.empty:
        return pd.Series(index=values.index, dtype="float64")
    ordered = pool.to_numpy()
    below = pd.Series(ordered.searchsorted(values.to_numpy(), side="left"), index=values.index)
    upto = pd.Series(ordered.searchsorted(values.to_numpy(), side="right"), index=values.index)
    member = in_eu27(pd.Series(values.index, index=values.index))
    equal = upto - below - member.astype(int)
    others = len(pool) - member.astype(int)
    weaker = below if higher_is_better is not False else (len(pool) - upto)
    share = (weaker + 0.5 * equal) / others.where(others > 0)
    return (100 * share).astype("float64")


def top_decile_cut(frame: pd.DataFrame, quantile: float = 0.9) -> pd.Series:
    """Per (level, year): the value at ``quantile`` of the EU27 regions only (``frame``: nuts_id, level, year, value)."""
    pool = frame[in_eu27(frame.nuts_id)]
    return pool.groupby(["level", "year"]).value.quantile(quantile).rename("cut")


def pool_ranks(values: pd.Series, *, higher_is_better: bool | None,
               areas: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Rank of every region (index nuts_id) against the EU27 pool: columns rank, of, tied, in_pool.

    For tables listing all regions of a level: EU regions get their rank among the EU27 regions, non-EU
    regions the place they would take among them (``in_pool`` False); ties share the best rank. The one rule
    of every surface (profile, brief, table): ``domain.profile.ranked`` and ``domain.mapview.table_rows`` read it.
    Members of one merged area (``areas``) share the area's single place in the pool."""
    values = values.dropna()
    pool = _pool(values, areas=areas).sort_values()
    ordered = pool.to_numpy()
    below = ordered.searchsorted(values.to_numpy(), side="left")
    upto = ordered.searchsorted(values.to_numpy(), side="right")
    member = in_eu27(pd.Series(values.index, index=values.index)).to_numpy()
    better = (len(pool) - upto) if higher_is_better is not False else below
    return pd.DataFrame({"rank": better + 1, "of": len(pool), "tied": upto - below + (~member).astype(int),
                         "in_pool": member}, index=values.index)
