"""Which language a request reads in (web/language.py): ``?lang=`` first, then the page's ``X-Atlas-Lang`` header
(Dash callbacks carry no query), then ``Accept-Language``, then English; per request and per thread, reset after.

A bare Flask app with only the language hooks: the answer is what ``gettext`` and ``current_language`` see inside
the request, so these tests need no data layer."""

from __future__ import annotations

import threading

from flask import Flask

from domain.i18n import current_language, gettext
from web.language import LANGUAGE_HEADER, init_language


def make_app() -> Flask:
    app = Flask(__name__)
    init_language(app)
    barrier = threading.Barrier(2, timeout=10)

    @app.get("/said")
    def said():
        return {"language": current_language(), "word": gettext("Find a region")}

    @app.get("/together")
    def together():
        barrier.wait()  # both threads are inside their requests at once
        return {"language": current_language()}

    return app


def ask(client, path="/said", **headers) -> dict:
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    return {**response.get_json(), "vary": response.headers.get("Vary", ""),
            "content_language": response.headers.get("Content-Language")}


def test_accept_language_picks_polish_when_the_url_does_not_say():
    answer = ask(make_app().test_client(), **{"Accept-Language": "pl-PL,pl;q=0.9,en;q=0.5"})
    assert answer["language"] == "pl" and answer["word"] == "Znajdź region"
    assert "Accept-Language" in answer["vary"] and answer["content_language"] == "pl"


def test_the_url_wins_over_the_header_and_the_browser():
    client = make_app().test_client()
    answer = ask(client, "/said?lang=de", **{"Accept-Language": "pl", LANGUAGE_HEADER: "fr"})
    assert answer["language"] == "de" and answer["word"] == "Region suchen"
    assert "Accept-Language" not in answer["vary"]  # the address alone decides


def test_a_callback_reads_the_pages_language_from_its_header():
    answer = ask(make_app().test_client(), **{"Accept-Language": "pl", LANGUAGE_HEADER: "es"})
    assert answer["language"] == "es" and answer["word"] == "Buscar una región"


def test_english_without_a_wish_and_for_unknown_or_hostile_values():
    client = make_app().test_client()
    assert ask(client)["word"] == "Find a region"
    assert ask(client, "/said?lang=xx", **{"Accept-Language": "ja, zh;q=0.8"})["language"] == "en"
    assert ask(client, "/said?lang=" + "de" * 5000)["language"] == "en"
    assert ask(client, **{LANGUAGE_HEADER: "<script>", "Accept-Language": "*;q=abc, it;q=0.4"})["language"] == "it"


def test_the_language_ends_with_the_request():
    client = make_app().test_client()
    ask(client, "/said?lang=pl")
    assert current_language() == "en"


def test_two_threads_at_once_each_keep_their_own_language():
    app = make_app()
    seen: dict[str, str] = {}

    def run(code: str) -> None:
        seen[code] = app.test_client().get(f"/together?lang={code}").get_json()["language"]

    threads = [threading.Thread(target=run, args=(code,)) for code in ("fr", "pl")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(15)
    assert seen == {"fr": "fr", "pl": "pl"}
