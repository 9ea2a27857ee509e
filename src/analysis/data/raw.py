"""Hash-verified access to the external raw files listed in ``data/registry.csv``.

A raw file is resolved from the cache, then from the mirror directory named by
``SCO_DATA_MIRROR``, then from its canonical URL; its sha256 is checked every time.
A file whose hash does not match is never returned: the caller gets a
:class:`DataIntegrityError` naming the key, the file, both hashes and the remedy.

Run ``python -m analysis.data verify`` to check every registered file (and every
file of the mirror, when one is set) before a build.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import astuple, dataclass
from functools import cache
from pathlib import Path

import pooch

from analysis import paths, provenance

# pooch logs "Downloading data from <url>" even when the bytes come from the mirror.
pooch.get_logger().setLevel("WARNING")

REGISTRY_COLUMNS = (
    "key", "path", "url", "sha256", "bytes", "publisher", "version", "licence", "bibtex",
)


class DataError(RuntimeError):
    """A raw data file cannot be used: missing, corrupted or unregistered."""


class DataIntegrityError(DataError):
    """A file's sha256 differs from the registry's."""


class DataMissingError(DataError):
    """A file is in no cache, no mirror, and cannot be downloaded."""


@dataclass(frozen=True)
class RegistryEntry:
    """One external raw file: where it lives and what its bytes must hash to."""

    key: str
    path: str
    url: str
    sha256: str
    bytes: int
    publisher: str
    version: str
    licence: str
    bibtex: str

    @property
    def short_hash(self) -> str:
        return self.sha256[:8]

    @property
    def digest(self) -> str:
        """sha256 of the whole registry row: a new file or new metadata changes it."""
        return hashlib.sha256("\0".join(map(str, astuple(self))).encode()).hexdigest()


@cache
def registry() -> dict[str, RegistryEntry]:
    """All registry entries by key, validated once."""
    with open(paths.REGISTRY_CSV, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != REGISTRY_COLUMNS:
            raise DataError(
                f"{paths.REGISTRY_CSV}: header must be {','.join(REGISTRY_COLUMNS)}, "
                f"found {','.join(reader.fieldnames or ())}"
            )
        entries: dict[str, RegistryEntry] = {}
        for line, row in enumerate(reader, start=2):
            problem = _registry_row_problem(row, entries)
            if problem:
                raise DataError(f"{paths.REGISTRY_CSV}, line {line} ({row['key']!r}): {problem}")
            entries[row["key"]] = RegistryEntry(**{**row, "bytes": int(row["bytes"])})
    return entries


def _registry_row_problem(row: dict[str, str], seen: dict[str, RegistryEntry]) -> str | None:
    if None in row or None in row.values():
        return f"expected {len(REGISTRY_COLUMNS)} fields (an unquoted comma?)"
    if row["key"] in seen:
        return "duplicate key"
    if len(row["sha256"]) != 64 or any(c not in "0123456789abcdef" for c in row["sha256"]):
        return f"sha256 must be 64 lowercase hex digits, found {row['sha256']!r}"
    if not row["url"].startswith("https://"):
        return f"url must be https, found {row['url']!r}"
    if not row["bytes"].isdigit():
        return f"bytes must be an integer, found {row['bytes']!r}"
    empty = [name for name in REGISTRY_COLUMNS if not row[name]]
    return f"empty column(s): {', '.join(empty)}" if empty else None


def entry(key: str) -> RegistryEntry:
    """The registry entry of ``key``, or a DataError listing the known keys."""
    try:
        item = registry()[key]
    except KeyError:
        raise DataError(
            f"unknown data key {key!r}; registered keys: {', '.join(sorted(registry()))}"
        ) from None
    provenance.used_raw(key, item.digest)
    return item


def source_text(keys: Iterable[str]) -> str:
    """'Source: publisher (version; sha256 prefix), ...' for the given registry keys.

    How the book cites a raw file, in a figure's source line and beside a measured
    claim: entries of one publisher and version are named once, with each file's hash.
    """
    groups: dict[tuple[str, str], list[str]] = {}
    for key in keys:
        item = entry(key)
        groups.setdefault((item.publisher, item.version), []).append(item.short_hash)
    parts = [f"{publisher} ({version}; sha256 {', '.join(hashes)})"
             for (publisher, version), hashes in groups.items()]
    return "Source: " + "; ".join(parts) + "." if parts else "Source:"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _mirror_file(item: RegistryEntry) -> Path | None:
    mirror = paths.mirror_dir()
    return mirror / item.path if mirror else None


class _MirrorOrHTTP:
    """A pooch downloader that copies from the mirror when it has the file.

    It remembers where the bytes came from and their hash, so a mismatch can be
    reported with the offending file and both hashes.
    """

    def __init__(self, item: RegistryEntry):
        self.item = item
        self.origin: str = item.url
        self.actual_sha256 = "unknown"

    def __call__(self, url: str, output_file: str, pooch_obj) -> None:
        source = _mirror_file(self.item)
        if source is not None and source.is_file():
            self.origin = str(source)
            shutil.copyfile(source, output_file)
        else:
            pooch.HTTPDownloader(timeout=60)(url, output_file, pooch_obj)
        self.actual_sha256 = sha256_of(Path(output_file))


def _integrity_error(item: RegistryEntry, file: Path | str, actual: str) -> DataIntegrityError:
    return DataIntegrityError(
        f"data file {item.key!r} ({file}) is corrupted or is the wrong version: "
        f"expected sha256 {item.sha256}, got {actual}. It was not used. "
        f"Restore the original bytes (canonical URL: {item.url}) or, if the "
        f"publisher released a new version on purpose, update data/registry.csv."
    )


def fetch(key: str) -> Path:
    """Path of the verified local copy of the raw file registered as ``key``."""
    item = entry(key)
    target = paths.cache_dir() / "raw" / item.path
    if target.is_file() and sha256_of(target) == item.sha256:
        return target
    _check_writable(item, target.parent)
    downloader = _MirrorOrHTTP(item)
    try:
        local = pooch.retrieve(
            url=item.url,
            known_hash=f"sha256:{item.sha256}",
            fname=target.name,
            path=target.parent,
            downloader=downloader,
            progressbar=False,
        )
    except ValueError as error:  # pooch: hash mismatch; it has already deleted the copy
        if "hash" not in str(error).lower():
            raise
        raise _integrity_error(item, downloader.origin, downloader.actual_sha256) from None
    except Exception as error:  # network failure: no good cache copy, no mirror, no internet
        raise _unavailable(item, target, error) from None
    return Path(local)


def _check_writable(item: RegistryEntry, directory: Path) -> None:
    """Fail before fetching if the cache cannot store the file.

    Otherwise pooch's OSError would surface as a failed download (requests' errors are
    OSErrors too) and be reported as a missing mirror, hiding the real cause.
    """
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory):
            pass
    except OSError as error:
        raise DataError(
            f"data file {item.key!r} cannot be stored: the cache directory {directory} is not "
            f"writable ({error}). Set {paths.CACHE_ENV} to a writable directory "
            f"(the cache is now {paths.cache_dir()})."
        ) from None


def _unavailable(item: RegistryEntry, target: Path, error: Exception) -> DataError:
    """No good copy could be fetched; a corrupted cached copy, if any, is the news."""
    source = _mirror_file(item)
    mirror = (f"the mirror (${paths.MIRROR_ENV}) has no {source}" if source
              else f"${paths.MIRROR_ENV} is not set")
    tried = f"{mirror}, and downloading {item.url} failed: {error}"
    remedy = (f"Set {paths.MIRROR_ENV} to a directory holding the raw files, or connect "
              f"to the internet")
    if target.is_file():  # pooch keeps the old copy when no new one arrives
        return DataIntegrityError(
            f"data file {item.key!r}: the cached copy {target} is corrupted (expected sha256 "
            f"{item.sha256}, got {sha256_of(target)}), so it was not used. No good copy "
            f"could be fetched: {tried}. {remedy}; the corrupted copy is then replaced."
        )
    return DataMissingError(
        f"data file {item.key!r} ({item.path}) is not in the cache {target.parent}; "
        f"{tried}. {remedy}."
    )


def verify_all() -> list[str]:
    """Fetch and verify every registered file, and check every mirror copy too.

    A corrupted mirror copy is reported even when the cache holds good bytes, so a
    damaged mirror never goes unnoticed. Returns the list of problems (empty: all good).
    """
    problems = []
    for key, item in registry().items():
        source = _mirror_file(item)
        if source is not None and source.is_file():
            actual = sha256_of(source)
            if actual != item.sha256:
                problems.append(str(_integrity_error(item, source, actual)))
                continue
        try:
            fetch(key)
        except DataError as error:
            problems.append(str(error))
    return problems


def main(argv: list[str]) -> int:
    if argv != ["verify"]:
        print("usage: python -m analysis.data verify", file=sys.stderr)
        return 2
    problems = verify_all()
    for problem in problems:
        print(f"ERROR: {problem}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} data file(s) failed verification; nothing was built.",
              file=sys.stderr)
        return 1
    print(f"verified {len(registry())} data files (sha256) in {paths.cache_dir()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
