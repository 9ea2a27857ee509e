"""The build executes exactly the notebooks whose cells or recorded inputs changed,
in parallel, and Sphinx then uses those outputs."""

from __future__ import annotations

import json

import nbformat
import pytest
from jupyter_cache import get_cache

from tools import differential, execution

pytestmark = pytest.mark.integration


def _stale(source, build_dir):
    site = execution.Site(build_dir / "site")
    return {notebook.name: reason
            for notebook, reason in execution.stale_notebooks(
                sorted((source / "notebooks").glob("*.ipynb")), site).items()}


_executed = differential.executed


def test_stale_notebooks_run_in_parallel_and_sphinx_executes_none(tmp_path, tiny_book,
                                                                  build_book):
    source = tiny_book({"a": "print('from a')", "b": "print('from b')",
                        "91_replication": "print('last')"})
    build_dir = tmp_path / "build"
    assert set(_stale(source, build_dir)) == {"a.ipynb", "b.ipynb", "91_replication.ipynb"}

    result = build_book(source, build_dir)

    assert result.returncode == 0, result.stderr[-2000:]
    # the replication report is executed too, after the others
    assert _executed(result) == ["91_replication.ipynb", "a.ipynb", "b.ipynb"]
    log = result.stdout + result.stderr
    assert "Executing notebook" not in log  # myst-nb found every one executed
    assert _stale(source, build_dir) == {}
    cache_dir = build_dir / "site" / "_build" / ".jupyter_cache"
    cached = get_cache(cache_dir).match_cache_notebook(
        nbformat.read(source / "notebooks" / "b.ipynb", as_version=4))
    outputs = get_cache(cache_dir).get_cache_bundle(cached.pk).nb.cells[0].outputs  # code only
    assert outputs[0]["text"] == "from b\n"
    assert "from b" in (build_dir / "html" / "notebooks" / "b.html").read_text()


def _change_recorded_input(build_dir, notebook: str, name: str) -> None:
    """Make the record of ``notebook``'s cached copy say that file ``name`` had other
    bytes when it was read."""
    site = execution.Site(build_dir / "site")
    current = json.loads((site.records / f"{notebook}.json").read_text())
    assert name in current["files"], f"{name} is not among the files {notebook} read"
    for entry in site.entries.glob("*.json"):
        record = json.loads(entry.read_text())
        if record == current:
            record["files"][name] = "0" * 64
            entry.write_text(json.dumps(record))
            return
    raise AssertionError(f"no cached copy of {notebook} has its current record")


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

    _change_recorded_input(build_dir, "a", "src/analysis/topics/stages.py")
    assert set(_stale(source, build_dir)) == {"a.ipynb"}
    _change_recorded_input(build_dir, "b", "data/curated/sco_exercises.csv")
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
    a, b, c = (json.loads((records / f"{name}.json").read_text())["files"] for name in "abc")
    assert "src/analysis/topics/stages.py" in a
    assert "src/analysis/topics/stages.py" not in b.keys() | c.keys()
    # the table of source tiers is read with every curated table (its rule applies)
    assert {"data/curated/sco_exercises.csv", "data/source_tiers.csv"} <= b.keys()
    assert not any(name.startswith("data/") for name in c)


def test_editing_one_notebook_makes_only_it_stale(tmp_path, tiny_book, build_book):
    source = tiny_book({"a": "print(1)", "b": "print(2)"})
    build_dir = tmp_path / "build"
    assert build_book(source, build_dir).returncode == 0
    notebook = nbformat.read(source / "notebooks" / "a.ipynb", as_version=4)
    notebook.cells[1].source = "print(3)"
    nbformat.write(notebook, source / "notebooks" / "a.ipynb")
    assert _stale(source, build_dir) == {"a.ipynb": "new or edited cells"}


def test_a_cached_copy_without_its_record_executes_again(tmp_path, tiny_book, build_book):
    source = tiny_book({"a": "print(1)"}, record=False)  # the executor's kernels record
    build_dir = tmp_path / "build"
    assert build_book(source, build_dir).returncode == 0
    assert _stale(source, build_dir) == {}
    for entry in execution.Site(build_dir / "site").entries.glob("*.json"):
        entry.unlink()
    assert _stale(source, build_dir) == {
        "a.ipynb": "no record of what its cached execution used"}


def test_the_appendix_executes_again_only_when_what_it_reports_changed(tmp_path, tiny_book,
                                                                       build_book):
    source = tiny_book({
        "a": "import helper\nprint(helper.VALUE)",
        "91_replication": "from analysis import paths\n"
                          "print(paths.dependencies_file().read_text())"})
    (source / "notebooks" / "helper.py").write_text("VALUE = 1\n")
    build_dir = tmp_path / "build"
    assert _executed(build_book(source, build_dir)) == ["91_replication.ipynb", "a.ipynb"]
    page = build_dir / "html" / "notebooks" / "91_replication.html"
    assert "helper.py" in page.read_text()

    (source / "notebooks" / "helper.py").write_text("VALUE = 2\n")  # the same files read
    assert _executed(build_book(source, build_dir)) == ["a.ipynb"]
    (source / "notebooks" / "helper.py").write_text("import other\nVALUE = 3\n")
    (source / "notebooks" / "other.py").write_text("")  # a file more
    result = build_book(source, build_dir)
    assert _executed(result) == ["91_replication.ipynb", "a.ipynb"], result.stdout
    assert "91_replication.ipynb will execute again: changed: " in result.stdout
    assert "other.py" in page.read_text()
