"""Benchmark of the build: ``make bench`` (``python -m tools.bench``).

Every measurement runs in a throw-away copy of the repository with its own build
and data-cache folders, so the benchmark never touches the working tree. Each
timing is the median of ``--runs`` runs. Results go to ``_build/bench/bench.md`` and
``bench.csv``, with the project's performance targets checked next to each number.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.data import raw
from tools import build
from tools.differential import executed_notebooks

PYTHON = sys.executable
IGNORE = shutil.ignore_patterns("_build", ".venv", ".data-cache", ".git", "__pycache__",
                                ".pytest_cache", ".ruff_cache", "*.egg-info")
LOADERS = {  # label -> (module, function, args)
    "WDI population": ("analysis.data.sources.wdi", "load", ("SP.POP.TOTL",)),
    "Natural Earth 1:50m": ("analysis.data.sources.naturalearth", "countries", ("50m",)),
    "UCDP/PRIO conflicts": ("analysis.data.sources.ucdp", "conflicts", ()),
    "UCDP battle deaths": ("analysis.data.sources.ucdp", "battle_deaths", ()),
    "SIPRI military expenditure": ("analysis.data.sources.sipri", "military_expenditure", ()),
    "SIPRI arms imports": ("analysis.data.sources.sipri", "arms_imports", ()),
    "COW IGO (state-year)": ("analysis.data.sources.cow", "igo_memberships", ()),
    "COW trade": ("analysis.data.sources.cow", "trade", ()),
    "COW capabilities": ("analysis.data.sources.cow", "capabilities", ()),
    "UN ideal points": ("analysis.data.sources.unga", "ideal_points", ()),
    "GTD (OWID)": ("analysis.data.sources.owid", "terrorism", ()),
}


class Sandbox:
    """A copy of the repository with private build and cache folders."""

    def __init__(self, root: Path):
        self.root = root / "repo"
        shutil.copytree(paths.REPO_ROOT, self.root, ignore=IGNORE)
        self.env = {**os.environ, paths.BUILD_ENV: str(root / "build"),
                    paths.CACHE_ENV: str(root / "cache"), "PYTHONPATH": str(self.root / "src")}

    def run(self, *args: str, env: dict | None = None) -> tuple[float, str]:
        started = time.perf_counter()
        result = subprocess.run([PYTHON, *args], cwd=self.root, env=env or self.env,
                                capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - started
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout[-3000:]}"
                               f"{result.stderr[-3000:]}")
        return elapsed, result.stdout + result.stderr

    def build(self, force: bool = False, build_dir: Path | None = None,
              env: dict | None = None) -> tuple[float, list[str]]:
        """Seconds for one HTML build (into the sandbox's build folder, or
        ``build_dir``), and the notebooks it executed."""
        args = ["-m", "tools.build", "--source", str(self.root), "--build-dir",
                str(build_dir or self.build_dir)] + (["--force"] if force else [])
        seconds, log = self.run(*args, env=env)
        self.last_log = log
        return seconds, executed_notebooks(log)

    @property
    def build_dir(self) -> Path:
        return Path(self.env[paths.BUILD_ENV])

    def users_of(self, relative: str) -> list[str]:
        """The notebooks (but the appendix) whose last execution record names the file
        ``relative``."""
        records = Path(self.env[paths.BUILD_ENV]) / "site" / "execution-records"
        users = []
        for file in sorted(records.glob("*.json")):
            record = json.loads(file.read_text())
            if relative in record["files"]:
                users.append(f"{file.stem}.ipynb")
        return [name for name in users if name != APPENDIX]

    def touch(self, relative: str) -> None:
        """Change ``relative`` without changing what it means: a comment, or a blank line."""
        marker = "\n" if relative.endswith(".csv") else f"# benchmark edit {time.time_ns()}\n"
        with open(self.root / relative, "a") as handle:
            handle.write(marker)

    def cold(self) -> None:
        shutil.rmtree(self.build_dir, ignore_errors=True)

    def edit(self, relative: str, old: str, new: str) -> None:
        """Replace ``old`` (which must be there) by ``new`` in ``relative``."""
        file = self.root / relative
        text = file.read_text(encoding="utf-8")
        if old not in text:
            raise RuntimeError(f"benchmark edit: {old!r} is not in {relative}")
        file.write_text(text.replace(old, new, 1), encoding="utf-8")


APPENDIX = "91_replication.ipynb"  # runs after any other notebook ran: it reports them


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 2)


def _edit_notebook(path: Path, kind: str = "code") -> None:
    """Append a line to the first cell of ``kind`` (a code cell: a comment)."""
    notebook = json.loads(path.read_text())
    cell = next(c for c in notebook["cells"] if c["cell_type"] == kind)
    line = "# benchmark edit" if kind == "code" else "A benchmark edit."
    cell["source"] = "".join(cell["source"]) + f"\n{line} {time.time_ns()}"
    path.write_text(json.dumps(notebook, indent=1))


MODULE_EDIT = "rebuild after editing one section module (sections/s22_economy.py)"
MARKDOWN_EDIT = "rebuild after editing a Markdown cell of notebooks/22_economy.ipynb"
# What each incremental build edits (a file to touch, or a notebook cell), and which
# notebooks (besides the appendix) must then execute: None means "those whose
# execution records name the edited file".
EDITS = {
    "one notebook (notebooks/13_stages.ipynb)": ("notebooks/13_stages.ipynb#code",
                                                 ["13_stages.ipynb"]),
    MODULE_EDIT.removeprefix("rebuild after editing "): (
        "src/analysis/sections/s22_economy.py", ["22_economy.ipynb"]),
    MARKDOWN_EDIT.removeprefix("rebuild after editing "): (
        "notebooks/22_economy.ipynb#markdown", []),
    "a tooling module (tools/replication.py)": ("tools/replication.py", []),
    "a topic module (topics/stages.py)": ("src/analysis/topics/stages.py", None),
    "a curated table (sco_exercises.csv)": ("data/curated/sco_exercises.csv", None),
}


def measure_builds(box: Sandbox, runs: int) -> list[dict]:
    """Cold, no-change and forced builds, then one build after each edit in EDITS."""
    times: dict[str, list[float]] = {}
    executed: dict[str, list[str]] = {}
    expected: dict[str, list[str]] = {}
    for _ in range(runs):
        box.cold()
        for measure, force in ((COLD, False), (NOTHING, False), (FORCED, True)):
            seconds, executed[measure] = box.build(force)
            times.setdefault(measure, []).append(seconds)
            if measure == COLD:  # what the cold build spent on its Russian edition
                russian = re.search(rf"{build.RUSSIAN_EDITION_TIME} ([\d.]+) s", box.last_log)
                times.setdefault(RUSSIAN, []).append(float(russian.group(1)))
                executed[RUSSIAN] = []
        for label, (target, users) in EDITS.items():
            measure = f"rebuild after editing {label}"
            relative, _, cell = target.partition("#")
            expected[measure] = users if users is not None else box.users_of(relative)
            if cell:
                _edit_notebook(box.root / relative, cell)
            else:
                box.touch(relative)
            seconds, executed[measure] = box.build()
            times.setdefault(measure, []).append(seconds)
    return [{"measure": measure, "seconds": _median(seconds),
             "notebooks executed": len(executed[measure]),
             "which (besides the appendix)": ", ".join(
                 name for name in executed[measure] if name != APPENDIX) or "none",
             "expected": ", ".join(expected[measure]) or "none" if measure in expected else ""}
            for measure, seconds in times.items()]


COLD = "cold build (execute every notebook + HTML)"
RUSSIAN = "of which the Russian edition (staged from the English executions + Sphinx)"
NOTHING = "rebuild, nothing changed (make book)"
FORCED = "rebuild, nothing changed, Sphinx forced"


def _edit_code_cell(box: Sandbox, relative: str) -> str:
    """Append a comment to the first code cell of a notebook; return the old text."""
    path = box.root / relative
    original = path.read_text(encoding="utf-8")
    _edit_notebook(path)
    return original


def _package_and_data(box: Sandbox) -> None:
    box.edit("src/analysis/presentation/style.py", 'SOURCE_COLOUR = "#444444"',
             'SOURCE_COLOUR = "#333333"')  # the house style: every figure's source line
    box.edit("data/curated/sco_exercises.csv", ",CHN ; KGZ,300,", ",CHN ; KGZ,301,")
    box.edit("data/registry.csv", '"World Bank, World Development Indicators"',
             '"The World Bank, World Development Indicators"')  # registry metadata


def _sphinx_inputs(box: Sandbox) -> None:
    box.edit("book/_ext/licences.py", "Licences. The code", "Licences: the code")
    box.edit("book/references.bib", "Karaganda Economic University", "Karaganda University")
    box.edit("_config.yml", 'title: "The SCO and Regional Security in Central Asia"',
             'title: "The SCO and Regional Security in Central Asia (benchmark)"')


def _revert(box: Sandbox) -> None:
    """A -> B, build; the notebook's module edited, build; B -> A."""
    original = _edit_code_cell(box, "notebooks/21_security.ipynb")
    box.build()
    box.touch("src/analysis/sections/s21_security.py")
    box.build()
    (box.root / "notebooks" / "21_security.ipynb").write_text(original, encoding="utf-8")


# Each kind of edit the differential test applies to the real book (the tiny book of
# tests/integration/test_differential.py covers a lazily imported module, a file read by
# a helper, an environment variable and an edit made while a notebook runs), with the
# environment the builds after it run in.
DIFFERENTIAL = {
    "the house style, a curated table, registry metadata": (_package_and_data, {}),
    "an extension, the bibliography, the configuration": (_sphinx_inputs, {}),
    "revert A -> B -> A with the module edited at B": (_revert, {}),
    "a matplotlib setting (MPLCONFIGDIR)": (None, {"lines.linewidth": "3.0"}),
}


def measure_differential(box: Sandbox, folder: Path) -> list[dict]:
    """After each kind of edit, an incremental build and a cold one (into a fresh
    folder, the data cache shared): the published files in which they differ."""
    from tools import differential, warm_kernels

    rows, env = [], dict(box.env)
    box.cold()
    box.build()
    for number, (kind, (edit, rc)) in enumerate(DIFFERENTIAL.items()):
        if rc:
            config = folder / f"mplconfig-{number}"
            config.mkdir()
            (config / "matplotlibrc").write_text(
                "".join(f"{key}: {value}\n" for key, value in rc.items()))
            env = {**env, "MPLCONFIGDIR": str(config)}
        if edit:
            edit(box)
        _, executed = box.build(env=env)
        cold = folder / f"cold-{number}"
        box.build(build_dir=cold, env=env)
        differing = differential.differences(box.build_dir, cold)
        shutil.rmtree(cold)
        rows.append({"edit": kind, "notebooks executed": len(executed),
                     "files that differ from a cold build": ", ".join(differing) or "none"})
    cold = folder / "cold-kernels"  # the same tree, its kernels started cold, not forked
    _, executed = box.build(build_dir=cold, env={**env, warm_kernels.COLD: "off"})
    rows.append({"edit": "none, every kernel of the cold build started cold (not warm)",
                 "notebooks executed": len(executed), "files that differ from a cold build":
                 ", ".join(differential.differences(box.build_dir, cold)) or "none"})
    shutil.rmtree(cold)
    return rows


COMPUTE_RUNNER = """
import json, sys, time, nbformat
from nbclient import NotebookClient
names = sys.argv[1:]
cells = {name: [cell for cell in nbformat.read(name, as_version=4).cells
                if cell.cell_type == "code"] for name in names}
book = nbformat.v4.new_notebook(cells=[cell for name in names for cell in cells[name]])
client = NotebookClient(book, timeout=600, kernel_name="python3",
                        resources={"metadata": {"path": "notebooks"}})
seconds, index = {}, 0
with client.setup_kernel():
    for name in names:
        started = time.perf_counter()
        for cell in cells[name]:
            client.execute_cell(cell, index)
            index += 1
        seconds[name.rpartition("/")[2]] = time.perf_counter() - started
print("compute:", json.dumps(seconds))
"""


def measure_compute(box: Sandbox, runs: int) -> dict[str, float]:
    """Seconds each notebook's cells take when every notebook runs, one after another,
    in a single kernel (the replication appendix last): what the book costs to compute,
    imports paid once, no kernel start-up."""
    names = sorted(str(path.relative_to(box.root))
                   for path in (box.root / "notebooks").glob("*.ipynb"))
    names.sort(key=lambda name: Path(name).name == APPENDIX)
    samples = [json.loads(next(line for line in box.run("-c", COMPUTE_RUNNER, *names)[1]
                               .splitlines() if line.startswith("compute: "))
                          .removeprefix("compute: ")) for _ in range(runs)]
    return {name: _median([sample[name] for sample in samples]) for name in samples[0]}


def measure_nbval(box: Sandbox, runs: int) -> dict:
    times = [box.run("-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2", "--dist",
                     "loadfile", "--nbval", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg",
                     "notebooks")[0] for _ in range(runs)]
    return {"measure": "nbval over every notebook (2 workers)", "seconds": _median(times),
            "notebooks executed": len(list((box.root / "notebooks").glob("*.ipynb")))}


NOTEBOOK_RUNNER = """
import sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, timeout=600, kernel_name="python3").execute()
"""


def measure_notebooks(box: Sandbox, runs: int) -> list[dict]:
    """Execution time and peak memory (kernel included) of each notebook, data cached."""
    rows = []
    for notebook in sorted((box.root / "notebooks").glob("*.ipynb")):
        seconds, peaks = [], []
        for _ in range(runs):
            started = time.perf_counter()
            process = subprocess.Popen([PYTHON, "-c", NOTEBOOK_RUNNER, str(notebook)],
                                       cwd=box.root, env=box.env,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(process.pid, 0)
            seconds.append(time.perf_counter() - started)
            peaks.append(usage.ru_maxrss / 1024)
            if status != 0:
                raise RuntimeError(f"{notebook.name} failed to execute")
        rows.append({"notebook": notebook.name, "seconds": _median(seconds),
                     "peak memory (MiB)": round(max(peaks))})
    return rows


LOAD_RUNNER = """
import importlib, json, sys, time
module, function, args = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
loader = getattr(importlib.import_module(module), function)
t0 = time.perf_counter(); loader(*args); t1 = time.perf_counter(); loader(*args)
t2 = time.perf_counter()
print(json.dumps([t1 - t0, t2 - t1]))
"""


def measure_loads(box: Sandbox, runs: int) -> list[dict]:
    """Seconds to load each dataset with no parsed cache; then, from the parsed cache,
    milliseconds for the first load in a new process and for a repeated one in it."""
    rows = []
    parsed = Path(box.env[paths.CACHE_ENV]) / "parsed"
    for label, (module, function, args) in LOADERS.items():
        cold, cached, repeated = [], [], []
        for _ in range(runs):
            shutil.rmtree(parsed, ignore_errors=True)
            out = box.run("-c", LOAD_RUNNER, module, function, json.dumps(args))[1]
            cold.append(json.loads(out.strip().splitlines()[-1])[0])
            # a fresh process reading the parsed cache written by the first one
            out = box.run("-c", LOAD_RUNNER, module, function, json.dumps(args))[1]
            first, again = json.loads(out.strip().splitlines()[-1])
            cached.append(first)
            repeated.append(again)
        rows.append({"dataset": label, "cold load (s)": _median(cold),
                     "from parsed cache, new process (ms)": _ms(cached),
                     "again, same process (ms)": _ms(repeated)})
    return rows


def _ms(seconds: list[float]) -> float:
    return round(1000 * statistics.median(seconds), 1)


def targets(builds: list[dict], nbval: dict, notebooks: list[dict], loads: list[dict],
            compute: dict[str, float], differential: list[dict]) -> list[dict]:
    by = {row["measure"]: row["seconds"] for row in builds}
    rows = {row["measure"]: row for row in builds}
    cold, forced, cores = by[COLD], by[FORCED], os.cpu_count()
    limit = sum(compute.values()) / cores + forced
    # the pages Sphinx must write after the edit: as after a Markdown edit of that page
    pages = by[MARKDOWN_EDIT]
    module, notebook = by[MODULE_EDIT], compute["22_economy.ipynb"]
    slowest = max(notebooks, key=lambda r: r["seconds"])
    load_ms = "from parsed cache, new process (ms)"
    slowest_load = max(loads, key=lambda r: r[load_ms])
    checks = [
        (f"cold build <= 1.25 x (single-process compute / {cores} cores + Sphinx forced)",
         f"{cold:.1f} s = {cold / limit:.2f} x ({sum(compute.values()):.1f} s / {cores} + "
         f"{forced:.1f} s)", cold <= 1.25 * limit),
        ("one section module edited <= 1.5 x (its notebook's compute + the pages Sphinx "
         "must write)", f"{module:.1f} s = {module / (notebook + pages):.2f} x "
         f"({notebook:.1f} s + {pages:.1f} s)", module <= 1.5 * (notebook + pages)),
        ("one section module edited <= 0.25 x cold build",
         f"{module:.1f} s = {module / cold:.2f} x cold", module <= 0.25 * cold),
        ("the Russian edition costs less than the English one (of the cold build)",
         f"Russian {by[RUSSIAN]:.1f} s, English {cold - by[RUSSIAN]:.1f} s",
         by[RUSSIAN] < cold - by[RUSSIAN]),
        ("no-change rebuild under 5% of the cold build",
         f"{100 * by[NOTHING] / cold:.1f}%", by[NOTHING] < 0.05 * cold),
        *[(f"{row['edit']}: the incremental build publishes what a cold build does",
           row["files that differ from a cold build"],
           row["files that differ from a cold build"] == "none") for row in differential],
        *[(f"{measure.removeprefix('rebuild after ')} executes exactly the notebooks "
           "that used it", row["which (besides the appendix)"],
           row["which (besides the appendix)"] == row["expected"])
          for measure, row in rows.items() if row["expected"]],
        ("every notebook executes in under 5 s (data cached)",
         f"slowest: {slowest['notebook']} {slowest['seconds']} s", slowest["seconds"] < 5),
        ("cold build plus nbval under 2 minutes", f"{cold + nbval['seconds']:.1f} s",
         cold + nbval["seconds"] < 120),
        ("repeated loads of a parsed dataset under 50 ms (first load in a new process)",
         f"slowest: {slowest_load['dataset']} {slowest_load[load_ms]} ms",
         slowest_load[load_ms] < 50),
    ]
    return [{"target": t, "measured": m, "met": "yes" if ok else "NO"} for t, m, ok in checks]


def _markdown(table: pd.DataFrame) -> str:
    lines = ["| " + " | ".join(map(str, table.columns)) + " |",
             "|" + "---|" * len(table.columns)]
    lines += ["| " + " | ".join(map(str, row)) + " |" for row in table.itertuples(index=False)]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    out = paths.build_dir() / "bench"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        box = Sandbox(Path(folder))
        box.run("-m", "analysis.data", "verify")
        builds = measure_builds(box, args.runs)
        compute = measure_compute(box, args.runs)
        nbval = measure_nbval(box, args.runs)
        notebooks = measure_notebooks(box, args.runs)
        loads = measure_loads(box, args.runs)
        differential = measure_differential(box, Path(folder))
    checked = targets(builds, nbval, notebooks, loads, compute, differential)
    for row in notebooks:
        row["compute in one kernel (s)"] = compute[row["notebook"]]
    tables = {
        "Targets": pd.DataFrame(checked),
        "Builds": pd.DataFrame([*builds, nbval]),
        "Differential test (incremental against cold)": pd.DataFrame(differential),
        "Notebooks": pd.DataFrame(notebooks),
        "Datasets": pd.DataFrame(loads),
    }
    header = (f"# Benchmark\n\nMedian of {args.runs} runs on {os.cpu_count()} cores; "
              f"{len(raw.registry())} registered data files.\n")
    body = "\n".join(f"\n## {name}\n\n{_markdown(table)}\n" for name, table in tables.items())
    (out / "bench.md").write_text(header + body)
    pd.concat([t.assign(table=name) for name, t in tables.items()]).to_csv(
        out / "bench.csv", index=False)
    print(header + body)
    return 0 if all(row["met"] == "yes" for row in checked) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
