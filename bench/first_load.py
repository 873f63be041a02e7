"""First load in a real browser: ``python -m bench.first_load [--url URL] [--port PORT] [--top N]``.

Starts ``make serve``'s gunicorn (one worker, compression as in production) on a loopback port unless --url is
given, opens every page in a fresh headless Chromium and sums what the browser received for every response it
fetched on that first visit (Chrome DevTools ``Network.loadingFinished.encodedDataLength``: the bytes on the wire,
gzip and headers included) until no request is pending and the network has been quiet for two seconds. Prints, per page, the number of
requests, the kB transferred and the largest responses, against the goal of issue 31 (≤ 1.0 MB on every page).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bench.serve import free_port, start

STORE_ENV = "ATLAS_STATIC_GZ_DIR"

PAGES = ("/", "/technology", "/clusters", "/strategies", "/import", "/sources", "/storyboard", "/accessibility",
         "/brief/PL21", "/embed/technology?indicator=emp_hightech_medhightech_manuf&level=2&year=2015&region=PL21")
GOAL_BYTES = 1_000_000
QUIET_SECONDS = 2.0
MAX_SECONDS = 90.0


@dataclass
class FirstLoad:
    """What one page cost on its first visit: bytes on the wire per response URL."""

    path: str
    responses: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.responses.values())

    def largest(self, n: int) -> list[tuple[str, int]]:
        return sorted(self.responses.items(), key=lambda item: -item[1])[:n]


def chromium():
    """A headless Chromium that records DevTools network events."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--window-size=1440,900"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def _network_events(driver) -> list[dict]:
    events = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"].startswith("Network."):
            events.append(message)
    return events


def measure(driver, base: str, path: str) -> FirstLoad:
    """Open `base + path` with an empty cache and storage; sum the bytes of every response until the network rests."""
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    driver.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": base, "storageTypes": "all"})
    driver.get_log("performance")
    driver.get(base + path)
    urls: dict[str, str] = {}
    pending: set[str] = set()
    load = FirstLoad(path)
    started = last_event = time.monotonic()
    while (pending or time.monotonic() - last_event < QUIET_SECONDS) and time.monotonic() - started < MAX_SECONDS:
        events = _network_events(driver)
        if events:
            last_event = time.monotonic()
        for event in events:
            params = event["params"]
            if event["method"] == "Network.requestWillBeSent":
                urls[params["requestId"]] = params["request"]["url"]
                pending.add(params["requestId"])
            elif event["method"] == "Network.loadingFailed":
                pending.discard(params["requestId"])
            elif event["method"] == "Network.loadingFinished" and params["requestId"] in urls:
                pending.discard(params["requestId"])
                url = urls[params["requestId"]]
                key = url if not url.startswith(base) else url[len(base):]
                load.responses[key] = load.responses.get(key, 0) + int(params["encodedDataLength"])
        time.sleep(0.25)
    return load


def short(url: str) -> str:
    parts = urlsplit(url)
    name = parts.path.rsplit("/", 1)[-1] or parts.path
    return name if len(name) <= 38 else name[:35] + "…"


def report(loads: list[FirstLoad], top: int) -> None:
    print(f"{'page':<16}{'requests':>9}{'kB (gzip)':>11}  largest responses (kB)")
    for load in loads:
        largest = ", ".join(f"{short(url)} {size / 1000:.0f}" for url, size in load.largest(top))
        flag = "" if load.total <= GOAL_BYTES else "  > 1 MB"
        print(f"{load.path.split('?')[0]:<16}{len(load.responses):>9}{load.total / 1000:>11.0f}{flag}  {largest}")
    worst = max(loads, key=lambda load: load.total)
    print(f"largest first load: {worst.path.split('?')[0]} {worst.total / 1000:.0f} kB (goal ≤ {GOAL_BYTES / 1000:.0f})")


def first_loads(base: str, pages: tuple[str, ...] = PAGES) -> list[FirstLoad]:
    driver = chromium()
    try:
        return [measure(driver, base, path) for path in pages]
    finally:
        driver.quit()


def wait_for_store(folder: Path, timeout: float = 180) -> None:
    """Until the server's background zopfli compressions are done (no claim left, nothing new for 2 s)."""
    deadline, last, stable_since = time.monotonic() + timeout, None, time.monotonic()
    while time.monotonic() < deadline:
        state = sorted(p.name for p in folder.glob("*"))
        if state != last:
            last, stable_since = state, time.monotonic()
        elif not any(name.endswith(".part") for name in state) and time.monotonic() - stable_since > 2:
            return
        time.sleep(0.5)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="measure a running server (loopback) instead of starting one")
    parser.add_argument("--port", type=int, default=0, help="port for the server started here (default: a free one)")
    parser.add_argument("--top", type=int, default=4, help="how many of the largest responses to list per page")
    args = parser.parse_args(argv)
    if args.url:
        if urlsplit(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit("only loopback addresses are measured")
        report(first_loads(args.url.rstrip("/")), args.top)
        return
    port = args.port or free_port()
    with tempfile.TemporaryDirectory(prefix="atlas-static-gz-") as store:
        proc, _ = start(port, workers=1, env={STORE_ENV: store})
        base = f"http://127.0.0.1:{port}"
        try:
            print("Right after the server started (an empty zopfli store: plotly.js and the geometry being compressed in the "
                  "background since the start, every other static file at gzip level 9 until its first request):")
            report(first_loads(base), args.top)
            wait_for_store(Path(store))
            print("\nEvery later first visit (static files from the zopfli store):")
            report(first_loads(base), args.top)
        finally:
            proc.terminate()
            proc.wait(timeout=20)


if __name__ == "__main__":
    main()
