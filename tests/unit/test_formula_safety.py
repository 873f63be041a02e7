"""Text a spreadsheet would run as a formula is neutralised in every file the atlas writes; plain numbers stay
numbers (issue 16.6). Synthetic cells, no layer."""

from __future__ import annotations

from downloads.formats import neutralise


def test_neutralise_keeps_numbers_and_quotes_formulas():
    assert neutralise("-8.6109") == -8.6109 and neutralise("41.15") == 41.15 and neutralise("-3") == -3
    assert neutralise("01067") == "01067" and neutralise("80331") == "80331"
    assert neutralise("-1+2") == "'-1+2" and neutralise("=1+2") == "'=1+2" and neutralise("+49 89 1") == "'+49 89 1"
    assert neutralise("+4989123") == "'+4989123" and neutralise("-1e5") == "'-1e5"
    assert neutralise(-8.6109) == -8.6109
