"""Security in Central Asia in data: terrorism, conflict deaths, military spending, arms.

Every series is returned wide (year x ISO3) over the full span of its source, with
missing years left missing, so that figures show gaps as gaps. Nothing is
interpolated.
"""

from __future__ import annotations

import pandas as pd

from analysis.data import curated
from analysis.data.sources import owid, sipri, ucdp, wdi
from analysis.topics import claims, membership


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


ORGANIZED_VIOLENCE = ("state_based", "nonstate", "onesided")  # the three UCDP types, no overlap


def organized_violence_deaths(states: list[str], estimate: str = "best") -> pd.DataFrame:
    """Deaths in organized violence (state-based, non-state and one-sided; UCDP
    country-year v25.1) per year, by the state where they occurred, 1989-2024."""
    frame = ucdp.organized_violence()
    frame = frame.assign(deaths=sum(frame[f"{kind}_{estimate}"] for kind in ORGANIZED_VIOLENCE))
    return _wide(frame.dropna(subset=["iso3"]), "deaths", states)


def organized_violence_rate(states: list[str]) -> pd.DataFrame:
    """Deaths in organized violence (best estimate) per 100,000 people."""
    deaths = organized_violence_deaths(states)
    population = _wide(wdi.load("SP.POP.TOTL"), "value", states).reindex(deaths.index)
    return 1e5 * deaths / population


VIOLENCE_TYPE_NAMES = {"intrastate": "State-based, intrastate",
                       "interstate": "State-based, interstate", "nonstate": "Non-state",
                       "onesided": "One-sided (against civilians)"}


def violence_periods() -> list[tuple[int, int]]:
    """Before the Shanghai Five, its years, the SCO to the thesis, and after the thesis."""
    return [(1989, 1995), (1996, 2000), (2001, claims.THESIS_YEAR),
            (claims.THESIS_YEAR + 1, int(ucdp.organized_violence()["year"].max()))]


def organized_violence_by_type(states: list[str]) -> pd.DataFrame:
    """Deaths (best estimate, and low-high) in each type of organized violence in
    ``states`` together, summed over each of :func:`violence_periods`: rows types,
    columns periods."""
    frame = ucdp.organized_violence()
    frame = frame[frame["iso3"].isin(states)]
    periods = violence_periods()
    rows = {}
    for kind in ("intrastate", "interstate", "nonstate", "onesided"):
        rows[kind] = {f"{start}-{end}": tuple(
            int(frame.loc[frame["year"].between(start, end), f"{kind}_{estimate}"].sum())
            for estimate in ucdp.ESTIMATES) for start, end in periods}
    return pd.DataFrame(rows).T


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


def rats_beside_record() -> pd.DataFrame:
    """Each period for which RATS reported figures (stocks and vague periods left out),
    beside what the GTD and UCDP recorded in the SCO's member states in the same
    calendar years: ``period_start, period_end, members, reported`` (list of
    ``(indicator, value, unit)``), ``prevented`` (terrorist acts RATS says it prevented,
    if it said), ``gtd_attacks`` (and ``gtd_attacks_by_state``), ``gtd_deaths``, ``gtd_years``
    (years with GTD data of those asked for) and ``ucdp_deaths`` (organized violence,
    best estimate). Members are those on the last day of the period."""
    rats = curated.load("rats_reported").dropna(subset=["period_start"])
    gtd = owid.terrorism()
    violence = ucdp.organized_violence()
    rows = []
    for (start, end), reported in rats.groupby(["period_start", "period_end"], sort=True):
        years = range(int(start[:4]), int(end[:4]) + 1)
        members = membership.members(end)
        attacks = gtd[gtd["iso3"].isin(members) & gtd["year"].isin(years)]
        deaths = violence[violence["iso3"].isin(members) & violence["year"].isin(years)]
        rows.append({
            "period_start": start, "period_end": end, "members": members,
            "reported": list(zip(reported["indicator"], reported["value"].astype(float),
                                 reported["unit"], strict=True)),
            "prevented": dict((i, v) for i, v in zip(reported["indicator"], reported["value"]
                                                     .astype(float), strict=True))
            .get("terrorist_acts_prevented"),
            "gtd_attacks": int(attacks["attacks"].sum()),
            "gtd_attacks_by_state": attacks.groupby("iso3")["attacks"].sum().to_dict(),
            "gtd_deaths": int(attacks["deaths"].sum()),
            "gtd_years": f"{attacks['year'].nunique()} of {len(years)}",
            "ucdp_deaths": int(sum(deaths[f"{kind}_best"].sum() for kind in ORGANIZED_VIOLENCE)),
        })
    return pd.DataFrame(rows)


# What RATS says it achieved, by the indicator codes of data/curated/rats_reported.csv.
RATS_INDICATORS = {
    "terrorist_acts_prevented": "terrorist acts prevented",
    "crimes_prevented": "terrorist or extremist crimes prevented",
    "militants_detained": "members of terrorist groups detained",
    "leaders_detained": "leaders detained",
    "extraditions": "persons extradited",
    "training_camps_dismantled": "training camps dismantled",
    "weapons_seized_units": "weapons seized",
    "explosives_seized_kg": "explosives seized",
    "ammunition_seized_units": "ammunition seized",
    "persons_wanted_list": "persons on the wanted list",
    "websites_blocked": "websites blocked",
    "cells_neutralised": "cells neutralised",
    "other": "other (see the note)",
}
