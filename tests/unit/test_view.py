"""resolve_view: one reader of a view, lenient for pages, strict (InvalidChoice) for files and the API."""

from __future__ import annotations

import pytest

from data.layer import InvalidChoice
from domain.view import ViewScope, ViewState, default_level, resolve_view, view_query

SHARE = ViewScope(default_indicator="share")


def test_tiny_layer_is_consistent_like_a_built_one(tiny_layer):
    """The unit tier's rules are only worth what its layer is: every value in a known region, at a level and in a
    year its catalogue row declares."""
    for row in tiny_layer.catalog.itertuples():
        values = tiny_layer.by_indicator[row.indicator_id]
        assert set(values.nuts_id) <= tiny_layer.region_ids
        assert set(values.level) <= set(row.levels) and set(values.year) <= set(row.years)


def test_defaults_are_nuts2_and_the_latest_year(tiny_layer):
    state, notices = resolve_view({}, tiny_layer, scope=SHARE)
    assert notices == [] and (state.indicator, state.level, state.year) == ("share", 2, 2021)
    assert default_level([0, 3]) == 3 and default_level([0, 2, 3]) == 2


def test_lenient_mode_replaces_and_names_every_bad_parameter(tiny_layer):
    state, notices = resolve_view("?indicator=share&level=1&year=1999&k=99&colour=red", tiny_layer, scope=SHARE)
    assert (state.level, state.year, state.k) == (2, 2021, 5)
    assert len(notices) == 4 and "level 1" in notices[0] and "colour" in notices[-1]


@pytest.mark.parametrize(("query", "parameter"), [
    ("indicator=nope", "indicator"), ("indicator=share&level=1", "level"), ("indicator=share&level=two", "level"),
    ("indicator=share&level=2&year=1999", "year"), ("indicator=share&region=%3Cscript%3E", "region"),
    ("indicator=share&colour=red", "colour"), ("indicator=lq&eu=1", "eu"),
])
def test_strict_mode_raises_naming_the_first_bad_parameter(tiny_layer, query, parameter):
    with pytest.raises(InvalidChoice) as caught:
        resolve_view(query, tiny_layer, strict=True, scope=SHARE)
    assert caught.value.parameter == parameter and caught.value.message and isinstance(caught.value.valid, list)


def test_scope_limits_the_themes_and_sets_the_default(tiny_layer):
    scope = ViewScope(default_indicator="lq", themes=("specialisation",))
    state, notices = resolve_view({"indicator": "share"}, tiny_layer, scope=scope)
    assert state.indicator == "lq" and "Unknown indicator" in notices[0]


def test_extra_parameters_are_left_to_the_caller(tiny_layer):
    state, notices = resolve_view({"indicator": ["share"], "years": ["all"]}, tiny_layer, strict=True, scope=SHARE,
                                  extra_parameters=("years",))
    assert notices == [] and state.indicator == "share"


def test_view_query_round_trips(tiny_layer):
    state = ViewState(indicator="share", level=0, year=2021, classes="equal_interval", k=4, eu=True, region="AT",
                      compare=("AT", "BE"), tab="compare")
    parsed, notices = resolve_view(view_query(state), tiny_layer, strict=True, scope=SHARE)
    assert notices == [] and parsed == state


def test_a_rank_says_its_pool_and_its_ties():
    from domain.formatting import rank_phrase

    item = {"rank": 12, "peers": 242, "peer_label": "EU NUTS 2 regions", "tied": 3}
    assert rank_phrase(item) == "12th of 242 EU NUTS 2 regions, tied with 2 others"
    assert rank_phrase({**item, "tied": 1}) == "12th of 242 EU NUTS 2 regions"
