"""Reviewed indicator metadata (``indicators.yaml``) as a table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

INDICATORS_FILE = Path(__file__).resolve().parent / "indicators.yaml"
REQUIRED = ("id", "label", "description", "unit", "theme", "source_id", "source_code")
THEMES = ("technology", "industry", "innovation", "digital_skills", "connectivity",
          "public_services", "economy", "specialisation", "imported")
DEFAULTS = {"scale": 1, "additive": False, "derivation": "", "column": None, "table": None,
            "year": None, "filter": None, "range": [None, None], "higher_is_better": None, "derive": None}


class MetadataError(ValueError):
    """The indicator metadata file is incomplete or inconsistent."""


def load_indicator_meta(path: Path = INDICATORS_FILE) -> pd.DataFrame:
    """Parse and check the metadata file; one row per indicator."""
    entries = yaml.safe_load(Path(path).read_text(encoding="utf-8"))["indicators"]
    problems = []
    for n, entry in enumerate(entries):
        missing = [k for k in REQUIRED if not entry.get(k)]
        if missing:
            problems.append(f"entry {n} ({entry.get('id', '?')}): missing {', '.join(missing)}")
        if entry.get("theme") not in THEMES:
            problems.append(f"{entry.get('id')}: theme {entry.get('theme')!r} not in {THEMES}")
    frame = pd.DataFrame([{**DEFAULTS, **e} for e in entries])
    dupes = frame.id[frame.id.duplicated()].tolist()
    if dupes:
        problems.append(f"duplicate ids: {dupes}")
    if problems:
        raise MetadataError("Invalid indicator metadata in " + str(path) + ":\n  " + "\n  ".join(problems))
    frame["range_min"] = frame["range"].map(lambda r: r[0])
    frame["range_max"] = frame["range"].map(lambda r: r[1])
    return frame
