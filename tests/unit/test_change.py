"""Change between two years on the tiny layer: both values, the change, no data (never 0) where a year is missing."""

from __future__ import annotations

import pandas as pd
import pytest
from tiny import NUTS2_SHARE

from data.layer import BadParameter
from domain.change import PERCENTAGE_POINTS, change_values, is_share, series_break


def test_change_is_the_difference_of_the_two_years_and_no_data_stays_no_data(tiny_layer):
    view = change_values(tiny_layer, "share", 2, 2020, 2021)
    rows = {r.nuts_id: r for r in view.rows}
    assert rows["AT11"].change == pytest.approx(NUTS2_SHARE[("AT11", 2021)] - NUTS2_SHARE[("AT11", 2020)])
    assert rows["AT12"].change_pct == pytest.approx(100 * (18.0 - 20.0) / 20.0)
    assert rows["BE12"].from_value is None and rows["BE12"].to_value == 5.0 and rows["BE12"].change is None
    assert "BE12" not in view.changes and set(view.changes) == {"AT11", "AT12", "BE11"}
    assert view.change_unit == PERCENTAGE_POINTS, "a share changes by percentage points"


@pytest.mark.parametrize(("start", "end", "parameter"), [(2021, 2020, "from"), (2021, 2021, "from"), (1999, 2021, "from"),
                                                         (2020, "x", "to"), (None, 2021, "from")])
def test_bad_year_pairs_name_the_parameter(tiny_layer, start, end, parameter):
    with pytest.raises(BadParameter) as caught:
        change_values(tiny_layer, "share", 2, start, end)
    assert caught.value.parameter == parameter and caught.value.valid == [2020, 2021]


def test_values_of_two_editions_are_not_one_series():
    def frame(note):
        return pd.DataFrame({"nuts_id": ["AT"], "value": [1.0], "flag": [""], "note": [note]})

    reason = series_break(frame("DESI 2020 edition, reference year 2019"), frame("DESI 2022 edition, reference year 2021"),
                          (2019, 2021))
    assert "DESI 2020 edition" in reason and "DESI 2022 edition" in reason
    assert series_break(frame("DESI 2022 edition, reference year 2020"), frame("DESI 2022 edition, reference year 2021"),
                        (2020, 2021)) is None
    assert series_break(frame(""), frame("Eurostat change table: name change"), (2010, 2012)) is None


def test_share_units():
    assert is_share("% of total employment") and is_share("% enterprises") and is_share("share of GDP, %")
    assert not is_share("EUR per inhabitant") and not is_share("location quotient (EU27 = 1)")
