"""The numbers each chapter's prose quotes, computed in one place per chapter.

A notebook passes the dict to :func:`glue_all`, which glues every value for the
text (myst-nb ``{glue:text}``) and prints them, so nbval checks the prose numbers
as well as the tables and figures.
"""

from __future__ import annotations

import pandas as pd
from myst_nb import glue

from analysis import (
    alignment,
    claims,
    conflict,
    curated,
    footprint,
    membership,
    organisations,
    stages,
)
from analysis.sources import ucdp


def glue_all(values: dict[str, object]) -> None:
    """Glue each value under its name (hidden here, shown where the text cites it)."""
    for name, value in values.items():
        value = value.item() if hasattr(value, "item") else value  # numpy -> Python
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
