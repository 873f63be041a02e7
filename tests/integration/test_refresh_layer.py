"""A Eurostat release parsed by the refresh equals what the real layer serves."""

from __future__ import annotations

import pytest
from test_refresh import _fixture_rows

from data.layer.indicators import load_indicator_meta


def test_release_values_equal_the_layer(layer):
    """What the layer serves today for these regions is what the parser reads from the release."""
    rows = _fixture_rows("htec_emp_reg2_sample.sdmx.csv", load_indicator_meta())
    rows = rows[rows.nuts_id != "EU28"]
    for row in rows.itertuples():
        served = layer.by_indicator[row.indicator_id]
        hit = served[(served.nuts_id == row.nuts_id) & (served.year == row.year)]
        assert len(hit) == 1, (row.indicator_id, row.nuts_id, row.year)
        assert float(hit.value.iloc[0]) == pytest.approx(row.value, abs=1e-12)
