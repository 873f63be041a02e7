"""Render figures with kaleido driving the system Chromium (no browser download, no CDN)."""

from __future__ import annotations

import asyncio
import io
import os
import shutil
from pathlib import Path

import plotly.graph_objects as go

GEO_ASSETS = Path(__file__).resolve().parents[1] / "assets" / "01_geo_assets.js"
FORMATS = ("png", "svg", "pdf")
PNG_SCALE = 2


class ExportError(RuntimeError):
    """The renderer could not produce the file (no Chromium, timeout, renderer error)."""


def _browser() -> None:
    if not os.environ.get("BROWSER_PATH"):
        for name in ("chromium", "chromium-browser", "google-chrome"):
            found = shutil.which(name)
            if found:
                os.environ["BROWSER_PATH"] = found
                return


async def _render(figures: list[go.Figure], fmt: str) -> list[bytes]:
    import kaleido
    from kaleido import PageGenerator

    page = PageGenerator(mathjax=False, others=[str(GEO_ASSETS)])
    out = []
    async with kaleido.Kaleido(n=1, page_generator=page, timeout=120) as k:
        for fig in figures:
            opts = {"format": fmt, "width": fig.layout.width, "height": fig.layout.height,
                    "scale": PNG_SCALE if fmt == "png" else 1}
            out.append(await k.calc_fig(fig, opts=opts))
    return out


def render(figures: list[go.Figure], fmt: str) -> list[bytes]:
    """Bytes of each figure in `fmt` (png at 2x scale, svg, pdf)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    _browser()
    try:
        return asyncio.run(_render(figures, fmt))
    except Exception as exc:  # kaleido/choreographer raise many types
        raise ExportError(f"Static export failed: {type(exc).__name__}") from exc


def merge_pdfs(pages: list[bytes]) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for page in pages:
        writer.append(io.BytesIO(page))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
