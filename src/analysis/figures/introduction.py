"""Figures of the Introduction: the SCO at a glance."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from analysis import claims, footprint, membership, style
from analysis.figures.maps import draw_countries
from analysis.sources import naturalearth, wdi

NATURAL_EARTH = naturalearth.KEYS["50m"]


def membership_map(dates: list[str] | None = None) -> plt.Figure:
    """One map per date: SCO members, observers, dialogue partners and partners.

    By default: the end of the thesis's data year, and the latest status change.
    """
    style.apply()
    dates = dates or [f"{membership.THESIS_DATA_YEAR}-12-31",
                      membership.latest_date().date().isoformat()]
    countries = naturalearth.countries("50m")
    fig, axes = plt.subplots(len(dates), 1, figsize=(8, 3.6 * len(dates)), squeeze=False)
    plotted = []
    for ax, date in zip(axes[:, 0], dates, strict=True):
        status = membership.status_on(date)
        draw_countries(ax, countries, status.map(style.STATUS_COLOURS), style.PALETTE["light"])
        counts = status.value_counts()
        handles = [Patch(color=style.STATUS_COLOURS[s],
                         label=f"{membership.STATUS_LABELS[s]} ({counts[s]})")
                   for s in membership.STATUSES if s in counts]
        ax.legend(handles=handles, loc="lower left", fontsize=7.5)
        day = pd.Timestamp(date)
        ax.set_title(f"SCO status on {day.day} {day:%B %Y}")
        plotted.append(status.rename("status").reset_index().assign(date=date))
    fig.tight_layout()
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
    fig, axes = plt.subplots(1, 2, figsize=(8, 3.4), sharey=True)
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
            ax.bar_label(bars, fmt="%.0f%%", padding=2, fontsize=7.5)
        ax.set_yticks(range(len(measures)), [footprint.MEASURE_LABELS[m] for m in measures])
        ax.set_xlim(0, 100)
        ax.set_xlabel(f"Share of {'the world' if base == 'world' else 'Eurasia'} (%)")
        ax.grid(axis="y", visible=False)
    axes[0].invert_yaxis()  # shared y axis: first measure on top, thesis vintage first
    axes[0].set_title("SCO members' share of the world")
    axes[1].set_title("... and of Eurasia")
    axes[0].legend(loc="center right")
    fig.tight_layout()
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
    scales = {"population": (1e9, "Population (billion people)"),
              "gdp": (1e12, "GDP (trillion current US$)")}
    fig, axes = plt.subplots(1, 2, figsize=(8, 3.4))
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
        ax.set_xlabel("Year")
        ax.set_title(footprint.MEASURE_LABELS[measure])
        plotted.append(paths.assign(measure=measure))
    axes[0].legend(loc="upper left")
    fig.tight_layout()
    keys = [wdi.registry_key(footprint.MEASURES[m]) for m in scales]
    return style.finish(fig, keys, pd.concat(plotted).round(6), "headline paths",
                        note="Dotted line: the thesis's data year.")
