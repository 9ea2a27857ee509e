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
:mod:`analysis.data.curated_csv`, the schemas in :mod:`analysis.data.curated_schemas`,
and the column types and row checks they are made of in
:mod:`analysis.data.curated_checks`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.data import curated_csv
from analysis.data.crisis_schemas import RESPONDERS, RESPONSES  # noqa: F401  (for callers)
from analysis.data.curated_checks import VERIFICATION, validate  # noqa: F401
from analysis.data.curated_schemas import (  # noqa: F401  (the vocabularies, for callers)
    ORGANISATIONS,
    SCHEMAS,
    SECTIONS,
)


def read_csv(file: Path | str, name: str) -> pd.DataFrame:
    """Read and validate a curated CSV (all cells as text; empty cells as missing)."""
    frame, lines = curated_csv.parse(file)
    return validate(frame, SCHEMAS[name], file, lines)


@cache
def _load(name: str) -> pd.DataFrame:
    file = paths.CURATED_DIR / f"{name}.csv"
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
