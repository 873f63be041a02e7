"""An import on the real layer in Polish and German: the rows are located in a forked child (which inherits the
request's language), and the report's words (status_text, method, reason) come back in that language while the
machine columns (status, method_id, nuts_id) and the summary's keys stay the same in every language."""

from __future__ import annotations

from csv import DictReader
from io import StringIO

import pytest

from data.importing import auto_mapping, import_table, read_table
from data.layer.language import use_language

CSV = ("Cluster;NUTS code;Region\nMazovia ICT;PL12;\nNowhere;QQ99;\nKrakow tech;;Małopolskie\n"
       "Atlantis;;Atlantis Nowhere\n").encode()


def imported(layer, language: str):
    with use_language(language):
        frame = read_table(CSV)
        return import_table(frame, "clusters", auto_mapping(frame, "clusters"), layer.regions)


def by_row(result) -> dict:
    return result.report.set_index("row").to_dict("index")


@pytest.mark.parametrize(("language", "coarser", "unknown", "not_located", "method"), [
    ("en", "located at a coarser level", "'QQ99' is not a NUTS code", "not located", "NUTS 2013 code PL12 (split"),
    ("pl", "zlokalizowany na wyższym poziomie", "„QQ99” nie jest kodem NUTS", "niezlokalizowany",
     "kod NUTS 2013 PL12 (podzielony w 2021 r."),
    ("de", "auf gröberer Ebene verortet", "„QQ99“ ist in keiner Version", "nicht verortet",
     "NUTS-2013-Code PL12 (2021 aufgeteilt"),
])
def test_the_report_reads_in_the_readers_language_and_keeps_its_machine_columns(layer, language, coarser, unknown,
                                                                                not_located, method):
    result = imported(layer, language)
    rows = by_row(result)
    assert rows[2]["status"] == "located at a coarser level" and rows[2]["status_text"] == coarser
    assert rows[2]["method_id"] == "nuts" and rows[2]["nuts_id"] == "PL9" and rows[2]["method"].startswith(method)
    assert rows[3]["status"] == "not located" and rows[3]["status_text"] == not_located
    assert rows[3]["reason"].startswith(unknown)
    assert rows[4]["status"] == "located" and rows[4]["method_id"] == "region" and rows[4]["nuts_id"] == "PL21"
    assert rows[5]["status"] == "not located" and "Atlantis Nowhere" in rows[5]["reason"]
    assert result.summary["by_method"] == {"NUTS code, coarser level": 1, "region name": 1}
    assert not any("%(" in str(value) for value in result.report.to_numpy().ravel())


def test_the_import_page_shows_the_summary_and_report_in_polish_and_the_csv_carries_them(layer):
    """What the import page shows after "Check and locate" (summary, report tables) and the report CSV it offers,
    read back: Polish words, Polish number grouping, no English status or method word, machine columns unchanged."""
    from components.imports_view import report_table, summary_block
    from downloads.formats import TableDownload, table_csv
    from tests.integration.test_languages import words_of

    with use_language("pl"):
        result = imported(layer, "pl")
        shown = " | ".join(words_of(summary_block(result, "own survey")) + words_of(report_table(result.report)))
        csv = table_csv(TableDownload(result.report, "Raport importu", "import-report")).decode("utf-8-sig")
    assert "kod NUTS, wyższy poziom: 1" in shown and "nazwa regionu: 1" in shown
    assert "niezlokalizowany" in shown and "„QQ99” nie jest kodem NUTS" in shown
    assert "zlokalizowany na wyższym poziomie" in shown
    for english in ("not located", "located at a coarser level", "NUTS code", "region name", "is not a NUTS code"):
        assert english not in shown, english
    rows = list(DictReader(StringIO(csv)))
    assert list(rows[0]) == ["row", "content", "status", "status_text", "method_id", "method", "nuts_id", "reason"]
    unknown = next(r for r in rows if r["row"] == "3")
    assert (unknown["status"], unknown["status_text"]) == ("not located", "niezlokalizowany")
    assert unknown["reason"].startswith("„QQ99” nie jest kodem NUTS")
