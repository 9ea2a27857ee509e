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
import dataclasses
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from analysis import paths
from tools import editions, execution, warm_kernels

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
RUSSIAN_LOG = "sphinx.log"  # the Russian edition's Sphinx output, printed when it ends

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


# What Sphinx reads besides the pages, which it does not track itself: the book's
# extensions, templates, styles and bibliography, its configuration and licences...
SPHINX_INPUTS = ("book/**/*", "_config.yml", "_toc.yml", "LICENSE*")
# ...and whatever else its process read (the package modules the extensions import,
# the curated tables and catalogues they open, the environment variables), recorded as
# it read them (analysis.provenance) into this file, beside the doctrees.
SPHINX_RECORD_ENV = "SCO_SPHINX_RECORD"


def sphinx_record(site: Path, builder: str) -> Path:
    return site / f"sphinx-read-{builder}.json"


def _sphinx_stamp(site: Path, builder: str) -> Path:
    """The key of what the last successful build with ``builder`` read by name."""
    return site / f"sphinx-inputs-{builder}.txt"


def record_sphinx_reads() -> None:
    """In a Sphinx child of the build: record what this process reads outside its site
    (the record's folder, which holds its output), and save it when it exits (unless a
    file it read changed meanwhile)."""
    import atexit

    file = os.environ.pop(SPHINX_RECORD_ENV, None)  # before recording: no input
    if file:
        from analysis import provenance

        provenance.start(outputs=Path(file).parent)
        atexit.register(provenance.save, Path(file), "sphinx")


def _is_page(name: str, source: Path) -> bool:
    """Whether the file a record names is a notebook page (Sphinx tracks those itself)."""
    from analysis import provenance

    file = provenance.path(name)
    return file.parent == source / "notebooks" and file.suffix == ".ipynb"


def drop_stale_doctrees(source: Path, site: Path, builder: str,
                        environment: dict | None = None) -> str:
    """Remove Sphinx's doctrees if what it reads besides the pages changed since the last
    successful build with ``builder`` (its child given ``environment``, by default this
    process's); return the key to stamp after this one. The record of what that build
    read is used up: the child writes the next one."""
    from analysis import provenance

    key = content_key(SPHINX_INPUTS, source) + provenance.installed()
    stamp, record = _sphinx_stamp(site, builder), sphinx_record(site, builder)
    read = execution.read_record(record)
    if (not stamp.is_file() or stamp.read_text().strip() != key or read is None
            or provenance.changes(read, environment)):
        shutil.rmtree(site / "_build" / ".doctrees", ignore_errors=True)
    record.unlink(missing_ok=True)
    return key


def sphinx_done(site: Path, builder: str, key: str, succeeded: bool, source: Path) -> None:
    """After a Sphinx build: if it succeeded, stamp its key and keep what it read besides
    what Sphinx tracks itself, for the next build to compare (nothing, if a file changed
    while it ran); if it failed, keep no record, so that the next reads every page."""
    file = sphinx_record(site, builder)
    read = execution.read_record(file) if succeeded else None
    if read is None:
        file.unlink(missing_ok=True)
        return
    read["files"] = {name: seen for name, seen in read["files"].items()
                     if not _is_page(name, source)}
    paths.replace_atomically(file, json.dumps(read, indent=1) + "\n")
    _sphinx_stamp(site, builder).write_text(key + "\n")


# Jupyter Book's command line, without the IRI grammar it never uses, recording what it
# reads when the build asks (record_sphinx_reads).
JUPYTER_BOOK = ("import sys; from tools import build, execution; "
                "execution.skip_unused_grammar(); build.record_sphinx_reads(); "
                "from jupyter_book.cli.main import main; sys.argv[0] = 'jupyter-book'; main()")


def _start_sphinx(source: Path, site: Path, *options: str, builder: str = "html",
                  env: dict | None = None, log: Path | None = None) -> subprocess.Popen:
    """Start ``jupyter-book build`` (Sphinx) of ``source`` into ``site``, warnings as
    errors, in a child that dies with this process and records what it reads besides
    the pages; its output goes to ``log`` if given."""
    command = [sys.executable, "-c", JUPYTER_BOOK, "build", str(source), "--path-output",
               str(site), *options, "-W", "-n", "--keep-going"]
    env = {**(os.environ if env is None else env),
           SPHINX_RECORD_ENV: str(sphinx_record(site, builder))}
    with open(log, "w", encoding="utf-8") if log else contextlib.nullcontext() as output:
        return subprocess.Popen(command, env=env, stdout=output,
                                stderr=subprocess.STDOUT if log else None,
                                preexec_fn=warm_kernels.die_with_parent)


def _nothing_changed(source: Path, build_dir: Path, book_key: str) -> bool:
    """The published book is current: the same book inputs, every notebook's current
    record and every edition's Sphinx record report no change to what it read (files
    anywhere, environment, installed software, data)."""
    html, stamp = build_dir / "html", build_dir / "book-key.txt"
    if not ((html / "index.html").is_file() and stamp.is_file()
            and stamp.read_text().strip() == book_key):
        return False
    from analysis import provenance

    site = execution.Site(build_dir / "site")
    records = [site.records / f"{notebook.stem}.json"
               for notebook in (source / "notebooks").glob("*.ipynb")]
    records += [sphinx_record(build_dir / folder, "html") for folder in ("site", "site-ru")
                if folder == "site" or editions.translated(source)]
    return all((record := execution.read_record(file)) is not None
               and not provenance.changes(record) for file in records)


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
    started = time.perf_counter()
    returncode, russian_code = _build_editions(source, build_dir, "html")
    if returncode != 0:
        print(f"BUILD FAILED (exit {returncode}); {html} was not updated.", file=sys.stderr)
        return returncode
    if russian_code:
        print(f"BUILD FAILED (Russian edition, exit {russian_code}); {html} was not "
              "updated.", file=sys.stderr)
        return russian_code
    if russian_code is not None:
        _say_untranslated()
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


# Each builder's Sphinx options and the settings its child gets (book/_ext/pdf_edition.py:
# the PDF's own settings, no code).
BUILDERS = {"html": ((), {}), "latex": (("--builder", "pdflatex"), {"SCO_EDITION": "pdf"})}


@dataclasses.dataclass
class _Edition:
    """One edition's Sphinx build, running: its site, builder, key, log and time."""

    site: Path
    builder: str
    key: str
    process: subprocess.Popen
    started: float
    log: Path | None = None
    seconds: float = 0.0

    def __post_init__(self) -> None:
        self._waiter = threading.Thread(target=self._wait, daemon=True)
        self._waiter.start()

    def _wait(self) -> None:  # its own end, not when it was waited for
        self.process.wait()
        self.seconds = time.perf_counter() - self.started

    def wait(self) -> int:
        self._waiter.join()
        return self.process.returncode


def _start_edition(source: Path, site: Path, builder: str, *options: str,
                   log: Path | None = None, started: float | None = None) -> _Edition:
    """Start the Sphinx build of the book (or staged edition) in ``source`` into ``site``
    with ``builder``, after dropping its doctrees if what it reads besides the pages
    changed."""
    builder_options, settings = BUILDERS[builder]
    env = {**os.environ, **settings}
    if builder == "html":
        shutil.rmtree(site / "_build" / "html", ignore_errors=True)  # every page anew
    else:  # only a PDF made by this build may be published
        (site / "_build" / "latex" / "book.pdf").unlink(missing_ok=True)
    key = drop_stale_doctrees(source, site, builder, env)
    process = _start_sphinx(source, site, *builder_options, *options, builder=builder,
                            env=env, log=log)
    return _Edition(site, builder, key, process,
                    time.perf_counter() if started is None else started, log)


def _start_russian(source: Path, build_dir: Path, builder: str,
                   after_english: bool = False) -> _Edition | None:
    """Stage the Russian edition from the English build's executions and start its
    Sphinx build in ``build_dir``/site-ru, its output in a log; None when a notebook has
    no cached execution yet (then it starts after the English build)."""
    site, site_ru = build_dir / "site", build_dir / "site-ru"
    started = time.perf_counter()
    try:
        config = editions.stage(source, editions.executed_notebooks(site), site_ru / "source")
    except KeyError:
        if after_english:
            raise BuildError("the Russian edition found a notebook with no execution in "
                             f"the cache of {site}") from None
        return None
    return _start_edition(site_ru / "source", site_ru, builder, "--config", str(config),
                          "--toc", str(site_ru / "source" / "_toc.yml"),
                          log=site_ru / RUSSIAN_LOG, started=started)


def _build_editions(source: Path, build_dir: Path, builder: str) -> tuple[int, int | None]:
    """Both editions' Sphinx builds with ``builder``, at once, one per core: the Russian
    one needs only the execution cache, unless a notebook is not in it yet (myst-nb
    executes it in the English build, and the Russian one starts after). The exit
    statuses: the English one, the Russian one (None: the book has no Russian edition)."""
    translated = editions.translated(source)
    english = _start_edition(source, build_dir / "site", builder)
    russian = _start_russian(source, build_dir, builder) if translated else None
    returncode = _finish(english, source)
    # the records of any notebook myst-nb executed in the English build
    execution.adopt_all((source / "notebooks").glob("*.ipynb"), execution.Site(english.site))
    if not translated:
        return returncode, None
    if russian is None:
        if returncode != 0:
            return returncode, returncode  # not built either
        russian = _start_russian(source, build_dir, builder, after_english=True)
    russian_code = _finish(russian, source)
    print(f"{RUSSIAN_EDITION_TIME} {russian.seconds:.1f} s (from the English edition's "
          "executions, beside its Sphinx build)", flush=True)
    return returncode, russian_code


def _finish(edition: _Edition, source: Path) -> int:
    """Wait for ``edition``'s build, print its output (if it went to a log) and keep
    what it read; return its exit status."""
    returncode = edition.wait()
    if edition.log is not None:
        print(edition.log.read_text(encoding="utf-8"), end="", flush=True)
    sphinx_done(edition.site, edition.builder, edition.key, returncode == 0, source)
    return returncode


def _say_untranslated() -> None:
    from tools import translations

    unfinished = translations.count_problems()
    if unfinished:
        print(f"Russian edition: {unfinished} catalogue problems (untranslated, fuzzy or "
              "changed roles): python -m tools.translations check", file=sys.stderr)


def build_pdf(source: Path = paths.REPO_ROOT, build_dir: Path | None = None) -> int:
    """Build the PDF editions with XeLaTeX into ``build_dir``/pdf (same execution cache),
    both at once."""
    build_dir = build_dir or paths.build_dir()
    site = build_dir / "site"
    _check_writable(paths.cache_dir(), "data cache")
    execution.prepare(source, site)
    returncode, russian_code = _build_editions(source, build_dir, "latex")
    failed = _take_pdf(site / "_build" / "latex" / "book.pdf", returncode,
                       build_dir / "pdf" / PDF_NAME, build_dir / "html" / PDF_NAME, "")
    if russian_code is not None:
        failed = failed or _take_pdf(build_dir / "site-ru" / "_build" / "latex" / "book.pdf",
                                     russian_code, build_dir / "pdf" / RUSSIAN_PDF_NAME,
                                     build_dir / "html" / editions.RUSSIAN / PDF_NAME,
                                     " (Russian edition)")
    return failed


def _take_pdf(built: Path, returncode: int, target: Path, published: Path, which: str) -> int:
    """Copy a PDF that its build made to ``target``, with its LaTeX log (the PDF tests read
    its overfull lines), and into the published site; or say that it failed."""
    if returncode != 0 or not built.is_file():
        print(f"PDF BUILD FAILED{which} (exit {returncode}).", file=sys.stderr)
        return returncode or 1
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(built, target)
    shutil.copyfile(built.with_suffix(".log"), target.with_suffix(".log"))
    if published.parent.is_dir():  # the site links to it (if there is a site)
        staged = published.with_name(published.name + ".new")
        shutil.copyfile(built, staged)
        staged.replace(published)
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
