"""Hand-curated fact tables in ``data/curated/``, validated on every load.

Each table has a pandera schema and a key: the columns that identify a row, so a
row pasted twice cannot be counted twice. A file that is not clean UTF-8 CSV, or a
bad row (impossible date, unknown country code, missing source, duplicate key, ...),
raises :class:`~analysis.data.curated_csv.CuratedDataError` naming the file, the CSV
line and the problem, so a wrong fact can never reach a figure quietly.

The tables of dated events carry a stable ``id`` as their first column and key
(``border-war-2022``): code that needs one event asks for it by id
(:func:`row`), never by words of its title, which may be reworded at any time. The
ids are never shown to readers.

A ``source`` cell holds one or more references separated by `` ; ``: each is a URL
or the key of an entry in ``book/references.bib``. The strict CSV reading is in
:mod:`analysis.data.curated_csv`, the column types and row checks the schemas below
are made of in :mod:`analysis.data.curated_checks`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from analysis import paths, provenance
from analysis.data import curated_csv
from analysis.data.curated_checks import (
    RowCheck,
    choice_column,
    date_column,
    event_date_column,
    id_column,
    iso3_column,
    iso3_list_column,
    no_overlapping_spells,
    not_before,
    number_column,
    source_column,
    table,
    text_column,
    validate,
)

SECTIONS = ("Introduction", "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2",
            "Conclusion")


ORGANISATIONS = ("sco", "csto", "cis", "osce", "cica", "eaeu", "nato_pfp", "eu", "nato")


def _spells(key: tuple[str, ...], **extra: pa.Column) -> pa.DataFrameSchema:
    """Status spells of states: who held which role from when to when, with a source."""
    return table(
        {**extra,
         "start_date": date_column(),
         "end_date": date_column(nullable=True),
         "source": source_column(),
         "notes": text_column(nullable=True)},
        not_before("end_date", "start_date"),
        RowCheck("spell overlaps another spell of the same state", (*key, "end_date"),
                 no_overlapping_spells),
        key=key,
    )


def _events(columns: dict[str, pa.Column], *checks: RowCheck) -> pa.DataFrameSchema:
    """A table of events: an ``id`` first, which is its key, then ``columns``."""
    return table({"id": id_column(), **columns}, *checks, key=("id",))


def _dated_events(**extra: pa.Column) -> pa.DataFrameSchema:
    return _events({"date": event_date_column(), **extra, "source": source_column(),
                    "notes": text_column(nullable=True)})


CRISIS_KINDS = ("interstate", "intrastate_armed_conflict", "intercommunal", "unrest",
                "terrorism", "spillover")
RESPONDERS = ("sco", "csto", "osce", "cis", "un", "eaeu", "rus", "chn", "usa")
# The ordinal scale of a response, weakest first; "not_existing" (the organisation was
# not yet founded) stands outside it.
RESPONSES = ("none_found", "statement", "consultation", "mediation", "material_assistance",
             "deployment")
_CELL = r"[A-Z]{3} \d{4} (?:interstate|intrastate|nonstate|onesided)"
UCDP_CELLS = rf"^{_CELL}(?: ; {_CELL})*$"  # UCDP country-year cells an event makes up


def _searched_when_none_found(frame: pd.DataFrame) -> pd.Series:
    return (frame["response"] != "none_found") | frame["searched"].notna()


def _deaths_known_or_explained(frame: pd.DataFrame) -> pd.Series:
    estimates = frame["deaths_low"].notna() & frame["deaths_high"].notna()
    return (estimates & frame["deaths_source"].notna()) | frame["ucdp"].notna()


def _low_not_above_high(frame: pd.DataFrame) -> pd.Series:
    low = pd.to_numeric(frame["deaths_low"])
    high = pd.to_numeric(frame["deaths_high"])
    return low.isna() | high.isna() | (low <= high)


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
        title=text_column(),
        label=pa.Column(str, pa.Check.str_length(1, 40)),
        kind=choice_column("conference", "treaty", "organisation", "declaration",
                           "dissolution"),
        place=text_column(nullable=True),
    ),
    "eurasian_organisations": table({
        "org_id": pa.Column(str, pa.Check.isin(ORGANISATIONS)),
        "name": text_column(),
        "type": text_column(),
        "founded": event_date_column(),
        "seat": text_column(),
        "security_mandate": text_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }, key=("org_id",)),
    "organisation_sizes": table({
        "org_id": pa.Column(str, pa.Check.isin(ORGANISATIONS)),
        "member_states": pa.Column(str, pa.Check.str_matches(r"^\d+$")),
        "as_of": date_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }, key=("org_id",)),
    "sco_summits": _events(
        {"start_date": date_column(),
         "end_date": date_column(),
         "city": text_column(),
         "host_iso3": iso3_column(),
         "format": choice_column("shanghai_five", "heads_of_state"),
         "source": source_column(),
         "notes": text_column(nullable=True)},
        not_before("end_date", "start_date"),
    ),
    "sco_documents": _events(
        {"title": text_column(),
         "kind": choice_column("agreement", "convention", "charter", "treaty", "declaration",
                               "decision"),
         "signed_date": date_column(),
         "signed_place": text_column(),
         "in_force_date": date_column(nullable=True),
         "source": source_column(),
         "notes": text_column(nullable=True)},
        not_before("in_force_date", "signed_date"),
    ),
    "sco_events_usa_eu": _dated_events(title=text_column(), iso3=iso3_list_column()),
    "rats_reported": table({
        "period_start": event_date_column(nullable=True),  # empty: a stock, or a vague period
        "period_end": event_date_column(),
        "reported_on": event_date_column(nullable=True),
        "reported_by": text_column(),
        "indicator": choice_column(
            "terrorist_acts_prevented", "crimes_prevented", "militants_detained",
            "leaders_detained", "extraditions", "training_camps_dismantled",
            "weapons_seized_units", "explosives_seized_kg", "ammunition_seized_units",
            "persons_wanted_list", "websites_blocked", "cells_neutralised", "other"),
        "value": number_column("value"),
        "unit": text_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }, key=("period_start", "period_end", "reported_on", "reported_by", "indicator", "value",
            "unit")),  # the value too: one statement gives several "other" figures in persons
    "sco_exercises": _events(
        {"name": text_column(),
         "series": choice_column("peace_mission", "other_ct"),
         "start_date": event_date_column(),
         "end_date": event_date_column(),
         "host_iso3": iso3_list_column(),
         "location": text_column(),
         "participants": pa.Column(str, iso3_list_column().checks, nullable=True),
         "troops": number_column("troops", nullable=True),
         "source": source_column(),
         "notes": text_column(nullable=True)},
        not_before("end_date", "start_date"),
    ),
    "economic_milestones": _dated_events(
        title=text_column(),
        kind=choice_column("memorandum", "programme", "action_plan", "institution",
                           "agreement", "strategy", "meeting"),
    ),
    "source_facts": table(
        {"fact_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9_]+$")),
         "description": text_column(),
         "value": number_column("value", nullable=True),
         "unit": text_column(),
         "as_of": event_date_column(nullable=True),
         "source": pa.Column(str, source_column().checks, nullable=True),
         "notes": text_column(nullable=True)},
        RowCheck("a value needs a source", ("value", "source"),
                 lambda frame: frame["value"].isna() | frame["source"].notna()),
        key=("fact_id",),
    ),
    "kazakhstan_initiatives": _dated_events(
        title=text_column(),
        kind=choice_column("summit_hosted", "initiative", "chairmanship",
                           "organisation_founded"),
    ),
    "kaz_bilateral_security": _events({
        "partner_iso3": iso3_column(),
        "date": event_date_column(),
        "title": text_column(),
        "kind": choice_column("treaty", "agreement", "military_cooperation", "border"),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }),
    "post2020_events": _dated_events(
        title=text_column(),
        recommendation=choice_column("1", "2", "3", "4"),
    ),
    "cis_security_glossary": table({
        "term": pa.Column(str),
        "paraphrase": text_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }, key=("term",)),
    "thesis_recommendations": table({
        "number": choice_column("1", "2", "3", "4"),
        "paraphrase": text_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }, key=("number",)),
    "thesis_claims": table({
        "claim_id": id_column(),
        "section": pa.Column(str, pa.Check.isin(SECTIONS)),
        "paraphrase": text_column(),
        "relation": choice_column("more than", "equal to", "about"),
        "claimed_value": number_column("claimed_value"),
        "unit": text_column(),
        "check": text_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }, key=("claim_id",)),
    "crises": _events(
        {"name": text_column(),
         "start_date": event_date_column(),
         "end_date": event_date_column(),
         "states": iso3_list_column(),
         "kind": choice_column(*CRISIS_KINDS),
         "deaths_low": number_column("deaths_low", nullable=True),
         "deaths_high": number_column("deaths_high", nullable=True),
         "deaths_source": pa.Column(str, source_column().checks, nullable=True),
         "ucdp": pa.Column(str, pa.Check.str_matches(UCDP_CELLS), nullable=True),
         "source": source_column(),
         "notes": text_column(nullable=True)},
        not_before("end_date", "start_date"),
        RowCheck("deaths need a sourced low and high estimate or a UCDP cell",
                 ("deaths_low", "deaths_high", "deaths_source", "ucdp"),
                 _deaths_known_or_explained),
        RowCheck("deaths_low is above deaths_high", ("deaths_low", "deaths_high"),
                 _low_not_above_high),
    ),
    "crisis_responses": table({
        "crisis_id": id_column(),
        "actor": choice_column(*RESPONDERS),
        "response": choice_column("not_existing", *RESPONSES),
        "action": text_column(nullable=True),
        "source": source_column(),
        "searched": text_column(nullable=True),
        "notes": text_column(nullable=True),
    }, RowCheck("'none_found' needs a record of where it was looked for", ("response", "searched"),
                _searched_when_none_found),
       key=("crisis_id", "actor")),
    "border_agreements": _events(
        {"signed_date": event_date_column(),
         "parties": iso3_list_column(),
         "title": text_column(),
         "kind": choice_column("border_treaty", "supplementary_agreement", "demarcation",
                               "confidence_building", "arms_reduction", "trijunction"),
         "in_force_date": event_date_column(nullable=True),
         "area_km2": number_column("area_km2", nullable=True),
         "source": source_column(),
         "notes": text_column(nullable=True)},
        not_before("in_force_date", "signed_date"),
    ),
    "sco_drug_milestones": _dated_events(
        title=text_column(),
        kind=choice_column("agreement", "strategy", "programme", "institution", "meeting",
                           "statement"),
    ),
}


def read_csv(file: Path | str, name: str) -> pd.DataFrame:
    """Read and validate a curated CSV (all cells as text; empty cells as missing)."""
    frame, lines = curated_csv.parse(file)
    return validate(frame, SCHEMAS[name], file, lines)


@cache
def _load(name: str) -> pd.DataFrame:
    file = paths.CURATED_DIR / f"{name}.csv"
    provenance.used_curated(file)
    return read_csv(file, name)


def load(name: str) -> pd.DataFrame:
    """The validated curated table ``name`` (a fresh copy; safe to modify)."""
    return _load(name).copy()


UNSURE = ("inferred", "unverifiable")


class UnsureFact(ValueError):
    """Code asked for a row that is inferred or unverifiable as if it were a plain fact."""


def row(name: str, row_id: str, hedged: bool = False) -> pd.Series:
    """The row with id ``row_id`` of the events table ``name`` (a copy).

    Rows picked one by one end up in sentences. An inferred or unverifiable row is
    refused unless the caller says, with ``hedged``, that its text presents the fact
    as inferred or unconfirmed.
    """
    rows = _load(name).set_index("id")
    if row_id not in rows.index:
        raise KeyError(f"no row with id {row_id!r} in data/curated/{name}.csv")
    found = rows.loc[row_id].copy()
    if found["verification"] in UNSURE and not hedged:
        raise UnsureFact(f"data/curated/{name}.csv, row {row_id!r} is {found['verification']}: "
                         "do not state it as a plain fact (pass hedged=True where the text "
                         "says it is inferred or unconfirmed)")
    return found


@cache
def _load_spells(name: str) -> pd.DataFrame:
    spells = load(name)
    for column in ("start_date", "end_date"):
        spells[column] = pd.to_datetime(spells[column], format="%Y-%m-%d")
    return spells


def load_spells(name: str) -> pd.DataFrame:
    """A table of status spells with ``start_date`` and ``end_date`` as timestamps.

    Parsed once per process (chapters ask "who was a member in year y" hundreds of
    times); each caller gets its own copy.
    """
    return _load_spells(name).copy()
