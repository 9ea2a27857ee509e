"""Correlates of War data sets as packaged in R (``.rda``): IGO v3.0, Trade v4.0, NMC v7.0.

COW state codes are converted to ISO3 while parsing, with the crosswalk published
with the UN ideal points (see :func:`analysis.data.sources.unga.cow_to_iso3`), so the
parsed cache holds the converted frames and depends on the ideal-point file too.
All three series end early: IGO in 2014, trade in 2014, capabilities in 2022.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyreadr

from analysis.data import cache
from analysis.data.sources import unga

IGO_STATE_YEAR_KEY = "cow_igo_state_year"  # registry keys of the four files
IGO_YEAR_KEY = "cow_igo_igo_year"
TRADE_KEY = "cow_trade"
NMC_KEY = "cow_nmc"

IGO_CODES = {0: "none", 1: "full member", 2: "associate member", 3: "observer",
             -9: "missing", -1: "not a state system member"}


def _read_rda(file: Path) -> pd.DataFrame:
    (frame,) = pyreadr.read_r(str(file)).values()
    return frame


CROSSWALK = (unga.KEY,)  # what the parsers below read besides their own file


def parse_igo_state_year(file: Path) -> pd.DataFrame:
    """Long frame ``ccode, year, igo, code, iso3`` of memberships and missing values.

    Codes 0 (none) and -1 (not in the state system) are dropped: they make up
    almost all of the 8 million state-year-IGO cells and say nothing about ties.
    States without an ISO3 code (no UN record) are dropped too.
    """
    wide = _read_rda(file)
    long = wide.drop(columns="state").melt(id_vars=["ccode", "year"], var_name="igo",
                                           value_name="code")
    long = long.dropna(subset=["code"]).astype({"ccode": "int64", "year": "int64",
                                                "code": "int64"})
    unknown = set(long["code"]) - set(IGO_CODES)
    if unknown:
        raise ValueError(f"{file}: unknown membership codes {sorted(unknown)}")
    long = long[long["code"].isin([1, 2, 3, -9])].reset_index(drop=True)
    return unga.with_iso3(long, {"ccode": "iso3"})


def parse_igo_year(file: Path) -> pd.DataFrame:
    """One row per IGO-year: ``igo, name, year`` (the years an IGO existed)."""
    wide = _read_rda(file)
    return pd.DataFrame({"igo": wide["ioname"].str.lower(), "name": wide["orgname"],
                         "year": wide["year"].astype("int64")})


def igo_memberships() -> pd.DataFrame:
    """State-year-IGO membership codes with ``iso3`` (states with a UN record only)."""
    return cache.parsed(IGO_STATE_YEAR_KEY, parse_igo_state_year, uses=CROSSWALK)


def igos() -> pd.DataFrame:
    """The IGO-years of COW IGO v3.0, 1815-2014 (five-year steps until 1965)."""
    return cache.parsed(IGO_YEAR_KEY, parse_igo_year)


def parse_trade(file: Path) -> pd.DataFrame:
    """Non-directed dyad-years: ``ccode1, ccode2, year, flow1, flow2, iso3_1, iso3_2``.

    ``flow1`` is what ``ccode1`` imported from ``ccode2`` (US$ million); missing
    flows stay missing. Dyads with a state that has no ISO3 code are dropped.
    """
    frame = _read_rda(file)[["ccode1", "ccode2", "year", "flow1", "flow2"]]
    frame = frame.astype({"ccode1": "int64", "ccode2": "int64", "year": "int64"})
    if (frame[["flow1", "flow2"]] < 0).any().any():
        raise ValueError(f"{file}: negative trade flows")
    return unga.with_iso3(frame, {"ccode1": "iso3_1", "ccode2": "iso3_2"})


def trade() -> pd.DataFrame:
    """COW Trade v4.0 dyad-years with ISO3 codes, 1870-2014 (US$ million, current)."""
    return cache.parsed(TRADE_KEY, parse_trade, uses=CROSSWALK)


def parse_capabilities(file: Path) -> pd.DataFrame:
    """State-years: military expenditure (thousand US$), personnel (thousands), ISO3."""
    frame = _read_rda(file)[["ccode", "year", "milex", "milper", "tpop"]]
    frame = frame.astype({"ccode": "int64", "year": "int64"})
    frame = frame.replace({"milex": {-9: float("nan")}, "milper": {-9: float("nan")}})
    return unga.with_iso3(frame, {"ccode": "iso3"})


def capabilities() -> pd.DataFrame:
    """COW National Material Capabilities v7.0 (abridged) with ISO3, 1816-2022."""
    return cache.parsed(NMC_KEY, parse_capabilities, uses=CROSSWALK)
