"""The book key (the build does nothing when none of the book's inputs changed), and
publishing all of a book or none (or none at all when the executor fails)."""

from __future__ import annotations

import errno
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tools import build, execution


def test_content_key_changes_with_content_and_names(tmp_path):
    (tmp_path / "src").mkdir()
    module = tmp_path / "src" / "m.py"
    module.write_text("x = 1\n")
    key = build.content_key(["src/*.py"], tmp_path)
    assert build.content_key(["src/*.py"], tmp_path) == key
    module.write_text("x = 2\n")
    changed = build.content_key(["src/*.py"], tmp_path)
    assert changed != key
    module.rename(tmp_path / "src" / "n.py")
    assert build.content_key(["src/*.py"], tmp_path) != changed


def test_book_inputs_cover_the_package_the_data_and_the_environment_not_the_tools():
    files = {p.relative_to(build.paths.REPO_ROOT).as_posix() for pattern in build.BOOK_INPUTS
             for p in build.paths.REPO_ROOT.glob(pattern)}
    assert "src/analysis/topics/footprint.py" in files
    assert {"data/registry.csv", "data/curated/sco_status.csv", "requirements.lock"} <= files
    assert not any(f.startswith("tools/") for f in files)


def test_what_the_extensions_import_and_read_is_a_sphinx_input():
    """An edit of a module a book extension imports (the languages layer, the numbering,
    the thesis passages) or of a file it reads must make Sphinx read the pages again."""
    code = ("import sys; sys.path.insert(0, 'book/_ext'); import pathlib\n"
            "for ext in pathlib.Path('book/_ext').glob('*.py'): __import__(ext.stem)\n"
            "from analysis.presentation import language\n"
            "print(language.catalogue_path('ru'))\n"
            "from analysis import paths; print(paths.CURATED_DIR)\n"
            "for m in list(sys.modules.values()):\n"
            "    f = getattr(m, '__file__', None) or ''\n"
            "    if '/src/analysis/' in f: print(f)")
    shown = subprocess.run([sys.executable, "-c", code], cwd=build.paths.REPO_ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    root = build.paths.REPO_ROOT
    inputs = {p.resolve() for pattern in build.SPHINX_INPUTS for p in root.glob(pattern)}
    catalogue, curated_dir, *modules = (Path(name).resolve() for name in shown)
    assert modules and not set(modules) - inputs, set(modules) - inputs
    assert catalogue in inputs
    assert set(curated_dir.glob("*.csv")) <= inputs


def test_a_full_disk_while_publishing_keeps_the_old_book_and_leaves_no_copy(tmp_path,
                                                                            monkeypatch):
    built, target = tmp_path / "built", tmp_path / "html"
    for folder, text in ((built, "new"), (target, "old")):
        folder.mkdir()
        (folder / "index.html").write_text(text)

    def full(source, destination, **_):
        Path(destination).mkdir()
        (Path(destination) / "half.html").write_text("x")
        raise OSError(errno.ENOSPC, "No space left on device", str(destination))

    monkeypatch.setattr(shutil, "copytree", full)
    with pytest.raises(build.BuildError, match="No space left on device"):
        build._publish(built, target)
    assert (target / "index.html").read_text() == "old"
    assert not (tmp_path / "html.new").exists()


def test_no_schema_the_build_validates_checks_a_format():
    """The build's processes skip jsonschema's IRI grammar (execution.skip_unused_grammar):
    sound only while the schemas they validate check no format."""
    import importlib.util

    packages = [Path(importlib.util.find_spec(name).origin).parent
                for name in ("nbformat", "jupyter_book", "myst_nb", "jupyter_cache")]
    schemas = [file for package in packages for file in package.rglob("*.json")
               if '"$schema"' in file.read_text(encoding="utf-8", errors="replace")
               or "schema" in file.name]
    assert schemas, "no schemas found: the test looks in the wrong place"
    assert [file for file in schemas
            if re.search(r'"format"\s*:\s*"', file.read_text(encoding="utf-8"))] == []


def test_an_executor_that_fails_stops_the_build(tmp_path, capfd):
    """An error of the executor itself (here: a book without its configuration) must not
    let Sphinx go on with whatever the cache holds."""
    site = tmp_path / "site"
    with pytest.raises(execution.ExecutorFailed, match="exit code 1"):
        execution.execute_interruptibly({tmp_path / "a.ipynb": "new or edited cells"},
                                        tmp_path, site)
    assert "_config.yml" in capfd.readouterr().err  # the child's own traceback


def test_one_process_at_a_time_writes_the_execution_cache(tmp_path):
    """jupyter-cache prunes after each write in two queries; a copy written between them
    by a second worker would be removed (execution.writing)."""
    cache, order = tmp_path / "cache", []

    def second_writer():
        with execution.writing(cache):
            order.append("second")

    with execution.writing(cache):
        other = threading.Thread(target=second_writer)
        other.start()
        other.join(0.5)  # it waits for the lock
        order.append("first done")
    other.join(10)
    assert order == ["first done", "second"]
