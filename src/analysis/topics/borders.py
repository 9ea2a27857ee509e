"""Borders and disputes: the Shanghai Five's founding task and what followed.

The curated ``border_agreements`` table lists the border treaties, supplementary
agreements, demarcation protocols and military confidence-building agreements.
Correlates of War's Territorial Change v5 records the territory that changed hands
(to 2014), and its Militarized Interstate Disputes 5.0 the threats, displays and uses
of force between states (also to 2014): :func:`disputes_by_pair` sorts the disputes
that involve a Central Asian state by the pair of states and the period.
"""

from __future__ import annotations

import pandas as pd

from analysis.data import countries, curated
from analysis.data.sources import cow_disputes
from analysis.topics import membership, regions

CHINA_NEIGHBOURS = ["KAZ", "KGZ", "TJK"]  # the Central Asian states that border China
PERIODS = ((1991, 1995, "1991-1995"), (1996, 2000, "1996-2000"), (2001, 2014, "2001-2014"))


def agreements() -> pd.DataFrame:
    """Border and confidence-building agreements in date order, with ``year``."""
    table = curated.load("border_agreements")
    table["year"] = table["signed_date"].str[:4].astype(int)
    return table.sort_values(["signed_date", "id"], ignore_index=True)


def pair_name(parties: str) -> str:
    """"China-Kazakhstan" for ``CHN;KAZ`` (China first), "Shanghai Five" for the five."""
    states = parties.split(";")
    if len(states) > 3:
        return "Shanghai Five"
    return "-".join(countries.short_name(s) for s in sorted(states, key=lambda s: (s != "CHN", s)))


def china_settlements() -> pd.DataFrame:
    """For each Central Asian neighbour of China: the first border treaty, the last
    agreement or protocol that completed it, and the territory COW records as ceded."""
    table = agreements()
    changes = cow_disputes.territorial_changes()
    rows = []
    for state in CHINA_NEIGHBOURS:
        pair = table[table["parties"].map(lambda p, s=state: set(p.split(";")) == {"CHN", s})]
        ceded = changes[(changes["gainer_iso3"] == "CHN") & (changes["loser_iso3"] == state)]
        rows.append({
            "iso3": state,
            "first_treaty": pair.loc[pair["kind"] == "border_treaty", "signed_date"].min(),
            "last_step": pair["signed_date"].max(),
            "agreements": len(pair),
            "cow_cession_year": int(ceded["year"].min()) if len(ceded) else pd.NA,
            "cow_area_km2": float(ceded["area_km2"].sum()) if len(ceded) else pd.NA,
        })
    return pd.DataFrame(rows).set_index("iso3")


def central_asian_disputes() -> pd.DataFrame:
    """Each MID 5.0 dispute with a Central Asian participant: start year, hostility,
    fatality and the participants (ISO3, sorted)."""
    participants = cow_disputes.participants()
    involved = participants.loc[participants["iso3"].isin(regions.CENTRAL_ASIA), "dispnum"]
    chosen = participants[participants["dispnum"].isin(set(involved))]
    states = chosen.groupby("dispnum")["iso3"].agg(lambda s: sorted(set(s)))
    disputes = cow_disputes.disputes().set_index("dispnum").loc[states.index]
    return disputes.assign(states=states).reset_index().sort_values(["start_year", "dispnum"],
                                                                    ignore_index=True)


PAIRS = ("all participants SCO members", "with a state outside the SCO")


def among_members(table: pd.DataFrame) -> pd.Series:
    """Whether every participant of each dispute was a full member of the SCO (or of
    the Shanghai Five) on 31 December of the dispute's first year."""
    members = {year: set(membership.members(year)) for year in set(table["start_year"])}
    return pd.Series([set(states) <= members[year]
                      for states, year in zip(table["states"], table["start_year"], strict=True)],
                     index=table.index)


def disputes_by_period() -> pd.DataFrame:
    """Counts of the disputes with a Central Asian participant, by whether all
    participants were SCO members (rows) and by period (columns)."""
    table = central_asian_disputes()
    pair = among_members(table).map({True: PAIRS[0], False: PAIRS[1]})
    period = pd.cut(table["start_year"], bins=[p[0] - 1 for p in PERIODS] + [2014],
                    labels=[p[2] for p in PERIODS])
    counts = pd.crosstab(pair, period, dropna=False)
    return counts.reindex(index=list(PAIRS), columns=[p[2] for p in PERIODS], fill_value=0)


def settlement_years(pairs: list[tuple[str, str]]) -> dict[tuple[str, str], int | None]:
    """For each pair of neighbours, the year of their first border treaty in the table
    (None if the table has none for them)."""
    table = agreements()
    treaties = table[table["kind"] == "border_treaty"]
    years = {}
    for a, b in pairs:
        pair = treaties[treaties["parties"].map(lambda p, s={a, b}: set(p.split(";")) == s)]
        years[(a, b)] = int(pair["year"].min()) if len(pair) else None
    return years
