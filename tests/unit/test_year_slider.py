"""The explorer's year slider labels at most ``MAX_YEAR_LABELS`` years, the first and the last always, far enough
apart that four-digit labels do not run into one another (1977-2012 used to print eight labels on a 230 px
slider: "19771982198719921997..."); every year with data stays a stop."""

from __future__ import annotations

import pytest

from components.explorer_options import MAX_YEAR_LABELS, year_slider

SERIES = [list(range(1977, 2013)), list(range(2012, 2020)), list(range(2004, 2025)), list(range(2015, 2018)),
          [2010, 2012, 2014, 2016, 2018, 2019, 2020, 2021, 2022, 2023], [2000, 2010, 2011], [2019, 2021], [2018, 2019],
          list(range(1990, 2024, 3)) + [2023]]


@pytest.mark.parametrize("years", SERIES, ids=lambda ys: f"{ys[0]}-{ys[-1]}x{len(ys)}")
def test_labels_fit_and_every_year_stays_a_stop(years):
    slider = year_slider(years)
    labels = [int(year) for year, text in slider["marks"].items() if text.strip()]
    assert labels[0] == years[0] and labels[-1] == years[-1] and len(labels) <= MAX_YEAR_LABELS
    span = years[-1] - years[0]
    assert all(b - a >= span / (2 * MAX_YEAR_LABELS) for a, b in zip(labels, labels[1:])), labels
    stops = set(range(slider["min"], slider["max"] + 1)) if slider["step"] == 1 else {int(y) for y in slider["marks"]}
    assert set(years) <= stops and slider["min"] == years[0] and slider["max"] == years[-1]


def test_one_year_is_one_labelled_stop():
    assert year_slider([2019]) == {"min": 2018, "max": 2020, "marks": {"2019": "2019"}, "step": None}
