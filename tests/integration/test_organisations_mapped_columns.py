"""Organisation downloads say where the map put each organisation (issue 30): the country as the NUTS code of its
region whatever the file wrote ("DE", "Germany", "Deutschland"), the region's name, and the point drawn."""

from __future__ import annotations

import base64
import io
import json

import pandas as pd

from components.organisations import organisations_csv_href
from data.importing import auto_mapping, import_table, read_table, result_json

LIST = ("Cluster;Town;Country;lat;lon\nA;München;DE;;\nB;München;Germany;;\nC;München;Deutschland;;\n"
        "D;Porto;Portugal;41.1496;-8.6109\n")


def test_country_is_a_code_and_the_mapped_region_and_point_are_given(layer):
    frame = read_table(LIST.encode("utf-8"))
    result = import_table(frame, "clusters", auto_mapping(frame, "clusters"), layer.regions)
    kept = json.loads(result_json(result, "Test register", "CC BY 4.0"))
    text = base64.b64decode(organisations_csv_href(kept).split(",", 1)[1]).decode("utf-8-sig")
    rows = pd.read_csv(io.StringIO(text), dtype=str).set_index("name")
    assert list(rows.country) == ["DE", "DE", "DE", "PT"]
    assert list(rows["country (as in the file)"]) == ["DE", "Germany", "Deutschland", "Portugal"]
    names = layer.regions.set_index("nuts_id").name_latn
    assert all(rows.region_name[n] == names[rows.nuts_id[n]] for n in rows.index)
    assert rows.loc["D", ["map_lat", "map_lon"]].astype(float).tolist() == [41.1496, -8.6109]
    assert rows.loc["D", "map_point"] == "coordinates of the file"
    centre = rows.loc["A", ["map_lat", "map_lon"]].astype(float)
    assert 47 < centre.map_lat < 49 and 11 < centre.map_lon < 12.5 and "centre of the region" in rows.loc["A", "map_point"]
