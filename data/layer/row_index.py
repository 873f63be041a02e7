"""The rows of one indicator's values by region, found by binary search instead of a scan of the whole frame.

Per-request code asked ``frame[(frame.nuts_id == code) & (frame.year == year)]`` dozens of times per region
profile: each a comparison over every row of the indicator (Arrow-backed strings), a boolean take and a new
frame — two thirds of the CPU of a varied load (py-spy, issue #31). The layer builds this index once per
indicator when it is loaded (before gunicorn forks its workers, so they share it): the region codes in sorted
order as a fixed-width NumPy array and the row positions in that order, so a region's rows are a
``searchsorted`` away. Plain NumPy arrays, read-only: no Python object per row, nothing a worker writes to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

NO_ROWS = np.zeros(0, dtype=np.int64)
SCALAR_COLUMNS = ("value", "flag", "note")


@dataclass(frozen=True, eq=False)
class RegionRows:
    """Row positions of an indicator's frame by region code, each region's rows by year then frame order."""

    keys: np.ndarray
    order: np.ndarray
    years: np.ndarray
    columns: Mapping[str, Any]  # the frame's value, flag and note columns (the same arrays, not copies)

    @classmethod
    def of(cls, frame: pd.DataFrame) -> RegionRows:
        codes = frame["nuts_id"].to_numpy(dtype=str, na_value="")
        years = frame["year"].to_numpy(dtype=np.int64)
        order = np.lexsort((np.arange(len(frame)), years, codes))
        keys, years = codes[order], years.copy()
        for array in (keys, order, years):
            array.setflags(write=False)
        columns = MappingProxyType({name: frame[name].array for name in SCALAR_COLUMNS if name in frame})
        return cls(keys=keys, order=order, years=years, columns=columns)

    def row_at(self, nuts_id: object, year: object) -> dict | None:
        """``value``, ``flag`` and ``note`` of the region's first row in `year` as scalars, or None."""
        position = self.position(nuts_id, year)
        if position is None:
            return None
        return {name: column[position] for name, column in self.columns.items()}

    def positions(self, nuts_id: object) -> np.ndarray:
        """Positions (``iloc``) of the region's rows, by year; empty for an unknown code."""
        if not isinstance(nuts_id, str) or not nuts_id:
            return NO_ROWS
        start, stop = np.searchsorted(self.keys, nuts_id, "left"), np.searchsorted(self.keys, nuts_id, "right")
        return self.order[start:stop]

    def position(self, nuts_id: object, year: object) -> int | None:
        """The first row (in frame order) of the region in `year`, or None: what ``hit.iloc[0]`` of the mask was."""
        for position in self.positions(nuts_id):
            if self.years[position] == year:
                return int(position)
        return None

    def latest(self, nuts_id: object) -> tuple[int, float] | None:
        """(year, value) of the region's first row in its latest year, or None: what ``rows.loc[rows.year.idxmax()]``
        of its rows was."""
        positions = self.positions(nuts_id)
        if not len(positions):
            return None
        year = self.years[positions[-1]]
        position = next(int(p) for p in positions if self.years[p] == year)
        return int(year), float(self.columns["value"][position])

    @property
    def nbytes(self) -> int:
        return self.keys.nbytes + self.order.nbytes + self.years.nbytes
