"""Audit of the thesis's checkable claims against the data.

Each claim in ``data/curated/thesis_claims.csv`` names a *check*: a function here
that measures the claimed quantity from the data. The verdict compares claim and
measurement:

* ``contradicted``: the claimed relation does not hold, or the claim states a sum of
  money in another currency than its source (900 million roubles is not US$ 900 million);
* ``outdated``: it holds, but the claimed figure is less than half the measured one,
  so it describes an earlier, smaller organisation; or it was true when the thesis
  was written and has changed since;
* ``supported``: it holds and the figure is of the right size;
* ``unverifiable``: no check can measure it with the data at hand, or the data
  measure a different concept (the measurement is then shown for context only).

"equal to" claims (a founding year, say) are supported when the measurement
matches exactly and contradicted otherwise; "about" claims are supported within
10% of the measurement. A check measures from the data, or reads a figure from a
cited source in ``source_facts.csv`` (``fact:<id>``) or the date of a row of a curated
table of events, named by its id (``milestone_year:<id>``, ``economic_year:<id>``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from analysis.data import curated, raw
from analysis.data.sources import cow, wdi
from analysis.topics import footprint, membership, organisations

THESIS_YEAR = 2020  # the thesis was submitted in 2020 (book/references.bib, thesis2020)

VERDICTS = ("supported", "outdated", "contradicted", "unverifiable")
STALE_FACTOR = 2.0  # a "more than" figure under half the measurement is stale


@dataclass(frozen=True)
class Measurement:
    value: float
    basis: str  # which states, which year, which definition
    source: str
    comparable: bool = True  # False: the data measure something else than the claim
    later: float | None = None  # the same quantity today, when it has changed since
    unit: str | None = None  # the unit of a cited figure (``fact:``), when the check has one


# Units in which a claim or a cited figure gives a sum of money, and their currency.
CURRENCIES = {"US$": "USD", "current US$": "USD", "roubles": "RUB"}


def other_currency(claimed_unit: str, measured_unit: str | None) -> bool:
    """Whether a claimed sum and its measurement are in different currencies."""
    claimed, measured = CURRENCIES.get(claimed_unit), CURRENCIES.get(measured_unit or "")
    return claimed is not None and measured is not None and claimed != measured


def _thesis_totals() -> pd.DataFrame:
    return footprint.totals(footprint.thesis_vintage()).set_index("measure")


def _measure_total(measure: str, column: str = "total") -> Measurement:
    row = _thesis_totals().loc[measure]
    key = wdi.registry_key(footprint.MEASURES[measure])
    return Measurement(float(row[column]), f"{row['members']} members, {row['year']}",
                       raw.source_text([key]))


def _founding_year(igo: str) -> Measurement:
    return Measurement(float(organisations.founding_year(igo)),
                       f"first year of {igo.upper()} in COW IGO v3.0",
                       raw.source_text([cow.IGO_YEAR_KEY]))


def _igo_count() -> Measurement:
    per_year = organisations.igos_per_year()
    return Measurement(float(per_year.iloc[-1]),
                       f"IGOs in COW IGO v3.0, {per_year.index[-1]} (three or more member "
                       "states; other bodies not counted)",
                       raw.source_text([cow.IGO_YEAR_KEY]), comparable=False)


def _milestone_year(milestone_id: str) -> Measurement:
    event = curated.row("security_milestones", milestone_id)
    return Measurement(float(event["date"][:4]), f"curated milestone: {event['label']}",
                       event["source"])


def _london_conventions_1933() -> Measurement:
    """The treaties signed in London in 1933 among the curated milestones."""
    events = curated.load("security_milestones")
    found = events[(events["kind"] == "treaty") & (events["place"] == "London")
                   & (events["date"].str[:4] == "1933")]
    return Measurement(float(len(found)), "London conventions of 1933 in the curated milestones",
                       " ; ".join(found["source"]))


def _source_fact(fact_ids: str) -> Measurement:
    """``then`` or ``then|now``: a cited figure, and optionally its value today."""
    facts = curated.load("source_facts").set_index("fact_id")
    then_id, _, now_id = fact_ids.partition("|")
    fact = facts.loc[then_id]
    value = float(fact["value"]) if pd.notna(fact["value"]) else float("nan")
    basis = fact["description"] + (f" (as of {fact['as_of']})" if pd.notna(fact["as_of"]) else "")
    sources = [fact["source"]] if pd.notna(fact["source"]) else []
    later = None
    if now_id:
        now = facts.loc[now_id]
        later = float(now["value"])
        basis += f"; {now['description']}: {later:g}"
        sources.append(now["source"])
    return Measurement(value, basis, " ; ".join(dict.fromkeys(sources)), later=later,
                       unit=fact["unit"])


def _economic_year(milestone_id: str) -> Measurement:
    event = curated.row("economic_milestones", milestone_id)
    return Measurement(float(event["date"][:4]), f"curated economic milestone: {event['title']}",
                       event["source"])


def _shanghai_five() -> pd.DataFrame:
    table = membership.status_table()
    return table[table["status"] == "shanghai_five"]


def _no_data() -> Measurement:
    return Measurement(float("nan"), "no dataset in this book measures it", "", False)


CHECKS: dict[str, Callable[[], Measurement]] = {
    "members_area_share_of_eurasia": lambda: _measure_total("area", "share_eurasia"),
    "members_population": lambda: _measure_total("population"),
    "members_gdp": lambda: _measure_total("gdp"),
    "itu_founding_year": lambda: _founding_year("itu"),
    "upu_founding_year": lambda: _founding_year("upu"),
    "igo_count_latest": _igo_count,
    "no_data": _no_data,
    "count_london_conventions_1933": _london_conventions_1933,
    "count_shanghai_five": lambda: Measurement(
        float(len(_shanghai_five())), "Shanghai Five states in the SCO status table",
        " ; ".join(_shanghai_five()["source"].unique())),
    "shanghai_five_first_year": lambda: Measurement(
        float(_shanghai_five()["start_date"].min().year), "first Shanghai Five agreement",
        " ; ".join(_shanghai_five()["source"].unique())),
}
# Parameterised checks: "prefix:argument".
PARAMETERISED: dict[str, Callable[[str], Measurement]] = {
    "fact": _source_fact,
    "milestone_year": _milestone_year,
    "economic_year": _economic_year,
}
ABOUT_TOLERANCE = 0.10  # an "about" figure within 10% of the measurement is supported


def measure(check: str) -> Measurement:
    """Run the check named ``check`` (a name in CHECKS, or ``prefix:argument``)."""
    if check in CHECKS:
        return CHECKS[check]()
    prefix, _, argument = check.partition(":")
    if prefix in PARAMETERISED and argument:
        return PARAMETERISED[prefix](argument)
    raise KeyError(f"unknown claim check {check!r}")


def claimed_value(claim_id: str) -> float:
    """The figure the thesis gives for ``claim_id``."""
    table = curated.load("thesis_claims").set_index("claim_id")
    return float(table.loc[claim_id, "claimed_value"])


def verdict(relation: str, claimed: float, measured: float | None,
            comparable: bool = True, later: float | None = None,
            in_other_currency: bool = False) -> str:
    if relation not in ("more than", "equal to", "about"):
        raise ValueError(f"unknown claim relation {relation!r}")
    if measured is None or pd.isna(measured) or not comparable:
        return "unverifiable"
    if in_other_currency:  # the same number in another currency is another sum
        return "contradicted"
    if relation == "equal to":
        if measured != claimed:
            return "contradicted"
        return "outdated" if later is not None and later != claimed else "supported"
    if relation == "about":
        close = abs(measured - claimed) <= ABOUT_TOLERANCE * abs(measured)
        return "supported" if close else "contradicted"
    if measured <= claimed:
        return "contradicted"
    return "outdated" if measured >= STALE_FACTOR * claimed else "supported"


def evaluate(section: str | None = None) -> pd.DataFrame:
    """Every claim (of ``section``) with its measurement, basis, source and verdict."""
    claims = curated.load("thesis_claims")
    if section is not None:
        claims = claims[claims["section"] == section]
    rows = []
    for claim in claims.itertuples():
        measurement = measure(claim.check)
        claimed = float(claim.claimed_value)
        rows.append({
            "claim_id": claim.claim_id,
            "section": claim.section,
            "claim": claim.paraphrase,
            "claimed": claimed,
            "unit": claim.unit,
            "measured": measurement.value,
            "basis": measurement.basis,
            "verdict": verdict(claim.relation, claimed, measurement.value,
                               measurement.comparable, measurement.later,
                               other_currency(claim.unit, measurement.unit)),
            "source": measurement.source,
        })
    return pd.DataFrame(rows)
