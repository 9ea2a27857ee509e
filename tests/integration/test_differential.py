"""After each kind of edit, an incremental build publishes what a cold build publishes
(tools/differential.py); and it executes exactly the notebooks the edit concerns."""

from __future__ import annotations

import os
import re
import subprocess
import time

import nbformat
import pytest
import yaml

from analysis import paths
from tools import differential

pytestmark = pytest.mark.integration

# One notebook per kind of input, each reading that input only (and one reading none),
# so that a single edit of every input shows which kinds the build tracks.
NOTEBOOKS = {
    "direct": "import helper\nprint(helper.GREETING)",
    "lazy": "import lazyloader\nprint(lazyloader.value())",
    "table": "import reader\nprint(reader.table())",
    "setting": "import os\nprint(os.environ.get('BOOK_SETTING', 'unset'))",
    "mplrc": "import matplotlib\nprint(matplotlib.rcParams['lines.linewidth'])",
    "data": "import pandas\nprint(pandas.read_csv('../data/points.csv').sum().sum())",
    "control": "print('depends on nothing')",
}
# A page that cites the thesis from the bibliography, and lists the reference.
CITING = "# Tiny\n\nAs {cite:t}`thesis2020` argues.\n\n```{bibliography}\n```\n"
MODULES = {
    "helper.py": 'GREETING = "hello"\n',
    "lazyloader.py": "def value():\n    import lazyhelper  # only when called\n"
                     "    return lazyhelper.VALUE\n",
    "lazyhelper.py": 'VALUE = "lazy one"\n',
    "reader.py": "def table():\n    with open('table.csv') as handle:\n"
                 "        return handle.read().strip()\n",
    "table.csv": "a,b\n1,2\n",
}
MARKER = """\
import os
from pathlib import Path

from docutils import nodes

MARK = "mark one"
WORDS = Path(__file__).resolve().parents[2] / "data" / "words.txt"  # no input by name


def add(app, doctree):
    text = f"{MARK}, {WORDS.read_text().strip()}, {os.environ.get('BOOK_MARK', 'unset')}"
    for section in doctree.findall(nodes.section):
        section += nodes.paragraph(text=text)
        break


def setup(app):
    app.connect("doctree-read", add)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""


def _edit(file, old: str, new: str) -> None:
    text = file.read_text()
    assert old in text, f"{old!r} not in {file}"
    file.write_text(text.replace(old, new))


@pytest.fixture
def book(tiny_book, tmp_path):
    source = tiny_book(NOTEBOOKS, markdown=CITING)
    notebooks = source / "notebooks"
    (source / "data").mkdir()
    (source / "data" / "points.csv").write_text("x,y\n1,2\n")  # a data file of the book
    (source / "data" / "words.txt").write_text("words one\n")  # a file the extension reads
    for name, text in MODULES.items():
        (notebooks / name).write_text(text)
    (source / "book" / "_ext" / "marker.py").write_text(MARKER)  # an extension of its own
    config = yaml.safe_load((source / "_config.yml").read_text())
    config["sphinx"]["local_extensions"]["marker"] = "book/_ext"
    config["sphinx"]["config"]["extensions"].append("marker")
    (source / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return source


def _env(tmp_path, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("BOOK_SETTING", "BOOK_MARK", "MPLCONFIGDIR")}
    return {**env, **settings}


OUTPUT = "<pre><span></span>"  # how a published page shows a cell's printed output


READ_AGAIN = re.compile(r"updating environment: .*?(\d+) added, (\d+) changed")


def pages_read_again(log: str) -> int:
    """How many pages the English edition's Sphinx build read (the first it reports)."""
    added, changed = READ_AGAIN.search(log).groups()
    return int(added) + int(changed)


def _same_as_cold(source, incremental, tmp_path, env, name: str) -> None:
    cold = tmp_path / f"cold-{name}"
    differential.build(source, cold, env)
    assert differential.differences(incremental, cold) == []


def test_an_edit_of_any_input_gives_the_book_a_cold_build_gives(book, tmp_path):
    incremental = tmp_path / "incremental"
    differential.build(book, incremental, _env(tmp_path))
    assert "mark one, words one, unset" in (incremental / "html" / "notebooks" /
                                            "control.html").read_text()

    notebooks = book / "notebooks"
    _edit(notebooks / "helper.py", '"hello"', '"hello again"')  # a module it imports
    (notebooks / "lazyhelper.py").write_text('VALUE = "lazy two"\n')  # one imported lazily
    (notebooks / "table.csv").write_text("a,b\n3,4\n")  # a file a helper reads
    (book / "data" / "points.csv").write_text("x,y\n10,20\n")  # a data file
    _edit(book / "book" / "references.bib", "Karaganda Economic University",
          "Karaganda University")  # the bibliography
    _edit(book / "book" / "_ext" / "marker.py", "mark one", "mark two")  # an extension
    (book / "data" / "words.txt").write_text("words two\n")  # a file it reads
    _edit(book / "_config.yml", "The SCO and Regional Security", "A Tiny Book")  # the config
    rc = tmp_path / "mplconfig"
    rc.mkdir()
    (rc / "matplotlibrc").write_text("lines.linewidth: 3.5\n")  # a matplotlib setting
    env = _env(tmp_path, BOOK_SETTING="on", BOOK_MARK="marked",  # and the environment
               MPLCONFIGDIR=str(rc))

    result = differential.build(book, incremental, env)
    html = incremental / "html"
    expected = {  # kind of edit -> (published page, what it must now show)
        "module": ("notebooks/direct.html", OUTPUT + "hello again"),
        "lazily imported module": ("notebooks/lazy.html", OUTPUT + "lazy two"),
        "table read by a helper": ("notebooks/table.html", OUTPUT + "a,b\n3,4"),
        "data file": ("notebooks/data.html", OUTPUT + "30"),
        "bibliography": ("book/index.html", "Karaganda University"),
        "extension": ("notebooks/control.html", "mark two"),
        "file an extension reads": ("notebooks/control.html", "words two"),
        "variable an extension reads": ("notebooks/control.html", "marked"),
        "configuration": ("notebooks/control.html", "A Tiny Book"),
        "environment variable": ("notebooks/setting.html", OUTPUT + "on"),
        "matplotlib setting": ("notebooks/mplrc.html", OUTPUT + "3.5"),
    }
    stale = [kind for kind, (page, text) in expected.items()
             if text not in (html / page).read_text()]
    assert stale == [], f"not applied by the incremental build: {stale}"
    # control reads none of these, but its kernel, like every kernel of the build, starts
    # warm with matplotlib imported under the new setting (tools/warm_kernels.py)
    assert differential.executed(result) == [
        "control.ipynb", "data.ipynb", "direct.ipynb", "lazy.ipynb", "mplrc.ipynb",
        "setting.ipynb", "table.ipynb"]
    _same_as_cold(book, incremental, tmp_path, env, "edits")


def test_a_file_or_variable_only_an_extension_reads_is_applied(book, tmp_path):
    """No hand-kept list names data/words.txt or BOOK_MARK: Sphinx's record does."""
    incremental = tmp_path / "incremental"
    differential.build(book, incremental, _env(tmp_path))
    (book / "data" / "words.txt").write_text("words two\n")
    env = _env(tmp_path, BOOK_MARK="marked")
    result = differential.build(book, incremental, env)
    assert differential.executed(result) == []
    page = (incremental / "html" / "notebooks" / "control.html").read_text()
    assert "mark one, words two, marked" in page
    _same_as_cold(book, incremental, tmp_path, env, "extension-reads")


def test_a_reverted_notebook_never_brings_back_outputs_of_other_inputs(book, tmp_path):
    incremental, env = tmp_path / "incremental", _env(tmp_path)
    differential.build(book, incremental, env)
    notebook = book / "notebooks" / "direct.ipynb"
    original = notebook.read_text()
    cells = nbformat.reads(original, as_version=4)
    cells.cells[1].source += "\nprint('edited')"
    nbformat.write(cells, notebook)  # A -> B
    differential.build(book, incremental, env)
    _edit(book / "notebooks" / "helper.py", '"hello"', '"hello, edited"')
    result = differential.build(book, incremental, env)  # B runs with the edited module
    # no extension reads the module: Sphinx reads again the one page that executed
    assert pages_read_again(result.stdout) == 1, result.stdout[-3000:]
    notebook.write_text(original)  # B -> A: A's cached copy ran with the old module

    result = differential.build(book, incremental, env)
    assert "direct.ipynb" in differential.executed(result)
    assert "hello, edited" in (incremental / "html" / "notebooks" / "direct.html").read_text()
    _same_as_cold(book, incremental, tmp_path, env, "revert")


def test_a_module_saved_while_its_notebook_runs_is_not_taken_as_run(book, tmp_path):
    notebooks = book / "notebooks"
    code = NOTEBOOKS["direct"] + (
        "\nimport pathlib, time\npathlib.Path('running').touch()\n"
        "while not pathlib.Path('go').exists():\n    time.sleep(0.05)")
    cells = nbformat.read(notebooks / "direct.ipynb", as_version=4)
    cells.cells[1].source = cells.cells[1].source.replace(NOTEBOOKS["direct"], code)
    nbformat.write(cells, notebooks / "direct.ipynb")
    incremental, env = tmp_path / "incremental", _env(tmp_path)
    build = subprocess.Popen(
        differential.command(book, incremental), cwd=paths.REPO_ROOT, env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 120
    while not (notebooks / "running").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert (notebooks / "running").exists(), "the notebook never started"
    _edit(notebooks / "helper.py", '"hello"', '"saved during the build"')  # read already
    (notebooks / "go").touch()
    log, _ = build.communicate(timeout=300)
    assert build.returncode == 0, log[-3000:]
    assert "not recording direct: changed while it ran" in log

    result = differential.build(book, incremental, env)  # the next build runs it again
    assert "direct.ipynb" in differential.executed(result)
    assert "saved during the build" in (incremental / "html" / "notebooks" /
                                        "direct.html").read_text()
    _same_as_cold(book, incremental, tmp_path, env, "during")
