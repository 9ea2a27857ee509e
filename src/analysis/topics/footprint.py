"""The SCO's weight in the world: area, population and GDP of its members.

Two vintages of every headline figure (as the landing page, ``book/index.md``, tells
readers):

* the *thesis vintage*: the eight members at the end of 2019, data for 2019;
* the *latest vintage*: the members on the latest date of the status table, data
  for the latest year in which every one of them (and the world total) has a value.

Eurasia is every state that Natural Earth places in Europe or Asia; its totals sum
the World Bank values of those states, and the states without a value are listed.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.data.sources import naturalearth, wdi
from analysis.topics import membership

MEASURES = {
    "area": "AG.SRF.TOTL.K2",
    "population": "SP.POP.TOTL",
    "gdp": "NY.GDP.MKTP.CD",
}
MEASURE_LABELS = {"area": "Surface area", "population": "Population", "gdp": "GDP"}
WORLD = "WLD"
EURASIA_CONTINENTS = ("Europe", "Asia")


@dataclass(frozen=True)
class Vintage:
    """A membership (who) and, for each measure, a data year (when)."""

    label: str
    states: tuple[str, ...]
    years: dict[str, int]


def series(measure: str) -> pd.DataFrame:
    return wdi.load(MEASURES[measure])


def eurasia_states() -> list[str]:
    countries = naturalearth.countries("50m")
    return sorted(countries.loc[countries["continent"].isin(EURASIA_CONTINENTS), "iso3"])


def latest_common_year(measure: str, states: list[str] | tuple[str, ...]) -> int:
    """Latest year in which every state in ``states`` and the world have a value."""
    frame = series(measure)
    wanted = set(states) | {WORLD}
    have = frame[frame["iso3"].isin(wanted)].groupby("year")["iso3"].nunique()
    complete = have[have == len(wanted)]
    if complete.empty:
        raise ValueError(f"no year has {measure} for all of {sorted(wanted)}")
    return int(complete.index.max())


def thesis_vintage() -> Vintage:
    year = membership.THESIS_DATA_YEAR
    return Vintage(f"Thesis vintage ({year})", tuple(membership.members(year)),
                   dict.fromkeys(MEASURES, year))


def latest_vintage() -> Vintage:
    states = tuple(membership.members(membership.latest_date().date().isoformat()))
    years = {measure: latest_common_year(measure, states) for measure in MEASURES}
    return Vintage("Latest data", states, years)


def member_values(vintage: Vintage) -> pd.DataFrame:
    """One row per member: country name and each measure in its vintage year."""
    columns = []
    for measure, year in vintage.years.items():
        frame = series(measure)
        values = frame[(frame["year"] == year) & frame["iso3"].isin(vintage.states)]
        columns.append(values.set_index("iso3")["value"].rename(measure))
        names = values.set_index("iso3")["country"]
    table = pd.concat(columns, axis=1).reindex(list(vintage.states))
    missing = table.index[table.isna().any(axis=1)].tolist()
    if missing:
        raise ValueError(f"{vintage.label}: no value for {missing} in {vintage.years}")
    return table.assign(country=names).reset_index()[["iso3", "country", *MEASURES]]


def totals(vintage: Vintage) -> pd.DataFrame:
    """Per measure: the members' total, the world and Eurasia totals, and the shares."""
    eurasia = eurasia_states()
    rows = []
    for measure, year in vintage.years.items():
        frame = series(measure)
        this_year = frame[frame["year"] == year].set_index("iso3")["value"]
        group = this_year.reindex(list(vintage.states)).sum(min_count=len(vintage.states))
        eurasia_values = this_year.reindex(eurasia)
        rows.append({
            "measure": measure,
            "year": year,
            "members": len(vintage.states),
            "total": group,
            "world": this_year[WORLD],
            "eurasia": eurasia_values.sum(),
            "share_world": group / this_year[WORLD],
            "share_eurasia": group / eurasia_values.sum(),
            "eurasia_states_without_data": ", ".join(eurasia_values.index[eurasia_values.isna()]),
        })
    return pd.DataFrame(rows)


def group_series(measure: str, states_by_year: dict[int, list[str]]) -> pd.Series:
    """Sum of ``measure`` over the given states in each year (NaN if any value is missing)."""
    frame = series(measure).set_index(["year", "iso3"])["value"]
    out = {}
    for year, states in states_by_year.items():
        values = frame.reindex([(year, iso3) for iso3 in states])
        out[year] = values.sum(min_count=len(states)) if values.notna().all() else float("nan")
    return pd.Series(out, name=measure).rename_axis("year")


def history_years() -> range:
    """From the Shanghai Five's first year to the latest year of population data."""
    first = int(membership.status_table()["start_date"].min().year)
    return range(first, int(series("population")["year"].max()) + 1)


def growth_paths(measure: str, years: range) -> pd.DataFrame:
    """``measure`` summed over the founding six (fixed) and over the members of each year."""
    founders = membership.founding_members()
    return pd.DataFrame({
        "founding six": group_series(measure, dict.fromkeys(years, founders)),
        "members of the year": group_series(measure, {y: membership.members(y) for y in years}),
    })


def first_year_above(path: pd.Series, threshold: float) -> int | None:
    """First year in which ``path`` exceeds ``threshold`` (None if it never does)."""
    above = path[path > threshold]
    return int(above.index.min()) if not above.empty else None
