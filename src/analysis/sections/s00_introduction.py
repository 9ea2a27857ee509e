"""Introduction: the SCO at a glance, then and now, and the thesis's headline figures."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from analysis.data.sources import naturalearth, wdi
from analysis.presentation import notebook, style
from analysis.presentation.claim_tables import claims_table
from analysis.presentation.maps import draw_countries
from analysis.topics import (
    claims,
    footprint,
    membership,
)


def _inferred_partners() -> int:
    """Today's partners whose status the sources imply but do not state by name."""
    spells = membership.status_table()
    now = spells[(spells["status"] == "partner") & spells["end_date"].isna()]
    return int((now["verification"] == "inferred").sum())


def numbers() -> dict[str, object]:
    thesis, latest = footprint.thesis_vintage(), footprint.latest_vintage()
    then = footprint.totals(thesis).set_index("measure")
    now = footprint.totals(latest).set_index("measure")
    years = footprint.history_years()
    founders_pop = footprint.growth_paths("population", years)["founding six"]
    founders_gdp = footprint.growth_paths("gdp", years)["founding six"]
    audited = claims.evaluate("Introduction").set_index("claim_id")
    claimed_population = claims.claimed_value("intro-population")
    claimed_gdp = claims.claimed_value("intro-gdp")
    status_then = membership.status_on(membership.THESIS_DATA_YEAR).value_counts()
    status_now = membership.status_on(membership.latest_date()).value_counts()
    areas = footprint.member_values(thesis).set_index("iso3")["area"]
    return {
        "thesis_year": membership.THESIS_DATA_YEAR,
        "members_thesis": len(thesis.states),
        "observers_thesis": int(status_then.get("observer", 0)),
        "dialogue_partners_thesis": int(status_then.get("dialogue_partner", 0)),
        "members_latest": len(latest.states),
        "partners_latest": int(status_now.get("partner", 0)),
        "partners_latest_inferred": _inferred_partners(),
        "latest_status_date": f"{membership.latest_date():%-d %B %Y}",
        "iran_member_year": membership.first_year("IRN", "member"),
        "belarus_member_year": membership.first_year("BLR", "member"),
        "india_member_year": membership.first_year("IND", "member"),
        "area_year_latest": latest.years["area"],
        "population_year_latest": latest.years["population"],
        "gdp_year_latest": latest.years["gdp"],
        "eurasia_area_mkm2": now.loc["area", "eurasia"] / 1e6,
        "area_thesis_mkm2": then.loc["area", "total"] / 1e6,
        "area_share_eurasia_thesis": 100 * then.loc["area", "share_eurasia"],
        "area_share_eurasia_latest": 100 * now.loc["area", "share_eurasia"],
        "area_share_world_thesis": 100 * then.loc["area", "share_world"],
        "russia_area_share_thesis": 100 * areas["RUS"] / areas.sum(),
        "population_thesis_bn": then.loc["population", "total"] / 1e9,
        "population_latest_bn": now.loc["population", "total"] / 1e9,
        "population_share_world_thesis": 100 * then.loc["population", "share_world"],
        "population_share_world_latest": 100 * now.loc["population", "share_world"],
        "gdp_thesis_trn": then.loc["gdp", "total"] / 1e12,
        "gdp_latest_trn": now.loc["gdp", "total"] / 1e12,
        "gdp_share_world_thesis": 100 * then.loc["gdp", "share_world"],
        "gdp_share_world_latest": 100 * now.loc["gdp", "share_world"],
        "claimed_population_bn": claimed_population / 1e9,
        "claimed_gdp_trn": claimed_gdp / 1e12,
        "claimed_area_share_pct": 100 * claims.claimed_value("intro-area"),
        "population_ratio_to_claim": then.loc["population", "total"] / claimed_population,
        "gdp_ratio_to_claim": then.loc["gdp", "total"] / claimed_gdp,
        "founders_population_year": footprint.first_year_above(founders_pop, claimed_population),
        "founders_gdp_year": footprint.first_year_above(founders_gdp, claimed_gdp),
        "verdict_area": audited.loc["intro-area", "verdict"],
        "verdict_population": audited.loc["intro-population", "verdict"],
        "verdict_gdp": audited.loc["intro-gdp", "verdict"],
    }


_UNITS = {  # measure -> (divisor, column title)
    "area": (1e3, "Area (thousand km²)"),
    "population": (1e6, "Population (million)"),
    "gdp": (1e9, "GDP (billion current US$)"),
}


def footprint_table(vintage: footprint.Vintage) -> pd.DataFrame:
    """Area, population and GDP of each member, with totals and shares of world and Eurasia."""
    values = footprint.member_values(vintage).set_index("country").drop(columns="iso3")
    values = values.sort_values("population", ascending=False)
    totals = footprint.totals(vintage).set_index("measure")
    body = pd.DataFrame({
        title: (values[measure] / divisor).map("{:,.1f}".format)
        for measure, (divisor, title) in _UNITS.items()
    })
    summary = pd.DataFrame({
        title: [f"{totals.loc[m, 'total'] / divisor:,.1f}",
                f"{100 * totals.loc[m, 'share_world']:.1f}%",
                f"{100 * totals.loc[m, 'share_eurasia']:.1f}%",
                str(totals.loc[m, "year"])]
        for m, (divisor, title) in _UNITS.items()
    }, index=[f"Total ({len(vintage.states)} members)", "Share of the world",
              "Share of Eurasia", "Data year"])
    table = pd.concat([body, summary])
    table.index.name = vintage.label
    return table


NATURAL_EARTH = naturalearth.KEYS["50m"]


def membership_map(dates: list[str] | None = None) -> plt.Figure:
    """One map per date: SCO members, observers, dialogue partners and partners.

    By default: the end of the thesis's data year, and the latest status change.
    """
    style.apply()
    dates = dates or [f"{membership.THESIS_DATA_YEAR}-12-31",
                      membership.latest_date().date().isoformat()]
    countries = naturalearth.countries("50m")
    fig, axes = style.figure(len(dates), height=3.2, squeeze=False)
    plotted = []
    for ax, date in zip(axes[:, 0], dates, strict=True):
        status = membership.status_on(date)
        draw_countries(ax, countries, status.map(style.STATUS_COLOURS), style.PALETTE["light"])
        counts = status.value_counts()
        handles = [Patch(color=style.STATUS_COLOURS[s],
                         label=f"{membership.STATUS_LABELS[s]} ({counts[s]})")
                   for s in membership.STATUSES if s in counts]
        style.legend_below(ax, handles=handles, drop=0.05, ncols=2)
        day = pd.Timestamp(date)
        ax.set_title(f"SCO status on {day.day} {day:%B %Y}")
        plotted.append(status.rename("status").reset_index().assign(date=date))
    return style.finish(fig, [NATURAL_EARTH],
                        pd.concat(plotted, ignore_index=True), "membership map",
                        note="Status: data/curated/sco_status.csv. Borders show de facto "
                             "control and imply no position on disputes.")


def footprint_shares() -> plt.Figure:
    """Members' share of the world and of Eurasia, thesis vintage and latest data."""
    style.apply()
    vintages = [footprint.thesis_vintage(), footprint.latest_vintage()]
    rows = []
    for vintage in vintages:
        totals = footprint.totals(vintage)
        for row in totals.itertuples():
            for base in ("world", "eurasia"):
                rows.append({"vintage": f"{len(vintage.states)} members, {row.year}",
                             "label": vintage.label, "measure": row.measure, "base": base,
                             "share_pct": 100 * getattr(row, f"share_{base}")})
    shares = pd.DataFrame(rows)
    fig, axes = style.figure(2, height=2.1, sharex=True)
    measures = list(footprint.MEASURES)
    colours = [style.PALETTE["blue"], style.PALETTE["orange"]]
    height = 0.38
    for ax, base in zip(axes, ("world", "eurasia"), strict=True):
        for i, vintage in enumerate(vintages):
            part = shares[(shares["base"] == base) & (shares["label"] == vintage.label)]
            part = part.set_index("measure").loc[measures]
            ypos = [m + (i - 0.5) * height for m in range(len(measures))]
            bars = ax.barh(ypos, part["share_pct"], height=height, color=colours[i],
                           label=f"{vintage.label}: {len(vintage.states)} members")
            ax.bar_label(bars, fmt="%.0f%%", padding=2)
        ax.set_yticks(range(len(measures)), [footprint.MEASURE_LABELS[m] for m in measures])
        ax.set_xlim(0, 100)
        ax.invert_yaxis()  # first measure on top, thesis vintage first
        ax.grid(axis="y", visible=False)
    axes[0].set_title("SCO members' share of the world")
    axes[1].set_title("... and of Eurasia")
    axes[1].set_xlabel("Share (%)")
    style.legend_below(axes[1], drop=0.5, ncols=1)
    keys = [wdi.registry_key(code) for code in footprint.MEASURES.values()] + [NATURAL_EARTH]
    return style.finish(fig, keys, shares.round(6), "footprint shares",
                        note="Eurasia: states Natural Earth places in Europe or Asia.")


def headline_paths() -> plt.Figure:
    """Population and GDP of the founding six and of each year's members, with the
    thesis's headline figures as dashed lines."""
    style.apply()
    years = footprint.history_years()
    thresholds = {"population": claims.claimed_value("intro-population"),
                  "gdp": claims.claimed_value("intro-gdp")}
    scales = {"population": (1e9, "Billion people"),
              "gdp": (1e12, "Trillion current US$")}
    fig, axes = style.figure(2, height=2.4, sharex=True)
    plotted = []
    for ax, (measure, (scale, label)) in zip(axes, scales.items(), strict=True):
        paths = footprint.growth_paths(measure, years) / scale
        for column, colour in zip(paths, (style.PALETTE["orange"], style.PALETTE["blue"]),
                                  strict=True):
            ax.plot(paths.index, paths[column], color=colour, lw=1.8, label=column)
        ax.axhline(thresholds[measure] / scale, color=style.PALETTE["vermillion"], ls="--",
                   lw=1, label="figure in the thesis")
        ax.axvline(membership.THESIS_DATA_YEAR, color="#888888", lw=0.8, ls=":")
        ax.set_ylabel(label)
        ax.set_title(footprint.MEASURE_LABELS[measure])
        plotted.append(paths.assign(measure=measure))
    axes[1].set_xlabel("Year")
    fig.align_ylabels()
    style.legend_below(axes[1], drop=0.5, ncols=2)
    keys = [wdi.registry_key(footprint.MEASURES[m]) for m in scales]
    return style.finish(fig, keys, pd.concat(plotted).round(6), "headline paths",
                        note="Dotted line: the thesis's data year. Before 2001 the members "
                             "of the year are the five states of the Shanghai Five. Current "
                             "US$, the basis of the thesis's own figures.")


def claims_checked() -> pd.DataFrame:
    """The thesis's claims in this section, measured and judged."""
    return claims_table("Introduction")


def footprint_then() -> pd.DataFrame:
    """The members' footprint in the thesis's data year."""
    return footprint_table(footprint.thesis_vintage())


def footprint_now() -> pd.DataFrame:
    """The members' footprint in the latest data."""
    return footprint_table(footprint.latest_vintage())


def setup() -> None:
    """Prepare this notebook (table display) and glue the numbers its text quotes."""
    notebook.setup(__name__, numbers)


# Every numbered figure and table of the notebook: label, function, caption.
EXHIBITS = notebook.inventory(
    notebook.Exhibit("fig-intro-map", membership_map,
                     "Members, observers, dialogue partners and partners of the SCO at the end"
                     " of the thesis's data year and after the 2025 merger of the non-member "
                     "statuses."),
    notebook.Exhibit("tbl-intro-then", footprint_then,
                     "The eight members in the thesis's data year (2019): area, population and "
                     "GDP, their totals, and their shares of the world and of Eurasia."),
    notebook.Exhibit("tbl-intro-now", footprint_now,
                     "Today's members in the latest year with data for all of them: area, "
                     "population and GDP, their totals, and their shares of the world and of "
                     "Eurasia."),
    notebook.Exhibit("fig-intro-shares", footprint_shares,
                     "Share of the world and of Eurasia held by the SCO members, thesis "
                     "vintage and latest data."),
    notebook.Exhibit("tbl-intro-claims", claims_checked,
                     "The thesis's claims in this section, checked."),
    notebook.Exhibit("fig-intro-paths", headline_paths,
                     "Population and GDP of the six founding members and of each year's "
                     "members, with the thesis's figures as dashed lines."),
)
