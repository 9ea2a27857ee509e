"""The benchmark counts executed notebooks from the build log and checks its targets."""

from __future__ import annotations

from tools import bench


def test_executed_notebooks_counts_parallel_and_sphinx_executions():
    log = ("executing 11 notebook(s), 2 at a time: 00_introduction.ipynb, ...\n"
           "executed 11 in 20.0 s\n"
           "/repo/notebooks/91_replication.ipynb: Executing notebook using local CWD [mystnb]\n")
    assert bench.executed_notebooks(log) == 12
    assert bench.executed_notebooks("book is up to date; nothing to do\n") == 0


def _results(slowest_notebook: float, slowest_load_ms: float):
    builds = [
        {"measure": "cold build (execute every notebook + HTML)", "seconds": 30.0,
         "notebooks executed": 12},
        {"measure": "rebuild, nothing changed (make book)", "seconds": 0.1,
         "notebooks executed": 0},
        {"measure": "rebuild after editing one notebook", "seconds": 5.0,
         "notebooks executed": 1},
        {"measure": "rebuild after editing src/analysis/style.py", "seconds": 30.0,
         "notebooks executed": 12},
    ]
    nbval = {"measure": "nbval", "seconds": 20.0, "notebooks executed": 12}
    notebooks = [{"notebook": f"{i}.ipynb", "seconds": 3.0} for i in range(11)]
    notebooks.append({"notebook": "slow.ipynb", "seconds": slowest_notebook})
    loads = [{"dataset": "COW trade", "from parsed cache, new process (ms)": slowest_load_ms}]
    return builds, nbval, notebooks, loads


def test_targets_are_met_or_not_by_the_measured_values():
    met = {row["target"]: row["met"] for row in bench.targets(*_results(4.9, 49.0))}
    assert set(met.values()) == {"yes"}
    missed = {row["target"]: row for row in bench.targets(*_results(5.1, 51.0))}
    assert missed["every notebook executes in under 5 s (data cached)"]["met"] == "NO"
    assert "slow.ipynb 5.1 s" in missed["every notebook executes in under 5 s (data cached)"][
        "measured"]
    assert [r["met"] for t, r in missed.items() if "parsed dataset" in t] == ["NO"]
