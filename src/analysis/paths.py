"""Every filesystem location the package uses, in one place, and how a file is replaced.

Four environment variables let a user (or CI, or the build) move these locations:

``SCO_DATA_MIRROR``
    a directory holding byte-identical copies of the registry's raw files, laid out
    by their ``path`` column (CI points it at ``../shared/data``).
``SCO_DATA_CACHE``
    where verified raw files and parsed frames are cached (default: ``.data-cache``
    in the repository).
``SCO_BUILD_DIR``
    where the book is built (default: ``_build`` in the repository).
``SCO_EXECUTION_RECORDS``
    set by the build only: where a notebook's kernel writes the record of the modules
    and data files it used (see :mod:`analysis.provenance`).
"""

from __future__ import annotations

import os
from pathlib import Path

MIRROR_ENV = "SCO_DATA_MIRROR"
CACHE_ENV = "SCO_DATA_CACHE"
BUILD_ENV = "SCO_BUILD_DIR"
RECORDS_ENV = "SCO_EXECUTION_RECORDS"
NOTEBOOK_ENV = "SCO_NOTEBOOK"  # the notebook a kernel of the build's executor runs

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data"
REGISTRY_CSV = DATA_DIR / "registry.csv"
CURATED_DIR = DATA_DIR / "curated"
PACKAGE_DIR = Path(__file__).resolve().parent
LOCK_FILE = REPO_ROOT / "requirements.lock"


def cache_dir() -> Path:
    """Directory of verified raw files (read at call time so tests can redirect it)."""
    return Path(os.environ.get(CACHE_ENV) or REPO_ROOT / ".data-cache").resolve()


def build_dir() -> Path:
    return Path(os.environ.get(BUILD_ENV) or REPO_ROOT / "_build").resolve()


def mirror_dir() -> Path | None:
    """The mirror directory, or None when the variable is unset or empty."""
    value = os.environ.get(MIRROR_ENV)
    return Path(value).resolve() if value else None


def records_dir() -> Path | None:
    """Where execution records go, or None outside a book build."""
    value = os.environ.get(RECORDS_ENV)
    return Path(value).resolve() if value else None


DEPENDENCIES_NAME = "dependencies.json"


def dependencies_file() -> Path:
    """What each notebook read in the last build, without checksums (tools/execution.py
    writes it beside the records; the replication appendix shows it)."""
    records = records_dir()
    return (records.parent if records else build_dir() / "site") / DEPENDENCIES_NAME


BIBLIOGRAPHY = REPO_ROOT / "book" / "references.bib"


def replace_atomically(file: Path, content: bytes | str) -> None:
    """Write ``content`` to ``file`` through a temporary file renamed over it, so that
    a reader (another process, a build killed midway) never sees half a file."""
    file.parent.mkdir(parents=True, exist_ok=True)
    partial = file.with_suffix(f".{os.getpid()}.tmp")
    if isinstance(content, str):
        partial.write_text(content, encoding="utf-8")
    else:
        partial.write_bytes(content)
    partial.replace(file)
