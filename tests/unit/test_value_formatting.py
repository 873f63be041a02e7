"""format_value, format_number, count, rank_phrase and provenance on the numbers the atlas shows: digits by
magnitude, a narrow no-break space between thousands, '%' units, count words that agree, no data never a zero."""

from __future__ import annotations

import math

import pytest

from domain.formatting import count, format_number, format_value, provenance, rank_phrase

NNBSP = "\u202f"


@pytest.mark.parametrize(("value", "unit", "text"), [
    (None, "% enterprises", "no data"),
    (math.nan, "EUR", "no data"),
    (0.0, "EUR", "0 EUR"),
    (0.1234, "", "0.12"),
    (3.14159, "index", "3.14 index"),
    (12.34, "", "12.3"),
    (99.999, "", "100.0"),
    (1234.5, "EUR", f"1{NNBSP}234 EUR"),
    (1_000_000, "", f"1{NNBSP}000{NNBSP}000"),
    (-2.5, "pp", "-2.50 pp"),
    (12.34, "%", "12.3 %"),
    (12.34, "% of GDP", "12.3 % of GDP"),
    (1, "hubs", "1 hub"),
    (1.5, "hubs", "1.50 hubs"),
    (3, "patent applications", "3 patent applications"),
    (1, "preprint participations", "1 preprint participation"),
    (1, "regions", "1 region"),
    (2, "organisations", "2 organisations"),
])
def test_format_value(value, unit, text):
    assert format_value(value, unit) == text


@pytest.mark.parametrize(("value", "digits", "text"), [(2.0, 2, "2.00"), (1234.5678, 1, f"1{NNBSP}234.6"),
                                                       (0.5, 0, "0")])
def test_stated_digits_win_over_the_magnitude_rule(value, digits, text):
    assert format_value(value, "", digits) == text


@pytest.mark.parametrize(("value", "unit", "text"), [
    (12.3, "% of enterprises", "12.3 %"), (None, "%", "no data"), (1500, "EUR", f"1{NNBSP}500"), (7, "", "7"),
])
def test_format_number_keeps_only_the_percent_sign(value, unit, text):
    assert format_number(value, unit) == text


@pytest.mark.parametrize(("n", "singular", "plural_word", "text"), [
    (0, "hub", None, "0 hubs"), (1, "hub", None, "1 hub"), (1.0, "region", None, "1 region"),
    (2, "city", "cities", "2 cities"), (1.5, "hub", None, "1.50 hubs"), (12000, "paper", None, f"12{NNBSP}000 papers"),
])
def test_count_agrees_with_the_number(n, singular, plural_word, text):
    assert count(n, singular, plural_word) == text


@pytest.mark.parametrize(("tied", "tail"), [(0, ""), (1, ""), (2, ", tied with 1 other"), (4, ", tied with 3 others")])
def test_rank_phrase_names_the_others_sharing_the_rank(tied, tail):
    item = {"rank": 2, "peers": 27, "peer_label": "EU27 countries", "tied": tied}
    assert rank_phrase(item) == f"2nd of 27 EU27 countries{tail}"


@pytest.mark.parametrize(("args", "line"), [
    (("DESI 2022", 2021, "3b5"), "Source: DESI 2022 (3b5), 2021"),
    (("Eurostat", "2019"), "Source: Eurostat, 2019"),
    (("Eurostat", 2019, ""), "Source: Eurostat, 2019"),
])
def test_provenance_line(args, line):
    assert provenance(*args) == line
