"""Aggregates over groupings: constant prices, fixed compositions, honest coverage,
extrapolations anchored at the last observation."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.topics import groupings, membership


def _long(rows):
    return pd.DataFrame(rows, columns=["iso3", "year", "value"])


def test_constant_prices_chain_real_growth_from_the_base_year():
    levels = _long([("KAZ", 2015, 100.0), ("KAZ", 2016, 999.0)])  # 2016 in current US$
    growth = _long([("KAZ", 2014, 3.0), ("KAZ", 2015, 5.0), ("KAZ", 2016, 10.0),
                    ("KAZ", 2017, None), ("KAZ", 2018, 2.0)])
    chained = groupings.chained(levels, growth, 2015).set_index("year")["value"]
    assert chained[2015] == 100.0
    assert chained[2016] == pytest.approx(110.0)  # not the current-dollar 999
    assert chained[2014] == pytest.approx(100 / 1.05)
    assert chained[2013] == pytest.approx(100 / 1.05 / 1.03)
    assert 2017 not in chained.index and 2018 not in chained.index  # the chain breaks


def _fake(monkeypatch, values):
    roster = pd.DataFrame([("sco", year, iso3) for year in (2000, 2001)
                           for iso3 in ("KAZ", "UZB")], columns=["org_id", "year", "iso3"])
    monkeypatch.setattr(groupings, "roster", lambda years, groups, composition: roster)
    monkeypatch.setattr(groupings, "values", lambda indicator: _long(values))


def test_a_total_with_a_member_missing_is_missing_but_its_coverage_is_shown(monkeypatch):
    _fake(monkeypatch, [("KAZ", 2000, 1.0), ("UZB", 2000, 2.0), ("KAZ", 2001, 4.0)])
    table = groupings.totals("gdp", range(2000, 2002), ("SCO",)).set_index("year")
    assert table.loc[2000, "total"] == 3.0
    assert math.isnan(table.loc[2001, "total"])  # Uzbekistan has no value
    assert table.loc[2001, "covered_total"] == 4.0
    assert (table.loc[2001, "members_with_data"], table.loc[2001, "members"]) == (1, 2)


def test_a_year_with_no_data_is_a_gap_not_a_zero(monkeypatch):
    _fake(monkeypatch, [("KAZ", 2000, 1.0), ("UZB", 2000, 2.0)])
    table = groupings.totals("gdp", range(2000, 2002), ("SCO",)).set_index("year")
    assert math.isnan(table.loc[2001, "total"]) and math.isnan(table.loc[2001, "covered_total"])


def test_fixed_compositions_keep_the_same_states_in_every_year():
    years = range(1998, 2025)
    founders = groupings.roster(years, ("SCO",), "founders")
    assert founders.groupby("year")["iso3"].apply(frozenset).nunique() == 1
    assert set(founders["iso3"]) == set(membership.founding_members())
    today = groupings.roster(years, ("SCO",), "today")
    assert set(today[today["year"] == 1998]["iso3"]) == set(
        groupings.members("SCO", int(membership.latest_date().year)))
    changing = groupings.roster(years, ("SCO",), "changing")
    assert "IND" not in set(changing[changing["year"] == 2010]["iso3"])
    with pytest.raises(ValueError, match="founders"):
        groupings.roster(years, ("EU",), "founders")


def test_an_extrapolation_starts_at_the_last_observation(monkeypatch):
    years = range(2010, 2021)
    levels = [100 * 1.05 ** i * (1.02 if i % 2 else 0.98) for i in range(len(years))]
    observed = _long([("KAZ", y, v) for y, v in zip(years, levels, strict=True)])
    monkeypatch.setattr(groupings, "values", lambda indicator: observed)
    monkeypatch.setattr(groupings, "members", lambda group, year: ["KAZ"])
    result = groupings.project("gdp", "SCO", window=10, horizon=2023)
    drift = np.mean(np.diff(np.log(levels)))
    assert result.central[2021] == pytest.approx(levels[-1] * math.exp(drift))
    assert result.central[2023] == pytest.approx(levels[-1] * math.exp(3 * drift))
    widths = np.log(result.high / result.low)
    assert widths.is_monotonic_increasing  # the band widens with the horizon
    assert result.low[2021] < result.central[2021] < result.high[2021]
