"""Number and provenance formatting shared by every page, export and download: the one place for ordinals,
counts with their plural and class labels.

Every function takes a ``locale`` (default English) so a translated app passes the reader's locale: the plural
and ordinal categories come from Babel's CLDR rules (``Locale.plural_form``, ``Locale.ordinal_form``); the
words for each category are this module's per-language tables, which a translation extends.
"""

from __future__ import annotations

import math
from functools import lru_cache

from babel import Locale

DEFAULT_LOCALE = "en"
# Ordinal suffix per CLDR ordinal category, per language; a language without a table writes "23."
ORDINAL_SUFFIXES = {"en": {"one": "st", "two": "nd", "few": "rd", "other": "th"}}
# Count units that read as words: plural unit as the catalogue writes it -> (singular, plural) in English.
COUNT_UNITS = {
    "hubs": ("hub", "hubs"),
    "papers": ("paper", "papers"),
    "organisations": ("organisation", "organisations"),
    "patent applications": ("patent application", "patent applications"),
    "preprint participations": ("preprint participation", "preprint participations"),
    "regions": ("region", "regions"),
}


@lru_cache(maxsize=16)
def _locale(locale: str) -> Locale:
    return Locale.parse(locale)


def ordinal(n: int, locale: str = DEFAULT_LOCALE) -> str:
    """'1st', '2nd', '23rd', '92nd', '111th' (CLDR ordinal rules of the locale)."""
    n = int(n)
    suffixes = ORDINAL_SUFFIXES.get(_locale(locale).language)
    if suffixes is None:
        return f"{n}."
    return f"{n}{suffixes.get(_locale(locale).ordinal_form(n), suffixes['other'])}"


def plural(n: float, singular: str, plural_word: str, locale: str = DEFAULT_LOCALE) -> str:
    """The word for ``n`` things: 'hub' for 1, 'hubs' for 0, 2 or 1.5 (CLDR plural rules of the locale)."""
    return singular if _locale(locale).plural_form(n) == "one" else plural_word


def count(n: float, singular: str, plural_word: str | None = None, locale: str = DEFAULT_LOCALE) -> str:
    """'1 hub', '2 hubs', '0 hubs': whole numbers without decimals, the word agreeing with the number."""
    plural_word = plural_word or singular + "s"
    whole = float(n).is_integer()
    number = _digits(float(n), 0 if whole else 2)
    return f"{number} {plural(int(n) if whole else float(n), singular, plural_word, locale)}"


def _digits(value: float, digits: int) -> str:
    return f"{value:,.{digits}f}".replace(",", "\u202f")


def format_value(value: float | None, unit: str = "", digits: int | None = None, locale: str = DEFAULT_LOCALE) -> str:
    """Human-readable value with unit; 'no data' for a missing value (never 0). Whole numbers have no decimals
    ('0 hubs', not '0.00 hubs'); count units agree with the number ('1 hub')."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no data"
    magnitude = abs(value)
    integral = abs(value - round(value)) < 1e-9
    if digits is None:
        digits = 0 if magnitude >= 1000 or integral else 1 if magnitude >= 10 else 2
    if unit in COUNT_UNITS and integral:
        singular, plural_word = COUNT_UNITS[unit]
        return f"{_digits(value, digits)} {plural(int(round(value)), singular, plural_word, locale)}"
    text = _digits(value, digits)
    if unit.startswith("%"):
        return f"{text} %" + (f" {unit[1:].strip()}" if unit[1:].strip() else "")
    return f"{text} {unit}".strip()


def format_number(value: float | None, unit: str = "") -> str:
    """Short form for big numbers: '%' units keep only the sign, others no unit."""
    text = format_value(value, "")
    if text != "no data" and unit.startswith("%"):
        return f"{text} %"
    return text


def class_label(lo: float, hi: float, *, categorical: bool = False) -> str:
    """A legend class: '2 – 5', or one value when the class holds one ('1', never '1 – 1')."""
    if categorical or format_value(lo) == format_value(hi):
        return format_value(hi, "", 0) if categorical else format_value(hi)
    return f"{format_value(lo)} – {format_value(hi)}"


def rank_phrase(item: dict, locale: str = DEFAULT_LOCALE) -> str:
    """'99th of 219 EU27 NUTS 2 regions' (and ', tied with 2 others' where regions share the rank): one wording of a
    rank for the panel, the static map, the slides and the brief. `item` has rank, peers, peer_label, tied."""
    tied = int(item.get("tied") or 0)
    ties = f", tied with {count(tied - 1, 'other', locale=locale)}" if tied > 1 else ""
    return f"{ordinal(item['rank'], locale)} of {item['peers']} {item['peer_label']}{ties}"


def provenance(source_name: str, year: int | str, source_code: str | None = None) -> str:
    """'Source: DESI 2022 (3b5), 2021' — the line shown next to every figure."""
    code = f" ({source_code})" if source_code else ""
    return f"Source: {source_name}{code}, {year}"
