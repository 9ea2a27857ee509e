"""Armed conflict in data: where and when states fought, and Central Asia's share.

Counts come from the UCDP/PRIO Armed Conflict Dataset (conflict-years with at
least 25 battle deaths) and deaths from the UCDP Battle-Related Deaths Dataset.
A conflict whose locations span two UCDP regions is counted in each.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.sources import ucdp
from analysis.topics import regions


def _explode_regions(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(region_name=frame["region_name"].str.split(", ")).explode("region_name")


def conflicts_by_region_and_decade() -> pd.DataFrame:
    """Number of distinct conflicts active in each decade, by UCDP region."""
    frame = _explode_regions(ucdp.conflicts())
    frame = frame.assign(decade=frame["year"] // 10 * 10)
    table = frame.groupby(["decade", "region_name"])["conflict_id"].nunique().unstack(fill_value=0)
    return table[sorted(table.columns)]


def conflicts_per_decade() -> pd.Series:
    """Number of distinct conflicts active in each decade, worldwide."""
    frame = ucdp.conflicts()
    return frame.groupby(frame["year"] // 10 * 10)["conflict_id"].nunique()


def post_soviet_conflicts_by_year() -> pd.Series:
    """Number of active conflicts located in the fifteen post-Soviet states, per year."""
    frame = ucdp.conflicts()
    frame = frame[ucdp.located_in(frame["gwno_loc"], regions.POST_SOVIET)]
    years = range(int(ucdp.conflicts()["year"].min()), int(ucdp.conflicts()["year"].max()) + 1)
    return frame.groupby("year")["conflict_id"].nunique().reindex(years, fill_value=0)


def central_asian_conflicts() -> pd.DataFrame:
    """Every conflict located in a Central Asian state, with its years and battle deaths."""
    acd = ucdp.conflicts()
    acd = acd[ucdp.located_in(acd["gwno_loc"], regions.CENTRAL_ASIA)]
    brd = ucdp.battle_deaths()
    brd = brd[brd["conflict_id"].isin(acd["conflict_id"])]
    rows = []
    for conflict_id, years in acd.groupby("conflict_id"):
        deaths = brd[brd["conflict_id"] == conflict_id]
        opponents = sorted({side.strip() for sides in years["side_b"] for side in sides.split(",")})
        rows.append({
            "conflict_id": conflict_id,
            "location": years["location"].iloc[0],
            "government side": years["side_a"].iloc[0],
            "opponents": ", ".join(opponents),
            "type": years["conflict_type"].mode().iloc[0],
            "first year": int(years["year"].min()),
            "last year": int(years["year"].max()),
            "active years": int(years["year"].nunique()),
            "war years": int((years["intensity_level"] == 2).sum()),
            "battle deaths (best)": int(deaths["bd_best"].sum()) if len(deaths) else pd.NA,
            "battle deaths (low-high)": (
                f"{deaths['bd_low'].sum():,}-{deaths['bd_high'].sum():,}" if len(deaths)
                else "not in the BRD file"),
            "deaths data years": (f"{deaths['year'].min()}-{deaths['year'].max()}"
                                  if len(deaths) else "none"),
        })
    return pd.DataFrame(rows).sort_values("first year", ignore_index=True)


def central_asian_battle_deaths_by_year() -> pd.DataFrame:
    """Battle deaths (best estimate) per year in each conflict located in Central Asia."""
    brd = ucdp.battle_deaths()
    brd = brd[ucdp.located_in(brd["gwno_loc"], regions.CENTRAL_ASIA)]
    labels = brd["location_inc"] + " (" + brd["conflict_id"].astype(str) + ")"
    table = brd.assign(conflict=labels).pivot_table(index="year", columns="conflict",
                                                    values="bd_best", aggfunc="sum",
                                                    fill_value=0)
    years = range(int(ucdp.battle_deaths()["year"].min()),
                  int(ucdp.battle_deaths()["year"].max()) + 1)
    return table.reindex(years, fill_value=0)
