"""Conclusion: the thesis's recommendations revisited.

The Conclusion quotes numbers of the Introduction and of sections 1.1 and 2.1, so it
asks their modules (and is executed again when one of them changes)."""

from __future__ import annotations

import pandas as pd

from analysis.data import curated
from analysis.presentation import notebook
from analysis.sections import s00_introduction, s11_regional_security, s21_security
from analysis.topics import (
    claims,
)


def _year(event_id: str) -> int:
    """The year of the row ``event_id`` of the table of events since 2020."""
    return int(curated.row("post2020_events", event_id)["date"][:4])


def _day(event_id: str) -> str:
    """'17 September 2021': the exact day of the row ``event_id``."""
    return f"{pd.Timestamp(curated.row('post2020_events', event_id)['date']):%-d %B %Y}"


def numbers() -> dict[str, object]:
    """Numbers quoted in the Conclusion, drawn from the chapters and the claims audit."""
    intro = s00_introduction.numbers()
    security_numbers = s21_security.numbers()
    theory = s11_regional_security.numbers()
    audited = claims.evaluate()
    counts = audited["verdict"].value_counts()
    events = curated.load("post2020_events")
    contact_group = curated.row("post2020_events", "contact-group-meeting-2021")["date"]
    return {
        "members_thesis": intro["members_thesis"],
        "members_latest": intro["members_latest"],
        "population_share_world_latest": intro["population_share_world_latest"],
        "gdp_share_world_latest": intro["gdp_share_world_latest"],
        "tajik_deaths": theory["tajik_deaths"],
        "afg_to_ca_ratio": security_numbers["afg_to_ca_ratio"],
        "rats_rows": security_numbers["rats_rows"],
        "claims_total": len(audited),
        "claims_supported": int(counts.get("supported", 0)),
        "claims_outdated": int(counts.get("outdated", 0)),
        "claims_contradicted": int(counts.get("contradicted", 0)),
        "claims_unverifiable": int(counts.get("unverifiable", 0)),
        "post2020_events": len(events),
        "antidrug_centre_year": _year("antidrug-centre-2025"),
        "border_clash_year": _year("border-war-2022"),
        "border_treaty_year": _year("border-treaty-2025"),
        "who_memoranda_year": _year("moscow-summit-2020"),
        "water_clash_year": _year("water-point-clash-2021"),
        "contact_group_last_meeting": f"{pd.Timestamp(contact_group):%B %Y}",
        "sco_csto_meeting": _day("sco-csto-joint-meeting-2021"),
        "roadmap_year": _year("cis-csto-sco-roadmap-2025"),
        "cis_observer_year": _year("sco-cis-observer-2025"),
    }


def recommendations_revisited() -> pd.DataFrame:
    """The thesis's four recommendations and what happened after 2020."""
    recommendations = curated.load("thesis_recommendations")
    events = curated.load("post2020_events").sort_values("date")
    rows = []
    for rec in recommendations.itertuples():
        related = events[events["recommendation"] == rec.number]
        rows.append({
            "Recommendation": f"{rec.number}. {rec.paraphrase}",
            "Since 2020": " ".join(f"{e.date}: {e.title}." for e in related.itertuples())
            or "no recorded event",
        })
    return pd.DataFrame(rows).set_index("Recommendation")


def setup() -> None:
    """Prepare this notebook (table display) and glue the numbers its text quotes."""
    notebook.setup(__name__, numbers)


# This notebook has no numbered figure or table.
EXHIBITS = notebook.inventory()
