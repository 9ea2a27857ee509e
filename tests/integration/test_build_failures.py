"""A bad input must stop the build and leave no new book behind."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis import paths
from analysis.data import raw
from tools import differential

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


def _cached_copies(build_dir: Path) -> list[Path]:
    return sorted((build_dir / "site" / "_build" / ".jupyter_cache" / "executed").glob(
        "*/base.ipynb"))


def test_an_altered_cached_copy_is_executed_again_not_published(tmp_path, tiny_book,
                                                                build_book):
    source = tiny_book({"a": "print('the real output')"})
    build_dir = tmp_path / "build"
    assert build_book(source, build_dir).returncode == 0
    (copy,) = _cached_copies(build_dir)
    copy.write_text(copy.read_text().replace("the real output", "a forged output"))
    result = build_book(source, build_dir, "--force")  # Sphinx runs and reads the cache
    assert result.returncode == 0, result.stdout[-2000:]
    assert "its cached outputs are damaged or missing" in result.stdout
    page = (build_dir / "html" / "notebooks" / "a.html").read_text()
    assert "the real output" in page and "a forged output" not in page


@pytest.mark.parametrize("damage", ["copy removed", "database garbled"])
def test_a_damaged_execution_cache_never_blocks_a_build(tmp_path, tiny_book, build_book,
                                                        damage):
    source = tiny_book({"a": "print('out')"})
    build_dir = tmp_path / "build"
    assert build_book(source, build_dir).returncode == 0
    if damage == "copy removed":
        shutil.rmtree(_cached_copies(build_dir)[0].parent)
    else:
        (build_dir / "site" / "_build" / ".jupyter_cache" / "global.db").write_bytes(
            b"not a database" * 100)
    for options in ((), ("--force",)):  # and the next build is fine too
        result = build_book(source, build_dir, *options)
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "out" in (build_dir / "html" / "notebooks" / "a.html").read_text()


def test_a_second_build_of_the_same_folder_stops_at_once_with_a_message(tmp_path, tiny_book):
    # the first build's notebook waits (for the file "go") until the second one is done
    gate = tmp_path / "go"
    source = tiny_book({"a": "import pathlib, time\npathlib.Path('running').touch()\n"
                             f"while not pathlib.Path({str(gate)!r}).exists():\n"
                             "    time.sleep(0.05)\nprint('first')"})
    build_dir = tmp_path / "build"
    first = subprocess.Popen(
        differential.command(source, build_dir), cwd=paths.REPO_ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    try:
        running = source / "notebooks" / "running"
        deadline = time.monotonic() + 120
        while not running.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert running.exists(), "the first build never started its notebook"
        started = time.monotonic()
        second = subprocess.run(
            differential.command(source, build_dir), cwd=paths.REPO_ROOT,
            capture_output=True, text=True,
            timeout=120, check=False)
        assert time.monotonic() - started < 30  # at once, not after the first
        assert second.returncode == 1
        assert f"another build is using {build_dir}" in second.stderr
        assert len(second.stderr.strip().splitlines()) == 1
    finally:
        gate.touch()
        log, _ = first.communicate(timeout=300)
    assert first.returncode == 0, log[-3000:]
    assert "first" in (build_dir / "html" / "notebooks" / "a.html").read_text()


def test_a_data_cache_that_cannot_be_written_stops_the_build_in_one_line(tmp_path, tiny_book):
    source = tiny_book({"a": "print(1)"})
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    result = subprocess.run(
        differential.command(source, tmp_path / "build"), cwd=paths.REPO_ROOT,
        capture_output=True, text=True,
        env={**os.environ, paths.CACHE_ENV: str(blocked / "cache")}, timeout=600, check=False)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"BUILD FAILED: the data cache {blocked / 'cache'} cannot be written: Not a directory"]


def test_records_of_another_version_of_the_build_are_executed_again(tmp_path, tiny_book,
                                                                    build_book):
    source = tiny_book({"a": "print('out')"})
    build_dir = tmp_path / "build"
    assert build_book(source, build_dir).returncode == 0
    records = build_dir / "site" / "execution-records"
    for record in [*records.glob("*.json"), *records.glob("entries/*.json")]:
        record.write_text('{"notebook": "a", "modules": {}}')  # what an older build wrote
    result = build_book(source, build_dir)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "a.ipynb will execute again: no record of what its cached execution used" in (
        result.stdout)
