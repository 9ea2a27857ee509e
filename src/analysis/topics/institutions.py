"""The SCO's institutions by domain: does it have any outside counter-terrorism?

The curated ``sco_institutions`` table lists the SCO's permanent bodies, centres,
agreements, programmes, strategies, regular meeting formats and memoranda, each with
its domain (security, economy, culture, health, drugs, environment, other) and a
source. Rows whose id starts with ``budget-`` record what sources say about the
budget; they are facts about the organisation, not institutions, and are kept apart.
"""

from __future__ import annotations

import pandas as pd

from analysis.data import curated

DOMAINS = ("security", "drugs", "economy", "culture", "health", "environment", "other")
BODIES = ("permanent_body", "centre")  # standing structures, as against documents
PERIODS = ((2001, 2005), (2006, 2010), (2011, 2015), (2016, 2020), (2021, 2025))


def _table() -> pd.DataFrame:
    table = curated.load("sco_institutions")
    return table.assign(year=table["date"].str[:4].astype(int))


def institutions() -> pd.DataFrame:
    """Every institution (budget rows left out), in date order, with ``year``."""
    table = _table()
    return table[~table["id"].str.startswith("budget-")].sort_values(["date", "id"],
                                                                     ignore_index=True)


def budget_facts() -> pd.DataFrame:
    """What the sources say about the SCO's budget and its shares, in date order."""
    table = _table()
    return table[table["id"].str.startswith("budget-")].sort_values("date", ignore_index=True)


def cumulative_by_domain(years: range) -> pd.DataFrame:
    """Number of institutions created up to each year (rows), by domain (columns)."""
    table = institutions()
    counts = pd.crosstab(table["year"], table["domain"]).reindex(index=years, columns=DOMAINS,
                                                                 fill_value=0)
    return counts.cumsum()


def by_period(kinds: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Institutions created in each period (columns) by domain (rows); ``kinds`` limits
    them to some kinds (the standing bodies, say)."""
    table = institutions()
    if kinds is not None:
        table = table[table["kind"].isin(kinds)]
    labels = [f"{a}-{b}" for a, b in PERIODS]
    period = pd.cut(table["year"], bins=[PERIODS[0][0] - 1, *(b for _, b in PERIODS)],
                    labels=labels)
    return pd.crosstab(table["domain"], period, dropna=False).reindex(
        index=list(DOMAINS), columns=labels, fill_value=0)


def outside_security(until: int, kinds: tuple[str, ...] | None = None) -> int:
    """How many institutions outside security, drugs and "other" existed by ``until``."""
    table = institutions()
    table = table[(table["year"] <= until)
                  & ~table["domain"].isin(["security", "drugs", "other"])]
    if kinds is not None:
        table = table[table["kind"].isin(kinds)]
    return len(table)


def _month(date: str) -> str:
    """'September 2025' for a date of day or month precision."""
    return f"{pd.Timestamp(date[:7]):%B %Y}"


def summary(until: int) -> dict[str, object]:
    """What existed by the end of ``until`` (the thesis's data year) and what came later."""
    table = institutions()
    bodies = table[table["kind"].isin(BODIES)]
    health = table["domain"] == "health"
    return {
        "institutions_total": len(table),
        "institutions_last_year": int(table["year"].max()),
        "outside_security_then": outside_security(until),
        "outside_security_now": outside_security(int(table["year"].max())),
        "bodies_outside_then": outside_security(until, BODIES),
        "bodies_total": len(bodies),
        "bodies_after_then": int((bodies["year"] > until).sum()),
        "bodies_after_then_first": _month(bodies.loc[bodies["year"] > until, "date"].min()),
        "health_total": int(health.sum()),
        "health_after_then": int((health & (table["year"] > until)).sum()),
        "hiv_mentions": int(table["title"].str.contains("HIV", case=False).sum()),
        "budget_facts": len(budget_facts()),
    }
