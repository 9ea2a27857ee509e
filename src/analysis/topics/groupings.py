"""The SCO next to other groupings (CSTO, EU, NATO), and extrapolations to 2030.

Three rules from the design govern every aggregate here:

* **Prices.** Money over time is in constant prices: GDP in constant 2015 US dollars,
  chained from each state's 2015 GDP in current dollars with the World Bank's real
  growth rates (the mirror has no constant-price GDP series), and military
  expenditure in SIPRI's constant 2023 US dollars. The ``*_current`` indicators are
  in current US dollars, for shares within one year only.
* **Membership.** A grouping's total can be taken over each year's members
  (``changing``: enlargements show as steps), over today's members in every year
  (``today``), or over the six founders of the SCO (``founders``); comparing them
  separates accession from growth.
* **Coverage.** ``total`` is missing in a year when any member has no value; the sum
  over the members with data is ``covered_total``, with ``members_with_data`` beside
  it, for a reader who wants it with its coverage shown.

Extrapolations treat the logarithm of a total as a random walk with drift over the
last ``window`` years: they start at the last observation, grow at the mean growth
of the window, and their 90% band widens with the square root of the horizon (plus
the uncertainty of the estimated drift). They say where recent growth leads, not
what will happen.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from analysis.data.sources import sipri, wdi
from analysis.topics import membership, organisations

GROUPS = ("SCO", "CSTO", "EU", "NATO")
COMPOSITIONS = ("changing", "today", "founders")
PRICE_BASE_YEAR = 2015
INDICATORS = {  # name -> unit
    "population": "persons",
    "gdp": f"constant {PRICE_BASE_YEAR} US$",
    "gdp_current": "current US$",
    "military_expenditure": "constant 2023 US$",
    "military_expenditure_current": "current US$",
}
WDI_CODES = {"population": ["SP.POP.TOTL"], "gdp_current": ["NY.GDP.MKTP.CD"],
             "gdp": ["NY.GDP.MKTP.CD", "NY.GDP.MKTP.KD.ZG"]}
SIPRI_MEASURES = {"military_expenditure": "constant_2023_usd_m",
                  "military_expenditure_current": "current_usd_m"}
Z90 = 1.645


def members(group: str, year: int) -> list[str]:
    """Members of ``group`` at the end of ``year``."""
    return organisations.members(group.lower(), year)


def chained(levels: pd.DataFrame, growth: pd.DataFrame, base: int) -> pd.DataFrame:
    """Constant-price levels: each state's ``base``-year level, carried to other years
    by its real growth rates (% a year). A year without a growth rate breaks the chain:
    the years beyond it stay missing rather than being bridged."""
    rates = growth.pivot(index="year", columns="iso3", values="value")
    rates = rates.reindex(range(int(rates.index.min()), int(rates.index.max()) + 1))
    factors = 1 + rates / 100
    start = levels[levels["year"] == base].set_index("iso3")["value"].reindex(factors.columns)
    later = factors.loc[base + 1:].cumprod(skipna=False) * start
    # level(y - 1) = level(y) / factor(y), going back from the base year
    earlier = start / factors.loc[:base].iloc[::-1].cumprod(skipna=False)
    earlier.index = earlier.index - 1
    table = pd.concat([earlier, start.to_frame(base).T, later]).rename_axis("year")
    long = table.stack(future_stack=True).rename("value").reset_index()
    return long.dropna(subset=["value"])[["iso3", "year", "value"]].sort_values(
        ["iso3", "year"], ignore_index=True)


def values(indicator: str) -> pd.DataFrame:
    """Long frame iso3, year, value in the indicator's unit (see INDICATORS)."""
    return _values(indicator).copy()


@cache
def _values(indicator: str) -> pd.DataFrame:
    """Computed once per process: a chapter asks for the same indicator a dozen times."""
    if indicator == "gdp":
        current, growth = (wdi.load(code)[["iso3", "year", "value"]]
                           for code in WDI_CODES["gdp"])
        return chained(current, growth, PRICE_BASE_YEAR)
    if indicator in WDI_CODES:
        return wdi.load(WDI_CODES[indicator][0])[["iso3", "year", "value"]]
    if indicator in SIPRI_MEASURES:
        frame = sipri.military_expenditure()
        frame = frame[(frame["measure"] == SIPRI_MEASURES[indicator])
                      & (frame["status"] == "value")]
        return frame.assign(value=frame["value"] * 1e6)[["iso3", "year", "value"]]
    raise KeyError(f"unknown indicator {indicator!r}; known: {', '.join(INDICATORS)}")


def registry_keys(*indicators: str) -> list[str]:
    """The registry keys of the raw files :func:`values` reads for ``indicators``."""
    unknown = [name for name in indicators if name not in INDICATORS]
    if unknown:
        raise KeyError(f"unknown indicator(s) {unknown}; known: {', '.join(INDICATORS)}")
    keys = [wdi.registry_key(code) for name in indicators for code in WDI_CODES.get(name, [])]
    keys += [sipri.MILEX_KEY] * any(name in SIPRI_MEASURES for name in indicators)
    return list(dict.fromkeys(keys))


def roster(years: range, groups: tuple[str, ...], composition: str) -> pd.DataFrame:
    """org_id, year, iso3: whose values make each grouping's total in each year."""
    if composition not in COMPOSITIONS:
        raise ValueError(f"composition must be one of {COMPOSITIONS}, not {composition!r}")
    wanted = [group.lower() for group in groups]
    if composition == "changing":
        table = organisations.member_years(years)
        return table[table["org_id"].isin(wanted)][["org_id", "year", "iso3"]]
    if composition == "founders" and wanted != ["sco"]:
        raise ValueError("the founders' composition exists for the SCO only")
    latest = int(membership.latest_date().year)
    fixed = {group: (membership.founding_members() if composition == "founders"
                     else members(group, latest)) for group in wanted}
    return pd.DataFrame([(group, year, iso3) for group, states in fixed.items()
                         for year in years for iso3 in states],
                        columns=["org_id", "year", "iso3"])


def totals(indicator: str, years: range, groups: tuple[str, ...] = GROUPS,
           composition: str = "changing") -> pd.DataFrame:
    """Long frame: group, year, total (missing unless every member has a value),
    covered_total (the sum over the members with a value), members, members_with_data."""
    joined = roster(years, groups, composition).merge(values(indicator), on=["year", "iso3"],
                                                      how="left")
    counted = joined.groupby(["org_id", "year"]).agg(
        covered_total=("value", "sum"), members=("iso3", "size"),
        members_with_data=("value", "count"))
    every = pd.MultiIndex.from_product([[group.lower() for group in groups], years],
                                       names=["org_id", "year"])
    counted = counted.reindex(every, fill_value=0).reset_index()
    counted.insert(0, "group", counted.pop("org_id").str.upper())
    complete = (counted["members"] > 0) & (counted["members_with_data"] == counted["members"])
    counted.insert(2, "total", counted["covered_total"].where(complete))
    counted.loc[counted["members_with_data"] == 0, "covered_total"] = np.nan
    return counted


@dataclass(frozen=True)
class Projection:
    history: pd.Series  # observed totals of the members covered
    fitted_years: range
    central: pd.Series  # extrapolated values, from the last observation on
    low: pd.Series
    high: pd.Series
    annual_growth: float  # mean growth over the window, % a year
    excluded: tuple[str, ...]  # current members without data in every year of the window


def project(indicator: str, group: str, window: int = 10, horizon: int = 2030) -> Projection:
    """Random walk with drift in logs for the group's current members, from the last
    observation to ``horizon``.

    Members without a value in every year of the window are left out (and listed),
    so that the series does not jump when a member's data start or stop.
    """
    observed = values(indicator)
    states = members(group, int(membership.latest_date().year))
    table = observed[observed["iso3"].isin(states)].pivot(index="year", columns="iso3",
                                                            values="value")
    last = int(table.dropna(how="all").index.max())
    fitted = range(last - window, last + 1)  # window growth rates need window + 1 levels
    covered = table.columns[table.reindex(fitted).notna().all()]
    history = table[covered].dropna().sum(axis=1)
    growth = np.diff(np.log(history.reindex(fitted).to_numpy()))
    drift, sigma = float(growth.mean()), float(growth.std(ddof=1))
    steps = np.arange(1, horizon - last + 1, dtype=float)
    spread = sigma * np.sqrt(steps + steps ** 2 / window)  # shocks, and the drift's error
    centre = np.log(history.loc[last]) + drift * steps
    years = range(last + 1, horizon + 1)
    return Projection(
        history=history,
        fitted_years=fitted,
        central=pd.Series(np.exp(centre), index=years),
        low=pd.Series(np.exp(centre - Z90 * spread), index=years),
        high=pd.Series(np.exp(centre + Z90 * spread), index=years),
        annual_growth=float(100 * (np.exp(drift) - 1)),
        excluded=tuple(sorted(set(states) - set(covered))),
    )


def _first_year_ahead(leader: pd.Series, other: pd.Series) -> int | None:
    """The first year from which ``leader`` stays above ``other`` (both by year)."""
    ahead = (leader > other).reindex(leader.index, fill_value=False)
    behind = ahead.index[~ahead & leader.notna() & other.reindex(leader.index).notna()]
    after = ahead.index[ahead & (ahead.index > (behind.max() if len(behind) else 0))]
    return int(after.min()) if len(after) else None


def overtaking(years: range) -> dict[str, object]:
    """When the SCO's output passed the EU's, as each year's members and as fixed
    compositions (the six founders against today's EU), in constant prices: the first
    mixes accession with growth, the second is growth alone."""
    changing = totals("gdp", years, ("SCO", "EU")).pivot(
        index="year", columns="group", values="total")
    founders = totals("gdp", years, ("SCO",), "founders").set_index("year")["total"]
    eu_today = totals("gdp", years, ("EU",), "today").set_index("year")["total"]
    return {"changing": _first_year_ahead(changing["SCO"], changing["EU"]),
            "fixed": _first_year_ahead(founders, eu_today),
            "founders": founders, "eu_today": eu_today}
