"""What one execution of a notebook read, recorded as it read it, and what has changed.

A notebook must execute again when anything its outputs depend on changed, and only
then. Hand-kept lists of inputs miss things (a lazily imported module, a file a helper
opens, a setting read from the environment), so a kernel started by the book build
records what it actually reads (:func:`start`):

- every file it opens for reading (Python's audit hook sees each ``open``, imports
  included), hashed at the moment it is first read; a missing file that was looked
  for is recorded as missing. Installed software is covered by the list of installed
  distributions instead, and the verified data cache by the registry's checksums;
- every environment variable it reads, with the value the process was started with
  (or its absence);
- the installed distributions and the Python version;
- the registry entries of the raw data it used (:func:`used_raw`), for the
  replication appendix to report; the registry itself is one of the files read.

When the kernel exits the record is saved (:func:`record_on_exit`), unless one of the
files changed while it ran: its outputs may then mix two versions, and without a
record the notebook executes again. The build compares a record with the world as it
is now (:func:`changes`). Outside a build (``$SCO_EXECUTION_RECORDS`` unset) nothing
is recorded.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import sys
import threading
from pathlib import Path

from analysis import paths

_files: dict[str, str | None] = {}  # path key -> sha256 when first read (None: missing)
_environment: dict[str, str | None] = {}  # variable -> value read (None: unset)
_raw: dict[str, str] = {}  # registry key -> digest of its registry row
_written: set[str] = set()  # files this process opened for writing: its own outputs
_inherited: dict[str, str] = {}  # the environment the process was started with
_busy = threading.local()  # set while the hook itself reads a file
_started = False
_paused = False  # a warm kernel before its start-up (tools/warm_kernels.py)
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT
# Set by Jupyter for each kernel, or by the build to start the recording: no output
# depends on them.
IGNORED_VARIABLES = ("JPY_", paths.RECORDS_ENV, paths.NOTEBOOK_ENV, "IPYTHONDIR")


def digest(file: Path) -> str | None:
    """sha256 of ``file``'s bytes, or None if it does not exist (or is not a file)."""
    try:
        return hashlib.sha256(Path(file).read_bytes()).hexdigest()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def key(file: Path) -> str:
    """How a record names a file: below the repository, relative; elsewhere, absolute."""
    file = Path(os.path.abspath(file))
    return (file.relative_to(paths.REPO_ROOT) if file.is_relative_to(paths.REPO_ROOT)
            else file).as_posix()


def path(name: str) -> Path:
    """The file a record's ``name`` stands for (the inverse of :func:`key`)."""
    return Path(name) if Path(name).is_absolute() else paths.REPO_ROOT / name


def _not_inputs() -> tuple[str, ...]:
    """Folders whose files are not inputs of their own: installed software (the
    distributions list covers it), verified data (the registry does), the records,
    Jupyter's and IPython's own files and the operating system's. (Files the process
    wrote itself are no inputs either: :data:`_written`.)"""
    folders = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(paths.cache_dir()),
               "/proc", "/sys", "/dev"}
    for variable in (paths.RECORDS_ENV, "IPYTHONDIR", "JUPYTER_RUNTIME_DIR"):
        if os.environ.get(variable):
            folders.add(os.environ[variable])
    mirror = paths.mirror_dir()
    if mirror is not None:
        folders.add(str(mirror))
    folders.add(str(Path.home() / ".local" / "share" / "jupyter" / "runtime"))
    return tuple(os.path.realpath(folder).rstrip("/") + "/" for folder in folders)


_skipped: tuple[str, ...] = ()


def _note_file(name: str) -> None:
    real = os.path.realpath(name)
    if real.startswith(_skipped) or real in _written:
        return
    if "/__pycache__/" in real:  # compiled code: the source it was compiled from
        import importlib.util
        try:
            real = importlib.util.source_from_cache(real)
        except ValueError:
            return
    recorded = key(Path(real))
    if recorded not in _files:
        _files[recorded] = digest(Path(real))


def _on_event(event: str, args: tuple) -> None:
    if event != "open" or _paused or getattr(_busy, "on", False):
        return
    name, mode, flags = args
    if not isinstance(name, str | bytes | os.PathLike):
        return  # a file descriptor: opened earlier, or a pipe
    if (mode and any(c in mode for c in "wax+")) or (flags or 0) & WRITE_FLAGS:
        _written.add(os.path.realpath(os.fsdecode(name)))
        return
    _busy.on = True
    try:
        _note_file(os.fsdecode(name))
    finally:
        _busy.on = False


def _watch_environment() -> None:
    """Note every variable read from ``os.environ`` (``os.getenv`` and ``in`` too)."""
    environ = type(os.environ)
    read = environ.__getitem__

    def getitem(self, name):
        try:
            value = read(self, name)
        except KeyError:
            if self is os.environ:
                _note_variable(name, None)
            raise
        if self is os.environ:
            _note_variable(name, value)
        return value

    environ.__getitem__ = getitem


def _note_variable(name: str, value: str | None) -> None:
    """Note the value the process was started with: what the build can compare (a
    value the kernel set itself, as ipykernel sets MPLBACKEND, follows from the rest)."""
    if not name.startswith(IGNORED_VARIABLES):
        _environment.setdefault(name, _inherited.get(name))


def _started_with() -> dict[str, str]:
    """The environment this process was started with (Linux: /proc/self/environ)."""
    try:
        raw = Path("/proc/self/environ").read_bytes()
    except OSError:
        return dict(os.environ)
    pairs = (item.split(b"=", 1) for item in raw.split(b"\0") if b"=" in item)
    return {os.fsdecode(name): os.fsdecode(value) for name, value in pairs}


def start(outputs: Path | None = None) -> None:
    """Record from now on what this process reads (once; the audit hook stays), but
    nothing in the folder of its ``outputs``; or go on recording, if paused."""
    global _started, _skipped, _paused
    _paused = False
    if _started:
        return
    _started = True
    _inherited.update(_started_with())
    _skipped = _not_inputs()
    if outputs is not None:
        _skipped += (os.path.realpath(outputs).rstrip("/") + "/",)
    _watch_environment()
    sys.addaudithook(_on_event)


def become_kernel(environment: dict[str, str]) -> None:
    """This process, forked from a warm one that recorded what it imported, now stands
    for a kernel started with ``environment`` (tools/warm_kernels.py): what it reads is
    compared with that, and, as in a kernel started cold, nothing is recorded until its
    start-up file calls :func:`start` (ipykernel's own start, its connection file, is
    no input)."""
    global _paused
    _inherited.clear()
    _inherited.update(environment)
    _paused = True


def used_raw(registry_key: str, row_digest: str) -> None:
    """Note that this process used the registry entry ``key`` (its file or its metadata)."""
    _raw[registry_key] = row_digest


def installed() -> str:
    """sha256 of the Python version and of the installed distributions (by name and
    version: the names of their metadata folders)."""
    roots = (os.path.realpath(sys.prefix), os.path.realpath(sys.base_prefix))
    names = sorted(entry.name for folder in sys.path
                   if os.path.isdir(folder) and os.path.realpath(folder).startswith(roots)
                   for entry in os.scandir(folder)
                   if entry.name.endswith((".dist-info", ".egg-info")))
    return hashlib.sha256("\n".join([sys.version, *names]).encode()).hexdigest()


def _module_files() -> dict[str, str | None]:
    """The source of every imported module that is no installed software, for modules
    imported before :func:`start` (hashed now)."""
    skipped, found = _skipped or _not_inputs(), {}
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if file and file.endswith(".py") and not os.path.realpath(file).startswith(skipped):
            found[key(Path(file))] = digest(Path(file))
    return found


def current() -> dict[str, object]:
    """This process's inputs so far."""
    return {"files": dict(sorted({**_module_files(), **_files}.items())),
            "environment": dict(sorted(_environment.items())),
            "raw": dict(sorted(_raw.items())), "installed": installed()}


_saving: set[str] = set()


def record_on_exit(notebook: str) -> None:
    """Record this kernel's reads and save them when it exits, if the build asked (a
    kernel of the build's executor does so from its start; a notebook's set-up asks
    too, for kernels started otherwise)."""
    directory = paths.records_dir()
    if directory is not None and notebook not in _saving:
        _saving.add(notebook)
        start()
        atexit.register(save, directory / "pending" / f"{notebook}.json", notebook)


def save(file: Path, notebook: str) -> bool:
    """Write the record of ``notebook`` to ``file``, unless an input changed while this
    process ran (then remove any earlier one): whether it was written."""
    record = {"notebook": notebook, **current()}
    moved = [name for name, seen in record["files"].items() if digest(path(name)) != seen]
    if moved:
        Path(file).unlink(missing_ok=True)
        print(f"provenance: not recording {notebook}: changed while it ran: "
              f"{', '.join(moved[:5])}", file=sys.__stderr__)  # a kernel's own is closed
        return False
    paths.replace_atomically(file, json.dumps(record, indent=1) + "\n")
    return True


def changes(record: dict, environment: dict[str, str] | None = None) -> list[str]:
    """What changed since ``record`` was written: a file, an environment variable (in
    ``environment``, by default this process's), the installed software. (A raw data
    file is named by its registry entry, and the registry is a file the kernel read.)"""
    environment = os.environ if environment is None else environment
    found = [name for name, seen in record["files"].items() if digest(path(name)) != seen]
    found += [f"environment variable {name}" for name, value in record["environment"].items()
              if environment.get(name) != value]
    if record["installed"] != installed():
        found.append("the installed packages")
    return found
