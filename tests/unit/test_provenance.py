"""Execution records: what a run read, as it read it, and what has changed since."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from analysis import paths, provenance


def _run(tmp_path, code: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """``code`` in a new Python that records from its start and saves as notebook "nb"."""
    script = textwrap.dedent("""\
        from analysis import provenance
        provenance.start()
        provenance.record_on_exit("nb")
        """) + textwrap.dedent(code)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=tmp_path, check=False,
                          env={**os.environ, paths.RECORDS_ENV: str(tmp_path / "records"),
                               **(env or {})})


def _record(tmp_path) -> dict:
    return json.loads((tmp_path / "records" / "pending" / "nb.json").read_text())


@pytest.fixture
def helper(tmp_path):
    """A module that reads a data file only when its function is called (lazily)."""
    (tmp_path / "helper.py").write_text(
        "def value():\n    import lazy\n    return open('table.csv').read() + lazy.X\n")
    (tmp_path / "lazy.py").write_text("X = 'lazy'\n")
    (tmp_path / "table.csv").write_text("a,b\n1,2\n")
    return tmp_path


def test_a_record_holds_every_file_read_even_lazily_and_the_modules(helper):
    result = _run(helper, "import helper\nprint(helper.value())")
    assert result.returncode == 0, result.stderr
    files = _record(helper)["files"]
    for name in ("helper.py", "lazy.py", "table.csv"):
        assert files[str(helper / name)] == provenance.digest(helper / name), name
    assert "src/analysis/provenance.py" in files  # imported before recording started


def test_a_file_looked_for_and_missing_is_recorded_as_missing(tmp_path):
    assert _run(tmp_path, "import os\ntry:\n    open('absent.txt')\n"
                "except FileNotFoundError:\n    pass\n").returncode == 0
    assert _record(tmp_path)["files"][str(tmp_path / "absent.txt")] is None


def test_files_written_and_installed_software_are_not_inputs(tmp_path):
    assert _run(tmp_path, "import numpy\nopen('out.txt', 'w').write('x')\n").returncode == 0
    files = _record(tmp_path)["files"]
    assert str(tmp_path / "out.txt") not in files
    assert not any("site-packages" in name for name in files)


def test_environment_variables_read_are_recorded_with_their_inherited_value(tmp_path):
    code = ("import os\nos.environ.get('BOOK_SETTING')\nos.getenv('BOOK_UNSET')\n"
            "os.environ['BOOK_OWN'] = 'set here'\nos.environ['BOOK_OWN']\n")
    assert _run(tmp_path, code, {"BOOK_SETTING": "1"}).returncode == 0
    environment = _record(tmp_path)["environment"]
    assert environment["BOOK_SETTING"] == "1" and environment["BOOK_UNSET"] is None
    assert environment["BOOK_OWN"] is None  # the process set it: not an input


def test_nothing_changed_right_after_a_run_and_each_change_is_named(helper):
    assert _run(helper, "import helper\nhelper.value()\nimport os\nos.getenv('BOOK_X')\n"
                ).returncode == 0
    record = _record(helper)
    assert provenance.changes(record, environment={}) == []
    (helper / "lazy.py").write_text("X = 'edited'\n")
    assert provenance.changes(record, environment={}) == [str(helper / "lazy.py")]
    assert provenance.changes(record, environment={"BOOK_X": "1"}) == [
        str(helper / "lazy.py"), "environment variable BOOK_X"]
    record["installed"] = "0" * 64
    assert "the installed packages" in provenance.changes(record, environment={})


def test_a_file_changed_while_the_process_ran_leaves_no_record(helper):
    code = "import helper\nhelper.value()\nopen('lazy.py', 'a').write('# saved meanwhile\\n')\n"
    result = _run(helper, code)
    assert result.returncode == 0
    assert not (helper / "records" / "pending" / "nb.json").exists()
    assert "changed while it ran: " in result.stderr and "lazy.py" in result.stderr


def test_the_data_registry_entries_used_are_recorded(tmp_path):
    assert _run(tmp_path, "from analysis.data import raw\nraw.entry('wdi_sp_pop_totl')\n"
                ).returncode == 0
    record = _record(tmp_path)
    assert "wdi_sp_pop_totl" in record["raw"]
    assert "data/registry.csv" in record["files"]  # so any edit of an entry is seen
    record["files"]["data/registry.csv"] = "0" * 64
    assert provenance.changes(record, environment={}) == ["data/registry.csv"]


def test_outside_a_build_nothing_is_recorded(tmp_path):
    code = "from analysis import provenance; provenance.record_on_exit('nb')"
    env = {k: v for k, v in os.environ.items() if k != paths.RECORDS_ENV}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path, env=env)
    assert not list(tmp_path.rglob("*.json"))
