"""Hand-curated fact tables in ``data/curated/``, validated on every load.

Each table has a pandera schema. A bad row (impossible date, unknown country code,
missing source, ...) raises :class:`CuratedDataError` naming the file, the CSV line
and the problem, so a wrong fact can never reach a figure quietly.

A ``source`` cell holds one or more references separated by `` ; ``: each is a URL
or the key of an entry in ``book/references.bib``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pycountry

from analysis import paths

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


def _end_not_before_start(frame: pd.DataFrame) -> pd.Series:
    return frame["end_date"].isna() | (frame["end_date"] >= frame["start_date"])


def _no_overlapping_spells(frame: pd.DataFrame) -> pd.Series:
    """A state holds one status (in one organisation) at a time: spells may touch, not overlap."""
    ok = pd.Series(True, index=frame.index)
    keys = [column for column in ("org_id", "iso3") if column in frame]
    for _, spells in frame.sort_values("start_date").groupby(keys):
        ends = spells["end_date"].fillna("9999-12-31")
        overlap = spells["start_date"].iloc[1:].to_numpy() < ends.iloc[:-1].to_numpy()
        ok.loc[spells.index[1:][overlap]] = False
    return ok


def _table(columns: dict[str, pa.Column], *checks: pa.Check) -> pa.DataFrameSchema:
    """A curated table: exactly these columns, in this order, plus row checks."""
    return pa.DataFrameSchema(columns, checks=list(checks), strict=True, ordered=True)


def _spells(**extra: pa.Column) -> pa.DataFrameSchema:
    """Status spells of states: who held which role from when to when, with a source."""
    return _table(
        {**extra,
         "start_date": date_column(),
         "end_date": date_column(nullable=True),
         "source": source_column(),
         "notes": text_column(nullable=True)},
        pa.Check(_end_not_before_start, error="end_date is before start_date"),
        pa.Check(_no_overlapping_spells, error="spell overlaps another spell of the same state"),
    )


def _dated_events(**extra: pa.Column) -> pa.DataFrameSchema:
    return _table({"date": date_column(), **extra, "source": source_column(),
                   "notes": text_column(nullable=True)})


SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "sco_status": _spells(
        iso3=iso3_column(),
        country=text_column(),
        status=pa.Column(str, pa.Check.isin(
            ["shanghai_five", "member", "observer", "dialogue_partner", "partner"])),
    ),
    "organisation_membership": _spells(  # the SCO's own spells are in sco_status
        org_id=pa.Column(str, pa.Check.isin([o for o in ORGANISATIONS if o != "sco"])),
        iso3=iso3_column(),
        role=choice_column("member", "associate", "observer", "partner", "suspended", "frozen"),
    ),
    "security_milestones": _dated_events(
        title=text_column(),
        label=pa.Column(str, pa.Check.str_length(1, 40)),
        kind=choice_column("conference", "treaty", "organisation", "declaration",
                           "dissolution"),
        place=text_column(nullable=True),
    ),
    "eurasian_organisations": _table({
        "org_id": pa.Column(str, pa.Check.isin(ORGANISATIONS), unique=True),
        "name": text_column(),
        "type": text_column(),
        "founded": date_column(),
        "seat": text_column(),
        "security_mandate": text_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }),
    "organisation_sizes": _table({
        "org_id": pa.Column(str, pa.Check.isin(ORGANISATIONS), unique=True),
        "member_states": pa.Column(str, pa.Check.str_matches(r"^\d+$")),
        "as_of": date_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }),
    "sco_summits": _table(
        {"start_date": date_column(),
         "end_date": date_column(),
         "city": text_column(),
         "host_iso3": iso3_column(),
         "format": choice_column("shanghai_five", "heads_of_state"),
         "source": source_column(),
         "notes": text_column(nullable=True)},
        pa.Check(lambda f: f["end_date"] >= f["start_date"], error="end_date before start_date"),
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
        pa.Check(lambda f: f["in_force_date"].isna() | (f["in_force_date"] >= f["signed_date"]),
                 error="in force before it was signed"),
    ),
    "sco_events_usa_eu": _dated_events(title=text_column(), iso3=iso3_list_column()),
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
    }),
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
        pa.Check(lambda f: f["end_date"] >= f["start_date"], error="end_date before start_date"),
    ),
    "economic_milestones": _dated_events(
        title=text_column(),
        kind=choice_column("memorandum", "programme", "action_plan", "institution",
                           "agreement", "strategy", "meeting"),
    ),
    "source_facts": _table(
        {"fact_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9_]+$"), unique=True),
         "description": text_column(),
         "value": pa.Column(str, pa.Check(_is_number, element_wise=True,
                                          error="value is not a number"), nullable=True),
         "unit": text_column(),
         "as_of": date_column(nullable=True),
         "source": pa.Column(str, source_column().checks, nullable=True),
         "notes": text_column(nullable=True)},
        pa.Check(lambda f: f["value"].isna() | f["source"].notna(),
                 error="a value needs a source"),
    ),
    "kazakhstan_initiatives": _dated_events(
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
    }),
    "post2020_events": _dated_events(
        title=text_column(),
        recommendation=choice_column("1", "2", "3", "4"),
    ),
    "cis_security_glossary": _table({
        "term": pa.Column(str, unique=True),
        "paraphrase": text_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }),
    "thesis_recommendations": _table({
        "number": choice_column("1", "2", "3", "4"),
        "paraphrase": text_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }),
    "thesis_claims": _table({
        "claim_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9]+(-[a-z0-9]+)*$"),
                              unique=True),
        "section": pa.Column(str, pa.Check.isin(SECTIONS)),
        "paraphrase": text_column(),
        "relation": choice_column("more than", "equal to", "about"),
        "claimed_value": pa.Column(str, pa.Check(_is_number, element_wise=True,
                                                 error="claimed_value is not a number")),
        "unit": text_column(),
        "check": text_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }),
}


def validate(frame: pd.DataFrame, name: str, file: Path | str) -> pd.DataFrame:
    """Validate ``frame`` against the schema ``name``; errors name file and CSV line."""
    try:
        return SCHEMAS[name].validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        raise CuratedDataError(_describe(errors.failure_cases, file)) from None


def _describe(cases: pd.DataFrame, file: Path | str) -> str:
    lines = []
    for case in cases.itertuples():
        where = f"line {int(case.index) + 2}" if pd.notna(case.index) else "whole table"
        column = f", column {case.column!r}" if isinstance(case.column, str) else ""
        check = "missing value (the column is required)" if case.check == "not_nullable" \
            else case.check
        lines.append(f"{file}, {where}{column}: {check} (value: {case.failure_case!r})")
    return "invalid curated data:\n  " + "\n  ".join(sorted(set(lines), key=_line_number))


def _line_number(message: str) -> int:
    found = re.search(r", line (\d+)", message)
    return int(found.group(1)) if found else 0


def read_csv(file: Path | str, name: str) -> pd.DataFrame:
    """Read and validate a curated CSV (all cells as text; empty cells as missing)."""
    frame = pd.read_csv(file, dtype=str, keep_default_na=False, na_values=[""])
    return validate(frame, name, file)


@cache
def _load(name: str) -> pd.DataFrame:
    return read_csv(paths.CURATED_DIR / f"{name}.csv", name)


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
