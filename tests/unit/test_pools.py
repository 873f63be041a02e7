"""Ranks, percentiles and top-decile thresholds among the EU27 pool (issue 14, item 8); no layer needed."""

from __future__ import annotations

import pandas as pd
import pytest

from data.layer.pools import percentiles_in_pool, pool_ranks, rank_in_pool, top_decile_cut
from data.pipeline.derive import stars

VALUES = pd.Series({"DE11": 9.0, "DE12": 7.0, "FR10": 7.0, "PL21": 1.0, "UKI3": 50.0, "TR10": 0.5})


def test_rank_is_an_integer_among_eu27_with_ties_stated():
    de12 = rank_in_pool(VALUES, "DE12", higher_is_better=True, level=2)
    assert (de12.rank, de12.of, de12.tied) == (2, 4, 2)
    assert de12.text() == "2 of 4 EU27 NUTS 2 regions, tied with 1 other"
    assert rank_in_pool(VALUES, "DE11", higher_is_better=True, level=2).rank == 1  # UKI3 is not in the pool
    low = rank_in_pool(VALUES, "PL21", higher_is_better=False, level=2)
    assert (low.rank, low.of) == (1, 4)


def test_non_eu_region_is_placed_without_joining_the_pool():
    uk = rank_in_pool(VALUES, "UKI3", higher_is_better=True, level=2)
    assert (uk.rank, uk.of) == (1, 4) and "not part of the pool" in uk.pool
    assert rank_in_pool(VALUES, "UKI3", higher_is_better=True, level=2, pool="all").of == 6
    assert rank_in_pool(VALUES, "XX99", higher_is_better=True, level=2) is None


def test_percentiles_are_set_by_eu27_only():
    pct = percentiles_in_pool(VALUES, higher_is_better=True)
    assert pct["DE11"] == pytest.approx(100) and pct["PL21"] == pytest.approx(0)
    assert pct["DE12"] == pct["FR10"] == pytest.approx(50)
    assert pct["UKI3"] == pytest.approx(100) and pct["TR10"] == pytest.approx(0)
    without_outsiders = percentiles_in_pool(VALUES.drop(["UKI3", "TR10"]), higher_is_better=True)
    pd.testing.assert_series_equal(pct.drop(["UKI3", "TR10"]), without_outsiders)


def test_pool_ranks_table():
    table = pool_ranks(VALUES, higher_is_better=True)
    assert table.loc["DE12", "rank"] == table.loc["FR10", "rank"] == 2
    assert table.loc["DE12", "tied"] == 2 and not table.loc["UKI3", "in_pool"] and table.loc["UKI3", "rank"] == 1


def test_star_threshold_ignores_non_eu_regions():
    frame = pd.DataFrame({"nuts_id": list(VALUES.index), "level": 2, "year": 2018, "value": VALUES.values})
    eu_only = top_decile_cut(frame[frame.nuts_id.str[:2].isin(["DE", "FR", "PL"])])
    assert top_decile_cut(frame).equals(eu_only)
    values = pd.concat([
        pd.DataFrame({"indicator_id": "lq", "nuts_id": list(VALUES.index), "year": 2018, "value": 1.0}),
        pd.DataFrame({"indicator_id": "focus", "nuts_id": list(VALUES.index), "year": 2018, "value": VALUES.values}),
    ], ignore_index=True)
    out, _ = stars(values, {"lq": "lq", "focus": "focus"})
    got = out.set_index("nuts_id").value
    assert got["DE11"] == 1.0  # top of the EU27 pool even though UKI3 is higher
    assert got["UKI3"] == 1.0 and got["DE12"] == 0.0
