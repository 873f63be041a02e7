"""The project's YAML tables (indicators, sources, names, links), read with libyaml's C loader where PyYAML has it.

The pure-Python safe loader took about 2.5 s of a layer build and a second of every process start for the same
documents; the C loader gives the same Python values, safely (no arbitrary objects).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: str | Path) -> Any:
    """The document in `path` (UTF-8)."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader
