"""Number, date and provenance formatting shared by every page, export and download: the one place for numbers,
ordinals, counts with their plural, class labels and dates.

Every function writes in the reader's language (``current_language()``, set per request or render) unless given a
``locale``: digits, the thousands separator and the decimal sign come from Babel's CLDR data ("2 544 806" in
French, "2.544.806" in German, "33,5 %"), the plural and ordinal categories from CLDR's rules, the words from the
``documents`` catalogue. English keeps the atlas's own style: a narrow no-break space between thousands
("2 544 806"), a decimal point and ISO dates.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import NumberPattern, parse_pattern

from data.layer.indicator_words import english_units
from domain.i18n import N_, current_language, normalise_language, translations

DEFAULT_LOCALE = "en"
NARROW_NBSP, NBSP = "\u202f", "\u00a0"
# Ordinal suffix per CLDR ordinal category, per language ("other" when the category has none); "12." in German.
ORDINAL_SUFFIXES = {
    "en": {"one": "st", "two": "nd", "few": "rd", "other": "th"},
    "fr": {"one": "er", "other": "e"},
    "es": {"other": ".º"},
    "it": {"other": "º"},
}
# Count units that read as words: the English unit (``unit_en``) -> the words for n of them, singular and plural (the
# catalogue's unit in another language finds its English key through ``count_unit``).
COUNT_UNITS = {
    "hubs": lambda words, n: words.ungettext("%(n)s hub", "%(n)s hubs", n),
    "papers": lambda words, n: words.ungettext("%(n)s paper", "%(n)s papers", n),
    "organisations": lambda words, n: words.ungettext("%(n)s organisation", "%(n)s organisations", n),
    "patent applications": lambda words, n: words.ungettext("%(n)s patent application", "%(n)s patent applications", n),
    "preprint participations": lambda words, n: words.ungettext("%(n)s preprint participation",
                                                                "%(n)s preprint participations", n),
    "regions": lambda words, n: words.ungettext("%(n)s region", "%(n)s regions", n),
}
# The pools a rank is read in (data.layer.pools.pool_label writes them in English), marked for translation.
POOL_LABELS = (N_("EU27 countries"), N_("EU27 NUTS 1 regions"), N_("EU27 NUTS 2 regions"), N_("EU27 NUTS 3 regions"),
               N_("placed among the EU27 countries (not part of the pool)"),
               N_("placed among the EU27 NUTS 1 regions (not part of the pool)"),
               N_("placed among the EU27 NUTS 2 regions (not part of the pool)"),
               N_("placed among the EU27 NUTS 3 regions (not part of the pool)"))
NO_DATA = N_("no data")
# Units the atlas itself writes (not the catalogue's): translated where a value is formatted.
OWN_UNITS = frozenset({N_("percentage points")})


def language_of(locale: str | None = None) -> str:
    """The shipped language a ``locale`` ('pl', 'de_AT', None = the current one) writes in."""
    if locale is None:
        return current_language()
    return normalise_language(locale) or DEFAULT_LOCALE


@lru_cache(maxsize=16)
def _locale(locale: str) -> Locale:
    try:
        return Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LOCALE)


@lru_cache(maxsize=64)
def number_pattern(digits: int) -> NumberPattern:
    """Babel's pattern for `digits` decimals with grouped thousands, parsed once (a parse per number was a tenth of a
    region panel's formatting)."""
    return parse_pattern("#,##0" + ("." + "0" * digits if digits > 0 else ""))


@lru_cache(maxsize=8)
def percent_gap(language: str) -> str:
    """What the locale writes between a number and '%' ("33,5 %" in French and German, "33,5%" in Polish)."""
    if language == DEFAULT_LOCALE:
        return " "
    pattern = _locale(language).percent_formats[None].pattern
    return pattern[pattern.rfind("0") + 1:pattern.find("%")] if "%" in pattern else NBSP


def digits_text(value: float, digits: int, locale: str | None = None) -> str:
    """``value`` with ``digits`` decimals and grouped thousands, as the locale writes it."""
    language = language_of(locale)
    if language == DEFAULT_LOCALE:
        return f"{value:,.{digits}f}".replace(",", NARROW_NBSP)
    return number_pattern(digits).apply(value, _locale(language))


def ordinal(n: int, locale: str | None = None) -> str:
    """'1st', '23rd' in English, '1er', '12e' in French, '12.' in German and Polish (CLDR ordinal rules)."""
    n = int(n)
    language = _locale(locale or current_language())
    suffixes = ORDINAL_SUFFIXES.get(language.language)
    if suffixes is None:
        return f"{n}."
    return f"{n}{suffixes.get(language.ordinal_form(n), suffixes['other'])}"


def plural(n: float, singular: str, plural_word: str, locale: str | None = None) -> str:
    """The word for ``n`` things: 'hub' for 1, 'hubs' for 0, 2 or 1.5 (CLDR plural rules of the locale)."""
    return singular if _locale(locale or current_language()).plural_form(n) == "one" else plural_word


def count(n: float, singular: str, plural_word: str | None = None, locale: str | None = None) -> str:
    """'1 hub', '2 hubs', '0 hubs': whole numbers without decimals, the word agreeing with the number."""
    plural_word = plural_word or singular + "s"
    whole = float(n).is_integer()
    number = digits_text(float(n), 0 if whole else 2, locale)
    return f"{number} {plural(int(n) if whole else float(n), singular, plural_word, locale)}"


def format_value(value: float | None, unit: str = "", digits: int | None = None, locale: str | None = None) -> str:
    """Human-readable value with unit; 'no data' for a missing value (never 0). Whole numbers have no decimals
    ('0 hubs', not '0.00 hubs'); count units agree with the number ('1 hub', '2 huby')."""
    language = language_of(locale)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return translations(language).ugettext(NO_DATA)
    integral = abs(value - round(value)) < 1e-9
    if digits is None:
        digits = auto_digits(value)
    text = digits_text(value, digits, language)
    counted = count_unit(unit, language)
    if counted and integral:
        return COUNT_UNITS[counted](translations(language), int(round(value))) % {"n": text}
    if unit in OWN_UNITS:
        unit = translations(language).ugettext(unit)
    elif unit.startswith("%"):
        rest = unit[1:].strip()
        return f"{text}{percent_gap(language)}%" + (f" {rest}" if rest else "")
    return f"{text} {unit}".strip()


def auto_digits(value: float) -> int:
    """The decimals a value is written with on its own: none for whole numbers and from 1,000, one from 10, else
    two."""
    magnitude = abs(value)
    if magnitude >= 1000 or abs(value - round(value)) < 1e-9:
        return 0
    return 1 if magnitude >= 10 else 2


def shared_digits(*values: float | None) -> int | None:
    """The decimals for values read side by side (a region's and the EU27's): the most any of them needs, so
    "4.80 %" stands beside "EU27: 4.00 %", not "4 %". None when no value is given."""
    given = [auto_digits(v) for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
    return max(given) if given else None


def format_beside(value: float | None, other: float | None, unit: str) -> tuple[str, str]:
    """`value` and `other` (its EU27 value) written to be read side by side: the same decimals (``shared_digits``)."""
    digits = shared_digits(value, other)
    return format_value(value, unit, digits), format_value(other, unit, digits)


def count_unit(unit: str, language: str) -> str | None:
    """The English count unit (a ``COUNT_UNITS`` key) a unit stands for: itself, or, in another language, the English
    unit the indicator catalogue translates to it ("huby" -> "hubs"), so "2 huby", "5 hubów" agree with the number."""
    if unit in COUNT_UNITS:
        return unit
    if language == DEFAULT_LOCALE or not unit:
        return None
    english = english_units().get(unit)
    return english if english in COUNT_UNITS else None


def format_number(value: float | None, unit: str = "", locale: str | None = None, digits: int | None = None) -> str:
    """Short form for big numbers: '%' units keep only the sign, others no unit."""
    language = language_of(locale)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return format_value(None, locale=language)
    text = format_value(value, "", digits, language)
    return f"{text}{percent_gap(language)}%" if unit.startswith("%") else text


def class_label(lo: float, hi: float, *, categorical: bool = False, locale: str | None = None) -> str:
    """A legend class: '2 – 5', or one value when the class holds one ('1', never '1 – 1')."""
    if categorical or format_value(lo, locale=locale) == format_value(hi, locale=locale):
        return format_value(hi, "", 0, locale) if categorical else format_value(hi, locale=locale)
    return f"{format_value(lo, locale=locale)} – {format_value(hi, locale=locale)}"


def rank_phrase(item: dict, locale: str | None = None) -> str:
    """'99th of 219 EU27 NUTS 2 regions' (and ', tied with 2 others' where regions share the rank): one wording of a
    rank for the panel, the static map, the slides and the brief. `item` has rank, peers, peer_label, tied."""
    words = translations(language_of(locale))
    tied = int(item.get("tied") or 0)
    said = {"rank": ordinal(item["rank"], locale), "peers": digits_text(float(item["peers"]), 0, locale),
            "pool": words.ugettext(str(item["peer_label"])), "n": tied - 1}
    if tied > 1:
        return words.ungettext("%(rank)s of %(peers)s %(pool)s, tied with %(n)s other",
                               "%(rank)s of %(peers)s %(pool)s, tied with %(n)s others", tied - 1) % said
    return words.ugettext("%(rank)s of %(peers)s %(pool)s") % said


def provenance(source_name: str, year: int | str, source_code: str | None = None, locale: str | None = None) -> str:
    """'Source: DESI 2022 (3b5), 2021' — the line shown next to every figure."""
    words = translations(language_of(locale))
    if source_code:
        return words.ugettext("Source: %(source)s (%(code)s), %(year)s") % {
            "source": source_name, "code": source_code, "year": year}
    return words.ugettext("Source: %(source)s, %(year)s") % {"source": source_name, "year": year}


def format_day(day: dt.date | dt.datetime | str | None = None, locale: str | None = None) -> str:
    """A day as the reader writes it: ISO in English ('2026-12-07', unchanged), '7 grudnia 2026' in Polish,
    '7. Dezember 2026' in German. Takes a date, a datetime or an ISO string (a layer's built_at); today by default;
    text that is not a date comes back as it is."""
    if day is None:
        day = dt.date.today()
    if isinstance(day, str):
        try:
            parsed: dt.date = dt.datetime.fromisoformat(day.strip().replace("Z", "+00:00"))
        except ValueError:
            return day
        day = parsed
    if isinstance(day, dt.datetime):
        day = day.date()
    language = language_of(locale)
    if language == DEFAULT_LOCALE:
        return day.isoformat()
    return format_date(day, format="long", locale=_locale(language))
