"""Kernels that start warm: forked from a process that has already imported the software
every notebook imports.

Each notebook executes in a kernel of its own, so nothing carries over from one
notebook to another. But a fresh Python process spends about 2 s importing ipykernel,
pandas, pandera and matplotlib before a notebook's first line does anything: a fifth of
a cold build's execution. The executor therefore starts one server per build
(:func:`server`, which runs :func:`serve` in a child). The server starts recording what
it reads, as a kernel's start-up file does (:mod:`analysis.provenance`; everything it
imports is installed software, named in the record by the list of installed
distributions), imports that software, and waits. For each kernel, the executor's
kernel spec (:func:`write_kernel_spec`) runs a stand-in (:func:`stand_in`) in place of
ipykernel. The stand-in asks the server to fork, and the child becomes the kernel, with
the stand-in's connection file, environment and folder. It inherits what the server
recorded and, like a kernel started cold, records again from its start-up file on, so
its record holds what a cold kernel's does (and what the server read).

jupyter_client sees only the stand-in. The stand-in passes on the signals it gets
(an interrupt, a termination) and exits with the kernel's status. The kernel dies with
the stand-in (a kill -9 included) and with the server; the server dies with the
executor.

Run as a script (``python tools/warm_kernels.py serve|stand-in ...``): its own folder is
then first on ``sys.path`` and is removed at once, so no module of ``tools/`` can
shadow one of the software it imports.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import select
import signal
import socket
import sys
import threading
from collections.abc import Iterable, Iterator

# What every notebook imports: ipykernel first, then matplotlib's pyplot with the
# backend ipykernel would choose (it sets MPLBACKEND only if unset, before any notebook
# imports matplotlib), pandas as in a running kernel (_as_in_a_kernel), pandera. Not the
# inline backend itself: it connects to IPython when imported, so it must be imported
# in the kernel, as it is when a notebook first draws.
WARM_IMPORTS = ("ipykernel.kernelapp", "numpy", "matplotlib.pyplot", "pandas",
                "pandera.pandas")
COLD = "SCO_WARM_KERNELS"  # "off": every kernel starts cold (the check that both agree)
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


def kernel_spec(server: str, display_name: str) -> dict:
    """The executor's kernel spec: the stand-in, asking ``server`` for a kernel."""
    return {"argv": [sys.executable, os.path.abspath(__file__), "stand-in", server,
                     "{connection_file}"],
            "display_name": display_name, "language": "python",
            "interrupt_mode": "signal", "metadata": {"debugger": False}}


def write_kernel_spec(folder: str, name: str, server: str) -> str:
    """Write the kernel spec ``name`` into ``folder``/``name``; return ``folder`` (a
    KernelSpecManager's ``kernel_dirs``)."""
    os.makedirs(os.path.join(folder, name), exist_ok=True)
    with open(os.path.join(folder, name, "kernel.json"), "w", encoding="utf-8") as handle:
        json.dump(kernel_spec(server, f"{name} (warm)"), handle, indent=1)
    return folder


PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Linux: this process gets SIGKILL when its parent dies (a kill -9 of the build
    takes its executor, its workers, the warm server and every kernel along)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


@contextlib.contextmanager
def server(notebooks: Iterable[os.PathLike], folder: os.PathLike,
           wait: float = 120.0) -> Iterator[str | None]:
    """For the executor: a server of warm kernels for this build, and the folder of the
    kernel specs, by the names ``notebooks`` ask for, that use it (written into
    ``folder``); None (kernels start cold) if it is switched off or does not start."""
    import secrets
    import subprocess

    import nbformat

    if os.environ.get(COLD) == "off":
        print(f"{COLD}=off: kernels start cold", flush=True)
        yield None
        return
    address = f"sco-book-kernels-{os.getpid()}-{secrets.token_hex(4)}"
    ready, ready_writer = os.pipe()
    process = subprocess.Popen([sys.executable, __file__, "serve", address,
                                str(ready_writer)], pass_fds=(ready_writer,),
                               preexec_fn=die_with_parent)
    os.close(ready_writer)
    try:
        listening = select.select([ready], [], [], wait)[0] and os.read(ready, 100)
        if not listening:
            print(f"warm kernels did not start (exit {process.poll()}); kernels start cold",
                  flush=True)
            yield None
            return
        names = {nbformat.read(notebook, as_version=4).metadata.kernelspec.name
                 for notebook in notebooks}
        for name in sorted(names):
            write_kernel_spec(str(folder), name, address)
        yield str(folder)
    finally:
        os.close(ready)
        process.kill()
        process.wait()


def _read_line(connection: socket.socket) -> dict:
    data = b""
    while not data.endswith(b"\n"):
        chunk = connection.recv(65536)
        if not chunk:
            raise ConnectionError("closed before a whole line")
        data += chunk
    return json.loads(data)


def _send_line(connection: socket.socket, message: dict) -> None:
    connection.sendall(json.dumps(message).encode() + b"\n")


def _abstract(address: str) -> str:
    """A Unix socket in Linux's abstract namespace: no file to leave behind when the
    build is killed (an argument cannot carry its leading NUL, so it is added here)."""
    return "\0" + address


def serve(address: str, ready: int) -> None:
    """Import :data:`WARM_IMPORTS` while recording, then fork a kernel for each stand-in
    that connects to ``address``, and tell it when its kernel ended. Once it listens, it
    writes a line to the file descriptor ``ready`` and closes it."""
    import importlib

    from analysis import paths

    die_with_parent()
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    if os.environ.get(paths.RECORDS_ENV):  # as the kernels' start-up file does
        from analysis import provenance

        provenance.start()
    for name in WARM_IMPORTS:
        with _as_in_a_kernel() if name == "pandas" else contextlib.nullcontext():
            importlib.import_module(name)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(_abstract(address))
    listener.listen()
    os.write(ready, b"listening\n")
    os.close(ready)
    waiting: dict[int, socket.socket] = {}  # kernel pid -> its stand-in's connection
    while True:
        if select.select([listener], [], [], 0.05)[0]:
            connection, _ = listener.accept()
            request = _read_line(connection)
            pid = os.fork()
            if pid == 0:
                listener.close()
                connection.close()
                _become_kernel(request)  # never returns
            _send_line(connection, {"pid": pid})
            waiting[pid] = connection
        while waiting:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            connection = waiting.pop(pid)
            with contextlib.suppress(OSError):  # its stand-in may be gone (killed)
                _send_line(connection, {"status": os.waitstatus_to_exitcode(status)})
            connection.close()


@contextlib.contextmanager
def _as_in_a_kernel():
    """Imports that see an IPython kernel running, as in a notebook: pandas asks
    ``get_ipython()`` at import whether it prints to a terminal, and if so it would
    shorten the text form of wide tables (``display.max_columns``)."""
    import builtins

    class Kernel:
        kernel = True  # what pandas looks for: IPython as a Jupyter kernel

    builtins.get_ipython = Kernel
    try:
        yield
    finally:
        del builtins.get_ipython


def _become_kernel(request: dict) -> None:
    """In a forked child: be the kernel the stand-in asked for, then exit."""
    code = 1
    try:
        die_with_parent()
        threading.Thread(target=_exit_with, args=(request["stand_in"],), daemon=True).start()
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        if "analysis.provenance" in sys.modules:  # recording again from its start-up file
            sys.modules["analysis.provenance"].become_kernel(request["env"])
        import ipykernel_launcher
        from ipykernel import kernelapp

        code = 0
        # as a kernel started by jupyter_client, which reads JPY_PARENT_PID at import
        parent = request["env"].get("JPY_PARENT_PID", "0")
        arguments = ["-f", request["connection_file"], f"--IPKernelApp.parent_handle={parent}",
                     *request["arguments"]]
        sys.argv = [ipykernel_launcher.__file__, *arguments]
        kernelapp.launch_new_instance(argv=arguments)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
    except BaseException:  # noqa: BLE001 - reported, then the kernel ends
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        import atexit

        atexit._run_exitfuncs()  # the kernel's record is saved at exit
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _exit_with(pid: int) -> None:
    """End this kernel as soon as the process ``pid`` (its stand-in) has ended."""
    watch = os.pidfd_open(pid)
    select.select([watch], [], [])
    os._exit(1)


def stand_in(address: str, connection_file: str, *arguments: str) -> int:
    """Ask the server at ``address`` for a kernel on ``connection_file`` with the
    kernel's own ``arguments`` (nbclient may add some); pass on the signals this
    process gets; return the kernel's exit status."""
    die_with_parent()
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.connect(_abstract(address))
    _send_line(connection, {"connection_file": connection_file, "arguments": arguments,
                            "env": dict(os.environ),
                            "cwd": os.getcwd(), "stand_in": os.getpid()})
    kernel = _read_line(connection)["pid"]
    for passed in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(passed, lambda number, _frame: os.kill(kernel, number))
    status = _read_line(connection)["status"]
    return status if status >= 0 else 128 - status


def main(argv: list[str]) -> int:
    if argv[:1] == ["serve"] and len(argv) == 3:
        serve(argv[1], int(argv[2]))
        return 0
    if argv[:1] == ["stand-in"] and len(argv) >= 3:
        return stand_in(*argv[1:])
    print("usage: warm_kernels.py serve ADDRESS READY_FD | stand-in ADDRESS CONNECTION_FILE "
          "[ARGUMENTS]",
          file=sys.stderr)
    return 2


if __name__ == "__main__":
    del sys.path[0]  # this script's folder, tools/: no module of it may shadow another
    raise SystemExit(main(sys.argv[1:]))
