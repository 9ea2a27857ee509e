"""The figures of the Shanghai Five's founding task, drawn for section 1.3: border
agreements by pair of states over time, and a map of the land borders by the year of
their first treaty."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis.data import countries
from analysis.data.sources import cow_disputes, naturalearth
from analysis.presentation import maps, style, timelines
from analysis.topics import borders, regions

AGREEMENT_STYLES = {
    "border_treaty": timelines.marker("o", "blue", 46, "border treaty"),
    "supplementary_agreement": timelines.marker("s", "sky", 34, "supplementary agreement"),
    "demarcation": timelines.marker("^", "green", 44, "demarcation"),
    "confidence_building": timelines.marker("D", "orange", 38,
                                            "confidence building or arms cuts"),
    "cession": timelines.marker("X", "vermillion", 60, "territory ceded to China (COW)"),
}


def agreements_timeline() -> plt.Figure:
    """Border treaties, demarcations and confidence-building agreements, by pair of states
    (the tri-junction points, agreed by three states, fit no pair and are left out)."""
    table = borders.agreements()
    table = table[table["parties"].str.count(";") != 2]
    events = pd.DataFrame({
        "date": pd.to_datetime(table["signed_date"], format="mixed"),
        "row": table["parties"].map(borders.pair_name),
        "category": table["kind"].replace({"arms_reduction": "confidence_building"})})
    changes = cow_disputes.territorial_changes()
    ceded = changes[(changes["gainer_iso3"] == "CHN")
                    & changes["loser_iso3"].isin(borders.CHINA_NEIGHBOURS)]
    events = pd.concat([events, pd.DataFrame({
        "date": pd.to_datetime(ceded["year"].astype(str) + "-" + ceded["month"].astype(int)
                               .astype(str)), "row": ceded["loser_iso3"].map(
            lambda s: borders.pair_name(f"CHN;{s}")), "category": "cession"})], ignore_index=True)
    rows = list(dict.fromkeys(events.sort_values("date")["row"]))
    fig = timelines.event_rows_figure(events, rows, AGREEMENT_STYLES,
                                      "Border agreements, by pair", 5.6,
                                      xlabel="Year signed", label_width=18)
    return style.finish(fig, [cow_disputes.TERRITORIAL_CHANGE_KEY], events, "border agreements",
                        curated=["border_agreements"],
                        note="COW's Territorial Change data end in 2014.")


BORDER_PERIODS = ((1991, 2000, "sky"), (2001, 2010, "blue"), (2011, 2020, "orange"),
                  (2021, 2025, "vermillion"))  # first treaty signed in ..., and its colour


def settled_borders_map() -> plt.Figure:
    """The land borders of the Central Asian states, coloured by the year of the first
    border treaty between the two neighbours in the curated table."""
    style.apply()
    world = naturalearth.countries("50m")
    rings = world.set_index("iso3")["rings"]
    states = [*regions.CENTRAL_ASIA, "CHN", "RUS", "AFG", "IRN"]
    pairs = [(a, b) for i, a in enumerate(states) for b in states[i + 1:]
             if a in regions.CENTRAL_ASIA and maps.shared_border(rings[a], rings[b])]
    years = borders.settlement_years(pairs)
    colours = {pair: next((style.PALETTE[c] for lo, hi, c in BORDER_PERIODS
                           if year is not None and lo <= year <= hi), style.PALETTE["grey"])
               for pair, year in years.items()}
    fig, ax = style.figure(height=3.6)
    extent = (46, 90, 33, 56)
    maps.draw_countries(ax, world, pd.Series(style.PALETTE["light"], index=states), "white",
                        extent=extent)
    maps.draw_shared_borders(ax, world, colours, extent=extent)
    for iso3 in regions.CENTRAL_ASIA:
        ax.annotate(countries.short_name(iso3), maps.label_point(rings[iso3], extent),
                    ha="center", va="center", color="#222222", zorder=3)  # under the borders
    handles = [plt.Line2D([], [], color=style.PALETTE[c], lw=2.4, label=f"{lo}-{hi}")
               for lo, hi, c in BORDER_PERIODS]
    handles.append(plt.Line2D([], [], color=style.PALETTE["grey"], lw=2.4,
                              label="no treaty in the table"))
    fig.legend(handles=handles, title="First border treaty signed", loc="outside lower center",
               ncols=2)
    ax.set_title("Central Asia's land borders, by first treaty")
    table = pd.DataFrame([(a, b, y) for (a, b), y in years.items()],
                         columns=["a", "b", "first_treaty"])
    return style.finish(fig, [naturalearth.KEYS["50m"]], table, "settled borders",
                        curated=["border_agreements"],
                        note="Borders as drawn by Natural Earth, which shows some disputed "
                             "lines; grey borders are outside the table's scope.")
