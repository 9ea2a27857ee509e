"""The build executes stale notebooks in parallel, and Sphinx then uses those outputs."""

from __future__ import annotations

import nbformat
import pytest
from jupyter_cache import get_cache

from tools import build

pytestmark = pytest.mark.integration


def test_stale_notebooks_run_in_parallel_and_sphinx_executes_none(tmp_path, tiny_book,
                                                                  build_book):
    source = tiny_book({"a": "print('from a')", "b": "print('from b')",
                        "91_replication": "print('last')"})
    build_dir = tmp_path / "build"
    cache_dir = build_dir / "site" / "_build" / ".jupyter_cache"
    assert [p.name for p in build.notebooks_to_execute(source, cache_dir)] == [
        "a.ipynb", "b.ipynb"]  # the replication report waits for the others

    result = build_book(source, build_dir)

    assert result.returncode == 0, result.stderr[-2000:]
    assert "executing 2 notebook(s)" in result.stdout
    log = result.stdout + result.stderr
    assert "a.ipynb: Executing notebook" not in log  # myst-nb found it executed
    assert "91_replication.ipynb: Executing notebook" in log  # run by myst-nb, after
    assert build.notebooks_to_execute(source, cache_dir) == []
    cached = get_cache(cache_dir).match_cache_notebook(
        nbformat.read(source / "notebooks" / "b.ipynb", as_version=4))
    outputs = get_cache(cache_dir).get_cache_bundle(cached.pk).nb.cells[0].outputs  # code only
    assert outputs[0]["text"] == "from b\n"
    assert "from b" in (build_dir / "html" / "notebooks" / "b.html").read_text()


def test_editing_one_notebook_makes_only_it_stale(tmp_path, tiny_book, build_book):
    source = tiny_book({"a": "print(1)", "b": "print(2)"})
    build_dir = tmp_path / "build"
    assert build_book(source, build_dir).returncode == 0
    notebook = nbformat.read(source / "notebooks" / "a.ipynb", as_version=4)
    notebook.cells[1].source = "print(3)"
    nbformat.write(notebook, source / "notebooks" / "a.ipynb")
    cache_dir = build_dir / "site" / "_build" / ".jupyter_cache"
    assert [p.name for p in build.notebooks_to_execute(source, cache_dir)] == ["a.ipynb"]
