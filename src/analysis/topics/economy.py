"""The economies of the SCO members: growth, convergence, openness, investment, trade
ties, remittances and migration.

World Bank series for 1992 onwards (the first full year of the Central Asian
states), Correlates of War bilateral trade, which ends in 2014, and the states' own
import statistics by partner from WITS, which run to 2021 with gaps.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data.sources import cow, wdi, wits

FIRST_YEAR = 1992


def indicator(code: str, states: list[str], since: int = FIRST_YEAR) -> pd.DataFrame:
    """A WDI indicator, wide (year x ISO3), missing values left missing."""
    frame = wdi.load(code)
    frame = frame[frame["iso3"].isin(states) & (frame["year"] >= since)]
    years = range(since, int(wdi.load(code)["year"].max()) + 1)
    return frame.pivot(index="year", columns="iso3", values="value").reindex(
        index=years, columns=states)


def trade_openness(states: list[str]) -> pd.DataFrame:
    """Exports plus imports of goods and services, % of GDP (WDI NE.TRD.GNFS.ZS)."""
    return indicator("NE.EXP.GNFS.ZS", states) + indicator("NE.IMP.GNFS.ZS", states)


def income_dispersion(states: list[str]) -> pd.Series:
    """Standard deviation of log GDP per capita (PPP) across ``states``, per year.

    Falling dispersion is sigma-convergence; years in which a state has no value are
    left out rather than computed on fewer states.
    """
    table = indicator("NY.GDP.PCAP.PP.CD", states)
    complete = table.dropna()
    return np.log(complete).std(axis=1, ddof=0).rename("dispersion")


def average_growth(states: list[str], periods: list[tuple[int, int]]) -> pd.DataFrame:
    """Mean annual real GDP growth (%) of each state in each period (inclusive years)."""
    growth = indicator("NY.GDP.MKTP.KD.ZG", states)
    return pd.DataFrame({f"{a}-{b}": growth.loc[a:b].mean() for a, b in periods})


def partner_trade(iso3: str) -> pd.DataFrame:
    """``iso3``'s recorded trade with each partner per year since ``FIRST_YEAR``.

    Long frame ``year, partner, trade``: imports plus exports in COW Trade v4.0 (US$
    million, current), missing when neither flow is recorded.
    """
    frame = cow.trade()
    frame = frame[frame["year"] >= FIRST_YEAR]
    first = frame[frame["iso3_1"] == iso3].assign(partner=lambda f: f["iso3_2"])
    second = frame[frame["iso3_2"] == iso3].assign(partner=lambda f: f["iso3_1"])
    dyads = pd.concat([first, second])
    return dyads.assign(trade=dyads[["flow1", "flow2"]].sum(axis=1, min_count=1))[
        ["year", "partner", "trade"]]


def trade_partner_shares(states: list[str], partners: list[str]) -> pd.DataFrame:
    """Share (%) of each partner in each state's total recorded trade, per year.

    The total is the sum over every partner with a recorded flow (see
    :func:`partner_trade`). Long frame: iso3, partner, year, share.
    """
    rows = []
    for iso3 in states:
        dyads = partner_trade(iso3)
        total = dyads.groupby("year")["trade"].sum()
        for partner in partners:
            with_partner = dyads[dyads["partner"] == partner].groupby("year")["trade"].sum()
            share = (100 * with_partner / total).rename("share")
            rows.append(share.reset_index().assign(iso3=iso3, partner=partner))
    return pd.concat(rows, ignore_index=True)[["iso3", "partner", "year", "share"]]


def main_partner_switch(shares: pd.DataFrame, first: str, second: str) -> pd.Series:
    """Per state: the first year from which ``second`` outweighs ``first`` for good."""
    out = {}
    for iso3, part in shares.groupby("iso3"):
        wide = part.pivot(index="year", columns="partner", values="share").dropna()
        ahead = wide[second] > wide[first]
        behind_years = ahead.index[~ahead]
        later = ahead.index[ahead & (ahead.index > (behind_years.max() if len(behind_years)
                                                    else ahead.index.min() - 1))]
        out[iso3] = int(later.min()) if len(later) else pd.NA
    return pd.Series(out, name=f"{second} ahead of {first} from")


def _imports(iso3: str) -> pd.DataFrame:
    """``iso3``'s imports from each partner per year in COW Trade (US$ million)."""
    frame = cow.trade()
    frame = frame[frame["year"] >= FIRST_YEAR]
    first = frame[frame["iso3_1"] == iso3].assign(partner=lambda f: f["iso3_2"],
                                                  imports=lambda f: f["flow1"])
    second = frame[frame["iso3_2"] == iso3].assign(partner=lambda f: f["iso3_1"],
                                                   imports=lambda f: f["flow2"])
    return pd.concat([first, second])[["year", "partner", "imports"]].dropna()


def import_shares(states: list[str], partners: list[str]) -> pd.DataFrame:
    """Share (%) of each partner in each state's imports, from both sources: ``cow``
    (COW Trade v4.0, to 2014, partner-recorded flows included) and ``wits`` (the state's
    own customs data via WITS, to 2021). Long frame ``iso3, partner, year, cow, wits``."""
    rows = []
    for iso3 in states:
        imports = _imports(iso3)
        total = imports.groupby("year")["imports"].sum()
        for partner in partners:
            share = 100 * imports[imports["partner"] == partner].groupby("year")["imports"] \
                .sum().reindex(total.index, fill_value=0) / total
            rows.append(share.rename("cow").reset_index().assign(iso3=iso3, partner=partner))
    cow_shares = pd.concat(rows, ignore_index=True)
    wits_shares = wits.import_shares(tuple(partners)).rename(
        columns={"reporter_iso3": "iso3", "partner_iso3": "partner", "share": "wits"})
    merged = cow_shares.merge(wits_shares[wits_shares["iso3"].isin(states)],
                              on=["iso3", "partner", "year"], how="outer")
    return merged.sort_values(["iso3", "partner", "year"], ignore_index=True)[
        ["iso3", "partner", "year", "cow", "wits"]]


def import_share_agreement(shares: pd.DataFrame) -> pd.DataFrame:
    """Where both sources have a share: the years, and the mean absolute difference and
    the correlation of the two series, per state and partner."""
    both = shares.dropna(subset=["cow", "wits"])
    return both.groupby(["iso3", "partner"]).apply(lambda g: pd.Series({
        "years": len(g), "first": int(g["year"].min()), "last": int(g["year"].max()),
        "mean_abs_difference": float((g["cow"] - g["wits"]).abs().mean()),
        "correlation": float(g["cow"].corr(g["wits"])) if len(g) > 2 else float("nan")}),
        include_groups=False)


def remittances_share(states: list[str]) -> pd.DataFrame:
    """Personal remittances received as a share (%) of GDP, per year."""
    remittances = indicator("BX.TRF.PWKR.CD.DT", states)
    gdp = indicator("NY.GDP.MKTP.CD", states).reindex(remittances.index)
    return 100 * remittances / gdp


def net_migration_rate(states: list[str]) -> pd.DataFrame:
    """Net migration per 1,000 people, per year (negative: more people left)."""
    migration = indicator("SM.POP.NETM", states)
    population = indicator("SP.POP.TOTL", states).reindex(migration.index)
    return 1000 * migration / population
