"""Text a spreadsheet would run as a formula is neutralised in every file the atlas writes; plain numbers stay
numbers (issue 16.6). Synthetic cells, no layer."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from downloads.formats import NUMBER_COLUMNS, TEXT_COLUMNS, csv_text, neutralise, safe_rows


def test_neutralise_keeps_numbers_and_quotes_formulas():
    assert neutralise("-8.6109") == -8.6109 and neutralise("41.15") == 41.15 and neutralise("-3") == -3
    assert neutralise("01067") == "01067" and neutralise("80331") == "80331"
    assert neutralise("-1+2") == "'-1+2" and neutralise("=1+2") == "'=1+2" and neutralise("+49 89 1") == "'+49 89 1"
    assert neutralise("+4989123") == "'+4989123" and neutralise("-1e5") == "'-1e5"
    assert neutralise(-8.6109) == -8.6109


@pytest.mark.parametrize("text", ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\r=1", "=HYPERLINK(\"http://evil\")",
                                  "-1e5", "+49 89 123"])
def test_formula_like_text_gets_a_quote(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize(("text", "kept"), [("-8.6109", -8.6109), ("41.15", 41.15), ("-3", -3), ("0.5", 0.5),
                                            ("01067", "01067"), ("Porto", "Porto"), ("a=b", "a=b"), (12, 12),
                                            (None, None)])
def test_plain_numbers_and_ordinary_text_are_kept(text, kept):
    assert neutralise(text) == kept and type(neutralise(text)) is type(kept)


def test_a_csv_read_back_has_quoted_formulas_headers_included_and_plain_numbers():
    frame = pd.DataFrame({"=cmd": [neutralise("=1+2"), neutralise("ok;=3+4;")], "value": [1.5, None]})
    text = csv_text(frame)
    back = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert list(back.columns) == ["'=cmd", "value"]
    assert back["'=cmd"].tolist() == ["'=1+2", "ok;=3+4;"] and back.value.tolist() == ["1.5", ""]
    assert '"ok;=3+4;"' in text


def test_safe_rows_neutralises_every_text_column_of_a_download():
    rows = pd.DataFrame([{c: "x" for c in TEXT_COLUMNS}, {c: "=evil()" for c in TEXT_COLUMNS}])
    rows[list(NUMBER_COLUMNS)] = [[2, 2021, 1.0, 2021], [2, 2021, -1.0, 2021]]
    safe = safe_rows(rows)
    for column in TEXT_COLUMNS:
        assert safe[column].tolist() == ["x", "'=evil()"], column
    assert safe.value.tolist() == [1.0, -1.0]
