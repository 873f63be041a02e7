"""Indicator metadata in the reader's language: the layer's catalogue and ``Layer.indicator`` read the translations
beside the English text in ``indicators.yaml``; English only where a translation is missing."""

from __future__ import annotations

import textwrap

import pandas as pd
import pytest

from data.layer.indicator_words import (
    catalog_in,
    missing_translations,
    theme_translations,
)
from data.layer.language import use_language
from tests.unit.tiny import build_tiny_layer

SYNTHETIC = textwrap.dedent("""
    themes: {technology: "Technology uptake"}
    theme_translations: {technology: {pl: "Wdrażanie technologii"}}
    indicators:
      - id: share
        label: "Share"
        description: "A share."
        unit: "% enterprises"
        translations:
          pl: {label: "Udział", unit: "% przedsiębiorstw", description: "Udział."}
          fr: {label: "Part"}
""")


@pytest.fixture()
def synthetic(tmp_path):
    path = tmp_path / "indicators.yaml"
    path.write_text(SYNTHETIC, encoding="utf-8")
    return path


def test_the_catalogue_reads_the_translation_and_falls_back_to_english_only_where_one_is_missing(synthetic):
    english = pd.DataFrame([{"indicator_id": "share", "label": "Share", "unit": "% enterprises", "description": "A share."},
                            {"indicator_id": "imp-0123456789", "label": "My list", "unit": "tonnes", "description": "Mine."}])
    polish = catalog_in(english, "pl", synthetic).set_index("indicator_id")
    assert polish.loc["share", ["label", "unit", "description"]].tolist() == ["Udział", "% przedsiębiorstw", "Udział."]
    assert polish.loc["share", "unit_en"] == "% enterprises"
    assert polish.loc["imp-0123456789", "label"] == "My list"
    french = catalog_in(english, "fr", synthetic).set_index("indicator_id")
    assert french.loc["share", ["label", "unit"]].tolist() == ["Part", "% enterprises"]
    assert sorted(m for m in missing_translations(synthetic) if m.startswith("share: fr")) == [
        "share: fr description", "share: fr unit"]
    assert "theme technology: de" in missing_translations(synthetic)
    assert theme_translations("pl", synthetic) == {"technology": "Wdrażanie technologii"}


def test_the_layer_answers_in_the_current_language():
    layer = build_tiny_layer()
    english = layer.indicator("lq")
    with use_language("pl"):
        polish = layer.indicator("lq")
        catalogue_labels = dict(zip(layer.catalog.indicator_id, layer.catalog.label))
    assert english["unit_en"] == polish["unit_en"] == "location quotient"
    assert catalogue_labels["lq"] == polish["label"]
    assert layer.indicator("lq") == english


def test_memoised_results_are_kept_per_language():
    """A profile memoised for one reader is never served in another reader's language."""
    from data.layer.language import current_language
    from domain.memo import layer_memo

    calls = []

    @layer_memo(maxsize=4)
    def words(layer):
        calls.append(current_language())
        return current_language()

    layer = build_tiny_layer()
    with use_language("pl"):
        assert words(layer) == "pl" and words(layer) == "pl"
    assert words(layer) == "en"
    assert calls == ["pl", "en"]
