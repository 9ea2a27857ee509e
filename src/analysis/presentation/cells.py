"""What both editions do to a table before printing it: its columns in the order a
reader needs them, links named by their site, and dates that must not break."""

from __future__ import annotations

import re
import urllib.parse

import pandas as pd

URL = re.compile(r"https?://[^\s<>\"]*[^\s<>\".,;:)\]]")
DATE = re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b")  # an ISO date, which must not break


def site(url: str) -> str:
    """A link's text: the site it points to ("tass.com"), not the whole address."""
    host = urllib.parse.urlsplit(url).hostname or url
    return host.removeprefix("www.").rstrip(".")


JUDGING_COLUMNS = ("Verdict", "Verification")  # what a row's reader looks for first


def printed(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as every edition prints it: the index as the first columns (unless it
    is row numbers), then the columns that judge a row (its verdict, its verification
    status), so that a phone shows them beside what they judge, then the rest."""
    leading = 0 if is_row_number(frame.index) else frame.index.nlevels
    flat = frame if leading == 0 else frame.reset_index()
    columns = list(flat.columns)
    first = columns[:max(leading, 1)]
    judging = [column for column in columns[len(first):] if column in JUDGING_COLUMNS]
    rest = [column for column in columns[len(first):] if column not in judging]
    return flat[first + judging + rest]


def is_row_number(index: pd.Index) -> bool:
    """An unnamed 0, 1, 2, ... index carries no information and is not printed."""
    return isinstance(index, pd.RangeIndex) and index.name is None and index.start == 0
