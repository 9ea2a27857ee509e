"""The SCO next to other groupings (CSTO, EU, NATO), and simple projections to 2030.

Each grouping's total in a year sums the states that were members at the end of that
year (from the curated membership tables), so enlargements show as steps. A total
is reported with the number of members that have a value, because a member without
data (Uzbek or Turkmen military spending, say) makes the total an undercount.

Projections are deliberately simple: a straight line fitted to the logarithm of the
last ``window`` years of a series, continued to 2030, with a 90% prediction band
from the fit's residuals, for the grouping's *current* members. They say where the
recent trend leads, not what will happen.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.data.sources import sipri, wdi
from analysis.topics import membership, organisations

GROUPS = ("SCO", "CSTO", "EU", "NATO")
INDICATORS = {  # name -> (unit, publisher)
    "population": ("persons", "World Bank WDI"),
    "gdp": ("current US$", "World Bank WDI"),
    "military_expenditure": ("current US$", "SIPRI"),
}
WDI_CODES = {"population": "SP.POP.TOTL", "gdp": "NY.GDP.MKTP.CD"}
Z90 = 1.645


def members(group: str, year: int) -> list[str]:
    """Members of ``group`` at the end of ``year``."""
    return organisations.members(group.lower(), year)


def values(indicator: str) -> pd.DataFrame:
    """Long frame iso3, year, value in the indicator's unit."""
    if indicator in WDI_CODES:
        return wdi.load(WDI_CODES[indicator])[["iso3", "year", "value"]]
    if indicator == "military_expenditure":
        frame = sipri.military_expenditure()
        frame = frame[(frame["measure"] == "current_usd_m") & (frame["status"] == "value")]
        return frame.assign(value=frame["value"] * 1e6)[["iso3", "year", "value"]]
    raise KeyError(f"unknown indicator {indicator!r}; known: {', '.join(INDICATORS)}")


def registry_keys(*indicators: str) -> list[str]:
    """The registry keys of the raw files :func:`values` reads for ``indicators``."""
    unknown = [name for name in indicators if name not in INDICATORS]
    if unknown:
        raise KeyError(f"unknown indicator(s) {unknown}; known: {', '.join(INDICATORS)}")
    return [wdi.registry_key(WDI_CODES[name]) if name in WDI_CODES else sipri.MILEX_KEY
            for name in indicators]


def totals(indicator: str, years: range, groups: tuple[str, ...] = GROUPS) -> pd.DataFrame:
    """Long frame: group, year, total, members, members_with_data (groups, then years)."""
    roster = organisations.member_years(years)
    roster = roster[roster["org_id"].isin([group.lower() for group in groups])]
    joined = roster.merge(values(indicator), on=["year", "iso3"], how="left")
    counted = joined.groupby(["org_id", "year"]).agg(
        total=("value", "sum"), members=("iso3", "size"), members_with_data=("value", "count"))
    every = pd.MultiIndex.from_product([[group.lower() for group in groups], years],
                                       names=["org_id", "year"])
    counted = counted.reindex(every, fill_value=0).reset_index()
    counted.insert(0, "group", counted.pop("org_id").str.upper())
    return counted


@dataclass(frozen=True)
class Projection:
    history: pd.Series  # observed totals of the members covered
    fitted_years: range
    central: pd.Series  # projected values
    low: pd.Series
    high: pd.Series
    annual_growth: float  # implied by the fitted line, % a year
    excluded: tuple[str, ...]  # current members without data in every fitted year


def project(indicator: str, group: str, window: int = 10, horizon: int = 2030) -> Projection:
    """Log-linear trend of the group's current members over the last ``window`` years.

    Members without a value in every year of the window are left out (and listed),
    so that the fitted series does not jump when a member's data start or stop.
    """
    observed = values(indicator)
    states = members(group, int(membership.latest_date().year))
    table = observed[observed["iso3"].isin(states)].pivot(index="year", columns="iso3",
                                                            values="value")
    last = int(table.dropna(how="all").index.max())
    fitted = range(last - window + 1, last + 1)
    covered = table.columns[table.reindex(fitted).notna().all()]
    history = table[covered].dropna().sum(axis=1)
    y = np.log(history.reindex(fitted).to_numpy())
    x = np.arange(window, dtype=float)
    slope, intercept = np.polyfit(x, y, 1)
    residual = y - (intercept + slope * x)
    sigma = float(np.sqrt((residual ** 2).sum() / (window - 2)))
    ahead = np.arange(window, window + horizon - last, dtype=float)
    leverage = 1 + 1 / window + (ahead - x.mean()) ** 2 / ((x - x.mean()) ** 2).sum()
    spread = sigma * np.sqrt(leverage)
    years = range(last + 1, horizon + 1)
    centre = intercept + slope * ahead
    return Projection(
        history=history,
        fitted_years=fitted,
        central=pd.Series(np.exp(centre), index=years),
        low=pd.Series(np.exp(centre - Z90 * spread), index=years),
        high=pd.Series(np.exp(centre + Z90 * spread), index=years),
        annual_growth=float(100 * (np.exp(slope) - 1)),
        excluded=tuple(sorted(set(states) - set(covered))),
    )
