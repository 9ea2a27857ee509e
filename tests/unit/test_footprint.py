"""Area, population and GDP of the SCO members, and the Eurasian and world totals."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.topics import footprint, membership


def test_thesis_vintage_is_eight_members_in_the_thesis_year():
    vintage = footprint.thesis_vintage()
    assert len(vintage.states) == 8
    assert set(vintage.years.values()) == {membership.THESIS_DATA_YEAR}


def test_latest_vintage_uses_current_members_and_complete_years():
    vintage = footprint.latest_vintage()
    assert set(vintage.states) == set(membership.members(membership.latest_date()))
    values = footprint.member_values(vintage)
    assert values[list(footprint.MEASURES)].notna().all().all()


def test_totals_add_up_the_member_values():
    vintage = footprint.thesis_vintage()
    values = footprint.member_values(vintage)
    totals = footprint.totals(vintage).set_index("measure")
    for measure in footprint.MEASURES:
        assert totals.loc[measure, "total"] == pytest.approx(values[measure].sum())
        assert 0 < totals.loc[measure, "share_world"] < totals.loc[measure, "share_eurasia"] < 1


def test_eurasia_is_europe_and_asia_and_includes_the_members():
    eurasia = set(footprint.eurasia_states())
    assert set(membership.members(2025)) <= eurasia
    assert {"FRA", "NOR", "JPN"} <= eurasia  # France and Norway have ISO_A3 = -99
    assert not {"USA", "EGY", "AUS"} & eurasia


def test_first_year_above():
    path = pd.Series([1.0, 2.0, 3.0], index=[2000, 2001, 2002])
    assert footprint.first_year_above(path, 1.5) == 2001
    assert footprint.first_year_above(path, 5) is None


def test_group_series_is_missing_when_a_member_has_no_value():
    series = footprint.group_series("gdp", {1985: ["KAZ", "CHN"], 2019: ["KAZ", "CHN"]})
    assert pd.isna(series[1985])  # Kazakhstan's GDP starts in 1990
    assert series[2019] > 0
