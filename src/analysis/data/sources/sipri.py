"""SIPRI Military Expenditure (2025 release) and Arms Transfers (TIV of imports) data.

The expenditure workbook has one sheet per measure; each has a few title lines, then
a header row starting with ``Country``, region headings between the countries, and
two markers instead of numbers: ``...`` (no data) and ``xxx`` (the state did not
exist). Both are kept as a ``status`` so that a gap can be shown as a gap. SIPRI's
own estimates and uncertain values are marked only by cell colour, which is lost
here. The ``Notes`` column carries SIPRI's footnote markers: ``§`` (adopted budget,
not actual spending; Tajikistan, Turkmenistan, Uzbekistan) and ``†`` (military
pensions excluded; Kazakhstan).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd

from analysis.data import cache, countries

MILEX_KEY = "sipri_milex"  # registry keys of the two files
ARMS_KEY = "sipri_arms_transfers"

MILEX_SHEETS = {
    "constant_2023_usd_m": "Constant (2023) US$",
    "current_usd_m": "Current US$",
    "share_of_gdp": "Share of GDP",
}
STATUS = {"...": "no data", "xxx": "not independent"}


class SIPRIFormatError(ValueError):
    """A SIPRI file does not have the documented layout."""


def _sheet_rows(sheet, file: Path, name: str) -> list[dict]:
    rows = iter(sheet.iter_rows(values_only=True))
    for header in rows:
        if header and header[0] == "Country":
            break
    else:
        raise SIPRIFormatError(f"{file}, sheet {name!r}: no header row starting with 'Country'")
    years = {i: int(v) for i, v in enumerate(header) if isinstance(v, float | int)}
    notes_at = header.index("Notes")
    out = []
    for row in rows:
        row = tuple(row) + (None,) * (len(header) - len(row))  # read-only mode trims rows
        if not row[0] or all(row[i] is None for i in years):
            continue  # blank line or region heading
        for i, year in years.items():
            value = row[i]
            status = STATUS.get(value, "value") if isinstance(value, str) else (
                "no data" if value is None else "value")
            out.append({"country": str(row[0]).strip(), "year": year,
                        "value": float(value) if status == "value" else float("nan"),
                        "status": status, "notes": str(row[notes_at] or "")})
    return out


def parse_milex(file: Path) -> pd.DataFrame:
    """Long frame: iso3, country, year, measure, value, status, notes."""
    workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    frames = []
    for measure, name in MILEX_SHEETS.items():
        if name not in workbook.sheetnames:
            raise SIPRIFormatError(f"{file}: missing sheet {name!r}")
        frames.append(pd.DataFrame(_sheet_rows(workbook[name], file, name)).assign(
            measure=measure))
    frame = pd.concat(frames, ignore_index=True)
    frame["iso3"] = frame["country"].map(countries.iso3_from_name)
    return frame.dropna(subset=["iso3"])[
        ["iso3", "country", "year", "measure", "value", "status", "notes"]]


def military_expenditure() -> pd.DataFrame:
    """SIPRI military expenditure by state and year, three measures, gaps kept."""
    return cache.parsed(MILEX_KEY, parse_milex)


def parse_arms_imports(file: Path) -> pd.DataFrame:
    """Long frame: iso3, recipient, year, tiv (SIPRI trend-indicator value, millions).

    A blank cell means no recorded deliveries and becomes 0; recipients that are not
    current states (non-state actors, the world total) are dropped.
    """
    raw = pd.read_csv(file, dtype=str)
    if raw.columns[0] != "Recipient":
        raise SIPRIFormatError(f"{file}: first column should be 'Recipient'")
    years = [c for c in raw.columns if c.isdigit()]
    long = raw.melt(id_vars="Recipient", value_vars=years, var_name="year", value_name="tiv")
    long["tiv"] = pd.to_numeric(long["tiv"], errors="raise").fillna(0.0)
    long["year"] = long["year"].astype("int64")
    long["iso3"] = long["Recipient"].map(countries.iso3_from_name)
    return long.dropna(subset=["iso3"]).rename(columns={"Recipient": "recipient"})[
        ["iso3", "recipient", "year", "tiv"]].reset_index(drop=True)


def arms_imports() -> pd.DataFrame:
    """Major conventional arms imports by recipient state, 1950-2023 (TIV)."""
    return cache.parsed(ARMS_KEY, parse_arms_imports)
