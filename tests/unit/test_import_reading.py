"""Imports without regions to locate: a malformed file is refused with a message, numbers are read as people
write them. (Files located to real NUTS regions are tested in tests/integration/test_imports.py.)"""

from __future__ import annotations

import pytest

from data.importing import MAX_BYTES, ImportError_, read_table


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty"),
    (b"\x00\x01\x02\x03binary", "binary"),
    (b"x" * (MAX_BYTES + 1), "limit"),
    (b"PK\x03\x04 not really a zip", "damaged"),
])
def test_malformed_files_are_refused_with_a_message(content, message):
    with pytest.raises(ImportError_, match=message):
        read_table(content)


@pytest.mark.parametrize(("texts", "expected"), [
    (["1,234", "12,500", "3.5"], [1234.0, 12500.0, 3.5]),
    (["1.234,5", "3,5", "12,500"], [1234.5, 3.5, 12.5]),
    (["1 234", "2\u00a0345", "12 %", "1.234.567", "-3.25"], [1234.0, 2345.0, 12.0, 1234567.0, -3.25]),
    (["12,500", "1,234"], [None, None]),
])
def test_numbers_are_read_as_people_write_them_and_ambiguity_is_refused(texts, expected):
    from data.importing import parse_numbers

    parsed = parse_numbers(texts)
    assert [v for v, _ in parsed] == expected
    assert all("ambiguous" in why for v, why in parsed if v is None)


@pytest.mark.parametrize(("text", "value"), [
    ("1,5", 1.5), ("-0,5", -0.5), ("1.234.567", 1234567.0), ("12 %", 12.0), ("1'234", 1234.0), ("1\u202f234", 1234.0),
    ("1,234.5", 1234.5), ("1.234,5", 1234.5), (" 42 ", 42.0), ("0", 0.0),
])
def test_one_number_as_people_write_it(text, value):
    from data.importing import parse_numbers

    assert parse_numbers([text]) == [(value, "")]


@pytest.mark.parametrize(("text", "reason"), [
    ("", "empty"), ("   ", "empty"), ("abc", "not a number"), ("inf", "not a finite number"), ("nan", "not a finite"),
    ("12,500", "ambiguous"), ("1-2", "not a number"),
])
def test_a_value_that_is_no_number_is_no_data_with_its_reason(text, reason):
    from data.importing import parse_numbers

    [(value, why)] = parse_numbers([text])
    assert value is None and reason in why


def test_the_column_decides_what_an_ambiguous_value_means():
    from data.importing import parse_numbers

    assert parse_numbers(["3.5", "12,500"]) == [(3.5, ""), (12500.0, "")]
    assert parse_numbers(["3,5", "12.500"]) == [(3.5, ""), (12500.0, "")]
