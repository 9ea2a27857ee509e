"""Drug seizures, the thesis's second pillar of regional security, in UNODC's data.

Only five years are available (2018-2022, World Drug Report 2024), all of them after
the SCO's first two anti-drug strategies, so the series can describe where drugs
were seized but cannot show whether the SCO changed anything. Seizures measure
enforcement as much as trafficking. Turkmenistan reported nothing.
"""

from __future__ import annotations

import pandas as pd

from analysis.data import curated
from analysis.data.sources import unodc, wdi
from analysis.topics import regions

# The drugs compared, each the sum of UNODC drug names (cannabis: herb and resin).
DRUGS = {
    "Heroin": ("Heroin",),
    "Opium": ("Opium",),
    "Cannabis": ("Cannabis herb (marijuana)", "Cannabis resin (hashish)"),
    "Methamphetamine": ("Methamphetamine",),
}
# Central Asia and the states on its trafficking routes, in the order tables show them.
STATES = [*regions.CENTRAL_ASIA, "AFG", "IRN", "PAK", "RUS", "CHN"]


def seizures_by_year() -> pd.DataFrame:
    """Kilograms seized: rows ``(iso3, drug)``, columns the years; missing where the
    state reported no seizure of that drug in that year."""
    frame = unodc.seizures()
    names = {name: drug for drug, names in DRUGS.items() for name in names}
    frame = frame[frame["drug"].isin(names) & frame["iso3"].isin(STATES)]
    frame = frame.assign(drug=frame["drug"].map(names))
    table = frame.pivot_table(index=["iso3", "drug"], columns="year", values="kg", aggfunc="sum")
    years = sorted(unodc.seizures()["year"].unique())
    grid = pd.MultiIndex.from_product([STATES, list(DRUGS)], names=["iso3", "drug"])
    return table.reindex(index=grid, columns=years)


def totals() -> pd.DataFrame:
    """Per state and drug over all five years: tonnes seized, grams per 1,000 people
    (average population of the years), and the number of years reported."""
    by_year = seizures_by_year()
    years = list(by_year.columns)
    population = wdi.load("SP.POP.TOTL")
    population = population[population["year"].isin(years)].groupby("iso3")["value"].mean()
    total_kg = by_year.sum(axis=1, min_count=1)
    per_1000 = total_kg * 1000 / (population.reindex(by_year.index.get_level_values("iso3"))
                                  .to_numpy() / 1000)
    return pd.DataFrame({"tonnes": total_kg / 1000, "grams_per_1000_people": per_1000,
                         "years_reported": by_year.notna().sum(axis=1)})


def not_reporting() -> list[str]:
    """The states of :data:`STATES` with no seizure of any drug in UNODC's table."""
    reported = set(unodc.seizures()["iso3"])
    return [state for state in STATES if state not in reported]


def milestones() -> pd.DataFrame:
    """The SCO's anti-drug agreements, strategies and institutions, in date order."""
    table = curated.load("sco_drug_milestones")
    table["year"] = table["date"].str[:4].astype(int)
    return table.sort_values(["date", "id"], ignore_index=True)
