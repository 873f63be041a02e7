"""Take the README screenshots: ``python scripts/screenshots.py [--url http://127.0.0.1:8050]``.

Headless Chromium (Debian's chromium + chromium-driver) at desktop and phone
widths; prints any browser console error so a broken page is not photographed.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
VIEWS = [
    ("overview", "/", (1440, 900)),
    ("technology", "/technology?indicator=emp_hightech_medhightech_manuf&level=2&year=2018&region=PL21", (1440, 900)),
    ("technology-nuts3", "/technology?indicator=epo_patent_applications_per_million&level=3&year=2012&region=DE212", (1440, 900)),
    ("sources", "/sources", (1440, 900)),
    ("clusters", "/clusters?region=DE11", (1440, 900)),
    ("strategies", "/strategies?domain=advanced_manufacturing&region=PL21", (1440, 900)),
    ("present", "/technology?indicator=emp_hightech_medhightech_manuf&level=2&year=2018&region=PL21&present=1",
     (1920, 1080)),
    ("technology-phone", "/technology?indicator=desi_ai&level=0&region=DK", (390, 844)),
    ("import", "import", (1440, 1300)),
]


def driver(width: int, height: int) -> webdriver.Chrome:
    options = Options()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--hide-scrollbars", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "SEVERE"})
    return webdriver.Chrome(options=options)


def import_flow(d: webdriver.Chrome, url: str) -> None:
    """The wizard with a real file: the app's own CSV of a NUTS 2 indicator, loaded back as 'your indicator'."""
    import tempfile
    import urllib.request

    query = "indicator=emp_hightech_medhightech_manuf&level=2&year=2018"
    body = urllib.request.urlopen(f"{url}/download/technology.csv?{query}").read()
    path = Path(tempfile.mkdtemp()) / "high-tech-employment.csv"
    path.write_bytes(body)
    d.get(url + "/import")
    time.sleep(3)
    d.find_element("css selector", "#imports-upload input[type=file]").send_keys(str(path))
    time.sleep(2)
    d.execute_script("document.querySelector('#imports-kind input[value=indicator]').click();")
    time.sleep(2)
    for field, text in (("source", "Eurostat htec_emp_reg2, via Cluster Atlas"), ("licence", "CC BY 4.0"),
                        ("label", "High-tech manufacturing employment (our copy)"), ("unit", "% of total employment")):
        d.find_element("id", f"imports-{field}").send_keys(text)
    d.execute_script("document.getElementById('imports-run').click();")
    time.sleep(4)
    d.execute_script("window.scrollTo(0, 0);")
    time.sleep(0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8050")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, path, (width, height) in VIEWS:
        d = driver(width, height)
        try:
            if width < 500:
                d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})
            if path == "import":
                import_flow(d, args.url)
            else:
                d.get(args.url + path)
                time.sleep(6)
            for entry in d.get_log("browser"):
                print(f"{name}: console {entry['level']}: {entry['message'][:200]}")
            d.save_screenshot(str(OUT / f"{name}.png"))
            print(f"saved {OUT / f'{name}.png'}")
        finally:
            d.quit()


if __name__ == "__main__":
    main()
