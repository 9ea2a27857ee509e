"""What one execution of a notebook used: package modules, raw data files, curated tables.

jupyter-cache re-executes a notebook only when its code cells change. The build
needs more: a notebook must run again when a module it imported, a data file it
read or the pinned environment changed, and only then. So while the build runs,
each section's set-up asks for a record of the kernel's inputs, written as JSON
when the kernel exits; the build compares it with the files as they are now
(:func:`changes`). Outside a build (``$SCO_EXECUTION_RECORDS`` unset) nothing is
recorded. A notebook without a record is always executed again.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import sys
from pathlib import Path

from analysis import paths

_raw: dict[str, str] = {}  # registry key -> digest of its registry row
_curated: dict[str, str] = {}  # path below the repository -> sha256 of its bytes


def _digest(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


def _relative(file: Path) -> str:
    """The path below the repository (absolute for a file elsewhere, as in tests)."""
    file = Path(file).resolve()
    return (file.relative_to(paths.REPO_ROOT) if file.is_relative_to(paths.REPO_ROOT)
            else file).as_posix()


def used_raw(key: str, digest: str) -> None:
    """Note that this process used the registry entry ``key`` (its file or its metadata)."""
    _raw[key] = digest


def used_curated(file: Path) -> None:
    """Note that this process read the curated table ``file``."""
    _curated[_relative(file)] = _digest(file)


def modules() -> dict[str, str]:
    """Every module of the package this process imported, by path, with its hash."""
    found = {}
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if getattr(module, "__name__", "").split(".")[0] == "analysis" and file:
            found[_relative(Path(file))] = _digest(Path(file))
    return dict(sorted(found.items()))


def current() -> dict[str, object]:
    """This process's inputs so far."""
    return {"modules": modules(), "raw": dict(sorted(_raw.items())),
            "curated": dict(sorted(_curated.items())), "environment": _digest(paths.LOCK_FILE)}


def record_on_exit(notebook: str) -> None:
    """Write ``notebook``'s record when this kernel exits, if the build asked for one."""
    directory = paths.records_dir()
    if directory is not None:
        atexit.register(_write, directory / f"{notebook}.json")


def _write(file: Path) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    partial = file.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(json.dumps(current(), indent=1) + "\n")
    partial.replace(file)  # atomic: the build never reads half a record


def changes(record: dict) -> list[str]:
    """What changed since ``record`` was written: a module, a data file, the environment."""
    from analysis.data import raw  # here: the build asks this before any notebook runs

    found = []
    for relative, digest in {**record["modules"], **record["curated"]}.items():
        file = paths.REPO_ROOT / relative
        if not file.is_file() or _digest(file) != digest:
            found.append(relative)
    registry = raw.registry()
    found += [f"data/registry.csv: {key}" for key, digest in record["raw"].items()
              if key not in registry or registry[key].digest != digest]
    if _digest(paths.LOCK_FILE) != record["environment"]:
        found.append("requirements.lock")
    return found
