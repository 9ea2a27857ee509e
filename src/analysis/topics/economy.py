"""The economies of the SCO members: growth, convergence, openness, investment, trade ties.

World Bank series for 1992 onwards (the first full year of the Central Asian
states) and Correlates of War bilateral trade, which ends in 2014.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data.sources import cow, wdi

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
