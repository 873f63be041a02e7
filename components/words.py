"""Translated sentences with components inside them (a link, a bold word), never assembled from pieces.

A translator sees the whole sentence with its placeholders (``"licences on the %(link)s."``) and may move them;
``sentence`` cuts the translated text at each placeholder and puts the component there.
"""

from __future__ import annotations

import re

from babel.numbers import format_percent

from domain.formatting import number_pattern
from domain.i18n import DEFAULT_LANGUAGE, babel_locale, current_language, ngettext
from domain.view import LANGUAGE_PARAMETER

_PLACEHOLDER = re.compile(r"%\((\w{1,40})\)s")


def sentence(translated: str, **parts) -> list:
    """``translated`` (already through ``gettext``) as children: its text with each ``%(name)s`` replaced by
    ``parts[name]`` (a component or a string)."""
    pieces = _PLACEHOLDER.split(translated)
    children: list = []
    for index, piece in enumerate(pieces):
        if index % 2:
            children.append(parts[piece])
        elif piece:
            children.append(piece.replace("%%", "%"))
    return children


def decimal(value: float, digits: int) -> str:
    """`value` with `digits` decimals and grouped thousands in the reader's locale ("200 000" and "0,914" in
    Polish, "200,000" and "0.914" in English)."""
    return number_pattern(digits).apply(value, babel_locale())


def percent(share: float) -> str:
    """`share` (0.1) as a percentage in the reader's locale ("10 %" in French, "10%" in English)."""
    return format_percent(share, locale=babel_locale())


def storyboard_button_label(count: int) -> str:
    """The navbar's storyboard button: its name and how many views the board holds."""
    return ngettext("Storyboard (%(count)d)", "Storyboard (%(count)d)", count) % {"count": count}


def language_query() -> str:
    """``?lang=…`` for an address the page writes itself (a form's action): the page's language, none for English."""
    language = current_language()
    return "" if language == DEFAULT_LANGUAGE else f"?{LANGUAGE_PARAMETER}={language}"
