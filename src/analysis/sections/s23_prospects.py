"""Section 2.3: the SCO beside other groupings, and labelled projections to 2030."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis.presentation import notebook, style
from analysis.topics import (
    groupings,
    membership,
)


def numbers() -> dict[str, object]:
    """Numbers quoted in Chapter 2.3."""
    gdp = groupings.totals("gdp", range(1992, 2026))
    last_gdp_year = int(gdp["year"].max())
    at_end = gdp[gdp["year"] == last_gdp_year].set_index("group")["total"]
    sco_gdp = groupings.project("gdp", "SCO")
    eu_gdp = groupings.project("gdp", "EU")
    nato_milex = groupings.project("military_expenditure", "NATO")
    sco_milex = groupings.project("military_expenditure", "SCO")
    return {
        "gdp_year": last_gdp_year,
        "sco_gdp": float(at_end["SCO"] / 1e12),
        "eu_gdp": float(at_end["EU"] / 1e12),
        "nato_gdp": float(at_end["NATO"] / 1e12),
        "sco_gdp_growth": sco_gdp.annual_growth,
        "eu_gdp_growth": eu_gdp.annual_growth,
        "sco_gdp_2030": float(sco_gdp.central.iloc[-1] / 1e12),
        "sco_gdp_2030_low": float(sco_gdp.low.iloc[-1] / 1e12),
        "sco_gdp_2030_high": float(sco_gdp.high.iloc[-1] / 1e12),
        "projection_window": len(sco_gdp.fitted_years),
        "sco_milex_excluded": ", ".join(sco_milex.excluded) or "none",
        "nato_to_sco_milex": float(nato_milex.history.iloc[-1] / sco_milex.history.iloc[-1]),
        "milex_year": int(sco_milex.history.index.max()),
        "csto_members_latest": len(groupings.members("CSTO", int(membership.latest_date().year))),
    }


GROUP_COLOURS = {"SCO": "blue", "CSTO": "vermillion", "EU": "orange", "NATO": "green"}


def groupings_compared() -> plt.Figure:
    """Population, GDP and military expenditure of the SCO, CSTO, EU and NATO over time."""
    style.apply()
    panels = [("population", 1e9, "Population (billion)"),
              ("gdp", 1e12, "GDP (trillion current US$)"),
              ("military_expenditure", 1e9, "Military expenditure (billion current US$)")]
    fig, axes = plt.subplots(1, 3, figsize=(8, 3.2))
    plotted = []
    for ax, (indicator, scale, label) in zip(axes, panels, strict=True):
        table = groupings.totals(indicator, range(1992, 2026))
        table = table[table["members_with_data"] > 0]
        for group in groupings.GROUPS:
            part = table[table["group"] == group]
            ax.plot(part["year"], part["total"] / scale, color=style.PALETTE[GROUP_COLOURS[group]],
                    label=group)
        ax.set_title(label, fontsize=8.5)
        ax.set_xlabel("Year")
        plotted.append(table)
    axes[0].legend(fontsize=7)
    fig.tight_layout()
    keys = groupings.registry_keys(*(indicator for indicator, _, _ in panels))
    return style.finish(fig, keys, plotted, "groupings compared",
                        note="Members of each year (curated tables). SCO military spending "
                             "omits members without SIPRI data (Uzbekistan in most years).")


def projections() -> plt.Figure:
    """GDP and military expenditure of each grouping's current members, projected to 2030."""
    style.apply()
    panels = [("gdp", 1e12, "GDP (trillion current US$)"),
              ("military_expenditure", 1e9, "Military expenditure (billion current US$)")]
    fig, axes = plt.subplots(1, 2, figsize=(8, 3.6))
    plotted = []
    for ax, (indicator, scale, label) in zip(axes, panels, strict=True):
        for group in groupings.GROUPS:
            result = groupings.project(indicator, group)
            colour = style.PALETTE[GROUP_COLOURS[group]]
            recent = result.history.loc[2005:]
            ax.plot(recent.index, recent / scale, color=colour, label=group)
            ax.plot(result.central.index, result.central / scale, color=colour, ls="--")
            ax.fill_between(result.central.index, result.low / scale, result.high / scale,
                            color=colour, alpha=0.18, lw=0)
            plotted.append(pd.DataFrame({"central": result.central, "low": result.low,
                                         "high": result.high}).assign(group=group,
                                                                      indicator=indicator))
        ax.set_title(label, fontsize=9)
        ax.set_xlabel("Year")
        ax.set_yscale("log")
    axes[0].legend(fontsize=7)
    fig.tight_layout()
    keys = groupings.registry_keys(*(indicator for indicator, _, _ in panels))
    return style.finish(fig, keys, plotted, "projections",
                        note="PROJECTIONS, not forecasts: log-linear trend of the last ten "
                             "years for today's members, dashed, with a 90% band. Log scale.")


def projections_table() -> pd.DataFrame:
    """Implied annual growth and 2030 projection with its 90% band, per grouping."""
    rows = []
    for indicator, scale, unit in (("gdp", 1e12, "US$ trillion"),
                                   ("military_expenditure", 1e9, "US$ billion")):
        for group in groupings.GROUPS:
            result = groupings.project(indicator, group)
            rows.append({
                "Indicator": indicator.replace("_", " "),
                "Grouping": group,
                "Fitted years": f"{result.fitted_years.start}-{result.fitted_years.stop - 1}",
                "Trend growth (% a year)": f"{result.annual_growth:.1f}",
                "Last observed": f"{result.history.iloc[-1] / scale:,.2f} {unit}",
                "2030 projection (90% band)": (
                    f"{result.central.iloc[-1] / scale:,.2f} "
                    f"({result.low.iloc[-1] / scale:,.2f}-{result.high.iloc[-1] / scale:,.2f})"),
                "Members left out": ", ".join(result.excluded) or "none",
            })
    return pd.DataFrame(rows).set_index(["Indicator", "Grouping"])


def setup() -> None:
    """Prepare this notebook (table display) and glue the numbers its text quotes."""
    notebook.setup(__name__, numbers)


# Every numbered figure and table of the notebook: label, function, caption.
EXHIBITS = notebook.inventory(
    notebook.Exhibit("fig-2-3-groupings", groupings_compared,
                     "Population, GDP and military expenditure of the members of the SCO, "
                     "CSTO, EU and NATO in each year."),
    notebook.Exhibit("fig-2-3-projections", projections,
                     "PROJECTIONS: GDP and military expenditure of each grouping's current "
                     "members, observed and extended to 2030 on the trend of the last ten "
                     "years, with 90% bands (log scale)."),
    notebook.Exhibit("tbl-2-3-projections", projections_table,
                     "Trend growth and 2030 projections (not forecasts) for each grouping."),
)
