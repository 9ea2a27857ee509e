"""Execute exactly the notebooks whose outputs may have changed, into a cache that cannot lie.

jupyter-cache (which myst-nb reads) keeps one executed copy per version of a
notebook's code cells. Beside each copy the build keeps the record of the execution
that made it (:mod:`analysis.provenance`: every file the kernel read, the environment
variables, the installed software, the data), named by the copy's hash and holding a
checksum of the copy. A cached copy is used only when its own record says that
nothing it depended on changed and its checksum holds; otherwise it is discarded and
the notebook executes again. So an edit that is reverted can never bring back outputs
computed from other inputs, a file saved while a notebook ran leaves no record (the
kernel does not save one), and a damaged or missing copy is executed again instead
of being published or blocking later builds.

The stale notebooks execute in parallel, one per core, in a child process with a
process group of its own, so that Ctrl-C stops it, its workers and their kernels
within seconds; and a kill -9 of the build takes them with it (each dies with its
parent). The replication appendix reports on the others, so it executes after them.
A notebook that fails here is not cached: myst-nb runs it again inside Sphinx and
reports the error, and the build fails.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import multiprocessing
import os
import shutil
import signal
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from analysis import paths
from tools import warm_kernels

# The replication appendix reports what the other notebooks read (the summary of their
# records, :func:`write_dependencies`), so it executes after them: when that summary or
# anything else it read changed.
RUN_AFTER_THE_OTHERS = ("91_replication.ipynb",)
DEPENDENCIES = paths.DEPENDENCIES_NAME  # the summary, beside the records
NOTEBOOK_ENV = paths.NOTEBOOK_ENV  # the notebook a kernel of the executor runs
STARTUP = f"""\
# Written by tools/execution.py: a kernel started by the book build records what it
# reads from its first line on, and saves the record when it exits (analysis.provenance).
import os as _os
if _os.environ.get("{paths.RECORDS_ENV}"):
    _notebook = _os.environ.get("{NOTEBOOK_ENV}")  # read before recording starts
    from analysis import provenance as _provenance
    _provenance.start()
    if _notebook:
        _provenance.record_on_exit(_notebook)
"""


class Site:
    """Where one build keeps its execution state: the cache, the records, IPython's
    folder for the kernels."""

    def __init__(self, site: Path):
        self.cache_dir = site / "_build" / ".jupyter_cache"
        self.records = site / "execution-records"
        self.entries = self.records / "entries"  # one record per cached copy
        self.pending = self.records / "pending"  # written by kernels, adopted after
        self.ipython = site / "ipython"
        self.kernels = site / "kernels"  # the warm kernels' specs (tools/warm_kernels.py)

    def prepare_kernels(self) -> None:
        """Kernels started from this process record, from their first line."""
        startup = self.ipython / "profile_default" / "startup" / "00-provenance.py"
        startup.parent.mkdir(parents=True, exist_ok=True)
        if not startup.is_file() or startup.read_text() != STARTUP:
            startup.write_text(STARTUP)
        os.environ[paths.RECORDS_ENV] = str(self.records)
        os.environ["IPYTHONDIR"] = str(self.ipython)  # not the user's profile either


def open_cache(site: Site):
    """The execution cache; a cache whose database cannot be read is removed with a
    note and started afresh (every notebook then executes again)."""
    from jupyter_cache import get_cache

    try:
        cache = get_cache(site.cache_dir)
        cache.list_cache_records()
        return cache
    except Exception as error:  # noqa: BLE001 - any damage: the same remedy
        print(f"execution cache {site.cache_dir} is unreadable ({type(error).__name__}); "
              "starting it afresh", flush=True)
        shutil.rmtree(site.cache_dir, ignore_errors=True)
        shutil.rmtree(site.entries, ignore_errors=True)
        return get_cache(site.cache_dir)


def cached_copy(cache, hashkey: str) -> Path:
    return Path(cache.path) / "executed" / hashkey / "base.ipynb"


def discard(cache, record) -> None:
    """Remove a cached copy and its database row, whether or not its file exists."""
    from jupyter_cache.cache.db import NbCacheRecord

    shutil.rmtree(cached_copy(cache, record.hashkey).parent, ignore_errors=True)
    NbCacheRecord.remove_records([record.pk], cache.db)


RECORD_KEYS = {"files", "environment", "raw", "installed"}


def read_record(file: Path) -> dict | None:
    """The record in ``file``, or None if it is missing, damaged or of another version
    of the build (such a record vouches for nothing: its notebook executes again)."""
    try:
        record = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and record.keys() >= RECORD_KEYS else None


def why_stale(notebook: Path, cache, site: Site) -> str | None:
    """Why ``notebook`` must execute again, or None when its cached copy still holds
    (and then the copy's record becomes the notebook's current record)."""
    import nbformat  # here: a build with nothing to do skips these imports

    from analysis import provenance

    try:
        record = cache.match_cache_notebook(nbformat.read(notebook, as_version=4))
    except KeyError:
        return "new or edited cells"
    entry = site.entries / f"{record.hashkey}.json"
    saved = read_record(entry)
    if saved is None:
        discard(cache, record)
        return "no record of what its cached execution used"
    if provenance.digest(cached_copy(cache, record.hashkey)) != saved.get("cached_sha256"):
        discard(cache, record)
        return "its cached outputs are damaged or missing"
    changed = provenance.changes(saved)
    if changed:
        return "changed: " + ", ".join(changed[:3]) + (" ..." if len(changed) > 3 else "")
    current = site.records / f"{notebook.stem}.json"
    if not current.is_file() or current.read_bytes() != entry.read_bytes():
        shutil.copyfile(entry, current)
    return None


def stale_notebooks(notebooks: Iterable[Path], site: Site) -> dict[Path, str]:
    """Those of ``notebooks`` that must execute again, each with the reason."""
    cache = open_cache(site)
    reasons = {notebook: why_stale(notebook, cache, site) for notebook in notebooks}
    return {notebook: reason for notebook, reason in reasons.items() if reason}


def write_dependencies(site: Site, source: Path) -> None:
    """Write what each notebook (but the appendix) read in its current record, names
    only, for the replication appendix: the files of the repository and of the book
    ``source`` (it reports no other; a file such as /etc/mime.types is read only on some
    runs) and the raw data.
    Only when that changed, so that the appendix executes again exactly when what it
    reports changed."""
    summary = {file.stem: {"files": sorted(name for name in record["files"]
                                           if not Path(name).is_absolute()
                                           or Path(name).is_relative_to(source)),
                           "raw": sorted(record["raw"])}
               for file in sorted(site.records.glob("*.json"))
               if f"{file.stem}.ipynb" not in RUN_AFTER_THE_OTHERS
               for record in [read_record(file)] if record is not None}
    target = site.records.parent / DEPENDENCIES
    text = json.dumps(summary, indent=1) + "\n"
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        paths.replace_atomically(target, text)


def _announce(stale: dict[Path, str], site: Site) -> None:
    """Say why each notebook executes; drop its records; touch it, since Sphinx reads a
    page again only when its source is newer."""
    for notebook, reason in stale.items():
        print(f"{notebook.name} will execute again: {reason}", flush=True)
    forget(stale, site)
    for notebook in stale:
        os.utime(notebook)


def adopt(notebook: Path, cache, site: Site) -> bool:
    """Make the record a kernel saved for ``notebook`` the record of its cached copy,
    with the copy's checksum; whether there was one to adopt."""
    import nbformat

    from analysis import provenance

    pending = site.pending / f"{notebook.stem}.json"
    try:
        record = cache.match_cache_notebook(nbformat.read(notebook, as_version=4))
    except KeyError:
        pending.unlink(missing_ok=True)
        return False
    saved = read_record(pending)
    if saved is None:
        pending.unlink(missing_ok=True)
        return False
    saved["cached_sha256"] = provenance.digest(cached_copy(cache, record.hashkey))
    text = json.dumps(saved, indent=1) + "\n"
    for target in (site.entries / f"{record.hashkey}.json", site.records / f"{notebook.stem}.json"):
        paths.replace_atomically(target, text)
    pending.unlink()
    return True


def adopt_all(notebooks: Iterable[Path], site: Site) -> None:
    cache = open_cache(site)
    for notebook in notebooks:
        adopt(notebook, cache, site)


def forget(notebooks: Iterable[Path], site: Site) -> None:
    """Drop the current records and pending records of ``notebooks`` before they run
    again. (Their older cached copies stay, each with its own record.)"""
    for notebook in notebooks:
        (site.records / f"{notebook.stem}.json").unlink(missing_ok=True)
        (site.pending / f"{notebook.stem}.json").unlink(missing_ok=True)


def skip_unused_grammar() -> None:
    """Spare this process the 1.3 s in which jsonschema, imported by nbformat, compiles
    the grammar of IRIs (rfc3987-syntax, installed for JupyterLab's event schemas): none
    of the schemas the build validates (nbformat's, Jupyter Book's) checks a format
    (tests/unit/test_build.py). jsonschema then leaves the IRI formats unchecked."""
    sys.modules.setdefault("rfc3987_syntax", None)


def start_worker() -> None:
    """A process of the executor: it dies with the build, and skips the IRI grammar."""
    warm_kernels.die_with_parent()
    skip_unused_grammar()


def execute_one(notebook: str, cache_dir: str, timeout: int,
                kernels: str | None = None) -> tuple[str, str | None]:
    """Execute ``notebook`` in its folder and cache it: (name, error or None). With
    ``kernels``, the folder of the warm kernels' specs (tools/warm_kernels.py), its
    kernel is forked from the warm server."""
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    nb = nbformat.read(notebook, as_version=4)
    os.environ[NOTEBOOK_ENV] = Path(notebook).stem  # the kernel saves its record by it
    name = nb.metadata.kernelspec.name
    manager = None
    if kernels:
        from jupyter_client import KernelManager
        from jupyter_client.kernelspec import KernelSpecManager

        manager = KernelManager(kernel_name=name, kernel_spec_manager=KernelSpecManager(
            kernel_dirs=[kernels]))
    try:
        NotebookClient(nb, km=manager, timeout=timeout, kernel_name=name,
                       record_timing=False,  # cell metadata is part of the cache key
                       resources={"metadata": {"path": str(Path(notebook).parent)}}
                       ).execute(cleanup_kc=True)  # shut down, even in a manager of ours
    except (CellExecutionError, CellTimeoutError) as error:
        return Path(notebook).name, f"{type(error).__name__}"
    with writing(cache_dir):
        get_cache(cache_dir).cache_notebook_bundle(CacheBundleIn(nb, notebook),
                                                   check_validity=False, overwrite=True)
    return Path(notebook).name, None


@contextlib.contextmanager
def writing(cache_dir: str | Path) -> Iterator[None]:
    """One process at a time writes to the execution cache. jupyter-cache prunes it
    after each write in two queries, so a copy another worker adds between them is
    taken for an old one: removed, or (its file not yet written) a KeyError that stops
    the executor."""
    lock = Path(f"{cache_dir}.lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _with_the_others(notebook: Path, reason: str) -> bool:
    """Whether ``notebook`` may execute in the first batch: any but an appendix, and an
    appendix whose own inputs changed but not the summary it reports (should the
    others' new records change that summary, it executes again after them)."""
    return notebook.name not in RUN_AFTER_THE_OTHERS or (
        reason.startswith("changed: ") and DEPENDENCIES not in reason)


def execute_in_parallel(stale: dict[Path, str], source: Path, site: Site) -> None:
    """Execute the ``stale`` notebooks (each with the reason) ``os.cpu_count()`` at a
    time into the execution cache and adopt their records; the appendices after the
    others, with any that the others' new records made stale.

    A ProcessPoolExecutor notices a worker that died (multiprocessing's Pool waits for
    it forever): the notebooks left unexecuted are then run by myst-nb inside Sphinx.
    """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    import yaml

    timeout = yaml.safe_load((source / "_config.yml").read_text(encoding="utf-8"))[
        "execute"]["timeout"]
    first = [notebook for notebook, reason in stale.items() if _with_the_others(notebook,
                                                                                  reason)]
    after = [notebook for notebook in stale if notebook not in first]
    appendices = [source / "notebooks" / name for name in RUN_AFTER_THE_OTHERS
                  if (source / "notebooks" / name).is_file()
                  and source / "notebooks" / name not in after]
    started, done, failed = time.perf_counter(), 0, []
    with warm_kernels.server([*stale, *appendices], site.kernels) as kernels, ProcessPoolExecutor(
            os.cpu_count(), mp_context=multiprocessing.get_context("spawn"),
            initializer=start_worker) as pool:
        for batch in (first, None):
            if batch is None:  # the appendices, once the others' records are in
                write_dependencies(site, source)
                made_stale = stale_notebooks(appendices, site)
                _announce(made_stale, site)
                batch = after + list(made_stale)
            if not batch:
                continue
            print(f"executing {len(batch)} notebook(s), {os.cpu_count()} at a time: "
                  + ", ".join(notebook.name for notebook in batch), flush=True)
            try:
                results = list(pool.map(execute_one, map(str, batch),
                                        [str(site.cache_dir)] * len(batch),
                                        [timeout] * len(batch), [kernels] * len(batch)))
            except BrokenProcessPool as error:
                print(f"parallel execution stopped ({error}); Sphinx will execute the "
                      "remaining notebooks one by one", flush=True)
                break
            done += len(batch)
            failed += [name for name, error in results if error]
            adopt_all(batch, site)
    print(f"executed {done - len(failed)} in {time.perf_counter() - started:.1f} s"
          + (f"; failed (Sphinx will report why): {', '.join(failed)}" if failed else ""),
          flush=True)


def _execute_in_own_session(stale: dict[Path, str], source: Path, site_dir: Path) -> None:
    start_worker()
    os.setsid()  # a process group the parent can stop as a whole
    execute_in_parallel(stale, source, Site(site_dir))


class ExecutorFailed(Exception):
    """The executor stopped on an error of its own (not a notebook's): what it left
    undone is unknown, so no book may be built on it."""


def execute_interruptibly(stale: dict[Path, str], source: Path, site_dir: Path,
                          grace: float = 3.0) -> None:
    """:func:`execute_in_parallel` in a child process that Ctrl-C stops, workers and all.

    On KeyboardInterrupt the child's process group gets SIGTERM, then SIGKILL after
    ``grace`` seconds if any of it is left (multiprocessing's resource tracker ignores
    SIGTERM); the kernels notice that their worker is gone and exit. A child that fails
    raises :class:`ExecutorFailed` (its traceback is on stderr).
    """
    child = multiprocessing.get_context("spawn").Process(
        target=_execute_in_own_session, args=(stale, source, site_dir))
    child.start()
    try:
        child.join()
    except KeyboardInterrupt:
        _stop_group(child.pid, grace)
        child.kill()  # interrupted before it had a group of its own
        child.join()
        raise
    if child.exitcode != 0:
        raise ExecutorFailed(f"the notebooks' executor stopped (exit code {child.exitcode}; "
                             "its error is above)")


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


def prepare(source: Path, site_dir: Path) -> None:
    """Execute again exactly the notebooks whose cells or recorded inputs changed."""
    from analysis.data import cache  # pandas: only when notebooks may run

    cache.discard_corrupt_entries()
    site = Site(site_dir)
    site.prepare_kernels()
    import matplotlib.font_manager  # noqa: F401 - the font cache exists before kernels read it

    write_dependencies(site, source)  # as the last build left them, for the appendix's check
    stale = stale_notebooks(sorted((source / "notebooks").glob("*.ipynb")), site)
    if stale:
        _announce(stale, site)
        execute_interruptibly(stale, source, site_dir)
