"""Figures of Chapter 2: security in Central Asia, economic cooperation, prospects."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis import curated, economy, groupings, security, style
from analysis.sources import wdi

GROUP_COLOURS = {"SCO": "blue", "CSTO": "vermillion", "EU": "orange", "NATO": "green"}


def _lines(ax, table: pd.DataFrame, marker: str = "") -> None:
    """One line per state (columns are ISO3 codes)."""
    style.lines(ax, table, style.STATE_COLOURS, lw=1.5, marker=marker, ms=3)


def violence() -> plt.Figure:
    """Terrorism deaths and conflict deaths per 100,000 people: Central Asia vs neighbours."""
    style.apply()
    panels = [
        ("Terrorism deaths", security.terrorism_rate),
        ("Deaths in organised violence", security.conflict_death_rate),
    ]
    fig, axes = plt.subplots(2, 2, figsize=(8, 5.6))
    plotted = []
    for row, (title, loader) in enumerate(panels):
        for column, states in enumerate((security.CENTRAL_ASIA, security.NEIGHBOURS)):
            table = loader(states).loc[1991:]
            ax = axes[row, column]
            _lines(ax, table)
            ax.set_title(f"{title}: {'Central Asia' if column == 0 else 'neighbours'}")
            ax.set_ylabel("Deaths per 100,000 people")
            ax.legend(fontsize=7, ncol=3 if column == 0 else 1, loc="upper right")
            plotted.append(table)
    for ax in axes[1]:
        ax.set_xlabel("Year")
    fig.tight_layout()
    gtd, ged = plotted[0].dropna(how="all"), plotted[2].dropna(how="all")
    missing = sorted(set(range(gtd.index.min(), gtd.index.max() + 1)) - set(gtd.index))
    return style.finish(fig, ["gtd_deaths_rate", "owid_ucdp_ged"], plotted, "violence",
                        note=f"Terrorism: GTD, {gtd.index.min()}-{gtd.index.max()}, no data for "
                             f"{', '.join(map(str, missing))} (gap). Organised violence: UCDP "
                             f"GED, {ged.index.min()}-{ged.index.max()}. Vertical scales differ.")


def exercises() -> plt.Figure:
    """The SCO's joint exercises: when, how large, and how many states took part."""
    style.apply()
    table = curated.load("sco_exercises").sort_values("start_date", ignore_index=True)
    table["year"] = pd.to_datetime(table["start_date"]).dt.year
    table["states"] = table["participants"].fillna("").map(
        lambda v: len([c for c in v.split(";") if c.strip()]))
    table["troops_n"] = pd.to_numeric(table["troops"])
    fig, ax = plt.subplots(figsize=(8, 4.6))
    colours = {"peace_mission": style.PALETTE["blue"], "other_ct": style.PALETTE["orange"]}
    for row in table.itertuples():
        y = len(table) - 1 - row.Index
        size = 20 + (row.troops_n / 40 if pd.notna(row.troops_n) else 0)
        ax.scatter(row.year, y, s=size, color=colours[row.series],
                   edgecolors="black" if pd.isna(row.troops_n) else "none", linewidths=0.6,
                   zorder=3)
        label = f"{row.name}  ({row.states or '?'} states"
        label += f", {int(row.troops_n):,} troops)" if pd.notna(row.troops_n) else ")"
        ax.annotate(label, (row.year, y), xytext=(7, 0), textcoords="offset points",
                    va="center", fontsize=6.5)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    ax.set_xlim(table["year"].min() - 1, table["year"].max() + 9)
    ax.set_xlabel("Year")
    ax.set_title("Joint counter-terrorism exercises of SCO members")
    handles = [plt.Line2D([], [], marker="o", ls="", color=c,
                          label="Peace Mission series" if k == "peace_mission" else
                          "other exercises") for k, c in colours.items()]
    ax.legend(handles=handles, loc="upper right", fontsize=7)
    fig.tight_layout()
    return style.finish(fig, [], table[["name", "year", "states", "troops"]], "exercises",
                        curated=["sco_exercises"],
                        note="Dot area grows with reported troops (outlined: not reported).")


def military_spending() -> plt.Figure:
    """Military expenditure of the Central Asian states: level and share of GDP, gaps shown."""
    style.apply()
    states = security.CENTRAL_ASIA
    level = security.military_expenditure("constant_2023_usd_m", states)
    share = 100 * security.military_expenditure("share_of_gdp", states)
    fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3.6))
    _lines(left, level, marker="o")
    _lines(right, share, marker="o")
    left.set_ylabel("Million US$ at constant 2023 prices")
    left.set_title("Military expenditure")
    right.set_ylabel("% of GDP")
    right.set_title("... as a share of GDP")
    for ax in (left, right):
        ax.set_xlabel("Year")
    right.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    coverage = security.expenditure_coverage(states)
    gaps = "; ".join(f"{iso3} {row['missing years']}" for iso3, row in coverage.iterrows()
                     if row["missing years"] != "none")
    return style.finish(fig, ["sipri_milex"], [level, share], "military spending",
                        note=f"Years without a SIPRI figure are left as gaps: {gaps}.")


def arms_imports() -> plt.Figure:
    """Major arms imports of the Central Asian states, in five-year sums."""
    style.apply()
    table = security.arms_imports(security.CENTRAL_ASIA)
    bins = table.groupby((table.index - table.index.min()) // 5)
    sums = bins.sum()
    sums.index = [f"{g.index.min()}-{g.index.max()}" for _, g in bins]
    fig, ax = plt.subplots(figsize=(8, 3.4))
    bottom = pd.Series(0.0, index=sums.index)
    for iso3 in sums.columns:
        colour = style.PALETTE[style.STATE_COLOURS[iso3]]
        ax.bar(sums.index, sums[iso3], bottom=bottom, color=colour, label=iso3)
        bottom = bottom + sums[iso3]
    ax.set_ylabel("SIPRI trend-indicator value (million)")
    ax.set_xlabel("Period")
    ax.set_title("Imports of major conventional arms")
    ax.legend(fontsize=7)
    fig.tight_layout()
    return style.finish(fig, ["sipri_arms_transfers"], sums, "arms imports",
                        note="TIV measures the military capability transferred, not its price.")


def income_convergence() -> plt.Figure:
    """GDP per capita (PPP) of the founding members, and its dispersion."""
    style.apply()
    states = ["CHN", "RUS", *economy.CENTRAL_ASIA]
    table = economy.indicator("NY.GDP.PCAP.PP.CD", states)
    founders = ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
    dispersion = economy.income_dispersion(founders)
    fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3.6))
    _lines(left, table)
    left.set_yscale("log")
    left.set_ylabel("GDP per capita, PPP (current international $, log scale)")
    left.set_title("Income per person")
    left.legend(fontsize=7, ncol=2)
    right.plot(dispersion.index, dispersion, color=style.PALETTE["blue"])
    right.set_ylabel("Std. deviation of log GDP per capita")
    right.set_title("Dispersion among the six founders")
    for ax in (left, right):
        ax.set_xlabel("Year")
    fig.tight_layout()
    return style.finish(fig, [wdi.registry_key("NY.GDP.PCAP.PP.CD")],
                        [table, dispersion.to_frame()], "income convergence",
                        note="A falling dispersion would mean incomes converge.")


def openness_and_investment() -> plt.Figure:
    """Trade openness and FDI inflows of the Central Asian states."""
    style.apply()
    states = economy.CENTRAL_ASIA
    openness = economy.trade_openness(states)
    fdi = economy.indicator("BX.KLT.DINV.CD.WD", states) / 1e9
    fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3.6))
    _lines(left, openness, marker=".")
    _lines(right, fdi, marker=".")
    left.set_ylabel("Exports + imports, % of GDP")
    left.set_title("Trade openness")
    right.set_ylabel("Billion current US$")
    right.set_title("Foreign direct investment, net inflows")
    right.axhline(0, color="#888888", lw=0.6)
    for ax in (left, right):
        ax.set_xlabel("Year")
    left.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    keys = [wdi.registry_key(c) for c in ("NE.EXP.GNFS.ZS", "NE.IMP.GNFS.ZS",
                                          "BX.KLT.DINV.CD.WD")]
    return style.finish(fig, keys, [openness, fdi], "openness and investment",
                        note="Gaps are years without World Bank data (Turkmenistan reports "
                             "little).")


def trade_partners() -> plt.Figure:
    """Share of China and of Russia in each Central Asian state's trade, 1992-2014."""
    style.apply()
    shares = economy.trade_partner_shares(economy.CENTRAL_ASIA, ["CHN", "RUS"])
    fig, axes = plt.subplots(1, 5, figsize=(8, 2.8), sharey=True)
    for ax, iso3 in zip(axes, economy.CENTRAL_ASIA, strict=True):
        part = shares[shares["iso3"] == iso3].pivot(index="year", columns="partner",
                                                    values="share")
        ax.plot(part.index, part["CHN"], color=style.PALETTE["orange"], label="China")
        ax.plot(part.index, part["RUS"], color=style.PALETTE["vermillion"], ls="--",
                label="Russia")
        ax.set_title(iso3)
        ax.set_xticks([1995, 2005, 2014])
    axes[0].set_ylabel("% of the state's recorded trade")
    axes[0].legend(fontsize=7, loc="upper left")
    fig.supxlabel("Year", fontsize=9)
    fig.tight_layout()
    return style.finish(fig, ["cow_trade"], shares, "trade partners",
                        note="Correlates of War Trade v4.0 ends in 2014.")


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
    keys = ["wdi_sp_pop_totl", "wdi_ny_gdp_mktp_cd", "sipri_milex"]
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
    return style.finish(fig, ["wdi_ny_gdp_mktp_cd", "sipri_milex"], plotted, "projections",
                        note="PROJECTIONS, not forecasts: log-linear trend of the last ten "
                             "years for today's members, dashed, with a 90% band. Log scale.")
