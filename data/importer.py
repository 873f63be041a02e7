"""The import engine's public entry points, kept under their historical module name (see ``data/importing/``)."""

from data.importing import *  # noqa: F403
from data.importing import __all__  # noqa: F401
