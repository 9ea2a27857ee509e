"""Section 2.2: socio-economic cooperation: milestones, growth, convergence, openness, trade."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis.data import curated
from analysis.data.sources import cow, wdi
from analysis.presentation import display, notebook, style
from analysis.presentation.claim_tables import claims_table
from analysis.topics import (
    claims,
    economy,
    membership,
    regions,
)


def numbers() -> dict[str, object]:
    """Numbers quoted in Chapter 2.2."""
    founders = membership.founding_members()
    dispersion = economy.income_dispersion(founders)
    shares = economy.trade_partner_shares(regions.CENTRAL_ASIA, ["CHN", "RUS"])
    switch = economy.main_partner_switch(shares, "RUS", "CHN")
    last_trade = int(shares["year"].max())
    at_end = shares[shares["year"] == last_trade].pivot(index="iso3", columns="partner",
                                                        values="share")
    growth = economy.average_growth(regions.CENTRAL_ASIA, [(1992, 1999), (2000, 2008)])
    fdi = economy.indicator("BX.KLT.DINV.CD.WD", ["KAZ"])["KAZ"].dropna()
    milestones = curated.load("economic_milestones")
    programme = curated.row("economic_milestones", "trade-programme-2003")
    openness = economy.trade_openness(["KGZ"])["KGZ"].dropna()
    facts = curated.load("source_facts").set_index("fact_id")
    return {
        "dispersion_first_year": int(dispersion.index.min()),
        "dispersion_first": float(dispersion.iloc[0]),
        "dispersion_last_year": int(dispersion.index.max()),
        "dispersion_last": float(dispersion.iloc[-1]),
        "ca_growth_1990s_min": float(growth["1992-1999"].min()),
        "ca_growth_2000s_min": float(growth["2000-2008"].min()),
        "ca_growth_2000s_max": float(growth["2000-2008"].max()),
        "trade_last_year": last_trade,
        "china_ahead_states": int((at_end["CHN"] > at_end["RUS"]).sum()),
        "first_switch_state": str(switch.astype(float).idxmin()),
        "first_switch_year": int(switch.astype(float).min()),
        "last_switch_year": int(switch.astype(float).max()),
        "kgz_china_share_last": float(at_end.loc["KGZ", "CHN"]),
        "kaz_fdi_peak_year": int(fdi.idxmax()),
        "kaz_fdi_peak": float(fdi.max() / 1e9),
        "milestones": len(milestones),
        "programme_year": int(programme["date"][:4]),
        "kgz_openness_max": float(openness.max()),
        "kgz_openness_max_year": int(openness.idxmax()),
        "china_credit_m": claims.measure("fact:china_credit_2004").value / 1e6,
        "agreements_expected_bn": claims.measure("fact:agreements_2006_expected").value / 1e9,
        "agreements_signed_m": claims.measure("fact:agreements_2006_signed").value / 1e6,
        "agreements_year": int(facts.loc["agreements_2006_signed", "as_of"][:4]),
    }


def economic_milestones() -> pd.DataFrame:
    table = curated.load("economic_milestones").sort_values("date")
    return pd.DataFrame({"Date": table["date"], "Milestone": table["title"],
                         "Kind": table["kind"].str.replace("_", " "),
                         "Verification": display.verification(table["verification"])}
                        ).set_index("Date")


def growth_by_period() -> pd.DataFrame:
    periods = [(1992, 1999), (2000, 2008), (2009, 2019), (2020, 2025)]
    table = economy.average_growth([*regions.CENTRAL_ASIA, "CHN", "RUS"], periods)
    return table.round(1).rename_axis("State")


def income_convergence() -> plt.Figure:
    """GDP per capita (PPP) of the founding members, and its dispersion."""
    style.apply()
    states = ["CHN", "RUS", *regions.CENTRAL_ASIA]
    table = economy.indicator("NY.GDP.PCAP.PP.CD", states)
    founders = membership.founding_members()
    dispersion = economy.income_dispersion(founders)
    fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3.6))
    style.state_lines(left, table)
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
    states = regions.CENTRAL_ASIA
    openness = economy.trade_openness(states)
    fdi = economy.indicator("BX.KLT.DINV.CD.WD", states) / 1e9
    fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3.6))
    style.state_lines(left, openness, marker=".")
    style.state_lines(right, fdi, marker=".")
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
    shares = economy.trade_partner_shares(regions.CENTRAL_ASIA, ["CHN", "RUS"])
    fig, axes = plt.subplots(1, 5, figsize=(8, 2.8), sharey=True)
    for ax, iso3 in zip(axes, regions.CENTRAL_ASIA, strict=True):
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
    return style.finish(fig, [cow.TRADE_KEY], shares, "trade partners",
                        note="Correlates of War Trade v4.0 ends in 2014.")


def claims_checked() -> pd.DataFrame:
    """The thesis's economic figures, which it gives in its section 2.3, checked."""
    return claims_table("2.3")


def setup() -> None:
    """Prepare this notebook (table display) and glue the numbers its text quotes."""
    notebook.setup(__name__, numbers)


# Every numbered figure and table of the notebook: label, function, caption.
EXHIBITS = notebook.inventory(
    notebook.Exhibit("tbl-2-2-growth", growth_by_period,
                     "Average annual real GDP growth (%) by period."),
    notebook.Exhibit("fig-2-2-convergence", income_convergence,
                     "GDP per capita at purchasing-power parity (log scale) and its dispersion"
                     " among the six founding members."),
    notebook.Exhibit("fig-2-2-openness", openness_and_investment,
                     "Trade openness and net inflows of foreign direct investment of the "
                     "Central Asian states."),
    notebook.Exhibit("fig-2-2-partners", trade_partners,
                     "Share of China and of Russia in each Central Asian state's recorded "
                     "trade, 1992-2014."),
    notebook.Exhibit("tbl-2-2-claims", claims_checked,
                     "The thesis's economic claims, checked against cited sources."),
)
