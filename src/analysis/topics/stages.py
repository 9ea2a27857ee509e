"""The stages of the SCO's development, derived from the curated tables.

The periodisation follows the thesis (Shanghai Five, institution building,
consolidation) and extends it to the enlargements and the 2025 merger of the
non-member statuses. Every boundary is read from a dated, sourced row, not typed:
the first Shanghai Five agreement, the founding declaration, the entry into force
of the Charter, the first admission of new members, and the creation of the single
partner status.
"""

from __future__ import annotations

import pandas as pd

from analysis.data import curated
from analysis.topics import membership


def charter() -> pd.Series:
    """The SCO Charter's row of the documents table: where and when signed, in force."""
    return curated.row("sco_documents", "sco-charter-2002")


def periods() -> pd.DataFrame:
    """label, start, end (inclusive years) of each stage."""
    table = membership.status_table()
    first = int(table["start_date"].min().year)
    founded = membership.founding_year()
    charter_year = int(pd.Timestamp(charter()["in_force_date"]).year)
    founders = set(membership.founding_members())
    joiners = table[(table["status"] == "member") & ~table["iso3"].isin(founders)]
    enlarged = int(joiners["start_date"].min().year)
    merged = int(table.loc[table["status"] == "partner", "start_date"].min().year)
    last = int(membership.latest_date().year)
    return pd.DataFrame([
        ("Shanghai Five", first, founded - 1),
        ("Institution building", founded, charter_year),
        ("Consolidation", charter_year + 1, enlarged - 1),
        ("Enlargement", enlarged, merged - 1),
        ("Partners merged", merged, last),
    ], columns=["label", "start", "end"])


def members_per_year() -> pd.Series:
    """Number of member states (Shanghai Five before 2001) at the end of each year."""
    table = membership.status_table()
    years = range(int(table["start_date"].min().year), int(membership.latest_date().year) + 1)
    return pd.Series({year: len(membership.members(year)) for year in years},
                     name="members").rename_axis("year")
