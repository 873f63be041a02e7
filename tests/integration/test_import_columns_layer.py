"""Column matching against the real regions: every missing column is named at once."""

from __future__ import annotations

import pytest

from data.importing import ImportError_, import_table, read_table


def test_import_table_names_every_missing_column(layer):
    frame = read_table(b"nuts,sector\nDE11,x\n")
    with pytest.raises(ImportError_, match="name column") as caught:
        import_table(frame, "clusters", {}, layer.regions)
    assert any("locates the rows" in f for f in caught.value.fields)
