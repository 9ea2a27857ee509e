"""UNODC drug seizures 2018-2022 (World Drug Report 2024, statistical annex table 6.1).

The workbook has one sheet, a title row, then one row per country, drug and year
in kilograms. Several rows can share a country, drug and year (reported by
different agencies or for different forms): :func:`seizures` sums them. Only what
states reported is here: Turkmenistan reported nothing in these five years, and a
missing country-drug-year is "not reported", never zero.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data import cache

KEY = "unodc_drug_seizures"
COLUMNS = ["Region", "SubRegion", "Country", "DrugGroup", "DrugSubGroup", "DrugName",
           "Reference year", "Kilograms", "msCode"]


class UNODCFormatError(ValueError):
    """The seizures workbook does not have the documented layout."""


def parse(file: Path) -> pd.DataFrame:
    """Rows ``iso3, country, drug_group, drug, year, kg`` as reported; rows without a
    quantity in kilograms are left out (an empty cell), an unreadable one is an error."""
    raw = pd.read_excel(file, sheet_name="Export", header=1, dtype=str)
    if list(raw.columns) != COLUMNS:
        raise UNODCFormatError(f"{file}: expected columns {COLUMNS}, found {list(raw.columns)}")
    frame = pd.DataFrame({
        "iso3": raw["msCode"], "country": raw["Country"], "drug_group": raw["DrugGroup"],
        "drug": raw["DrugName"],
        "year": pd.to_numeric(raw["Reference year"], errors="coerce"),
        "kg": pd.to_numeric(raw["Kilograms"], errors="coerce"),
    })
    unreadable = frame["kg"].isna() & raw["Kilograms"].notna()
    bad = frame["year"].isna() | unreadable | (frame["kg"] < 0) | frame["drug"].isna() \
        | ~frame["iso3"].fillna("").str.fullmatch(r"[A-Z]{3}")
    if bad.any():
        line = int(bad.idxmax()) + 3  # a title row and the header precede the data
        raise UNODCFormatError(f"{file}, row {line}: cannot read {raw.loc[bad.idxmax()].to_dict()}"
                               " (needs an ISO3 code, a drug, a year and kilograms >= 0)")
    # 72 rows give no quantity in kilograms (one of them Chinese, GHB in 2020; none is
    # a drug the book compares).
    return frame.dropna(subset=["kg"]).astype({"year": "int64"}).reset_index(drop=True)


def seizures() -> pd.DataFrame:
    """Kilograms seized by country, drug and year, 2018-2022 (rows of one drug summed)."""
    frame = cache.parsed(KEY, parse)
    keys = ["iso3", "country", "drug_group", "drug", "year"]
    return frame.groupby(keys, as_index=False)["kg"].sum()
