"""Printable documents as accessible HTML: the region brief, the meeting pack and a single view's PDF.

Chromium prints the HTML with its tags (exports/html_print.py), so a document is written as a reader needs it:
headings in order, charts as tables whose every bar sits in the row of the indicator it measures (the text is the
data, the bar a picture of it), pictures with a text alternative, and text that flows and wraps inside its page
instead of being placed at coordinates where it can run off the page or over other text. One stylesheet for every
document; page size and margins by ``@page``, the running footer printed in the page margin.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from dataclasses import dataclass

FONT_STACK = "'Liberation Sans', Arial, Helvetica, sans-serif"
INK, MUTED, BAR, STRONG, RULE = "#1d2733", "#4a5562", "#3b6ea5", "#1b7f5b", "#d0d5db"

STYLE = f"""
*{{box-sizing:border-box}}
html{{font-family:{FONT_STACK};color:{INK};font-size:9.5pt;line-height:1.3}}
body{{margin:0}}
h1,h2,h3,caption{{break-after:avoid}} tr{{break-inside:avoid}}
h1{{font-size:19pt;margin:0 0 1mm}} h2{{font-size:13pt;margin:5mm 0 1.5mm}} h3{{font-size:10.5pt;margin:3mm 0 1mm}}
p{{margin:0 0 1.5mm}} ul{{margin:0 0 2mm;padding-left:4.5mm}} li{{margin:0 0 .6mm}}
.sub,.muted{{color:{MUTED}}} .sub{{font-size:10.5pt;margin-bottom:3mm}} .small{{font-size:8pt}}
.keep{{break-inside:avoid}} .page{{break-after:page}} .page:last-child{{break-after:auto}}
table{{border-collapse:collapse;width:100%;margin:0 0 2mm}}
caption{{text-align:left;color:{MUTED};font-size:8.5pt;padding:0 0 1mm;caption-side:top}}
th,td{{text-align:left;vertical-align:top;padding:.9mm 1.5mm .9mm 0;border-bottom:.3pt solid {RULE};font-size:8.5pt}}
thead th{{font-weight:bold;border-bottom:.8pt solid {MUTED};color:{MUTED}}}
th[scope=row]{{font-weight:normal}}
td.bar{{padding-right:3mm}}
.track{{position:relative;height:3.2mm;background:#f1f3f5;margin-top:.4mm}}
.fill{{position:absolute;left:0;top:0;bottom:0}}
.ref{{position:absolute;top:-.6mm;bottom:-.6mm;border-left:.8pt dotted #555}}
dl.figures{{display:grid;grid-template-columns:auto 1fr;gap:.8mm 4mm;margin:0 0 2mm}}
dl.figures dt{{font-weight:bold}} dl.figures dd{{margin:0}}
figure{{margin:0}} figure img{{display:block;max-width:100%}} figcaption{{color:{MUTED};font-size:8pt}}
.legend{{list-style:none;padding:0}} .legend li{{display:flex;gap:2mm;align-items:flex-start}}
.swatch{{flex:none;width:5mm;height:3.4mm;border:.4pt solid #555;margin-top:.3mm}}
.nodata{{background:repeating-linear-gradient(45deg,#c9ccd1 0 1mm,#fff 1mm 1.6mm)}}
.box{{background:#f8f9fa;border:.5pt solid {RULE};padding:2mm 2.5mm;margin:0 0 2mm}}
.note{{font-style:italic;border-left:1.2mm solid {RULE};padding-left:2mm}}
"""


@dataclass(frozen=True)
class BarRow:
    """One row of a bar chart: the indicator it measures, the bar's length on the chart's scale, the words."""

    label: str
    length: float | None
    cells: tuple[str, ...]
    colour: str = BAR


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def document(title: str, body: str, *, lang: str = "en", page: str = "A4", margin: str = "14mm 14mm 16mm",
             extra_style: str = "") -> str:
    """A whole HTML document: `body` is trusted markup (built with esc() from data and user text)."""
    return (f"<!doctype html><html lang=\"{esc(lang)}\"><head><meta charset=\"utf-8\"><title>{esc(title)}</title>"
            f"<style>@page{{size:{page};margin:{margin}}}{STYLE}{extra_style}</style></head><body>{body}</body></html>")


def footer_template(text: str) -> str:
    """The running footer Chromium prints in every page's bottom margin (with the page number)."""
    return (f"<div style=\"font-family:{FONT_STACK};font-size:7pt;color:{MUTED};width:100%;padding:0 14mm;"
            f"display:flex;justify-content:space-between\"><span>{esc(text)}</span>"
            "<span>page <span class=\"pageNumber\"></span> of <span class=\"totalPages\"></span></span></div>")


def picture(png: bytes, alt: str, style: str = "") -> str:
    """A PNG as an image with its text alternative."""
    data = base64.b64encode(png).decode("ascii")
    return f"<img src=\"data:image/png;base64,{data}\" alt=\"{esc(alt)}\" style=\"{esc(style)}\">"


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart as a table: the first column names each bar's indicator, the bar cell draws its length
    on `scale` (with the `reference` line), the other cells say value, year, rank and source in words. `compact`
    keeps only the first of those cells (a slide's picture; the rest goes to the speaker notes)."""

    caption: str
    columns: Sequence[str]
    rows: Sequence[BarRow]
    scale: tuple[float, float]
    reference: float | None = None
    bar_heading: str = ""
    widths: Sequence[str] = ()

    def markup(self, compact: bool = False, chart_id: str = "") -> str:
        lo, hi = self.scale
        span = (hi - lo) or 1.0
        keep = 2 if compact else len(self.columns)

        def share(value: float) -> float:
            return max(0.0, min(100.0, (value - lo) / span * 100))

        head = "".join(f"<th scope=\"col\">{esc(c)}</th>" for c in
                       [self.columns[0], self.bar_heading, *self.columns[1:keep]])
        body = []
        for row in self.rows:
            track = "<div class=\"track\" aria-hidden=\"true\">"
            if row.length is not None:
                track += f"<div class=\"fill\" style=\"width:{share(row.length):.1f}%;background:{row.colour}\"></div>"
            if self.reference is not None:
                track += f"<div class=\"ref\" style=\"left:{share(self.reference):.1f}%\"></div>"
            track += "</div>"
            cells = "".join(f"<td>{esc(c)}</td>" for c in row.cells[:keep - 1])
            body.append(f"<tr><th scope=\"row\">{esc(row.label)}</th><td class=\"bar\">{track}</td>{cells}</tr>")
        ident = f" id=\"{esc(chart_id)}\"" if chart_id else ""
        unbroken = " keep" if len(self.rows) <= 10 else ""
        cols = "" if compact or not self.widths else (
            "<colgroup>" + "".join(f"<col style=\"width:{w}\">" for w in self.widths) + "</colgroup>")
        return (f"<table class=\"chart{unbroken}\"{ident}><caption>{esc(self.caption)}</caption>{cols}<thead><tr>{head}"
                f"</tr></thead><tbody>{''.join(body)}</tbody></table>")


def bullet_list(lines: Sequence[str], cls: str = "") -> str:
    klass = f" class=\"{cls}\"" if cls else ""
    return f"<ul{klass}>" + "".join(f"<li>{esc(line)}</li>" for line in lines if line) + "</ul>"
