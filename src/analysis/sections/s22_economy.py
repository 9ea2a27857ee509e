"""Section 2.2: socio-economic cooperation: milestones, growth, convergence, openness,
trade partners to 2021, remittances and migration, and the fate of the free-trade aim."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis.data import countries, curated
from analysis.data.sources import cow, wdi, wits
from analysis.presentation import display, notebook, style
from analysis.presentation.claim_tables import claims_table
from analysis.topics import claims, economy, membership, regions


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
        "first_switch_state": countries.short_name(str(switch.astype(float).idxmin())),
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
        "rats_budget_m": claims.measure("fact:rats_budget").value / 1e6,
        "claimed_rats_budget_m": claims.claimed_value("rats-budget") / 1e6,
        "agreements_year": int(facts.loc["agreements_2006_signed", "as_of"][:4]),
        **ties_numbers(),
    }


def ties_numbers() -> dict[str, object]:
    """Numbers of the sections on trade after 2014, remittances and free trade."""
    shares = economy.import_shares(regions.CENTRAL_ASIA, ["CHN", "RUS"])
    agreement = economy.import_share_agreement(shares)
    wits_last = int(shares.dropna(subset=["wits"])["year"].max())
    last = shares[shares["year"] == wits_last].pivot(index="iso3", columns="partner",
                                                     values="wits")
    remittances = economy.remittances_share(["KGZ", "TJK", "UZB", "KAZ"])
    remit_year = int(remittances.dropna(how="all").index.max())
    migration = economy.net_migration_rate(regions.CENTRAL_ASIA).loc[1992:]
    fuel = economy.indicator("TX.VAL.FUEL.ZS.UN", ["KAZ"])["KAZ"].dropna()
    free_trade = curated.load("free_trade_events")
    institutions = curated.load("sco_institutions")
    return {
        "wits_last_year": wits_last,
        "kaz_china_imports_last": float(last.loc["KAZ", "CHN"]),
        "kaz_russia_imports_last": float(last.loc["KAZ", "RUS"]),
        "kgz_china_imports_last": float(last.loc["KGZ", "CHN"]),
        "kgz_russia_imports_last": float(last.loc["KGZ", "RUS"]),
        "wits_states_last": len(last),
        "kaz_sources_gap": float(agreement.loc[("KAZ", "CHN"), "mean_abs_difference"]),
        "kaz_sources_corr": float(agreement.loc[("KAZ", "CHN"), "correlation"]),
        "kgz_sources_gap": float(agreement.loc[("KGZ", "CHN"), "mean_abs_difference"]),
        "remit_year": remit_year,
        "tjk_remit_last": float(remittances.loc[remit_year, "TJK"]),
        "kgz_remit_last": float(remittances.loc[remit_year, "KGZ"]),
        "tjk_remit_peak": float(remittances["TJK"].max()),
        "tjk_remit_peak_year": int(remittances["TJK"].idxmax()),
        "kaz_remit_last": float(remittances.loc[remit_year, "KAZ"]),
        "migration_outflow_years": int((migration[["KGZ", "TJK", "UZB"]] < 0).all(axis=1).sum()),
        "migration_years": len(migration.dropna(how="all")),
        "kaz_fuel_last": float(fuel.iloc[-1]),
        "kaz_fuel_last_year": int(fuel.index.max()),
        "free_trade_events": len(free_trade),
        "programme_2019_year": int(curated.row("free_trade_events",
                                               "trade-programme-2019-fta-dropped",
                                               hedged=True)["date"][:4]),
        "facilitation_draft_year": int(curated.row(
            "free_trade_events", "moscow-chg-2025-trade-facilitation-draft", hedged=True)
            ["date"][:4]),
        "sco_institutions_total": len(institutions),
        "sco_migration_instruments": int(institutions["title"].str.contains(
            "migra", case=False).sum()),
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


def _legend_under(ax: plt.Axes, of: plt.Axes | None = None) -> None:
    """A legend just under ``ax`` (over the panel below it) of the states drawn in ``of``
    (or ``ax``), by name, three to a row."""
    style.legend_below(ax, *style.named_handles(of or ax), drop=0.05, ncols=3,
                       handlelength=1.2, columnspacing=0.8)


def income_convergence() -> plt.Figure:
    """GDP per capita (PPP) of the founding members, and its dispersion."""
    style.apply()
    states = ["CHN", "RUS", *regions.CENTRAL_ASIA]
    table = economy.indicator("NY.GDP.PCAP.PP.CD", states)
    founders = membership.founding_members()
    dispersion = economy.income_dispersion(founders)
    fig, (top, bottom) = style.figure(2, height=2.6, sharex=True)
    style.state_lines(top, table)
    top.set_yscale("log")
    top.set(ylabel="Current international $", title="GDP per capita, PPP (log scale)")
    _legend_under(top)
    bottom.plot(dispersion.index, dispersion, color=style.PALETTE["blue"])
    bottom.set(ylabel="SD of log GDP per capita", title="Dispersion among the six founders",
               xlabel="Year")
    return style.finish(fig, [wdi.registry_key("NY.GDP.PCAP.PP.CD")],
                        [table, dispersion.to_frame()], "income convergence",
                        note="A falling dispersion would mean incomes converge.")


def openness_and_investment() -> plt.Figure:
    """Trade openness and FDI inflows of the Central Asian states."""
    style.apply()
    states = regions.CENTRAL_ASIA
    openness = economy.trade_openness(states)
    fdi = economy.indicator("BX.KLT.DINV.CD.WD", states) / 1e9
    fig, (top, bottom) = style.figure(2, height=2.4, sharex=True)
    style.state_lines(top, openness, marker=".")
    style.state_lines(bottom, fdi, marker=".")
    top.set(ylabel="Exports + imports,\n% of GDP", title="Trade openness")
    bottom.set(ylabel="Billion current US$", xlabel="Year",
               title="Foreign direct investment, net inflows")
    bottom.axhline(0, color="#888888", lw=0.6)
    _legend_under(top)
    keys = [wdi.registry_key(c) for c in ("NE.EXP.GNFS.ZS", "NE.IMP.GNFS.ZS",
                                          "BX.KLT.DINV.CD.WD")]
    return style.finish(fig, keys, [openness, fdi], "openness and investment",
                        note="Gaps are years without World Bank data (Turkmenistan reports "
                             "little).")


PARTNER_COLOURS = {"CHN": "orange", "RUS": "blue"}  # distinct in colour-blind vision


def trade_partners() -> plt.Figure:
    """Share of China and of Russia in each Central Asian state's imports: Correlates of
    War to 2014 (thin) and the state's own customs data via WITS to 2021 (dots)."""
    style.apply()
    shares = economy.import_shares(regions.CENTRAL_ASIA, ["CHN", "RUS"])
    fig, axes = style.figure(3, height=1.9, ncols=2, sharex=True, sharey=True)
    for ax, iso3 in zip(axes.flat, regions.CENTRAL_ASIA, strict=False):
        for partner, colour in PARTNER_COLOURS.items():
            part = shares[(shares["iso3"] == iso3) & (shares["partner"] == partner)] \
                .set_index("year")
            name = "China" if partner == "CHN" else "Russia"
            ax.plot(part.index, part["cow"], color=style.PALETTE[colour], lw=1,
                    label=f"{name} (COW)")
            ax.plot(part.index, part["wits"], "o", ms=2.5, color=style.PALETTE[colour],
                    label=f"{name} (WITS)")
        ax.set_title(countries.short_name(iso3))
        ax.set_xticks([1995, 2008, 2021])
    for ax in axes[:, 0]:
        ax.set_ylabel("% of imports")
    axes[1, 1].tick_params(labelbottom=True)  # nothing under it
    axes[-1, 1].axis("off")
    axes[-1, 1].legend(*axes[0, 0].get_legend_handles_labels(), loc="center")
    fig.supxlabel("Year", fontsize=style.MIN_TEXT)
    return style.finish(fig, [cow.TRADE_KEY, *wits.KEYS.values()], shares, "trade partners",
                        note="COW Trade v4.0 ends in 2014; WITS has gaps (Tajikistan 2001-15, "
                             "Turkmenistan after 2000, Uzbekistan before 2017).")


def remittances_and_migration() -> plt.Figure:
    """Remittances received as a share of GDP, and net migration per 1,000 people."""
    style.apply()
    remittances = economy.remittances_share(["KGZ", "TJK", "UZB", "KAZ"])
    migration = economy.net_migration_rate(regions.CENTRAL_ASIA)
    fig, (top, bottom) = style.figure(2, height=2.4, sharex=True)
    style.state_lines(top, remittances.dropna(how="all"))
    style.state_lines(bottom, migration.loc[1992:])
    top.set(ylabel="% of GDP", title="Personal remittances received")
    bottom.set(ylabel="Per 1,000 people", title="Net migration (negative: emigration)",
               xlabel="Year")
    bottom.axhline(0, color="black", lw=0.6)
    _legend_under(top, of=bottom)  # the same colours in both panels
    keys = [wdi.registry_key(code) for code in ("BX.TRF.PWKR.CD.DT", "NY.GDP.MKTP.CD",
                                                "SM.POP.NETM", "SP.POP.TOTL")]
    return style.finish(fig, keys, [remittances, migration], "remittances and migration",
                        note="Turkmenistan reports remittances for 1996 only; net migration "
                             "is the UN Population Division's estimate.")


def free_trade() -> pd.DataFrame:
    """What became of the 2003 programme's aim of a free trade area."""
    table = curated.load("free_trade_events").sort_values("date")
    return pd.DataFrame({"Date": table["date"], "Event": table["title"],
                         "Verification": display.verification(table["verification"])}
                        ).set_index("Date")


def claims_checked() -> pd.DataFrame:
    """The thesis's economic figures, which it gives in its section 2.3, checked."""
    return claims_table("2.3")


def setup() -> None:
    """Prepare this notebook (table display) and glue the numbers its text quotes."""
    notebook.setup(__name__, numbers)


# Every numbered figure and table of the notebook: label, function, caption.
EXHIBITS = notebook.inventory(
    notebook.Exhibit("tbl-2-2-milestones", economic_milestones,
                     "Milestones of the SCO's economic cooperation."),
    notebook.Exhibit("tbl-2-2-growth", growth_by_period,
                     "Average annual real GDP growth (%) by period."),
    notebook.Exhibit("fig-2-2-convergence", income_convergence,
                     "GDP per capita at purchasing-power parity (log scale) and its dispersion"
                     " among the six founding members."),
    notebook.Exhibit("fig-2-2-openness", openness_and_investment,
                     "Trade openness and net inflows of foreign direct investment of the "
                     "Central Asian states."),
    notebook.Exhibit("fig-2-2-partners", trade_partners,
                     "Share of China and of Russia in each Central Asian state's imports: "
                     "Correlates of War to 2014 and the state's own customs data (WITS) to "
                     "2021."),
    notebook.Exhibit("fig-2-2-remittances", remittances_and_migration,
                     "Remittances received as a share of GDP, and net migration per 1,000 "
                     "people, in the Central Asian states."),
    notebook.Exhibit("tbl-2-2-free-trade", free_trade,
                     "The free-trade aim of 2003 and what became of it."),
    notebook.Exhibit("tbl-2-2-claims", claims_checked,
                     "The thesis's economic claims, checked against cited sources."),
)
