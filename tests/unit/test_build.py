"""The book key (the build does nothing when none of the book's inputs changed), and
publishing all of a book or none (or none at all when the executor fails)."""

from __future__ import annotations

import errno
import os
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


def _record_a_sphinx_child(tmp_path, code: str, **env: str) -> dict:
    """Run ``code`` as the build runs Sphinx (recording its reads); its record."""
    record = build.sphinx_record(tmp_path / "site", "html")
    record.parent.mkdir(exist_ok=True, parents=True)
    script = f"from tools import build; build.record_sphinx_reads()\n{code}"
    subprocess.run([sys.executable, "-c", script], cwd=build.paths.REPO_ROOT, check=True,
                   env={**os.environ, build.SPHINX_RECORD_ENV: str(record), **env})
    return execution.read_record(record)


def test_a_sphinx_child_records_the_modules_files_and_variables_it_reads_not_its_output(
        tmp_path):
    """What the book's extensions import and read (the languages layer, the thesis
    passages, a catalogue) is recorded as Sphinx reads it, not listed by hand."""
    (tmp_path / "words.txt").write_text("read\n")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "page.doctree").write_text("what an earlier build wrote\n")
    record = _record_a_sphinx_child(tmp_path, (
        "import sys; sys.path.insert(0, 'book/_ext'); import pathlib, os\n"
        "for ext in sorted(pathlib.Path('book/_ext').glob('*.py')): __import__(ext.stem)\n"
        "from analysis.presentation import language\n"
        "language.catalogue_path('ru').read_bytes()\n"
        f"open({str(tmp_path / 'words.txt')!r}).read(); os.environ.get('BOOK_WORD')\n"
        f"open({str(tmp_path / 'site' / 'page.doctree')!r}).read()"), BOOK_WORD="word")
    files = record["files"]
    catalogue = build.paths.REPO_ROOT / "locale" / "ru" / "LC_MESSAGES"
    assert {"src/analysis/presentation/language.py", "src/analysis/data/thesis.py",
            "book/_ext/exhibits.py", str(tmp_path / "words.txt")} <= files.keys()
    assert any(name.startswith(catalogue.relative_to(build.paths.REPO_ROOT).as_posix())
               for name in files)
    assert not [name for name in files if name.startswith(str(tmp_path / "site"))]
    assert record["environment"]["BOOK_WORD"] == "word"
    assert build.SPHINX_RECORD_ENV not in record["environment"]


@pytest.mark.parametrize("change", ["a file it read", "a variable it read", "no record"])
def test_sphinx_reads_every_page_again_when_what_it_read_changed(tmp_path, change):
    source, site = tmp_path / "book", tmp_path / "site"
    (source / "book").mkdir(parents=True)
    (source / "_config.yml").write_text("title: x\n")
    words = tmp_path / "words.txt"
    words.write_text("one\n")
    doctrees = site / "_build" / ".doctrees"

    def build_once(env) -> bool:  # whether the doctrees were kept
        doctrees.mkdir(parents=True, exist_ok=True)
        key = build.drop_stale_doctrees(source, site, "html", env)
        kept = doctrees.is_dir()
        record = _record_a_sphinx_child(
            tmp_path, f"import os; open({str(words)!r}).read(); os.environ.get('BOOK_WORD')",
            **env)
        assert record is not None
        build.sphinx_done(site, "html", key, True, source)
        return kept

    env = {"BOOK_WORD": "one"}
    build_once(env)
    assert build_once(env), "nothing changed, yet Sphinx would read every page again"
    if change == "a file it read":
        words.write_text("two\n")
    elif change == "a variable it read":
        env = {"BOOK_WORD": "two"}
    else:
        build.sphinx_record(site, "html").unlink()
    assert not build_once(env)


def test_a_failed_sphinx_build_leaves_no_record_so_the_next_reads_every_page(tmp_path):
    site = tmp_path / "site"
    record = build.sphinx_record(site, "html")
    record.parent.mkdir(parents=True)
    record.write_text('{"files": {}, "environment": {}, "raw": {}, "installed": ""}')
    build.sphinx_done(site, "html", "key", False, tmp_path)
    assert not record.exists()
    assert not (site / "sphinx-inputs-html.txt").exists()


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
