"""An embed inside another site's page (another origin on loopback): drawn, hovers named, years played by the
slider without a reload, a clicked region's figures shown, the link back to the atlas."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from components.ids import MEETING, css

pytestmark = pytest.mark.browser
VIEW = "/embed/technology?indicator=emp_hightech_medhightech_manuf&level=2&year=2015&region=PL21"


@pytest.fixture
def host_page(tmp_path):
    """A report page on another origin (its own loopback port) that frames the embed."""
    servers = []

    def serve(iframe_html: str) -> str:
        (tmp_path / "index.html").write_text(
            "<!doctype html><html lang='en'><head><title>Regional report</title></head><body>"
            f"<h1>Regional report</h1>{iframe_html}</body></html>", encoding="utf-8")
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/index.html"

    yield serve
    for server in servers:
        server.shutdown()


def wait_drawn(dash_duo, marker: str) -> None:
    dash_duo.wait_for_element("#atlas-embed[data-drawn]", timeout=30)
    dash_duo._wait_for(lambda driver: marker in (driver.find_element(By.ID, "atlas-embed").get_attribute("data-drawn")
                                                 or ""), timeout=30, msg=f"embed never drew {marker}")


def test_embed_works_inside_another_sites_page(dash_duo, layer, host_page):
    from app import app

    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + VIEW.replace("/embed", ""))
    dash_duo.wait_for_element(css("technology", "embed", MEETING), timeout=30).click()
    dash_duo._wait_for(lambda d: d.find_element(By.CSS_SELECTOR, css("technology", "embed-code", MEETING))
                       .get_attribute("value").startswith("<iframe"), timeout=15, msg="no embed code")
    code = driver.find_element(By.CSS_SELECTOR, css("technology", "embed-code", MEETING)).get_attribute("value")
    assert f'src="{dash_duo.server_url}{VIEW.replace("&", "&amp;")}"' in code and 'height="640"' in code, code
    driver.get(host_page(code))
    driver.switch_to.frame(driver.find_element(By.TAG_NAME, "iframe"))
    wait_drawn(dash_duo, "year=2015")
    assert "NUTS 2 · 2015" in driver.find_element(By.CLASS_NAME, "atlas-embed-title").text
    assert len(driver.find_elements(By.CSS_SELECTOR, "#atlas-embed-map path.choroplethlocation")) > 200
    legend = driver.find_element(By.ID, "atlas-embed-legend").text
    assert "No data" in legend and "Legend (% of total employment)" in legend
    assert "Małopolskie (PL21)" in driver.find_element(By.ID, "atlas-embed-region").text
    assert "Source:" in driver.find_element(By.CLASS_NAME, "atlas-embed-source").text
    hover = driver.execute_script("""
        const trace = document.getElementById('atlas-embed-map').data.find(t => t.locations.includes('PL21'));
        return trace.text[trace.locations.indexOf('PL21')];""")
    assert hover.startswith("Małopolskie (PL21): ") and "% of total employment (2015)" in hover

    driver.execute_script("window.stayedOnThePage = true;")
    slider = driver.find_element(By.ID, "atlas-embed-year")
    slider.send_keys(Keys.ARROW_LEFT)
    wait_drawn(dash_duo, "year=2014")
    assert "NUTS 2 · 2014" in driver.find_element(By.CLASS_NAME, "atlas-embed-title").text
    driver.execute_script("document.getElementById('atlas-embed-map').emit('plotly_click', "
                          "{points: [{location: 'DE21'}]});")
    wait_drawn(dash_duo, "region=DE21")
    assert "Oberbayern (DE21)" in driver.find_element(By.ID, "atlas-embed-region").text
    assert driver.execute_script("return window.stayedOnThePage === true;"), "no reload while playing the embed"
    link = driver.find_element(By.ID, "atlas-embed-open").get_attribute("href")
    assert "/technology?" in link and "year=2014" in link and "region=DE21" in link
