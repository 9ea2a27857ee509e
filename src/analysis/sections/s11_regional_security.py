"""Section 1.1: regional security as a concept, and armed conflict by region."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd

from analysis.data import curated
from analysis.data.sources import ucdp
from analysis.presentation import notebook, style
from analysis.presentation.timelines import draw_event_list
from analysis.topics import conflict, membership


def numbers() -> dict[str, object]:
    """Numbers quoted in Chapter 1.1."""
    by_decade = conflict.conflicts_per_decade()
    post_soviet = conflict.post_soviet_conflicts_by_year()
    nineties = post_soviet.loc[1990:1999]
    central = conflict.central_asian_conflicts().set_index("conflict_id")
    acd, brd = ucdp.conflicts(), ucdp.battle_deaths()
    tajik = central.loc[central["location"] == "Tajikistan"].sort_values("first year").iloc[0]
    uzbek = central.loc[central["location"] == "Uzbekistan"].iloc[0]
    border = central.loc[central["type"] == "interstate"].iloc[0]
    islamic_state = central.loc[central["opponents"] == "IS"].iloc[0]
    imputed = brd[brd["region_imputed"]].sort_values("year")
    milestones = curated.load("security_milestones")
    yearly = conflict.central_asian_battle_deaths_by_year()
    tajik_yearly = yearly[f"Tajikistan ({tajik.name})"]
    imputed_rows = " and ".join(f"{row.battle_location} {row.year}"
                                for row in imputed.itertuples())
    return {
        "milestones_total": len(milestones),
        "milestone_first_year": int(milestones["date"].min()[:4]),
        "milestone_last_year": int(milestones["date"].max()[:4]),
        "acd_first_year": int(acd["year"].min()),
        "acd_last_year": int(acd["year"].max()),
        "brd_first_year": int(brd["year"].min()),
        "brd_last_year": int(brd["year"].max()),
        "conflicts_1980s": int(by_decade.loc[1980]),
        "conflicts_1990s": int(by_decade.loc[1990]),
        "post_soviet_peak": int(nineties.max()),
        "post_soviet_peak_year": int(nineties.idxmax()),
        "post_soviet_conflicts_1980s": int(post_soviet.loc[1980:1989].max()),
        "central_asian_conflicts": len(central),
        "tajik_first_year": int(tajik["first year"]),
        "tajik_last_year": int(tajik["last year"]),
        "tajik_active_years": int(tajik["active years"]),
        "tajik_war_years": int(tajik["war years"]),
        "tajik_deaths": int(tajik["battle deaths (best)"]),
        "tajik_deaths_before_sco": int(tajik_yearly.loc[:membership.founding_year() - 1].sum()),
        "uzbek_first_year": int(uzbek["first year"]),
        "uzbek_last_year": int(uzbek["last year"]),
        "uzbek_deaths": int(uzbek["battle deaths (best)"]),
        "border_first_year": int(border["first year"]),
        "border_last_year": int(border["last year"]),
        "border_deaths": int(border["battle deaths (best)"]),
        "border_deaths_year": int(border["deaths data years"][:4]),
        "is_first_year": int(islamic_state["first year"]),
        "is_last_year": int(islamic_state["last year"]),
        "brd_imputed_rows": imputed_rows,
    }


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
    fig, ax = style.figure(height=6.4)
    # labels wrapped to fit half the column, beside their dots
    draw_event_list(ax, events.assign(label=events["label"].map(
        lambda label: textwrap.fill(label, 20))), colours)
    ax.set_xlabel("Year")
    ax.set_title(f"Milestones of collective security, {events['date'].min():%Y}-"
                 f"{events['date'].max():%Y}")
    handles = [plt.Line2D([], [], marker="o", ls="", color=colours[k], label=k) for k in kinds]
    ax.legend(handles=handles, loc="lower left")  # the corner the labels leave empty
    return style.finish(fig, [], events[["date", "label", "kind"]], "security milestones",
                        curated=["security_milestones"])


def conflicts_by_region() -> plt.Figure:
    """Conflicts per decade by region, and conflicts located in post-Soviet states."""
    style.apply()
    by_decade = conflict.conflicts_by_region_and_decade()
    post_soviet = conflict.post_soviet_conflicts_by_year()
    fig, (top, bottom_ax) = style.figure(2, height=2.6)
    bottom = pd.Series(0, index=by_decade.index)
    for region in by_decade.columns:
        top.bar(by_decade.index, by_decade[region], bottom=bottom, width=8,
                color=REGION_COLOURS[region], label=region)
        bottom = bottom + by_decade[region]
    top.set_xlabel("Decade")
    top.set_ylabel("Conflicts active\nin the decade")
    top.set_title("Armed conflicts by region")
    top.legend(loc="upper left", ncols=3, handlelength=1, columnspacing=1)
    top.set_ylim(0, bottom.max() * 1.45)  # room for the legend above the bars
    bottom_ax.step(post_soviet.index, post_soviet, where="mid", color=style.PALETTE["blue"])
    bottom_ax.axvline(1991, color="#888888", ls=":", lw=0.8)
    bottom_ax.set_xlabel("Year")
    bottom_ax.set_ylabel("Active conflicts")
    bottom_ax.set_title("... in the post-Soviet states")
    fig.align_ylabels()
    return style.finish(fig, [ucdp.ACD_KEY], [by_decade, post_soviet.to_frame()],
                        "conflicts by region",
                        note="Conflicts with at least 25 battle deaths in a year; a conflict "
                             "in two regions counts in both; 2020s = 2020-2024.")


def central_asian_battle_deaths() -> plt.Figure:
    """Battle deaths per year in the conflicts located in Central Asia."""
    style.apply()
    table = conflict.central_asian_battle_deaths_by_year()
    fig, ax = style.figure(height=3.4)
    bottom = pd.Series(0, index=table.index)
    colours = [style.PALETTE[c] for c in ("blue", "orange", "green", "vermillion")]
    for colour, column in zip(colours, table.columns, strict=False):
        ax.bar(table.index, table[column], bottom=bottom, color=colour, label=column, width=0.8)
        bottom = bottom + table[column]
    ax.set_xlabel("Year")
    ax.set_ylabel("Battle deaths\n(best estimate)")
    ax.set_title(f"Central Asian battle deaths, {table.index.min()}-{table.index.max()}")
    ax.legend(loc="upper right")
    return style.finish(fig, [ucdp.BRD_KEY], table, "Central Asian battle deaths",
                        note="The 2022 Kyrgyz-Tajik clashes fall after the end of this file.")


def conflicts_table() -> pd.DataFrame:
    """The armed conflicts located in Central Asia since 1991 (UCDP/PRIO), in the columns a
    reader compares: who fought whom, when, how long at war, and how many died."""
    table = conflict.central_asian_conflicts()
    best = table["battle deaths (best)"].map(lambda d: "" if pd.isna(d) else f"{d:,} ")
    low_high = table["battle deaths (low-high)"].where(
        table["battle deaths (best)"].isna(), "(" + table["battle deaths (low-high)"] + ")")
    return pd.DataFrame({
        "UCDP conflict": table["conflict_id"],
        "Location": table["location"],
        "Sides": table["government side"] + " against " + table["opponents"],
        "Type": table["type"],
        "Years": table["first year"].astype(str) + "-" + table["last year"].astype(str),
        "Years active (at war)": table["active years"].astype(str) + " ("
        + table["war years"].astype(str) + ")",
        "Battle deaths, best (low-high)": best + low_high,
        "Years with deaths data": table["deaths data years"],
    }).set_index("UCDP conflict")


def setup() -> None:
    """Prepare this notebook (table display) and glue the numbers its text quotes."""
    notebook.setup(__name__, numbers)


# Every numbered figure and table of the notebook: label, function, caption.
EXHIBITS = notebook.inventory(
    notebook.Exhibit("fig-1-1-milestones", security_milestones,
                     "Milestones of collective security discussed in the thesis, with the date"
                     " of each event."),
    notebook.Exhibit("fig-1-1-conflicts", conflicts_by_region,
                     "Armed conflicts by region and decade (top) and active conflicts located"
                     " in the post-Soviet states by year (bottom)."),
    notebook.Exhibit("tbl-1-1-conflicts", conflicts_table,
                     "The armed conflicts located in the Central Asian states in UCDP/PRIO's "
                     "data: sides, years active and at war, and battle deaths."),
    notebook.Exhibit("fig-1-1-deaths", central_asian_battle_deaths,
                     "Battle deaths per year in the armed conflicts located in Central Asia "
                     "(UCDP best estimates)."),
)
