"""map_view and table_rows on the tiny layer: values, classes, ranks, the EU27 rule, no data never zero."""

from __future__ import annotations

import pytest

from domain.classify import legend_items
from domain.files import file_format
from domain.mapview import map_view, table_rows
from domain.view import ViewState


def test_map_view_keeps_no_data_out_of_the_values(tiny_layer):
    view = map_view(tiny_layer, ViewState(indicator="share", level=2, year=2020, k=3))
    assert view.values == {"AT11": 10.0, "AT12": 20.0, "BE11": 30.0}
    assert view.classes.n_missing == 1 and sum(view.classes.counts) == 3
    no_data = legend_items(view.classes, view.unit)[-1]
    assert no_data["label"] == "No data" and no_data["count"] == 1 and no_data["no_data"]


def test_compared_with_eu27_divides_by_the_published_value(tiny_layer):
    view = map_view(tiny_layer, ViewState(indicator="share", level=0, year=2021, eu=True))
    assert view.compared_with_eu and view.unit == "index, EU27 = 100"
    assert view.values == {"AT": pytest.approx(75.0), "BE": pytest.approx(112.5)}
    assert "Compared with EU27 = 100" in view.provenance


def test_location_quotients_are_centred_on_one(tiny_layer):
    view = map_view(tiny_layer, ViewState(indicator="lq", level=2, year=2021, classes="equal_interval", k=4))
    assert view.classes.edges[0] < 1.0 < view.classes.edges[-1]


def test_table_ranks_best_first_and_lists_no_data_last(tiny_layer):
    rows = table_rows(tiny_layer, map_view(tiny_layer, ViewState(indicator="share", level=2, year=2020)))
    assert [(r["nuts_id"], r["rank"]) for r in rows] == [("BE11", 1), ("AT12", 2), ("AT11", 3), ("BE12", None)]
    assert rows[-1]["status"] == "no data" and rows[-1]["value"] is None and rows[-1]["year"] is None


def test_an_unknown_file_format_is_an_error_never_a_fallback():
    from data.layer import InvalidChoice
    from downloads.formats import FORMATS

    assert file_format(FORMATS, "csv").media_type == "text/csv"
    with pytest.raises(InvalidChoice) as caught:
        file_format(FORMATS, "pdf")
    assert caught.value.parameter == "format" and caught.value.valid == list(FORMATS)
