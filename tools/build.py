"""Build the book safely: execute exactly what is stale, publish all or nothing.

Whether a notebook executes again is decided by :mod:`tools.execution` from the
record of what its cached execution read (:mod:`analysis.provenance`); whether the
published book is current, by the book's files and those records together; whether
Sphinx may reuse what it read before, by the files it reads besides the pages.

Sphinx writes every page into an empty output folder (it decides what to rewrite by
file times, after saving its environment, so a build killed while writing would
otherwise leave stale pages that later builds take for current, and images of earlier
builds would stay published). Only a build that succeeds, with no warning and no
notebook error, replaces ``_build/html``. One build at a time may use a build folder
(a lock); a full disk or a folder that cannot be written ends the build in one line,
with nothing half-copied left behind. The site links to the PDF edition: the PDF
build puts ``book.pdf`` into it, and an HTML build carries over the last one built.

Usage: ``python -m tools.build [--force | --pdf] [--source DIR] [--build-dir DIR]``.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from analysis import paths
from tools import editions, execution

# What the whole book depends on: when none of these changed, there is nothing to do.
BOOK_INPUTS = ("src/analysis/**/*.py", "data/*.csv", "data/curated/*.csv",
               "requirements.lock", "notebooks/*.ipynb", "book/**/*", "_config.yml",
               "_toc.yml", "LICENSE*", "locale/**/*")


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
RUSSIAN_EDITION_TIME = "Russian edition built in"  # what make bench reads
RUSSIAN_PDF_NAME = "book-ru.pdf"  # the Russian one, in _build/pdf (ru/book.pdf in the site)

class BuildError(Exception):
    """A build that cannot go on, said in one line (the published book is unchanged)."""


def _publish(built: Path, target: Path) -> None:
    """Replace ``target`` with a copy of ``built`` so readers never see half a book. A
    copy that fails (a full disk) is removed, and ``target`` stays as it was."""
    staging = target.with_name(target.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        shutil.copytree(built, staging)
    except (OSError, shutil.Error) as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(f"could not copy the book to {staging}: {_reason(error)}") from None
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


def _reason(error: BaseException) -> str:
    """The first cause of ``error`` in a few words ("No space left on device")."""
    if isinstance(error, shutil.Error) and error.args and isinstance(error.args[0], list):
        return str(error.args[0][0][-1])
    return getattr(error, "strerror", None) or str(error)


@contextlib.contextmanager
def exclusive(build_dir: Path):
    """One build at a time in ``build_dir``: a second one stops with a clear message."""
    import fcntl

    build_dir.mkdir(parents=True, exist_ok=True)
    lock = build_dir / ".build.lock"
    with open(lock, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise BuildError(f"another build is using {build_dir} ({holder}); wait for it "
                             "to finish or stop it, then build again") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, started {time.strftime('%H:%M:%S')}\n")
        handle.flush()
        yield


def _check_writable(folder: Path, what: str) -> None:
    """Stop at once, in one line, if ``folder`` cannot be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise BuildError(f"the {what} {folder} cannot be written: {_reason(error)}") from None


# What Sphinx reads besides the pages, which it does not track: when any of it changed
# (the book's extensions and the package modules they import, the curated tables and
# the catalogues they read, templates, styles, bibliography, configuration, or the
# installed software), Sphinx reads every page again instead of reusing its doctrees.
SPHINX_INPUTS = ("book/**/*", "_config.yml", "_toc.yml", "LICENSE*", "src/analysis/**/*.py",
                 "data/curated/*.csv", "locale/**/*")


def drop_stale_doctrees(source: Path, site: Path, builder: str) -> str:
    """Remove Sphinx's doctrees if what it reads besides the pages changed since the last
    successful build with ``builder``; return the key to stamp after this one."""
    from analysis import provenance

    key = content_key(SPHINX_INPUTS, source) + provenance.installed()
    stamp = site / f"sphinx-inputs-{builder}.txt"
    if not stamp.is_file() or stamp.read_text().strip() != key:
        shutil.rmtree(site / "_build" / ".doctrees", ignore_errors=True)
    return key


# Jupyter Book's command line, without the IRI grammar it never uses.
JUPYTER_BOOK = ("import sys; from tools import execution; execution.skip_unused_grammar(); "
                "from jupyter_book.cli.main import main; sys.argv[0] = 'jupyter-book'; main()")


def _run_sphinx(source: Path, site: Path, *options: str, env: dict | None = None) -> int:
    """``jupyter-book build`` (Sphinx) of ``source`` into ``site``, warnings as errors, in
    a child that dies with this process."""
    command = [sys.executable, "-c", JUPYTER_BOOK, "build", str(source), "--path-output",
               str(site), *options, "-W", "-n", "--keep-going"]
    return subprocess.run(command, check=False, env=env,
                          preexec_fn=execution.die_with_parent).returncode


def _nothing_changed(source: Path, build_dir: Path, book_key: str) -> bool:
    """The published book is current: the same book inputs, and every notebook's
    current record reports no change to what it read (files anywhere, environment,
    installed software, data)."""
    html, stamp = build_dir / "html", build_dir / "book-key.txt"
    if not ((html / "index.html").is_file() and stamp.is_file()
            and stamp.read_text().strip() == book_key):
        return False
    from analysis import provenance

    site = execution.Site(build_dir / "site")
    for notebook in (source / "notebooks").glob("*.ipynb"):
        record = execution.read_record(site.records / f"{notebook.stem}.json")
        if record is None or provenance.changes(record):
            return False
    return True


def build_html(source: Path = paths.REPO_ROOT, build_dir: Path | None = None,
               force: bool = False) -> int:
    """Build the book in ``source`` into ``build_dir``/html; return the exit status."""
    build_dir = build_dir or paths.build_dir()
    site = build_dir / "site"  # Sphinx's working tree: doctrees, execution cache, html
    html = build_dir / "html"  # the published book
    book_stamp = build_dir / "book-key.txt"
    # the repository URL shows or hides the launch buttons (book/_ext/launch_buttons.py)
    book_key = content_key(BOOK_INPUTS, source) + os.environ.get("SCO_REPOSITORY_URL", "")
    if not force and _nothing_changed(source, build_dir, book_key):
        print(f"book is up to date ({html}); nothing to do")
        return 0
    book_stamp.unlink(missing_ok=True)
    _check_writable(paths.cache_dir(), "data cache")
    execution.prepare(source, site)
    sphinx_key = drop_stale_doctrees(source, site, "html")
    started = time.perf_counter()
    shutil.rmtree(site / "_build" / "html", ignore_errors=True)  # every page written anew
    returncode = _run_sphinx(source, site)
    execution.adopt_all((source / "notebooks").glob("*.ipynb"), execution.Site(site))
    if returncode != 0:
        print(f"BUILD FAILED (exit {returncode}); {html} was not updated.", file=sys.stderr)
        return returncode
    (site / "sphinx-inputs-html.txt").write_text(sphinx_key + "\n")
    if editions.translated(source):
        russian_started = time.perf_counter()
        returncode = build_russian(source, build_dir)
        print(f"{RUSSIAN_EDITION_TIME} {time.perf_counter() - russian_started:.1f} s (from "
              "the English edition's executions)")
        if returncode != 0:
            print(f"BUILD FAILED (Russian edition, exit {returncode}); {html} was not "
                  "updated.", file=sys.stderr)
            return returncode
        shutil.copytree(build_dir / "site-ru" / "_build" / "html",
                        site / "_build" / "html" / editions.RUSSIAN)
    else:
        print(f"no Russian edition: {source} has no locale/{editions.RUSSIAN}")
    for name, folder in ((PDF_NAME, ""), (RUSSIAN_PDF_NAME, editions.RUSSIAN)):
        pdf = build_dir / "pdf" / name  # the site links to the PDF editions: the last built
        if pdf.is_file() and (site / "_build" / "html" / folder).is_dir():
            shutil.copyfile(pdf, site / "_build" / "html" / folder / PDF_NAME)
    _publish(site / "_build" / "html", html)
    book_stamp.write_text(book_key + "\n")
    print(f"built {html} in {time.perf_counter() - started:.1f} s")
    return 0


def build_russian(source: Path, build_dir: Path) -> int:
    """Build the Russian edition into ``build_dir``/site-ru/_build/html from the English
    build's executed notebooks (tools/editions.py); say how much of it is not yet
    translated. Return the exit status."""
    from tools import translations

    site, site_ru = build_dir / "site", build_dir / "site-ru"
    config = editions.stage(source, editions.executed_notebooks(site), site_ru / "source")
    sphinx_key = drop_stale_doctrees(source, site_ru, "html")
    shutil.rmtree(site_ru / "_build" / "html", ignore_errors=True)
    returncode = _run_sphinx(site_ru / "source", site_ru, "--config", str(config),
                             "--toc", str(site_ru / "source" / "_toc.yml"))
    if returncode == 0:
        (site_ru / "sphinx-inputs-html.txt").write_text(sphinx_key + "\n")
        unfinished = translations.count_problems()
        if unfinished:
            print(f"Russian edition: {unfinished} catalogue problems (untranslated, fuzzy "
                  "or changed roles): python -m tools.translations check", file=sys.stderr)
    return returncode


def build_pdf(source: Path = paths.REPO_ROOT, build_dir: Path | None = None) -> int:
    """Build the PDF with XeLaTeX into ``build_dir``/pdf/book.pdf (same execution cache)."""
    build_dir = build_dir or paths.build_dir()
    site = build_dir / "site"
    _check_writable(paths.cache_dir(), "data cache")
    execution.prepare(source, site)
    sphinx_key = drop_stale_doctrees(source, site, "latex")
    built = site / "_build" / "latex" / "book.pdf"
    built.unlink(missing_ok=True)  # only a PDF made by this build may be published
    # book/_ext/pdf_edition.py: the PDF's own settings (no code)
    returncode = _run_sphinx(source, site, "--builder", "pdflatex",
                             env={**os.environ, "SCO_EDITION": "pdf"})
    execution.adopt_all((source / "notebooks").glob("*.ipynb"), execution.Site(site))
    if returncode != 0 or not built.is_file():
        print(f"PDF BUILD FAILED (exit {returncode}).", file=sys.stderr)
        return returncode or 1
    (site / "sphinx-inputs-latex.txt").write_text(sphinx_key + "\n")
    target = build_dir / "pdf" / PDF_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(built, target)
    # the LaTeX log beside it: the PDF tests read its overfull lines
    shutil.copyfile(built.with_suffix(".log"), target.with_suffix(".log"))
    _place_pdf(built, build_dir / "html" / PDF_NAME)
    print(f"built {target}")
    return build_russian_pdf(source, build_dir) if editions.translated(source) else 0


def _place_pdf(built: Path, target: Path) -> None:
    """Into the published site, which links to it (if there is a site)."""
    if target.parent.is_dir():
        staged = target.with_name(target.name + ".new")
        shutil.copyfile(built, staged)
        staged.replace(target)


def build_russian_pdf(source: Path, build_dir: Path) -> int:
    """The Russian PDF, from the English build's executions, into
    ``build_dir``/pdf/book-ru.pdf and the Russian site."""
    site, site_ru = build_dir / "site", build_dir / "site-ru"
    config = editions.stage(source, editions.executed_notebooks(site), site_ru / "source")
    sphinx_key = drop_stale_doctrees(source, site_ru, "latex")
    built = site_ru / "_build" / "latex" / "book.pdf"
    built.unlink(missing_ok=True)
    returncode = _run_sphinx(site_ru / "source", site_ru, "--builder", "pdflatex",
                             "--config", str(config), "--toc",
                             str(site_ru / "source" / "_toc.yml"),
                             env={**os.environ, "SCO_EDITION": "pdf"})
    if returncode != 0 or not built.is_file():
        print(f"PDF BUILD FAILED (Russian edition, exit {returncode}).", file=sys.stderr)
        return returncode or 1
    (site_ru / "sphinx-inputs-latex.txt").write_text(sphinx_key + "\n")
    target = build_dir / "pdf" / RUSSIAN_PDF_NAME
    shutil.copyfile(built, target)
    shutil.copyfile(built.with_suffix(".log"), target.with_suffix(".log"))
    _place_pdf(built, build_dir / "html" / editions.RUSSIAN / PDF_NAME)
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
    build_dir = (args.build_dir or paths.build_dir()).resolve()
    execution.skip_unused_grammar()
    try:
        with exclusive(build_dir):
            if args.pdf:
                return build_pdf(args.source.resolve(), build_dir)
            return build_html(args.source.resolve(), build_dir, args.force)
    except KeyboardInterrupt:
        print("build interrupted; the published book is unchanged", file=sys.stderr)
        return 130
    except BuildError as error:
        print(f"BUILD FAILED: {error}", file=sys.stderr)
        return 1
    except execution.ExecutorFailed as error:
        print(f"BUILD FAILED: {error}; the published book is unchanged", file=sys.stderr)
        return 1
    except OSError as error:  # a full disk, a folder that cannot be written
        where = f" ({error.filename})" if getattr(error, "filename", None) else ""
        print(f"BUILD FAILED: {_reason(error)}{where}; the published book is unchanged",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
