"""Conclusion: the scorecard of the SCO's security functions, the crises and who
responded to them, and the thesis's recommendations revisited.

The Conclusion quotes numbers of the Introduction and of sections 1.1 and 2.1, so it
asks their modules (and is executed again when one of them changes)."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from analysis.data import curated
from analysis.data.sources import ucdp
from analysis.presentation import notebook, style
from analysis.sections import s00_introduction, s11_regional_security, s21_security
from analysis.topics import claims, crises, scorecard


def _year(event_id: str, hedged: bool = False) -> int:
    """The year of the row ``event_id`` of the table of events since 2020 (``hedged``:
    the text says that the row is inferred)."""
    return int(curated.row("post2020_events", event_id, hedged)["date"][:4])


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
    card = scorecard.scorecard()["verdict"].value_counts()
    table = crises.crises()
    since = scorecard.crisis_response().crisis_ids
    levels = scorecard.sco_levels(since)
    return {
        "crises_since_sco": len(since),
        "sco_consulted": int((levels >= scorecard.ACTED).sum()),
        "sco_silent": int((levels == crises.LEVEL["none_found"]).sum()),
        "crises_total": len(table),
        "crises_first_year": int(table["start_year"].min()),
        "crises_last_year": int(table["start_year"].max()),
        "responses_total": len(crises.responses()),
        "functions_total": int(card.sum()),
        **{f"functions_{v.replace(' ', '_')}": int(card.get(v, 0)) for v in scorecard.VERDICTS},
        "members_thesis": intro["members_thesis"],
        "members_latest": intro["members_latest"],
        "population_share_world_latest": intro["population_share_world_latest"],
        "gdp_share_world_latest": intro["gdp_share_world_latest"],
        "tajik_deaths": theory["tajik_deaths"],
        "tajik_deaths_before_sco": theory["tajik_deaths_before_sco"],
        "tajik_first_year": theory["tajik_first_year"],
        "tajik_last_year": theory["tajik_last_year"],
        "afg_to_ca_ratio": security_numbers["afg_to_ca_ratio"],
        "gtd_since": security_numbers["gtd_since"],
        "gtd_last_year": security_numbers["gtd_last_year"],
        "rats_rows": security_numbers["rats_rows"],
        "claims_total": len(audited),
        "claims_supported": int(counts.get("supported", 0)),
        "claims_outdated": int(counts.get("outdated", 0)),
        "claims_contradicted": int(counts.get("contradicted", 0)),
        "claims_unverifiable": int(counts.get("unverifiable", 0)),
        "post2020_events": len(events),
        "antidrug_centre_year": _year("antidrug-centre-2025"),
        "border_clash_year": _year("border-war-2022"),
        "ceasefire_day": _day("samarkand-ceasefire-2022"),
        "protocol_day": _day("border-protocol-2022"),
        "border_treaty_year": _year("border-treaty-2025"),
        "who_memoranda_year": _year("moscow-summit-2020", hedged=True),
        "water_clash_year": _year("water-point-clash-2021"),
        "contact_group_last_meeting": f"{pd.Timestamp(contact_group):%B %Y}",
        "sco_csto_meeting": _day("sco-csto-joint-meeting-2021"),
        "roadmap_year": _year("cis-csto-sco-roadmap-2025"),
        "cis_observer_year": _year("sco-cis-observer-2025"),
    }


def recommendations_revisited() -> pd.DataFrame:
    """The thesis's four recommendations and the events of the curated table that bear
    on each, one per line (the header gives the years the events span; an event the
    sources do not state outright is marked inferred)."""
    recommendations = curated.load("thesis_recommendations")
    events = curated.load("post2020_events").sort_values("date")
    span = f"Events, {events['date'].min()[:4]}-{events['date'].max()[:4]}"
    rows = []
    for rec in recommendations.itertuples():
        related = events[events["recommendation"] == rec.number]
        rows.append({
            "Recommendation": f"{rec.number}. {rec.paraphrase}",
            span: "\n".join(f"{e.date}: {e.title}."
                             + (f" ({e.verification})" if e.verification in curated.UNSURE
                                else "") for e in related.itertuples())
            or "no recorded event",
        })
    return pd.DataFrame(rows).set_index("Recommendation")


def scorecard_table() -> pd.DataFrame:
    """The scorecard, computed from the crisis, border, dispute, violence and drug data;
    the verdict next to the function it judges, so that a phone shows both."""
    table = scorecard.scorecard()
    return pd.DataFrame({
        "Verdict": table["verdict"],
        "Asked by": table["asked_by"],
        "Evidence": table["evidence"],
        "Did more than the SCO (crises)": table["acted_instead"],
    }).rename_axis("Security function")


RESPONSE_COLOURS = ["#F2F2F2", "#C6DBEF", "#6BAED6", "#2171B5", "#E69F00", "#D55E00"]


def responses() -> plt.Figure:
    """Crises (rows, oldest at the top) by responders, coloured by the strongest response."""
    style.apply()
    codes = crises.matrix()
    levels = codes.replace(crises.LEVEL).replace("not_existing", np.nan).astype(float)
    names = crises.crises().set_index("id")
    labels = ["\n".join(textwrap.wrap(label, 22))
              for label in names.loc[codes.index, "dated_label"]]
    fig, ax = style.figure(height=11.5)
    style.cell_grid(ax, levels.to_numpy(), RESPONSE_COLOURS)
    for (row, column), code in np.ndenumerate(codes.to_numpy()):
        if code == "not_existing":
            ax.text(column, row, "n/a", ha="center", va="center", color="#666666",
                    rotation=90)
    ax.set_xticks(range(len(codes.columns)), [crises.ACTOR_NAMES[a] for a in codes.columns],
                  rotation=90)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(labels)), labels)
    ax.grid(False)
    ax.set_xticks(np.arange(-0.5, len(codes.columns)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(codes)), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    ax.axvline(len(crises.ORGANISATIONS) - 0.5, color="black", linewidth=1.5)
    handles = [plt.Rectangle((0, 0), 1, 1, facecolor=c, edgecolor="#999999")
               for c in RESPONSE_COLOURS]
    fig.legend(handles, [crises.RESPONSE_NAMES[r] for r in curated.RESPONSES], ncols=2,
               loc="outside lower center")
    return style.finish(fig, [ucdp.ORGANIZED_VIOLENCE_KEY], codes, "crisis responses",
                        curated=["crises", "crisis_responses"],
                        note="Organisations left of the line, powers right of it; n/a: the "
                             "organisation did not exist yet. The strongest response in "
                             "about three months.")


def setup() -> None:
    """Prepare this notebook (table display) and glue the numbers its text quotes."""
    notebook.setup(__name__, numbers)


# Every numbered figure and table of the notebook: label, function, caption.
EXHIBITS = notebook.inventory(
    notebook.Exhibit("tbl-4-scorecard", scorecard_table,
                     "The SCO's security functions, those the thesis credits and those the "
                     "book asks about: the evidence, the verdict and who did more where the "
                     "SCO did not, computed from the book's data."),
    notebook.Exhibit("fig-4-responses", responses,
                     "Major security crises in Central Asia since 1991 and the strongest "
                     "response of six organisations and three powers to each."),
    notebook.Exhibit("tbl-4-recommendations", recommendations_revisited,
                     "The thesis's four recommendations and the recorded events that bear "
                     "on each."),
)
