"""Every row's rank in its pool, computed once per indicator when the layer is made: NumPy columns, and the rows of
each (level, year) group (what a map, a table or a download of one year reads, without a scan of the frame).

A region profile reads 40–60 ranks (every indicator of its themes, its level, the latest year); each came from a
rank table of its (indicator, level, year) built with pandas on first use and kept in a byte-bounded memo. About
1,400 such tables exist, the memo held some 80 of them, so the varied bench rebuilt tables all the time (issue #31).
Here the rule of ``data.layer.pools.pool_ranks`` (EU27 pool, a merged area counted once, a non-EU region placed
without joining, competition ranks) is applied to every (level, year) group of an indicator with NumPy when the
layer is loaded, before gunicorn forks its workers: plain read-only arrays aligned with the indicator's frame,
13 bytes a row, shared by the workers. ``tests/integration/test_rank_columns.py`` checks them against
``pool_ranks`` group by group.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import pandas as pd

from data.layer.eu import EU27
from data.layer.indicators import classification_hints
from data.layer.pools import MERGED_AREA, merged_area_of

NO_RANK = 0
_NO_ROWS = np.zeros(0, dtype=np.int32)


@dataclass(frozen=True, eq=False)
class RankColumns:
    """Rank (1 = best, ``NO_RANK`` without a value or for categories), ties (this row included, plus one for a
    region placed from outside the pool) and pool size, per row of an indicator's frame; the pool size of every
    (level, year) with a value."""

    rank: np.ndarray
    tied: np.ndarray
    levels: np.ndarray
    pool_sizes: Mapping[tuple[int, int], int]
    group_rows: Mapping[tuple[int, int], np.ndarray]  # every row of a (level, year), in frame order

    @classmethod
    def of(cls, frame: pd.DataFrame, *, higher_is_better: bool | None, categorical: bool) -> RankColumns:
        rank = np.full(len(frame), NO_RANK, dtype=np.int32)
        tied = np.zeros(len(frame), dtype=np.int32)
        sizes: dict[tuple[int, int], int] = {}
        groups: dict[tuple[int, int], np.ndarray] = {}
        levels = frame["level"].to_numpy(dtype=np.int8) if len(frame) else np.zeros(0, dtype=np.int8)
        if len(frame):
            values = frame["value"].to_numpy(dtype=np.float64, na_value=np.nan)
            codes = frame["nuts_id"].to_numpy(dtype=str, na_value="")
            member = np.isin(codes.astype("U2"), sorted(EU27))
            areas = _area_keys(frame, codes)
            for level, year, rows in _groups(levels, frame["year"].to_numpy(dtype=np.int64)):
                groups[(level, year)] = rows.astype(np.int32)
                groups[(level, year)].setflags(write=False)
                rows = rows[~np.isnan(values[rows])]
                if not len(rows):
                    continue
                pool = _pool_values(values[rows], member[rows], areas[rows])
                sizes[(level, year)] = len(pool)
                if categorical:
                    continue
                below = np.searchsorted(pool, values[rows], side="left")
                upto = np.searchsorted(pool, values[rows], side="right")
                better = (len(pool) - upto) if higher_is_better is not False else below
                rank[rows] = better + 1
                tied[rows] = upto - below + (~member[rows]).astype(np.int32)
        for array in (rank, tied, levels):
            array.setflags(write=False)
        return cls(rank=rank, tied=tied, levels=levels, pool_sizes=MappingProxyType(sizes),
                   group_rows=MappingProxyType(groups))

    def ranked(self, position: int | None, level: int, year: int) -> tuple[int | None, int, int]:
        """(rank, pool size, ties) of the row at `position` (None: the region has no row that year)."""
        size = self.pool_sizes.get((int(level), int(year)), 0)
        if position is None or self.levels[position] != level or self.rank[position] == NO_RANK:
            return None, size, 0
        return int(self.rank[position]), size, int(self.tied[position])

    def rows_of(self, level: int, year: int) -> np.ndarray:
        """Positions of every row of a (level, year) in the frame, in frame order (empty when there are none)."""
        return self.group_rows.get((int(level), int(year)), _NO_ROWS)

    @property
    def nbytes(self) -> int:
        return (self.rank.nbytes + self.tied.nbytes + self.levels.nbytes
                + sum(rows.nbytes for rows in self.group_rows.values()))


def rank_columns_of(frames: Mapping[str, pd.DataFrame], catalog: pd.DataFrame,
                    indicator_ids: list[str]) -> dict[str, RankColumns]:
    """The rank columns of each indicator, by the direction and unit the catalogue gives it."""
    meta = {key: (higher, str(unit)) for key, higher, unit
            in zip(catalog.indicator_id, catalog.higher_is_better, catalog.unit)}
    out = {}
    for key in indicator_ids:
        higher, unit = meta.get(key, (None, ""))
        out[key] = RankColumns.of(frames[key], categorical=bool(classification_hints(unit).get("categorical")),
                                  higher_is_better=None if higher is None or pd.isna(higher) else bool(higher))
    return out


def _groups(levels: np.ndarray, years: np.ndarray):
    """(level, year, row positions in frame order) of every (level, year) group."""
    key = levels.astype(np.int64) * 100_000 + years
    order = np.argsort(key, kind="stable")
    for rows in np.split(order, np.flatnonzero(np.diff(key[order])) + 1):
        level, year = divmod(int(key[rows[0]]), 100_000)
        yield level, year, rows


def _area_keys(frame: pd.DataFrame, codes: np.ndarray) -> np.ndarray:
    """The pool key of each row: the merged area its row is flagged with (``pools.merged_area_of``), else its code."""
    keys = codes.astype(object)
    if "flag" not in frame:
        return keys
    flagged = np.flatnonzero((frame["flag"] == MERGED_AREA).to_numpy(dtype=bool, na_value=False))
    notes = frame["note"].to_numpy(dtype=object)
    for row in flagged:
        area = merged_area_of(MERGED_AREA, notes[row])
        if area is not None:
            keys[row] = area
    return keys


def _pool_values(values: np.ndarray, member: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Sorted values of the EU27 rows, one per pool key (a merged area once, by its first row)."""
    values, keys = values[member], keys[member]
    _, first = np.unique(keys, return_index=True)
    return np.sort(values[np.sort(first)])
