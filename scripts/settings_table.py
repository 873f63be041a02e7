"""Write the table of every setting, generated from the settings object (data/settings.py), into docs/production.md.

`make settings-table` runs it; a unit test fails when the table in the docs is not the one the object gives, so a
setting cannot be added, renamed or given another default without the docs saying so.
"""

from __future__ import annotations

import sys
from pathlib import Path

import generated_block

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from data.settings import setting_rows  # noqa: E402

DOC = ROOT / "docs" / "production.md"
START, END = "<!-- settings-table:start -->", "<!-- settings-table:end -->"


def table() -> str:
    lines = ["| variable | type | default | what it does / defends against |", "| --- | --- | --- | --- |"]
    for row in setting_rows():
        cells = (f"`{row.variable}`", row.type, row.default, row.description)
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines)


def block() -> str:
    return f"{START}\n{table()}\n{END}"


def current_block(text: str) -> str | None:
    return generated_block.current_block(text, START, END)


def main() -> int:
    return generated_block.write_block(DOC, block(), START, END)


if __name__ == "__main__":
    raise SystemExit(main())
