"""Correlates of War: Militarized Interstate Disputes 5.0 and Territorial Change v5.

Both end in 2014. MID comes as the release zip; :func:`disputes` reads the
dispute level (MIDA) and :func:`participants` the participant level (MIDB) from it.
The Territorial Change file has old-Mac carriage returns for line ends and writes
missing values as ``.``; -9 is COW's code for "unknown". COW state codes are
converted to ISO3 with the crosswalk the other COW loaders use.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd

from analysis.data import cache
from analysis.data.sources import unga

MID_KEY = "cow_mid"  # registry keys
TERRITORIAL_CHANGE_KEY = "cow_territorial_change"
CROSSWALK = (unga.KEY,)

HOSTILITY = {1: "no militarized action", 2: "threat to use force", 3: "display of force",
             4: "use of force", 5: "war"}
FATALITY = {0: "none", 1: "1-25 deaths", 2: "26-100", 3: "101-250", 4: "251-500",
            5: "501-999", 6: "1,000 or more", -9: "unknown"}
PROCEDURE = {1: "conquest", 2: "annexation", 3: "cession", 4: "secession", 5: "unification",
             6: "mandated territory", -9: "unknown"}
TC_COLUMNS = ["year", "month", "gainer", "gaintype", "procedur", "entity", "contgain", "area",
              "pop", "portion", "loser", "losetype", "contlose", "entry", "exit", "number",
              "indep", "conflict", "version"]


class COWFormatError(ValueError):
    """A COW file does not have the documented layout."""


def _member(file: Path, name: str, columns: set[str]) -> pd.DataFrame:
    with zipfile.ZipFile(file) as archive:
        try:
            data = archive.read(name)
        except KeyError:
            raise COWFormatError(f"{file}: no {name!r} in the archive") from None
    frame = pd.read_csv(io.BytesIO(data))
    missing = columns - set(frame.columns)
    if missing:
        raise COWFormatError(f"{file}, {name}: missing columns {sorted(missing)}")
    return frame


def parse_disputes(file: Path) -> pd.DataFrame:
    """Disputes: ``dispnum, start_year, end_year, hostility, fatality, outcome``."""
    frame = _member(file, "MIDA 5.0.csv", {"dispnum", "styear", "endyear", "hostlev",
                                           "fatality", "outcome"})
    return pd.DataFrame({
        "dispnum": frame["dispnum"], "start_year": frame["styear"],
        "end_year": frame["endyear"], "hostility": frame["hostlev"].map(HOSTILITY),
        "hostility_level": frame["hostlev"], "fatality": frame["fatality"].map(FATALITY),
        "outcome": frame["outcome"]})


def parse_participants(file: Path) -> pd.DataFrame:
    """Participants: ``dispnum, ccode, iso3, side_a, start_year, end_year, hostility_level``."""
    frame = _member(file, "MIDB 5.0.csv", {"dispnum", "ccode", "sidea", "styear", "endyear",
                                           "hostlev"})
    frame = pd.DataFrame({
        "dispnum": frame["dispnum"], "ccode": frame["ccode"], "side_a": frame["sidea"] == 1,
        "start_year": frame["styear"], "end_year": frame["endyear"],
        "hostility_level": frame["hostlev"]})
    return unga.with_iso3(frame, {"ccode": "iso3"})


def parse_territorial_change(file: Path) -> pd.DataFrame:
    """Transfers: ``year, month, gainer, loser`` (COW codes and ISO3), ``area_km2``,
    ``population``, ``procedure``, ``violent``."""
    text = file.read_bytes().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    frame = pd.read_csv(io.StringIO(text), na_values=".")
    if list(frame.columns) != TC_COLUMNS:
        raise COWFormatError(f"{file}: expected columns {TC_COLUMNS}, found {list(frame.columns)}")
    frame = pd.DataFrame({
        "number": frame["number"], "year": frame["year"], "month": frame["month"],
        "gainer": frame["gainer"], "loser": frame["loser"],
        "area_km2": frame["area"].where(frame["area"] >= 0),
        "population": frame["pop"].where(frame["pop"] >= 0),
        "procedure": frame["procedur"].map(PROCEDURE), "violent": frame["conflict"] == 1})
    table = unga.cow_to_iso3()  # states long gone (and -9, unknown) get no ISO3 code
    return frame.assign(gainer_iso3=frame["gainer"].map(table),
                        loser_iso3=frame["loser"].map(table))


def disputes() -> pd.DataFrame:
    """MID 5.0 disputes, 1816-2014."""
    return cache.parsed(MID_KEY, parse_disputes)


def participants() -> pd.DataFrame:
    """MID 5.0 participants (states with a UN record), 1816-2014."""
    return cache.parsed(MID_KEY, parse_participants, uses=CROSSWALK)


def territorial_changes() -> pd.DataFrame:
    """COW Territorial Change v5, transfers 1816-2014."""
    return cache.parsed(TERRITORIAL_CHANGE_KEY, parse_territorial_change, uses=CROSSWALK)
