"""Text inside figures: Plotly renders a subset of HTML in annotations and hover text, so text from data or users
is escaped, and long lines are wrapped with ``<br>``."""

from __future__ import annotations


def plain_text(text: str) -> str:
    """Plotly renders a subset of HTML in annotations: text from data or users is shown as text, never markup."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def wrap(text: str, width: int) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)
