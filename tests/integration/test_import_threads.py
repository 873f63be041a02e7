"""Issue 16.1: the postcode lookup and every other resource of the import path work from any server thread,
and a failing import says what failed instead of answering nothing."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from data.importing import ImportError_, auto_mapping, import_table, locating, read_table, reading

POSTCODES = "\ufeffname;postcode;country\nMunich cluster;80331;DE\nParis cluster;75001;FR\nMilan cluster;20121;IT\n"
EXPECTED = {"Munich cluster": "DE212", "Paris cluster": "FR101", "Milan cluster": "ITC4C"}


def check_and_locate(layer) -> dict[str, str]:
    """What the import page's "Check and locate" does with the file, in whatever thread runs it."""
    frame = read_table(POSTCODES.encode("utf-8"), "postcodes.csv")
    result = import_table(frame, "clusters", auto_mapping(frame, "clusters"), layer.regions)
    assert set(result.report.method.str.split(" ").str[0]) == {"postcode"}
    return dict(zip(result.rows.name, result.rows.nuts_id))


def test_postcode_file_locates_from_several_threads_more_than_once(layer):
    """As many threads at once as a worker admits uploads (beyond that the answer is 'try again', tested with the
    parsing budget)."""
    assert check_and_locate(layer) == EXPECTED
    with ThreadPoolExecutor(max_workers=reading.PARSE_SLOTS + reading.PARSE_QUEUE) as pool:
        results = list(pool.map(lambda _: check_and_locate(layer), range(12)))
    assert results == [EXPECTED] * 12


def test_semicolon_bom_file_maps_postcode_and_country(layer):
    frame = read_table(POSTCODES.encode("utf-8"))
    assert auto_mapping(frame, "clusters") == {"name": "name", "postcode": "postcode", "country": "country"}


def test_an_unreadable_postcode_table_is_said_not_silenced(layer, monkeypatch, tmp_path):
    monkeypatch.setattr(locating, "postcode_db", lambda: str(tmp_path / "missing.db"))
    frame = read_table(POSTCODES.encode("utf-8"))
    with pytest.raises(ImportError_, match="postcode table") as caught:
        import_table(frame, "clusters", auto_mapping(frame, "clusters"), layer.regions)
    assert caught.value.code == "lookup_failed"


def test_an_unexpected_failure_while_locating_becomes_a_message(layer, monkeypatch):
    def broken(*_args):
        raise RuntimeError("SQLite objects created in a thread can only be used in that same thread")

    monkeypatch.setattr(locating.Locator, "postcode", broken)
    frame = read_table(POSTCODES.encode("utf-8"))
    with pytest.raises(ImportError_, match="Locating the rows failed") as caught:
        import_table(frame, "clusters", auto_mapping(frame, "clusters"), layer.regions)
    assert caught.value.code == "lookup_failed" and "same thread" in str(caught.value)


def test_locating_has_a_time_budget(layer):
    text = "name;region\n" + "".join(f"n{i};Nowhere land {i}\n" for i in range(3000))
    frame = read_table(text.encode())
    with pytest.raises(ImportError_, match="longer than 0.5 s") as caught:
        import_table(frame, "clusters", auto_mapping(frame, "clusters"), layer.regions, seconds=0.5)
    assert caught.value.code == "timeout" and "of 3,000" in str(caught.value)


def test_progress_is_reported_with_row_counts(layer):
    seen = []
    frame = read_table(POSTCODES.encode("utf-8"))
    import_table(frame, "clusters", auto_mapping(frame, "clusters"), layer.regions,
                 progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
