"""Indicator metadata in the reader's language: the layer's catalogue and ``Layer.indicator`` read the translations
beside the English text in ``indicators.yaml``; English only where a translation is missing."""

from __future__ import annotations

import textwrap
from dataclasses import replace

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
    from data.layer.memo import layer_memo

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


def test_the_caveat_is_composed_in_each_language_from_the_sources_own_eu_rows():
    from data.layer.indicator_words import caveat_text

    reference = pd.DataFrame([{"indicator_id": "rii", "year": 2017, "ref_id": "EU28", "value": 101.5},
                              {"indicator_id": "rii", "year": 2019, "ref_id": "EU28", "value": 104.7123}])
    english = "Index relative to the EU in 2011 = 100; the EU28 itself scores {EU28} in this edition ({year})."
    assert caveat_text(english, None, reference) == (
        "Index relative to the EU in 2011 = 100; the EU28 itself scores 104.71 in this edition (2019).")
    polish = "Indeks odniesiony do UE w 2011 r. = 100; sama EU28 uzyskuje w tej edycji ({year}) wynik {EU28}."
    assert caveat_text(polish, "EURITO", reference, "pl") == (
        "Wskaźnik eksperymentalny: jego wydawca (EURITO) określa te dane jako eksperymentalne. "
        "Indeks odniesiony do UE w 2011 r. = 100; sama EU28 uzyskuje w tej edycji (2019) wynik 104,71.")
    with pytest.raises(KeyError):
        caveat_text("{EU27_2020}", None, reference)


def test_the_build_writes_the_english_caveat_it_always_wrote():
    from data.pipeline.build import indicator_caveat
    from tests.unit.tiny import _source

    registry = {"s": _source("s")}
    reference = pd.DataFrame([{"indicator_id": "x", "year": 2019, "ref_id": "EU28", "value": 104.7123}])
    meta = {"id": "x", "source_id": "s", "caveat": "EU28 = {EU28} ({year})."}
    assert indicator_caveat(meta, registry, reference) == "EU28 = 104.71 (2019)."
    experimental = {"s": replace(registry["s"], experimental=True)}
    assert indicator_caveat({**meta, "caveat": ""}, experimental, reference) == (
        "Experimental indicator: its publisher (S) calls these data experimental.")
