"""Build the HTML book safely: execute exactly what is stale, publish all or nothing.

jupyter-cache keys a notebook on its code cells only. Each kernel of a build therefore
records the package modules, registry entries, curated tables and lock file it used
(:mod:`analysis.provenance`), and a notebook executes again when its cells or one of
those inputs changed, and only then.

The stale notebooks execute in parallel, one per core, into the jupyter-cache that
myst-nb reads, in a child process with a process group of its own, so that Ctrl-C
stops it, its workers and their kernels within seconds. A notebook that fails there is
not cached: myst-nb runs it again and reports the error, and the build fails.

Sphinx writes every page into an empty output folder (it decides what to rewrite by
file times, after saving its environment, so a build killed while writing would
otherwise leave stale pages that later builds take for current, and images of earlier
builds would stay published). Only a build that succeeds, with no warning and no
notebook error, replaces ``_build/html``. The site links to the PDF edition: the PDF
build puts ``book.pdf`` into it, and an HTML build carries over the last one built.

Usage: ``python -m tools.build [--force | --pdf] [--source DIR] [--build-dir DIR]``.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from analysis import paths

# What the whole book depends on: when none of these changed, there is nothing to do.
BOOK_INPUTS = ("src/analysis/**/*.py", "data/*.csv", "data/curated/*.csv",
               "requirements.lock", "notebooks/*.ipynb", "book/**/*", "_config.yml",
               "_toc.yml", "LICENSE*")


def content_key(patterns: Iterable[str], root: Path = paths.REPO_ROOT) -> str:
    """sha256 over the relative paths and bytes of every file matching ``patterns``."""
    digest = hashlib.sha256()
    files = sorted({f for pattern in patterns for f in root.glob(pattern) if f.is_file()})
    for file in files:
        if "__pycache__" in file.parts or ".ipynb_checkpoints" in file.parts:
            continue
        digest.update(file.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


PDF_NAME = "book.pdf"  # the PDF edition, in _build/pdf and at the root of the site

# The replication appendix reports the other notebooks' execution times from the
# jupyter-cache, so it runs after them (serially, inside the Sphinx build), and again
# whenever any of them ran.
RUN_AFTER_THE_OTHERS = ("91_replication.ipynb",)


def why_stale(notebook: Path, cache, records: Path) -> str | None:
    """Why ``notebook`` must execute again, or None when its cached outputs still hold.

    jupyter-cache knows whether its code cells changed; the execution record of its
    last run (:mod:`analysis.provenance`) knows which modules, data files and
    environment it used.
    """
    import json

    import nbformat  # here, not at the top: a build with nothing to do skips 0.4 s of imports

    from analysis import provenance

    try:
        cache.match_cache_notebook(nbformat.read(notebook, as_version=4))
    except KeyError:
        return "new or edited cells"
    record = records / f"{notebook.stem}.json"
    if not record.is_file():
        return "no record of what its last execution used"
    changed = provenance.changes(json.loads(record.read_text()))
    if changed:
        return "changed: " + ", ".join(changed[:3]) + (" ..." if len(changed) > 3 else "")
    return None


def stale_notebooks(source: Path, cache_dir: Path, records: Path) -> dict[Path, str]:
    """The notebooks that must execute again, each with the reason."""
    from jupyter_cache import get_cache

    cache = get_cache(cache_dir)
    stale = {}
    notebooks = sorted((source / "notebooks").glob("*.ipynb"))
    for notebook in notebooks:
        reason = why_stale(notebook, cache, records)
        if notebook.name in RUN_AFTER_THE_OTHERS and stale and not reason:
            reason = "another notebook executed"
        if reason:
            stale[notebook] = reason
    return stale


def forget(notebooks: Iterable[Path], cache_dir: Path, records: Path) -> None:
    """Drop the cached outputs and records of ``notebooks``, so that they execute again."""
    import nbformat
    from jupyter_cache import get_cache

    cache = get_cache(cache_dir)
    for notebook in notebooks:
        (records / f"{notebook.stem}.json").unlink(missing_ok=True)
        try:
            cached = cache.match_cache_notebook(nbformat.read(notebook, as_version=4))
        except KeyError:
            continue
        cache.remove_cache(cached.pk)


def execute_in_parallel(notebooks: list[Path], source: Path, cache_dir: Path) -> None:
    """Execute ``notebooks`` ``os.cpu_count()`` at a time into the execution cache.

    jupyter-cache's own parallel executor uses multiprocessing's Pool, which waits
    forever for the result of a worker that died. A ProcessPoolExecutor notices a dead
    worker instead: the notebooks left unexecuted are then run by myst-nb, one by one,
    inside Sphinx, so the build goes on (and fails there if a notebook is at fault).
    """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    import yaml
    from jupyter_cache import get_cache
    from jupyter_cache.executors.basic import ExecutionWorkerLocalMProc, ProcessData

    timeout = yaml.safe_load((source / "_config.yml").read_text(encoding="utf-8"))[
        "execute"]["timeout"]
    cache = get_cache(cache_dir)
    tasks = [ProcessData(cache.add_nb_to_project(str(notebook)).pk, str(notebook), cache,
                         timeout, False) for notebook in notebooks]
    print(f"executing {len(notebooks)} notebook(s), {os.cpu_count()} at a time: "
          + ", ".join(notebook.name for notebook in notebooks), flush=True)
    started = time.perf_counter()
    with ProcessPoolExecutor(os.cpu_count(),
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        try:
            results = list(pool.map(ExecutionWorkerLocalMProc(), tasks))
        except BrokenProcessPool as error:
            print(f"parallel execution stopped ({error}); Sphinx will execute the "
                  "remaining notebooks one by one", flush=True)
            return
    failed = [Path(uri).name for status, uri in results if status != 0]
    print(f"executed {len(results) - len(failed)} in {time.perf_counter() - started:.1f} s"
          + (f"; failed (Sphinx will report why): {', '.join(failed)}" if failed else ""),
          flush=True)


def _execute_in_own_session(notebooks: list[Path], source: Path, cache_dir: Path) -> None:
    os.setsid()  # a process group the parent can stop as a whole
    execute_in_parallel(notebooks, source, cache_dir)


def execute_interruptibly(notebooks: list[Path], source: Path, cache_dir: Path,
                          grace: float = 3.0) -> None:
    """:func:`execute_in_parallel` in a child process that Ctrl-C stops, workers and all.

    On KeyboardInterrupt the child's process group gets SIGTERM, then SIGKILL after
    ``grace`` seconds if any of it is left (multiprocessing's resource tracker ignores
    SIGTERM); the kernels notice that their worker is gone and exit.
    """
    child = multiprocessing.get_context("spawn").Process(
        target=_execute_in_own_session, args=(notebooks, source, cache_dir))
    child.start()
    try:
        child.join()
    except KeyboardInterrupt:
        _stop_group(child.pid, grace)
        child.kill()  # interrupted before it had a group of its own
        child.join()
        raise


def _stop_group(group: int, grace: float) -> None:
    for stop in (signal.SIGTERM, signal.SIGKILL):
        deadline = time.monotonic() + grace
        try:
            os.killpg(group, stop)
            while time.monotonic() < deadline:
                time.sleep(0.1)
                os.killpg(group, 0)  # ProcessLookupError once the group is empty
        except ProcessLookupError:
            return


def prepare_execution(source: Path, site: Path) -> None:
    """Execute again exactly the notebooks whose cells or recorded inputs changed.

    Their cached outputs and records are dropped first, and their files are touched:
    Sphinx decides which pages to read again by file times.
    """
    from analysis.data import cache  # pandas: only when notebooks may run

    cache.discard_corrupt_entries()
    cache_dir = site / "_build" / ".jupyter_cache"
    records = site / "execution-records"
    os.environ[paths.RECORDS_ENV] = str(records)  # kernels started from here record
    stale = stale_notebooks(source, cache_dir, records)
    if not stale:
        return
    for notebook, reason in stale.items():
        print(f"{notebook.name} will execute again: {reason}")
    forget(stale, cache_dir, records)
    for notebook in stale:  # Sphinx reads a page again only when its source is newer
        os.utime(notebook)
    now = [notebook for notebook in stale if notebook.name not in RUN_AFTER_THE_OTHERS]
    if now:  # the others run inside Sphinx, after these
        execute_interruptibly(now, source, cache_dir)


def _publish(built: Path, target: Path) -> None:
    """Replace ``target`` with a copy of ``built`` so readers never see half a book."""
    staging = target.with_name(target.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(built, staging)
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)  # no Ctrl-C between renames
    try:
        if target.exists():
            target.rename(old)
        staging.rename(target)
    finally:
        signal.signal(signal.SIGINT, interrupt)
    shutil.rmtree(old, ignore_errors=True)


def build_html(source: Path = paths.REPO_ROOT, build_dir: Path | None = None,
               force: bool = False) -> int:
    """Build the book in ``source`` into ``build_dir``/html; return the exit status."""
    build_dir = build_dir or paths.build_dir()
    site = build_dir / "site"  # Sphinx's working tree: doctrees, execution cache, html
    html = build_dir / "html"  # the published book
    book_stamp = build_dir / "book-key.txt"
    # the repository URL shows or hides the launch buttons (book/_ext/launch_buttons.py)
    book_key = content_key(BOOK_INPUTS, source) + os.environ.get("SCO_REPOSITORY_URL", "")
    if not force and (html / "index.html").is_file() and book_stamp.is_file() \
            and book_stamp.read_text().strip() == book_key:
        print(f"book is up to date ({html}); nothing to do")
        return 0
    book_stamp.unlink(missing_ok=True)
    prepare_execution(source, site)
    command = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(source),
               "--path-output", str(site), "-W", "-n", "--keep-going"]
    started = time.perf_counter()
    shutil.rmtree(site / "_build" / "html", ignore_errors=True)  # every page written anew
    result = subprocess.run(command, check=False)
    if result.returncode != 0:
        print(f"BUILD FAILED (exit {result.returncode}); {html} was not updated.",
              file=sys.stderr)
        return result.returncode
    pdf = build_dir / "pdf" / PDF_NAME
    if pdf.is_file():  # the site links to the PDF edition: the last one built goes with it
        shutil.copyfile(pdf, site / "_build" / "html" / PDF_NAME)
    _publish(site / "_build" / "html", html)
    book_stamp.write_text(book_key + "\n")
    print(f"built {html} in {time.perf_counter() - started:.1f} s")
    return 0


def build_pdf(source: Path = paths.REPO_ROOT, build_dir: Path | None = None) -> int:
    """Build the PDF with XeLaTeX into ``build_dir``/pdf/book.pdf (same execution cache)."""
    build_dir = build_dir or paths.build_dir()
    site = build_dir / "site"
    prepare_execution(source, site)
    command = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(source),
               "--path-output", str(site), "--builder", "pdflatex", "-W", "-n",
               "--keep-going"]
    built = site / "_build" / "latex" / "book.pdf"
    built.unlink(missing_ok=True)  # only a PDF made by this build may be published
    # book/_ext/pdf_edition.py: the PDF's own settings (no code)
    result = subprocess.run(command, check=False, env={**os.environ, "SCO_EDITION": "pdf"})
    if result.returncode != 0 or not built.is_file():
        print(f"PDF BUILD FAILED (exit {result.returncode}).", file=sys.stderr)
        return result.returncode or 1
    target = build_dir / "pdf" / PDF_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(built, target)
    # the LaTeX log beside it: the PDF tests read its overfull lines
    shutil.copyfile(built.with_suffix(".log"), target.with_suffix(".log"))
    if (build_dir / "html").is_dir():  # and into the published site, which links to it
        staged = build_dir / "html" / (PDF_NAME + ".new")
        shutil.copyfile(built, staged)
        staged.replace(build_dir / "html" / PDF_NAME)
    print(f"built {target}")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.build", description=__doc__)
    parser.add_argument("--force", action="store_true", help="build even if nothing changed")
    parser.add_argument("--pdf", action="store_true", help="build the PDF instead of HTML")
    parser.add_argument("--source", type=Path, default=paths.REPO_ROOT,
                        help="book root (default: this repository)")
    parser.add_argument("--build-dir", type=Path, default=None,
                        help=f"output folder (default: ${paths.BUILD_ENV} or _build)")
    args = parser.parse_args(argv)
    try:
        if args.pdf:
            return build_pdf(args.source.resolve(), args.build_dir)
        return build_html(args.source.resolve(), args.build_dir, args.force)
    except KeyboardInterrupt:
        print("build interrupted; the published book is unchanged", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
