"""The benchmark reads executed notebooks from the build log and checks its targets."""

from __future__ import annotations

from tools import bench


def test_executed_notebooks_lists_parallel_and_sphinx_executions():
    log = ("executing 2 notebook(s), 2 at a time: 00_introduction.ipynb, 13_stages.ipynb\n"
           "executed 2 in 8.0 s\n"
           "/repo/notebooks/91_replication.ipynb: Executing notebook using local CWD [mystnb]\n")
    assert bench.executed_notebooks(log) == [
        "00_introduction.ipynb", "13_stages.ipynb", "91_replication.ipynb"]
    assert bench.executed_notebooks("book is up to date; nothing to do\n") == []


def _results(slowest_notebook: float, slowest_load_ms: float, topic_executed: str):
    def build(measure, seconds, which="none", expected=""):
        return {"measure": measure, "seconds": seconds, "which (besides the appendix)": which,
                "expected": expected}

    builds = [
        build("cold build (execute every notebook + HTML)", 30.0),
        build("rebuild, nothing changed (make book)", 0.1),
        build("rebuild after editing one section module (sections/s22_economy.py)", 5.0,
              "22_economy.ipynb", "22_economy.ipynb"),
        build("rebuild after editing a topic module (topics/stages.py)", 9.0,
              topic_executed, "13_stages.ipynb, 31_kazakhstan_sco.ipynb"),
    ]
    nbval = {"measure": "nbval", "seconds": 20.0}
    notebooks = [{"notebook": f"{i}.ipynb", "seconds": 3.0} for i in range(11)]
    notebooks.append({"notebook": "slow.ipynb", "seconds": slowest_notebook})
    loads = [{"dataset": "COW trade", "from parsed cache, new process (ms)": slowest_load_ms}]
    return builds, nbval, notebooks, loads


def test_targets_are_met_or_not_by_the_measured_values():
    met = {row["target"]: row["met"] for row in bench.targets(
        *_results(4.9, 49.0, "13_stages.ipynb, 31_kazakhstan_sco.ipynb"))}
    assert set(met.values()) == {"yes"}
    assert "editing a topic module (topics/stages.py) executes exactly the notebooks that " \
           "used it" in met
    missed = {row["target"]: row for row in bench.targets(
        *_results(5.1, 51.0, "13_stages.ipynb"))}
    assert missed["every notebook executes in under 5 s (data cached)"]["met"] == "NO"
    assert "slow.ipynb 5.1 s" in missed["every notebook executes in under 5 s (data cached)"][
        "measured"]
    assert [r["met"] for t, r in missed.items() if "parsed dataset" in t] == ["NO"]
    assert [r["met"] for t, r in missed.items() if "topic module" in t] == ["NO"]
