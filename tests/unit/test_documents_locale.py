"""Documents in the reader's language (issue 28): numbers, ordinals, plurals and dates per locale with Babel, and the
``documents`` catalogue complete in every shipped language with its placeholders kept."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from domain.formatting import class_label, format_day, format_number, format_value, ordinal, provenance, rank_phrase
from domain.i18n import LANGUAGES, use_language

ROOT = Path(__file__).resolve().parents[2]
NNBSP, NBSP = "\u202f", "\u00a0"
RANK = {"rank": 12, "peers": 242, "peer_label": "EU27 NUTS 2 regions", "tied": 0}


@pytest.mark.parametrize("lang, population, share, rank", [
    ("en", f"2{NNBSP}544{NNBSP}806", "33.5 %", "12th of 242 EU27 NUTS 2 regions"),
    ("fr", f"2{NNBSP}544{NNBSP}806", f"33,5{NBSP}%", "12e sur 242 régions NUTS 2 de l'UE27"),
    ("de", "2.544.806", f"33,5{NBSP}%", "12. von 242 EU27-NUTS-2-Regionen"),
    ("pl", f"2{NBSP}544{NBSP}806", "33,5%", "12. z 242 regionów NUTS 2 UE\u201127"),  # a no-break hyphen
])
def test_numbers_percentages_and_ranks_as_each_locale_writes_them(lang, population, share, rank):
    with use_language(lang):
        assert format_value(2544806, "") == population
        assert format_value(33.5, "%") == share
        assert rank_phrase(RANK) == rank


def test_an_explicit_locale_wins_over_the_current_language():
    with use_language("pl"):
        assert format_value(2.5, "", locale="en") == "2.50"
        assert rank_phrase(RANK, locale="de") == "12. von 242 EU27-NUTS-2-Regionen"
    assert format_value(2.5, "", locale="de") == "2,50" and ordinal(1, locale="fr") == "1er"


def test_polish_plurals_follow_cldr_one_few_many():
    with use_language("pl"):
        assert [format_value(n, "hubs") for n in (1, 2, 5, 22, 25)] == [
            "1 hub", "2 huby", "5 hubów", "22 huby", "25 hubów"]
        tied = [rank_phrase({**RANK, "tied": n + 1}).rsplit(", ", 1)[1] for n in (1, 3, 5)]
        assert tied == ["ex aequo z 1 innym", "ex aequo z 3 innymi", "ex aequo z 5 innymi"]
        assert format_value(None) == "brak danych"


def test_a_count_unit_in_the_catalogues_language_agrees_with_the_number():
    """The catalogue serves units in the reader's language ("huby", "Hubs", "publikacje"); the count words are keyed
    on the English unit, found through the indicator catalogue."""
    with use_language("pl"):
        assert [format_value(n, "huby") for n in (1, 2, 5, 22, 25)] == [
            "1 hub", "2 huby", "5 hubów", "22 huby", "25 hubów"]
        assert [format_value(n, "publikacje") for n in (1, 3, 12)] == ["1 publikacja", "3 publikacje", "12 publikacji"]
    with use_language("de"):
        assert [format_value(n, "Hubs") for n in (1, 4)] == ["1 Hub", "4 Hubs"]
    assert format_value(2.5, "huby", locale="pl") == "2,50 huby"
    assert format_value(1, "huby", locale="en") == "1 huby"


def test_class_breaks_and_short_numbers_in_the_locale():
    with use_language("de"):
        assert class_label(1234.5, 20000) == "1.234 – 20.000"
        assert class_label(0.5, 2.25) == "0,50 – 2,25"
        assert format_number(12.34, "%") == f"12,3{NBSP}%"
    with use_language("fr"):
        assert class_label(0.5, 2.25) == "0,50 – 2,25"
    assert class_label(0.5, 2.25) == "0.50 – 2.25"


def test_dates_per_locale_and_iso_in_english():
    day = dt.date(2026, 12, 7)
    assert format_day(day) == "2026-12-07"
    assert format_day("2026-12-07T10:00:00+00:00", "pl") == "7 grudnia 2026"
    assert format_day(day, "de") == "7. Dezember 2026" and format_day(day, "fr") == "7 décembre 2026"
    assert format_day("not a date", "de") == "not a date"


def test_provenance_and_counts_translated():
    with use_language("de"):
        assert provenance("DESI 2022", 2021, "3b5") == "Quelle: DESI 2022 (3b5), 2021"
        assert format_value(1, "hubs") == "1 Hub" and format_value(3, "organisations") == "3 Organisationen"
    assert provenance("DESI 2022", 2021, "3b5") == "Source: DESI 2022 (3b5), 2021"


PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%%")


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_documents_catalogue_complete_with_placeholders_kept(lang):
    """Every message of the documents catalogue (as extracted into documents.pot) translated, none fuzzy, every
    placeholder kept."""
    template = {m.id if not m.context else (m.context, m.id)
                for m in read_po((ROOT / "locales" / "documents.pot").open("rb")) if m.id}
    catalogue = read_po((ROOT / "locales" / lang / "LC_MESSAGES" / "documents.po").open("rb"), locale=lang)
    found = {}
    for message in catalogue:
        if message.id:
            found[message.id if not message.context else (message.context, message.id)] = message
    assert template <= set(found), sorted(map(str, template - set(found)))[:5]
    for key in template:
        message = found[key]
        assert not message.fuzzy, key
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        assert all(strings), key
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        assert all(sorted(PLACEHOLDER.findall(s)) == wanted for s in strings), (key, strings)
