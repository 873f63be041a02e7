"""Change between two years on the tiny layer: both values, the change, no data (never 0) where a year is missing."""

from __future__ import annotations

import pandas as pd
import pytest
from tiny import NUTS2_SHARE

from data.layer import InvalidChoice
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
    with pytest.raises(InvalidChoice) as caught:
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


def test_a_change_view_is_read_from_the_url_and_written_back(tiny_layer):
    from domain.view import ViewScope, resolve_view, view_query

    scope = ViewScope(default_indicator="share")
    state, notices = resolve_view("?indicator=share&level=2&year=2021&from=2020&fixed=1", tiny_layer, scope=scope)
    assert notices == [] and state.since == 2020 and state.is_change and state.fixed
    assert "from=2020" in view_query(state) and "fixed=1" in view_query(state)
    state, notices = resolve_view("?indicator=share&level=2&year=2020&from=2021", tiny_layer, scope=scope)
    assert state.since is None and "earlier year" in notices[0]
    with pytest.raises(InvalidChoice) as caught:
        resolve_view("?indicator=share&level=2&year=2021&from=x", tiny_layer, strict=True, scope=scope)
    assert caught.value.parameter == "from"


def test_change_map_centres_its_classes_on_no_change_and_leaves_one_year_regions_without_data(tiny_layer):
    from domain.mapview import map_view
    from domain.view import ViewState

    view = map_view(tiny_layer, ViewState(indicator="share", level=2, year=2021, since=2020, k=3))
    assert view.values == {"AT11": 2.0, "AT12": -2.0, "BE11": 10.0}
    assert view.period == "2020→2021" and view.title.endswith("· 2020→2021") and view.unit == PERCENTAGE_POINTS
    assert view.classes.n_missing == 1, "BE12 has no 2020 value: no data, not 0"
    assert sum(view.classes.counts) == 3


def test_fixed_classes_are_those_of_every_year_and_count_the_year_shown(tiny_layer):
    from domain.mapview import map_view
    from domain.view import ViewState

    one = map_view(tiny_layer, ViewState(indicator="share", level=2, year=2020, fixed=True, k=3))
    other = map_view(tiny_layer, ViewState(indicator="share", level=2, year=2021, fixed=True, k=3))
    assert one.classes.edges == other.classes.edges and one.classes.colours == other.classes.colours
    assert sum(one.classes.counts) == 3 and sum(other.classes.counts) == 4
    assert one.classes.edges[0] == 5.0 and one.classes.edges[-1] == 40.0, "the span of both years"
    assert one.classes_note == "Same classes for every year (2020–2021)"
    alone = map_view(tiny_layer, ViewState(indicator="share", level=2, year=2020, k=3))
    assert alone.classes.edges != one.classes.edges and alone.classes_note == ""


def test_change_classes_take_each_side_of_the_diverging_scale():
    from plotly.colors import sample_colorscale

    from domain.classify import DIVERGING_PALETTES, colours_by_side

    colours = colours_by_side((-2.5, -0.4, -0.1, 0.5, 1.1, 9.7), 0.0, "viridis")
    scale = DIVERGING_PALETTES["viridis"]
    assert colours[0] == sample_colorscale(scale, [0.08], colortype="rgb")[0], "the largest fall is dark"
    assert colours[2] == sample_colorscale(scale, [0.5], colortype="rgb")[0], "the class holding 0 is neutral"
    assert colours[-1] == sample_colorscale(scale, [0.92], colortype="rgb")[0]
