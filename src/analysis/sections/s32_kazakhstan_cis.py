"""Section 3.2: Kazakhstan, the CIS and the CSTO: membership, defence effort, the CSTO's
record of acting and not acting (January 2022 in Kazakhstan), bilateral ties."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis.data import countries, curated
from analysis.data.sources import cow, sipri, wdi
from analysis.presentation import display, notebook, style, timelines
from analysis.topics import claims, crises, economy, kazakhstan, membership, regions


def numbers() -> dict[str, object]:
    """Numbers quoted in Chapter 3.2."""
    spells = kazakhstan.csto_spells()
    military = kazakhstan.csto_military()
    share = military["share_of_gdp"]
    last_share_year = int(share.dropna(how="all").index.max())
    personnel = military["personnel"]
    last_personnel_year = int(personnel.dropna(how="all").index.max())
    bilateral = curated.load("kaz_bilateral_security")
    treaty_year = int(spells["start_date"].min().year)
    founders = spells[spells["start_date"].dt.year == treaty_year]["iso3"].nunique()
    return {
        "csto_treaty_year": treaty_year,
        "csto_founders": int(founders),
        "csto_parties_ever": int(spells["iso3"].nunique()),
        "uzb_csto_spells": int(((spells["iso3"] == "UZB") & (spells["role"] == "member")).sum()),
        "csto_renewal_year": int(spells.loc[spells["iso3"] == "AZE", "end_date"].max().year),
        "armenia_freeze_year": int(spells.loc[(spells["iso3"] == "ARM")
                                              & (spells["role"] == "frozen"), "start_date"]
                                   .min().year),
        "claimed_model_law_year": int(claims.claimed_value("model-law-1999")),
        "kaz_milex_share_last": float(share.loc[last_share_year, "KAZ"]),
        "rus_milex_share_last": float(share.loc[last_share_year, "RUS"]),
        "milex_share_year": last_share_year,
        "kaz_personnel_last": float(personnel.loc[last_personnel_year, "KAZ"]),
        "rus_personnel_last": float(personnel.loc[last_personnel_year, "RUS"]),
        "personnel_year": last_personnel_year,
        "bilateral_documents": len(bilateral),
        "bilateral_partners": int(bilateral["partner_iso3"].nunique()),
        "bilateral_first_year": int(bilateral["date"].min()[:4]),
        "glossary_terms": len(curated.load("cis_security_glossary")),
        **record_numbers(),
    }


def _day(row_id: str, hedged: bool = False) -> str:
    """'6 January 2022': the day of the CSTO record's row ``row_id`` (``hedged``: the
    text says the row is inferred)."""
    row = curated.row("organisation_record", row_id, hedged)
    return f"{pd.Timestamp(row['date']):%-d %B %Y}"


def record_numbers() -> dict[str, object]:
    """Numbers of the section on the CSTO's record."""
    in_members = crises.in_member_states("csto")
    record = curated.load("organisation_record").query("org_id == 'csto'")
    january = crises.crises().set_index("id").loc["kazakhstan-january-2022"]
    return {
        "csto_crises": len(in_members),
        "csto_deployed": int((in_members["csto"] == "deployment").sum()),
        "csto_deployed_crises": " and ".join(
            in_members.loc[in_members["csto"] == "deployment", "dated_label"]),
        "csto_silent": int((in_members["csto"] == "none_found").sum()),
        "csto_declined": int((record["kind"] == "declined_request").sum()),
        "jan2022_decision": _day("csto-kazakhstan-deployment-2022"),
        "jan2022_mission_end": _day("csto-kazakhstan-mission-end-2022"),
        "jan2022_withdrawn": _day("csto-kazakhstan-withdrawal-2022", hedged=True),
        "jan2022_deaths_low": int(january["deaths_low"]),
        "jan2022_deaths_high": int(january["deaths_high"]),
        **homicide_numbers(),
    }


def homicide_numbers() -> dict[str, object]:
    rates = economy.indicator("VC.IHR.PSRC.P5", ["KAZ", "RUS"], since=1990)["KAZ"].dropna()
    return {"kaz_homicide_first": float(rates.iloc[0]), "kaz_homicide_first_year":
            int(rates.index.min()), "kaz_homicide_last": float(rates.iloc[-1]),
            "kaz_homicide_last_year": int(rates.index.max()),
            "kaz_homicide_peak": float(rates.max()), "kaz_homicide_peak_year":
            int(rates.idxmax())}


ROLE_COLOURS = {"member": "blue", "suspended": "grey", "frozen": "grey"}


def csto_membership_spells() -> plt.Figure:
    """Membership spells of the Collective Security Treaty and the CSTO, by state."""
    style.apply()
    spells = kazakhstan.csto_spells()
    end_of_data = membership.latest_date()
    states = kazakhstan.csto_states()
    fig, ax = style.figure(height=3.4)
    for row, iso3 in enumerate(reversed(states)):
        for spell in spells[spells["iso3"] == iso3].itertuples():
            end = spell.end_date if pd.notna(spell.end_date) else end_of_data
            ax.barh(row, (end - spell.start_date).days / 365.25,
                    left=spell.start_date.year + spell.start_date.dayofyear / 365.25,
                    color=style.PALETTE[ROLE_COLOURS[spell.role]], height=0.6)
    ax.set_yticks(range(len(states)), [countries.short_name(s) for s in reversed(states)])
    ax.set_xlabel("Year")
    ax.set_title("Parties to the treaty and the CSTO")
    handles = [plt.Rectangle((0, 0), 1, 1, color=style.PALETTE[c], label=label)
               for label, c in (("member", "blue"), ("suspended or frozen", "grey"))]
    fig.legend(handles=handles, loc="outside lower center", ncols=2)
    ax.grid(axis="y", visible=False)
    plotted = spells[["iso3", "role", "start_date", "end_date"]].astype(str)
    return style.finish(fig, [], plotted, "CSTO membership",
                        curated=["organisation_membership"])


def csto_membership_table() -> pd.DataFrame:
    spells = kazakhstan.csto_spells()
    return pd.DataFrame({
        "State": spells["iso3"].map(countries.short_name),
        "Status": spells["role"],
        "From": spells["start_date"].dt.strftime("%Y-%m-%d"),
        "To": spells["end_date"].dt.strftime("%Y-%m-%d").fillna("today"),
        "Notes": spells["notes"].fillna(""),
        "Verification": display.verification(spells["verification"]),
    }).set_index(["State", "Status", "From"])


def csto_military() -> plt.Figure:
    """Military spending (% of GDP) and armed forces (thousands) of the CSTO states."""
    style.apply()
    data = kazakhstan.csto_military()
    fig, (top, bottom) = style.figure(2, height=2.6, sharex=True)
    for iso3 in data["share_of_gdp"].columns:
        colour = style.PALETTE[style.STATE_COLOURS.get(iso3, "grey")]
        width = 2.4 if iso3 == kazakhstan.KAZ else 1.0
        top.plot(data["share_of_gdp"].index, data["share_of_gdp"][iso3], color=colour,
                 lw=width, label=countries.short_name(iso3))
        bottom.plot(data["personnel"].index, data["personnel"][iso3], color=colour, lw=width)
    top.set_ylabel("Military expenditure,\n% of GDP")
    top.set_title("Defence effort")
    bottom.set_yscale("log")
    bottom.set_ylabel("Military personnel\n(thousands, log scale)")
    bottom.set_title("Armed forces")
    bottom.set_xlabel("Year")
    fig.legend(loc="outside lower center", ncols=3)
    return style.finish(fig, [sipri.MILEX_KEY, cow.NMC_KEY], list(data.values()), "CSTO military",
                        note="All states that were ever parties to the treaty; Kazakhstan "
                             "drawn thicker. Gaps: no data.")


def cis_security_glossary() -> pd.DataFrame:
    table = curated.load("cis_security_glossary")
    return pd.DataFrame({"Term": table["term"], "Meaning (our paraphrase)": table["paraphrase"],
                         "Verification": display.verification(table["verification"])}
                        ).set_index("Term")


def kazakhstan_bilateral_security() -> pd.DataFrame:
    table = curated.load("kaz_bilateral_security").sort_values(["partner_iso3", "date"])
    return pd.DataFrame({"Partner": table["partner_iso3"].map(countries.names),
                         "Date": table["date"],
                         "Document": table["title"],
                         "Kind": table["kind"].str.replace("_", " "),
                         "Verification": display.verification(table["verification"])}).set_index(
        ["Partner", "Date"])


RECORD_STYLES = {
    "deployment": timelines.marker("o", "vermillion", 50, "deployment"),
    "declined_request": timelines.marker("X", "black", 50, "help request declined"),
    "suspension": timelines.marker("v", "purple", 44, "suspension or freeze"),
    "exercise": timelines.marker("s", "sky", 30, "exercise"),
    "summit": timelines.marker("D", "blue", 30, "summit in Kazakhstan"),
}


def csto_record() -> plt.Figure:
    """What the CSTO did, and declined to do, by year; the rows are the states concerned."""
    record = curated.load("organisation_record").query("org_id == 'csto'")
    record = record[record["kind"].isin(RECORD_STYLES) & record["iso3"].notna()]
    record = record.assign(iso3=record["iso3"].str.split(";")).explode("iso3")
    record = record[~((record["kind"] == "summit") & (record["iso3"] != "KAZ"))]
    events = pd.DataFrame({"date": pd.to_datetime(record["date"], format="mixed"),
                           "row": record["iso3"].map(countries.short_name),
                           "category": record["kind"]})
    rows = [countries.short_name(s) for s in ("KAZ", "KGZ", "TJK", "UZB", "ARM")
            if countries.short_name(s) in set(events["row"])]
    fig = timelines.event_rows_figure(
        events[events["row"].isin(rows)], rows, RECORD_STYLES,
        "The CSTO's record, by state", 3.6, spread=0.15, legend_columns=2)
    return style.finish(fig, [], events, "CSTO record", curated=["organisation_record"])


def homicide() -> plt.Figure:
    """Intentional homicides per 100,000 people: domestic security as the police count it."""
    style.apply()
    table = economy.indicator("VC.IHR.PSRC.P5", [*regions.CENTRAL_ASIA, "RUS"], since=1990)
    fig, ax = style.figure(height=3.4)
    style.state_lines(ax, table.dropna(how="all"), marker="o")
    ax.set_xlabel("Year")
    ax.set_ylabel("Homicides per 100,000 people")
    ax.set_title("Intentional homicide")
    handles, codes = ax.get_legend_handles_labels()
    fig.legend(handles, map(countries.short_name, codes), loc="outside lower center", ncols=3)
    return style.finish(fig, [wdi.registry_key("VC.IHR.PSRC.P5")], table, "homicide",
                        note="UNODC figures relayed by the World Bank; gaps are years without "
                             "data, and recording practices differ between states.")


def csto_in_crises() -> pd.DataFrame:
    """The crises in the CSTO's member states: what the CSTO, the SCO and Russia did."""
    table = crises.in_member_states("csto")
    return pd.DataFrame({
        "Crisis": table["dated_label"],
        **{crises.ACTOR_NAMES[a]: table[a].map(crises.RESPONSE_NAMES)
           for a in ("csto", "sco", "rus")},
    }).set_index("Crisis")


def setup() -> None:
    """Prepare this notebook (table display) and glue the numbers its text quotes."""
    notebook.setup(__name__, numbers)


# Every numbered figure and table of the notebook: label, function, caption.
EXHIBITS = notebook.inventory(
    notebook.Exhibit("fig-3-2-csto", csto_membership_spells,
                     "Membership spells of the Collective Security Treaty and the CSTO, by "
                     "state."),
    notebook.Exhibit("tbl-3-2-membership", csto_membership_table,
                     "Membership of the Collective Security Treaty and the CSTO, state by state."),
    notebook.Exhibit("fig-3-2-military", csto_military,
                     "Military expenditure as a share of GDP and military personnel of the "
                     "states that have been parties to the Collective Security Treaty."),
    notebook.Exhibit("fig-3-2-record", csto_record,
                     "The CSTO's record by state: deployments, requests for help it declined, "
                     "members leaving or freezing their participation, exercises, and its "
                     "summits in Kazakhstan."),
    notebook.Exhibit("tbl-3-2-crises", csto_in_crises,
                     "The crises in the CSTO's member states since 1992 and the strongest "
                     "response of the CSTO, the SCO and Russia (from the crisis dataset)."),
    notebook.Exhibit("fig-3-2-homicide", homicide,
                     "Intentional homicides per 100,000 people in the Central Asian states "
                     "and Russia."),
    notebook.Exhibit("tbl-3-2-glossary", cis_security_glossary,
                     "Categories of security as the thesis summarises the CIS model law \"On "
                     "security\" (1999), in our paraphrase."),
    notebook.Exhibit("tbl-3-2-bilateral", kazakhstan_bilateral_security,
                     "Kazakhstan's bilateral treaties and agreements on security, by partner."),
)
