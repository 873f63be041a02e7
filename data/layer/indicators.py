"""Reviewed indicator metadata (``indicators.yaml``): the indicators as a table, their themes and the
classification hints of their units."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from data.layer.indicator_words import english_units, theme_translations
from data.layer.language import current_language
from data.yaml_files import load_yaml

INDICATORS_FILE = Path(__file__).resolve().parents[1] / "indicators.yaml"
REQUIRED = ("id", "label", "description", "unit", "theme", "source_id", "source_code")
DEFAULTS = {"scale": 1, "additive": False, "derivation": "", "column": None, "table": None,
            "year": None, "filter": None, "range": [None, None], "higher_is_better": None, "derive": None,
            "caveat": ""}


class MetadataError(ValueError):
    """The indicator metadata file is incomplete or inconsistent."""


@lru_cache(maxsize=4)
def _document(path: Path) -> dict:
    return load_yaml(path)


def theme_labels(path: Path = INDICATORS_FILE) -> dict[str, str]:
    """Theme id -> label in the current language, in picker order (the file's ``themes`` mapping, translated in
    ``theme_translations``; English where a translation is missing)."""
    translated = theme_translations(current_language(), Path(path))
    return {theme: translated.get(theme, label) for theme, label in (_document(Path(path)).get("themes") or {}).items()}


def classification_hints(unit: str, path: Path = INDICATORS_FILE) -> dict:
    """How maps class values in `unit` (``diverging_mid``, ``categorical``); empty when the file says nothing.
    The file names English units; a unit in another shipped language is read as its English unit."""
    unit = english_units(Path(path)).get(str(unit), str(unit))
    for prefix, hints in _document(Path(path)).get("classification", {}).items():
        if str(unit).startswith(prefix):
            return dict(hints)
    return {}


def load_indicator_meta(path: Path = INDICATORS_FILE) -> pd.DataFrame:
    """Parse and check the metadata file; one row per indicator."""
    document = _document(Path(path))
    entries, themes = document["indicators"], tuple(document.get("themes") or ())
    problems = [] if themes else ["no `themes` mapping (theme id: label)"]
    for n, entry in enumerate(entries):
        missing = [k for k in REQUIRED if not entry.get(k)]
        if missing:
            problems.append(f"entry {n} ({entry.get('id', '?')}): missing {', '.join(missing)}")
        if entry.get("theme") not in themes:
            problems.append(f"{entry.get('id')}: theme {entry.get('theme')!r} not in {themes}")
    frame = pd.DataFrame([{**DEFAULTS, **e} for e in entries])
    dupes = frame.id[frame.id.duplicated()].tolist()
    if dupes:
        problems.append(f"duplicate ids: {dupes}")
    if problems:
        raise MetadataError("Invalid indicator metadata in " + str(path) + ":\n  " + "\n  ".join(problems))
    frame["range_min"] = frame["range"].map(lambda r: r[0])
    frame["range_max"] = frame["range"].map(lambda r: r[1])
    return frame
