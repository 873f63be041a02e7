"""The language of each request: ``?lang=``, else the page's language on its callbacks, else ``Accept-Language``.

A page's address carries its language (``?lang=de``: a shared link, the slide show and an embed open in it). Dash's
callbacks and its layout arrive as POSTs and GETs to ``/_dash-…`` without the page's query, so
``assets/05_language.js`` adds the document's language (``<html lang>``, set here per page) to every same-origin
request as ``X-Atlas-Lang``: everything a page asks for after it loaded reads in the language it opened in, also
after the page moved to another address without a ``lang`` (Dash's pages navigate in the browser). Without either,
the browser's ``Accept-Language`` picks the language, then English.

The language is set for the request's thread with ``use_language`` semantics (a ``ContextVar`` token set before
the request and reset when it ends), so gunicorn's threads never see each other's language.
"""

from __future__ import annotations

from flask import Flask, Response, g, request

from domain.i18n import current_language, negotiate_language, normalise_language
from domain.i18n import use_language as _use_language
from domain.view import LANGUAGE_PARAMETER

LANGUAGE_HEADER = "X-Atlas-Lang"


def request_language() -> str:
    """The shipped language the current request asks for (the URL's ``lang``, the page's header, the browser's)."""
    for asked in (request.args.get(LANGUAGE_PARAMETER), request.headers.get(LANGUAGE_HEADER)):
        code = normalise_language(asked)
        if code:
            return code
    return negotiate_language(request.headers.get("Accept-Language"))


def language_named_in_url() -> str | None:
    """The language the address itself names (``?lang=``), or None when it leaves the choice to the browser."""
    return normalise_language(request.args.get(LANGUAGE_PARAMETER))


def init_language(server: Flask) -> None:
    """Read every request in its language; register this before any hook that reads words or keys caches."""

    @server.before_request
    def enter_language() -> None:
        scope = _use_language(request_language())
        scope.__enter__()
        g.atlas_language_scope = scope

    @server.teardown_request
    def leave_language(_exc: BaseException | None) -> None:
        scope = g.pop("atlas_language_scope", None)
        if scope is not None:
            scope.__exit__(None, None, None)

    @server.after_request
    def vary_on_language(response: Response) -> Response:
        """Caches in front of the app keep one answer per language when the URL does not name it."""
        if LANGUAGE_PARAMETER not in request.args:
            response.vary.add("Accept-Language")
            response.vary.add(LANGUAGE_HEADER)
        response.headers.setdefault("Content-Language", current_language())
        return response
