"""The published EU27 values of the indicators, by indicator and year, read once per layer."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Protocol

import pandas as pd

from data.layer.memo import layer_memo

EU27_REFERENCE = "EU27_2020"


class WithReferences(Protocol):
    """What is read here of a layer (``data.layer.Layer``, not imported: it imports this module)."""

    @property
    def reference(self) -> pd.DataFrame: ...


def eu_reference(layer: WithReferences, indicator_id: str, year: int) -> float | None:
    """The published EU27 value of an indicator in a year, when the source has one (the first one listed)."""
    return _eu_references(layer).get((indicator_id, int(year)))


def eu_series(layer: WithReferences, indicator_id: str) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """An indicator's EU27 series by year, (years, values); empty when the source publishes none."""
    return _eu_series(layer).get(indicator_id, ((), ()))


def _eu27_rows(layer: WithReferences) -> pd.DataFrame:
    return layer.reference[layer.reference.ref_id == EU27_REFERENCE]


@layer_memo(maxsize=16, max_bytes=4 * 1024 * 1024)
def _eu_references(layer: WithReferences) -> Mapping[tuple[str, int], float]:
    """Every EU27 value by (indicator, year), read once per layer (a scan of the references per call)."""
    table: dict = {}
    ref = _eu27_rows(layer)
    for indicator_id, year, value in zip(ref.indicator_id, ref.year, ref.value):
        table.setdefault((indicator_id, int(year)), float(value))
    return MappingProxyType(table)


@layer_memo(maxsize=16, max_bytes=4 * 1024 * 1024)
def _eu_series(layer: WithReferences) -> Mapping[str, tuple[tuple[int, ...], tuple[float, ...]]]:
    """Every indicator's EU27 series, sorted by year, read once per layer (a scan of the references for every
    region profile)."""
    return MappingProxyType({indicator_id: (tuple(part.year.astype(int).tolist()), tuple(part.value.tolist()))
                             for indicator_id, part in ((i, p.sort_values("year"))
                                                        for i, p in _eu27_rows(layer).groupby("indicator_id"))})
