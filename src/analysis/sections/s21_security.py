"""Section 2.1: security cooperation: terrorism and organised violence, RATS beside the
record, exercises, arms, spending."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis.data import countries, curated
from analysis.data.sources import owid, sipri, ucdp, wdi
from analysis.presentation import display, notebook, style
from analysis.presentation.claim_tables import claims_table
from analysis.topics import claims, regions, security


def numbers() -> dict[str, object]:
    """Numbers quoted in Chapter 2.1."""
    since = 1991
    totals = security.terrorism_totals(regions.CENTRAL_ASIA + regions.NEIGHBOURS, since)
    gtd = owid.terrorism()
    coverage = security.expenditure_coverage(regions.CENTRAL_ASIA)
    exercises = curated.load("sco_exercises")
    peace = exercises[exercises["series"] == "peace_mission"]
    troops = pd.to_numeric(peace["troops"])
    rats = curated.load("rats_reported")
    arms = security.arms_imports(regions.CENTRAL_ASIA)
    level = security.military_expenditure("constant_2023_usd_m", ["KAZ"])["KAZ"].dropna()
    central = totals.loc[regions.CENTRAL_ASIA]
    by_type = security.organized_violence_by_type(regions.CENTRAL_ASIA)
    periods = list(by_type.columns)
    deaths = security.organized_violence_deaths(regions.CENTRAL_ASIA)
    record = security.rats_beside_record().set_index("period_end")
    return {
        "ov_first_year": int(deaths.index.min()),
        "ov_last_year": int(deaths.index.max()),
        "ov_before_sco": sum(by_type.loc[:, periods[0]].map(lambda d: d[0])),
        "ov_sco_to_thesis": sum(by_type.loc[:, periods[2]].map(lambda d: d[0])),
        "ov_after_thesis": sum(by_type.loc[:, periods[3]].map(lambda d: d[0])),
        "ov_interstate_after": by_type.loc["interstate", periods[3]][0],
        "ov_kaz_total": int(deaths["KAZ"].sum()),
        "rats_record_periods": len(record),
        "rats_2021_prevented": int(record.loc["2021-12-31", "prevented"]),
        "gtd_2021_attacks": int(record.loc["2021-12-31", "gtd_attacks"]),
        "gtd_2021_ind_pak": sum(map(record.loc["2021-12-31", "gtd_attacks_by_state"].get,
                                    ("IND", "PAK"))),
        "rats_prevented_periods": int(record["prevented"].notna().sum()),
        "rats_prevented_below_gtd": int((record["prevented"] < record["gtd_attacks"]).sum()),
        "ucdp_2021_deaths": int(record.loc["2021-12-31", "ucdp_deaths"]),
        "gtd_since": since,
        "gtd_last_year": int(gtd["year"].max()),
        "gtd_missing_year": int(sorted(set(range(gtd["year"].min(), gtd["year"].max() + 1))
                                       - set(gtd["year"]))[0]),
        "ca_terror_deaths": int(central["deaths"].sum()),
        "ca_terror_attacks": int(central["attacks"].sum()),
        "tjk_terror_deaths": int(totals.loc["TJK", "deaths"]),
        "afg_terror_deaths": int(totals.loc["AFG", "deaths"]),
        "pak_terror_deaths": int(totals.loc["PAK", "deaths"]),
        "afg_to_ca_ratio": float(totals.loc["AFG", "deaths"] / central["deaths"].sum()),
        "rats_statements": int(rats["reported_on"].nunique()),
        "rats_rows": len(rats),
        "rats_first_year": int(rats["period_end"].min()[:4]),
        "rats_last_year": int(rats["period_end"].max()[:4]),
        "exercises_total": len(exercises),
        "peace_missions": len(peace),
        "peace_first_year": int(peace["start_date"].min()[:4]),
        "peace_last_year": int(peace["start_date"].max()[:4]),
        "peace_max_troops": int(troops.max()),
        "peace_max_troops_name": peace.loc[troops.idxmax(), "name"],
        "uzb_milex_years": int(coverage.loc["UZB", "years with data"]),
        "tkm_milex_years": int(coverage.loc["TKM", "years with data"]),
        "tkm_milex_last": int(coverage.loc["TKM", "last"]),
        "kaz_milex_peak_year": int(level.idxmax()),
        "kaz_milex_peak": float(level.max() / 1e3),
        "kaz_milex_last_year": int(level.index.max()),
        "kaz_milex_last": float(level.iloc[-1] / 1e3),
        "kaz_arms_share": float(100 * arms["KAZ"].sum() / arms.sum().sum()),
        "arms_last_year": int(arms.index.max()),
        "claimed_rats_leaders": int(claims.claimed_value("rats-leaders-2006")),
        "claimed_rats_attacks": int(claims.claimed_value("rats-attacks-2006")),
    }


def terrorism_totals(since: int) -> pd.DataFrame:
    totals = security.terrorism_totals(regions.CENTRAL_ASIA + regions.NEIGHBOURS, since)
    return totals.rename(columns=str.capitalize).rename_axis("State")


def violence() -> plt.Figure:
    """Terrorism deaths and conflict deaths per 100,000 people: Central Asia vs neighbours."""
    style.apply()
    panels = [("Terrorism deaths", security.terrorism_rate),
              ("Deaths in organised violence", security.organized_violence_rate)]
    fig, axes = style.figure(4, height=2.0, sharex=True)
    plotted = []
    for row, (title, loader) in enumerate(panels):
        for column, states in enumerate((regions.CENTRAL_ASIA, regions.NEIGHBOURS)):
            table = loader(states).loc[1991:]
            ax = axes[2 * row + column]
            style.state_lines(ax, table)
            ax.set_title(f"{title}: {'Central Asia' if column == 0 else 'neighbours'}")
            ax.set_ylabel("Per 100,000 people")
            ax.legend(*style.named_handles(ax), ncols=2,
                      loc="upper right" if column == 0 else "upper left")
            plotted.append(table)
    axes[-1].set_xlabel("Year")
    gtd, violence = plotted[0].dropna(how="all"), plotted[2].dropna(how="all")
    missing = sorted(set(range(gtd.index.min(), gtd.index.max() + 1)) - set(gtd.index))
    return style.finish(fig, [owid.GTD_RATE_KEY, ucdp.ORGANIZED_VIOLENCE_KEY,
                              wdi.registry_key("SP.POP.TOTL")], plotted, "violence",
                        note=f"Terrorism: GTD, {gtd.index.min()}-{gtd.index.max()}, no data for "
                             f"{', '.join(map(str, missing))} (gap). Organised violence: UCDP "
                             f"v25.1 (state-based, non-state and one-sided), "
                             f"{violence.index.min()}-{violence.index.max()}. Vertical scales "
                             "differ.")


def rats_reported() -> pd.DataFrame:
    """What RATS and its officials said they achieved, statement by statement."""
    table = curated.load("rats_reported")
    period = [f"{a} to {b}" if isinstance(a, str) else f"up to {b}"
              for a, b in zip(table["period_start"], table["period_end"], strict=True)]
    return pd.DataFrame({
        "Period": period,
        "Reported by": table["reported_by"],
        "What (self-reported)": table["indicator"].map(security.RATS_INDICATORS),
        "Value": table["value"].astype(float).map("{:,.0f}".format) + " " + table["unit"],
        "Note": table["notes"].fillna(""),
        "Verification": display.verification(table["verification"]),
    }).set_index("Period")


def exercises() -> plt.Figure:
    """The SCO's joint exercises: when, how large, and how many states took part."""
    style.apply()
    table = curated.load("sco_exercises").sort_values("start_date", ignore_index=True)
    table["year"] = table["start_date"].str[:4].astype(int)
    table["states"] = table["participants"].fillna("").map(
        lambda v: len([c for c in v.split(";") if c.strip()]))
    table["troops_n"] = pd.to_numeric(table["troops"])
    low, high = table["year"].min() - 1, table["year"].max() + 1
    labels = []  # beside the dot on the side with more room, wrapped to fit there
    for row in table.itertuples():
        details = f"({row.states or '?'} states" + (
            f", {row.troops_n:,.0f} troops)" if pd.notna(row.troops_n) else ")")
        room = max(high - row.year, row.year - low) * (style.WIDTH - 0.2) / (high - low) - 0.1
        one_line = f"{row.name} {details}"
        labels.append(one_line if style.text_width(one_line) < room
                      else style.wrap(row.name, style.MIN_TEXT, room) + "\n" + details)
    lines = pd.Series([label.count("\n") + 1.4 for label in labels])  # and a gap
    fig, ax = style.figure(height=0.17 * lines.sum() + 1.2)
    colours = {"peace_mission": style.PALETTE["blue"], "other_ct": style.PALETTE["orange"]}
    names = {"peace_mission": "Peace Mission series", "other_ct": "other exercises"}
    for row, label, y in zip(table.itertuples(), labels, lines / 2 - lines.cumsum(), strict=True):
        size = 20 + (row.troops_n / 40 if pd.notna(row.troops_n) else 0)
        ax.scatter(row.year, y, s=size, color=colours[row.series], zorder=3, linewidths=0.6,
                   edgecolors="black" if pd.isna(row.troops_n) else "none")
        side = 1 if row.year < (low + high) / 2 else -1  # clear of the dot (size in pt²)
        ax.annotate(label, (row.year, y), xytext=(side * (3 + size**0.5 / 2), 0), va="center",
                    textcoords="offset points", ha="left" if side > 0 else "right")
    ax.set(yticks=[], ylim=(-lines.sum(), 1.6), xlim=(low, high), xlabel="Year",
           title="Joint counter-terrorism exercises")
    ax.spines["left"].set_visible(False)
    ax.legend(handles=[plt.Line2D([], [], marker="o", ls="", color=colours[key], label=name)
                       for key, name in names.items()], loc="upper center", ncols=2)
    return style.finish(fig, [], table[["name", "year", "states", "troops"]], "exercises",
                        curated=["sco_exercises"],
                        note="Dot area grows with reported troops (outlined: not reported).")


def sco_exercises() -> pd.DataFrame:
    """Joint exercises: name, dates, host, participants, reported troops."""
    table = curated.load("sco_exercises").sort_values("start_date")
    return pd.DataFrame({
        "Exercise": table["name"],
        "Dates": table["start_date"] + " to " + table["end_date"],
        "Host": table["host_iso3"].map(countries.names),
        "Location": table["location"],
        "Participants": table["participants"].map(countries.names, na_action="ignore")
        .fillna("not reported"),
        "Troops": pd.to_numeric(table["troops"]).map(
            lambda v: "not reported" if pd.isna(v) else f"{v:,.0f}"),
        "Verification": display.verification(table["verification"]),
    }).set_index("Exercise")


def military_spending() -> plt.Figure:
    """Military expenditure of the Central Asian states: level and share of GDP, gaps shown."""
    style.apply()
    states = regions.CENTRAL_ASIA
    level = security.military_expenditure("constant_2023_usd_m", states)
    share = 100 * security.military_expenditure("share_of_gdp", states)
    fig, (top, bottom) = style.figure(2, height=2.4, sharex=True)
    style.state_lines(top, level, marker="o")
    style.state_lines(bottom, share, marker="o")
    top.set(ylabel="Million 2023 US$", title="Military expenditure, constant 2023 prices")
    bottom.set(ylabel="% of GDP", title="... as a share of GDP", xlabel="Year")
    top.legend(*style.named_handles(top), loc="upper left")
    coverage = security.expenditure_coverage(states)
    gaps = "; ".join(f"{iso3} {row['missing years']}" for iso3, row in coverage.iterrows()
                     if row["missing years"] != "none")
    return style.finish(fig, [sipri.MILEX_KEY], [level, share], "military spending",
                        note=f"Years without a SIPRI figure are left as gaps: {gaps}.")


def expenditure_coverage() -> pd.DataFrame:
    return security.expenditure_coverage(regions.CENTRAL_ASIA)


def arms_imports() -> plt.Figure:
    """Major arms imports of the Central Asian states, in five-year sums."""
    style.apply()
    table = security.arms_imports(regions.CENTRAL_ASIA)
    bins = table.groupby((table.index - table.index.min()) // 5)
    sums = bins.sum()
    sums.index = [f"{g.index.min()}-{g.index.max()}" for _, g in bins]
    fig, ax = style.figure(height=3.0)
    bottom = pd.Series(0.0, index=sums.index)
    for iso3 in sums.columns:
        colour = style.PALETTE[style.STATE_COLOURS[iso3]]
        ax.bar(sums.index, sums[iso3], bottom=bottom, color=colour, label=iso3)
        bottom = bottom + sums[iso3]
    ax.set(ylabel="SIPRI TIV (million)", xlabel="Period",
           title="Imports of major conventional arms")
    ax.tick_params(axis="x", labelrotation=45)
    ax.legend(*style.named_handles(ax))
    return style.finish(fig, [sipri.ARMS_KEY], sums, "arms imports",
                        note="TIV measures the military capability transferred, not its price.")


def organized_violence_by_type() -> pd.DataFrame:
    """Deaths in the five Central Asian states by type of organised violence and period."""
    table = security.organized_violence_by_type(regions.CENTRAL_ASIA)
    cells = table.map(lambda d: f"{d[0]:,}" if d[1] == d[2] == d[0]
                      else f"{d[0]:,} ({d[1]:,}-{d[2]:,})")
    return cells.rename(index=security.VIOLENCE_TYPE_NAMES).rename_axis("Deaths: best (low-high)")


def rats_beside_record() -> pd.DataFrame:
    """RATS's figures for whole periods beside the GTD and UCDP in the same states and years."""
    table = security.rats_beside_record()
    return pd.DataFrame({
        "Period": table["period_start"] + " to " + table["period_end"],
        "Member states": table["members"].map(len),
        "RATS reported (self-reported)": table["reported"].map(lambda items: "; ".join(
            f"{value:,.0f} {security.RATS_INDICATORS[indicator]}"
            for indicator, value, _ in items)),
        "GTD attacks": table["gtd_attacks"].map("{:,}".format),
        "GTD deaths": table["gtd_deaths"].map("{:,}".format),
        "UCDP deaths": table["ucdp_deaths"].map("{:,}".format),
    }).set_index("Period")


def claims_checked() -> pd.DataFrame:
    """The thesis's claims in this section, measured and judged."""
    return claims_table("2.1")


def setup() -> None:
    """Prepare this notebook (table display) and glue the numbers its text quotes."""
    notebook.setup(__name__, numbers)


# Every numbered figure and table of the notebook: label, function, caption.
EXHIBITS = notebook.inventory(
    notebook.Exhibit("tbl-2-1-terrorism", terrorism_totals,
                     "Terrorist attacks, injuries and deaths since the end of the USSR (GTD "
                     "via Our World in Data)."),
    notebook.Exhibit("fig-2-1-violence", violence,
                     "Terrorism deaths and deaths in organised violence per 100,000 people, "
                     "each for the Central Asian states and for Afghanistan and Pakistan."),
    notebook.Exhibit("tbl-2-1-violence-types", organized_violence_by_type,
                     "Deaths in organised violence in the five Central Asian states, by type "
                     "and period (UCDP country-year data, version 25.1)."),
    notebook.Exhibit("tbl-2-1-claims", claims_checked,
                     "The thesis's claims in this section, checked."),
    notebook.Exhibit("tbl-2-1-rats", rats_reported,
                     "Results reported by RATS and its officials (self-reported; not "
                     "independently verified)."),
    notebook.Exhibit("tbl-2-1-rats-record", rats_beside_record,
                     "What RATS reported for whole periods, beside the attacks and deaths the "
                     "GTD and UCDP recorded in the SCO's member states in the same years."),
    notebook.Exhibit("fig-2-1-exercises", exercises,
                     "A selection of joint counter-terrorism exercises of SCO members, by "
                     "year, with participants and reported troops."),
    notebook.Exhibit("tbl-2-1-exercises", sco_exercises,
                     "The joint exercises in the curated table: dates, host, location, "
                     "participants and reported troops."),
    notebook.Exhibit("fig-2-1-milex", military_spending,
                     "Military expenditure of the Central Asian states at constant 2023 prices"
                     " and as a share of GDP; missing years are gaps."),
    notebook.Exhibit("tbl-2-1-coverage", expenditure_coverage,
                     "Coverage of SIPRI's military expenditure series for the Central Asian "
                     "states since 1992."),
    notebook.Exhibit("fig-2-1-arms", arms_imports,
                     "Imports of major conventional arms by the Central Asian states, five-"
                     "year sums of SIPRI trend-indicator values."),
)
