"""A bad input must stop the build and leave no new book behind."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from analysis import data, paths

pytestmark = pytest.mark.integration


def _make_book(env_overrides: dict[str, str]) -> subprocess.CompletedProcess:
    venv = Path(sys.prefix)
    env = {**os.environ, **env_overrides}
    # -o: use the environment running these tests as it is; never reinstall it here.
    return subprocess.run(
        ["make", "-C", str(paths.REPO_ROOT), "book", f"VENV={venv}", "-o", f"{venv}/.installed"],
        env=env, capture_output=True, text=True, timeout=600, check=False,
    )


def test_a_corrupted_mirror_file_stops_make_book(tmp_path):
    mirror = tmp_path / "mirror"
    for key, item in data.registry().items():
        target = mirror / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(data.fetch(key), target)
    victim = mirror / data.entry("wdi_sp_pop_totl").path
    raw = bytearray(victim.read_bytes())
    raw[100] ^= 0x20  # one byte changed
    victim.write_bytes(bytes(raw))
    build_dir = tmp_path / "build"

    result = _make_book({paths.MIRROR_ENV: str(mirror), paths.CACHE_ENV: str(tmp_path / "cache"),
                         paths.BUILD_ENV: str(build_dir)})

    assert result.returncode != 0
    assert str(victim) in result.stderr
    assert "wdi_sp_pop_totl" in result.stderr
    assert not (build_dir / "html").exists()


def _tiny_book(root: Path, notebook_source: str, markdown: str = "# Tiny\n") -> Path:
    shutil.copyfile(paths.REPO_ROOT / "_config.yml", root / "_config.yml")
    (root / "book").mkdir()
    shutil.copyfile(paths.BIBLIOGRAPHY, root / "book" / "references.bib")
    (root / "book" / "index.md").write_text(markdown)
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# A chapter"), nbformat.v4.new_code_cell(notebook_source)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    (root / "notebooks").mkdir()
    nbformat.write(notebook, root / "notebooks" / "chapter.ipynb")
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: book/index\nchapters:\n  - file: notebooks/chapter\n")
    return root


@pytest.mark.parametrize(("code", "markdown"), [
    ("raise RuntimeError('a notebook error')", "# Tiny\n"),
    ("print('fine')", "# Tiny\n\nSee {numref}`no-such-figure`.\n"),
], ids=["notebook-error", "sphinx-warning"])
def test_a_notebook_error_or_a_warning_fails_the_build(tmp_path, code, markdown):
    source = tmp_path / "src"
    source.mkdir()
    _tiny_book(source, code, markdown)
    build_dir = tmp_path / "build"
    result = subprocess.run(
        [sys.executable, "-m", "analysis.build", "--source", str(source),
         "--build-dir", str(build_dir)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode != 0, result.stdout[-2000:]
    assert "BUILD FAILED" in result.stderr
    assert not (build_dir / "html").exists()
