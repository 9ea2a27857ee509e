"""The build executes exactly the notebooks whose cells or recorded inputs changed,
in parallel, and Sphinx then uses those outputs."""

from __future__ import annotations

import json

import nbformat
import pytest
from jupyter_cache import get_cache

from tools import build

pytestmark = pytest.mark.integration


def _stale(source, build_dir):
    site = build_dir / "site"
    return {notebook.name: reason for notebook, reason in build.stale_notebooks(
        source, site / "_build" / ".jupyter_cache", site / "execution-records").items()}


def _executed(result) -> list[str]:
    line = next((line for line in result.stdout.splitlines()
                 if line.startswith("executing ")), "executing 0 notebook(s), : ")
    return sorted(name for name in line.split(": ", 1)[1].split(", ") if name)


def test_stale_notebooks_run_in_parallel_and_sphinx_executes_none(tmp_path, tiny_book,
                                                                  build_book):
    source = tiny_book({"a": "print('from a')", "b": "print('from b')",
                        "91_replication": "print('last')"})
    build_dir = tmp_path / "build"
    assert set(_stale(source, build_dir)) == {"a.ipynb", "b.ipynb", "91_replication.ipynb"}

    result = build_book(source, build_dir)

    assert result.returncode == 0, result.stderr[-2000:]
    assert _executed(result) == ["a.ipynb", "b.ipynb"]  # the replication report waits
    log = result.stdout + result.stderr
    assert "a.ipynb: Executing notebook" not in log  # myst-nb found it executed
    assert "91_replication.ipynb: Executing notebook" in log  # run by myst-nb, after
    assert _stale(source, build_dir) == {}
    cache_dir = build_dir / "site" / "_build" / ".jupyter_cache"
    cached = get_cache(cache_dir).match_cache_notebook(
        nbformat.read(source / "notebooks" / "b.ipynb", as_version=4))
    outputs = get_cache(cache_dir).get_cache_bundle(cached.pk).nb.cells[0].outputs  # code only
    assert outputs[0]["text"] == "from b\n"
    assert "from b" in (build_dir / "html" / "notebooks" / "b.html").read_text()


def _change_recorded_input(build_dir, notebook: str, part: str, name: str) -> None:
    """Make the record of ``notebook`` say that input ``name`` had other bytes."""
    file = build_dir / "site" / "execution-records" / f"{notebook}.json"
    record = json.loads(file.read_text())
    assert name in record[part], f"{name} is not among the recorded {part}"
    record[part][name] = "0" * 64
    file.write_text(json.dumps(record))


# Three notebooks, each using different parts of the package and of the data.
USES = {
    "a": "from analysis.topics import stages\nprint(len(stages.periods()))",
    "b": "from analysis.data import curated\nprint(len(curated.load('sco_exercises')))",
    "c": "print('plain')",
}


def test_a_changed_input_executes_exactly_the_notebooks_that_used_it(tmp_path, tiny_book,
                                                                     build_book):
    source = tiny_book(USES)
    build_dir = tmp_path / "build"
    first = build_book(source, build_dir)
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-2000:]
    assert _executed(first) == ["a.ipynb", "b.ipynb", "c.ipynb"]

    _change_recorded_input(build_dir, "a", "modules", "src/analysis/topics/stages.py")
    assert set(_stale(source, build_dir)) == {"a.ipynb"}
    _change_recorded_input(build_dir, "b", "curated", "data/curated/sco_exercises.csv")
    assert set(_stale(source, build_dir)) == {"a.ipynb", "b.ipynb"}

    # --force: the files of this tiny book did not change, only the records
    again = build_book(source, build_dir, "--force")
    assert again.returncode == 0, again.stdout[-2000:]
    assert _executed(again) == ["a.ipynb", "b.ipynb"]
    assert "changed: src/analysis/topics/stages.py" in again.stdout
    assert _stale(source, build_dir) == {}


def test_what_each_notebook_used_is_recorded(tmp_path, tiny_book, build_book):
    source = tiny_book(USES)
    build_dir = tmp_path / "build"
    assert build_book(source, build_dir).returncode == 0
    records = build_dir / "site" / "execution-records"
    a, b, c = (json.loads((records / f"{name}.json").read_text()) for name in "abc")
    assert "src/analysis/topics/stages.py" in a["modules"]
    assert "src/analysis/topics/stages.py" not in b["modules"] | c["modules"]
    # the table of source tiers is read with every curated table (its rule applies)
    assert list(b["curated"]) == ["data/curated/sco_exercises.csv", "data/source_tiers.csv"]
    assert c["curated"] == {} and c["raw"] == {}


def test_editing_one_notebook_makes_only_it_stale(tmp_path, tiny_book, build_book):
    source = tiny_book({"a": "print(1)", "b": "print(2)"})
    build_dir = tmp_path / "build"
    assert build_book(source, build_dir).returncode == 0
    notebook = nbformat.read(source / "notebooks" / "a.ipynb", as_version=4)
    notebook.cells[1].source = "print(3)"
    nbformat.write(notebook, source / "notebooks" / "a.ipynb")
    assert _stale(source, build_dir) == {"a.ipynb": "new or edited cells"}


def test_a_notebook_without_a_record_always_executes_again(tmp_path, tiny_book, build_book):
    source = tiny_book({"a": "print(1)"}, record=False)
    build_dir = tmp_path / "build"
    assert build_book(source, build_dir).returncode == 0
    assert _stale(source, build_dir) == {"a.ipynb": "no record of what its last execution used"}
