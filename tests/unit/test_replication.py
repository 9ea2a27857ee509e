"""The replication report is generated, complete and current."""

from __future__ import annotations

import importlib
import json
import subprocess

import nbformat

from analysis import paths
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


def test_the_commit_is_read_from_git_s_files_loose_packed_or_detached(tmp_path):
    git = tmp_path / ".git"
    (git / "refs" / "heads").mkdir(parents=True)
    assert s91_replication.git_commit(tmp_path) == "not a git checkout"
    (git / "HEAD").write_text("ref: refs/heads/main\n")
    (git / "packed-refs").write_text("# pack-refs with: peeled\n" + "a" * 40
                                     + " refs/heads/main\n")
    assert s91_replication.git_commit(tmp_path) == "a" * 40
    (git / "refs" / "heads" / "main").write_text("b" * 40 + "\n")  # a newer loose ref
    assert s91_replication.git_commit(tmp_path) == "b" * 40
    (git / "HEAD").write_text("c" * 40 + "\n")
    assert s91_replication.git_commit(tmp_path) == "c" * 40


def test_the_commit_of_this_checkout_is_the_one_git_names():
    head = subprocess.run(["git", "-C", str(paths.REPO_ROOT), "rev-parse", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()
    assert s91_replication.git_commit() == head


def test_dependencies_come_from_the_build_s_summary(tmp_path):
    summary = tmp_path / "dependencies.json"
    assert s91_replication.dependencies(summary).empty  # no build yet
    summary.write_text(json.dumps({"22_economy": {
        "files": ["book/references.bib", "data/curated/sco_exercises.csv",
                  "data/registry.csv", "data/source_tiers.csv",
                  "src/analysis/sections/s22_economy.py", "src/analysis/topics/__init__.py",
                  "src/analysis/data/raw.py"],
        "raw": ["wdi"]}}))
    table = s91_replication.dependencies(summary)
    assert table.to_dict("index") == {"22_economy.ipynb": {
        "Datasets": "wdi", "Curated tables": "references, sco_exercises, source_tiers",
        "Modules": "sections/s22_economy"}}
