"""A tiny book (the real configuration, one page, a few notebooks) to build in a test."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from analysis import paths
from tools import differential


@pytest.fixture
def tiny_book(tmp_path):
    """Write a book whose notebooks (name -> code of its one cell) are its chapters."""

    def write(notebooks: dict[str, str], markdown: str = "# Tiny\n",
              record: bool = True) -> Path:
        """With ``record``, each notebook records its inputs as a section's set-up does."""
        root = tmp_path / "src"
        (root / "book").mkdir(parents=True)
        (root / "notebooks").mkdir()
        shutil.copyfile(paths.REPO_ROOT / "_config.yml", root / "_config.yml")
        shutil.copyfile(paths.BIBLIOGRAPHY, root / "book" / "references.bib")
        shutil.copyfile(paths.REPO_ROOT / "book" / "favicon.svg", root / "book" / "favicon.svg")
        shutil.copytree(paths.REPO_ROOT / "book" / "extra", root / "book" / "extra")
        shutil.copytree(paths.REPO_ROOT / "book" / "_ext", root / "book" / "_ext")
        shutil.copytree(paths.REPO_ROOT / "book" / "_static", root / "book" / "_static")
        for licence in ("LICENSE", "LICENSE-content"):  # the site publishes them
            shutil.copyfile(paths.REPO_ROOT / licence, root / licence)
        (root / "book" / "index.md").write_text(markdown)
        for name, code in notebooks.items():
            if record:
                code = ("from analysis import provenance\n"
                        f"provenance.record_on_exit({name!r})\n{code}")
            notebook = nbformat.v4.new_notebook(cells=[
                nbformat.v4.new_markdown_cell(f"# Chapter {name}"),
                nbformat.v4.new_code_cell(code)])
            notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                               "language": "python"}
            nbformat.write(notebook, root / "notebooks" / f"{name}.ipynb")
        chapters = "".join(f"  - file: notebooks/{name}\n" for name in notebooks)
        (root / "_toc.yml").write_text(f"format: jb-book\nroot: book/index\nchapters:\n{chapters}")
        return root

    return write


@pytest.fixture
def build_book():
    """Run ``python -m tools.build`` on a book folder; return the finished process."""

    def build(source: Path, build_dir: Path, *options: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            differential.command(source, build_dir, *options), cwd=paths.REPO_ROOT,
            capture_output=True, text=True, timeout=600, check=False,
        )

    return build
