"""The replication report is generated, complete and current."""

from __future__ import annotations

import importlib
import sqlite3

import nbformat

from analysis.sections import s91_replication
from tools import replication


def test_readme_list_and_notebook_captions_are_current():
    assert replication.main(["--check"]) == 0


def test_every_figure_and_table_names_an_existing_function():
    inventory = s91_replication.figure_inventory()
    assert len(inventory) > 20
    for dotted in inventory["function"]:
        module, _, name = dotted.rpartition(".")
        assert module.startswith("analysis.sections.s"), dotted
        assert callable(getattr(importlib.import_module(module), name)), dotted


def test_a_caption_edited_in_a_notebook_only_is_reported(tmp_path, monkeypatch):
    file, module = next((f, m) for f, m in s91_replication.section_modules().items()
                        if m.EXHIBITS)
    notebook = nbformat.read(replication.paths.REPO_ROOT / file, as_version=4)
    for cell in notebook.cells:
        figure = cell.get("metadata", {}).get("mystnb", {}).get("figure")
        if figure:
            figure["caption"] += " Edited."
            break
    copy = tmp_path / file
    copy.parent.mkdir(parents=True)
    nbformat.write(notebook, copy)
    monkeypatch.setattr(replication.paths, "REPO_ROOT", tmp_path)
    monkeypatch.setattr(s91_replication, "section_modules", lambda: {file: module})
    assert replication.caption_problems() == [
        f"{file}: the caption of {figure['name']} differs from {module.__name__}.EXHIBITS"]


def test_registry_report_lists_every_file_with_its_hash():
    table = s91_replication.data_registry()
    checksums = s91_replication.data_checksums()
    assert list(checksums.index) == list(table.index) and len(table) > 20
    assert checksums["SHA-256"].str.fullmatch(r"[0-9a-f]{64}").all()
    assert table["Licence"].str.len().gt(0).all()


def test_no_caption_has_a_dollar_sign():
    # Two dollar signs in one paragraph are inline maths to MyST (dollarmath), and maths
    # on one page loads MathJax from a CDN on every page of the book.
    inventory = s91_replication.figure_inventory()
    assert not inventory[inventory["caption"].str.contains("$", regex=False)]["name"].tolist()


def test_a_table_without_a_caption_is_reported(tmp_path, monkeypatch):
    file, module = next((f, m) for f, m in s91_replication.section_modules().items()
                        if m.EXHIBITS)
    notebook = nbformat.read(replication.paths.REPO_ROOT / file, as_version=4)
    cell = next(c for c in notebook.cells if c.get("metadata", {}).get("mystnb", {}).get(
        "figure", {}).get("name", "").startswith("tbl-"))
    del cell.metadata["mystnb"]
    copy = tmp_path / file
    copy.parent.mkdir(parents=True)
    nbformat.write(notebook, copy)
    monkeypatch.setattr(replication.paths, "REPO_ROOT", tmp_path)
    monkeypatch.setattr(s91_replication, "section_modules", lambda: {file: module})
    problems = replication.caption_problems()
    assert any("has no label and caption" in problem for problem in problems), problems


def test_execution_times_show_each_notebook_once_as_last_built(tmp_path):
    database = tmp_path / "global.db"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE nbcache (uri TEXT, data JSON, accessed DATETIME)")
        connection.executemany("INSERT INTO nbcache VALUES (?, ?, ?)", [
            ("/site/notebooks/00_introduction.ipynb", '{"execution_seconds": 9.0}',
             "2026-01-01 10:00:00"),
            ("/site/notebooks/00_introduction.ipynb", '{"execution_seconds": 6.25}',
             "2026-01-02 10:00:00"),
            ("/site/notebooks/11_regional_security.ipynb", '{"execution_seconds": 3.0}',
             "2026-01-01 09:00:00")])
    table = s91_replication.execution_times(tmp_path)
    assert table["Seconds"].to_dict() == {"00_introduction.ipynb": 6.2,
                                          "11_regional_security.ipynb": 3.0}
