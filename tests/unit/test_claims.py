"""The claims audit: verdict rules, and the verdict of every claim pinned by a test."""

from __future__ import annotations

import pytest

from analysis import claims, curated


@pytest.mark.parametrize(("claimed", "measured", "expected"), [
    (1.5, 1.4, "contradicted"),
    (1.5, 1.5, "contradicted"),
    (1.5, 2.9, "supported"),
    (1.5, 3.0, "outdated"),
    (1.5, None, "unverifiable"),
])
def test_verdict_rule_for_more_than(claimed, measured, expected):
    assert claims.verdict("more than", claimed, measured) == expected


@pytest.mark.parametrize(("claimed", "measured", "expected"), [
    (1865, 1865, "supported"),
    (1865, 1866, "contradicted"),
])
def test_verdict_rule_for_equal_to(claimed, measured, expected):
    assert claims.verdict("equal to", claimed, measured) == expected


def test_a_measurement_of_another_concept_is_unverifiable():
    assert claims.verdict("more than", 4000, 335, comparable=False) == "unverifiable"


def test_unknown_relation_is_an_error():
    with pytest.raises(ValueError, match="unknown claim relation"):
        claims.verdict("roughly", 1, 1)


def test_every_claim_names_a_known_check():
    assert set(curated.load("thesis_claims")["check"]) <= set(claims.CHECKS)


# A change in the data or the code that flips a verdict must be noticed and explained.
EXPECTED_VERDICTS = {
    "intro-area": "supported",
    "intro-population": "outdated",
    "intro-gdp": "outdated",
    "telegraph-union": "supported",
    "postal-union": "supported",
    "igo-count": "unverifiable",
    "ingo-count": "unverifiable",
}


def test_verdicts_are_as_published():
    audited = claims.evaluate().set_index("claim_id")["verdict"].to_dict()
    assert audited == EXPECTED_VERDICTS


def test_each_measurement_names_its_basis_and_a_source():
    audited = claims.evaluate()
    assert (audited["basis"].str.len() > 0).all()
    measured = audited["measured"].notna()
    assert audited.loc[measured, "source"].str.contains("sha256").all()
