"""Theme labels and classification hints come from data/indicators.yaml, the one list the picker reads."""

from __future__ import annotations

from data.indicators import classification_hints, load_indicator_meta, theme_labels


def test_every_indicator_theme_has_a_label_in_the_metadata_file():
    labels = theme_labels()
    assert set(load_indicator_meta().theme) <= set(labels) and "imported" in labels
    assert all(isinstance(label, str) and label for label in labels.values())


def test_units_carry_their_classification_hints():
    assert classification_hints("location quotient (EU27 = 1)") == {"diverging_mid": 1.0, "breaks": [0.8, 1.25, 2.0]}
    assert classification_hints("stars (0-3)") == {"categorical": True}
    assert classification_hints("% enterprises") == {}
