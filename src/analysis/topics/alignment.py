"""How closely states vote with the United States and the European Union in the UN.

Distance is the absolute difference between two ideal points in the same year
(Bailey, Strezhnev and Voeten). The EU reference point is the mean of the states
that were EU members in that year, so enlargements and Brexit are reflected.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.sources import unga
from analysis.topics import organisations


def ideal_points(states: list[str]) -> pd.DataFrame:
    """Ideal points, wide: year x iso3 (missing where a state did not vote)."""
    frame = unga.ideal_points()
    frame = frame[frame["iso3"].isin(states)]
    return frame.pivot(index="year", columns="iso3", values="ideal_point")


def eu_reference() -> pd.Series:
    """Mean ideal point of the EU's members in each year since the EEC was founded."""
    frame = unga.ideal_points()
    spells = organisations.spells()
    eu = spells[spells["org_id"] == "eu"]
    first = int(eu["start_date"].min().year)
    values = {}
    for year in range(first, int(frame["year"].max()) + 1):
        members = organisations.members("eu", year)
        points = frame[(frame["year"] == year) & frame["iso3"].isin(members)]["ideal_point"]
        values[year] = points.mean()
    return pd.Series(values, name="EU").rename_axis("year")


def distances(states: list[str]) -> pd.DataFrame:
    """Long frame: year, iso3, distance from the USA and from the EU mean."""
    points = ideal_points([*states, "USA"])
    eu = eu_reference()
    rows = []
    for iso3 in states:
        rows.append(pd.DataFrame({
            "year": points.index,
            "iso3": iso3,
            "from_usa": (points[iso3] - points["USA"]).abs().to_numpy(),
            "from_eu": (points[iso3] - eu.reindex(points.index)).abs().to_numpy(),
        }))
    return pd.concat(rows, ignore_index=True).dropna(subset=["from_usa"])
