"""Section 2.3: the SCO's reach beyond counter-terrorism (its institutions by domain,
its budget, drug seizures and its anti-drug work), the SCO beside other groupings, and
labelled projections to 2030."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis.data import countries, curated
from analysis.data.sources import unodc, wdi
from analysis.presentation import display, notebook, style
from analysis.topics import claims, drugs, groupings, institutions, membership, regions

YEARS = range(1992, 2026)


def numbers() -> dict[str, object]:
    """Numbers quoted in Chapter 2.3."""
    gdp = groupings.totals("gdp", YEARS).pivot(index="year", columns="group", values="total")
    year = int(gdp.dropna().index.max())
    passed = groupings.overtaking(YEARS)
    milex = groupings.totals("military_expenditure", YEARS)
    milex = milex[milex["year"] == int(milex.dropna(subset=["covered_total"])["year"].max())]
    milex = milex.set_index("group")
    sco_gdp = groupings.project("gdp", "SCO")
    eu_gdp = groupings.project("gdp", "EU")
    sco_milex = groupings.project("military_expenditure", "SCO")
    return {
        "price_base_year": groupings.PRICE_BASE_YEAR,
        "gdp_year": year,
        "sco_gdp": float(gdp.loc[year, "SCO"] / 1e12),
        "eu_gdp": float(gdp.loc[year, "EU"] / 1e12),
        "nato_gdp": float(gdp.loc[year, "NATO"] / 1e12),
        "sco_passed_eu_year": passed["changing"],
        "india_member_year": membership.first_year("IND", "member"),
        "founders_passed_eu27_year": passed["fixed"],
        "founders_gdp": float(passed["founders"].loc[year] / 1e12),
        "eu27_gdp": float(passed["eu_today"].loc[year] / 1e12),
        "sco_gdp_growth": sco_gdp.annual_growth,
        "eu_gdp_growth": eu_gdp.annual_growth,
        "sco_gdp_last": float(sco_gdp.history.iloc[-1] / 1e12),
        "sco_gdp_2030": float(sco_gdp.central.iloc[-1] / 1e12),
        "sco_gdp_2030_low": float(sco_gdp.low.iloc[-1] / 1e12),
        "sco_gdp_2030_high": float(sco_gdp.high.iloc[-1] / 1e12),
        "projection_window": len(sco_gdp.fitted_years) - 1,
        "sco_milex_excluded": ", ".join(map(countries.short_name, sco_milex.excluded)) or "none",
        "milex_year": int(milex["year"].iloc[0]),
        "nato_to_sco_milex": float(milex.loc["NATO", "covered_total"]
                                   / milex.loc["SCO", "covered_total"]),
        "sco_milex_members_with_data": int(milex.loc["SCO", "members_with_data"]),
        "sco_milex_members": int(milex.loc["SCO", "members"]),
        "csto_members_latest": len(groupings.members("CSTO", int(membership.latest_date().year))),
        **drug_numbers(),
        **institutions.summary(membership.THESIS_DATA_YEAR),
        "thesis_year": membership.THESIS_DATA_YEAR,
    }


GROUP_COLOURS = {"SCO": "blue", "CSTO": "vermillion", "EU": "orange", "NATO": "green"}


PANELS = {  # indicator -> scale, axis title with its price basis
    "population": (1e9, "Population (billion)"),
    "gdp": (1e12, f"GDP (trillion constant {groupings.PRICE_BASE_YEAR} US$)"),
    "military_expenditure": (1e9, "Military spending (billion constant 2023 US$)"),
}


def groupings_compared() -> plt.Figure:
    """Population, GDP and military expenditure of the SCO, CSTO, EU and NATO over time:
    each year's members (solid where every member has data, thin dotted for the members
    with data where some have none), and the SCO's founders and today's members."""
    style.apply()
    fig, axes = style.figure(3, height=2.3, sharex=True)
    plotted = []
    for ax, (indicator, (scale, label)) in zip(axes, PANELS.items(), strict=True):
        table = groupings.totals(indicator, YEARS)
        for group in groupings.GROUPS:
            part = table[table["group"] == group].set_index("year")
            colour = style.PALETTE[GROUP_COLOURS[group]]
            ax.plot(part.index, part["total"] / scale, color=colour, label=group)
            ax.plot(part.index, part["covered_total"].where(part["total"].isna()) / scale,
                    color=colour, ls=":", lw=0.9)
        for composition, line in (("founders", "--"), ("today", "-.")):
            fixed = groupings.totals(indicator, YEARS, ("SCO",), composition)
            ax.plot(fixed["year"], fixed["total"] / scale, color=style.PALETTE["blue"],
                    ls=line, lw=0.9, label=f"SCO, {composition_label(composition)}")
            plotted.append(fixed.assign(indicator=indicator))
        ax.set_title(label)
        plotted.append(table.assign(indicator=indicator))
    axes[-1].set_xlabel("Year")
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=3)
    return style.finish(fig, groupings.registry_keys(*PANELS), plotted, "groupings compared",
                        note=f"Each year's members (curated tables); GDP chained from "
                             f"{groupings.PRICE_BASE_YEAR} with WDI real growth. Dotted: "
                             "sum over the members with data where some have none (SCO "
                             "military spending lacks Uzbekistan in most years).")


def composition_label(composition: str) -> str:
    return {"founders": "six founders", "today": "today's members"}[composition]


def projections() -> plt.Figure:
    """GDP and military expenditure of each grouping's current members, extrapolated to
    2030 from the last observation (random walk with drift in logs)."""
    style.apply()
    fig, axes = style.figure(2, height=2.6, sharex=True)
    plotted = []
    for ax, indicator in zip(axes, ("gdp", "military_expenditure"), strict=True):
        scale, label = PANELS[indicator]
        for group in groupings.GROUPS:
            result = groupings.project(indicator, group)
            colour = style.PALETTE[GROUP_COLOURS[group]]
            recent = result.history.loc[2005:]
            ax.plot(recent.index, recent / scale, color=colour, label=group)
            start = result.history.index[-1]
            ax.plot([start, *result.central.index],
                    [recent.iloc[-1] / scale, *(result.central / scale)], color=colour, ls="--")
            ax.fill_between(result.central.index, result.low / scale, result.high / scale,
                            color=colour, alpha=0.18, lw=0)
            plotted.append(pd.DataFrame({"central": result.central, "low": result.low,
                                         "high": result.high}).assign(group=group,
                                                                      indicator=indicator))
        ax.set_title(label)
        ax.set_yscale("log")
    axes[-1].set_xlabel("Year")
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=4)
    return style.finish(fig, groupings.registry_keys("gdp", "military_expenditure"), plotted,
                        "projections",
                        note="EXTRAPOLATIONS, not forecasts: from the last observation at the "
                             "mean growth of the last ten years (random walk with drift in "
                             "logs), dashed, with a 90% band. Today's members. Log scale.")


def projections_table() -> pd.DataFrame:
    """Mean growth and the 2030 extrapolation with its 90% band, per grouping."""
    rows = []
    for indicator, scale, unit in (
            ("gdp", 1e12, f"trillion constant {groupings.PRICE_BASE_YEAR} US$"),
            ("military_expenditure", 1e9, "billion constant 2023 US$")):
        for group in groupings.GROUPS:
            result = groupings.project(indicator, group)
            rows.append({
                "Indicator": indicator.replace("_", " "),
                "Grouping": group,
                "Growth years": f"{result.fitted_years.start}-{result.fitted_years.stop - 1}",
                "Mean growth (% a year)": f"{result.annual_growth:.1f}",
                "Last observed": f"{result.history.iloc[-1] / scale:,.2f} {unit}",
                "2030 projection (90% band)": (
                    f"{result.central.iloc[-1] / scale:,.2f} "
                    f"({result.low.iloc[-1] / scale:,.2f}-{result.high.iloc[-1] / scale:,.2f})"),
                "Members left out": ", ".join(result.excluded) or "none",
            })
    return pd.DataFrame(rows).set_index(["Indicator", "Grouping"])


def institutions_by_domain() -> plt.Figure:
    """How many institutions the SCO had in each domain, year by year."""
    style.apply()
    years = range(2001, int(institutions.institutions()["year"].max()) + 1)
    table = institutions.cumulative_by_domain(years)
    colours = dict(zip(institutions.DOMAINS, ("blue", "purple", "orange", "sky", "green",
                                              "yellow", "grey"), strict=True))
    fig, ax = style.figure(height=3.4)
    for domain in institutions.DOMAINS:
        ax.step(table.index, table[domain], where="post", color=style.PALETTE[colours[domain]],
                lw=2 if domain == "security" else 1.4, label=domain)
    ax.axvline(claims.THESIS_YEAR, color="black", lw=0.8, ls=":")
    ax.annotate("thesis", (claims.THESIS_YEAR, 0), xytext=(3, 0), textcoords="offset points",
                va="bottom")
    ax.set_xlabel("Year")
    ax.set_ylabel("Bodies, agreements\nand programmes")
    ax.set_title("SCO institutions by domain, cumulative")
    fig.legend(loc="outside lower center", ncols=3)
    return style.finish(fig, [], table, "institutions by domain", curated=["sco_institutions"],
                        note="Budget facts left out; 'other' is the Charter, the Secretariat, "
                             "whole-organisation strategies and memoranda with other bodies.")


def institutions_by_period() -> pd.DataFrame:
    """Institutions created in each period by domain: all of them, and standing bodies."""
    every = institutions.by_period()
    bodies = institutions.by_period(institutions.BODIES)
    table = every.astype(str) + " (" + bodies.astype(str) + ")"
    return table.rename_axis(index="Domain", columns="All (standing bodies)")


def budget() -> pd.DataFrame:
    """What the sources say about the SCO's budget."""
    table = institutions.budget_facts()
    return pd.DataFrame({"Date": table["date"], "What the source says": table["title"],
                         "Verification": display.verification(table["verification"])}
                        ).set_index("Date")


def drug_numbers() -> dict[str, object]:
    """Numbers of the section on drugs."""
    totals = drugs.totals()["grams_per_1000_people"].unstack()
    years = drugs.seizures_by_year().columns
    centre = curated.row("sco_drug_milestones", "antidrug-centre-2025")
    strategies = drugs.milestones().query("kind == 'strategy'")
    return {
        "seizure_first_year": int(years.min()), "seizure_last_year": int(years.max()),
        "not_reporting": ", ".join(map(countries.short_name, drugs.not_reporting())),
        "tjk_heroin_per_1000": float(totals.loc["TJK", "Heroin"]),
        "kaz_heroin_per_1000": float(totals.loc["KAZ", "Heroin"]),
        "tjk_opium_per_1000": float(totals.loc["TJK", "Opium"]),
        "irn_opium_per_1000": float(totals.loc["IRN", "Opium"]),
        "drug_milestones": len(drugs.milestones()),
        "drug_agreement_year": int(drugs.milestones()["year"].min()),
        "drug_strategies": len(strategies),
        "antidrug_centre_year": int(centre["date"][:4]),
    }


def drug_seizures() -> plt.Figure:
    """Seizures per 1,000 people, 2018-2022, of four drugs by the Central Asian states and
    their neighbours on the routes: dots on a logarithmic scale (bars would start at an
    arbitrary value)."""
    style.apply()
    totals = drugs.totals()["grams_per_1000_people"].unstack().reindex(drugs.STATES)
    fig, axes = style.figure(4, height=2.3, sharex=True)
    for ax, drug in zip(axes, drugs.DRUGS, strict=True):
        values = totals[drug].iloc[::-1]
        colours = [style.PALETTE["blue"] if iso3 in regions.CENTRAL_ASIA
                   else style.PALETTE["grey"] for iso3 in values.index]
        names = [countries.short_name(i) for i in values.index]
        ax.scatter(values, names, color=colours, s=36, zorder=3)
        for y, value in enumerate(values):
            if pd.isna(value):
                ax.text(0.012, y, "nothing reported", va="center",
                        transform=ax.get_yaxis_transform())
        ax.set_xscale("log")
        ax.set_title(drug)
        ax.tick_params(axis="x", labelbottom=True)
    axes[-1].set_xlabel("Grams seized per 1,000 people, 2018-2022\n(log scale)")
    return style.finish(fig, [unodc.KEY, wdi.registry_key("SP.POP.TOTL")], totals,
                        "drug seizures",
                        note="Blue: Central Asian states. Cannabis: herb and resin. Seizures "
                             "measure enforcement as well as trafficking.")


def drug_milestones() -> pd.DataFrame:
    """The SCO's anti-drug agreements, strategies, meetings and institutions."""
    table = drugs.milestones()
    return pd.DataFrame({"Date": table["date"], "Step": table["title"],
                         "Verification": display.verification(table["verification"])}
                        ).set_index("Date")


def setup() -> None:
    """Prepare this notebook (table display) and glue the numbers its text quotes."""
    notebook.setup(__name__, numbers)


# Every numbered figure and table of the notebook: label, function, caption.
EXHIBITS = notebook.inventory(
    notebook.Exhibit("fig-2-3-institutions", institutions_by_domain,
                     "The SCO's bodies, agreements, programmes and meeting formats by domain, "
                     "counted cumulatively from the curated table."),
    notebook.Exhibit("tbl-2-3-institutions", institutions_by_period,
                     "Institutions created in each period by domain; in brackets, the "
                     "standing bodies and centres among them."),
    notebook.Exhibit("tbl-2-3-budget", budget,
                     "What the sources say about the SCO's budget and how members share it."),
    notebook.Exhibit("fig-2-3-drugs", drug_seizures,
                     "Heroin, opium, cannabis and methamphetamine seized per 1,000 people in "
                     "2018-2022 by the Central Asian states and the states on the "
                     "trafficking routes (UNODC)."),
    notebook.Exhibit("tbl-2-3-drug-milestones", drug_milestones,
                     "The SCO's steps against drug trafficking."),
    notebook.Exhibit("fig-2-3-groupings", groupings_compared,
                     "Population, GDP (constant 2015 US dollars) and military expenditure "
                     "(constant 2023 US dollars) of the members of the SCO, CSTO, EU and NATO "
                     "in each year, "
                     "with the SCO's six founders and today's members in every year."),
    notebook.Exhibit("fig-2-3-projections", projections,
                     "EXTRAPOLATIONS: GDP and military expenditure of each grouping's "
                     "current members, observed and extended to 2030 from the last "
                     "observation at the mean growth of the last ten years, with 90% bands "
                     "(log scale)."),
    notebook.Exhibit("tbl-2-3-projections", projections_table,
                     "Mean growth and 2030 extrapolations (not forecasts) for each "
                     "grouping."),
)
