"""The numbers each chapter's prose quotes, computed in one place per chapter.

A notebook passes the dict to :func:`glue_all`, which glues every value for the
text (myst-nb ``{glue:text}``) and prints them, so nbval checks the prose numbers
as well as the tables and figures.

Floats are rounded to :data:`SIGNIFICANT_DIGITS` significant digits before they
are glued or printed. The book never shows more than four, and the last digits of
a full-precision float differ between CPUs (NumPy picks wider SIMD kernels where
the processor has them), which would make the stored outputs fail nbval on a
reviewer's machine. Noise in the 13th digit changes a 6-digit rounding only for a
value within about 1e-13 of a rounding boundary.
"""

from __future__ import annotations

import math

import pandas as pd
from myst_nb import glue

from analysis import (
    alignment,
    claims,
    conflict,
    curated,
    economy,
    footprint,
    groupings,
    kazakhstan,
    membership,
    organisations,
    security,
    stages,
)
from analysis.sources import owid, ucdp

SIGNIFICANT_DIGITS = 6


def meaningful(value: object) -> object:
    """``value`` as a plain Python object holding only the digits the book can mean:
    a NumPy scalar becomes its Python equivalent, a float keeps six significant digits."""
    value = value.item() if hasattr(value, "item") else value
    if isinstance(value, float) and math.isfinite(value):
        return float(f"{value:.{SIGNIFICANT_DIGITS}g}")
    return value


def glue_all(values: dict[str, object]) -> None:
    """Glue each value under its name (hidden here, shown where the text cites it)."""
    for name, value in values.items():
        value = meaningful(value)
        glue(name, value, display=False)
        print(f"{name} = {value!r}")


def introduction() -> dict[str, object]:
    thesis, latest = footprint.thesis_vintage(), footprint.latest_vintage()
    then = footprint.totals(thesis).set_index("measure")
    now = footprint.totals(latest).set_index("measure")
    years = footprint.history_years()
    founders_pop = footprint.growth_paths("population", years)["founding six"]
    founders_gdp = footprint.growth_paths("gdp", years)["founding six"]
    audited = claims.evaluate("Introduction").set_index("claim_id")
    claimed_population = claims.claimed_value("intro-population")
    claimed_gdp = claims.claimed_value("intro-gdp")
    status_then = membership.status_on(membership.THESIS_DATA_YEAR).value_counts()
    status_now = membership.status_on(membership.latest_date()).value_counts()
    return {
        "thesis_year": membership.THESIS_DATA_YEAR,
        "members_thesis": len(thesis.states),
        "observers_thesis": int(status_then.get("observer", 0)),
        "dialogue_partners_thesis": int(status_then.get("dialogue_partner", 0)),
        "members_latest": len(latest.states),
        "partners_latest": int(status_now.get("partner", 0)),
        "latest_status_date": f"{membership.latest_date():%-d %B %Y}",
        "iran_member_year": membership.first_year("IRN", "member"),
        "belarus_member_year": membership.first_year("BLR", "member"),
        "india_member_year": membership.first_year("IND", "member"),
        "area_year_latest": latest.years["area"],
        "population_year_latest": latest.years["population"],
        "gdp_year_latest": latest.years["gdp"],
        "eurasia_area_mkm2": now.loc["area", "eurasia"] / 1e6,
        "area_thesis_mkm2": then.loc["area", "total"] / 1e6,
        "area_share_eurasia_thesis": 100 * then.loc["area", "share_eurasia"],
        "area_share_eurasia_latest": 100 * now.loc["area", "share_eurasia"],
        "area_share_world_thesis": 100 * then.loc["area", "share_world"],
        "population_thesis_bn": then.loc["population", "total"] / 1e9,
        "population_latest_bn": now.loc["population", "total"] / 1e9,
        "population_share_world_thesis": 100 * then.loc["population", "share_world"],
        "population_share_world_latest": 100 * now.loc["population", "share_world"],
        "gdp_thesis_trn": then.loc["gdp", "total"] / 1e12,
        "gdp_latest_trn": now.loc["gdp", "total"] / 1e12,
        "gdp_share_world_thesis": 100 * then.loc["gdp", "share_world"],
        "gdp_share_world_latest": 100 * now.loc["gdp", "share_world"],
        "claimed_population_bn": claimed_population / 1e9,
        "claimed_gdp_trn": claimed_gdp / 1e12,
        "claimed_area_share_pct": 100 * claims.claimed_value("intro-area"),
        "population_ratio_to_claim": then.loc["population", "total"] / claimed_population,
        "gdp_ratio_to_claim": then.loc["gdp", "total"] / claimed_gdp,
        "founders_population_year": footprint.first_year_above(founders_pop, claimed_population),
        "founders_gdp_year": footprint.first_year_above(founders_gdp, claimed_gdp),
        "verdict_area": audited.loc["intro-area", "verdict"],
        "verdict_population": audited.loc["intro-population", "verdict"],
        "verdict_gdp": audited.loc["intro-gdp", "verdict"],
    }


def theory_of_regional_security() -> dict[str, object]:
    """Numbers quoted in Chapter 1.1."""
    by_decade = conflict.conflicts_per_decade()
    post_soviet = conflict.post_soviet_conflicts_by_year()
    nineties = post_soviet.loc[1990:1999]
    central = conflict.central_asian_conflicts().set_index("conflict_id")
    acd, brd = ucdp.conflicts(), ucdp.battle_deaths()
    tajik = central.loc[central["location"] == "Tajikistan"].sort_values("first year").iloc[0]
    uzbek = central.loc[central["location"] == "Uzbekistan"].iloc[0]
    border = central.loc[central["type"] == "interstate"].iloc[0]
    islamic_state = central.loc[central["opponents"] == "IS"].iloc[0]
    imputed = brd[brd["region_imputed"]].sort_values("year")
    imputed_rows = " and ".join(f"{row.battle_location} {row.year}"
                                for row in imputed.itertuples())
    return {
        "acd_first_year": int(acd["year"].min()),
        "acd_last_year": int(acd["year"].max()),
        "brd_first_year": int(brd["year"].min()),
        "brd_last_year": int(brd["year"].max()),
        "conflicts_1980s": int(by_decade.loc[1980]),
        "conflicts_1990s": int(by_decade.loc[1990]),
        "post_soviet_peak": int(nineties.max()),
        "post_soviet_peak_year": int(nineties.idxmax()),
        "post_soviet_conflicts_1980s": int(post_soviet.loc[1980:1989].max()),
        "central_asian_conflicts": len(central),
        "tajik_first_year": int(tajik["first year"]),
        "tajik_last_year": int(tajik["last year"]),
        "tajik_active_years": int(tajik["active years"]),
        "tajik_war_years": int(tajik["war years"]),
        "tajik_deaths": int(tajik["battle deaths (best)"]),
        "uzbek_first_year": int(uzbek["first year"]),
        "uzbek_last_year": int(uzbek["last year"]),
        "uzbek_deaths": int(uzbek["battle deaths (best)"]),
        "border_first_year": int(border["first year"]),
        "border_last_year": int(border["last year"]),
        "border_deaths": int(border["battle deaths (best)"]),
        "border_deaths_year": int(border["deaths data years"][:4]),
        "is_first_year": int(islamic_state["first year"]),
        "is_last_year": int(islamic_state["last year"]),
        "brd_imputed_rows": imputed_rows,
    }


def international_organisations() -> dict[str, object]:
    """Numbers quoted in Chapter 1.2."""
    per_year = organisations.igos_per_year()
    spread = organisations.membership_spread(1991)
    central = organisations.full_memberships(organisations.CENTRAL_ASIA)
    first, last = int(spread.index.min()), int(spread.index.max())
    newcomer_year = first + 1  # the first full year of independence
    return {
        "igo_first_year": int(per_year.index.min()),
        "igo_last_year": int(per_year.index.max()),
        "igos_1900": int(per_year.loc[1900]),
        "igos_1945": int(per_year.loc[1945]),
        "igos_1991": int(per_year.loc[1991]),
        "igos_last": int(per_year.iloc[-1]),
        "itu_year": organisations.founding_year("itu"),
        "upu_year": organisations.founding_year("upu"),
        "ca_newcomer_year": newcomer_year,
        "ca_min_newcomer": int(central.loc[newcomer_year].min()),
        "ca_max_newcomer": int(central.loc[newcomer_year].max()),
        "median_newcomer": float(spread.loc[newcomer_year, "median"]),
        "ca_min_last": int(central.loc[last].min()),
        "ca_max_last": int(central.loc[last].max()),
        "ca_max_last_state": str(central.loc[last].idxmax()),
        "ca_min_last_state": str(central.loc[last].idxmin()),
        "median_last": float(spread.loc[last, "median"]),
        "membership_last_year": last,
        "claimed_telegraph_year": int(claims.claimed_value("telegraph-union")),
        "claimed_postal_year": int(claims.claimed_value("postal-union")),
        "india_member_year": membership.first_year("IND", "member"),
    }


def stages_of_development() -> dict[str, object]:
    """Numbers quoted in Chapter 1.3."""
    summits = curated.load("sco_summits")
    documents = curated.load("sco_documents").set_index("kind")
    periods = stages.periods().set_index("label")
    members = stages.members_per_year()
    central = organisations.CENTRAL_ASIA
    distances = alignment.distances(central)
    by_year = distances.groupby("year")[["from_usa", "from_eu"]].mean()
    first_vote = int(by_year.index.min())
    events = curated.load("sco_events_usa_eu").sort_values("date")
    astana = pd.Timestamp(events["date"].iloc[0]).year
    last = int(by_year.index.max())
    charter = curated.load("sco_documents").query("kind == 'charter'").iloc[0]
    convention = curated.load("sco_documents").loc[
        lambda f: f["title"].str.startswith("Shanghai Convention")].iloc[0]
    return {
        "sco_founding_year": membership.first_year("UZB", "member"),
        "summits_total": len(summits),
        "summits_shanghai_five": int((summits["format"] == "shanghai_five").sum()),
        "summits_sco": int((summits["format"] == "heads_of_state").sum()),
        "summits_online": int(summits["city"].str.lower().eq("online").sum()),
        "first_summit_year": int(summits["start_date"].min()[:4]),
        "last_summit_year": int(summits["start_date"].max()[:4]),
        "last_summit_city": summits.sort_values("start_date")["city"].iloc[-1],
        "charter_signed_year": int(charter["signed_date"][:4]),
        "charter_in_force_year": int(charter["in_force_date"][:4]),
        "convention_signed_year": int(convention["signed_date"][:4]),
        "convention_in_force_year": int(convention["in_force_date"][:4]),
        "documents_with_in_force_date": int(documents["in_force_date"].notna().sum()),
        "shanghai_five_members": int(members[periods.loc["Shanghai Five", "end"]]),
        "members_before_enlargement": int(members[periods.loc["Consolidation", "end"]]),
        "members_latest": int(members.iloc[-1]),
        "enlargement_year": int(periods.loc["Enlargement", "start"]),
        "merger_year": int(periods.loc["Partners merged", "start"]),
        "astana_declaration_year": int(astana),
        "ca_first_vote_year": first_vote,
        "ca_vote_years": len(by_year),
        "ca_years_closer_to_eu": int((by_year["from_eu"] < by_year["from_usa"]).sum()),
        "ca_last_vote_year": last,
        "ca_usa_distance_first": float(by_year.loc[first_vote, "from_usa"]),
        "ca_usa_distance_last": float(by_year.loc[last, "from_usa"]),
        "ca_eu_distance_first": float(by_year.loc[first_vote, "from_eu"]),
        "ca_eu_distance_last": float(by_year.loc[last, "from_eu"]),
        "ca_usa_distance_before_astana": float(by_year.loc[astana - 1, "from_usa"]),
        "ca_usa_distance_after_astana": float(by_year.loc[astana + 1, "from_usa"]),
    }


def security_in_central_asia() -> dict[str, object]:
    """Numbers quoted in Chapter 2.1."""
    since = 1991
    totals = security.terrorism_totals(security.CENTRAL_ASIA + security.NEIGHBOURS, since)
    gtd = owid.terrorism()
    coverage = security.expenditure_coverage(security.CENTRAL_ASIA)
    exercises = curated.load("sco_exercises")
    peace = exercises[exercises["series"] == "peace_mission"]
    troops = pd.to_numeric(peace["troops"])
    rats = curated.load("rats_reported")
    arms = security.arms_imports(security.CENTRAL_ASIA)
    level = security.military_expenditure("constant_2023_usd_m", ["KAZ"])["KAZ"].dropna()
    central = totals.loc[security.CENTRAL_ASIA]
    return {
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


def socio_economic_cooperation() -> dict[str, object]:
    """Numbers quoted in Chapter 2.2."""
    founders = membership.founding_members()
    dispersion = economy.income_dispersion(founders)
    shares = economy.trade_partner_shares(economy.CENTRAL_ASIA, ["CHN", "RUS"])
    switch = economy.main_partner_switch(shares, "RUS", "CHN")
    last_trade = int(shares["year"].max())
    at_end = shares[shares["year"] == last_trade].pivot(index="iso3", columns="partner",
                                                        values="share")
    growth = economy.average_growth(economy.CENTRAL_ASIA, [(1992, 1999), (2000, 2008)])
    fdi = economy.indicator("BX.KLT.DINV.CD.WD", ["KAZ"])["KAZ"].dropna()
    milestones = curated.load("economic_milestones").sort_values("date")
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
        "programme_year": int(milestones.loc[milestones["kind"] == "programme", "date"]
                              .iloc[0][:4]),
        "kgz_openness_max": float(openness.max()),
        "kgz_openness_max_year": int(openness.idxmax()),
        "china_credit_m": claims.measure("fact:china_credit_2004").value / 1e6,
        "agreements_expected_bn": claims.measure("fact:agreements_2006_expected").value / 1e9,
        "agreements_signed_m": claims.measure("fact:agreements_2006_signed").value / 1e6,
        "agreements_year": int(facts.loc["agreements_2006_signed", "as_of"][:4]),
    }


def prospects() -> dict[str, object]:
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


def kazakhstan_and_the_sco() -> dict[str, object]:
    """Numbers quoted in Chapter 3.1."""
    position = kazakhstan.position_among_members()
    trade = kazakhstan.trade_partners()
    votes = kazakhstan.un_alignment()
    hosted = kazakhstan.summits_hosted()
    initiatives = curated.load("kazakhstan_initiatives")
    first_vote, last_vote = int(votes.index.min()), int(votes.index.max())
    gdp_share = kazakhstan.shares_over_time()["gdp"].dropna()
    enlargement = int(stages.periods().set_index("label").loc["Enlargement", "start"])
    return {
        "kaz_gdp_share_peak": float(gdp_share.max()),
        "kaz_gdp_share_peak_year": int(gdp_share.idxmax()),
        "kaz_gdp_share_last": float(gdp_share.iloc[-1]),
        "kaz_gdp_share_last_year": int(gdp_share.index.max()),
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
        "kaz_sco_chairmanships": int(initiatives["title"].str.contains("SCO chairmanship").sum()),
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
    }


def kazakhstan_cis_csto() -> dict[str, object]:
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
    }


def conclusion() -> dict[str, object]:
    """Numbers quoted in the Conclusion, drawn from the chapters and the claims audit."""
    intro = introduction()
    security_numbers = security_in_central_asia()
    theory = theory_of_regional_security()
    audited = claims.evaluate()
    counts = audited["verdict"].value_counts()
    events = curated.load("post2020_events")
    contact_group = events.loc[events["title"].str.contains("Contact Group meets"), "date"]
    return {
        "members_thesis": intro["members_thesis"],
        "members_latest": intro["members_latest"],
        "population_share_world_latest": intro["population_share_world_latest"],
        "gdp_share_world_latest": intro["gdp_share_world_latest"],
        "tajik_deaths": theory["tajik_deaths"],
        "afg_to_ca_ratio": security_numbers["afg_to_ca_ratio"],
        "rats_rows": security_numbers["rats_rows"],
        "claims_total": len(audited),
        "claims_supported": int(counts.get("supported", 0)),
        "claims_outdated": int(counts.get("outdated", 0)),
        "claims_contradicted": int(counts.get("contradicted", 0)),
        "claims_unverifiable": int(counts.get("unverifiable", 0)),
        "post2020_events": len(events),
        "antidrug_centre_year": int(events.loc[events["title"].str.contains("Anti-Drug Centre"),
                                               "date"].min()[:4]),
        "border_clash_year": int(events.loc[events["title"].str.contains("border war"),
                                            "date"].min()[:4]),
        "border_treaty_year": int(events.loc[events["title"].str.contains("Treaty on the State"),
                                             "date"].min()[:4]),
        "who_memoranda_year": int(events.loc[events["notes"].str.contains("WHO", na=False),
                                             "date"].min()[:4]),
        "water_clash_year": int(events.loc[events["title"].str.contains("water"),
                                           "date"].min()[:4]),
        "contact_group_last_meeting": f"{pd.Timestamp(contact_group.max()):%B %Y}",
    }


def claims_overview() -> dict[str, object]:
    """Numbers quoted in the claims-audit appendix."""
    audited = claims.evaluate()
    return {"claims_total": len(audited),
            "claims_sections": int(audited["section"].nunique())}
