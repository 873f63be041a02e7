"""Where the processed layer lives (``$ATLAS_LAYER_DIR`` or ``data/processed``)."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
LAYER_DIR_ENV = "ATLAS_LAYER_DIR"


def default_layer_dir() -> Path:
    return Path(os.environ.get(LAYER_DIR_ENV) or DATA_DIR / "processed")
