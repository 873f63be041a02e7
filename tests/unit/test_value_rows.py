"""The one shape of every table the atlas hands out (``domain.rows.value_rows``), on the tiny layer: every region of
the level for every year asked, no data empty (never zero), the EU27 comparison only when every year has its value,
filters by country and by region, and notes on the rows that have a value."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from tiny import EU27_SHARE_2021, NUTS2_SHARE

from data.layer.pools import MERGED_AREA
from domain.mapview import EU_INDEX_UNIT
from domain.rows import COLUMNS, row_notes, value_rows


def test_every_region_of_the_level_for_every_year_and_no_data_stays_empty(tiny_layer):
    rows = value_rows(tiny_layer, "share", 2, [2020, 2021])
    assert list(rows.columns) == COLUMNS and len(rows) == 8
    got = {(r.nuts_id, r.year): r.value for r in rows.itertuples()}
    for key, value in got.items():
        assert (math.isnan(value) and key not in NUTS2_SHARE) or value == NUTS2_SHARE[key]
    assert math.isnan(got[("BE12", 2020)])
    assert rows[["year", "nuts_id"]].values.tolist() == sorted(rows[["year", "nuts_id"]].values.tolist())


def test_each_row_names_its_source_licence_unit_and_nuts_version(tiny_layer):
    rows = value_rows(tiny_layer, "share", 2, [2021])
    assert set(rows.source) == {"SYNTHETIC"} and set(rows.licence) == {"CC BY 4.0"}
    assert set(rows.unit) == {"% enterprises"} and set(rows.nuts_version) == {2021} and set(rows.level) == {2}
    assert set(rows.name) == {"Alpha North", "Alpha South", "Beta North", "Beta South"}


@pytest.mark.parametrize(("kw", "codes"), [
    ({"countries": ("BE",)}, ["BE11", "BE12"]),
    ({"regions": ("AT1",)}, ["AT11", "AT12"]),
    ({"regions": ("AT11", "BE12")}, ["AT11", "BE12"]),
    ({"countries": ("AT",), "regions": ("BE1",)}, []),
    ({}, ["AT11", "AT12", "BE11", "BE12"]),
])
def test_rows_can_be_limited_to_countries_or_to_regions_and_what_lies_inside_them(tiny_layer, kw, codes):
    assert value_rows(tiny_layer, "share", 2, [2021], **kw).nuts_id.tolist() == codes


def test_compared_with_eu27_when_the_year_has_a_published_value(tiny_layer):
    rows = value_rows(tiny_layer, "share", 0, [2021], eu=True).set_index("nuts_id")
    assert rows.value.to_dict() == {"AT": pytest.approx(15.0 / EU27_SHARE_2021 * 100),
                                    "BE": pytest.approx(22.5 / EU27_SHARE_2021 * 100)}
    assert set(rows.unit) == {EU_INDEX_UNIT}


def test_values_stay_as_published_when_a_year_has_no_eu27_value(tiny_layer):
    rows = value_rows(tiny_layer, "share", 2, [2020, 2021], eu=True)
    assert set(rows.unit) == {"% enterprises"}
    assert rows.set_index(["nuts_id", "year"]).value[("AT11", 2021)] == 12.0


def test_a_merged_areas_value_and_the_caveat_are_said_on_rows_with_a_value():
    rows = pd.DataFrame({"value": [1.0, 1.0, None], "flag": [MERGED_AREA, "", ""],
                         "note": ["merged area AT00 (AT00 = AT12 + AT13)", "ignored", ""]})
    notes = row_notes(rows, "Experimental data.").tolist()
    assert notes[0] == ("Not this region's own value: the merged area AT00 (AT00 = AT12 + AT13); ranked once as the "
                        "merged area. Experimental data.")
    assert notes[1:] == ["Experimental data.", ""]
