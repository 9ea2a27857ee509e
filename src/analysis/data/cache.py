"""Cache of parsed frames, keyed by the raw file's sha256 and the parser's code.

Parsing a raw file (Excel, R data, zipped GeoJSON) can take most of a second; the
parsed frame is pickled next to the raw cache so that later loads take a few
milliseconds. The key is made of the raw file's hash, the hashes of any other files
the parser reads (``uses``), and the source code of the parser's module and of every
loader in :mod:`analysis.data.sources`, so a stale frame is never returned.

Two things keep repeated loads fast. Text columns with many repeats (ISO3 codes
in 700,000 trade rows) are stored as categories, which unpickle ten times faster
than one string object per row, and are turned back into text on loading. Within
one process a frame is read from disk once; later calls get a copy, so a caller
that modifies its frame cannot change what the next caller sees.

A cache must not lie: each pickle starts with a CRC-32 of its bytes, checked on
every read. An entry that fails the check, is truncated or does not unpickle is
discarded and parsed again from the verified raw file, with a one-line note. CRC-32
catches the accidents a cache suffers (flipped bits, truncation, a half-written
file) at a third of the cost of SHA-256 on a 35 MB frame; the raw files, which come
from outside, are the ones verified with SHA-256.
"""

from __future__ import annotations

import hashlib
import inspect
import pickle
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.data import raw

_loaded: dict[Path, pd.DataFrame] = {}  # this process's frames, by pickle file


def _parser_token(parser: Callable) -> str:
    digest = hashlib.sha256(f"{parser.__qualname__}\n".encode())
    digest.update(inspect.getsource(inspect.getmodule(parser)).encode())
    for module in sorted((paths.PACKAGE_DIR / "data" / "sources").glob("*.py")):
        digest.update(module.read_bytes())
    return digest.hexdigest()[:12]


def _encode(frame: pd.DataFrame) -> tuple[dict, pd.DataFrame]:
    """Text columns with repeated values as categories, and their original dtypes."""
    repeated = {column: frame[column].dtype for column in frame.columns
                if isinstance(frame[column].dtype, pd.StringDtype)
                and frame[column].nunique() < len(frame) / 2}
    return repeated, frame.astype(dict.fromkeys(repeated, "category"))


def _decode(stored: tuple[dict, pd.DataFrame]) -> pd.DataFrame:
    repeated, frame = stored
    return frame.astype(repeated)


class CorruptEntry(ValueError):
    """A cached pickle whose checksum, length or content is wrong."""


HEADER = b"sco-parsed-frame crc32="  # then 8 hex digits and a newline


def _dump(frame: pd.DataFrame) -> bytes:
    body = pickle.dumps(_encode(frame), protocol=pickle.HIGHEST_PROTOCOL)
    return HEADER + f"{zlib.crc32(body):08x}\n".encode() + body


class _Checksummed:
    """A file as pickle reads it, with a running CRC-32 of every byte read: the frame is
    unpickled straight from the file and checked in the same pass."""

    def __init__(self, handle):
        self.handle, self.crc = handle, 0

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.crc = zlib.crc32(data, self.crc)
        return data

    def readinto(self, buffer) -> int:
        count = self.handle.readinto(buffer)
        self.crc = zlib.crc32(memoryview(buffer)[:count], self.crc)
        return count

    def readline(self) -> bytes:
        data = self.handle.readline()
        self.crc = zlib.crc32(data, self.crc)
        return data


def _expected_crc(handle) -> str:
    head = handle.readline(len(HEADER) + 9).rstrip(b"\n")
    if not head.startswith(HEADER) or len(head) != len(HEADER) + 8:
        raise CorruptEntry("no checksum header")
    return head[len(HEADER):].decode("ascii", errors="replace")


def _check(expected: str, reader: _Checksummed) -> None:
    if reader.read(1) or f"{reader.crc:08x}" != expected:  # nothing may follow the pickle
        raise CorruptEntry("checksum mismatch (damaged or truncated)")


def _checked(file: Path) -> None:
    """Raise CorruptEntry unless the CRC-32 of ``file``'s pickle matches its header."""
    with open(file, "rb") as handle:
        expected, reader = _expected_crc(handle), _Checksummed(handle)
        while reader.read(1 << 22):
            pass
        _check(expected, reader)


def _undump(file: Path) -> pd.DataFrame:
    """The frame cached in ``file``, or CorruptEntry saying what is wrong with it."""
    with open(file, "rb") as handle:
        expected, reader = _expected_crc(handle), _Checksummed(handle)
        try:
            stored = pickle.load(reader)
        except Exception as error:  # any unpickling failure means a bad entry
            raise CorruptEntry(f"does not unpickle: {error}") from None
        _check(expected, reader)
    return _decode(stored)


def _discard(file: Path, problem: CorruptEntry) -> None:
    print(f"note: discarded the parsed cache {file} ({problem}); it will be parsed again "
          f"from the verified raw file", file=sys.stderr)
    file.unlink(missing_ok=True)


def discard_corrupt_entries() -> int:
    """Delete every cached frame whose checksum fails; return how many.

    The build calls this before executing notebooks, so that a damaged entry is
    rebuilt quietly instead of leaving its note in a published page.
    """
    discarded = 0
    for file in sorted((paths.cache_dir() / "parsed").glob("*.pkl")):
        try:
            _checked(file)
        except CorruptEntry as problem:
            _discard(file, problem)
            discarded += 1
    return discarded


def _load(key: str, parser: Callable[[Path], pd.DataFrame], file: Path) -> pd.DataFrame:
    verified = raw.fetch(key)  # checks the raw file's sha256, even when the pickle exists
    if file.is_file():
        try:
            return _undump(file)
        except CorruptEntry as problem:
            _discard(file, problem)
    frame = parser(verified)
    paths.replace_atomically(file, _dump(frame))
    return frame


def parsed(key: str, parser: Callable[[Path], pd.DataFrame],
           uses: tuple[str, ...] = ()) -> pd.DataFrame:
    """``parser(verified raw file of key)``, from the cache when possible.

    ``uses`` names the other registered files the parser reads through their own
    loaders (a crosswalk, say); a new version of any of them makes a new key.
    """
    hashes = "-".join(raw.entry(name).short_hash for name in (key, *uses))
    token = f"{hashes}-{_parser_token(parser)}"
    file = paths.cache_dir() / "parsed" / f"{key}-{token}.pkl"
    if file not in _loaded:
        _loaded[file] = _load(key, parser, file)
    # Under pandas' copy-on-write a shallow copy is a true copy, made lazily: the
    # first write to it copies the data, so callers cannot change each other's frames.
    return _loaded[file].copy(deep=False)
