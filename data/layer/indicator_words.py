"""The indicator catalogue's words in every shipped language, read at run time from ``indicators.yaml``.

Each indicator of the file carries its English ``label``, ``unit`` and ``description`` and, beside them, a
``translations`` block (``fr: {label, unit, description}``, ``de: …``), so a missing translation shows in review
and in ``missing_translations`` (a test keeps it empty). Theme labels are translated in ``theme_translations``
beside ``themes``. The build writes only the English words into ``catalog.parquet``; the layer joins the
translations by indicator id when it loads, so a language is added without rebuilding the data. Source titles and
citations are not translated: they stay as published. English is the fallback only where a translation is missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import pandas as pd
from babel.numbers import format_decimal

from data.layer.language import DEFAULT_LANGUAGE, LANGUAGES
from data.yaml_files import load_yaml

INDICATORS_FILE = Path(__file__).resolve().parents[1] / "indicators.yaml"
TRANSLATED_FIELDS = ("label", "unit", "description")
TRANSLATED_LANGUAGES = tuple(code for code in LANGUAGES if code != DEFAULT_LANGUAGE)
ENGLISH_UNIT = "unit_en"  # every catalogue frame keeps the English unit: classification hints match on it
ENGLISH_LABEL = "label_en"  # and the English label, for the few rules written against English words
OPTIONAL_FIELDS = ("caveat",)  # translated where the English entry has one
EXPERIMENTAL = {
    "en": "Experimental indicator: its publisher ({publisher}) calls these data experimental.",
    "fr": "Indicateur expérimental : son éditeur ({publisher}) qualifie ces données d’expérimentales.",
    "de": "Experimenteller Indikator: Der Herausgeber ({publisher}) bezeichnet diese Daten als experimentell.",
    "es": "Indicador experimental: su editor ({publisher}) califica estos datos de experimentales.",
    "it": "Indicatore sperimentale: il suo editore ({publisher}) definisce questi dati sperimentali.",
    "pl": "Wskaźnik eksperymentalny: jego wydawca ({publisher}) określa te dane jako eksperymentalne.",
}


@lru_cache(maxsize=4)
def _document(path: Path) -> Mapping:
    return load_yaml(path)


def indicator_translations(language: str, path: Path = INDICATORS_FILE) -> dict[str, dict[str, str]]:
    """Indicator id -> {field: text} in `language`, for the fields the file translates (empty for English)."""
    table: dict[str, dict[str, str]] = {}
    for entry in _document(Path(path)).get("indicators") or ():
        words = ((entry.get("translations") or {}).get(language) or {})
        table[entry["id"]] = {f: str(words[f]) for f in TRANSLATED_FIELDS + OPTIONAL_FIELDS if str(words.get(f) or "").strip()}
    return table


def theme_translations(language: str, path: Path = INDICATORS_FILE) -> dict[str, str]:
    """Theme id -> label in `language` where the file has one (``theme_translations``)."""
    table = _document(Path(path)).get("theme_translations") or {}
    return {theme: str(words[language]) for theme, words in table.items() if str((words or {}).get(language) or "")}


def missing_translations(path: Path = INDICATORS_FILE) -> list[str]:
    """'indicator id: language field' (and 'theme id: language') for every word without its translation."""
    document = _document(Path(path))
    missing = []
    for language in TRANSLATED_LANGUAGES:
        words = indicator_translations(language, path)
        missing += [f"{entry['id']}: {language} {field}" for entry in document.get("indicators") or ()
                    for field in TRANSLATED_FIELDS + OPTIONAL_FIELDS
                    if field not in words[entry["id"]] and (field in TRANSLATED_FIELDS or entry.get(field))]
        themes = theme_translations(language, path)
        missing += [f"theme {theme}: {language}" for theme in document.get("themes") or {} if theme not in themes]
    return missing


@lru_cache(maxsize=4)
def english_units(path: Path = INDICATORS_FILE) -> Mapping[str, str]:
    """Translated unit -> its English unit (the classification hints of ``indicators.yaml`` name English units)."""
    table: dict[str, str] = {}
    for language in TRANSLATED_LANGUAGES:
        words = indicator_translations(language, path)
        for entry in _document(Path(path)).get("indicators") or ():
            if "unit" in words[entry["id"]]:
                table.setdefault(words[entry["id"]]["unit"], entry["unit"])
    return MappingProxyType(table)


def caveat_text(template: str, publisher: str | None, reference: pd.DataFrame, language: str = DEFAULT_LANGUAGE) -> str:
    """The words every surface repeats beside an indicator's values: that its publisher calls the data experimental
    (`publisher`, None when not), and the caveat `template` with ``{EU28}``/``{EU27_2020}``/``{year}`` filled from
    the indicator's own EU rows of `reference` (never typed in). The build writes the English one into the
    catalogue; the layer composes the others the same way. KeyError when the template names a reference the rows
    lack."""
    parts = [EXPERIMENTAL.get(language, EXPERIMENTAL[DEFAULT_LANGUAGE]).format(publisher=publisher)] if publisher else []
    if template:
        own = reference.sort_values("year")
        fields = {ref_id: _two_decimals(float(part.value.iloc[-1]), language) for ref_id, part in own.groupby("ref_id")}
        fields["year"] = str(int(own.year.iloc[-1])) if len(own) else ""
        parts.append(template.format(**fields))
    return " ".join(parts)


def _two_decimals(value: float, language: str) -> str:
    return f"{value:.2f}" if language == DEFAULT_LANGUAGE else format_decimal(value, "0.00", locale=language)


def catalog_in(english: pd.DataFrame, language: str, path: Path = INDICATORS_FILE, reference: pd.DataFrame | None = None,
               publishers: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The catalogue with its label, unit and description in `language` (English where none is translated, and for
    indicators the file does not hold: a user's imported lists keep the words their owner typed). Its caveat is
    composed in `language` (``caveat_text``) from the translated template, the layer's `reference` rows and the
    `publishers` of experimental sources (source id -> short name); the built English one where any is missing."""
    frame = english.copy()
    for column, field in ((ENGLISH_UNIT, "unit"), (ENGLISH_LABEL, "label")):
        frame[column] = english[field] if column not in english else english[column].fillna(english[field])
    if language == DEFAULT_LANGUAGE:
        return frame
    words = indicator_translations(language, path)
    for field in TRANSLATED_FIELDS:
        translated = frame.indicator_id.map(lambda i, f=field: words.get(i, {}).get(f))
        frame[field] = translated.where(translated.notna(), frame[field])
    if "caveat" in frame and reference is not None:
        frame["caveat"] = [_caveat_in(row, words, reference, publishers or {}, language) for row in frame.to_dict("records")]
    return frame


def _caveat_in(row: dict, words: Mapping[str, Mapping[str, str]], reference: pd.DataFrame, publishers: Mapping[str, str],
               language: str) -> str:
    built = row["caveat"] if isinstance(row.get("caveat"), str) else ""
    english_template = str(_templates().get(row["indicator_id"]) or "")
    template = words.get(row["indicator_id"], {}).get("caveat", "")
    publisher = publishers.get(str(row.get("source_id"))) if bool(row.get("experimental")) else None
    if not built or (english_template and not template) or (row.get("experimental") and publisher is None):
        return built
    try:
        return caveat_text(template, publisher, reference[reference.indicator_id == row["indicator_id"]], language)
    except (KeyError, IndexError, ValueError):
        return built


@lru_cache(maxsize=1)
def _templates(path: Path = INDICATORS_FILE) -> Mapping[str, str]:
    return MappingProxyType({e["id"]: e.get("caveat") or "" for e in _document(Path(path)).get("indicators") or ()})


def catalogs_by_language(english: pd.DataFrame, path: Path = INDICATORS_FILE, reference: pd.DataFrame | None = None,
                         publishers: Mapping[str, str] | None = None) -> Mapping[str, pd.DataFrame]:
    """One catalogue frame per shipped language (built once when the layer loads; a few hundred rows each)."""
    return MappingProxyType({language: catalog_in(english, language, path, reference, publishers) for language in LANGUAGES})
