"""An upload through the import page's own callback on the real layer: parsed once, on its fullest sheet."""

from __future__ import annotations


def test_an_upload_is_parsed_once_for_its_sheets_and_rows(monkeypatch, layer):
    """Sheets and rows came from two parses, each with its own 20 s and slot wait: past gunicorn's 60 s. With no
    sheet chosen, the one holding the table is read, not a notes sheet that happens to come first."""
    import base64
    import io

    from openpyxl import Workbook

    import app  # noqa: F401 - pages register with the app
    from data.importing import reading
    from pages.imports import read_file

    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["written by", "someone"])
    clusters = book.create_sheet("Clusters")
    clusters.append(["name", "nuts"])
    clusters.append(["Porto cluster", "PT11A"])
    buffer = io.BytesIO()
    book.save(buffer)
    contents = "data:application/octet-stream;base64," + base64.b64encode(buffer.getvalue()).decode()
    calls = []
    real = reading.parse_in_child
    monkeypatch.setattr(reading, "parse_in_child", lambda *a, **kw: calls.append(kw) or real(*a, **kw))

    answer = read_file(contents, "clusters", "Clusters", None, "list.xlsx")
    assert len(calls) == 1
    assert answer[1] == [{"label": "Notes", "value": "Notes"}, {"label": "Clusters", "value": "Clusters"}]
    assert answer[2] == "Clusters" and "1 rows" in answer[0] and "name, nuts" in answer[0]
    calls.clear()
    assert read_file(contents, "clusters", "x" * 5000, None, "list.xlsx")[2] == "Clusters", "the fullest sheet"
    assert len(calls) == 1 and calls[0]["sheet"] is None
