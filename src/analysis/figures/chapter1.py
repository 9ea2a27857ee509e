"""Figures of Chapter 1: security concepts, international organisations, SCO stages."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis import alignment, conflict, curated, membership, organisations, stages, style
from analysis.figures.timelines import draw_event_list

UCDP_ACD, UCDP_BRD = "ucdp_acd", "ucdp_brd"
COW_IGO = ["cow_igo_igo_year", "cow_igo_state_year"]
REGION_COLOURS = {"Africa": style.PALETTE["orange"], "Americas": style.PALETTE["purple"],
                  "Asia": style.PALETTE["blue"], "Europe": style.PALETTE["green"],
                  "Middle East": style.PALETTE["vermillion"]}


def security_milestones() -> plt.Figure:
    """The milestones of collective security from the Hague to the end of the USSR."""
    style.apply()
    events = curated.load("security_milestones")
    events = events.assign(date=pd.to_datetime(events["date"]), category=events["kind"])
    kinds = sorted(events["category"].unique())
    colours = dict(zip(kinds, [style.PALETTE[c] for c in
                               ("blue", "orange", "green", "vermillion", "purple", "sky")],
                       strict=False))
    fig, ax = plt.subplots(figsize=(8, 4.2))
    draw_event_list(ax, events, colours)
    ax.set_xlabel("Year")
    ax.set_title(f"Milestones of collective security, {events['date'].min():%Y}-"
                 f"{events['date'].max():%Y}")
    handles = [plt.Line2D([], [], marker="o", ls="", color=colours[k], label=k) for k in kinds]
    ax.legend(handles=handles, loc="lower left", fontsize=7)
    fig.tight_layout()
    return style.finish(fig, [], events[["date", "label", "kind"]], "security milestones",
                        curated=["security_milestones"])


def conflicts_by_region() -> plt.Figure:
    """Conflicts per decade by region, and conflicts located in post-Soviet states."""
    style.apply()
    by_decade = conflict.conflicts_by_region_and_decade()
    post_soviet = conflict.post_soviet_conflicts_by_year()
    fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3.4), gridspec_kw={"width_ratios": [3, 2]})
    bottom = pd.Series(0, index=by_decade.index)
    for region in by_decade.columns:
        left.bar(by_decade.index, by_decade[region], bottom=bottom, width=8,
                 color=REGION_COLOURS[region], label=region)
        bottom = bottom + by_decade[region]
    left.set_xlabel("Decade")
    left.set_ylabel("Armed conflicts active in the decade")
    left.set_title("Armed conflicts by region")
    left.legend(loc="upper left", fontsize=7)
    right.step(post_soviet.index, post_soviet, where="mid", color=style.PALETTE["blue"])
    right.axvline(1991, color="#888888", ls=":", lw=0.8)
    right.set_xlabel("Year")
    right.set_ylabel("Active conflicts (number)")
    right.set_title("... in the post-Soviet states")
    fig.tight_layout()
    return style.finish(fig, [UCDP_ACD], [by_decade, post_soviet.to_frame()],
                        "conflicts by region",
                        note="Conflicts with at least 25 battle deaths in a year; a conflict "
                             "in two regions counts in both; 2020s = 2020-2024.")


def central_asian_battle_deaths() -> plt.Figure:
    """Battle deaths per year in the conflicts located in Central Asia."""
    style.apply()
    table = conflict.central_asian_battle_deaths_by_year()
    fig, ax = plt.subplots(figsize=(8, 3.2))
    bottom = pd.Series(0, index=table.index)
    colours = [style.PALETTE[c] for c in ("blue", "orange", "green", "vermillion")]
    for colour, column in zip(colours, table.columns, strict=False):
        ax.bar(table.index, table[column], bottom=bottom, color=colour, label=column, width=0.8)
        bottom = bottom + table[column]
    ax.set_xlabel("Year")
    ax.set_ylabel("Battle deaths (best estimate)")
    ax.set_title(f"Battle deaths in Central Asian armed conflicts, {table.index.min()}-"
                 f"{table.index.max()}")
    ax.legend(loc="upper right", fontsize=7)
    fig.tight_layout()
    return style.finish(fig, [UCDP_BRD], table, "Central Asian battle deaths",
                        note="The 2022 Kyrgyz-Tajik clashes fall after the end of this file.")


def igo_growth() -> plt.Figure:
    """Intergovernmental organisations in existence, 1815-2014."""
    style.apply()
    series = organisations.igos_per_year()
    fig, ax = plt.subplots(figsize=(8, 3.2))
    ax.plot(series.index, series, color=style.PALETTE["blue"])
    for code, label in (("itu", "ITU"), ("upu", "UPU"), ("lon", "League of Nations"),
                        ("un", "United Nations")):
        year = organisations.founding_year(code)
        ax.annotate(label, (year, series.get(year, 0)), xytext=(0, 18),
                    textcoords="offset points", ha="center", fontsize=7,
                    arrowprops={"arrowstyle": "-", "color": "#888888", "lw": 0.6})
    ax.set_xlabel("Year")
    ax.set_ylabel("IGOs in existence (number)")
    ax.set_title("The growth of intergovernmental organisations")
    fig.tight_layout()
    return style.finish(fig, COW_IGO[:1], series.to_frame(), "IGO growth",
                        note="COW counts organisations with three or more member states; "
                             "the data end in 2014.")


def central_asian_igo_memberships() -> plt.Figure:
    """Full IGO memberships of the Central Asian states, Russia and China, 1991-2014."""
    style.apply()
    spread = organisations.membership_spread(1991)
    states = [*organisations.CENTRAL_ASIA, "RUS", "CHN"]
    counts = organisations.full_memberships(states).loc[spread.index]
    fig, ax = plt.subplots(figsize=(8, 3.6))
    ax.fill_between(spread.index, spread["q25"], spread["q75"], color=style.PALETTE["light"],
                    label="all states: middle half")
    ax.plot(spread.index, spread["median"], color="#777777", ls="--", lw=1,
            label="all states: median")
    colours = dict(zip(states, [style.PALETTE[c] for c in
                                ("blue", "sky", "green", "yellow", "purple", "vermillion",
                                 "orange")], strict=True))
    for iso3 in states:
        ax.plot(counts.index, counts[iso3], color=colours[iso3], lw=1.6, label=iso3)
    ax.set_xlabel("Year")
    ax.set_ylabel("IGOs with full membership (number)")
    ax.set_title("How quickly the new Central Asian states joined international organisations")
    ax.legend(loc="lower right", ncol=3, fontsize=7)
    fig.tight_layout()
    return style.finish(fig, COW_IGO, [spread, counts], "Central Asian IGO memberships",
                        note="Correlates of War IGO v3.0; the data end in 2014.")


def organisation_overlap(when: str | None = None) -> plt.Figure:
    """Which of the Central Asian states, Russia and China belong to which organisation."""
    style.apply()
    when = when or membership.latest_date().date().isoformat()
    states = [*organisations.CENTRAL_ASIA, "RUS", "CHN"]
    orgs = ["sco", "csto", "cis", "eaeu", "cica", "osce", "nato_pfp"]
    roles = organisations.roles_on(when).reindex(index=states, columns=orgs)
    shades = {None: "light", "observer": "sky", "partner": "sky", "associate": "orange",
              "member": "blue", "suspended": "grey", "frozen": "grey"}
    codes = {role: i for i, role in enumerate(shades) if role}
    grid = roles.apply(lambda column: column.map(codes)).fillna(0).astype(float)
    fig, ax = plt.subplots(figsize=(8, 3.6))
    cmap = plt.matplotlib.colors.ListedColormap([style.PALETTE[c] for c in shades.values()])
    ax.imshow(grid.to_numpy(), cmap=cmap, vmin=-0.5, vmax=len(shades) - 0.5, aspect="auto")
    for (i, j), role in pd.DataFrame(roles.fillna("-").to_numpy()).stack().items():
        ax.text(j, i, role, ha="center", va="center", fontsize=7,
                color="white" if role == "member" else "black")
    ax.set_xticks(range(len(orgs)), [organisations.ORGANISATION_LABELS[o] for o in orgs])
    ax.set_yticks(range(len(states)), states)
    ax.grid(False)
    ax.set_title(f"Overlapping memberships on {pd.Timestamp(when).day} "
                 f"{pd.Timestamp(when):%B %Y}")
    fig.tight_layout()
    return style.finish(fig, [], roles.fillna("-"), "organisation overlap",
                        curated=["organisation_membership", "sco_status"])


def sco_stages() -> plt.Figure:
    """Stages of the SCO: members per year, summits, and the periods of its development."""
    style.apply()
    counts = stages.members_per_year()
    periods = stages.periods()
    summits = curated.load("sco_summits")
    fig, ax = plt.subplots(figsize=(8, 3.6))
    colours = [style.PALETTE[c] for c in ("light", "sky", "yellow", "orange", "green")]
    for colour, period in zip(colours, periods.itertuples(), strict=False):
        ax.axvspan(period.start, period.end + 1, color=colour, alpha=0.45, lw=0)
        ax.text((period.start + period.end + 1) / 2, counts.max() + 1.6, period.label,
                ha="center", va="top", fontsize=7, wrap=True)
    ax.step(counts.index, counts, where="post", color=style.PALETTE["blue"], lw=2,
            label="member states")
    years = pd.to_datetime(summits["start_date"]).dt.year
    ax.plot(years, [0.4] * len(years), "v", color=style.PALETTE["vermillion"], ms=5,
            label="summit of heads of state")
    ax.set_ylim(0, counts.max() + 2)
    ax.set_xlabel("Year")
    ax.set_ylabel("Member states (number)")
    ax.set_title(f"Stages of the SCO, {counts.index.min()}-{counts.index.max()}")
    ax.legend(loc="center left", fontsize=7)
    fig.tight_layout()
    plotted = counts.to_frame("members").join(years.value_counts().rename("summits"))
    return style.finish(fig, [], plotted.fillna(0), "SCO stages",
                        curated=["sco_status", "sco_summits"])


def un_voting_distance() -> plt.Figure:
    """Distance of SCO members' UN votes from the USA and from the EU, with key events."""
    style.apply()
    states = [*organisations.CENTRAL_ASIA, "RUS", "CHN"]
    frame = alignment.distances(states)
    first = frame.loc[frame["iso3"].isin(organisations.CENTRAL_ASIA), "year"].min()
    frame = frame[frame["year"] >= first]
    events = curated.load("sco_events_usa_eu")
    fig, axes = plt.subplots(1, 2, figsize=(8, 3.6), sharey=True)
    colours = dict(zip(states, [style.PALETTE[c] for c in
                                ("blue", "sky", "green", "yellow", "purple", "vermillion",
                                 "orange")], strict=True))
    for ax, column, title in ((axes[0], "from_usa", "Distance from the USA"),
                              (axes[1], "from_eu", "Distance from the EU average")):
        for iso3 in states:
            part = frame[frame["iso3"] == iso3]
            ax.plot(part["year"], part[column], color=colours[iso3], lw=1.3, label=iso3)
        for year in sorted({pd.Timestamp(d).year for d in events["date"]}):
            ax.axvline(year, color="#999999", ls=":", lw=0.7)
        ax.set_title(title)
        ax.set_xlabel("Year")
    axes[0].set_ylabel("Distance between ideal points")
    axes[1].legend(loc="upper right", ncol=2, fontsize=7)
    fig.tight_layout()
    return style.finish(fig, ["unga_ideal_points"], frame, "UN voting distance",
                        note="Dotted lines: events in data/curated/sco_events_usa_eu.csv. "
                             "EU average over the members of each year.")
