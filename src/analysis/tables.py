"""Tables of the book, one function each, returning display-ready frames.

Numbers are formatted here, once, so that every notebook shows them the same way
and nbval compares stable text.
"""

from __future__ import annotations

import pandas as pd

from analysis import claims, footprint

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
