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


def test_lock_file_pins_everything_and_agrees_with_pyproject():
    lines = [line for line in (paths.REPO_ROOT / "requirements.lock").read_text().splitlines()
             if line and not line.startswith("#")]
    assert all("==" in line for line in lines)
    locked = _pins(lines)
    for name, version in _pins(_pyproject()).items():
        assert locked[name] == version, name
