"""Section 1.3: the SCO's stages of development, summits, documents and relations with the
West, and the Shanghai Five's founding task: the borders, and disputes since."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis.data import countries, curated
from analysis.data.sources import cow_disputes, unga
from analysis.presentation import border_charts, display, notebook, style
from analysis.topics import alignment, borders, membership, regions, stages


def numbers() -> dict[str, object]:
    """Numbers quoted in Chapter 1.3."""
    summits = curated.load("sco_summits")
    documents = curated.load("sco_documents").set_index("kind")
    periods = stages.periods().set_index("label")
    members = stages.members_per_year()
    distances = alignment.distances(regions.CENTRAL_ASIA)
    by_year = distances.groupby("year")[["from_usa", "from_eu"]].mean()
    first_vote = int(by_year.index.min())
    astana = pd.Timestamp(curated.row("sco_events_usa_eu", "astana-declaration-2005")["date"]).year
    last = int(by_year.index.max())
    charter = stages.charter()
    convention = curated.row("sco_documents", "shanghai-convention-2001")
    return {
        "sco_founding_year": membership.founding_year(),
        "summits_total": len(summits),
        "summits_shanghai_five": int((summits["format"] == "shanghai_five").sum()),
        "summits_sco": int((summits["format"] == "heads_of_state").sum()),
        "summits_online": int(summits["city"].str.lower().eq("online").sum()),
        "first_summit_year": int(summits["start_date"].min()[:4]),
        "last_summit_year": int(summits["start_date"].max()[:4]),
        "last_summit_city": summits.sort_values("start_date")["city"].iloc[-1],
        "charter_signed_year": int(charter["signed_date"][:4]),
        "charter_in_force_year": int(charter["in_force_date"][:4]),
        "convention_signed_year": int(convention["signed_date"][:4]),
        "convention_in_force_year": int(convention["in_force_date"][:4]),
        "documents_with_in_force_date": int(documents["in_force_date"].notna().sum()),
        "shanghai_five_members": int(members[periods.loc["Shanghai Five", "end"]]),
        "members_before_enlargement": int(members[periods.loc["Consolidation", "end"]]),
        "members_latest": int(members.iloc[-1]),
        "enlargement_year": int(periods.loc["Enlargement", "start"]),
        "merger_year": int(periods.loc["Partners merged", "start"]),
        "astana_declaration_year": int(astana),
        "ca_first_vote_year": first_vote,
        "ca_vote_years": len(by_year),
        "ca_years_closer_to_eu": int((by_year["from_eu"] < by_year["from_usa"]).sum()),
        "ca_last_vote_year": last,
        "ca_usa_distance_first": float(by_year.loc[first_vote, "from_usa"]),
        "ca_usa_distance_last": float(by_year.loc[last, "from_usa"]),
        "ca_eu_distance_first": float(by_year.loc[first_vote, "from_eu"]),
        "ca_eu_distance_last": float(by_year.loc[last, "from_eu"]),
        "ca_usa_distance_before_astana": float(by_year.loc[astana - 1, "from_usa"]),
        "ca_usa_distance_after_astana": float(by_year.loc[astana + 1, "from_usa"]),
        **border_numbers(),
    }


def _agreement_year(agreement_id: str) -> int:
    return int(curated.row("border_agreements", agreement_id)["signed_date"][:4])


def border_numbers() -> dict[str, object]:
    """Numbers of the section on borders and disputes."""
    china = borders.china_settlements()
    table = borders.central_asian_disputes()
    among = table[borders.among_members(table)]
    later = among[among["start_year"] >= membership.founding_year()]
    kgz_tjk = curated.row("border_agreements", "kgz-tjk-border-2025")
    return {
        "china_first_treaty_year": int(china["first_treaty"].min()[:4]),
        "china_last_step_year": int(china["last_step"].max()[:4]),
        "cbm_year": _agreement_year("shanghai-cbm-1996"),
        "reduction_year": _agreement_year("moscow-arms-reduction-1997"),
        "cow_kaz_cession_year": int(china.loc["KAZ", "cow_cession_year"]),
        "cow_kaz_area": float(china.loc["KAZ", "cow_area_km2"]),
        "cow_tjk_cession_year": int(china.loc["TJK", "cow_cession_year"]),
        "cow_tjk_area": float(china.loc["TJK", "cow_area_km2"]),
        "agreements_total": len(borders.agreements()),
        "kgz_tjk_treaty_day": f"{pd.Timestamp(kgz_tjk['signed_date']):%-d %B %Y}",
        "mid_disputes_ca": len(table),
        "mid_last_year": int(cow_disputes.disputes()["end_year"].max()),
        "mid_among_members_since_sco": len(later),
        "mid_among_members_fatal": int((later["fatality"] != "none").sum()),
        "mid_with_china": int(table["states"].map(lambda states: "CHN" in states).sum()),
    }


def sco_documents() -> pd.DataFrame:
    """Founding documents and conventions: signed where and when, in force when."""
    table = curated.load("sco_documents").sort_values("signed_date")
    return pd.DataFrame({
        "Document": table["title"],
        "Kind": table["kind"],
        "Signed": table["signed_date"] + ", " + table["signed_place"],
        "In force": table["in_force_date"].where(
            table["kind"] != "declaration", "not applicable").fillna("not found in the sources"),
        "Verification": display.verification(table["verification"]),
    }).set_index("Document")


def sco_summits() -> pd.DataFrame:
    """Meetings of the heads of state, Shanghai Five included."""
    table = curated.load("sco_summits")
    return pd.DataFrame({
        "Dates": [start if start == end else f"{start} to {end}"
                  for start, end in zip(table["start_date"], table["end_date"], strict=True)],
        "City": table["city"],
        "Host": table["host_iso3"],
        "Format": table["format"].map({"shanghai_five": "Shanghai Five",
                                       "heads_of_state": "SCO heads of state"}),
        "Notes": table["notes"].fillna(""),
        "Verification": display.verification(table["verification"]),
    }).set_index("Dates")


def stage_periods() -> pd.DataFrame:
    """The stages of the SCO with their years and the number of members at the end."""
    periods = stages.periods()
    members = stages.members_per_year()
    return pd.DataFrame({
        "Stage": periods["label"],
        "Years": [str(a) if a == b else f"{a}-{b}"
                  for a, b in zip(periods["start"], periods["end"], strict=True)],
        "Members at the end": [members[end] for end in periods["end"]],
    }).set_index("Stage")


def sco_stages() -> plt.Figure:
    """Stages of the SCO: members per year, summits, and the periods of its development."""
    style.apply()
    counts = stages.members_per_year()
    periods = stages.periods()
    summits = curated.load("sco_summits")
    fig, ax = style.figure(height=4.6)
    colours = [style.PALETTE[c] for c in ("light", "sky", "yellow", "orange", "green")]
    for number, (colour, period) in enumerate(zip(colours, periods.itertuples(),
                                                  strict=False), start=1):
        span = str(period.start) if period.start == period.end else \
            f"{period.start}-{period.end}"
        ax.axvspan(period.start, period.end + 1, color=colour, alpha=0.45, lw=0,
                   label=f"{number} {period.label}, {span}")
        ax.text((period.start + period.end + 1) / 2, counts.max() + 1.6, str(number),
                ha="center", va="top", fontweight="bold")
    ax.step(counts.index, counts, where="post", color=style.PALETTE["blue"], lw=2,
            label="member states")
    years = pd.to_datetime(summits["start_date"]).dt.year
    ax.plot(years, [0.4] * len(years), "v", color=style.PALETTE["vermillion"], ms=5,
            label="summit of heads of state")
    ax.set_ylim(0, counts.max() + 2)
    ax.set_xlabel("Year")
    ax.set_ylabel("Member states (number)")
    ax.set_title(f"Stages of the SCO, {counts.index.min()}-{counts.index.max()}")
    handles, labels = ax.get_legend_handles_labels()
    style.legend_below(ax, handles[-2:] + handles[:-2], labels[-2:] + labels[:-2])
    plotted = counts.to_frame("members").join(years.value_counts().rename("summits"))
    return style.finish(fig, [], plotted.fillna(0), "SCO stages",
                        curated=["sco_status", "sco_summits"])


def membership_changes() -> pd.DataFrame:
    """Every change of SCO status, by date: who gained which status."""
    table = membership.status_table().sort_values(["start_date", "iso3"])
    grouped = table.groupby(["start_date", "status"])["country"].agg(", ".join).reset_index()
    return pd.DataFrame({
        "Date": grouped["start_date"].dt.strftime("%Y-%m-%d"),
        "New status": grouped["status"].map(membership.STATUS_LABELS),
        "States": grouped["country"],
    }).set_index("Date")


def un_voting_distance() -> plt.Figure:
    """Distance of SCO members' UN votes from the USA and from the EU, with key events."""
    style.apply()
    states = regions.CENTRAL_ASIA_RUSSIA_CHINA
    frame = alignment.distances(states)
    first = frame.loc[frame["iso3"].isin(regions.CENTRAL_ASIA), "year"].min()
    frame = frame[frame["year"] >= first]
    events = curated.load("sco_events_usa_eu")
    fig, axes = style.figure(2, height=2.4, sharex=True, sharey=True)
    for ax, column, title in ((axes[0], "from_usa", "Distance from the USA"),
                              (axes[1], "from_eu", "Distance from the EU average")):
        for iso3 in states:
            part = frame[frame["iso3"] == iso3]
            ax.plot(part["year"], part[column], color=style.PALETTE[style.STATE_COLOURS[iso3]],
                    lw=1.3, label=countries.short_name(iso3))
        for year in sorted({pd.Timestamp(d).year for d in events["date"]}):
            ax.axvline(year, color="#999999", ls=":", lw=0.7)
        ax.set_title(title)
        ax.set_ylabel("Ideal-point distance")
    axes[1].set_xlabel("Year")
    style.legend_below(axes[1], ncols=3)
    return style.finish(fig, [unga.KEY], frame, "UN voting distance",
                        note="Dotted lines: events in data/curated/sco_events_usa_eu.csv. "
                             "EU average over the members of each year.")


def events_usa_eu() -> pd.DataFrame:
    """Episodes in the relations of the SCO's Central Asian members with the USA and the EU."""
    table = curated.load("sco_events_usa_eu").sort_values("date")
    return pd.DataFrame({"Date": table["date"], "Event": table["title"],
                         "States": table["iso3"].map(countries.names),
                         "Verification": display.verification(table["verification"])}
                        ).set_index("Date")


def border_agreements() -> plt.Figure:
    """Border treaties, demarcations and confidence-building agreements, by pair of states."""
    return border_charts.agreements_timeline()


def settled_borders() -> plt.Figure:
    """The land borders of the Central Asian states by the year of their first treaty."""
    return border_charts.settled_borders_map()


def china_borders() -> pd.DataFrame:
    """The three borders with China: first treaty, last step, and the cession COW records."""
    table = borders.china_settlements()
    return pd.DataFrame({
        "First border treaty": table["first_treaty"],
        "Last agreement or protocol": table["last_step"],
        "Agreements": table["agreements"],
        "Cession to China in COW (year)": table["cow_cession_year"].astype("string")
        .fillna("not recorded"),
        "Area ceded in COW (km²)": table["cow_area_km2"].map(
            lambda v: "not recorded" if pd.isna(v) else f"{v:,.0f}"),
    }).set_axis(table.index.map(countries.short_name).rename("State"))


def disputes() -> pd.DataFrame:
    """Militarised interstate disputes with a Central Asian participant, by period."""
    return borders.disputes_by_period().rename_axis(index="Disputes (MID 5.0)", columns=None)


def setup() -> None:
    """Prepare this notebook (table display) and glue the numbers its text quotes."""
    notebook.setup(__name__, numbers)


# Every numbered figure and table of the notebook: label, function, caption.
EXHIBITS = notebook.inventory(
    notebook.Exhibit("tbl-1-3-documents", sco_documents,
                     "Founding documents and conventions of the Shanghai Five and the SCO."),
    notebook.Exhibit("tbl-1-3-summits", sco_summits,
                     "Meetings of the heads of state of the Shanghai Five and the SCO."),
    notebook.Exhibit("tbl-1-3-stages", stage_periods,
                     "The five stages of the SCO's development, with the number of member states"
                     " at the end of each."),
    notebook.Exhibit("fig-1-3-stages", sco_stages,
                     "Member states at the end of each year, summits of the heads of state, "
                     "and the five stages of the SCO's development."),
    notebook.Exhibit("tbl-1-3-status-changes", membership_changes,
                     "Every change of status in the Shanghai Five and the SCO, by date."),
    notebook.Exhibit("fig-1-3-borders", border_agreements,
                     "Border treaties, supplementary agreements, demarcation protocols and "
                     "military confidence-building agreements by pair of states, with the "
                     "cessions of territory to China recorded by Correlates of War."),
    notebook.Exhibit("tbl-1-3-china-borders", china_borders,
                     "The borders of Kazakhstan, Kyrgyzstan and Tajikistan with China: "
                     "treaties, the last step, and the cessions recorded by Correlates of War."),
    notebook.Exhibit("fig-1-3-border-map", settled_borders,
                     "The land borders of the Central Asian states, coloured by the year in "
                     "which the two neighbours signed their first border treaty."),
    notebook.Exhibit("tbl-1-3-disputes", disputes,
                     "Militarised interstate disputes with a Central Asian participant, by "
                     "period and by whether every participant was then a member of the SCO (or "
                     "the Shanghai Five)."),
    notebook.Exhibit("fig-1-3-voting", un_voting_distance,
                     "Distance of the UN General Assembly ideal points of the Central Asian "
                     "states, Russia and China from the USA and from the average of the EU "
                     "members of each year; dotted lines mark the events in the curated table."),
    notebook.Exhibit("tbl-1-3-usa-eu", events_usa_eu,
                     "Episodes in the relations of the SCO's Central Asian members with the USA "
                     "and the EU."),
)
