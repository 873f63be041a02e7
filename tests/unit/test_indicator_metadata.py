"""Theme labels and classification hints come from data/indicators.yaml, the one list the picker reads."""

from __future__ import annotations

from data.layer.indicators import classification_hints, load_indicator_meta, theme_labels


def test_every_indicator_theme_has_a_label_in_the_metadata_file():
    labels = theme_labels()
    assert set(load_indicator_meta().theme) <= set(labels) and "imported" in labels
    assert all(isinstance(label, str) and label for label in labels.values())


def test_every_classification_hint_is_one_classify_understands():
    """A misspelt or mistyped hint in the YAML would be ignored without a word: every unit's hints must be
    keywords of `classify`, breaks increasing numbers, a diverging centre a number."""
    import inspect

    from domain.classify import classify

    accepted = set(inspect.signature(classify).parameters)
    hints = [classification_hints(unit) for unit in set(load_indicator_meta().unit)]
    assert any(hints), "some units carry hints (location quotients, stars)"
    for hint in hints:
        assert set(hint) <= accepted, hint
        assert isinstance(hint.get("diverging_mid", 0.0), float)
        breaks = list(hint.get("breaks", []))
        assert breaks == sorted(breaks) and all(isinstance(b, float) for b in breaks)
    assert classification_hints("% enterprises") == {}, "a unit without hints gets none"
