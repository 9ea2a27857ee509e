"""Figures of Chapter 3: Kazakhstan in the SCO and in the CIS and CSTO."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis import kazakhstan, membership, style

PARTNER_COLOURS = {"China": "orange", "Russia": "vermillion", "EU": "blue", "USA": "green"}
ROLE_COLOURS = {"member": "blue", "suspended": "grey", "frozen": "grey"}


def weight_among_members() -> plt.Figure:
    """Kazakhstan's share of the members' GDP and military expenditure, year by year."""
    style.apply()
    shares = kazakhstan.shares_over_time()
    fig, ax = plt.subplots(figsize=(8, 3.2))
    ax.plot(shares.index, shares["gdp"], color=style.PALETTE["blue"], label="GDP")
    ax.plot(shares.index, shares["military_expenditure"], color=style.PALETTE["orange"],
            ls="--", label="military expenditure")
    ax.set_ylabel("% of the SCO members' total")
    ax.set_xlabel("Year")
    ax.set_title("Kazakhstan's weight among the members of each year")
    ax.legend(fontsize=7)
    fig.tight_layout()
    return style.finish(fig, ["wdi_ny_gdp_mktp_cd", "sipri_milex"], shares,
                        "Kazakhstan weight",
                        note="Members of each year; military spending sums the members with "
                             "a SIPRI figure (Uzbekistan missing in most years).")


def trade_and_votes() -> plt.Figure:
    """Kazakhstan's main trade partners and its UN voting distance from three powers."""
    style.apply()
    trade = kazakhstan.trade_partners()
    votes = kazakhstan.un_alignment()
    fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3.6))
    style.lines(left, trade, PARTNER_COLOURS)
    left.set_ylabel("% of Kazakhstan's recorded trade")
    left.set_title("Trade partners")
    left.legend(fontsize=7)
    style.lines(right, votes, PARTNER_COLOURS)
    right.set_ylabel("Distance between UN ideal points")
    right.set_title("Voting distance from ...")
    right.legend(fontsize=7)
    for ax in (left, right):
        ax.set_xlabel("Year")
    fig.tight_layout()
    zero = ", ".join(str(y) for y in trade.index[trade["Russia"] == 0])
    return style.finish(fig, ["cow_trade", "unga_ideal_points"], [trade, votes],
                        "Kazakhstan trade and votes",
                        note="Trade: COW v4.0, to 2014; the EU counts its members of each "
                             f"year; COW records no Kazakh-Russian trade in {zero or 'no year'}"
                             ", a gap in the data. Votes: ideal points, final-passage votes.")


def csto_membership() -> plt.Figure:
    """Membership spells of the Collective Security Treaty and the CSTO, by state."""
    style.apply()
    spells = kazakhstan.csto_spells()
    end_of_data = membership.latest_date()
    states = kazakhstan.csto_states()
    fig, ax = plt.subplots(figsize=(8, 3.4))
    for row, iso3 in enumerate(reversed(states)):
        for spell in spells[spells["iso3"] == iso3].itertuples():
            end = spell.end_date if pd.notna(spell.end_date) else end_of_data
            ax.barh(row, (end - spell.start_date).days / 365.25,
                    left=spell.start_date.year + spell.start_date.dayofyear / 365.25,
                    color=style.PALETTE[ROLE_COLOURS[spell.role]], height=0.6)
    ax.set_yticks(range(len(states)), list(reversed(states)))
    ax.set_xlabel("Year")
    ax.set_title("Parties to the Collective Security Treaty and the CSTO")
    handles = [plt.Rectangle((0, 0), 1, 1, color=style.PALETTE[c], label=label)
               for label, c in (("member", "blue"), ("suspended or frozen", "grey"))]
    fig.legend(handles=handles, fontsize=7, loc="upper right", ncol=2)
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    plotted = spells[["iso3", "role", "start_date", "end_date"]].astype(str)
    return style.finish(fig, [], plotted, "CSTO membership",
                        curated=["organisation_membership"])


def csto_military() -> plt.Figure:
    """Military spending (% of GDP) and armed forces (thousands) of the CSTO states."""
    style.apply()
    data = kazakhstan.csto_military()
    fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3.6))
    for iso3 in data["share_of_gdp"].columns:
        colour = style.PALETTE[style.STATE_COLOURS.get(iso3, "grey")]
        width = 2.4 if iso3 == kazakhstan.KAZ else 1.0
        left.plot(data["share_of_gdp"].index, data["share_of_gdp"][iso3], color=colour,
                  lw=width, label=iso3)
        right.plot(data["personnel"].index, data["personnel"][iso3], color=colour, lw=width,
                   label=iso3)
    left.set_ylabel("Military expenditure, % of GDP")
    left.set_title("Defence effort")
    right.set_yscale("log")
    right.set_ylabel("Military personnel (thousands, log scale)")
    right.set_title("Armed forces")
    right.legend(fontsize=6.5, ncol=3)
    for ax in (left, right):
        ax.set_xlabel("Year")
    fig.tight_layout()
    return style.finish(fig, ["sipri_milex", "cow_nmc"], list(data.values()), "CSTO military",
                        note="All states that were ever parties to the treaty; Kazakhstan "
                             "drawn thicker. Gaps: no data.")
