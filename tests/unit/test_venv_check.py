"""A venv that cannot be trusted is rebuilt, and a wrong $(PYTHON) is named at once.

The issue: a first `make book` run with python3 at 3.12 (pyproject.toml requires 3.11) left a
.venv made by 3.12, and every later `make` reused it and failed with no hint. These tests
judge fake venvs with tools/venv_check.py (only files are read, so fakes are enough), and
run the Makefile's install rule on them, with stand-ins for pip, to show that the
.installed stamp is remade exactly when the venv is stale.
"""

from __future__ import annotations

import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from analysis import paths

_SPEC = importlib.util.spec_from_file_location(
    "venv_check", paths.REPO_ROOT / "tools" / "venv_check.py")
venv_check = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(venv_check)

SPECIFIER = venv_check.requires_python()
# The real interpreter behind the one running the tests (which may itself be a venv's).
BASE_PYTHON = Path(os.path.realpath(sys.executable))


def _fake_venv(root: Path, version: str = platform.python_version(), stamp: bool = True,
               python: Path | None = BASE_PYTHON) -> Path:
    """A directory laid out as `python -m venv` leaves one, without its site-packages."""
    venv = root / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "lib").mkdir()
    (venv / "pyvenv.cfg").write_text(
        f"home = {BASE_PYTHON.parent}\ninclude-system-site-packages = false\n"
        f"version = {version}\nexecutable = {BASE_PYTHON}\n")
    if python is not None:
        (venv / "bin" / "python").symlink_to(python)
    if stamp:
        (venv / ".installed").touch()
    return venv


def test_requires_python_is_read_as_tomllib_reads_it():
    project = tomllib.loads((paths.REPO_ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == SPECIFIER


@pytest.mark.parametrize(("version", "expected"), [
    ((3, 11, 0), True), ((3, 11, 7), True), ((3, 11, 12), True),
    ((3, 12, 0), False), ((3, 12, 1), False), ((3, 10, 13), False), ((2, 7, 18), False),
])
def test_the_running_python_must_satisfy_requires_python(version, expected):
    assert venv_check.satisfies(version, ">=3.11,<3.12") is expected


@pytest.mark.parametrize(("specifier", "expected"), [
    ("==3.11.*", True), ("!=3.11.*", False), ("~=3.11", True), ("~=3.11.8", False),
    ("==3.11.7", True), (">3.11.7", False), ("<=3.11.7", True), (">=3.9, !=3.10.*", True),
])
def test_the_other_clauses_of_a_requires_python(specifier, expected):
    assert venv_check.satisfies((3, 11, 7), specifier) is expected


def test_a_venv_of_the_running_python_is_fine(tmp_path, capsys):
    venv = _fake_venv(tmp_path)
    assert venv_check.venv_problem(str(venv), SPECIFIER) is None
    assert venv_check.main([str(venv)]) == 0
    assert (venv / ".installed").exists()
    assert capsys.readouterr() == ("", "")


def test_a_venv_made_by_python_3_12_is_stale_and_removed_with_one_line(tmp_path, capsys):
    venv = _fake_venv(tmp_path, version="3.12.1")
    assert "3.12.1" in venv_check.venv_problem(str(venv), SPECIFIER)
    assert venv_check.main(["--python-name", "python3", str(venv)], version=(3, 11, 7)) == 0
    assert not venv.exists()
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert "was made by Python 3.12.1" in out and "removing it to rebuild it" in out


@pytest.mark.parametrize("damage", ["no pyvenv.cfg", "no stamp", "no bin/python",
                                    "python of another version"])
def test_a_half_made_or_broken_venv_is_stale(tmp_path, damage):
    if damage == "python of another version":
        # What the old Makefile left: 3.11's pyvenv.cfg over 3.12's bin/python.
        other = tmp_path / "base" / "python3.12"
        other.parent.mkdir()
        other.touch()
        venv = _fake_venv(tmp_path, python=other)
    else:
        venv = _fake_venv(tmp_path, stamp=damage != "no stamp",
                          python=tmp_path / "gone" if damage == "no bin/python" else BASE_PYTHON)
    if damage == "no pyvenv.cfg":
        (venv / "pyvenv.cfg").unlink()
    assert venv_check.venv_problem(str(venv), SPECIFIER) is not None
    assert venv_check.main([str(venv)], version=(3, 11, 7)) == 0
    assert not venv.exists()


def test_a_wrong_python_stops_at_once_and_says_how_to_set_python(tmp_path, capsys):
    venv = tmp_path / "venv"
    assert venv_check.main(["--python-name", "python3", str(venv)], version=(3, 12, 1)) == 1
    assert not venv.exists()
    err = capsys.readouterr().err
    assert "PYTHON=python3 is Python 3.12.1" in err
    assert SPECIFIER in err and "make PYTHON=" in err


def test_a_wrong_python_leaves_a_stale_venv_alone_and_a_good_one_in_use(tmp_path, capsys):
    stale = _fake_venv(tmp_path / "stale", version="3.12.1")
    assert venv_check.main([str(stale)], version=(3, 12, 1)) == 1
    assert stale.exists()
    assert "it will then be rebuilt" in capsys.readouterr().err
    good = _fake_venv(tmp_path / "good")
    assert venv_check.main([str(good)], version=(3, 12, 1)) == 0


def test_a_directory_that_is_no_venv_is_never_removed(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert venv_check.main([str(tmp_path)]) == 2
    assert (tmp_path / "notes.txt").exists()
    assert "not a virtual environment" in capsys.readouterr().err


# The Makefile's install rule, run on fake venvs: PY stands in for the venv's Python (so no
# pip runs) and PYTHON for the interpreter, making venvs without pip (so it takes no time).

needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")


def _make_install(venv: Path, python: str, py: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(
        ["make", "-C", str(paths.REPO_ROOT), "--no-print-directory", "install",
         f"VENV={venv}", f"PYTHON={python}", f"PY={py}"],
        env=env, capture_output=True, text=True, timeout=120, check=False)


def _python_stand_in(tmp_path: Path) -> str:
    stand_in = tmp_path / "python"
    stand_in.write_text(
        "#!/bin/sh\n"
        f'if [ "$1 $2" = "-m venv" ]; then shift 2; exec "{sys.executable}" -m venv'
        ' --without-pip "$@"; fi\n'
        f'exec "{sys.executable}" "$@"\n')
    stand_in.chmod(0o755)
    return str(stand_in)


def _age(venv: Path) -> None:
    """Make pyvenv.cfg an hour old and the stamp newer than anything in the checkout."""
    hour_ago = time.time() - 3600
    os.utime(venv / "pyvenv.cfg", (hour_ago, hour_ago))
    soon = time.time() + 60
    os.utime(venv / ".installed", (soon, soon))


@needs_make
def test_make_install_keeps_a_good_venv_and_installs_nothing(tmp_path):
    venv = _fake_venv(tmp_path)
    _age(venv)
    before = (venv / ".installed").stat().st_mtime
    result = _make_install(venv, _python_stand_in(tmp_path), py="false")
    assert result.returncode == 0, result.stdout + result.stderr  # `false -m pip` never ran
    assert (venv / ".installed").stat().st_mtime == before


@needs_make
def test_make_install_rebuilds_a_stamped_venv_of_python_3_12(tmp_path):
    venv = _fake_venv(tmp_path, version="3.12.1")
    _age(venv)
    result = _make_install(venv, _python_stand_in(tmp_path), py="echo")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "was made by Python 3.12.1" in result.stdout
    assert "--require-hashes -r requirements.lock" in result.stdout
    assert f"version = {platform.python_version()}" in (venv / "pyvenv.cfg").read_text()
    assert (venv / ".installed").exists()


def _other_python() -> str | None:
    """An interpreter outside requires-python on this machine, if there is one."""
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates = [shutil.which(f"python3.{minor}") for minor in (12, 13, 10)]
    candidates += [str(path) for path in sorted(root.glob("versions/3.1[023].*/bin/python3"))]
    for candidate in candidates:
        if candidate and "shims" not in candidate:
            return candidate
    return None


@needs_make
@pytest.mark.skipif(_other_python() is None, reason="no Python other than 3.11 here")
def test_make_install_with_a_wrong_python_fails_at_once(tmp_path):
    venv = tmp_path / "venv"
    result = _make_install(venv, _other_python(), py="false")
    assert result.returncode != 0
    assert "but this project needs Python" in result.stderr and "PYTHON=" in result.stderr
    assert not venv.exists()
