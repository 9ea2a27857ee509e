"""A bad input must stop the build and leave no new book behind."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import paths
from analysis.data import raw

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
    for key, item in raw.registry().items():
        target = mirror / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(raw.fetch(key), target)
    victim = mirror / raw.entry("wdi_sp_pop_totl").path
    damaged = bytearray(victim.read_bytes())
    damaged[100] ^= 0x20  # one byte changed
    victim.write_bytes(bytes(damaged))
    build_dir = tmp_path / "build"

    result = _make_book({paths.MIRROR_ENV: str(mirror), paths.CACHE_ENV: str(tmp_path / "cache"),
                         paths.BUILD_ENV: str(build_dir)})

    assert result.returncode != 0
    assert str(victim) in result.stderr
    assert "wdi_sp_pop_totl" in result.stderr
    assert not (build_dir / "html").exists()


@pytest.mark.parametrize(("code", "markdown", "reason"), [
    ("raise RuntimeError('a notebook error')", "# Tiny\n",
     "Executing notebook failed: CellExecutionError"),
    ("print('fine')", "# Tiny\n\nSee {numref}`no-such-figure`.\n", "no-such-figure"),
], ids=["notebook-error", "sphinx-warning"])
def test_a_notebook_error_or_a_warning_fails_the_build(tmp_path, tiny_book, build_book, code,
                                                       markdown, reason):
    source = tiny_book({"chapter": code}, markdown)
    build_dir = tmp_path / "build"
    result = build_book(source, build_dir)
    assert result.returncode != 0, result.stdout[-2000:]
    assert reason in result.stdout + result.stderr  # failed for this reason, not another
    assert "BUILD FAILED" in result.stderr
    assert not (build_dir / "html").exists()
