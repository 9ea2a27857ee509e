"""Shared fixtures. Unit tests in tests/unit, build-level tests in tests/integration."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from analysis import paths, provenance
from analysis.data import curated, raw


@dataclass
class FakeData:
    """A one-file registry with its mirror and an empty cache, all in a temp folder."""

    key: str
    registry: Path
    mirror: Path
    cache: Path
    file: Path  # the mirror copy
    payload: bytes


@pytest.fixture
def fake_data(tmp_path, monkeypatch) -> FakeData:
    payload = b"Country Name,Country Code,Year,Value\nKazakhstan,KAZ,2019,18513930\n"
    mirror, cache = tmp_path / "mirror", tmp_path / "cache"
    file = mirror / "demo" / "data.csv"
    file.parent.mkdir(parents=True)
    file.write_bytes(payload)
    registry = tmp_path / "registry.csv"
    with open(registry, "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(raw.REGISTRY_COLUMNS)
        writer.writerow(["demo", "demo/data.csv", "https://example.invalid/demo/data.csv",
                         hashlib.sha256(payload).hexdigest(), len(payload), "Demo publisher",
                         "v1", "CC0", "wdi"])
    monkeypatch.setattr(paths, "REGISTRY_CSV", registry)
    # The fake entry must not stay in this process's execution record after the test.
    monkeypatch.setattr(provenance, "_raw", dict(provenance._raw))
    monkeypatch.setenv(paths.MIRROR_ENV, str(mirror))
    monkeypatch.setenv(paths.CACHE_ENV, str(cache))
    raw.registry.cache_clear()
    yield FakeData("demo", registry, mirror, cache, file, payload)
    raw.registry.cache_clear()


@pytest.fixture
def curated_csv(tmp_path):
    """Write rows (dicts) as a curated CSV with the header of ``name``; return its path."""

    def write(name: str, rows: list[dict]) -> Path:
        columns = list(curated.SCHEMAS[name].columns)
        target = tmp_path / f"{name}.csv"
        with open(target, "w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        return target

    return write
