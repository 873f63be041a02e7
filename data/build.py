"""Build the processed data layer: ``python -m data.build``, the documented command, kept as a thin alias of ``data.pipeline.build``."""

import sys

from data.pipeline.build import main

if __name__ == "__main__":
    sys.exit(main())
