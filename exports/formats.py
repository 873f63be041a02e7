"""The static export formats: one table behind the Export menus and the ``/export`` routes."""

from __future__ import annotations

from domain.files import FileFormat
from exports.render import render

FORMATS: dict[str, FileFormat] = {
    "png": FileFormat("png", "image/png", "PNG image (2×)", "PNG", lambda figures: render(figures, "png")),
    "svg": FileFormat("svg", "image/svg+xml", "SVG (vector)", "SVG", lambda figures: render(figures, "svg")),
    "pdf": FileFormat("pdf", "application/pdf", "PDF", "PDF", lambda figures: render(figures, "pdf")),
}
