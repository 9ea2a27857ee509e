"""Time-varying SCO membership, read from the curated status table."""

from __future__ import annotations

import pytest

from analysis.topics import membership

SHANGHAI_FIVE = ["CHN", "KAZ", "KGZ", "RUS", "TJK"]


def test_before_2001_the_members_are_the_shanghai_five():
    assert membership.members(1999) == SHANGHAI_FIVE
    assert membership.states("shanghai_five", "2000-06-01") == SHANGHAI_FIVE


def test_uzbekistan_joins_on_the_founding_day():
    assert membership.members("2001-06-14") == SHANGHAI_FIVE
    assert membership.members("2001-06-15") == sorted([*SHANGHAI_FIVE, "UZB"])
    assert membership.founding_members() == sorted([*SHANGHAI_FIVE, "UZB"])


def test_a_year_means_its_last_day():
    assert "IND" not in membership.members(2016)
    assert {"IND", "PAK"} <= set(membership.members(2017))


def test_the_thesis_vintage_has_eight_members():
    assert membership.members(membership.THESIS_DATA_YEAR) == [
        "CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"]


def test_enlargements_and_the_2025_merger():
    assert "IRN" in membership.members(2023) and "IRN" not in membership.members(2022)
    assert "BLR" in membership.members(2024)
    assert membership.states("observer", 2024) == ["AFG", "MNG"]
    assert membership.states("observer", 2025) == []
    assert "LAO" in membership.states("partner", 2025)
    assert membership.first_year("IND", "member") == 2017


def test_every_state_holds_one_status_at_a_time():
    panel = membership.membership_panel(range(1996, 2026))
    assert not panel.duplicated(["iso3", "year"]).any()


def test_unknown_status_is_an_error():
    with pytest.raises(ValueError, match="unknown SCO status"):
        membership.states("ally", 2020)
