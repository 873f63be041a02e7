"""Which languages the atlas ships and which one the current request reads in.

The language is request state, not global state: ``use_language`` sets it for one request or one render (a
``ContextVar``, so every gunicorn thread has its own). It lives with the run-time layer because the layer's
indicator metadata is read in it too, and so are the gettext catalogues (``locales/<lang>/LC_MESSAGES``): the import
engine (``data/importing``) writes its messages in the reader's language and may not import ``domain``.
``domain/i18n.py`` re-exports the lookup with the locale helpers (numbers, territory names).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

DEFAULT_LANGUAGE = "en"
# code -> the language's own name (what the switcher shows); English first, the source language of every msgid.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "fr": "Français",
    "de": "Deutsch",
    "es": "Español",
    "it": "Italiano",
    "pl": "Polski",
}

log = logging.getLogger(__name__)
_current: ContextVar[str] = ContextVar("atlas_language", default=DEFAULT_LANGUAGE)


def normalise_language(raw: object) -> str | None:
    """A shipped language code for ``raw`` ('pl', 'PL', 'pl-PL', 'pl_PL'), or None when it names none."""
    if isinstance(raw, str) and raw in LANGUAGES:  # already a code: every formatted number asks
        return raw
    text = str(raw or "").strip().replace("_", "-").lower()[:16]
    code = text.split("-", 1)[0]
    return code if code in LANGUAGES else None


def negotiate_language(accept_language: str | None) -> str:
    """The shipped language an ``Accept-Language`` header prefers most (English when it names none)."""
    wanted: list[tuple[float, int, str]] = []
    for index, part in enumerate(str(accept_language or "")[:512].split(",")[:32]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:7])
            except ValueError:
                continue
        code = normalise_language(tag)
        if code and quality > 0:
            wanted.append((-quality, index, code))
    return min(wanted)[2] if wanted else DEFAULT_LANGUAGE


def current_language() -> str:
    return _current.get()


@contextmanager
def use_language(language: str | None) -> Iterator[str]:
    """Read every word inside the block in ``language`` (unknown or None: English)."""
    code = normalise_language(language) or DEFAULT_LANGUAGE
    token = _current.set(code)
    try:
        yield code
    finally:
        _current.reset(token)


LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"
CATALOGUE_DOMAINS = ("interface", "documents")


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


def number_text(value: float, digits: int = 0) -> str:
    """A number written the current language's way ("200,000", "200 000", "1,5") for messages made below ``domain``
    (the import engine's); the interface's numbers go through ``components.words.decimal``."""
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(round(value, digits) if digits > 0 else int(round(value)), format=pattern,
                          locale=current_language())
