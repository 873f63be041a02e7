"""Issue 15.1 and 15.7: every upload is parsed in a child process under a budget, and every refusal says why.

The attacks are those reported (one huge shared string referenced by every row, many rows of numbers, 50,000
columns), scaled down where the full size would only slow the suite; budgets are lowered through the same
``parse_in_child`` the server uses, so the same mechanism stops them.
"""

from __future__ import annotations

import resource
import time

import pytest

from bench.upload_attacks import billion_laughs_xlsx, numbers_xlsx, shared_string_xlsx, wide_csv
from data.importing import ImportError_
from data.importing.reading import MAX_COLUMNS, parse_in_child, read_table, sheet_names

WORKER_LIMIT = 1024 * 1024  # KiB, as ru_maxrss counts


def refusal(content: bytes, **kw) -> ImportError_:
    with pytest.raises(ImportError_) as caught:
        parse_in_child(content, **kw)
    return caught.value


def test_one_huge_shared_string_referenced_by_every_row_is_refused_in_the_child():
    content = shared_string_xlsx(rows=300, size=10_000_000)
    assert len(content) < 50_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    error = refusal(content)
    assert error.code == "cell_too_long" and "Cell A2 holds 10,000,000 characters" in str(error)
    assert time.monotonic() - started < 20
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown < 100 * 1024, f"the test process grew by {grown / 1024:.0f} MB"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < WORKER_LIMIT * 2


def test_many_rows_of_numbers_stop_at_the_cell_budget():
    started = time.monotonic()
    error = refusal(numbers_xlsx(rows=20_000, columns=60), limits={"cells": 6_000})
    assert error.code == "too_many_cells" and "more than 6,000 cells (the limit)" in str(error)
    assert time.monotonic() - started < 10  # counted in the sheet's XML before any parsing
    table = "\n".join(",".join(str(c) for c in range(60)) for _ in range(500)).encode()
    error = refusal(table, limits={"cells": 6_000})
    assert error.code == "too_many_cells" and "More than 6,000 cells (reached at row 101)" in str(error)


def test_many_rows_of_numbers_stop_at_the_time_budget():
    error = refusal(numbers_xlsx(rows=20_000, columns=60), limits={"cells": 10_000_000}, seconds=1)
    assert error.code == "timeout" and "longer than 1 s" in str(error) and "save the sheet as CSV" in str(error)


def test_fifty_thousand_columns_are_refused_at_the_header():
    content = wide_csv(50_000)
    started = time.monotonic()
    with pytest.raises(ImportError_, match=f"more than {MAX_COLUMNS} columns") as caught:
        read_table(content)
    assert caught.value.code == "too_many_columns" and time.monotonic() - started < 10


def test_the_memory_limit_really_stops_the_parser():
    error = refusal(shared_string_xlsx(rows=2, size=60_000_000), limits={"memory": 150 * 2**20})
    assert error.code == "memory" and "more than 150 MB of memory" in str(error)


def test_text_budget_counts_decoded_characters():
    rows = "name,description\n" + "".join(f"n{i},{'x' * 1000}\n" for i in range(200))
    error = refusal(rows.encode(), limits={"text": 100_000})
    assert error.code == "too_much_text" and "more than 100,000 characters" in str(error)


def test_a_bad_shared_string_index_is_explained():
    error = refusal(shared_string_xlsx(rows=3, size=10, index=99))
    assert error.code == "bad_shared_string" and "bad shared-string index" in str(error) and "row 2" in str(error)


def test_xml_entity_tricks_are_refused_with_a_message():
    error = refusal(billion_laughs_xlsx())
    assert error.code == "xml_entities" and "billion laughs" in str(error)


def test_sheet_names_are_read_in_the_child_too():
    with pytest.raises(ImportError_, match="billion laughs"):
        sheet_names(billion_laughs_xlsx())
    assert sheet_names(shared_string_xlsx(rows=3, size=10)) == ["Clusters"]


@pytest.mark.parametrize(("content", "code", "words"), [
    (b"PK\x03\x04 not really a zip", "bad_zip", "damaged"),
    (b"", "empty", "empty"),
    (b"\x00\x01binary", "binary", "binary"),
])
def test_malformed_files_have_a_code_and_a_sentence(content, code, words):
    error = refusal(content)
    assert error.code == code and words in str(error)


def test_a_zip_that_is_not_a_workbook_is_named():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    error = refusal(buffer.getvalue())
    assert error.code == "not_xlsx" and "not an Excel workbook" in str(error)


def test_an_ordinary_file_still_reads_through_the_child():
    frame = read_table(shared_string_xlsx(rows=2, size=5))
    assert list(frame.columns) == ["name"] and list(frame.name) == ["AAAAA", "AAAAA"]


def test_an_inflated_sheet_dimension_does_not_pad_rows():
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(shared_string_xlsx(rows=3, size=5)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                part = part.replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>')
            archive.writestr(info, part)
    frame = read_table(buffer.getvalue())
    assert list(frame.columns) == ["name"] and len(frame) == 3




def test_uploads_beyond_the_parse_slots_and_queue_are_refused_at_once(monkeypatch):
    """Waiting uploads held worker threads (up to 15 s each): beyond the queue the answer is immediate."""
    import threading

    from data.importing import reading

    full = threading.BoundedSemaphore(1)
    full.acquire()
    monkeypatch.setattr(reading, "_ADMITTED", full)
    started = time.monotonic()
    error = refusal(shared_string_xlsx(rows=2, size=5))
    assert error.code == "busy" and "try again" in str(error)
    assert time.monotonic() - started < 1
