"""Build the HTML book safely: fresh execution when code or data change, atomic publish.

jupyter-cache keys a notebook on its code cells only, so a change in
``src/analysis/`` or in the data would leave stale outputs in the book. This
module keys the execution cache on a hash of the package and the data registry
and clears it, with Sphinx's parsed pages, when that hash changes. Sphinx builds
into ``_build/site``; only a build that succeeds (no warning, no notebook error)
is copied to ``_build/html``, so a failed build never leaves a new book behind.
Sphinx writes every page afresh into an empty output folder: it decides what to
rewrite by file times, after saving its environment, so a build killed while
writing would otherwise leave stale pages that later builds take for current, and
images of earlier builds would stay published.

myst-nb executes notebooks one after another while Sphinx reads them. Before
Sphinx starts, this module executes the notebooks that have no cached outputs in
parallel, one per core, into the same jupyter-cache, so myst-nb finds every
notebook executed. A notebook that fails there is not cached: myst-nb runs it
again and reports the error, and the build fails as before. The parallel run has a
process session of its own, so Ctrl-C stops it and its workers within seconds
(multiprocessing's pool would otherwise wait for its workers forever).

Usage: ``python -m tools.build [--force | --pdf] [--source DIR] [--build-dir DIR]``.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
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

# What notebook outputs depend on besides their own code cells.
EXECUTION_INPUTS = ("src/analysis/**/*.py", "data/registry.csv", "data/curated/*.csv")
# What the whole book depends on.
BOOK_INPUTS = (*EXECUTION_INPUTS, "notebooks/*.ipynb", "book/**/*", "_config.yml", "_toc.yml")


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


def invalidate_stale_execution(stale: Iterable[Path], stamp: Path, key: str) -> bool:
    """Delete the ``stale`` folders when ``key`` differs from the stamped one.

    Both jupyter-cache (executed notebooks) and Sphinx's doctrees (parsed pages,
    outputs included) must go: Sphinx re-reads, and so re-executes, only the
    notebooks whose doctrees are missing. Returns True when they were cleared.
    """
    if stamp.is_file() and stamp.read_text().strip() == key:
        return False
    for folder in stale:
        shutil.rmtree(folder, ignore_errors=True)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(key + "\n")
    return True


# The replication appendix reports the other notebooks' execution times from the
# jupyter-cache, so it runs after them (serially, inside the Sphinx build).
RUN_AFTER_THE_OTHERS = ("91_replication.ipynb",)


def notebooks_to_execute(source: Path, cache_dir: Path) -> list[Path]:
    """The book's notebooks (but those run last) with no outputs in the execution cache."""
    import nbformat  # here, not at the top: a build with nothing to do skips 0.4 s of imports
    from jupyter_cache import get_cache

    cache = get_cache(cache_dir)
    stale = []
    for notebook in sorted((source / "notebooks").glob("*.ipynb")):
        if notebook.name in RUN_AFTER_THE_OTHERS:
            continue
        try:
            cache.match_cache_notebook(nbformat.read(notebook, as_version=4))
        except KeyError:
            stale.append(notebook)
    return stale


def execute_in_parallel(source: Path, cache_dir: Path) -> None:
    """Execute the stale notebooks ``os.cpu_count()`` at a time into the execution cache."""
    import yaml
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    stale = notebooks_to_execute(source, cache_dir)
    if not stale:
        return
    config = yaml.safe_load((source / "_config.yml").read_text(encoding="utf-8"))
    cache = get_cache(cache_dir)
    for notebook in stale:
        cache.add_nb_to_project(str(notebook))
    print(f"executing {len(stale)} notebook(s), {os.cpu_count()} at a time: "
          + ", ".join(notebook.name for notebook in stale), flush=True)
    started = time.perf_counter()
    result = load_executor("local-parallel", cache, logger=logging.getLogger(__name__)) \
        .run_and_cache(filter_uris=[str(notebook) for notebook in stale],
                       timeout=config["execute"]["timeout"], allow_errors=False)
    print(f"executed {len(result.succeeded)} in {time.perf_counter() - started:.1f} s"
          + (f"; failed (Sphinx will report why): {result.excepted + result.errored}"
             if result.excepted or result.errored else ""), flush=True)


def _execute_in_own_session(source: Path, cache_dir: Path) -> None:
    os.setsid()  # a process group the parent can stop as a whole
    execute_in_parallel(source, cache_dir)


def execute_interruptibly(source: Path, cache_dir: Path, grace: float = 3.0) -> None:
    """:func:`execute_in_parallel` in a child process that Ctrl-C stops, workers and all.

    On KeyboardInterrupt the child's process group gets SIGTERM, then SIGKILL after
    ``grace`` seconds; the kernels notice that their worker is gone and exit.
    """
    child = multiprocessing.get_context("spawn").Process(
        target=_execute_in_own_session, args=(source, cache_dir))
    child.start()
    try:
        child.join()
    except KeyboardInterrupt:
        for stop in (signal.SIGTERM, signal.SIGKILL):
            if not child.is_alive():
                break
            try:
                os.killpg(child.pid, stop)
            except ProcessLookupError:  # interrupted before the child had its own group
                os.kill(child.pid, stop)
            child.join(grace)
        raise


def prepare_execution(source: Path, site: Path) -> None:
    """Clear stale outputs if code or data changed, then execute what is not cached."""
    from analysis.data import cache  # pandas: only when notebooks may run

    cache.discard_corrupt_entries()
    cache_dir = site / "_build" / ".jupyter_cache"
    if invalidate_stale_execution([cache_dir, site / "_build" / ".doctrees"],
                                  site / "execution-key.txt",
                                  content_key(EXECUTION_INPUTS, source)):
        print("analysis code or data changed: every notebook will be executed again")
    if notebooks_to_execute(source, cache_dir):
        execute_interruptibly(source, cache_dir)


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
    book_key = content_key(BOOK_INPUTS, source)
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
    result = subprocess.run(command, check=False)
    if result.returncode != 0 or not built.is_file():
        print(f"PDF BUILD FAILED (exit {result.returncode}).", file=sys.stderr)
        return result.returncode or 1
    target = build_dir / "pdf" / "book.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(built, target)
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
