"""The one error type of the import path: a sentence for the user plus a code the UI or CLI can act on."""

from __future__ import annotations


class ImportError_(ValueError):  # noqa: N801 - historical public name, kept for callers
    """The file cannot be imported (unreadable, over a budget, unsafe, a column missing, a lookup failing).

    ``str(exc)`` is the message to show; ``code`` says which check refused it (e.g. ``too_many_columns``,
    ``timeout``, ``memory``, ``xml_entities``, ``bad_shared_string``, ``missing_fields``, ``lookup_failed``,
    ``busy``); ``fields`` lists the missing fields when ``code == "missing_fields"``.
    """

    def __init__(self, message: str, code: str = "invalid", fields: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.fields = tuple(fields)
