"""S3 domains, evidence scores, partners and the partner download."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from components.ids import STRATEGIES, page_ids
from components.strategies import strategy_figure
from data.layer.eu import EU27
from domain.s3 import STRONG_SCORE, domain_scores, load_domains, partners, percentiles
from domain.strategy import parse_strategy

STRATEGY_IDS = page_ids("strategies", STRATEGIES)


def test_mapping_file_links_real_indicators_with_rationales(layer):
    domains = load_domains()
    assert len(domains) >= 5
    for d in domains:
        assert d["id"] and d["label"] and d["evidence"]
        for link in d["evidence"]:
            assert link["indicator"] in layer.by_indicator, link["indicator"]
            assert 2 in layer.indicator(link["indicator"])["levels"]
            assert len(link["rationale"]) > 30


def test_percentiles_respect_direction(layer):
    ranks, year = percentiles(layer, "unemployment_rate")
    frame = layer.by_indicator["unemployment_rate"]
    eu = frame[(frame.year == year) & (frame.level == 2) & frame.nuts_id.str[:2].isin(EU27)]
    best = eu.sort_values("value").nuts_id.iloc[0]
    assert ranks[best] == pytest.approx(max(ranks[c] for c in eu.nuts_id)) and ranks[best] > 99


def test_domain_scores_and_partners(layer):
    evidence = ["lq_emp_hightech_medhightech_manuf", "emp_hightech_medhightech_manuf"]
    scores = domain_scores(layer, evidence).set_index("nuts_id")
    assert scores.loc["DE11", "score"] > 95 and bool(scores.loc["DE11", "strong"])
    assert ((scores.score >= STRONG_SCORE) == scores.strong).all()
    found = partners(layer, "PL21", evidence, k=5)
    assert list(found["rank"]) == [1, 2, 3, 4, 5] and "PL21" not in set(found.nuts_id)
    assert found.fit.is_monotonic_decreasing and found.complements.notna().all()
    weak_in_lq = partners(layer, "PL21", evidence, k=400, per_country=None).set_index("nuts_id")
    own = domain_scores(layer, evidence).set_index("nuts_id").loc["PL21"]
    weights = 100 - own[evidence]
    expected = (weak_in_lq.loc["DE11", evidence] * weights).sum() / weights.sum()
    assert weak_in_lq.loc["DE11", "fit"] == pytest.approx(expected)
    assert found.nuts_id.str[:2].isin(["DE", "CZ", "SK", "HU", "IT", "SI", "AT", "FR", "BE", "SE", "FI", "NL", "PL",
                                       "ES", "PT", "IE", "DK", "RO", "BG", "EL", "HR", "LT", "LV", "EE", "LU", "MT",
                                       "CY"]).all()


def test_partners_are_diverse_by_country(layer):
    evidence = ["lq_emp_hightech_medhightech_manuf", "emp_hightech_medhightech_manuf", "i40_patents"]
    unlimited = partners(layer, "PL21", evidence, per_country=None)
    assert unlimited.nuts_id.str[:2].value_counts().max() > 3
    diverse = partners(layer, "PL21", evidence)
    assert diverse.nuts_id.str[:2].value_counts().max() <= 3 and len(diverse) == 10
    assert partners(layer, "PL21", evidence, per_country=1).nuts_id.str[:2].is_unique
    view, notices = parse_strategy({"per_country": "7"}, layer)
    assert view["per_country"] == 3 and "Partners per country" in notices[0]


def test_bad_strategy_parameters_fall_back_with_notices(layer):
    view, notices = parse_strategy({"domain": "nope", "region": "<script>", "evidence": "x,y"}, layer)
    assert view["domain"] == load_domains()[0]["id"] and view["region"] is None and len(notices) == 3
    fig = strategy_figure(layer, view)
    assert fig["data"][0]["geojson"] == "/geo/nuts2.geojson"


def test_partner_csv_route(client):
    response = client.get("/download/partners.csv?domain=advanced_manufacturing&region=PL21")
    assert response.status_code == 200
    frame = pd.read_csv(io.BytesIO(response.data), encoding="utf-8-sig")
    assert len(frame) == 10 and frame["rank"].tolist() == list(range(1, 11)) and set(frame.partner_of) == {"PL21"}
    assert client.get("/download/partners.csv?domain=advanced_manufacturing").status_code == 400
    assert client.get("/download/partners.csv?domain=zzz&region=PL21").status_code == 400


def test_strategies_page_with_query(client):
    assert client.get("/strategies?domain=digital_ai&region=FR10&evidence=lq_ai_preprints").status_code == 200


def test_gap_view_classifies_prioritised_and_strong(layer):
    from domain.s3 import declared_regions, domain, gap_view

    rows = [{"nuts_id": "DE11", "priority": "Automotive and advanced manufacturing", "domain": "Manufacturing"},
            {"nuts_id": "EL41", "priority": "Smart manufacturing in islands", "domain": ""},
            {"nuts_id": "PL", "priority": "Industry 4.0 for all regions", "domain": ""},
            {"nuts_id": "FR101", "priority": "Tourism", "domain": "Culture"}]
    declared = declared_regions(layer, rows, "advanced_manufacturing")
    assert "DE11" in declared and "EL41" in declared and "PL21" in declared and "FR10" not in declared
    evidence = [link["indicator"] for link in domain("advanced_manufacturing")["evidence"]]
    table = gap_view(layer, evidence, declared).set_index("nuts_id")
    assert table.loc["DE11", "category"] == "prioritised & strong"
    assert table.loc["EL41", "category"] in ("prioritised but weak", "prioritised, no evidence")
    strong_not = table[table.category == "strong but not prioritised"]
    assert len(strong_not) > 0 and not strong_not.prioritised.any() and strong_not.strong.all()
    assert declared_regions(layer, rows, "advanced_manufacturing", keyword="islands").keys() == {"EL41"}


def test_gap_view_csv(layer):
    import base64

    from components.strategies import gap_section
    from domain.s3 import declared_regions, domain

    imported = {"kind": "priorities", "source": "My S3 list", "licence": "CC BY 4.0",
                "rows": [{"nuts_id": "DE11", "priority": "=Manufacturing 4.0", "domain": "manufacturing"}]}
    view = {"domain": "advanced_manufacturing", "evidence": [e["indicator"] for e in domain("advanced_manufacturing")["evidence"]],
            "region": "DE11", "eu_only": True}
    section = gap_section(layer, view, imported)
    links = {str(getattr(c, "id", None)): c for c in _walk(section)}
    csv = base64.b64decode(links[str(STRATEGY_IDS("gap-download"))].href.split(",", 1)[1]).decode("utf-8")
    assert "My S3 list" in csv and "'=Manufacturing 4.0" in csv and "prioritised & strong" in csv
    book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(links[str(STRATEGY_IDS("gap-download-xlsx"))].href.split(",", 1)[1])))
    data = list(book["data"].values)
    row = next(r for r in data if r[0] == "DE11")
    assert row[2] == "prioritised & strong" and row[6] == "'=Manufacturing 4.0"
    about = [r[1] for r in book["about"].values]
    assert "My S3 list" in about and "CC BY 4.0" in about and any("Eurostat" in str(a) for a in about)
    assert declared_regions(layer, imported["rows"], "advanced_manufacturing") == {"DE11": ["=Manufacturing 4.0"]}


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children] if children is not None else []:
        if hasattr(child, "children") or hasattr(child, "id"):
            yield from _walk(child)


def test_priorities_outside_every_domain_are_named_not_dropped(layer):
    from components.strategies import gap_section
    from domain.s3 import domain, unmatched_priorities

    rows = [{"nuts_id": "DE11", "priority": "Advanced manufacturing", "domain": "manufacturing"},
            {"nuts_id": "DE11", "priority": "Xyzzy quux", "domain": ""}]
    assert unmatched_priorities(rows) == ["Xyzzy quux"]
    view = {"domain": "advanced_manufacturing", "evidence": [e["indicator"] for e in domain("advanced_manufacturing")["evidence"]],
            "region": None, "eu_only": True}
    section = gap_section(layer, view, {"kind": "priorities", "source": "S", "licence": "L", "rows": rows})
    note = next(c for c in _walk(section) if getattr(c, "id", None) == STRATEGY_IDS("unmatched"))
    assert "1 of 2 priorities match none" in str(note.children) and "Xyzzy quux" in str(note.children)
