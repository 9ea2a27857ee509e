"""Uppsala Conflict Data Program: armed conflicts (UCDP/PRIO ACD), battle deaths (BRD)
and the organized-violence country-year summary (v25.1, to 2024).

The country-year file is UCDP's own, unmodified: a full panel of every country and
year 1989-2024, so a zero is a year in which UCDP recorded no deaths, not a gap.
:func:`organized_violence` keeps deaths (best, low, high) in state-based violence
(split into intrastate and interstate), non-state conflict and one-sided violence.
Four country-years elsewhere (Russia 2024, Armenia 2022, Ethiopia 2000, India 2010)
have a low estimate above the high one in UCDP's release; they are kept as published.

Both mirrored files were re-saved by a spreadsheet program before they were
published, and the loaders undo that once, here:

* the conflict file uses ``;`` as separator, Windows line endings and ``d-m-yyyy``
  dates, and one record (conflict 11349, China, 2008) is split over two lines, the
  second of which also has commas where semicolons belong; :func:`repair_split_records`
  rejoins it and checks the result;
* the battle-deaths file starts with a UTF-8 byte-order mark and writes the
  version ``22.1`` as ``221``. Its ``dyad_id`` sometimes lists several dyads
  ("17033, 15195"), so it stays text. Two rows have no region; it is inferred from
  the battle location and flagged in ``region_imputed``.

Country identity in UCDP is a Gleditsch-Ward number, in lists such as ``"365, 369"``.
:data:`GW_ISO3` converts the numbers of the fifteen post-Soviet states, the only ones
the book locates conflicts in (the same numbers in Correlates of War), and
:func:`located_in` asks whether a list names one of a group of ISO3 codes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis.data import cache

ACD_KEY = "ucdp_acd"  # registry keys of the three files
BRD_KEY = "ucdp_brd"
ORGANIZED_VIOLENCE_KEY = "ucdp_organized_violence_cy"
REGIONS = {"1": "Europe", "2": "Middle East", "3": "Asia", "4": "Africa", "5": "Americas"}
CONFLICT_TYPES = {1: "extrasystemic", 2: "interstate", 3: "intrastate",
                  4: "internationalised intrastate"}
INTENSITY = {1: "minor (25-999 deaths a year)", 2: "war (1,000 or more deaths a year)"}
GW_ISO3 = {  # Gleditsch-Ward number -> ISO3 of the fifteen states that succeeded the USSR
    365: "RUS", 359: "MDA", 366: "EST", 367: "LVA", 368: "LTU", 369: "UKR", 370: "BLR",
    371: "ARM", 372: "GEO", 373: "AZE", 701: "TKM", 702: "TJK", 703: "KGZ", 704: "UZB",
    705: "KAZ",
}
# Neighbours and partners with a Gleditsch-Ward number, for the country-year file.
GW_ISO3_NEIGHBOURS = {700: "AFG", 630: "IRN", 710: "CHN", 712: "MNG", 750: "IND", 770: "PAK"}
# Types of organized violence in the country-year file: name -> column stem.
VIOLENCE_TYPES = {
    "state_based": "sb_total_deaths", "intrastate": "sb_intrastate_deaths",
    "interstate": "sb_interstate_deaths", "nonstate": "ns_total_deaths",
    "onesided": "os_total_deaths",
}
ESTIMATES = ("best", "low", "high")

ACD_COLUMNS = [
    "conflict_id", "location", "side_a", "side_a_id", "side_a_2nd", "side_b", "side_b_id",
    "side_b_2nd", "incompatibility", "territory_name", "year", "intensity_level",
    "cumulative_intensity", "type_of_conflict", "start_date", "start_prec", "start_date2",
    "start_prec2", "ep_end", "ep_end_date", "ep_end_prec", "gwno_a", "gwno_a_2nd", "gwno_b",
    "gwno_b_2nd", "gwno_loc", "region", "version",
]
_YEAR = ACD_COLUMNS.index("year")


class UCDPFormatError(ValueError):
    """A UCDP file cannot be read as documented."""


def _expand(fields: list[str]) -> list[str]:
    """Split fields where a spreadsheet wrote ',' for ';' (no space after the comma)."""
    out = []
    for field in fields:
        out.extend(field.split(",") if "," in field and ", " not in field else [field])
    return out


def repair_split_records(lines: list[str], file: Path | str) -> list[list[str]]:
    """Rows of ``;``-separated fields, with records broken over two lines rejoined.

    A broken record has an empty ``year``; its continuation line starts with an
    empty field and carries the fields from ``year`` on.
    """
    header = lines[0].split(";")
    if header != ACD_COLUMNS:
        raise UCDPFormatError(f"{file}: unexpected header {header}")
    rows, number = [], 1
    while number < len(lines):
        fields = lines[number].split(";")
        broken = len(fields) > _YEAR and fields[_YEAR] == ""
        if broken and number + 1 < len(lines) and lines[number + 1].startswith(";"):
            continuation = _expand(lines[number + 1].split(";")[1:])
            while continuation and continuation[-1] == "" and \
                    len(continuation) > len(ACD_COLUMNS) - _YEAR:
                continuation.pop()
            fields = fields[:_YEAR] + continuation
            where = f"lines {number + 1}-{number + 2}"
            number += 2
        else:
            where = f"line {number + 1}"
            number += 1
        if len(fields) != len(ACD_COLUMNS) or not fields[_YEAR].isdigit():
            raise UCDPFormatError(
                f"{file}, {where}: cannot read a conflict-year from {';'.join(fields)!r}")
        rows.append(fields)
    return rows


def parse_conflicts(file: Path) -> pd.DataFrame:
    """The ACD as one row per conflict-year, typed, with readable labels."""
    text = file.read_bytes().decode("utf-8").replace("\r\n", "\n").rstrip("\n")
    rows = repair_split_records(text.split("\n"), file)
    raw = pd.DataFrame(rows, columns=ACD_COLUMNS)
    frame = raw[["conflict_id", "location", "side_a", "side_b", "territory_name",
                 "gwno_loc", "region"]].copy()
    for column in ("conflict_id", "year", "intensity_level", "type_of_conflict",
                   "incompatibility"):
        frame[column] = pd.to_numeric(raw[column], errors="raise").astype("int64")
    frame["start_date"] = pd.to_datetime(raw["start_date"], format="%d-%m-%Y")
    frame["conflict_type"] = frame["type_of_conflict"].map(CONFLICT_TYPES)
    frame["region_name"] = frame["region"].map(_region_names)
    return frame.sort_values(["conflict_id", "year"], ignore_index=True)


def _region_names(codes: str) -> str:
    return ", ".join(REGIONS[code.strip()] for code in codes.split(","))


def parse_battle_deaths(file: Path) -> pd.DataFrame:
    """BRD rows: deaths (best, low, high estimates) by conflict, dyad(s) and year."""
    raw = pd.read_csv(io.StringIO(file.read_text(encoding="utf-8-sig")), dtype=str)
    missing = {"conflict_id", "dyad_id", "year", "bd_best", "bd_low", "bd_high", "gwno_loc",
               "region", "location_inc", "battle_location", "side_a", "side_b",
               "gwno_battle", "version"} - set(raw.columns)
    if missing:
        raise UCDPFormatError(f"{file}: missing columns {sorted(missing)}")
    if set(raw["version"]) != {"221"}:
        raise UCDPFormatError(f"{file}: expected version 22.1 (written 221), found "
                              f"{sorted(set(raw['version']))}")
    frame = raw[["conflict_id", "dyad_id", "location_inc", "battle_location", "side_a",
                 "side_b", "gwno_loc", "region"]].copy()
    for column in ("conflict_id", "year", "bd_best", "bd_low", "bd_high"):
        frame[column] = pd.to_numeric(raw[column], errors="raise").astype("int64")
    frame["region_imputed"] = frame["region"].isna()
    frame["region"] = frame["region"].fillna(_region_by_battle_location(raw, file))
    frame["region_name"] = frame["region"].map(_region_names)
    return frame.sort_values(["conflict_id", "year", "dyad_id"], ignore_index=True)


def _region_by_battle_location(raw: pd.DataFrame, file: Path | str) -> pd.Series:
    """Region of rows that lack one, taken from other rows fought in the same country.

    Two records of the mirrored file (Afghanistan 2001, Iraq 2003) have no region;
    every other row fought in the same country does, so the region is known.
    """
    single = raw[raw["region"].notna() & ~raw["region"].str.contains(",")
                 & ~raw["gwno_battle"].str.contains(",")]
    known = single.groupby("gwno_battle")["region"].agg(lambda codes: codes.mode().iloc[0])
    missing = raw.loc[raw["region"].isna(), "gwno_battle"]
    filled = missing.map(known)
    if filled.isna().any():
        line = int(filled.index[filled.isna()][0]) + 2
        raise UCDPFormatError(f"{file}, line {line}: no region, and none can be inferred")
    return filled


def conflicts() -> pd.DataFrame:
    """UCDP/PRIO Armed Conflict Dataset v25.1, conflict-years 1946-2024."""
    return cache.parsed(ACD_KEY, parse_conflicts)


def battle_deaths() -> pd.DataFrame:
    """UCDP Battle-Related Deaths v22.1, dyad-years 1989-2021."""
    return cache.parsed(BRD_KEY, parse_battle_deaths)


def located_in(gwno_loc: pd.Series, states: Iterable[str]) -> pd.Series:
    """Whether each ``gwno_loc`` list names one of ``states`` (ISO3 codes in :data:`GW_ISO3`)."""
    states = set(states)
    unknown = states - set(GW_ISO3.values())
    if unknown:
        raise ValueError(f"no Gleditsch-Ward number known for {sorted(unknown)}; add it to GW_ISO3")
    codes = {str(code) for code, iso3 in GW_ISO3.items() if iso3 in states}
    return gwno_loc.map(lambda value: bool(codes & {c.strip() for c in value.split(",")}))


def parse_organized_violence(file: Path) -> pd.DataFrame:
    """Country-years: ``gwno, iso3, country, year``, and for each violence type its
    deaths ``<type>_best``, ``_low`` and ``_high``; interstate dyad names in
    ``interstate_dyads``. ``iso3`` is set for the states the book locates (else missing).
    """
    raw = pd.read_csv(file, dtype=str, keep_default_na=False)
    columns = [f"{stem}_{estimate}_cy" for stem in VIOLENCE_TYPES.values()
               for estimate in ESTIMATES]
    missing = {"country_id_cy", "country_cy", "year_cy", "sb_interstate_dyad_names_cy",
               "version", *columns} - set(raw.columns)
    if missing:
        raise UCDPFormatError(f"{file}: missing columns {sorted(missing)}")
    if set(raw["version"]) != {"25.1"}:
        raise UCDPFormatError(f"{file}: expected version 25.1, found {sorted(set(raw['version']))}")
    frame = pd.DataFrame({"country": raw["country_cy"]})
    for column, source in (("gwno", "country_id_cy"), ("year", "year_cy")):
        frame[column] = _integers(raw[source], file, source)
    for name, stem in VIOLENCE_TYPES.items():
        for estimate in ESTIMATES:
            frame[f"{name}_{estimate}"] = _integers(raw[f"{stem}_{estimate}_cy"], file, stem)
    frame["interstate_dyads"] = raw["sb_interstate_dyad_names_cy"].replace("NO_DYAD", "")
    frame["iso3"] = frame["gwno"].map({**GW_ISO3, **GW_ISO3_NEIGHBOURS})
    if frame.duplicated(["gwno", "year"]).any():
        line = int(frame.duplicated(["gwno", "year"]).idxmax()) + 2
        raise UCDPFormatError(f"{file}, line {line}: a second row for the same country-year")
    return frame.sort_values(["gwno", "year"], ignore_index=True)


def _integers(column: pd.Series, file: Path | str, name: str) -> pd.Series:
    values = pd.to_numeric(column, errors="coerce")
    if values.isna().any():
        line = int(values.isna().idxmax()) + 2
        raise UCDPFormatError(f"{file}, line {line}: {name} is {column[values.isna()].iloc[0]!r},"
                              " not a whole number")
    return values.astype("int64")


def organized_violence() -> pd.DataFrame:
    """UCDP Organized Violence country-year v25.1: deaths by type of violence, 1989-2024."""
    return cache.parsed(ORGANIZED_VIOLENCE_KEY, parse_organized_violence)
