"""Security in Central Asia in data: terrorism, conflict deaths, military spending, arms.

Every series is returned wide (year x ISO3) over the full span of its source, with
missing years left missing, so that figures show gaps as gaps. Nothing is
interpolated.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.sources import owid, sipri


def _wide(frame: pd.DataFrame, column: str, states: list[str]) -> pd.DataFrame:
    years = range(int(frame["year"].min()), int(frame["year"].max()) + 1)
    table = frame[frame["iso3"].isin(states)].pivot(index="year", columns="iso3", values=column)
    return table.reindex(index=years, columns=states)


def terrorism(column: str, states: list[str]) -> pd.DataFrame:
    """GTD ``attacks`` or ``deaths`` per year; 1993 (lost by the GTD) stays missing."""
    return _wide(owid.terrorism(), column, states)


def terrorism_rate(states: list[str]) -> pd.DataFrame:
    """Terrorism deaths per 100,000 people per year."""
    return _wide(owid.terrorism_death_rate(), "deaths_per_100k", states)


def terrorism_totals(states: list[str], since: int) -> pd.DataFrame:
    """Attacks, injuries and deaths summed from ``since`` to the end of the GTD series,
    with the years the sum cannot include because the GTD has no data for them (1993's
    records were lost): a missing year is a gap in the total, not a year without attacks."""
    frame = owid.terrorism()
    last = int(frame["year"].max())
    frame = frame[frame["iso3"].isin(states) & (frame["year"] >= since)]
    totals = frame.groupby("iso3")[["attacks", "injuries", "deaths"]].sum().reindex(states)
    totals = totals.astype("int64")
    covered = set(frame["year"])
    totals["years without data"] = _ranges(
        [year for year in range(since, last + 1) if year not in covered]) or "none"
    return totals


def conflict_death_rate(states: list[str]) -> pd.DataFrame:
    """Direct deaths in organised violence per 100,000 people (UCDP GED via OWID)."""
    return _wide(owid.conflict_deaths(), "deaths_per_100k", states)


def military_expenditure(measure: str, states: list[str]) -> pd.DataFrame:
    """SIPRI military expenditure (``constant_2023_usd_m``, ``current_usd_m`` or
    ``share_of_gdp``) per year, from 1992; gaps in SIPRI's series stay missing."""
    frame = sipri.military_expenditure()
    frame = frame[(frame["measure"] == measure) & (frame["year"] >= 1992)]
    return _wide(frame, "value", states)


def expenditure_coverage(states: list[str]) -> pd.DataFrame:
    """For each state: years with a SIPRI value since 1992, the missing years, the note."""
    frame = sipri.military_expenditure()
    frame = frame[(frame["measure"] == "constant_2023_usd_m") & (frame["year"] >= 1992)
                  & frame["iso3"].isin(states)]
    rows = []
    for iso3 in states:
        part = frame[frame["iso3"] == iso3]
        have = part.loc[part["status"] == "value", "year"]
        missing = part.loc[part["status"] != "value", "year"].tolist()
        rows.append({
            "iso3": iso3,
            "years with data": len(have),
            "first": int(have.min()) if len(have) else pd.NA,
            "last": int(have.max()) if len(have) else pd.NA,
            "missing years": _ranges(missing) or "none",
            "SIPRI note": _note(part["notes"].iloc[0] if len(part) else ""),
        })
    return pd.DataFrame(rows).set_index("iso3")


def _note(marker: str) -> str:
    if "§" in marker:
        return "adopted budget, not actual spending"
    if "†" in marker:
        return "excludes military pensions"
    return ""


def _ranges(years: list[int]) -> str:
    """[1992, 1993, 1994, 1998] -> '1992-1994, 1998'."""
    parts, start = [], None
    for i, year in enumerate(sorted(years)):
        if start is None:
            start = year
        if i + 1 == len(years) or sorted(years)[i + 1] != year + 1:
            parts.append(str(start) if start == year else f"{start}-{year}")
            start = None
    return ", ".join(parts)


def arms_imports(states: list[str], since: int = 1992) -> pd.DataFrame:
    """SIPRI trend-indicator values of major arms imports per year (0 = none recorded)."""
    frame = sipri.arms_imports()
    return _wide(frame[frame["year"] >= since], "tiv", states).fillna(0.0)
