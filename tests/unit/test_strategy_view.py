"""A Strategies view on the tiny layer: its address read and written back, the quarters of its score map, a user's
priorities assigned to domains and regions, and each region's gap category."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from domain.s3 import GAP_CATEGORIES, PER_COUNTRY_CHOICES, declared_regions, gap_view, load_domains, matches_domain
from domain.strategy import parse_strategy, score_classes, strategy_query

FIRST = load_domains()[0]
DEFAULT_EVIDENCE = [link["indicator"] for link in FIRST["evidence"]]


def test_an_empty_query_is_the_first_domain_with_its_own_evidence(tiny_layer):
    view, notices = parse_strategy({}, tiny_layer)
    assert notices == [] and view == {"domain": FIRST["id"], "evidence": DEFAULT_EVIDENCE, "region": None,
                                      "eu_only": True, "per_country": 3}
    assert strategy_query(view) == f"domain={FIRST['id']}"


@pytest.mark.parametrize(("query", "field", "value"), [
    ({"evidence": "share,lq"}, "evidence", ["share", "lq"]),
    ({"region": "BE12"}, "region", "BE12"),
    ({"eu_only": "0"}, "eu_only", False),
    *[({"per_country": str(n)}, "per_country", n) for n in PER_COUNTRY_CHOICES],
])
def test_a_good_value_is_kept_and_travels_in_the_link(tiny_layer, query, field, value):
    view, notices = parse_strategy(query, tiny_layer)
    assert notices == [] and view[field] == value
    again, _ = parse_strategy(dict(pair.split("=") for pair in strategy_query(view).split("&")), tiny_layer)
    assert again == view


@pytest.mark.parametrize(("query", "words"), [
    ({"domain": "astrology"}, "Unknown domain “astrology”"),
    ({"evidence": "share,nope"}, "Unknown evidence indicators ignored"),
    ({"region": "AT1"}, "Unknown NUTS 2 region “AT1”"),
    ({"region": "ZZ99"}, "Unknown NUTS 2 region “ZZ99”"),
    ({"per_country": "4"}, "must be one of 1, 2, 3, 5, 10; using 3"),
    ({"per_country": "²"}, "must be one of"),
    ({"colour": "red"}, "Unknown parameter colour ignored"),
])
def test_a_bad_value_falls_back_with_a_notice_and_never_travels_on(tiny_layer, query, words):
    view, notices = parse_strategy(query, tiny_layer)
    assert len(notices) == 1 and words in notices[0]
    assert "astrology" not in strategy_query(view) and "ZZ99" not in strategy_query(view)
    assert view["per_country"] in PER_COUNTRY_CHOICES


def test_only_the_evidence_the_layer_has_at_nuts_2_is_kept(tiny_layer):
    view, _ = parse_strategy({"evidence": "share,nope"}, tiny_layer)
    assert view["evidence"] == ["share"]
    view, _ = parse_strategy({"evidence": "nope"}, tiny_layer)
    assert view["evidence"] == DEFAULT_EVIDENCE


def test_score_quarters_put_75_in_the_top_class_and_count_regions_without_a_score(tiny_layer):
    scores = pd.DataFrame({"nuts_id": ["AT11", "AT12", "BE11"], "score": [75.0, 74.9, 10.0]})
    classes = score_classes(tiny_layer, scores)
    assert classes.edges[0] == 0.0 and classes.edges[-1] == 100.0 and classes.k == 4
    assert classes.counts == (1, 0, 1, 1) and classes.n_missing == 1


@pytest.mark.parametrize(("text", "domain_id", "matches"), [
    ("Automotive supplier cluster", "advanced_manufacturing", True),
    ("INDUSTRY 4.0 and robotics", "advanced_manufacturing", True),
    ("AI in health", "digital_ai", True),
    ("Cyber security", "digital_ai", True),
    ("Kaiser wine tourism", "digital_ai", False),
    ("Wine tourism", "advanced_manufacturing", False),
])
def test_a_priority_belongs_to_a_domain_by_its_keywords(text, domain_id, matches):
    assert matches_domain(text, domain_id) is matches


def test_priorities_of_a_country_count_for_each_of_its_regions_and_nuts_3_for_its_nuts_2(tiny_layer):
    rows = [{"nuts_id": "AT", "priority": "Robotics", "domain": "automation"},
            {"nuts_id": "BE111", "priority": "Machinery", "domain": ""},
            {"nuts_id": "BE12", "priority": "Tourism", "domain": "leisure"}]
    assert declared_regions(tiny_layer, rows, "advanced_manufacturing") == {"AT11": ["Robotics"], "AT12": ["Robotics"],
                                                                            "BE11": ["Machinery"]}
    assert declared_regions(tiny_layer, rows, "advanced_manufacturing", keyword="machin") == {"BE11": ["Machinery"]}


def test_gap_categories_cross_priorities_with_strong_evidence(tiny_layer):
    """On the tiny layer's location quotients (AT11 0.5, BE11 1.0, AT12 1.5, BE12 2.0) only BE12 scores 75 or more."""
    table = gap_view(tiny_layer, ["lq"], {"AT11": ["x"], "BE12": ["y"]}).set_index("nuts_id")
    assert table.category.to_dict() == {"AT11": GAP_CATEGORIES[1], "AT12": GAP_CATEGORIES[3], "BE11": GAP_CATEGORIES[3],
                                        "BE12": GAP_CATEGORIES[0]}
    assert not math.isnan(table.score["AT11"]) and table.score["BE12"] == pytest.approx(100.0)
