"""The one formatting module (issue 26, item 10): ordinals, counts and class labels, locale-ready via Babel."""

from __future__ import annotations

import pytest

from domain.formatting import class_label, count, format_value, ordinal, plural, rank_phrase


@pytest.mark.parametrize("n, text", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
                                     (13, "13th"), (21, "21st"), (23, "23rd"), (92, "92nd"), (101, "101st"),
                                     (111, "111th"), (112, "112th"), (0, "0th")])
def test_english_ordinals(n, text):
    assert ordinal(n) == text


def test_counts_agree_with_the_number_and_drop_decimals_of_whole_numbers():
    assert format_value(1, "hubs") == "1 hub"
    assert format_value(2, "hubs") == "2 hubs"
    assert format_value(0, "hubs") == "0 hubs"
    assert format_value(0.0, "hubs") != "0.00 hubs"
    assert format_value(1, "papers") == "1 paper" and format_value(1, "organisations") == "1 organisation"
    assert count(1, "other") == "1 other" and count(3, "other") == "3 others"
    assert plural(1, "hub", "hubs") == "hub" and plural(1.5, "hub", "hubs") == "hubs"


def test_class_label_never_repeats_one_value():
    assert class_label(1, 1) == "1"
    assert class_label(1.0000001, 1.0000002) == "1.00"
    assert class_label(1, 2.5) == "1 – 2.50"
    assert class_label(0, 3, categorical=True) == "3"


def test_rank_phrase_uses_the_ordinal_and_counted_ties():
    item = {"rank": 23, "peers": 219, "peer_label": "EU27 NUTS 2 regions", "tied": 2}
    assert rank_phrase(item) == "23rd of 219 EU27 NUTS 2 regions, tied with 1 other"


def test_functions_take_a_locale():
    assert ordinal(3, locale="de") == "3."
    assert plural(1, "Hub", "Hubs", locale="de") == "Hub"
    assert ordinal(22, locale="en_GB") == "22nd"


def test_a_value_and_the_eu27_value_beside_it_have_the_same_decimals():
    from domain.formatting import format_number, format_value, shared_digits

    digits = shared_digits(4.8, 4.0)
    assert (format_number(4.8, "%", "en", digits), format_value(4.0, "%", digits, "en")) == ("4.80 %", "4.00 %")
    assert shared_digits(1234.5, 12.25) == 1 and shared_digits(None, 3.0) == 0 and shared_digits(None) is None
    assert format_value(4.0, "%", shared_digits(4.0, None), "en") == "4 %", "alone, a whole number keeps no decimals"
