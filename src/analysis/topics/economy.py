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


def _flows(iso3: str) -> pd.DataFrame:
    """``iso3``'s flows with each partner per year since ``FIRST_YEAR`` in COW Trade v4.0
    (US$ million, current): ``year, partner, imports, exports`` (missing: not recorded)."""
    frame = cow.trade()
    frame = frame[frame["year"] >= FIRST_YEAR]
    first = frame[frame["iso3_1"] == iso3].rename(
        columns={"iso3_2": "partner", "flow1": "imports", "flow2": "exports"})
    second = frame[frame["iso3_2"] == iso3].rename(
        columns={"iso3_1": "partner", "flow2": "imports", "flow1": "exports"})
    return pd.concat([first, second])[["year", "partner", "imports", "exports"]]


def partner_trade(iso3: str) -> pd.DataFrame:
    """``iso3``'s recorded trade with each partner per year since ``FIRST_YEAR``.

    Long frame ``year, partner, trade``: imports plus exports in COW Trade v4.0 (US$
    million, current), missing when neither flow is recorded.
    """
    flows = _flows(iso3)
    return flows.assign(trade=flows[["imports", "exports"]].sum(axis=1, min_count=1))[
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


def _partner_shares(imports: pd.DataFrame, partners: list[str]) -> pd.DataFrame:
    """Share (%) of each of ``partners`` in the imports (``year, partner, value``) of each
    year with any recorded: ``year, partner, share`` (0 when nothing came from it)."""
    total = imports.groupby("year")["value"].sum()
    grid = pd.MultiIndex.from_product([total.index, partners], names=["year", "partner"])
    chosen = imports[imports["partner"].isin(partners)]
    values = chosen.groupby(["year", "partner"])["value"].sum().reindex(grid, fill_value=0)
    shares = 100 * values / total.reindex(values.index.get_level_values("year")).to_numpy()
    return shares.rename("share").reset_index()


def import_shares(states: list[str], partners: list[str]) -> pd.DataFrame:
    """Share (%) of each partner in each state's imports, from both sources: ``cow``
    (COW Trade v4.0, to 2014, partner-recorded flows included) and ``wits`` (the state's
    own customs data via WITS, to 2021, in the years it reported). Long frame
    ``iso3, partner, year, cow, wits``."""
    frames = []
    for iso3 in states:
        cow_imports = _flows(iso3).rename(columns={"imports": "value"}).dropna(subset=["value"])
        wits_imports = wits.imports(iso3)[["year", "partner_iso3", "imports_usd"]].set_axis(
            ["year", "partner", "value"], axis=1)
        both = _partner_shares(cow_imports, partners).rename(columns={"share": "cow"}).merge(
            _partner_shares(wits_imports, partners).rename(columns={"share": "wits"}),
            on=["year", "partner"], how="outer")
        frames.append(both.assign(iso3=iso3))
    return pd.concat(frames, ignore_index=True).sort_values(
        ["iso3", "partner", "year"], ignore_index=True)[["iso3", "partner", "year", "cow", "wits"]]


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
