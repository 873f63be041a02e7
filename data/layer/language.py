"""Which languages the atlas ships and which one the current request reads in.

The language is request state, not global state: ``use_language`` sets it for one request or one render (a
``ContextVar``, so every gunicorn thread has its own). It lives with the run-time layer because the layer's
indicator metadata is read in it too; the words of the interface and documents are in ``domain/i18n.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

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

_current: ContextVar[str] = ContextVar("atlas_language", default=DEFAULT_LANGUAGE)


def normalise_language(raw: object) -> str | None:
    """A shipped language code for ``raw`` ('pl', 'PL', 'pl-PL', 'pl_PL'), or None when it names none."""
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


