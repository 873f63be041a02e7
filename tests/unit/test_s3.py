"""S3 evidence scores on the tiny layer: computed once per evidence list, handed out as independent copies."""

from __future__ import annotations

import pytest

from domain.s3 import domain_scores


def test_scores_are_mean_percentiles_and_each_call_gets_its_own_copy(tiny_layer):
    first = domain_scores(tiny_layer, ["share", "lq"])
    scores = first.set_index("nuts_id").score
    assert scores["BE11"] == pytest.approx((100 + 100 / 3) / 2) and first.attrs["years"] == {"share": 2021, "lq": 2021}
    first.loc[:, "score"] = -1
    first.attrs["years"].clear()
    again = domain_scores(tiny_layer, ["share", "lq"])
    assert again.set_index("nuts_id").score["BE11"] == pytest.approx((100 + 100 / 3) / 2)
    assert again.attrs["years"] == {"share": 2021, "lq": 2021}
