"""Figure, legend, table and profile builders on real data (no browser)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from components.explorer_options import indicator_options
from components.map_patches import value_patch
from domain.classify import NO_DATA_COLOUR, class_index, legend_items
from domain.mapview import map_view, table_rows
from domain.profile import breadcrumb, rank_of, region_profile, technology_profile
from domain.region_search import region_search_for
from domain.view import ViewState
from figures.choropleth import GEO_URL, build_base_figure, map_update, panels


def test_quantile_bounds_and_counts_on_real_values(layer):
    view = map_view(layer, ViewState(indicator="desi_ai", level=0, year=2021, k=3))
    values = sorted(view.values.values())
    assert len(values) == 27
    classes = view.classes
    assert classes.edges[0] == pytest.approx(values[0]) and classes.edges[-1] == pytest.approx(values[-1])
    assert sum(classes.counts) == 27 and classes.counts == (9, 9, 9)
    assert classes.n_missing == (layer.regions.level == 0).sum() - 27
    assert NO_DATA_COLOUR not in classes.colours


def test_no_data_is_its_own_legend_entry_never_a_class(layer):
    view = map_view(layer, ViewState(indicator="emp_hightech_medhightech_manuf", level=2, year=2018))
    items = legend_items(view.classes, view.unit)
    assert items[-1]["label"] == "No data" and items[-1]["count"] == view.classes.n_missing > 0
    assert sum(i["count"] for i in items[:-1]) == len(view.values)
    index = class_index([math.nan, view.classes.edges[0]], view.classes)
    assert index == [None, 0]


def test_compared_with_eu_uses_published_reference(layer):
    view = map_view(layer, ViewState(indicator="desi_ai", level=0, year=2021, eu=True))
    assert view.compared_with_eu and view.unit == "index, EU27 = 100"
    assert view.values["DK"] == pytest.approx(100 * 23.8861 / 7.9071, rel=1e-4)


def test_base_figure_carries_no_geometry_and_patch_is_small(layer):
    fig = build_base_figure(layer, 3)
    payload = fig.to_json()
    assert fig.data[0].geojson == GEO_URL.format(level=3) and '"coordinates"' not in payload
    view = map_view(layer, ViewState(indicator="epo_patent_applications", level=3, year=2012))
    patch = value_patch(map_update(layer, view))
    size = len(json.dumps(patch.to_plotly_json()))
    geometry = (layer.path / "geo" / "nuts3.geojson").stat().st_size
    assert size < 0.05 * geometry
    main = panels(layer, 3)[0]
    assert len(main.locations) == (layer.regions.level == 3).sum()


def test_outermost_regions_have_insets(layer):
    titles = [p.title for p in panels(layer, 2)[1:]]
    assert titles == ["Canarias", "Açores", "Madeira", "Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"]
    assert panels(layer, 2)[1].locations == ("ES70",)
    assert panels(layer, 0)[1].locations == ("ES",)


def test_table_rows_rank_and_no_data_last(layer):
    view = map_view(layer, ViewState(indicator="desi_ai", level=0, year=2021))
    rows = table_rows(layer, view)
    assert rows[0]["nuts_id"] == "DK" and rows[0]["rank"] == 1 and rows[0]["value"] == pytest.approx(23.8861)
    assert rows[-1]["value"] is None and rows[-1]["status"] == "no data"


def test_indicator_and_region_search_options(layer):
    options = indicator_options(layer)
    ai = next(o for o in options if o["value"] == "desi_ai")
    assert "3b5" in ai["search"] and ai["label"].startswith("Technology uptake")
    search = region_search_for(layer)
    assert [h.nuts_id for h in search.search("malopolskie")][:1] == ["PL21"]
    assert [h.nuts_id for h in search.search("Île-de-France")][:2] == ["FR10", "FR1"]


def test_profile_rank_breadcrumb_and_technology_profile(layer):
    assert [c["nuts_id"] for c in breadcrumb(layer, "DE212")] == ["DE", "DE2", "DE21", "DE212"]
    rank, peers = rank_of(layer, "desi_ai", 0, 2021, "DK")
    assert (rank, peers) == (1, 27)
    profile = region_profile(layer, "PL21", "emp_hightech_medhightech_manuf", 2018)
    assert profile["headline"]["value"] == pytest.approx(5.6)
    assert profile["headline"]["peer_label"] == "EU27 NUTS 2 regions"
    assert (profile["headline"]["rank"], profile["headline"]["peers"]) == (99, 219)
    outside = region_profile(layer, "UKI3", "emp_hightech_medhightech_manuf", 2018)["headline"]
    assert outside["peer_label"] == "placed among the EU27 NUTS 2 regions (not part of the pool)" and outside["peers"] == 219


def test_eu27_index_only_where_the_source_publishes_eu27(layer):
    from domain.view import resolve_view

    assert not layer.indicator("emp_hightech_medhightech_manuf")["has_eu_reference"], "EU28 only: no EU27 = 100"
    assert layer.indicator("desi_ai")["has_eu_reference"]
    state, notices = resolve_view({"indicator": "emp_hightech_medhightech_manuf", "eu": "1"}, layer)
    assert not state.eu and "publishes an EU27 value" in notices[0]
    state, notices = resolve_view({"indicator": "desi_ai", "eu": "7"}, layer)
    assert not state.eu and "must be 1" in notices[0]
    items = technology_profile(layer, "PL21")
    national = {i["indicator_id"]: i for i in items if i["subject"] == "PL"}
    assert national["desi_ai"]["value"] == pytest.approx(2.8622) and national["desi_ai"]["eu"] == pytest.approx(7.9071)
    assert all(i["source"] and i["year"] for i in items)


def test_country_indicator_headline_for_a_region(layer):
    profile = region_profile(layer, "PL21", "desi_ai", 2021)
    head = profile["headline"]
    assert head["subject"] == "PL" and head["value"] == pytest.approx(2.8622) and "Country-level" in head["note"]


def test_map_colours_match_legend_classes(layer):
    view = map_view(layer, ViewState(indicator="emp_hightech_medhightech_manuf", level=2, year=2018, k=6))
    update = map_update(layer, view)
    main = update.traces[1]
    scale, zmin, zmax = update.coloraxis["colorscale"], update.coloraxis["cmin"], update.coloraxis["cmax"]
    codes = panels(layer, 2)[0].locations
    idx = class_index([view.values.get(c, math.nan) for c in codes], view.classes)
    for z, i in zip(main["z"], idx):
        if z is None:
            assert i is None
            continue
        t = (z - zmin) / (zmax - zmin)
        segment = [c for pos, c in scale if pos <= t][-1] if t < 1 else scale[-1][1]
        assert segment == view.classes.colours[i]


@pytest.mark.parametrize("k", [3, 5, 7, 9])
def test_bins_equal_mapclassify_on_real_values(layer, k):
    import mapclassify

    from domain.classify import _breaks

    frame = layer.by_indicator["epo_patent_applications"]
    values = frame[(frame.level == 3) & (frame.year == 2012)].value.to_numpy()
    assert np.allclose(_breaks(values, "quantiles", k), mapclassify.Quantiles(values, k=k).bins)
    assert np.allclose(_breaks(values, "equal_interval", k), mapclassify.EqualInterval(values, k=k).bins)
    small = values[:200]
    assert np.allclose(_breaks(small, "natural_breaks", k), mapclassify.FisherJenks(small, k=k).bins)
