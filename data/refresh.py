"""Refresh the Eurostat tables behind the catalogue: ``python -m data.refresh``, the documented command, kept as a thin alias of ``data.pipeline.refresh``."""

import sys

from data.pipeline.refresh import main

if __name__ == "__main__":
    sys.exit(main())
