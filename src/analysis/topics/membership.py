"""Who belonged to the SCO, and in what status, at a given date or year.

Answers come from the curated table ``data/curated/sco_status.csv`` (one row per
status spell, with a source), never from a list typed into a notebook. A year is
read at its last day: "members in 2017" includes India and Pakistan, admitted in
June 2017.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.data import curated

STATUSES = ("shanghai_five", "member", "observer", "dialogue_partner", "partner")
STATUS_LABELS = {
    "shanghai_five": "Shanghai Five",
    "member": "Member",
    "observer": "Observer",
    "dialogue_partner": "Dialogue partner",
    "partner": "Partner",
}

# The last full year of data a thesis written in 2020 could have used.
THESIS_DATA_YEAR = 2019


def status_table() -> pd.DataFrame:
    """The validated status spells, with ``start_date`` and ``end_date`` as dates."""
    return curated.load_spells("sco_status")


def as_date(when: dt.date | str | int) -> pd.Timestamp:
    """A date; a year stands for its last day."""
    if isinstance(when, int):
        return pd.Timestamp(year=when, month=12, day=31)
    return pd.Timestamp(when)


def _covers(spells: pd.DataFrame, day: pd.Timestamp | pd.Series) -> pd.Series:
    """Whether each spell covers ``day`` (a spell ends the day its successor starts)."""
    return (spells["start_date"] <= day) & (spells["end_date"].isna() | (spells["end_date"] > day))


def in_force(spells: pd.DataFrame, when: dt.date | str | int) -> pd.DataFrame:
    """The spells that cover ``when``."""
    return spells[_covers(spells, as_date(when))]


def in_force_by_year(spells: pd.DataFrame, years: range) -> pd.DataFrame:
    """The spells that cover the last day of each of ``years``, with a ``year`` column.

    One vectorised pass instead of :func:`in_force` once per year: time series of
    groupings ask for every member in every year.
    """
    ends = pd.DataFrame({"year": list(years)})
    ends["day"] = [as_date(int(year)) for year in ends["year"]]
    pairs = spells.merge(ends, how="cross")
    return pairs[_covers(pairs, pairs["day"])].drop(columns="day").reset_index(drop=True)


def status_on(when: dt.date | str | int) -> pd.Series:
    """The status of every state that held one on ``when`` (a year means its 31 December)."""
    return in_force(status_table(), when).set_index("iso3")["status"].sort_index()


def states(status: str, when: dt.date | str | int) -> list[str]:
    """ISO3 codes of the states holding ``status`` on ``when``, sorted."""
    if status not in STATUSES:
        raise ValueError(f"unknown SCO status {status!r}; expected one of {STATUSES}")
    on = status_on(when)
    return sorted(on.index[on == status])


FULL_MEMBERSHIP = ("member", "shanghai_five")  # the Shanghai Five before June 2001


def members(when: dt.date | str | int) -> list[str]:
    """Full members on ``when`` (the Shanghai Five before June 2001)."""
    on = status_on(when)
    return sorted(on.index[on.isin(FULL_MEMBERSHIP)])


def founding_year() -> int:
    """The year the SCO was founded: that of the first full membership on record."""
    table = status_table()
    return int(table.loc[table["status"] == "member", "start_date"].min().year)


def founding_members() -> list[str]:
    """The six states that signed the SCO declaration of 15 June 2001."""
    table = status_table()
    first_day = table.loc[table["status"] == "member", "start_date"].min()
    return members(first_day.date().isoformat())


def first_year(iso3: str, status: str) -> int:
    """Year in which ``iso3`` first held ``status``."""
    table = status_table()
    spells = table[(table["iso3"] == iso3) & (table["status"] == status)]
    if spells.empty:
        raise ValueError(f"{iso3} never held SCO status {status!r}")
    return int(spells["start_date"].min().year)


def latest_date() -> pd.Timestamp:
    """The most recent status change in the table: 'today' for the book."""
    table = status_table()
    return max(table["start_date"].max(), table["end_date"].max())


def membership_panel(years: range) -> pd.DataFrame:
    """Long frame (iso3, year, status) of every status held at the end of each year."""
    frames = [status_on(year).rename("status").reset_index().assign(year=year)
              for year in years]
    return pd.concat(frames, ignore_index=True)[["iso3", "year", "status"]]
