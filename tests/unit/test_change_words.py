"""How a region's change between two years is said (the profile, the hover, the brief): sign, unit in points for a
share, the relative change only where points are not the unit, and why there is none when a year has no data."""

from __future__ import annotations

import pytest

from domain.change import PERCENTAGE_POINTS, RegionChange, change_phrase, is_share, signed

NNBSP = "\u202f"


def _row(before, after):
    change = None if before is None or after is None else after - before
    pct = None if change is None or not before else 100 * change / abs(before)
    return RegionChange("AT11", "Alpha North", before, after, change, pct)


@pytest.mark.parametrize(("before", "after", "unit", "change_unit", "phrase"), [
    (10.0, 12.0, "% enterprises", PERCENTAGE_POINTS, "+2 percentage points (10 → 12 % enterprises, 2020→2021)"),
    (3.8, 5.6, "% of total employment", PERCENTAGE_POINTS,
     "+1.80 percentage points (3.80 → 5.60 % of total employment, 2020→2021)"),
    (1500.0, 1200.0, "EUR per inhabitant", "EUR per inhabitant",
     f"-300 EUR per inhabitant (-20.0 %; 1{NNBSP}500 → 1{NNBSP}200 EUR per inhabitant, 2020→2021)"),
    (0.0, 3.0, "hubs", "hubs", "+3 hubs (0 → 3 hubs, 2020→2021)"),
    (2.0, 2.0, "index", "index", "0 index (0.0 %; 2 → 2 index, 2020→2021)"),
])
def test_a_change_is_said_with_its_sign_unit_and_both_values(before, after, unit, change_unit, phrase):
    assert change_phrase(_row(before, after), unit, change_unit, 2020, 2021) == phrase


@pytest.mark.parametrize(("before", "after", "missing"), [(None, 5.0, "2020"), (5.0, None, "2021"),
                                                          (None, None, "2020 and 2021")])
def test_no_change_is_shown_when_a_year_has_no_data_and_it_says_which(before, after, missing):
    assert change_phrase(_row(before, after), "%", PERCENTAGE_POINTS, 2020, 2021) == \
        f"no change to show: no data in {missing}"


@pytest.mark.parametrize(("value", "text"), [(0.4, "+0.40 percentage points"), (-0.4, "-0.40 percentage points"),
                                             (0.0, "0 percentage points")])
def test_signed_puts_a_plus_only_on_a_rise(value, text):
    assert signed(value, PERCENTAGE_POINTS) == text


@pytest.mark.parametrize(("unit", "share"), [("%", True), (" % of GDP", True), ("share, %", True),
                                             ("EUR", False), ("percentage", False), ("", False)])
def test_a_share_is_a_unit_that_says_percent(unit, share):
    assert is_share(unit) is share
