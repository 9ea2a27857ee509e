"""An interrupted build never leads to a stale, partial or cluttered published book."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from analysis import paths
from tools import differential

pytestmark = pytest.mark.integration

# A Sphinx extension that kills its own process right after Sphinx has saved its
# environment and before it writes the pages, as SIGKILL or a power cut might.
KILLER = '''
import os, signal

def _kill(app, env):
    if os.environ.get("KILL_AFTER_PICKLING"):
        os.kill(os.getpid(), signal.SIGKILL)

def setup(app):
    app.connect("env-check-consistency", _kill)  # after "pickling environment"
    return {"parallel_read_safe": True}
'''


def _with_killer(source: Path) -> Path:
    (source / "killer.py").write_text(KILLER)
    config = yaml.safe_load((source / "_config.yml").read_text())
    config["sphinx"]["config"]["extensions"].append("killer")  # on PYTHONPATH, below
    (source / "_config.yml").write_text(yaml.safe_dump(config))
    return source


def _build(source: Path, build_dir: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        differential.command(source, build_dir),
        env={**os.environ, "PYTHONPATH": str(source), **env}, cwd=paths.REPO_ROOT,
        capture_output=True, text=True, timeout=600, check=False)


def test_a_build_killed_while_writing_leaves_no_stale_page_behind(tmp_path, tiny_book):
    # No execution record: the notebook reads its table directly, so it always runs again.
    source = _with_killer(tiny_book({"chapter": "print(open(VALUE).read())"}, record=False))
    value = source / "data" / "curated" / "value.csv"
    value.parent.mkdir(parents=True)
    notebook = source / "notebooks" / "chapter.ipynb"
    notebook.write_text(notebook.read_text().replace("VALUE", repr(str(value)).replace("'", '\\"')))
    page = tmp_path / "build" / "html" / "notebooks" / "chapter.html"

    value.write_text("summits\nmet 24 times\n")
    assert _build(source, tmp_path / "build").returncode == 0
    assert "met 24 times" in page.read_text()

    value.write_text("summits\nmet 25 times\n")  # a curated table changes ...
    killed = _build(source, tmp_path / "build", KILL_AFTER_PICKLING="1")
    assert killed.returncode != 0, killed.stdout[-2000:]  # ... and the build is killed
    assert "pickling environment" in killed.stdout and "build succeeded" not in killed.stdout
    assert "met 24 times" in page.read_text()  # the old book is still published

    for _ in range(2):  # the next build, and the one after it, publish the new value
        again = _build(source, tmp_path / "build")
        assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
        assert "met 25 times" in page.read_text()
        assert "met 24 times" not in page.read_text()


PLOT = """
%matplotlib inline
import matplotlib.pyplot as plt
plt.plot([1, 2, 3], COLOUR)
plt.show()
"""


def _images(html: Path) -> tuple[set[str], set[str]]:
    """(image files published, image files some page refers to)."""
    published = {path.name for path in (html / "_images").iterdir()}
    used = {Path(src).name for page in html.rglob("*.html")
            for src in re.findall(r'<img[^>]+src="([^"]+)"', page.read_text())}
    return published, used


def test_images_of_an_earlier_build_are_not_published(tmp_path, tiny_book):
    source = tiny_book({"chapter": PLOT.replace("COLOUR", "color='red'")})
    build_dir = tmp_path / "build"
    assert _build(source, build_dir).returncode == 0
    first, _ = _images(build_dir / "html")

    notebook = source / "notebooks" / "chapter.ipynb"
    notebook.write_text(notebook.read_text().replace("red", "blue"))
    assert _build(source, build_dir).returncode == 0

    published, used = _images(build_dir / "html")
    assert published != first  # a new image ...
    assert published == used  # ... and no orphan of the first build


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid``, from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _stop_during_execution(tmp_path, tiny_book, stop) -> None:
    """Build, then build again with two notebooks that sleep, and ``stop(build)`` while
    they run: every process of the build must be gone within seconds, and the book
    published before must stay."""
    source = tiny_book({"a": "print('a')", "b": "print('b')"})
    build_dir = tmp_path / "build"
    assert _build(source, build_dir).returncode == 0
    index = (build_dir / "html" / "index.html").read_bytes()
    started = {name: tmp_path / f"{name}.running" for name in ("a", "b")}
    for name, mark in started.items():
        notebook = source / "notebooks" / f"{name}.ipynb"
        notebook.write_text(notebook.read_text().replace(
            f"print('{name}')", f"import pathlib, time; pathlib.Path('{mark}').touch(); "
                                "time.sleep(120)"))

    build = subprocess.Popen(  # a session of its own, like a shell running 'make book'
        differential.command(source, build_dir), stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, cwd=paths.REPO_ROOT, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not all(m.exists() for m in started.values()):
        time.sleep(0.2)  # until both kernels run their sleeping cell
    assert all(m.exists() for m in started.values()), "the notebooks never started"
    workers = _descendants(build.pid)

    stop(build)
    try:
        build.wait(timeout=15)  # TimeoutExpired: the build hangs
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.2)
        survivors = [pid for pid in workers if _alive(pid)]
        assert not survivors, "survived: " + "; ".join(
            Path(f"/proc/{pid}/cmdline").read_text(errors="replace").replace("\0", " ")[:120]
            for pid in survivors)
    finally:
        for pid in [build.pid, *workers]:  # leave no process behind, whatever happened
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert build.returncode != 0
    assert (build_dir / "html" / "index.html").read_bytes() == index


def test_ctrl_c_during_notebook_execution_stops_everything_and_keeps_the_old_book(
        tmp_path, tiny_book):
    # what Ctrl-C in a terminal sends: SIGINT to the whole foreground group
    _stop_during_execution(tmp_path, tiny_book, lambda build: os.killpg(build.pid,
                                                                         signal.SIGINT))


def test_kill_9_of_the_build_takes_its_executor_workers_and_kernels_with_it(
        tmp_path, tiny_book):
    # the build process alone, which can then do nothing: its children must go too
    _stop_during_execution(tmp_path, tiny_book, lambda build: os.kill(build.pid,
                                                                       signal.SIGKILL))
