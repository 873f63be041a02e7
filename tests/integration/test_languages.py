"""The interface in the request's language on the real app (real layer): the page shell, the chrome, every page's
layout, the addresses the app writes, the caches and the API's ``lang``.

Each page's layout is called as Dash calls it (inside ``use_language``, what ``web/language.py`` sets for a request)
and read for words of its language; English must stay as it was (tests/integration/test_pages.py)."""

from __future__ import annotations

import json
import re

import dash
import pytest

from data.layer import get_layer
from domain.i18n import use_language
from domain.view import resolve_view, view_query

# Words each page must show in each language (the interface catalogue's translations of its headings and controls).
PAGE_WORDS = {
    "de": {"/technology": ["Nutzung fortgeschrittener Technologien", "Indikator", "Ebene", "Region suchen",
                           "Herunterladen", "Präsentieren"],
           "/import": ["Eigene Liste importieren", "Prüfen und verorten", "Postleitzahl"],
           "/clusters": ["Wo Europas industrielle", "Standortquotient"],
           "/strategies": ["Prioritätsbereich", "Evidenzwert"],
           "/sources": ["Quellen und Lizenzen"],
           "/accessibility": ["Erklärung zur Barrierefreiheit", "teilweise vereinbar"]},
    "pl": {"/technology": ["Wykorzystanie zaawansowanych technologii", "Wskaźnik", "Poziom", "Znajdź region",
                           "Pobierz", "Prezentuj"],
           "/import": ["Zaimportuj własną listę", "Sprawdź i zlokalizuj", "Kod pocztowy"],
           "/": ["Od czego zacząć"]},
    "fr": {"/technology": ["Indicateur", "Niveau", "Trouver une région", "Télécharger", "Présenter"]},
    "es": {"/technology": ["Indicador", "Nivel", "Buscar una región", "Descargar", "Presentar"]},
    "it": {"/technology": ["Indicatore", "Livello", "Cerca una regione", "Scarica", "Presenta"]},
}
ENGLISH_WORDS = re.compile(r"\b(Indicator|Level|Download|Present|Find a region|Copy link|Add to storyboard|"
                           r"Show map controls|Check and locate|Where to go)\b")


WORDY_PROPS = ("children", "label", "placeholder", "title", "aria-label", "headerName", "data-announce")


def words_of(node) -> list[str]:
    """What a reader sees or hears of a layout: its texts, labels, placeholders and titles (not ids or types)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, (list, tuple)):
        return [w for item in node for w in words_of(item)]
    if isinstance(node, dict):
        return [w for key, value in node.items() for w in words_of(value)
                if key in WORDY_PROPS or key in ("options", "columnDefs", "props") or isinstance(value, (list, dict))
                and key not in ("id", "style", "figure", "data", "rowData")]
    if hasattr(node, "to_plotly_json"):
        return words_of(node.to_plotly_json())
    return []


def layout_text(path: str, **query) -> str:
    page = next(p for p in dash.page_registry.values() if p["path"] == path)
    return " | ".join(words_of(page["layout"](**query)))


@pytest.mark.parametrize(("language", "path"), [(lang, path) for lang, pages in PAGE_WORDS.items() for path in pages])
def test_every_page_reads_in_the_language_asked(client, language, path):
    with use_language(language):
        text = layout_text(path, lang=language)
    missing = [word for word in PAGE_WORDS[language][path] if word not in text]
    assert not missing, f"{language} {path}: missing {missing}"
    assert not ENGLISH_WORDS.findall(text), f"{language} {path}: English words {set(ENGLISH_WORDS.findall(text))}"
    assert "Unknown parameters" not in text, "lang is part of the view's address, not an unknown parameter"


def answer_text(response) -> str:
    """A Dash answer's JSON with its text as text (the server may escape non-ASCII letters: ``web/serialisation.py``)."""
    return json.dumps(json.loads(response.get_data(as_text=True)), ensure_ascii=False, separators=(",", ":"))


def test_accept_language_picks_the_shell_and_chrome_language(client):
    page = client.get("/technology", headers={"Accept-Language": "pl-PL,pl;q=0.9,en;q=0.8"})
    assert page.status_code == 200 and '<html lang="pl" ' in page.get_data(as_text=True)
    assert "Następny slajd" in page.get_data(as_text=True), "the scripts' words are in the shell"
    assert "Accept-Language" in page.headers.get("Vary", "")
    chrome = answer_text(client.get("/_dash-layout", headers={"Accept-Language": "pl"}))
    assert "Przegląd" in chrome and "Przejdź do treści głównej" in chrome and "Scenariusz (0)" in chrome
    english = client.get("/_dash-layout").get_data(as_text=True)
    assert "Overview" in english and "Skip to main content" in english and "Storyboard (0)" in english


def test_a_shared_link_with_lang_de_opens_in_german_whatever_the_browser_says(client):
    page = client.get("/technology?indicator=desi_ai&level=0&lang=de", headers={"Accept-Language": "fr"})
    assert '<html lang="de" ' in page.get_data(as_text=True)
    chrome = answer_text(client.get("/_dash-layout", headers={"Accept-Language": "fr", "X-Atlas-Lang": "de"}))
    assert "Übersicht" in chrome
    assert '"data-current":"de"' in chrome.replace(" ", "")


def test_cached_page_shells_are_kept_per_language(client):
    """The response cache keeps page shells: the second language must not get the first one's."""
    path = "/clusters?region=DE21"
    first = client.get(path, headers={"Accept-Language": "it"}).get_data(as_text=True)
    second = client.get(path, headers={"Accept-Language": "es"}).get_data(as_text=True)
    again = client.get(path, headers={"Accept-Language": "it"})
    assert '<html lang="it" ' in first and '<html lang="es" ' in second
    assert '<html lang="it" ' in again.get_data(as_text=True)


def test_the_views_address_keeps_its_language():
    layer = get_layer()
    state, notices = resolve_view("?indicator=desi_ai&level=0&lang=pl", layer)
    assert not notices
    with use_language("pl"):
        assert "lang=pl" in view_query(state)
    assert "lang" not in view_query(state), "English addresses stay as they were"


def test_the_api_takes_lang_and_refuses_an_unknown_one(client):
    assert client.get("/api/indicators?lang=pl").status_code == 200
    refused = client.get("/api/indicators?lang=xx")
    assert refused.status_code == 400 and "lang" in refused.get_json()["error"]
    assert client.get("/download/technology.csv?indicator=desi_ai&level=0&lang=de").status_code == 200


def test_the_embed_page_is_in_the_links_language(client):
    page = client.get("/embed/technology?indicator=desi_ai&level=0&lang=it").get_data(as_text=True)
    assert '<html lang="it" data-atlas-words=' in page and "Apri in Cluster Atlas ↗" in page
    assert "Diapositiva successiva" in page
