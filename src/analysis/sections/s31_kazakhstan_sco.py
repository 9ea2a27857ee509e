"""Section 3.1: Kazakhstan in the SCO: its weight, initiatives, trade partners and votes,
and the SCO beside the CSTO and the CICA."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis.data import curated
from analysis.data.sources import cow, unga
from analysis.presentation import display, notebook, style, timelines
from analysis.topics import crises, groupings, kazakhstan, membership, stages


def _in_words(items: list[str]) -> str:
    """['2004', '2010', '2016'] -> '2004, 2010 and 2016'."""
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def numbers() -> dict[str, object]:
    """Numbers quoted in Chapter 3.1."""
    position = kazakhstan.position_among_members()
    trade = kazakhstan.trade_partners()
    votes = kazakhstan.un_alignment()
    hosted = kazakhstan.summits_hosted()
    initiatives = curated.load("kazakhstan_initiatives")
    first_vote, last_vote = int(votes.index.min()), int(votes.index.max())
    shares = kazakhstan.shares_over_time()
    gdp_share = shares["gdp"].dropna()
    founders_share = shares["gdp (six founders)"].dropna()
    enlargement = int(stages.periods().set_index("label").loc["Enlargement", "start"])
    return {
        "kaz_gdp_share_peak": float(gdp_share.max()),
        "kaz_gdp_share_peak_year": int(gdp_share.idxmax()),
        "kaz_gdp_share_last": float(gdp_share.iloc[-1]),
        "kaz_gdp_share_last_year": int(gdp_share.index.max()),
        "kaz_gdp_share_founders_last": float(founders_share.iloc[-1]),
        # the fall since the peak, split: among the founders alone, and by enlargement
        "kaz_share_fall_growth": float(founders_share.loc[gdp_share.idxmax()]
                                       - founders_share.iloc[-1]),
        "kaz_share_fall_enlargement": float(founders_share.iloc[-1] - gdp_share.iloc[-1]),
        "enlargement_year": enlargement,
        "kaz_gdp_share_largest_fall_year": int(gdp_share.diff().idxmin()),
        "kaz_gdp_share_before_enlargement": float(gdp_share.loc[enlargement - 1]),
        "kaz_gdp_share_after_enlargement": float(gdp_share.loc[enlargement]),
        "kaz_area_rank": int(position.loc["area", "rank"]),
        "kaz_area_share": float(position.loc["area", "share_pct"]),
        "kaz_gdp_share": float(position.loc["gdp", "share_pct"]),
        "kaz_gdp_year": int(position.loc["gdp", "year"]),
        "kaz_gdppc_rank": int(position.loc["gdp_per_capita", "rank"]),
        "members_latest": int(position.loc["gdp", "of"]),
        "kaz_summits_hosted": len(hosted),
        "kaz_sco_summits_hosted": int((hosted["format"] == "heads_of_state").sum()),
        "kaz_initiatives": len(initiatives),
        "kaz_sco_chairmanships": len(kazakhstan.sco_chairmanships()),
        "kaz_sco_chair_years": _in_words(sorted(kazakhstan.sco_chairmanships()["date"].str[:4])),
        "trade_last_year": int(trade.index.max()),
        "kaz_china_share_last": float(trade["China"].iloc[-1]),
        "kaz_russia_share_last": float(trade["Russia"].iloc[-1]),
        "kaz_eu_share_last": float(trade["EU"].iloc[-1]),
        "vote_first_year": first_vote,
        "vote_last_year": last_vote,
        "kaz_rus_distance_first": float(votes.loc[first_vote, "Russia"]),
        "kaz_rus_distance_last": float(votes.loc[last_vote, "Russia"]),
        "kaz_chn_distance_first": float(votes.loc[first_vote, "China"]),
        "kaz_chn_distance_last": float(votes.loc[last_vote, "China"]),
        "kaz_usa_distance_first": float(votes.loc[first_vote, "USA"]),
        "kaz_usa_distance_last": float(votes.loc[last_vote, "USA"]),
        "kaz_closer_to_rus_years": int((votes["Russia"] < votes["China"]).sum()),
        "vote_years": len(votes),
        **forum_numbers(),
    }


def forum_numbers() -> dict[str, object]:
    """Numbers of the section comparing the SCO, the CSTO and the CICA."""
    table = kazakhstan.organisations_compared(membership.latest_date().date().isoformat())
    roles = kazakhstan.roles_in()
    return {
        **{f"{org}_{column}": int(table.loc[org, column]) for org in kazakhstan.COMPARED
           for column in ("kaz_summits", "kaz_chairmanships", "crises_consulted",
                          "crises_deployed")},
        "crises_coded": int(table.loc["sco", "crises_coded"]),
        "cica_proposal_year": int(roles.loc[roles["org_id"] == "cica", "date"].min()[:4]),
    }


ROLE_STYLES = {
    "summit": timelines.marker("D", "blue", 40, "summit in Kazakhstan"),
    "chairmanship": timelines.marker("s", "orange", 40, "Kazakhstan takes the chair"),
    "initiative": timelines.marker("^", "green", 44, "Kazakh initiative or institution"),
}


def kazakhstan_roles() -> plt.Figure:
    """Kazakhstan's summits, chairmanships and initiatives in the SCO, CSTO and CICA."""
    roles = kazakhstan.roles_in()
    names = {org: crises.ACTOR_NAMES.get(org, org.upper()) for org in kazakhstan.COMPARED}
    events = pd.DataFrame({"date": pd.to_datetime(roles["date"], format="mixed"),
                           "row": roles["org_id"].map(names), "category": roles["kind"]})
    fig = timelines.event_rows_figure(events, list(names.values()), ROLE_STYLES,
                                      "Kazakhstan in three regional security forums", 3.2,
                                      spread=0.18)
    return style.finish(fig, [], events, "Kazakhstan's roles", curated=["organisation_record"])


def organisations_compared() -> pd.DataFrame:
    """The SCO, the CSTO and the CICA side by side, for Kazakhstan and its neighbours."""
    table = kazakhstan.organisations_compared(membership.latest_date().date().isoformat())
    coded = table["crises_coded"].gt(0)
    return pd.DataFrame({
        "Founded": table["founded"],
        "Central Asian members": table["central_asian_members"].map(", ".join),
        "Summits in Kazakhstan": table["kaz_summits"],
        "Kazakh chairmanships": table["kaz_chairmanships"],
        "Crises with at least a consultation": [
            f"{n} of {of}" if of else "not coded"
            for n, of in zip(table["crises_consulted"], table["crises_coded"], strict=True)],
        "Deployments in crises": table["crises_deployed"].where(coded, "not coded"),
    }).set_axis(table.index.map(lambda org: crises.ACTOR_NAMES.get(org, org.upper()))
                .rename("Organisation"))


def kazakhstan_position() -> pd.DataFrame:
    table = kazakhstan.position_among_members()
    labels = {"area": "Surface area", "population": "Population", "gdp": "GDP (current US$)",
              "gdp_per_capita": "GDP per capita (current US$)", "military_expenditure":
              "Military expenditure (constant 2023 US$)"}
    return pd.DataFrame({
        "Measure": [labels[m] for m in table.index],
        "Year": table["year"].astype(str),
        "Share of the members' total": table["share_pct"].map(
            lambda v: "-" if pd.isna(v) else f"{v:.1f}%"),
        "Rank among the members": [f"{r} of {n}" for r, n in
                                   zip(table["rank"], table["of"], strict=True)],
    }).set_index("Measure")


PARTNER_COLOURS = {"China": "black", "Russia": "vermillion", "EU": "blue", "USA": "green"}


def weight_among_members() -> plt.Figure:
    """Kazakhstan's share of the members' GDP and military expenditure, year by year."""
    style.apply()
    shares = kazakhstan.shares_over_time()
    fig, ax = style.figure(height=3.6)
    for measure, colour, label in (("gdp", "blue", "GDP"),
                                   ("military_expenditure", "orange", "military expenditure")):
        ax.plot(shares.index, shares[measure], color=style.PALETTE[colour],
                label=f"{label}, members of each year")
        ax.plot(shares.index, shares[f"{measure} (six founders)"], color=style.PALETTE[colour],
                ls="--", lw=1, label=f"{label}, six founders")
    ax.set_ylabel("% of the members' total\n(current US$)")
    ax.set_xlabel("Year")
    ax.set_title("Kazakhstan's weight among the members")
    fig.legend(loc="outside lower center")
    return style.finish(fig, groupings.registry_keys("gdp_current",
                                                     "military_expenditure_current"),
                        shares, "Kazakhstan weight",
                        note="Solid: members of each year (Shanghai Five before 2001); "
                             "dashed: the six founders in every year. Shares of "
                             "same-year totals in current US$; military spending sums the "
                             "members with a SIPRI figure (Uzbekistan missing in most years), "
                             "so its share is an upper bound.")


def kazakhstan_initiatives() -> pd.DataFrame:
    table = curated.load("kazakhstan_initiatives").sort_values("date")
    return pd.DataFrame({"Date": table["date"], "Initiative or role": table["title"],
                         "Kind": table["kind"].str.replace("_", " "),
                         "Verification": display.verification(table["verification"])}
                        ).set_index("Date")


def trade_and_votes() -> plt.Figure:
    """Kazakhstan's main trade partners and its UN voting distance from three powers."""
    style.apply()
    trade = kazakhstan.trade_partners()
    votes = kazakhstan.un_alignment()
    fig, (top, bottom) = style.figure(2, height=2.5, sharex=True)
    style.lines(top, trade, PARTNER_COLOURS)
    top.set_ylabel("% of recorded trade")
    top.set_title("Kazakhstan's trade partners")
    style.lines(bottom, votes, PARTNER_COLOURS)
    bottom.set_ylabel("Distance between\nUN ideal points")
    bottom.set_title("Kazakhstan's voting distance from ...")
    bottom.set_xlabel("Year")
    handles = {label: handle for ax in (top, bottom)
               for handle, label in zip(*ax.get_legend_handles_labels(), strict=True)}
    fig.legend(handles.values(), handles.keys(), loc="outside lower center", ncols=4)
    zero = ", ".join(str(y) for y in trade.index[trade["Russia"] == 0])
    return style.finish(fig, [cow.TRADE_KEY, unga.KEY], [trade, votes],
                        "Kazakhstan trade and votes",
                        note="Trade: COW v4.0, to 2014; the EU counts its members of each "
                             f"year; COW records no Kazakh-Russian trade in {zero or 'no year'}"
                             ", a gap in the data. Votes: ideal points, final-passage votes.")


def setup() -> None:
    """Prepare this notebook (table display) and glue the numbers its text quotes."""
    notebook.setup(__name__, numbers)


# Every numbered figure and table of the notebook: label, function, caption.
EXHIBITS = notebook.inventory(
    notebook.Exhibit("tbl-3-1-position", kazakhstan_position,
                     "Kazakhstan's share of the SCO members' totals and its rank among them."),
    notebook.Exhibit("fig-3-1-weight", weight_among_members,
                     "Kazakhstan's share of the GDP and military expenditure of the SCO "
                     "members of each year."),
    notebook.Exhibit("tbl-3-1-initiatives", kazakhstan_initiatives,
                     "Kazakhstan's initiatives and roles in the SCO and the region's other "
                     "security forums, by date."),
    notebook.Exhibit("fig-3-1-partners", trade_and_votes,
                     "Kazakhstan's main trade partners (top) and the distance of its UN ideal"
                     " point from those of Russia, China and the USA (bottom)."),
    notebook.Exhibit("tbl-3-1-forums", organisations_compared,
                     "The SCO, the CSTO and the CICA for Kazakhstan and its neighbours: "
                     "members, Kazakhstan's summits and chairmanships, and responses to the "
                     "region's crises."),
    notebook.Exhibit("fig-3-1-roles", kazakhstan_roles,
                     "Kazakhstan's summits, chairmanships and initiatives in the SCO, the "
                     "CSTO and the CICA."),
)
