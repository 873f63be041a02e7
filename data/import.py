"""Add a list to the built layer for all users: ``python -m data.import``, the documented command, kept as a thin alias of ``data.importing.cli``."""

import sys

from data.importing.cli import main

if __name__ == "__main__":
    sys.exit(main())
