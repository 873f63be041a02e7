"""A file format a view can be written to: one row of the download or export ``FORMATS`` table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from data.layer import InvalidChoice


@dataclass(frozen=True)
class FileFormat:
    """Extension, media type, menu labels and writer of one format; menus and routes read only this table.
    ``write_table`` writes any list (a ``downloads.formats.TableDownload``) where the format takes one."""

    extension: str
    media_type: str
    label: str
    short_label: str
    write: Callable[..., bytes]
    write_table: Callable[..., bytes] | None = None


def file_format(formats: dict[str, FileFormat], extension: str) -> FileFormat:
    """The format of an extension; ``InvalidChoice`` (a 400) for any other, never a fallback."""
    if extension not in formats:
        raise InvalidChoice("format", f"Unknown format {str(extension)[:10]!r}.", list(formats))
    return formats[extension]
