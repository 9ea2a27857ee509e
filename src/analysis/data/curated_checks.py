"""What a curated table can require of its cells and rows, and how a failure reads.

The vocabulary the schemas of :mod:`analysis.data.curated` are written in: column
types (a date, an ISO3 code, a source, an id), checks across the cells of a row, a
table that allows exactly its columns and no two rows with the same key; and the
validation that turns pandera's failure cases into one message per problem naming
the file, the CSV line and the values at fault. A module of its own so that the
schemas there read as a list of the book's tables, and the machinery here can be
tested without them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pandera.pandas as pa
import pycountry

from analysis import paths
from analysis.data import source_tiers
from analysis.data.curated_csv import invalid

SOURCE_SEPARATOR = " ; "
_URL = re.compile(r"^https?://\S+$")
_BIBKEY = re.compile(r"^[A-Za-z][\w:.-]*$")
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"  # a row id: lowercase words and digits joined by '-'


@cache
def iso3_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes of all current states and territories."""
    return frozenset(country.alpha_3 for country in pycountry.countries)


@cache
def bibliography_keys() -> frozenset[str]:
    text = paths.BIBLIOGRAPHY.read_text(encoding="utf-8")
    return frozenset(re.findall(r"^@\w+\{([^,\s]+),", text, flags=re.MULTILINE))


def _is_date(value) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and not pd.isna(
        pd.to_datetime(value, format="%Y-%m-%d", errors="coerce")
    )


def _is_date_of_known_precision(value) -> bool:
    """A day (2017-04-18), a month (2002-05) or a year (2006): a date keeps the precision
    its sources give it, and is never padded to a day nobody reported."""
    if re.fullmatch(r"\d{4}", value):
        return True
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return _is_date(value + "-01")
    return _is_date(value)


def _is_source(value) -> bool:
    parts = [part.strip() for part in value.split(SOURCE_SEPARATOR.strip())]
    return all(
        _URL.match(part) or (_BIBKEY.match(part) and part in bibliography_keys())
        for part in parts
    ) and all(parts)


def _is_number(value) -> bool:
    return not pd.isna(pd.to_numeric(value, errors="coerce"))


def id_column() -> pa.Column:
    """A stable row id (``antidrug-centre-2025``), by which code picks out a row."""
    return pa.Column(str, pa.Check.str_matches(SLUG))


def iso3_column() -> pa.Column:
    return pa.Column(str, pa.Check(lambda v: v in iso3_codes(), element_wise=True,
                                   error="unknown ISO 3166-1 alpha-3 country code"))


def iso3_list_column() -> pa.Column:
    """One or more ISO3 codes separated by ';'."""
    return pa.Column(str, pa.Check(
        lambda v: all(code.strip() in iso3_codes() for code in v.split(";")),
        element_wise=True, error="unknown ISO 3166-1 alpha-3 code in the list"))


def choice_column(*choices: str) -> pa.Column:
    return pa.Column(str, pa.Check.isin(list(choices)))


def date_column(nullable: bool = False) -> pa.Column:
    """An exact day, YYYY-MM-DD (membership spells, whose overlaps are checked by day)."""
    return pa.Column(str, pa.Check(_is_date, element_wise=True,
                                   error="not a valid date in YYYY-MM-DD form"),
                     nullable=nullable)


def event_date_column(nullable: bool = False) -> pa.Column:
    """The date of an event as precisely as its sources give it: YYYY-MM-DD, YYYY-MM or
    YYYY."""
    return pa.Column(str, pa.Check(_is_date_of_known_precision, element_wise=True,
                                   error="not a valid date in YYYY-MM-DD, YYYY-MM or YYYY "
                                         "form"),
                     nullable=nullable)


VERIFICATION = ("verified", "sources-disagree", "inferred", "unverifiable")


def _explained(frame: pd.DataFrame) -> pd.Series:
    return ~frame["verification"].isin(["sources-disagree", "inferred"]) | frame["notes"].notna()


def number_column(name: str, nullable: bool = False) -> pa.Column:
    return pa.Column(str, pa.Check(_is_number, element_wise=True,
                                   error=f"{name} is not a number"), nullable=nullable)


def text_column(nullable: bool = False) -> pa.Column:
    return pa.Column(str, pa.Check.str_length(min_value=1), nullable=nullable)


def source_column() -> pa.Column:
    return pa.Column(str, pa.Check(_is_source, element_wise=True,
                                   error="source must be URLs or references.bib keys, "
                                         "separated by ' ; '"))


class RowCheck(NamedTuple):
    """A check across the cells of each row, reported once per failing line.

    pandera reports a failing row once per column, whatever the check reads; a
    RowCheck's failure shows only the values of ``columns``.
    """

    error: str
    columns: tuple[str, ...]
    test: Callable[[pd.DataFrame], pd.Series]


def not_before(later: str, earlier: str) -> RowCheck:
    """``later`` is empty or on/after ``earlier`` (ISO dates compare as text)."""
    return RowCheck(f"{later} is before {earlier}", (earlier, later),
                    lambda frame: frame[later].isna() | (frame[later] >= frame[earlier]))


def no_overlapping_spells(frame: pd.DataFrame) -> pd.Series:
    """A state holds one status (in one organisation) at a time: spells may touch, not overlap."""
    ok = pd.Series(True, index=frame.index)
    keys = [column for column in ("org_id", "iso3") if column in frame]
    for _, spells in frame.sort_values("start_date").groupby(keys):
        ends = spells["end_date"].fillna("9999-12-31")
        overlap = spells["start_date"].iloc[1:].to_numpy() < ends.iloc[:-1].to_numpy()
        ok.loc[spells.index[1:][overlap]] = False
    return ok


def table(columns: dict[str, pa.Column], *checks: RowCheck,
          key: tuple[str, ...]) -> pa.DataFrameSchema:
    """A curated table: exactly these columns, in this order, rows passing ``checks``,
    and no two rows with the same ``key`` (the columns that identify a row).

    Every table also has a ``verification`` column just before its ``notes``: whether a
    cited source states the row (``verified``), sources disagree (the notes give each
    version), the row is inferred (the notes say from what) or cannot be verified.
    """
    columns = {**{name: column for name, column in columns.items() if name != "notes"},
               "verification": choice_column(*VERIFICATION), "notes": columns["notes"]}
    checks = (*checks, RowCheck("a row that is inferred or on which sources disagree needs "
                                "notes saying why", ("verification", "notes"), _explained))
    return pa.DataFrameSchema(
        columns, checks=[pa.Check(check.test, error=check.error) for check in checks],
        unique=list(key), report_duplicates="all", strict=True, ordered=True,
        metadata={"row_checks": {check.error: check.columns for check in checks},
                  "source_columns": tuple(name for name in columns
                                          if name == "source" or name.endswith("_source"))})


def events_table(columns: dict[str, pa.Column], *checks: RowCheck) -> pa.DataFrameSchema:
    """A table of events: an ``id`` first, which is its key, then ``columns``."""
    return table({"id": id_column(), **columns}, *checks, key=("id",))


def validate(frame: pd.DataFrame, schema: pa.DataFrameSchema, file: Path | str,
             lines: list[int]) -> pd.DataFrame:
    """Validate ``frame`` against ``schema``; errors name file and CSV line.

    ``lines[i]`` is the CSV line on which row ``i`` starts. Besides the schema, every
    row must follow the source rule of :mod:`analysis.data.source_tiers`.
    """
    found = []
    try:
        frame = schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        found = _describe(errors.failure_cases, frame, schema, file, lines)
    sources = tuple(column for column in schema.metadata["source_columns"] if column in frame)
    if sources and "verification" in frame:
        others = tuple(column for column in frame if column not in sources)
        found += [f"{file}, line {lines[position]}: {message}"
                  for position, message in source_tiers.problems(frame, sources, others)]
    if found:
        raise invalid(found)
    return frame


def _describe(cases: pd.DataFrame, frame: pd.DataFrame, schema: pa.DataFrameSchema,
              file: Path | str, lines: list[int]) -> list[str]:
    duplicate = cases["check"] == "multiple_fields_uniqueness"
    rows = sorted(set(cases.loc[duplicate, "index"].astype(int)))
    problems = _duplicates(frame.loc[rows], schema.unique, file, lines)
    row_checks = schema.metadata["row_checks"]
    for case in cases[~duplicate].itertuples():
        if pd.isna(case.index):
            where = "whole table"
        else:
            where = f"line {lines[int(case.index)]}"
            if case.check in row_checks:
                shown = _cells(frame.loc[int(case.index)], row_checks[case.check])
                problems.append(f"{file}, {where}: {case.check} ({shown})")
                continue
        column = f", column {case.column!r}" if isinstance(case.column, str) else ""
        check = "missing value (the column is required)" if case.check == "not_nullable" \
            else case.check
        problems.append(f"{file}, {where}{column}: {check} (value: {case.failure_case!r})")
    return problems


def _duplicates(rows: pd.DataFrame, key: list[str], file: Path | str,
                lines: list[int]) -> list[str]:
    """One problem per set of rows sharing a key: their lines and the key's values."""
    return [f"{file}, lines {', '.join(str(lines[row]) for row in group.index)}: "
            f"duplicate key ({_cells(group.iloc[0], key)}); a key must identify one row"
            for _, group in rows.groupby(key, dropna=False, sort=False)]


def _cells(row: pd.Series, columns: Iterable[str]) -> str:
    return ", ".join(f"{column} " + ("empty" if pd.isna(row[column]) else repr(row[column]))
                     for column in columns)
