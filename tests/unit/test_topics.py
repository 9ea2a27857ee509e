"""Topic modules: conflict, security, economy, groupings, stages, alignment, Kazakhstan."""

from __future__ import annotations

import pandas as pd

from analysis.topics import (
    alignment,
    conflict,
    economy,
    groupings,
    kazakhstan,
    membership,
    organisations,
    regions,
    security,
    stages,
)


def test_ranges_are_written_compactly():
    assert security._ranges([1992, 1993, 1994, 1998]) == "1992-1994, 1998"
    assert security._ranges([]) == ""


def test_expenditure_coverage_reports_the_gaps():
    coverage = security.expenditure_coverage(regions.CENTRAL_ASIA)
    assert coverage.loc["KGZ", "missing years"] == "none"
    assert coverage.loc["TKM", "last"] < coverage.loc["KAZ", "last"]
    assert "adopted budget" in coverage.loc["UZB", "SIPRI note"]


def test_central_asian_conflicts_have_deaths_where_the_brd_has_them():
    table = conflict.central_asian_conflicts().set_index("conflict_id")
    assert table.loc[395, "battle deaths (best)"] > 5000  # Tajik civil war
    assert pd.isna(table.loc[16292, "battle deaths (best)"])  # not in the BRD file


def test_main_partner_switch_is_the_first_year_for_good():
    shares = pd.DataFrame({
        "iso3": ["X"] * 8, "partner": ["A", "B"] * 4, "year": [1, 1, 2, 2, 3, 3, 4, 4],
        "share": [50, 40, 40, 50, 50, 45, 30, 60]})
    assert economy.main_partner_switch(shares, "A", "B")["X"] == 4


def test_groupings_use_members_of_each_year():
    table = groupings.totals("population", range(2016, 2018)).set_index(["group", "year"])
    assert table.loc[("SCO", 2016), "members"] == 6
    assert table.loc[("SCO", 2017), "members"] == 8
    assert (table["members_with_data"] <= table["members"]).all()


def test_projection_band_contains_the_central_path():
    result = groupings.project("gdp", "EU")
    assert (result.low < result.central).all() and (result.central < result.high).all()
    assert result.central.index[-1] == 2030
    assert len(result.fitted_years) == 11  # ten years of growth need eleven levels


def test_stage_boundaries_come_from_the_curated_tables():
    periods = stages.periods().set_index("label")
    assert periods.loc["Shanghai Five", "start"] == 1996
    assert periods.loc["Enlargement", "start"] == membership.first_year("IND", "member")
    assert (periods["end"] >= periods["start"]).all()


def test_eu_reference_follows_membership():
    reference = alignment.eu_reference()
    assert len(organisations.members("eu", 2019)) == 28
    assert len(organisations.members("eu", 2021)) == 27
    assert reference.notna().loc[1992:].all()  # 1964 had no recorded UN votes


def test_members_agree_with_the_table_of_roles():
    """The quick member list is the 'member' column of the full roles table."""
    for year in (1995, 2002, 2012, 2019, 2024):
        roles = organisations.roles_on(year)
        for org_id in roles.columns:
            expected = sorted(roles.index[roles[org_id] == "member"])
            assert organisations.members(org_id, year) == expected, (org_id, year)
    assert organisations.members("no-such-organisation", 2019) == []
    assert organisations.members("csto", 2013) != organisations.members("csto", 2011)  # UZB


def test_kazakhstan_position_and_csto_history():
    position = kazakhstan.position_among_members()
    assert position.loc["area", "rank"] <= 5
    spells = kazakhstan.csto_spells()
    assert set(spells.loc[spells["iso3"] == "UZB", "role"]) == {"member", "suspended"}
