"""Kazakhstan in the SCO, the CSTO and the CICA: its weight, its trade, its votes, its
allies, and its roles in the three forums."""

from __future__ import annotations

import pandas as pd

from analysis.data import curated
from analysis.data.sources import cow, sipri
from analysis.topics import (
    alignment,
    crises,
    economy,
    footprint,
    groupings,
    membership,
    organisations,
    regions,
    security,
)

KAZ = "KAZ"


def position_among_members() -> pd.DataFrame:
    """Kazakhstan's share of, and rank among, the current members on each measure."""
    vintage = footprint.latest_vintage()
    values = footprint.member_values(vintage).set_index("iso3")
    values["gdp_per_capita"] = values["gdp"] / values["population"]
    milex = sipri.military_expenditure()
    year = int(milex.loc[milex["status"] == "value", "year"].max())
    spend = milex[(milex["measure"] == "constant_2023_usd_m") & (milex["year"] == year)
                  & (milex["status"] == "value")].set_index("iso3")["value"]
    values["military_expenditure"] = spend.reindex(values.index)
    rows = []
    for measure in ("area", "population", "gdp", "gdp_per_capita", "military_expenditure"):
        column = values[measure].dropna()
        rows.append({
            "measure": measure,
            "year": year if measure == "military_expenditure" else vintage.years.get(
                measure, vintage.years["gdp"]),
            "share_pct": (100 * column[KAZ] / column.sum()
                          if measure != "gdp_per_capita" else float("nan")),
            "rank": int(column.rank(ascending=False)[KAZ]),
            "of": len(column),
        })
    return pd.DataFrame(rows).set_index("measure")


def trade_partners() -> pd.DataFrame:
    """Share (%) of China, Russia and the EU of each year in Kazakhstan's recorded trade."""
    dyads = economy.partner_trade(KAZ)
    total = dyads.groupby("year")["trade"].sum()
    out = {}
    for year, part in dyads.groupby("year"):
        eu = organisations.members("eu", int(year))
        out[year] = {  # missing flows stay missing instead of counting as zero
            "China": part.loc[part["partner"] == "CHN", "trade"].sum(min_count=1),
            "Russia": part.loc[part["partner"] == "RUS", "trade"].sum(min_count=1),
            "EU": part.loc[part["partner"].isin(eu), "trade"].sum(min_count=1),
        }
    return (100 * pd.DataFrame(out).T.div(total, axis=0)).rename_axis("year")


def un_alignment() -> pd.DataFrame:
    """Distance of Kazakhstan's UN ideal point from Russia's, China's and the USA's."""
    points = alignment.ideal_points([KAZ, "RUS", "CHN", "USA"]).dropna(subset=[KAZ])
    return pd.DataFrame({
        "Russia": (points[KAZ] - points["RUS"]).abs(),
        "China": (points[KAZ] - points["CHN"]).abs(),
        "USA": (points[KAZ] - points["USA"]).abs(),
    })


def csto_spells() -> pd.DataFrame:
    """CSTO membership spells of every state that was ever a party."""
    table = organisations.spells()
    return table[table["org_id"] == "csto"].sort_values(["iso3", "start_date"])


def csto_states() -> list[str]:
    return sorted(csto_spells()["iso3"].unique())


def csto_military() -> dict[str, pd.DataFrame]:
    """Military expenditure (% of GDP, SIPRI) and personnel (thousands, COW) of CSTO states."""
    states = csto_states()
    personnel = cow.capabilities()
    personnel = personnel[personnel["iso3"].isin(states) & (personnel["year"] >= 1992)]
    return {
        "share_of_gdp": 100 * security.military_expenditure("share_of_gdp", states),
        "personnel": personnel.pivot(index="year", columns="iso3", values="milper")
                              .reindex(columns=states),
    }


def summits_hosted() -> pd.DataFrame:
    """Summits of the Shanghai Five and the SCO held in Kazakhstan."""
    summits = curated.load("sco_summits")
    return summits[summits["host_iso3"] == KAZ][["start_date", "end_date", "city", "format"]]


def sco_chairmanships() -> pd.DataFrame:
    """Kazakhstan's terms in the chair of the SCO among its curated initiatives.

    Their rows have the kind ``chairmanship`` and ids ``sco-chairmanship-<year>``
    (the other chairmanships have ids of their own organisation, ``osce-...``).
    """
    initiatives = curated.load("kazakhstan_initiatives")
    return initiatives[(initiatives["kind"] == "chairmanship")
                       & initiatives["id"].str.startswith("sco-chairmanship-")]


def shares_over_time() -> pd.DataFrame:
    """Kazakhstan's share (%) of the GDP and military expenditure of each year's members
    and of the six founders in every year, in current US dollars (a share within one
    year needs no price index).

    Military expenditure sums only the members with a SIPRI figure that year, so the
    share is an upper bound in years when a member's figure is missing.
    """
    years = range(membership.first_year(KAZ, "shanghai_five"),
                  int(membership.latest_date().year) + 1)
    out = pd.DataFrame(index=pd.Index(years, name="year"))
    for name in ("gdp_current", "military_expenditure_current"):
        own = groupings.values(name).query("iso3 == @KAZ").set_index("year")["value"]
        for composition, suffix in (("changing", ""), ("founders", " (six founders)")):
            totals = groupings.totals(name, years, ("SCO",), composition)
            out[name.removesuffix("_current") + suffix] = (
                100 * own.reindex(out.index) / totals.set_index("year")["covered_total"])
    return out.dropna(how="all")


COMPARED = ("sco", "csto", "cica")  # the three security forums the thesis sets side by side


def roles_in(orgs: tuple[str, ...] = COMPARED) -> pd.DataFrame:
    """Kazakhstan's summits hosted, chairmanships and initiatives in each organisation,
    from the curated record: ``date, org_id, kind, title`` in date order."""
    record = curated.load("organisation_record")
    mine = record[record["iso3"].fillna("").str.split(";").map(lambda s: "KAZ" in s)
                  & record["org_id"].isin(orgs)
                  & record["kind"].isin(["summit", "chairmanship", "initiative"])]
    return mine[["date", "org_id", "kind", "title"]].sort_values("date", ignore_index=True)


def organisations_compared(latest: str) -> pd.DataFrame:
    """The SCO, CSTO and CICA side by side for Central Asia: the region's members on
    ``latest``, Kazakhstan's summits and chairmanships, and their response to the
    region's crises (from the crisis dataset; the CICA is not coded there)."""
    roles = organisations.roles_on(latest).reindex(regions.CENTRAL_ASIA)
    founded = curated.load("eurasian_organisations").set_index("org_id")["founded"]
    kaz = roles_in()
    codes = crises.responses()
    rows = {}
    for org in COMPARED:
        mine = kaz[kaz["org_id"] == org]
        coded = codes[codes["actor"] == org]
        central = sorted(roles.index[roles.get(org, pd.Series(dtype=str)).eq("member")]) \
            if org in roles else []
        rows[org] = {
            "founded": founded.get(org, pd.NA),
            "central_asian_members": central,
            "kaz_summits": int((mine["kind"] == "summit").sum()),
            "kaz_chairmanships": int((mine["kind"] == "chairmanship").sum()),
            "crises_coded": len(coded),
            "crises_consulted": int((coded["level"] >= crises.LEVEL["consultation"]).sum()),
            "crises_deployed": int((coded["response"] == "deployment").sum()),
        }
    return pd.DataFrame(rows).T
