"""Tables of the book, one function each, returning display-ready frames.

Numbers are formatted here, once, so that every notebook shows them the same way
and nbval compares stable text.
"""

from __future__ import annotations

import pandas as pd

from analysis import (
    claims,
    curated,
    display,
    economy,
    footprint,
    groupings,
    kazakhstan,
    membership,
    organisations,
    security,
    stages,
)

# Tables are read in full in the book: never elide cell text or rows.
pd.set_option("display.max_colwidth", None)
pd.set_option("display.max_rows", 200)
display.register()  # tables also print as real LaTeX tables in the PDF edition

_UNITS = {  # measure -> (divisor, column title)
    "area": (1e3, "Area (thousand km²)"),
    "population": (1e6, "Population (million)"),
    "gdp": (1e9, "GDP (billion current US$)"),
}


def footprint_table(vintage: footprint.Vintage) -> pd.DataFrame:
    """Area, population and GDP of each member, with totals and shares of world and Eurasia."""
    values = footprint.member_values(vintage).set_index("country").drop(columns="iso3")
    values = values.sort_values("population", ascending=False)
    totals = footprint.totals(vintage).set_index("measure")
    body = pd.DataFrame({
        title: (values[measure] / divisor).map("{:,.1f}".format)
        for measure, (divisor, title) in _UNITS.items()
    })
    summary = pd.DataFrame({
        title: [f"{totals.loc[m, 'total'] / divisor:,.1f}",
                f"{100 * totals.loc[m, 'share_world']:.1f}%",
                f"{100 * totals.loc[m, 'share_eurasia']:.1f}%",
                str(totals.loc[m, "year"])]
        for m, (divisor, title) in _UNITS.items()
    }, index=[f"Total ({len(vintage.states)} members)", "Share of the world",
              "Share of Eurasia", "Data year"])
    table = pd.concat([body, summary])
    table.index.name = vintage.label
    return table


def readable(value: float, unit: str) -> str:
    """A claimed or measured value in words a reader expects: 62%, 3.24 billion, ..."""
    if pd.isna(value):
        return "-"
    if unit == "year":
        return f"{value:.0f}"
    if unit.startswith("share"):
        return f"{100 * value:.1f}%"
    prefix = "US$ " if "US$" in unit else ""
    for divisor, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= divisor:
            return f"{prefix}{value / divisor:,.2f} {word}"
    return f"{prefix}{value:,.0f}"


def claims_table(section: str) -> pd.DataFrame:
    """The thesis's claims of one section, measured and judged."""
    audited = claims.evaluate(section)
    return pd.DataFrame({
        "Claim (paraphrased)": audited["claim"],
        "Claimed": [readable(v, u) for v, u in zip(audited["claimed"], audited["unit"],
                                                   strict=True)],
        "Measured": [readable(v, u) for v, u in zip(audited["measured"], audited["unit"],
                                                    strict=True)],
        "Basis": audited["basis"],
        "Verdict": audited["verdict"],
    }).set_index("Claim (paraphrased)")


def organisation_typology() -> pd.DataFrame:
    """The security-relevant organisations of Eurasia: type, founding, seat, mandate."""
    table = curated.load("eurasian_organisations")
    sizes = curated.load("organisation_sizes").set_index("org_id")
    roles = organisations.roles_on(membership.latest_date().date().isoformat())
    central = roles.reindex(organisations.CENTRAL_ASIA)
    return pd.DataFrame({
        "Organisation": table["name"],
        "Type": table["type"],
        "Founded": table["founded"].str[:4],
        "Seat": table["seat"],
        "Member states": [f"{sizes.loc[o, 'member_states']} ({sizes.loc[o, 'as_of'][:4]})"
                          for o in table["org_id"]],
        "Central Asian members": [
            ", ".join(central.index[central.get(org) == "member"]) or "none"
            for org in table["org_id"]],
        "Security mandate": table["security_mandate"],
    }).set_index("Organisation")


def sco_summits() -> pd.DataFrame:
    """Meetings of the heads of state, Shanghai Five included."""
    table = curated.load("sco_summits")
    return pd.DataFrame({
        "Dates": [start if start == end else f"{start} to {end}"
                  for start, end in zip(table["start_date"], table["end_date"], strict=True)],
        "City": table["city"],
        "Host": table["host_iso3"],
        "Format": table["format"].map({"shanghai_five": "Shanghai Five",
                                       "heads_of_state": "SCO heads of state"}),
        "Notes": table["notes"].fillna(""),
    }).set_index("Dates")


def sco_documents() -> pd.DataFrame:
    """Founding documents and conventions: signed where and when, in force when."""
    table = curated.load("sco_documents").sort_values("signed_date")
    return pd.DataFrame({
        "Document": table["title"],
        "Kind": table["kind"],
        "Signed": table["signed_date"] + ", " + table["signed_place"],
        "In force": table["in_force_date"].where(
            table["kind"] != "declaration", "not applicable").fillna("not found in the sources"),
    }).set_index("Document")


def membership_changes() -> pd.DataFrame:
    """Every change of SCO status, by date: who gained which status."""
    table = membership.status_table().sort_values(["start_date", "iso3"])
    grouped = table.groupby(["start_date", "status"])["country"].agg(", ".join).reset_index()
    return pd.DataFrame({
        "Date": grouped["start_date"].dt.strftime("%Y-%m-%d"),
        "New status": grouped["status"].map(membership.STATUS_LABELS),
        "States": grouped["country"],
    }).set_index("Date")


def stage_periods() -> pd.DataFrame:
    """The stages of the SCO with their years and the number of members at the end."""
    periods = stages.periods()
    members = stages.members_per_year()
    return pd.DataFrame({
        "Stage": periods["label"],
        "Years": [str(a) if a == b else f"{a}-{b}"
                  for a, b in zip(periods["start"], periods["end"], strict=True)],
        "Members at the end": [members[end] for end in periods["end"]],
    }).set_index("Stage")


def events_usa_eu() -> pd.DataFrame:
    """Episodes in the relations of the SCO's Central Asian members with the USA and the EU."""
    table = curated.load("sco_events_usa_eu").sort_values("date")
    return pd.DataFrame({"Date": table["date"], "Event": table["title"],
                         "States": table["iso3"].str.replace(";", ", ")}).set_index("Date")


RATS_INDICATORS = {
    "terrorist_acts_prevented": "terrorist acts prevented",
    "crimes_prevented": "terrorist or extremist crimes prevented",
    "militants_detained": "members of terrorist groups detained",
    "leaders_detained": "leaders detained",
    "extraditions": "persons extradited",
    "training_camps_dismantled": "training camps dismantled",
    "weapons_seized_units": "weapons seized",
    "explosives_seized_kg": "explosives seized",
    "ammunition_seized_units": "ammunition seized",
    "persons_wanted_list": "persons on the wanted list",
    "websites_blocked": "websites blocked",
    "cells_neutralised": "cells neutralised",
    "other": "other (see the note)",
}


def rats_reported() -> pd.DataFrame:
    """What RATS and its officials said they achieved, statement by statement."""
    table = curated.load("rats_reported")
    period = [f"{a} to {b}" if isinstance(a, str) else f"up to {b}"
              for a, b in zip(table["period_start"], table["period_end"], strict=True)]
    return pd.DataFrame({
        "Period": period,
        "Reported by": table["reported_by"],
        "What (self-reported)": table["indicator"].map(RATS_INDICATORS),
        "Value": table["value"].astype(float).map("{:,.0f}".format) + " " + table["unit"],
        "Note": table["notes"].fillna(""),
    }).set_index("Period")


def sco_exercises() -> pd.DataFrame:
    """Joint exercises: name, dates, host, participants, reported troops."""
    table = curated.load("sco_exercises").sort_values("start_date")
    return pd.DataFrame({
        "Exercise": table["name"],
        "Dates": table["start_date"] + " to " + table["end_date"],
        "Host": table["host_iso3"].str.replace(" ;", ","),
        "Location": table["location"],
        "Participants": table["participants"].fillna("not reported").str.replace(" ;", ","),
        "Troops": pd.to_numeric(table["troops"]).map(
            lambda v: "not reported" if pd.isna(v) else f"{v:,.0f}"),
    }).set_index("Exercise")


def economic_milestones() -> pd.DataFrame:
    table = curated.load("economic_milestones").sort_values("date")
    return pd.DataFrame({"Date": table["date"], "Milestone": table["title"],
                         "Kind": table["kind"].str.replace("_", " ")}).set_index("Date")


def expenditure_coverage() -> pd.DataFrame:
    return security.expenditure_coverage(security.CENTRAL_ASIA)


def terrorism_totals(since: int) -> pd.DataFrame:
    totals = security.terrorism_totals(security.CENTRAL_ASIA + security.NEIGHBOURS, since)
    return totals.rename(columns=str.capitalize).rename_axis("State")


def growth_by_period() -> pd.DataFrame:
    periods = [(1992, 1999), (2000, 2008), (2009, 2019), (2020, 2025)]
    table = economy.average_growth([*economy.CENTRAL_ASIA, "CHN", "RUS"], periods)
    return table.round(1).rename_axis("State")


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


def kazakhstan_initiatives() -> pd.DataFrame:
    table = curated.load("kazakhstan_initiatives").sort_values("date")
    return pd.DataFrame({"Date": table["date"], "Initiative or role": table["title"],
                         "Kind": table["kind"].str.replace("_", " ")}).set_index("Date")


def kazakhstan_position() -> pd.DataFrame:
    table = kazakhstan.position_among_members()
    labels = {"area": "Surface area", "population": "Population", "gdp": "GDP",
              "gdp_per_capita": "GDP per capita", "military_expenditure":
              "Military expenditure (constant US$)"}
    return pd.DataFrame({
        "Measure": [labels[m] for m in table.index],
        "Year": table["year"].astype(str),
        "Share of the members' total": table["share_pct"].map(
            lambda v: "-" if pd.isna(v) else f"{v:.1f}%"),
        "Rank among the members": [f"{r} of {n}" for r, n in
                                   zip(table["rank"], table["of"], strict=True)],
    }).set_index("Measure")


def kazakhstan_bilateral_security() -> pd.DataFrame:
    table = curated.load("kaz_bilateral_security").sort_values(["partner_iso3", "date"])
    return pd.DataFrame({"Partner": table["partner_iso3"], "Date": table["date"],
                         "Document": table["title"],
                         "Kind": table["kind"].str.replace("_", " ")}).set_index(
        ["Partner", "Date"])


def csto_membership() -> pd.DataFrame:
    spells = kazakhstan.csto_spells()
    return pd.DataFrame({
        "State": spells["iso3"],
        "Status": spells["role"],
        "From": spells["start_date"].dt.strftime("%Y-%m-%d"),
        "To": spells["end_date"].dt.strftime("%Y-%m-%d").fillna("today"),
        "Notes": spells["notes"].fillna(""),
    }).set_index(["State", "Status", "From"])


def cis_security_glossary() -> pd.DataFrame:
    table = curated.load("cis_security_glossary")
    return pd.DataFrame({"Term": table["term"], "Meaning (our paraphrase)": table["paraphrase"]}
                        ).set_index("Term")


def recommendations_revisited() -> pd.DataFrame:
    """The thesis's four recommendations and what happened after 2020."""
    recommendations = curated.load("thesis_recommendations")
    events = curated.load("post2020_events").sort_values("date")
    rows = []
    for rec in recommendations.itertuples():
        related = events[events["recommendation"] == rec.number]
        rows.append({
            "Recommendation": f"{rec.number}. {rec.paraphrase}",
            "Since 2020": " ".join(f"{e.date}: {e.title}." for e in related.itertuples())
            or "no recorded event",
        })
    return pd.DataFrame(rows).set_index("Recommendation")


def claims_summary() -> pd.DataFrame:
    """Number of claims per thesis section and verdict."""
    audited = claims.evaluate()
    table = audited.pivot_table(index="section", columns="verdict", values="claim_id",
                                aggfunc="count", fill_value=0)
    table = table.reindex(index=list(curated.SECTIONS), columns=list(claims.VERDICTS),
                          fill_value=0)
    table["total"] = table.sum(axis=1)
    return table.rename_axis("Thesis section")


def claims_audit() -> pd.DataFrame:
    """Every checked claim with its measurement, basis, verdict and source."""
    audited = claims.evaluate()
    return pd.DataFrame({
        "Section": audited["section"],
        "Claim (paraphrased)": audited["claim"],
        "Claimed": [readable(v, u) for v, u in zip(audited["claimed"], audited["unit"],
                                                   strict=True)],
        "Measured": [readable(v, u) for v, u in zip(audited["measured"], audited["unit"],
                                                    strict=True)],
        "Basis": audited["basis"],
        "Verdict": audited["verdict"],
        "Source": audited["source"],
    }).set_index(["Section", "Claim (paraphrased)"])
