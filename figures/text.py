"""Text inside figures: Plotly renders a subset of HTML in every string it draws (titles, annotations, legend names,
axis titles, tick labels, hover text) and expands ``%{…}`` in hover and text templates, so text from data or
users goes through ``plain_text`` before it reaches any of them; long lines are wrapped with ``<br>``."""

from __future__ import annotations

MAX_FIGURE_TEXT = 2000


def plain_text(text: object, max_chars: int = MAX_FIGURE_TEXT) -> str:
    """`text` as Plotly shows it literally: markup as text (``& < >`` as entities), a template placeholder
    ``%{…}`` as typed (its ``%`` as ``&#37;``, which Plotly draws as ``%`` after filling the template), and at most
    `max_chars` characters. The one way user or data text enters a figure string: an imported unit
    ``<a href=…>`` drew a live link in a hover, and ``%{x}`` in it would have been filled in."""
    shown = str(text)
    if len(shown) > max_chars:
        shown = shown[:max_chars - 1] + "…"
    return shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("%{", "&#37;{")


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
