"""Cache of parsed frames, keyed by the raw file's sha256 and the parser's code.

Parsing a raw file (Excel, R data, zipped GeoJSON) can take most of a second; the
parsed frame is pickled next to the raw cache so that later loads take a few
milliseconds. Changing either the raw bytes or the parser's module makes a new key,
so a stale frame is never returned.
"""

from __future__ import annotations

import hashlib
import inspect
import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis import data, paths


def _parser_token(parser: Callable) -> str:
    source = inspect.getsource(inspect.getmodule(parser))
    return hashlib.sha256(f"{parser.__qualname__}\n{source}".encode()).hexdigest()[:12]


def parsed(key: str, parser: Callable[[Path], pd.DataFrame]) -> pd.DataFrame:
    """``parser(verified raw file of key)``, from the cache when possible."""
    raw = data.fetch(key)
    token = f"{data.entry(key).short_hash}-{_parser_token(parser)}"
    file = paths.cache_dir() / "parsed" / f"{key}-{token}.pkl"
    if file.is_file():
        return pd.read_pickle(file)
    frame = parser(raw)
    file.parent.mkdir(parents=True, exist_ok=True)
    partial = file.with_suffix(f".{os.getpid()}.tmp")
    frame.to_pickle(partial)
    partial.replace(file)  # atomic: a reader never sees half a file
    return frame
