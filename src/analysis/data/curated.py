"""Hand-curated fact tables in ``data/curated/``, validated on every load.

Each table has a pandera schema and a key: the columns that identify a row, so a
row pasted twice cannot be counted twice. A file that is not clean UTF-8 CSV, or a
bad row (impossible date, unknown country code, missing source, duplicate key, ...),
raises :class:`CuratedDataError` naming the file, the CSV line and the problem, so a
wrong fact can never reach a figure quietly.

A ``source`` cell holds one or more references separated by `` ; ``: each is a URL
or the key of an entry in ``book/references.bib``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pandera.pandas as pa
import pycountry

from analysis import paths, provenance

SOURCE_SEPARATOR = " ; "
_URL = re.compile(r"^https?://\S+$")
_BIBKEY = re.compile(r"^[A-Za-z][\w:.-]*$")


SECTIONS = ("Introduction", "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2",
            "Conclusion")


ORGANISATIONS = ("sco", "csto", "cis", "osce", "cica", "eaeu", "nato_pfp", "eu", "nato")


class CuratedDataError(ValueError):
    """A curated table breaks its schema."""


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


def _is_source(value) -> bool:
    parts = [part.strip() for part in value.split(SOURCE_SEPARATOR.strip())]
    return all(
        _URL.match(part) or (_BIBKEY.match(part) and part in bibliography_keys())
        for part in parts
    ) and all(parts)


def _is_number(value) -> bool:
    return not pd.isna(pd.to_numeric(value, errors="coerce"))


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
    return pa.Column(str, pa.Check(_is_date, element_wise=True,
                                   error="not a valid date in YYYY-MM-DD form"),
                     nullable=nullable)


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


def _not_before(later: str, earlier: str) -> RowCheck:
    """``later`` is empty or on/after ``earlier`` (ISO dates compare as text)."""
    return RowCheck(f"{later} is before {earlier}", (earlier, later),
                    lambda frame: frame[later].isna() | (frame[later] >= frame[earlier]))


def _no_overlapping_spells(frame: pd.DataFrame) -> pd.Series:
    """A state holds one status (in one organisation) at a time: spells may touch, not overlap."""
    ok = pd.Series(True, index=frame.index)
    keys = [column for column in ("org_id", "iso3") if column in frame]
    for _, spells in frame.sort_values("start_date").groupby(keys):
        ends = spells["end_date"].fillna("9999-12-31")
        overlap = spells["start_date"].iloc[1:].to_numpy() < ends.iloc[:-1].to_numpy()
        ok.loc[spells.index[1:][overlap]] = False
    return ok


def _table(columns: dict[str, pa.Column], *checks: RowCheck,
           key: tuple[str, ...]) -> pa.DataFrameSchema:
    """A curated table: exactly these columns, in this order, rows passing ``checks``,
    and no two rows with the same ``key`` (the columns that identify a row)."""
    return pa.DataFrameSchema(
        columns, checks=[pa.Check(check.test, error=check.error) for check in checks],
        unique=list(key), report_duplicates="all", strict=True, ordered=True,
        metadata={"row_checks": {check.error: check.columns for check in checks}})


def _spells(key: tuple[str, ...], **extra: pa.Column) -> pa.DataFrameSchema:
    """Status spells of states: who held which role from when to when, with a source."""
    return _table(
        {**extra,
         "start_date": date_column(),
         "end_date": date_column(nullable=True),
         "source": source_column(),
         "notes": text_column(nullable=True)},
        _not_before("end_date", "start_date"),
        RowCheck("spell overlaps another spell of the same state", (*key, "end_date"),
                 _no_overlapping_spells),
        key=key,
    )


def _dated_events(key: tuple[str, ...], **extra: pa.Column) -> pa.DataFrameSchema:
    return _table({"date": date_column(), **extra, "source": source_column(),
                   "notes": text_column(nullable=True)}, key=key)


SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "sco_status": _spells(
        key=("iso3", "start_date"),
        iso3=iso3_column(),
        country=text_column(),
        status=pa.Column(str, pa.Check.isin(
            ["shanghai_five", "member", "observer", "dialogue_partner", "partner"])),
    ),
    "organisation_membership": _spells(  # the SCO's own spells are in sco_status
        key=("org_id", "iso3", "start_date"),
        org_id=pa.Column(str, pa.Check.isin([o for o in ORGANISATIONS if o != "sco"])),
        iso3=iso3_column(),
        role=choice_column("member", "associate", "observer", "partner", "suspended", "frozen"),
    ),
    "security_milestones": _dated_events(
        key=("label",),  # claims look milestones up by label
        title=text_column(),
        label=pa.Column(str, pa.Check.str_length(1, 40)),
        kind=choice_column("conference", "treaty", "organisation", "declaration",
                           "dissolution"),
        place=text_column(nullable=True),
    ),
    "eurasian_organisations": _table({
        "org_id": pa.Column(str, pa.Check.isin(ORGANISATIONS)),
        "name": text_column(),
        "type": text_column(),
        "founded": date_column(),
        "seat": text_column(),
        "security_mandate": text_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }, key=("org_id",)),
    "organisation_sizes": _table({
        "org_id": pa.Column(str, pa.Check.isin(ORGANISATIONS)),
        "member_states": pa.Column(str, pa.Check.str_matches(r"^\d+$")),
        "as_of": date_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }, key=("org_id",)),
    "sco_summits": _table(
        {"start_date": date_column(),
         "end_date": date_column(),
         "city": text_column(),
         "host_iso3": iso3_column(),
         "format": choice_column("shanghai_five", "heads_of_state"),
         "source": source_column(),
         "notes": text_column(nullable=True)},
        _not_before("end_date", "start_date"),
        key=("start_date",),
    ),
    "sco_documents": _table(
        {"title": text_column(),
         "kind": choice_column("agreement", "convention", "charter", "treaty", "declaration",
                               "decision"),
         "signed_date": date_column(),
         "signed_place": text_column(),
         "in_force_date": date_column(nullable=True),
         "source": source_column(),
         "notes": text_column(nullable=True)},
        _not_before("in_force_date", "signed_date"),
        key=("title", "signed_date"),
    ),
    "sco_events_usa_eu": _dated_events(key=("date", "title"), title=text_column(),
                                       iso3=iso3_list_column()),
    "rats_reported": _table({
        "period_start": date_column(nullable=True),  # empty: a stock, or a vague period
        "period_end": date_column(),
        "reported_on": date_column(nullable=True),
        "reported_by": text_column(),
        "indicator": choice_column(
            "terrorist_acts_prevented", "crimes_prevented", "militants_detained",
            "leaders_detained", "extraditions", "training_camps_dismantled",
            "weapons_seized_units", "explosives_seized_kg", "ammunition_seized_units",
            "persons_wanted_list", "websites_blocked", "cells_neutralised", "other"),
        "value": pa.Column(str, pa.Check(_is_number, element_wise=True,
                                         error="value is not a number")),
        "unit": text_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }, key=("period_start", "period_end", "reported_on", "reported_by", "indicator", "value",
            "unit")),  # the value too: one statement gives several "other" figures in persons
    "sco_exercises": _table(
        {"name": text_column(),
         "series": choice_column("peace_mission", "other_ct"),
         "start_date": date_column(),
         "end_date": date_column(),
         "host_iso3": iso3_list_column(),
         "location": text_column(),
         "participants": pa.Column(str, iso3_list_column().checks, nullable=True),
         "troops": pa.Column(str, pa.Check(_is_number, element_wise=True,
                                           error="troops is not a number"), nullable=True),
         "source": source_column(),
         "notes": text_column(nullable=True)},
        _not_before("end_date", "start_date"),
        key=("name", "start_date"),
    ),
    "economic_milestones": _dated_events(
        key=("date", "title"),
        title=text_column(),
        kind=choice_column("memorandum", "programme", "action_plan", "institution",
                           "agreement", "strategy", "meeting"),
    ),
    "source_facts": _table(
        {"fact_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9_]+$")),
         "description": text_column(),
         "value": pa.Column(str, pa.Check(_is_number, element_wise=True,
                                          error="value is not a number"), nullable=True),
         "unit": text_column(),
         "as_of": date_column(nullable=True),
         "source": pa.Column(str, source_column().checks, nullable=True),
         "notes": text_column(nullable=True)},
        RowCheck("a value needs a source", ("value", "source"),
                 lambda frame: frame["value"].isna() | frame["source"].notna()),
        key=("fact_id",),
    ),
    "kazakhstan_initiatives": _dated_events(
        key=("date", "title"),
        title=text_column(),
        kind=choice_column("summit_hosted", "initiative", "chairmanship",
                           "organisation_founded"),
    ),
    "kaz_bilateral_security": _table({
        "partner_iso3": iso3_column(),
        "date": date_column(),
        "title": text_column(),
        "kind": choice_column("treaty", "agreement", "military_cooperation", "border"),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }, key=("partner_iso3", "date", "title")),
    "post2020_events": _dated_events(
        key=("date", "title"),
        title=text_column(),
        recommendation=choice_column("1", "2", "3", "4"),
    ),
    "cis_security_glossary": _table({
        "term": pa.Column(str),
        "paraphrase": text_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }, key=("term",)),
    "thesis_recommendations": _table({
        "number": choice_column("1", "2", "3", "4"),
        "paraphrase": text_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }, key=("number",)),
    "thesis_claims": _table({
        "claim_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9]+(-[a-z0-9]+)*$")),
        "section": pa.Column(str, pa.Check.isin(SECTIONS)),
        "paraphrase": text_column(),
        "relation": choice_column("more than", "equal to", "about"),
        "claimed_value": pa.Column(str, pa.Check(_is_number, element_wise=True,
                                                 error="claimed_value is not a number")),
        "unit": text_column(),
        "check": text_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }, key=("claim_id",)),
}


def validate(frame: pd.DataFrame, name: str, file: Path | str,
             lines: list[int]) -> pd.DataFrame:
    """Validate ``frame`` against the schema ``name``; errors name file and CSV line.

    ``lines[i]`` is the CSV line on which row ``i`` starts.
    """
    schema = SCHEMAS[name]
    try:
        return schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        raise _invalid(_describe(errors.failure_cases, frame, schema, file, lines)) from None


def _invalid(problems: list[str]) -> CuratedDataError:
    return CuratedDataError(
        "invalid curated data:\n  " + "\n  ".join(sorted(set(problems), key=_line_number)))


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


def _line_number(message: str) -> int:
    found = re.search(r", lines? (\d+)", message)
    return int(found.group(1)) if found else 0


_QUOTING = 'put the whole field in quotes and double each quote inside it: "a ""b"" c"'
_CSV_ERRORS = {"',' expected after '\"'": f"text after a closing quote ({_QUOTING})",
               "unexpected end of data": "a quoted field is never closed"}


def _decode(file: Path | str) -> str:
    """The text of ``file``; a byte that is not UTF-8 is reported by line and column."""
    raw = Path(file).read_bytes()
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")  # pandas also dropped a BOM
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        before = raw[raw.rfind(b"\n", 0, error.start) + 1:error.start].decode("utf-8")
        raise _invalid([f"{file}, line {line}: not UTF-8 (byte 0x{raw[error.start]:02x} at "
                        f"column {len(before) + 1}); save the file as UTF-8"]) from None


def _records(file: Path | str) -> list[tuple[int, list[str], str]]:
    """Each non-blank CSV record of ``file``: the line it starts on, its fields, its text."""
    lines = io.StringIO(_decode(file), newline="").readlines()
    reader = csv.reader(lines, strict=True)
    records = []
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader, None)
        except csv.Error as error:
            problem = _CSV_ERRORS.get(str(error), str(error))
            raise _invalid([f"{file}, line {start}: {problem}"]) from None
        if fields is None:
            return records
        if fields:  # pandas skipped blank lines too
            records.append((start, fields, "".join(lines[start - 1:reader.line_num])))


def _stray_quote(text: str, fields: list[str]) -> str | None:
    """The first field that is unquoted in the record's ``text`` but holds a quote.

    The csv module keeps such a quote as a literal character; here it is always a slip.
    """
    position = 0
    for field in fields:
        if text.startswith('"', position):  # quoted: inner quotes doubled, then a comma
            position += len(field.replace('"', '""')) + 3
        elif '"' in field:
            return field
        else:
            position += len(field) + 1
    return None


def _record_problem(fields: list[str], text: str, width: int) -> str | None:
    if len(fields) != width:
        hint = "an unquoted comma?" if len(fields) > width else "a missing field?"
        return f"expected {width} fields, found {len(fields)} ({hint})"
    stray = _stray_quote(text, fields)
    if stray is not None:
        return f"a quote inside the unquoted field {stray!r} ({_QUOTING})"
    return None


def _parse(file: Path | str) -> tuple[pd.DataFrame, list[int]]:
    """The rows of a curated CSV as text, empty cells missing, and the line each starts on.

    Stricter than pandas: a stray quote or a row with too many or too few fields is an
    error naming its line, never a silently shifted or swallowed cell.
    """
    records = _records(file)
    if not records:
        raise _invalid([f"{file}: empty file (no header line)"])
    problems = [f"{file}, line {line}: {problem}" for line, fields, text in records
                if (problem := _record_problem(fields, text, len(records[0][1])))]
    if problems:
        raise _invalid(problems)
    (_, header, _), *rows = records
    frame = pd.DataFrame([fields for _, fields, _ in rows], columns=header, dtype="str")
    return frame.mask(frame == ""), [line for line, _, _ in rows]


def read_csv(file: Path | str, name: str) -> pd.DataFrame:
    """Read and validate a curated CSV (all cells as text; empty cells as missing)."""
    frame, lines = _parse(file)
    return validate(frame, name, file, lines)


@cache
def _load(name: str) -> pd.DataFrame:
    file = paths.CURATED_DIR / f"{name}.csv"
    provenance.used_curated(file)
    return read_csv(file, name)


def load(name: str) -> pd.DataFrame:
    """The validated curated table ``name`` (a fresh copy; safe to modify)."""
    return _load(name).copy()


@cache
def _load_spells(name: str) -> pd.DataFrame:
    table = load(name)
    for column in ("start_date", "end_date"):
        table[column] = pd.to_datetime(table[column], format="%Y-%m-%d")
    return table


def load_spells(name: str) -> pd.DataFrame:
    """A table of status spells with ``start_date`` and ``end_date`` as timestamps.

    Parsed once per process (chapters ask "who was a member in year y" hundreds of
    times); each caller gets its own copy.
    """
    return _load_spells(name).copy()
