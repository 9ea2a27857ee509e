"""Topics added with the second release: drugs, institutions, import shares, the three
forums, borders on the map."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.data.sources import naturalearth, unodc, wdi
from analysis.presentation import maps
from analysis.topics import borders, drugs, economy, institutions, kazakhstan, membership


def test_seizures_per_person_are_total_over_mean_population():
    raw = unodc.seizures()
    heroin = raw[(raw["iso3"] == "TJK") & (raw["drug"] == "Heroin")]["kg"].sum()
    population = wdi.load("SP.POP.TOTL")
    people = population[(population["iso3"] == "TJK")
                        & population["year"].between(2018, 2022)]["value"].mean()
    assert drugs.totals().loc[("TJK", "Heroin"), "grams_per_1000_people"] == pytest.approx(
        heroin * 1000 / (people / 1000))
    assert drugs.not_reporting() == ["TKM"]
    assert drugs.totals().loc["TKM", "years_reported"].eq(0).all()


def test_budget_rows_are_not_counted_as_institutions():
    every = institutions.institutions()
    assert not every["id"].str.startswith("budget-").any()
    assert len(institutions.budget_facts()) > 0
    assert institutions.by_period().to_numpy().sum() == len(every)
    assert institutions.outside_security(2020) <= institutions.outside_security(2025)
    assert institutions.outside_security(2020, institutions.BODIES) <= \
        institutions.outside_security(2020)


def test_import_shares_from_both_sources_agree_for_kazakhstan():
    shares = economy.import_shares(["KAZ", "KGZ"], ["CHN", "RUS"])
    assert shares["cow"].dropna().between(0, 100).all()
    assert shares.dropna(subset=["cow"])["year"].max() == 2014
    assert shares.dropna(subset=["wits"])["year"].max() == 2021
    agreement = economy.import_share_agreement(shares)
    assert agreement.loc[("KAZ", "CHN"), "mean_abs_difference"] < 3  # the same flows
    assert agreement.loc[("KGZ", "CHN"), "mean_abs_difference"] > 10  # China's exports


def test_remittances_share_is_remittances_over_gdp():
    share = economy.remittances_share(["TJK"]).loc[2020, "TJK"]
    remit = economy.indicator("BX.TRF.PWKR.CD.DT", ["TJK"]).loc[2020, "TJK"]
    gdp = economy.indicator("NY.GDP.MKTP.CD", ["TJK"]).loc[2020, "TJK"]
    assert share == pytest.approx(100 * remit / gdp)


def test_the_cica_is_compared_but_not_coded_in_the_crisis_dataset():
    table = kazakhstan.organisations_compared(membership.latest_date().date().isoformat())
    assert list(table.index) == list(kazakhstan.COMPARED)
    assert table.loc["cica", "crises_coded"] == 0
    assert table.loc["csto", "crises_coded"] > 0
    assert "KAZ" in table.loc["csto", "central_asian_members"]


def test_neighbours_share_a_border_on_the_map_and_others_do_not():
    rings = naturalearth.countries("50m").set_index("iso3")["rings"]
    assert maps.shared_border(rings["KAZ"], rings["KGZ"])
    assert not maps.shared_border(rings["KAZ"], rings["TJK"])
    years = borders.settlement_years([("CHN", "KAZ"), ("KGZ", "TJK"), ("KAZ", "RUS")])
    assert years[("CHN", "KAZ")] == pd.Timestamp("1994-04-26").year
    assert years[("KAZ", "RUS")] is None  # not in the table's scope


def test_wits_shares_cover_only_reported_years():
    shares = economy.import_shares(["KAZ", "TJK", "UZB"], ["CHN", "RUS"]).dropna(
        subset=["wits"])
    years = shares.groupby("iso3")["year"].agg(lambda y: sorted(set(y)))
    assert years["KAZ"] == list(range(1995, 2022))
    assert years["TJK"] == [2000, *range(2016, 2022)]
    assert years["UZB"] == list(range(2017, 2022))
    assert shares["wits"].between(0, 100).all()
