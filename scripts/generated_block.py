"""A block of a document written from the code, between two HTML comments (the import graph in
docs/architecture.md, the settings table in docs/production.md): found, compared and rewritten the same way, so a
unit test can tell when the document has drifted from the code."""

from __future__ import annotations

import re
from pathlib import Path


def current_block(text: str, start: str, end: str) -> str | None:
    """The block as the document has it now, markers included, or None when the document has none."""
    match = re.search(re.escape(start) + r".*?" + re.escape(end), text, flags=re.S)
    return match.group(0) if match else None


def write_block(doc: Path, block: str, start: str, end: str) -> int:
    """Put `block` (markers included) in place of the document's block, or at its end; says whether it changed."""
    text = doc.read_text(encoding="utf-8")
    old = current_block(text, start, end)
    doc.write_text(text.replace(old, block) if old else text + "\n" + block + "\n", encoding="utf-8")
    print(f"{doc.relative_to(doc.parents[1])}: {'unchanged' if old == block else 'written'}")
    return 0
