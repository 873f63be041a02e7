"""Every indicator of ``indicators.yaml`` has its label, unit and description in every shipped language, the
translations keep the English text's codes, placeholders and leading "%", and classification still reads a translated
unit as its English one."""

from __future__ import annotations

import re

from data.layer.indicator_words import (
    INDICATORS_FILE,
    TRANSLATED_FIELDS,
    TRANSLATED_LANGUAGES,
    indicator_translations,
    missing_translations,
)
from data.layer.indicators import classification_hints, load_indicator_meta, theme_labels
from data.layer.language import use_language
from domain.specialisation import is_location_quotient


def test_every_indicator_and_theme_is_translated_into_every_shipped_language():
    assert missing_translations() == []


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{[^}]*\}", text))


def test_translations_keep_numbers_codes_and_placeholders_of_the_english_text():
    meta = load_indicator_meta().set_index("id")
    for language in TRANSLATED_LANGUAGES:
        for indicator_id, words in indicator_translations(language).items():
            if meta.loc[indicator_id, "caveat"]:
                assert _placeholders(words["caveat"]) == _placeholders(meta.loc[indicator_id, "caveat"]), indicator_id
            for field in TRANSLATED_FIELDS:
                english, translated = str(meta.loc[indicator_id, field]), words.get(field, "")
                assert _placeholders(translated) == _placeholders(english), (indicator_id, language, field)
                assert translated.strip() == translated and translated, (indicator_id, language, field)
                if english.startswith("%"):
                    assert translated.startswith("%"), (indicator_id, language, field, translated)
                for code in re.findall(r"\b(?:EU2[78]|NUTS [0-3]|ISCO-08|NACE)\b", english):
                    assert code in translated, (indicator_id, language, field, code)


def test_polish_labels_differ_from_english_and_classification_still_reads_the_unit():
    meta = load_indicator_meta().set_index("id")
    polish = indicator_translations("pl")
    same = [i for i in meta.index if polish[i].get("label") == meta.loc[i, "label"]]
    assert len(same) <= 3, same
    for indicator_id in meta.index:
        unit = polish[indicator_id]["unit"]
        assert classification_hints(unit) == classification_hints(meta.loc[indicator_id, "unit"]), indicator_id
        assert is_location_quotient({"unit": unit, "unit_en": meta.loc[indicator_id, "unit"]}) == is_location_quotient(
            {"unit": meta.loc[indicator_id, "unit"]})


def test_theme_labels_follow_the_language():
    with use_language("de"):
        german = theme_labels()
    assert list(german) == list(theme_labels())
    assert german["industry"] != theme_labels()["industry"]
    assert INDICATORS_FILE.exists()


def _numbers(text: str) -> list[str]:
    """The numbers of a text, whatever the locale writes between thousands or before decimals ('3 349 498', '33,5')."""
    text = re.sub(r"(?<=\d)[ .,\u00a0](?=\d{3}\b)", "", text).replace(",", ".")
    return sorted(set(re.findall(r"\d+", text.replace("1er", "1").replace("1º", "1"))))


def test_translations_keep_every_number_of_the_english_text():
    meta = load_indicator_meta().set_index("id")
    for language in TRANSLATED_LANGUAGES:
        for indicator_id, words in indicator_translations(language).items():
            for field in TRANSLATED_FIELDS:
                assert _numbers(words[field]) == _numbers(str(meta.loc[indicator_id, field])), (indicator_id, language, field)
