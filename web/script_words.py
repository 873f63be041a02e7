"""The words the page's scripts write (``assets/*.js``: the slide show, the upload limit, accessible names), in the
page's language.

The scripts ask ``window.atlasWord("English text", {values})`` (``assets/05_language.js``); the table of their
words in the request's language travels in the page, on its ``<html data-atlas-words>``, so no script holds a
dictionary, the scripts need no request of their own, and the words are there before any script runs. Every string a script passes to ``atlasWord`` is listed here (a unit test
reads the scripts and checks it), marked with ``N_`` for extraction.
"""

from __future__ import annotations

import json
from html import escape

from domain.i18n import N_, current_language, gettext

SCRIPT_WORDS: tuple[str, ...] = (
    N_("Slide show"),
    N_("Previous slide (←)"),
    N_("Next slide (→)"),
    N_("Leave presentation (Esc)"),
    N_("Legend"),
    N_("All figures: %(source)s, %(year)s"),
    N_("View %(number)s"),
    N_("Slide %(number)s of %(total)s: %(title)s"),
    N_("Loading slide…"),
    N_("This view cannot be shown"),
    N_("The server answered %(status)s."),
    N_("Could not load this slide: %(reason)s"),
    N_("Year"),
    N_("country"),
    N_("Link copied"),
    N_("Preparing the file from your imported list…"),
    N_("Cluster Atlas map"),
    N_("Added as view %(number)s of the storyboard"),
    N_("Choose a value"),
    N_("Choose a file to upload"),
    N_("Click a region for its figures."),
    N_("no data"),
    N_("no data in %(year)s"),
    N_("Map: %(title)s. The legend gives the classes."),
    N_("“%(name)s” is %(size)s MB; the limit is %(limit)s MB. Split the file, or ask your deployment to load it "
       "with python -m data.import."),
)


def script_words_json() -> str:
    """The scripts' words in the request's language (English text → its translation), as JSON."""
    return json.dumps({text: gettext(text) for text in SCRIPT_WORDS}, ensure_ascii=False, separators=(",", ":"))


def html_language_attributes() -> str:
    """The opening ``<html>`` tag of a page in the request's language, carrying the scripts' words."""
    return f'<html lang="{current_language()}" data-atlas-words="{escape(script_words_json(), quote=True)}">'
