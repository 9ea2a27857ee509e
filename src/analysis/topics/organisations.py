"""International organisations: how many there are, and who belongs to which.

Two kinds of evidence: the Correlates of War IGO data (every intergovernmental
organisation with at least three member states, 1815-2014) and the curated table
``organisation_membership.csv`` for the security-relevant organisations of
Eurasia, which runs to the present.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.data import curated
from analysis.data.sources import cow
from analysis.topics import membership

ORGANISATION_LABELS = {
    "sco": "SCO", "csto": "CSTO", "cis": "CIS", "osce": "OSCE", "cica": "CICA",
    "eaeu": "EAEU", "nato_pfp": "NATO PfP", "eu": "EU",
}


def igos_per_year() -> pd.Series:
    """Number of intergovernmental organisations in existence in each year (COW)."""
    return cow.igos().groupby("year")["igo"].nunique().rename("IGOs")


def founding_year(igo: str) -> int:
    """First year in which the COW data record the IGO ``igo`` (its COW short name)."""
    years = cow.igos().loc[lambda f: f["igo"] == igo.lower(), "year"]
    if years.empty:
        raise KeyError(f"no IGO {igo!r} in the COW IGO data")
    return int(years.min())


def full_memberships(states: list[str] | None = None) -> pd.DataFrame:
    """Number of IGOs in which each state is a full member, per year (wide: year x iso3)."""
    frame = cow.igo_memberships()
    frame = frame[frame["code"] == 1]
    if states is not None:
        frame = frame[frame["iso3"].isin(states)]
    return frame.groupby(["year", "iso3"]).size().unstack(fill_value=0)


def membership_spread(since: int) -> pd.DataFrame:
    """Quartiles of all states' full IGO memberships per year, from ``since``."""
    table = full_memberships()
    table = table.loc[table.index >= since]
    counted = table.where(table > 0)  # a state with no membership row is not yet a state
    return counted.quantile([0.25, 0.5, 0.75], axis=1).T.set_axis(["q25", "median", "q75"],
                                                                   axis=1)


def spells() -> pd.DataFrame:
    return curated.load_spells("organisation_membership")


def roles_on(when: dt.date | str | int) -> pd.DataFrame:
    """Role of each state in each curated organisation on ``when`` (a year = its 31 Dec)."""
    current = membership.in_force(spells(), when)
    roles = current.pivot(index="iso3", columns="org_id", values="role")
    sco = membership.status_on(when).replace({"shanghai_five": "member",
                                              "dialogue_partner": "partner"})
    roles = roles.reindex(roles.index.union(sco.index))  # SCO states in no other table too
    roles["sco"] = sco
    return roles


def _full_members(sco: pd.DataFrame, others: pd.DataFrame) -> pd.DataFrame:
    """Full members from SCO status spells and other organisations' spells already
    chosen for a date or for years: ``org_id, iso3`` (and ``year`` if there is one)."""
    sco = sco[sco["status"].isin(membership.FULL_MEMBERSHIP)].assign(org_id="sco")
    columns = ["org_id", *(["year"] if "year" in sco else []), "iso3"]
    return pd.concat([sco, others[others["role"] == "member"]], ignore_index=True)[columns]


def member_years(years: range) -> pd.DataFrame:
    """Long frame ``org_id, year, iso3``: the full members of every curated organisation,
    the SCO included, at the end of each of ``years``."""
    return _full_members(membership.in_force_by_year(membership.status_table(), years),
                         membership.in_force_by_year(spells(), years))


def members(org_id: str, when: dt.date | str | int) -> list[str]:
    """Full members of ``org_id`` on ``when`` (none for an organisation not curated)."""
    current = _full_members(membership.in_force(membership.status_table(), when),
                            membership.in_force(spells(), when))
    return sorted(current.loc[current["org_id"] == org_id, "iso3"])
