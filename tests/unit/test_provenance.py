"""Execution records: what a run used, and what has changed since."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from analysis import paths, provenance
from analysis.data import curated, raw


@pytest.fixture
def record():
    """This process's inputs after using one curated table and one registry entry."""
    curated.load("sco_summits")
    raw.entry("wdi_sp_pop_totl")
    return json.loads(json.dumps(provenance.current()))


def test_a_record_names_modules_data_and_environment(record):
    assert "src/analysis/provenance.py" in record["modules"]
    assert "src/analysis/data/curated.py" in record["modules"]
    assert "data/curated/sco_summits.csv" in record["curated"]
    assert "wdi_sp_pop_totl" in record["raw"]
    assert len(record["environment"]) == 64


def test_nothing_changed_since_a_fresh_record(record):
    assert provenance.changes(record) == []


@pytest.mark.parametrize(("part", "name", "reported"), [
    ("modules", "src/analysis/data/curated.py", "src/analysis/data/curated.py"),
    ("curated", "data/curated/sco_summits.csv", "data/curated/sco_summits.csv"),
    ("raw", "wdi_sp_pop_totl", "data/registry.csv: wdi_sp_pop_totl"),
])
def test_a_changed_input_is_reported(record, part, name, reported):
    record[part][name] = "0" * 64
    assert provenance.changes(record) == [reported]


def test_a_removed_module_and_a_new_environment_are_reported(record):
    record["modules"]["src/analysis/gone.py"] = "0" * 64
    record["environment"] = "0" * 64
    assert provenance.changes(record) == ["src/analysis/gone.py", "requirements.lock"]


def test_a_kernel_writes_its_record_when_it_exits_and_only_in_a_build(tmp_path):
    code = ("from analysis import provenance; from analysis.topics import stages; "
            "provenance.record_on_exit('22_economy'); stages.periods()")
    subprocess.run([sys.executable, "-c", code], check=True,
                   env={**os.environ, paths.RECORDS_ENV: str(tmp_path)})
    written = json.loads((tmp_path / "22_economy.json").read_text())
    assert "src/analysis/topics/stages.py" in written["modules"]
    assert "data/curated/sco_documents.csv" in written["curated"]
    outside = {k: v for k, v in os.environ.items() if k != paths.RECORDS_ENV}
    subprocess.run([sys.executable, "-c", code.replace("22_economy", "23_prospects")],
                   check=True, env=outside)
    assert not (tmp_path / "23_prospects.json").exists()
