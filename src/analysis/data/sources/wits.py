"""World Bank WITS (from UN Comtrade): each Central Asian state's imports by partner.

One workbook per reporter, sheet ``Partner-Timeseries``: a row per partner, the
years as columns, thousand US dollars, reporter-reported imports of all products.
There is no "World" row, so a year's total is the sum over partners (including
"Unspecified"). An empty cell means nothing reported; a year with no value at all
is a year the reporter did not report, never a year of zero trade. Measured in the
files (the mirror's README says more): Kazakhstan 1995-2021; Kyrgyzstan 1995-96 and
2000-21; Tajikistan 2000 and 2016-21; Turkmenistan 1997-2000; Uzbekistan 2017-21.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data import cache, countries

KEYS = {"KAZ": "wits_imports_kaz", "KGZ": "wits_imports_kgz", "TJK": "wits_imports_tjk",
        "TKM": "wits_imports_tkm", "UZB": "wits_imports_uzb"}  # registry keys by reporter
ID_COLUMNS = ["Reporter Name", "Partner Name", "Trade Flow", "Product Group", "Indicator"]


class WITSFormatError(ValueError):
    """A WITS workbook does not have the expected layout."""


def parse(file: Path) -> pd.DataFrame:
    """Long frame ``reporter, partner, partner_iso3, year, imports_usd`` (US dollars);
    ``partner_iso3`` is missing for partners that are not states ("Unspecified")."""
    wide = pd.read_excel(file, sheet_name="Partner-Timeseries")
    if list(wide.columns[:5]) != ID_COLUMNS:
        raise WITSFormatError(f"{file}: expected first columns {ID_COLUMNS}, "
                              f"found {list(wide.columns[:5])}")
    odd = (wide["Trade Flow"] != "Import") | (wide["Indicator"] != "Import (US$ Thousand)")
    if odd.any():
        line = int(odd.idxmax()) + 2
        raise WITSFormatError(f"{file}, row {line}: not imports in thousand US dollars")
    years = wide.columns[5:]
    if not all(float(year).is_integer() for year in years):
        raise WITSFormatError(f"{file}: year columns {list(years)} are not years")
    long = wide.melt(id_vars=["Reporter Name", "Partner Name"], value_vars=list(years),
                     var_name="year", value_name="thousand_usd").dropna(subset=["thousand_usd"])
    if (long["thousand_usd"] < 0).any():
        raise WITSFormatError(f"{file}: negative imports for "
                              f"{long.loc[long['thousand_usd'] < 0, 'Partner Name'].iloc[0]}")
    return pd.DataFrame({
        "reporter": long["Reporter Name"], "partner": long["Partner Name"],
        "partner_iso3": long["Partner Name"].map(countries.iso3_from_name),
        "year": long["year"].astype(float).astype("int64"),
        "imports_usd": long["thousand_usd"] * 1000}).reset_index(drop=True)


def imports(reporter: str) -> pd.DataFrame:
    """Imports of ``reporter`` (ISO3) by partner and year, with ``reporter_iso3``."""
    return cache.parsed(KEYS[reporter], parse).assign(reporter_iso3=reporter)

