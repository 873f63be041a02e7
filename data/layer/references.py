"""The published EU27 values of the indicators, by indicator and year, read once per layer."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from data.layer.memo import layer_memo

if TYPE_CHECKING:
    from data.layer import Layer


def eu_reference(layer: Layer, indicator_id: str, year: int) -> float | None:
    """The published EU27 value of an indicator in a year, when the source has one (the first one listed)."""
    return _eu_references(layer).get((indicator_id, int(year)))


@layer_memo(maxsize=16, max_bytes=4 * 1024 * 1024)
def _eu_references(layer: Layer) -> Mapping[tuple[str, int], float]:
    """Every EU27 value by (indicator, year), read once per layer (a scan of the references per call)."""
    ref = layer.reference[layer.reference.ref_id == "EU27_2020"]
    table: dict = {}
    for indicator_id, year, value in zip(ref.indicator_id, ref.year, ref.value):
        table.setdefault((indicator_id, int(year)), float(value))
    return MappingProxyType(table)
