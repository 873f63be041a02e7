"""Each parameter of a map view's address, accepted or replaced, on the tiny layer: a good value reaches the view and
comes back in its query; a bad one is replaced by the default and named in exactly one notice (lenient mode)."""

from __future__ import annotations

import pytest

from domain.classify import MAX_CLASSES, METHODS, MIN_CLASSES, SEQUENTIAL_PALETTES
from domain.mapview import effective_method, map_view, merged_area_note, split_imported
from domain.view import TABS, ViewScope, ViewState, resolve_view, view_query

SHARE = ViewScope(default_indicator="share")
ACCEPTED = ([("classes", m, "classes", m) for m in METHODS]
            + [("k", str(k), "k", k) for k in range(MIN_CLASSES, MAX_CLASSES + 1)]
            + [("palette", p, "palette", p) for p in SEQUENTIAL_PALETTES]
            + [("tab", t, "tab", t) for t in TABS]
            + [("region", "at11", "region", "AT11"), ("compare", "AT11,be11,AT11", "compare", ("AT11", "BE11")),
               ("fixed", "1", "fixed", True), ("eu", "0", "eu", False), ("from", "2020", "since", 2020)])


@pytest.mark.parametrize(("parameter", "raw", "field", "value"), ACCEPTED)
def test_a_good_value_reaches_the_view_and_its_query(tiny_layer, parameter, raw, field, value):
    state, notices = resolve_view({"indicator": "share", "level": "2", "year": "2021", parameter: raw}, tiny_layer,
                                  scope=SHARE)
    assert notices == [] and getattr(state, field) == value
    again, _ = resolve_view(view_query(state), tiny_layer, strict=True, scope=SHARE)
    assert again == state


@pytest.mark.parametrize(("parameter", "raw", "words"), [
    ("classes", "jenks", "Classification “jenks” unknown"),
    ("k", "2", "must be 3–9"),
    ("k", "10", "must be 3–9"),
    ("k", "five", "must be 3–9"),
    ("palette", "red", "Palette “red” unknown"),
    ("eu", "2", "must be 1"),
    ("fixed", "yes", "“fixed” must be 1"),
    ("from", "2021", "needs an earlier year"),
    ("from", "1990", "needs an earlier year"),
    ("region", "ZZ99", "Unknown region “ZZ99”"),
    ("region", "<b>x</b>", "Unknown region “<B>X</B>”"),
    ("compare", "QQ1,at9", "Unknown regions in compare ignored: QQ1, AT9"),
    ("tab", "chart", "Tab “chart” unknown"),
    ("year", "twenty", "Year “twenty” is not a year"),
    ("level", "3", "No data at level 3"),
])
def test_a_bad_value_is_replaced_and_named_once(tiny_layer, parameter, raw, words):
    query = {"indicator": "share", "level": "2", "year": "2021", parameter: raw}
    state, notices = resolve_view(query, tiny_layer, scope=SHARE)
    default, _ = resolve_view({"indicator": "share", "level": "2", "year": "2021"}, tiny_layer, scope=SHARE)
    assert len(notices) == 1 and words in notices[0]
    assert state == default


def test_a_long_rejected_value_is_cut_and_stripped_of_control_characters(tiny_layer):
    _, [notice] = resolve_view({"indicator": "share", "tab": "\x00" + "x" * 500}, tiny_layer, scope=SHARE)
    assert "\x00" not in notice and "x" * 40 + "…" in notice and "x" * 41 not in notice


def test_more_than_six_regions_to_compare_keeps_the_first_six(tiny_layer):
    codes = ["AT", "BE", "AT1", "BE1", "AT11", "AT12", "BE11"]
    state, [notice] = resolve_view({"indicator": "share", "compare": ",".join(codes)}, tiny_layer, scope=SHARE)
    assert state.compare == tuple(codes[:6]) and "At most 6" in notice


def test_a_change_view_drops_the_eu_comparison_and_says_so(tiny_layer):
    state, [notice] = resolve_view({"indicator": "share", "level": "2", "year": "2021", "from": "2020", "eu": "1"},
                                   tiny_layer, scope=SHARE)
    assert state.is_change and not state.eu and "does not apply to a change" in notice


@pytest.mark.parametrize(("chosen", "hints", "compared", "method"), [
    ("auto", {"breaks": (0.8, 1.25, 2.0)}, False, "fixed"),
    ("auto", {"breaks": (0.8, 1.25, 2.0)}, True, "quantiles"),
    ("auto", {}, False, "quantiles"),
    ("equal_interval", {"breaks": (0.8,)}, False, "equal_interval"),
])
def test_suggested_classes_are_the_units_breaks_unless_compared_with_eu27(chosen, hints, compared, method):
    assert effective_method(chosen, hints, compared) == method


def test_a_merged_area_note_names_every_member():
    areas = {"AT12": "AT00", "AT13": "AT00", "DE30": "DE00"}
    assert merged_area_note("AT13", "AT00", areas) == ("value of the merged area AT00 (AT12 + AT13), not of AT13 alone; "
                                                        "ranked once")


def test_a_map_views_words_name_level_period_source_and_change(tiny_layer):
    view = map_view(tiny_layer, ViewState(indicator="share", level=2, year=2021))
    assert view.title == "Share · % enterprises · NUTS 2 · 2021"
    assert view.provenance.startswith("Share · % enterprises · NUTS 2 · 2021. Source: SYNTHETIC (x1).")
    change = map_view(tiny_layer, ViewState(indicator="share", level=2, year=2021, since=2020))
    assert change.period == "2020→2021" and "Change from 2020 to 2021" in change.provenance
    assert change.values == {"AT11": pytest.approx(2.0), "AT12": pytest.approx(-2.0), "BE11": pytest.approx(10.0)}


def test_a_link_to_an_indicator_held_in_a_browser_waits_for_that_browser(tiny_layer):
    query = {"indicator": "imp-0123456789", "level": "2", "year": "2020", "tab": "table"}
    rest, pending = split_imported(query, tiny_layer)
    assert rest == {"tab": "table"} and pending == {"indicator": query["indicator"], "level": "2", "year": "2020"}
    assert split_imported({"indicator": "share"}, tiny_layer) == ({"indicator": "share"}, None)
