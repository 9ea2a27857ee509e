"""Strict reading of the curated CSV files: from bytes to rows of text cells.

A module of its own because it knows nothing of what the tables mean: it only turns
a file into cells, and refuses what pandas' reader would quietly accept. pandas keeps
a stray quote as a character, shifts the cells of a row with an unquoted comma and
fills a short row with empty cells; here each of these is an error that names the
file and the CSV line, as does a byte that is not UTF-8. The schemas and keys of the
tables are in :mod:`analysis.data.curated`, the checks they are made of in
:mod:`analysis.data.curated_checks`.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd


class CuratedDataError(ValueError):
    """A curated table cannot be read, or breaks its schema."""


def invalid(problems: list[str]) -> CuratedDataError:
    """One error listing every problem once, in the order of their lines."""
    return CuratedDataError(
        "invalid curated data:\n  " + "\n  ".join(sorted(set(problems), key=_line_number)))


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
        raise invalid([f"{file}, line {line}: not UTF-8 (byte 0x{raw[error.start]:02x} at "
                       f"column {len(before) + 1}); save the file as UTF-8"]) from None


def records(file: Path | str) -> list[tuple[int, list[str], str]]:
    """Each non-blank CSV record of ``file``: the line it starts on, its fields, its text."""
    lines = io.StringIO(_decode(file), newline="").readlines()
    reader = csv.reader(lines, strict=True)
    found = []
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader, None)
        except csv.Error as error:
            problem = _CSV_ERRORS.get(str(error), str(error))
            raise invalid([f"{file}, line {start}: {problem}"]) from None
        if fields is None:
            return found
        if fields:  # pandas skipped blank lines too
            found.append((start, fields, "".join(lines[start - 1:reader.line_num])))


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


def parse(file: Path | str) -> tuple[pd.DataFrame, list[int]]:
    """The rows of a curated CSV as text, empty cells missing, and the line each starts on.

    Stricter than pandas: a stray quote or a row with too many or too few fields is an
    error naming its line, never a silently shifted or swallowed cell.
    """
    found = records(file)
    if not found:
        raise invalid([f"{file}: empty file (no header line)"])
    problems = [f"{file}, line {line}: {problem}" for line, fields, text in found
                if (problem := _record_problem(fields, text, len(found[0][1])))]
    if problems:
        raise invalid(problems)
    (_, header, _), *rows = found
    frame = pd.DataFrame([fields for _, fields, _ in rows], columns=header, dtype="str")
    return frame.mask(frame == ""), [line for line, _, _ in rows]
