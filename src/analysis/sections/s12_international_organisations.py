"""Section 1.2: international organisations and the Central Asian states in them."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from analysis.data import curated
from analysis.data.countries import short_name
from analysis.data.sources import cow
from analysis.presentation import display, notebook, style
from analysis.presentation.claim_tables import claims_table
from analysis.topics import (
    claims,
    membership,
    organisations,
    regions,
)


def numbers() -> dict[str, object]:
    """Numbers quoted in Chapter 1.2."""
    per_year = organisations.igos_per_year()
    spread = organisations.membership_spread(1991)
    central = organisations.full_memberships(regions.CENTRAL_ASIA)
    first, last = int(spread.index.min()), int(spread.index.max())
    newcomer_year = first + 1  # the first full year of independence
    spells = organisations.spells()
    pfp = spells[(spells["org_id"] == "nato_pfp") & spells["iso3"].isin(regions.CENTRAL_ASIA)]
    joined = pfp.groupby("iso3")["start_date"].min().dt.year.sort_values()
    names = membership.status_table().drop_duplicates("iso3").set_index("iso3")["country"]
    overlap = _overlap_roles(None).eq("member").sum(axis=1)
    return {
        "overlap_organisations": len(OVERLAP_ORGANISATIONS),
        "kaz_overlap_memberships": int(overlap["KAZ"]),
        "kgz_overlap_memberships": int(overlap["KGZ"]),
        "tkm_overlap_memberships": int(overlap["TKM"]),
        "pfp_first_year": int(joined.iloc[0]),
        "pfp_first_year_count": int((joined == joined.iloc[0]).sum()),
        "pfp_last_year": int(joined.iloc[-1]),
        "pfp_last_state": str(names[joined.index[-1]]),
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
        "ca_max_last_state": short_name(str(central.loc[last].idxmax())),
        "ca_min_last_state": short_name(str(central.loc[last].idxmin())),
        "median_last": float(spread.loc[last, "median"]),
        "membership_last_year": last,
        "claimed_telegraph_year": int(claims.claimed_value("telegraph-union")),
        "claimed_postal_year": int(claims.claimed_value("postal-union")),
        "india_member_year": membership.first_year("IND", "member"),
    }


# Where each founding's label sits, in points from its point on the line: the ITU and
# the UPU, nine years apart, and the League and the UN lean away from each other.
_FOUNDINGS = (("itu", "ITU", (-8, 22), "right"), ("upu", "UPU", (8, 22), "left"),
              ("lon", "League of\nNations", (-8, 30), "right"),
              ("un", "United\nNations", (-8, 40), "right"))


def igo_growth() -> plt.Figure:
    """Intergovernmental organisations in existence, 1815-2014."""
    style.apply()
    series = organisations.igos_per_year()
    fig, ax = style.figure(height=3.2)
    ax.plot(series.index, series, color=style.PALETTE["blue"])
    for code, label, offset, side in _FOUNDINGS:
        year = organisations.founding_year(code)
        ax.annotate(label, (year, series.get(year, 0)), xytext=offset,
                    textcoords="offset points", ha=side,
                    arrowprops={"arrowstyle": "-", "color": "#888888", "lw": 0.6})
    ax.set_xlabel("Year")
    ax.set_ylabel("IGOs in existence")
    ax.set_title("Growth of intergovernmental organisations")
    return style.finish(fig, [cow.IGO_YEAR_KEY], series.to_frame(), "IGO growth",
                        note="COW counts organisations with three or more member states; "
                             "the data end in 2014.")


def organisation_typology() -> pd.DataFrame:
    """The security-relevant organisations of Eurasia: type, founding, seat, mandate."""
    table = curated.load("eurasian_organisations")
    sizes = curated.load("organisation_sizes").set_index("org_id")
    roles = organisations.roles_on(membership.latest_date().date().isoformat())
    central = roles.reindex(regions.CENTRAL_ASIA)
    return pd.DataFrame({
        "Organisation": table["name"],
        "Type": table["type"],
        "Founded": table["founded"].str[:4],
        "Seat": table["seat"],
        "Member states": [f"{sizes.loc[o, 'member_states']} ({sizes.loc[o, 'as_of'][:4]})"
                          for o in table["org_id"]],
        "Central Asian states taking part": [_participants(central.get(org))
                                             for org in table["org_id"]],
        "Security mandate": table["security_mandate"],
        "Verification": display.verification(table["verification"]),
    }).set_index("Organisation")


def _participants(roles: pd.Series | None) -> str:
    """'KAZ, KGZ (members); TKM (associate)': the Central Asian states in one organisation
    by their role (PfP has partners, not members)."""
    if roles is None or roles.isna().all():
        return "none"
    plural = {"member": "members", "partner": "partners", "observer": "observers"}
    return "; ".join(f"{', '.join(states.index)} ({plural.get(role, role)})"
                     for role, states in roles.dropna().groupby(roles.dropna(), sort=False))


def central_asian_igo_memberships() -> plt.Figure:
    """Full IGO memberships of the Central Asian states, Russia and China, 1991-2014."""
    style.apply()
    spread = organisations.membership_spread(1991)
    states = regions.CENTRAL_ASIA_RUSSIA_CHINA
    counts = organisations.full_memberships(states).loc[spread.index]
    fig, ax = style.figure(height=3.4)
    ax.fill_between(spread.index, spread["q25"], spread["q75"], color=style.PALETTE["light"],
                    label="all states: middle half")
    ax.plot(spread.index, spread["median"], color="#777777", ls="--", lw=1,
            label="all states: median")
    style.lines(ax, counts[states].rename(columns=short_name),
                {short_name(s): style.STATE_COLOURS[s] for s in states}, lw=1.6)
    ax.set_xlabel("Year")
    ax.set_ylabel("Full IGO memberships")
    ax.set_title("Central Asian states in IGOs, 1991-2014")
    style.legend_below(ax, ncols=2)
    return style.finish(fig, [cow.IGO_YEAR_KEY, cow.IGO_STATE_YEAR_KEY], [spread, counts],
                        "Central Asian IGO memberships",
                        note="Correlates of War IGO v3.0; the data end in 2014.")


OVERLAP_ORGANISATIONS = ["sco", "csto", "cis", "eaeu", "cica", "osce", "nato_pfp"]


def _overlap_roles(when: str | None) -> pd.DataFrame:
    """The status of each Central Asian state, Russia and China (rows) in each security
    organisation of Eurasia (columns) on ``when`` (the latest status date if None)."""
    when = when or membership.latest_date().date().isoformat()
    return organisations.roles_on(when).reindex(index=regions.CENTRAL_ASIA_RUSSIA_CHINA,
                                                columns=OVERLAP_ORGANISATIONS)


def organisation_overlap(when: str | None = None) -> plt.Figure:
    """Which of the Central Asian states, Russia and China belong to which organisation."""
    style.apply()
    when = when or membership.latest_date().date().isoformat()
    states, orgs = regions.CENTRAL_ASIA_RUSSIA_CHINA, OVERLAP_ORGANISATIONS
    roles = _overlap_roles(when)
    shades = {None: "light", "observer": "sky", "partner": "sky", "associate": "orange",
              "member": "blue", "suspended": "grey", "frozen": "grey"}
    codes = {role: i for i, role in enumerate(shades) if role}
    grid = roles.apply(lambda column: column.map(codes)).fillna(0).astype(float)
    fig, ax = style.figure(height=3.6)
    style.cell_grid(ax, grid.to_numpy(), [style.PALETTE[c] for c in shades.values()])
    # a role's initial in its cell (whole words do not fit seven columns), the key below
    for (i, j), role in pd.DataFrame(roles.fillna("-").to_numpy()).stack().items():
        ax.text(j, i, role[0].upper(), ha="center", va="center",
                color="white" if role == "member" else "black")
    ax.set_xticks(range(len(orgs)), [organisations.ORGANISATION_LABELS[o].replace(" ", "\n")
                                     for o in orgs])
    ax.set_yticks(range(len(states)), [short_name(s) for s in states])
    ax.tick_params(length=0)
    ax.grid(False)
    ax.set_title(f"Memberships on {pd.Timestamp(when).day} {pd.Timestamp(when):%B %Y}")
    order = ["member", "partner", "observer", "associate", "suspended", "frozen"]
    present = [role for role in order if (roles == role).any().any()]
    style.legend_below(ax, handles=[Patch(color=style.PALETTE[shades[role]],
                                     label=f"{role[0].upper()}: {role}") for role in present],
                  drop=0.55, ncols=2)
    return style.finish(fig, [], roles.fillna("-"), "organisation overlap",
                        curated=["organisation_membership", "sco_status"])


def claims_checked() -> pd.DataFrame:
    """The thesis's claims in this section, measured and judged."""
    return claims_table("1.2")


def setup() -> None:
    """Prepare this notebook (table display) and glue the numbers its text quotes."""
    notebook.setup(__name__, numbers)


# Every numbered figure and table of the notebook: label, function, caption.
EXHIBITS = notebook.inventory(
    notebook.Exhibit("fig-1-2-growth", igo_growth,
                     "Intergovernmental organisations in existence each year, 1816-2014."),
    notebook.Exhibit("tbl-1-2-claims", claims_checked,
                     "The thesis's claims in this section, checked."),
    notebook.Exhibit("tbl-1-2-typology", organisation_typology,
                     "Security-relevant organisations of Eurasia."),
    notebook.Exhibit("fig-1-2-memberships", central_asian_igo_memberships,
                     "Number of intergovernmental organisations in which each Central Asian "
                     "state, Russia and China is a full member, against the spread of all "
                     "states, 1991-2014."),
    notebook.Exhibit("fig-1-2-overlap", organisation_overlap,
                     "Status of the Central Asian states, Russia and China in the security-"
                     "relevant organisations of Eurasia at the latest date of the curated "
                     "tables."),
)
