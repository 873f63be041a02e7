"""Documents printed from HTML by the export Chromium, tagged: the accessible path for every PDF the app writes.

A region brief, a meeting pack and a single view are each one HTML document (figures/document.py): real text in
reading order, headings, tables and figures with text alternatives, ``<html lang>`` and ``<title>``. Chromium prints
it with ``generateTaggedPDF`` (a structure tree, ``/MarkInfo``) and ``generateDocumentOutline`` (bookmarks from the
headings); nothing merges PDFs afterwards, so the tags survive. pypdf then only completes the document catalogue (an incremental update):
the ``/Lang`` of the HTML and ``/DisplayDocTitle``, and the ``/Title`` as the document's own (PDF/UA asks for both).

The same session's browser also takes pictures of parts of an HTML page (the brief's charts for its slides), so a
chart is drawn once, in HTML, for the PDF and the PowerPoint alike.
"""

from __future__ import annotations

import asyncio
import base64
import io
import json
from collections.abc import Callable
from typing import Any

from exports.render import ExportError, render_session

READY = ("Promise.all([...document.images].map(i => i.decode().catch(() => null)))"
         ".then(() => document.fonts.ready).then(() => true)")
PICTURE_SCALE = 2


def _result(response: dict) -> dict:
    if "error" in response:
        raise ExportError(f"Static export failed: {response['error'].get('message', 'browser error')}")
    return response.get("result", {})


async def _loaded(browser: Any, html: str, width: int | None = None):
    """A new tab of the session's browser holding `html`, its images decoded (the caller closes it)."""
    tab = await browser.create_tab("about:blank")
    try:
        _result(await tab.send_command("Page.enable"))
        if width:
            _result(await tab.send_command("Emulation.setDeviceMetricsOverride", params={
                "width": width, "height": 900, "deviceScaleFactor": PICTURE_SCALE, "mobile": False}))
        frame = _result(await tab.send_command("Page.getFrameTree"))["frameTree"]["frame"]["id"]
        _result(await tab.send_command("Page.setDocumentContent", params={"frameId": frame, "html": html}))
        _result(await tab.send_command("Runtime.evaluate", params={"expression": READY, "awaitPromise": True}))
    except BaseException:
        await browser.close_tab(tab)
        raise
    return tab


async def _print(opening: asyncio.Future, html: str, footer: str) -> bytes:
    browser = await opening
    tab = await _loaded(browser, html)
    try:
        done = _result(await tab.send_command("Page.printToPDF", params={
            "printBackground": True, "preferCSSPageSize": True, "generateTaggedPDF": True,
            "generateDocumentOutline": True, "displayHeaderFooter": bool(footer),
            "headerTemplate": "<span></span>", "footerTemplate": footer or "<span></span>"}))
    finally:
        await browser.close_tab(tab)
    return base64.b64decode(done["data"])


async def _pictures(opening: asyncio.Future, html: str, selector: str, width: int) -> list[bytes]:
    """A PNG (at PICTURE_SCALE) of every element matching `selector`, in document order."""
    browser = await opening
    tab = await _loaded(browser, html, width)
    try:
        found = _result(await tab.send_command("Runtime.evaluate", params={
            "expression": f"JSON.stringify([...document.querySelectorAll({json.dumps(selector)})].map(e => "
                          "{const r = e.getBoundingClientRect(); return [r.left + scrollX, r.top + scrollY, r.width, "
                          "r.height];}))", "returnByValue": True}))
        boxes = json.loads(found["result"]["value"])
        shots = []
        for left, top, w, h in boxes:
            shot = _result(await tab.send_command("Page.captureScreenshot", params={
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": left, "y": top, "width": w, "height": h, "scale": 1}}))
            shots.append(base64.b64decode(shot["data"]))
    finally:
        await browser.close_tab(tab)
    return shots


def _run(job: Callable[[asyncio.Future], Any]) -> Any:
    try:
        return render_session().run(job)
    except ExportError:
        raise
    except Exception as exc:  # choreographer raises many types
        raise ExportError(f"Static export failed: {type(exc).__name__}") from exc


def html_pictures(html: str, selector: str, width: int) -> list[bytes]:
    """Pictures of the parts of an HTML page that `selector` picks, laid out `width` CSS pixels wide."""
    return _run(lambda opening: _pictures(opening, html, selector, width))


def print_pdf(html: str | Callable[[], str], title: str, lang: str = "en", footer: str = "") -> bytes:
    """`html` (or a function writing it, called while the browser starts) as a tagged PDF titled `title`; `footer`:
    the markup Chromium prints in every page's bottom margin (figures.document.footer_template)."""
    async def job(opening: asyncio.Future) -> bytes:
        text = await asyncio.to_thread(html) if callable(html) else html
        return await _print(opening, text, footer)

    return catalogued(_run(job), title, lang)


def catalogued(pdf: bytes, title: str, lang: str = "en") -> bytes:
    """The PDF with its catalogue completed: /Lang, /Title, the title shown in the window (PDF/UA), the producer
    named. Written as an incremental update: Chromium's objects (its structure tree) are kept as they are, and only
    the catalogue and the document information are appended (a fifth of the time of rewriting the file)."""
    from pypdf import PdfWriter  # only for documents
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter(io.BytesIO(pdf), incremental=True)
    root = writer._root_object
    root[NameObject("/Lang")] = TextStringObject(lang)
    prefs = root.get("/ViewerPreferences")
    prefs = prefs.get_object() if prefs is not None else DictionaryObject()
    prefs[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    root[NameObject("/ViewerPreferences")] = prefs
    writer.add_metadata({"/Title": title, "/Producer": "Cluster Atlas (Chromium, pypdf)", "/Creator": "Cluster Atlas"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
