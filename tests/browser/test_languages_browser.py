"""The interface in other languages in a real browser (headless Chromium, real layer).

In French and Polish: a map page, its slide show and the import page show none of the English interface words a user
would meet first; what a callback writes after the page loaded (the region profile) is in the page's language too,
which only works when the page's language reaches its callbacks (``X-Atlas-Lang``, assets/05_language.js). A
shared link with ``lang=de`` opens in German and stays German when the user moves to another page; the switcher
reloads the same view in the chosen language."""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.support.ui import Select

from tests.browser.waiting import wait_until

pytestmark = pytest.mark.browser

VIEW = "/technology?indicator=emp_hightech_medhightech_manuf&level=2&year=2018&region=DE21"
# English interface words (labels, buttons, headings, slide-show controls) that no translated page may show. Words
# that are the same in a language ("Palette", "Classes" in French, "Import" in German) are not listed.
ENGLISH = ("Indicator", "Level", "Year", "Download", "Present", "Find a region", "Copy link", "Add to storyboard",
           "Show map controls", "Region profile", "Add to compare", "Region brief", "Same classes for every year",
           "Check and locate", "Import your own list", "Header row", "Keep this layer in my browser",
           "Lists kept in this browser", "Who published the list", "Postcode", "Town or city", "Previous slide",
           "Next slide", "Leave presentation", "Slide show", "Loading slide", "Skip to main content")
ENGLISH_WORD = re.compile(r"\b(" + "|".join(re.escape(w) for w in ENGLISH) + r")\b")
# What the region profile (written by a callback) says on its brief link, and the slide show's "next" button.
BRIEF = {"fr": "Fiche régionale", "de": "Regionssteckbrief", "es": "Ficha regional", "it": "Scheda regionale",
         "pl": "Karta regionu"}
NEXT = {"fr": "Diapositive suivante (→)", "de": "Nächste Folie (→)", "es": "Diapositiva siguiente (→)",
        "it": "Diapositiva successiva (→)", "pl": "Następny slajd (→)"}
IMPORT_HEADING = {"fr": "Importer votre propre liste", "de": "Eigene Liste importieren",
                  "es": "Importar su propia lista", "it": "Importa la tua lista", "pl": "Zaimportuj własną listę"}


def english_in(driver, selector: str = "body") -> set[str]:
    """English interface words in what the element shows, and in the names and titles of its controls."""
    said = driver.execute_script(
        "var root = document.querySelector(arguments[0]); if (!root) { return ''; }"
        "var names = Array.from(root.querySelectorAll('[aria-label],[title],[placeholder]')).map(function (e) {"
        "  return [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('placeholder')].join(' '); });"
        "return root.innerText + ' ' + names.join(' ');", selector)
    return set(ENGLISH_WORD.findall(said))


# Two languages walk the pages in the browser: Polish (letters outside Latin-1, three plural forms) and French (a
# space before "%"). That every message of every language is translated, and that every page's layout reads in each
# language, is checked without a browser (tests/unit/test_catalogues.py, tests/integration/test_languages.py);
# German is walked below by the shared link. A browser walk per language cost 15-19 s of the suite each.
@pytest.mark.parametrize("language", ["fr", "pl"])
def test_map_page_slide_show_and_import_page_speak_the_language(dash_duo, layer, language):
    from app import app

    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + VIEW + f"&lang={language}")
    wait_until(lambda: BRIEF[language] in dash_duo.find_element("#atlas-main").text, 120,
               f"the region profile (a callback's answer) in {language}")
    assert driver.execute_script("return document.documentElement.lang;") == language
    assert not english_in(driver), f"{language} map page: {english_in(driver)}"
    assert f"lang={language}" in driver.current_url, "the address keeps its language after the view syncs it"

    driver.get(dash_duo.server_url + VIEW + f"&lang={language}&present=1")
    wait_until(lambda: driver.find_elements("css selector", "#atlas-show .atlas-show-next"), 30, "the slide show")
    wait_until(lambda: driver.execute_script(
        "var m = document.querySelector('.atlas-show-map'); return !!m && m.hasAttribute('data-drawn');"), 45,
        "the slide's map")
    assert dash_duo.find_element("#atlas-show .atlas-show-next").get_attribute("aria-label") == NEXT[language]
    assert not english_in(driver, "#atlas-show"), f"{language} slide show: {english_in(driver, '#atlas-show')}"

    driver.get(dash_duo.server_url + f"/import?lang={language}")
    wait_until(lambda: IMPORT_HEADING[language] in dash_duo.find_element("#atlas-main").text, 30, "the import page")
    assert not english_in(driver), f"{language} import page: {english_in(driver)}"
    assert dash_duo.get_logs() == []


def test_a_shared_german_link_stays_german_across_pages_and_the_switcher_keeps_the_view(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + VIEW + "&lang=de")
    wait_until(lambda: "Regionssteckbrief" in dash_duo.find_element("#atlas-main").text, 120, "the German profile")
    dash_duo.find_element("#nav-sources").click()  # Dash's router: a new page without a reload
    wait_until(lambda: "Quellen und Lizenzen" in dash_duo.find_element("#atlas-main").text, 30,
               "the Sources page, rendered by a callback, in German")
    assert "lang=de" in driver.current_url and "/sources" in driver.current_url

    driver.get(dash_duo.server_url + VIEW + "&lang=de")
    wait_until(lambda: "Regionssteckbrief" in dash_duo.find_element("#atlas-main").text, 120, "the German profile")
    switcher = Select(dash_duo.find_element("#atlas-language"))
    assert switcher.first_selected_option.get_attribute("value") == "de"
    assert dash_duo.find_element("label[for='atlas-language']").get_attribute("textContent") == "Sprache"
    driver.execute_script("document.getElementById('nav-collapse').classList.add('show');")
    switcher.select_by_value("pl")
    wait_until(lambda: driver.execute_script("return document.documentElement.lang;") == "pl", 30, "the Polish page")
    wait_until(lambda: "Karta regionu" in dash_duo.find_element("#atlas-main").text, 120, "the Polish profile")
    assert "lang=pl" in driver.current_url and "region=DE21" in driver.current_url and "year=2018" in driver.current_url
