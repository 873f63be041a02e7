"""The static export formats: one table behind the Export menus and the ``/export`` routes; the documents made of
several views (meeting pack, region brief) come as PDF or editable PowerPoint."""

from __future__ import annotations

from domain.files import FileFormat
from exports.render import render

FORMATS: dict[str, FileFormat] = {
    "png": FileFormat("png", "image/png", "PNG image (2×)", "PNG", lambda figures: render(figures, "png")),
    "svg": FileFormat("svg", "image/svg+xml", "SVG (vector)", "SVG", lambda figures: render(figures, "svg")),
    "pdf": FileFormat("pdf", "application/pdf", "PDF", "PDF", lambda figures: render(figures, "pdf")),
}

PPTX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DOCUMENT_FORMATS: dict[str, FileFormat] = {
    "pdf": FORMATS["pdf"],
    "pptx": FileFormat("pptx", PPTX_MEDIA_TYPE, "PowerPoint (editable)", "PowerPoint", lambda document: document),
}
