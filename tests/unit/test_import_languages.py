"""The import engine writes its refusals, row reasons, statuses and progress in the reader's language (Polish and
German here), with every placeholder filled and numbers written the language's way; English is unchanged. The parse
child has no catalogues: its refusal travels as an English template with values and is translated in the parent."""

from __future__ import annotations

import pytest

import data.importing.reading as reading
from data.importing import ImportError_, check_request, parse_numbers, progress_text, read_table
from data.importing.codes import locate_code
from data.importing.table import STATUS_WORDS, method_key
from data.layer.language import gettext, use_language
from tests.unit.test_nuts_codes import REGIONS_2021, TABLES

WIDE_ROW = ",".join(f"c{i}" for i in range(8)) + "\n"


def refusal(content: bytes, language: str) -> ImportError_:
    with use_language(language), pytest.raises(ImportError_) as caught:
        read_table(content)
    return caught.value


@pytest.mark.parametrize(("language", "words"), [
    ("en", "Row 1 has more than 5 columns (the limit): keep only the columns you need."),
    ("pl", "Wiersz 1 ma ponad 5 kolumn (limit): zostaw tylko potrzebne kolumny."),
    ("de", "Zeile 1 hat mehr als 5 Spalten (das Limit): Behalten Sie nur die nötigen Spalten."),
])
def test_a_refusal_made_in_the_parse_child_reads_in_the_readers_language(language, words, monkeypatch):
    monkeypatch.setattr(reading, "LIMITS", {**reading.LIMITS, "columns": 5})
    error = refusal(WIDE_ROW.encode(), language)
    assert error.code == "too_many_columns" and str(error) == words


def test_numbers_in_a_refusal_are_written_the_languages_way(monkeypatch):
    monkeypatch.setattr(reading, "LIMITS", {**reading.LIMITS, "rows": 12_000})
    content = b"a\n" * 12_010
    assert "12,000" in str(refusal(content, "en"))
    assert "Ponad 12\u00a0000 wierszy: podziel plik." == str(refusal(content, "pl"))
    assert "Mehr als 12.000 Zeilen: Teilen Sie die Datei auf." == str(refusal(content, "de"))


def test_an_empty_file_and_missing_columns_are_refused_in_polish_and_german():
    assert str(refusal(b"", "pl")) == "Plik jest pusty."
    with use_language("de"), pytest.raises(ImportError_) as caught:
        check_request("clusters", {}, ["Spalte"], source="", licence="x")
    message = str(caught.value)
    assert message.startswith("Es fehlt: Quelle; Spalte „Name“") and "Schritt 3" in message and "%(" not in message


@pytest.mark.parametrize(("language", "empty", "bad"), [
    ("en", "value is empty (no data for this region and year)", "value 'abc' is not a number"),
    ("pl", "wartość jest pusta (brak danych dla tego regionu i roku)", "wartość „abc” nie jest liczbą"),
    ("de", "der Wert ist leer (keine Daten für diese Region und dieses Jahr)", "der Wert „abc“ ist keine Zahl"),
])
def test_row_reasons_for_values_are_in_the_readers_language(language, empty, bad):
    with use_language(language):
        (_, first), (_, second), (number, third) = parse_numbers(["", "abc", "3,5"])
    assert (first, second, number, third) == (empty, bad, 3.5, "")


def test_a_located_code_says_how_in_polish_with_its_codes():
    with use_language("pl"):
        split = locate_code("PL12", set(REGIONS_2021), TABLES)
        unknown = locate_code("QQ99", set(REGIONS_2021), TABLES)
    assert split.nuts_id == "PL9" and split.coarser
    assert split.how.startswith("kod NUTS 2016 PL12 (podzielony w 2021 r. na PL91, PL92): zlokalizowany na wyższym")
    assert unknown.how == "„QQ99” nie jest kodem NUTS żadnej wersji 2006–2024"


def test_status_ids_stay_english_and_their_words_and_method_counts_are_translated():
    assert set(STATUS_WORDS) == {"located", "located at a coarser level", "not located", "no value", "invalid value",
                                 "duplicate"}
    assert method_key("region", "located") == "region name"
    with use_language("pl"):
        assert gettext(STATUS_WORDS["not located"]) == "niezlokalizowany"
        assert gettext(method_key("town", "located at a coarser level")) == "miejscowość (GeoNames), wyższy poziom"


def test_progress_reads_in_the_readers_language_with_its_numbers():
    record = {"stage": "locating", "done": 1200, "total": 40000}
    with use_language("pl"):
        assert progress_text(record) == "Zlokalizowano wiersze: 1\u00a0200 z 40\u00a0000…"
    with use_language("de"):
        assert progress_text(record) == "1.200 von 40.000 Zeilen verortet…"
    assert progress_text(record) == "Located 1,200 of 40,000 rows…"
