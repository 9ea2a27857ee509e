"""Our World in Data country-year series: terrorism (GTD), conflict deaths (UCDP GED)
and armed forces personnel (IISS via the World Bank).

Tidy output: ``iso3, country, year`` and one column per variable. The GTD files
carry OWID's codes (ISO3 for states, ``OWID_...`` for aggregates, dropped here); the
other two files have names only and go through :mod:`analysis.data.countries`.
Coverage: GTD 1970-2021 without 1993 (the GTD lost its 1993 records); GED 1989-2018;
armed forces 1985-2015.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data import cache, countries

GTD_KEY = "gtd_attacks_deaths"  # registry keys of the four files
GTD_RATE_KEY = "gtd_deaths_rate"
ARMED_FORCES_KEY = "owid_armed_forces"


class OWIDFormatError(ValueError):
    """An Our World in Data file does not have the expected columns."""


def _read(file: Path, columns: dict[str, str]) -> pd.DataFrame:
    raw = pd.read_csv(file)
    missing = set(columns) - set(raw.columns)
    if missing:
        raise OWIDFormatError(f"{file}: missing columns {sorted(missing)}")
    return raw.rename(columns=columns)


def _states_by_code(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame[frame["iso3"].notna() & ~frame["iso3"].str.startswith("OWID")]
    return frame.astype({"year": "int64"}).reset_index(drop=True)


def _states_by_name(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.assign(iso3=frame["country"].map(countries.iso3_from_name))
    return frame.dropna(subset=["iso3"]).astype({"year": "int64"}).reset_index(drop=True)


def parse_gtd(file: Path) -> pd.DataFrame:
    frame = _read(file, {"Entity": "country", "Code": "iso3", "Year": "year",
                         "Terrorist attacks": "attacks",
                         "Terrorism non-fatal injuries": "injuries",
                         "Terrorism deaths": "deaths"})
    return _states_by_code(frame)[["iso3", "country", "year", "attacks", "injuries", "deaths"]]


def parse_gtd_rate(file: Path) -> pd.DataFrame:
    frame = _read(file, {"Entity": "country", "Code": "iso3", "Year": "year",
                         "Terrorism deaths per 100,000 people": "deaths_per_100k"})
    return _states_by_code(frame)[["iso3", "country", "year", "deaths_per_100k"]]


def parse_armed_forces(file: Path) -> pd.DataFrame:
    frame = _read(file, {
        "Entity": "country", "Year": "year",
        "Armed forces personnel (IISS via World Bank (2017))": "personnel",
        "Armed forces personnel (% of total population) (World Bank (2017))": "share_pct",
    })
    frame = frame.dropna(subset=["personnel"])
    return _states_by_name(frame)[["iso3", "country", "year", "personnel", "share_pct"]]


def terrorism() -> pd.DataFrame:
    """GTD attacks, injuries and deaths by state and year (1970-2021, no 1993)."""
    return cache.parsed(GTD_KEY, parse_gtd)


def terrorism_death_rate() -> pd.DataFrame:
    """GTD terrorism deaths per 100,000 people by state and year."""
    return cache.parsed(GTD_RATE_KEY, parse_gtd_rate)


def armed_forces() -> pd.DataFrame:
    """Armed forces personnel by state and year, 1985-2015."""
    return cache.parsed(ARMED_FORCES_KEY, parse_armed_forces)
