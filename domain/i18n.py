"""The reader's language: which languages the atlas ships, which one a request reads in, and its words.

Words come from gettext catalogues made with Babel (``locales/<lang>/LC_MESSAGES/<domain>.po``, extracted by
``make messages`` and compiled to ``.mo`` by ``make build``). Two catalogue domains keep the interface's words
(``interface``: components, pages, web, api, the import engine) apart from the documents' (``documents``: domain,
figures, kinds, exports, downloads), so each can be reviewed on its own; a language's translations merge both.

The catalogue lookup itself lives in ``data/layer/language.py`` (the import engine in ``data/importing`` writes its
messages in the reader's language and may not import ``domain``); this module re-exports it with the locale helpers.
The language is request state, not global state: ``use_language`` sets it for one request or one render
(a ``ContextVar``, so every gunicorn thread has its own), and ``gettext`` reads it. Module-level strings are
marked with ``N_`` and translated where they are shown.
"""

from __future__ import annotations

from babel import Locale, UnknownLocaleError

from data.layer.language import (
    CATALOGUE_DOMAINS,
    DEFAULT_LANGUAGE,
    LANGUAGES,
    LOCALES_DIR,
    N_,
    _,
    current_language,
    gettext,
    negotiate_language,
    ngettext,
    normalise_language,
    pgettext,
    translations,
    use_language,
)

__all__ = ["CATALOGUE_DOMAINS", "DEFAULT_LANGUAGE", "LANGUAGES", "LOCALES_DIR", "N_", "_", "babel_locale",
           "current_language", "gettext", "negotiate_language", "ngettext", "normalise_language", "pgettext",
           "translations", "use_language"]


def babel_locale(language: str | None = None) -> Locale:
    """The Babel locale of a language (numbers, dates, plurals, territory names)."""
    code = normalise_language(language) or current_language()
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)
