"""The numbers each chapter's prose quotes, computed in one place per chapter.

A notebook passes the dict to :func:`glue_all`, which glues every value for the
text (myst-nb ``{glue:text}``) and prints them, so nbval checks the prose numbers
as well as the tables and figures.
"""

from __future__ import annotations

from myst_nb import glue

from analysis import claims, footprint, membership


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
