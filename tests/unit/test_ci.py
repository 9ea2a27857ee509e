"""The GitHub workflow, .ci/run, Binder and the citation agree with each other and with
the project's own settings, so that none can drift from the others."""

from __future__ import annotations

import os
import re
import tomllib

import yaml

from analysis import paths
from tools import citation, replication

ROOT = paths.REPO_ROOT
WORKFLOW = ROOT / ".github" / "workflows" / "book.yml"
APT_LIST = ".ci/apt-packages.txt"
INSTALL_FROM_LIST = re.compile(
    r"grep -v '\^#' \.ci/apt-packages\.txt \| xargs (sudo )?apt-get install")


def _steps() -> list[dict]:
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    return [step for job in jobs.values() for step in job.get("steps", [])]


def test_ci_and_the_workflow_install_the_same_apt_packages():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    runs = "\n".join(step.get("run", "") for step in _steps())
    for script in (ci, runs):
        assert INSTALL_FROM_LIST.search(script), "install the packages of " + APT_LIST
        assert script.count("apt-get install") == 1, "no other apt package may be installed"
    packages = [line for line in (ROOT / APT_LIST).read_text().splitlines()
                if line and not line.startswith("#")]
    assert {"texlive-xetex", "latexmk", "poppler-utils", "chromium"} <= set(packages)


def test_the_workflow_runs_the_readme_commands_on_the_pinned_python():
    runs = [step.get("run", "") for step in _steps()]
    assert any("make book" in run and "make test" in run for run in runs)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    python = next(step["with"]["python-version"] for step in _steps()
                  if step.get("uses", "").startswith("actions/setup-python@"))
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    minor = re.search(r">=(\d+\.\d+)", requires).group(1)
    assert python.startswith(minor + ".")


def test_every_action_is_pinned_to_a_commit():
    uses = [step["uses"] for step in _steps() if "uses" in step]
    assert uses
    assert all(re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", use) for use in uses), uses


def test_the_book_kernel_has_one_name_everywhere():
    make = re.search(r"^KERNEL := (\S+)$", (ROOT / "Makefile").read_text(), re.M).group(1)
    post_build = (ROOT / "binder" / "postBuild").read_text()
    assert make == replication.KERNELSPEC["name"]
    assert f"--name {make} " in post_build
    assert replication.KERNELSPEC["display_name"] in post_build


def test_binder_finds_the_locked_environment():
    requirements = (ROOT / "binder" / "requirements.txt").read_text().splitlines()
    assert "-r ../requirements.lock" in requirements
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert runtime == "python-" + re.search(r">=(\d+\.\d+)", requires).group(1)
    assert os.access(ROOT / "binder" / "postBuild", os.X_OK)
    # repo2docker reads binder/ alone when it exists: no second environment file there
    assert sorted(p.name for p in (ROOT / "binder").iterdir()) == [
        "postBuild", "requirements.txt", "runtime.txt"]


def test_environment_yml_pins_are_those_of_the_lock():
    lock = dict(re.findall(r"^([a-z0-9._-]+)==([^\s\\]+)", (ROOT / "requirements.lock")
                           .read_text(), re.M))
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(item["pip"] for item in environment["dependencies"] if isinstance(item, dict))
    pins = dict(line.split("==") for line in pip if "==" in line)
    normalise = {name.lower().replace("_", "-"): version for name, version in lock.items()}
    assert {name: normalise.get(name.lower().replace("_", "-")) for name in pins} == pins


def test_the_readme_citation_is_generated_from_citation_cff():
    assert citation.main(["--check"]) == 0
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    changed = citation.section({**cff, "version": "9.9.9"})
    assert "version 9.9.9" in changed and "version = {9.9.9}" in changed
