"""The reader's language: which languages the atlas ships, which one a request reads in, and its words.

Words come from gettext catalogues made with Babel (``locales/<lang>/LC_MESSAGES/<domain>.po``, extracted by
``make messages`` and compiled to ``.mo`` by ``make build``). Two catalogue domains keep the interface's words
(``interface``: components, pages, web, api) apart from the documents' (``documents``: domain, figures, exports,
downloads), so each can be reviewed on its own; a language's translations merge both.

The language is request state, not global state: ``use_language`` sets it for one request or one render
(a ``ContextVar``, so every gunicorn thread has its own), and ``gettext`` reads it. Module-level strings are
marked with ``N_`` and translated where they are shown.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from data.layer.language import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    current_language,
    negotiate_language,
    normalise_language,
    use_language,
)

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "N_", "babel_locale", "current_language", "gettext", "negotiate_language",
           "ngettext", "normalise_language", "pgettext", "translations", "use_language"]

LOCALES_DIR = Path(__file__).resolve().parents[1] / "locales"
CATALOGUE_DOMAINS = ("interface", "documents")
log = logging.getLogger(__name__)


def _catalogue(language: str, domain: str) -> Translations | None:
    folder = LOCALES_DIR / language / "LC_MESSAGES"
    po, mo = folder / f"{domain}.po", folder / f"{domain}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return Translations(handle, domain=domain)
    if not po.exists():
        return None
    log.info("compiling %s in memory (run `make build` to compile the catalogues)", po)
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=domain)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=domain)


@lru_cache(maxsize=len(LANGUAGES))
def translations(language: str) -> NullTranslations:
    """Both catalogues of one language merged (read once per process; English has none: msgids are English)."""
    merged: NullTranslations = NullTranslations()
    if language == DEFAULT_LANGUAGE:
        return merged
    for domain in CATALOGUE_DOMAINS:
        catalogue = _catalogue(language, domain)
        if catalogue is None:
            continue
        if isinstance(merged, Translations):
            merged.merge(catalogue)
        else:
            merged = catalogue
    return merged


def gettext(message: str) -> str:
    """``message`` in the current language ('' stays '')."""
    return translations(current_language()).ugettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n`` by the current language's CLDR plural rule."""
    return translations(current_language()).ungettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, told apart from the same English word in another ``context``."""
    return translations(current_language()).upgettext(context, message)


def N_(message: str) -> str:
    """Marks a module-level string for extraction; translate it with ``gettext`` where it is shown."""
    return message


_ = gettext


def babel_locale(language: str | None = None) -> Locale:
    """The Babel locale of a language (numbers, dates, plurals, territory names)."""
    code = normalise_language(language) or current_language()
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)
