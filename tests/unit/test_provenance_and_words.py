"""The words that travel with every figure and file, on synthetic inputs: SPDX ids of the registry's licences, source
records, the EU27 pool's label, merged areas read from their notes, what a specialisation number is relative to, text
made safe for a figure, and the Content-Security-Policy every page is served with."""

from __future__ import annotations

import pandas as pd
import pytest

from data.layer.pools import MERGED_AREA, in_eu27, merged_areas, pool_label
from data.layer.registry import Source
from domain.provenance import source_record, sources_of, spdx_id
from domain.specialisation import is_location_quotient, measure_label
from figures.text import plain_text, wrap
from web.hardening import content_security_policy


@pytest.mark.parametrize(("licence", "spdx"), [
    ("CC BY 4.0", "CC-BY-4.0"), ("CC BY 4.0 (Eurostat reuse policy)", "CC-BY-4.0"), ("CC BY-SA 4.0", "CC-BY-SA-4.0"),
    ("CC0 1.0", "CC0-1.0"), ("MIT", "MIT"), ("ODbL 1.0", "ODbL-1.0"), (" CC BY 4.0", "CC-BY-4.0"),
    ("Eurostat reuse policy", None), ("", None), (None, None),
])
def test_a_licence_gets_its_spdx_id_only_when_it_has_one(licence, spdx):
    assert spdx_id(licence) == spdx


def test_a_source_record_names_everything_a_citation_needs_and_nothing_empty():
    source = Source(id="s", title="A title", short_name="S", publisher="P", landing_page="", licence="CC BY 4.0",
                    licence_url="", citation="S (2024).", published="2024-03", accessed="", files=())
    record = source_record(source)
    assert record == {"id": "s", "name": "S", "title": "A title", "publisher": "P", "citation": "S (2024).",
                      "licence": "CC BY 4.0", "licence_spdx": "CC-BY-4.0", "licence_url": None, "url": None,
                      "data_date": "2024-03", "accessed": None}


def test_sources_are_named_once_in_order_and_unknown_ones_left_out(tiny_layer):
    assert [r["id"] for r in sources_of(tiny_layer, ["synthetic", "nope", "synthetic"])] == ["synthetic"]


@pytest.mark.parametrize(("level", "nuts_id", "label"), [
    (0, None, "EU27 countries"), (2, None, "EU27 NUTS 2 regions"), (3, "DE111", "EU27 NUTS 3 regions"),
    (2, "UKI3", "placed among the EU27 NUTS 2 regions (not part of the pool)"),
    (0, "NO", "placed among the EU27 countries (not part of the pool)"),
])
def test_the_pool_is_named_and_a_non_eu_region_is_placed_without_joining_it(level, nuts_id, label):
    assert pool_label(level, nuts_id) == label


def test_eu27_membership_is_by_country_prefix_with_greece_as_el():
    codes = pd.Series(["EL30", "GR30", "UKI3", "DE", "NO01", "HR04"])
    assert in_eu27(codes).tolist() == [True, False, False, True, False, True]


def test_merged_areas_are_read_from_their_notes():
    frame = pd.DataFrame({"nuts_id": ["AT12", "AT13", "AT11", "DE30"],
                          "flag": [MERGED_AREA, MERGED_AREA, "", MERGED_AREA],
                          "note": ["value of (AT00 = AT12 + AT13)", "value of (AT00 = AT12 + AT13)", "", "no code here"]})
    assert merged_areas(frame) == {"AT12": "AT00", "AT13": "AT00"}
    assert merged_areas(frame.drop(columns="flag")) == {} and merged_areas(frame.iloc[:0]) == {}


@pytest.mark.parametrize(("meta", "is_lq", "label"), [
    ({"unit": "location quotient (EU28 = 1)", "eu_reference": "EU28"}, True, "LQ (EU28 = 1)"),
    ({"unit": "location quotient", "eu_reference": None}, True, "LQ (EU27 = 1)"),
    ({"unit": "intensity (EU27 = 1)", "eu_reference": "EU27_2020"}, False, "intensity (EU27 = 1)"),
    ({"unit": "ratio to EU"}, False, "intensity (EU27 = 1)"),
])
def test_a_specialisation_number_says_what_it_is_relative_to(meta, is_lq, label):
    assert is_location_quotient(meta) is is_lq and measure_label(meta) == label


@pytest.mark.parametrize(("text", "shown"), [
    ("plain words", "plain words"), ("R&D < 3 % > 1", "R&amp;D &lt; 3 % &gt; 1"), ("%{x}", "&#37;{x}"),
    ("100 %", "100 %"), (12.5, "12.5"), (None, "None"), ("&amp;", "&amp;amp;"),
])
def test_text_reaches_a_figure_as_typed(text, shown):
    assert plain_text(text) == shown


@pytest.mark.parametrize(("limit", "length"), [(10, 10), (2000, 2000), (1, 1)])
def test_figure_text_is_bounded_and_says_it_was_cut(limit, length):
    shown = plain_text("x" * 5000, max_chars=limit)
    assert len(shown) == length and shown.endswith("…")


@pytest.mark.parametrize(("text", "width", "wrapped"), [
    ("a bb ccc dddd", 6, "a bb<br>ccc<br>dddd"), ("short", 40, "short"), ("averyveryverylongword x", 5,
                                                                             "averyveryverylongword<br>x"),
    ("", 10, ""),
])
def test_long_lines_wrap_between_words(text, width, wrapped):
    assert wrap(text, width) == wrapped


@pytest.mark.parametrize(("ancestors", "framed_by"), [("'self'", "frame-ancestors 'self'"), ("*", "frame-ancestors *")])
def test_the_content_security_policy_allows_only_this_site_and_dashs_own_inline_scripts(ancestors, framed_by):
    policy = content_security_policy(["sha256-abc", "'sha256-def'", "sha256-abc"], ancestors)
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    assert directives["script-src"] == "'self' 'sha256-abc' 'sha256-def'"
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert policy.endswith(framed_by) and "http" not in policy and "unsafe-eval" not in policy
