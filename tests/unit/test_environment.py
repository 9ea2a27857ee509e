"""The environment is pinned, and its three descriptions agree."""

from __future__ import annotations

import re
import tomllib

from analysis import paths


def _pins(lines):
    """{normalised name: version} (PEP 503: case and '-', '_', '.' do not matter)."""
    return {re.sub(r"[-_.]+", "-", line.split("==")[0]).lower(): line.split("==")[1]
            for line in lines if "==" in line}


def _pyproject():
    project = tomllib.loads((paths.REPO_ROOT / "pyproject.toml").read_text())["project"]
    return project["dependencies"] + project["optional-dependencies"]["test"]


def test_pyproject_pins_every_dependency_exactly():
    assert all("==" in requirement for requirement in _pyproject())


def test_environment_yml_has_the_same_pins_as_pyproject():
    text = (paths.REPO_ROOT / "environment.yml").read_text()
    yml = [line.strip()[2:] for line in text.splitlines() if line.strip().startswith("- ")]
    assert _pins(yml) == _pins(_pyproject())
    assert "python=3.11" in yml


def _lock():
    """The requirements of requirements.lock, each as [name==version, --hash=..., ...].

    Each is written 'name==version \\' followed by '    --hash=sha256:...' continuation
    lines (pip's hash-checking mode), so continuations are joined before lines are read.
    """
    text = (paths.REPO_ROOT / "requirements.lock").read_text().replace("\\\n", " ")
    return [line.split() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def test_lock_file_pins_everything_and_agrees_with_pyproject():
    requirements = _lock()
    assert len(requirements) > 100
    assert all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*==[^=\s]+", words[0])
               for words in requirements)
    locked = _pins(words[0] for words in requirements)
    for name, version in _pins(_pyproject()).items():
        assert locked[name] == version, name


def test_every_locked_requirement_carries_a_hash():
    """`pip install --require-hashes` refuses a requirement without one."""
    for name, *options in _lock():
        assert options, f"{name} has no --hash"
        assert all(re.fullmatch(r"--hash=sha256:[0-9a-f]{64}", option) for option in options), name


def test_pip_and_setuptools_are_locked_as_the_build_and_make_lock_want_them():
    """The venv gets the pinned pip and setuptools, not those that came with Python.

    setuptools also builds the editable install (without build isolation), so its pin is
    build-system.requires of pyproject.toml; `make lock` takes pip's from PIP_PIN.
    """
    locked = _pins(words[0] for words in _lock())
    build = tomllib.loads((paths.REPO_ROOT / "pyproject.toml").read_text())["build-system"]
    assert _pins(build["requires"])["setuptools"] == locked["setuptools"]
    pin = re.search(r"^PIP_PIN := (\S+)$", (paths.REPO_ROOT / "Makefile").read_text(), re.M)
    assert _pins([pin.group(1)])["pip"] == locked["pip"]
