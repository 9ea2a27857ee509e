"""Kernels forked from the warm server (tools/warm_kernels.py) give the book kernels
started cold give, and behave as processes as those do: a signal reaches the kernel,
and it dies with its stand-in."""

from __future__ import annotations

import os
import signal
import sys
import time

import pytest

from tools import differential, warm_kernels

pytestmark = pytest.mark.integration

# What a kernel's state at start decides: the text form of a wide table (pandas asks
# at import whether it prints to a terminal), matplotlib's backend and its link to
# IPython (a figure shown as an image), the module search path, the folder, the main
# module.
NOTEBOOKS = {
    "wide": "import pandas\nprint(pandas.DataFrame({f'column {i}': [i] for i in range(30)}))",
    "figure": "import matplotlib\nimport matplotlib.pyplot as plt\n"
              "print(matplotlib.get_backend(), matplotlib.rcParams['figure.dpi'])\n"
              "plt.plot([1, 2], [3, 4])\nplt.show()",
    "process": "import os, sys\nprint(sys.path[:2], os.getcwd().endswith('notebooks'),"
               " __name__, sys.flags.optimize)",
}


def test_a_book_from_warm_kernels_is_the_book_from_kernels_started_cold(tiny_book, tmp_path):
    source = tiny_book(NOTEBOOKS)
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    warm_log = differential.build(source, warm, dict(os.environ)).stdout
    cold_log = differential.build(source, cold, {**os.environ, warm_kernels.COLD: "off"}).stdout
    assert "kernels start cold" not in warm_log
    assert "kernels start cold" in cold_log
    assert differential.executed_notebooks(warm_log) == differential.executed_notebooks(
        cold_log) == ["figure.ipynb", "process.ipynb", "wide.ipynb"]
    page = (warm / "html" / "notebooks" / "wide.html").read_text()
    # a kernel's pandas shows 20 columns, wrapped (a terminal's would fit 80 characters)
    assert "column 20" in page and "column 15" not in page
    assert '<img alt="../_images/' in (warm / "html" / "notebooks" / "figure.html").read_text()
    assert differential.differences(warm, cold) == []


def _pid_of(client) -> int:
    found = []
    client.execute_interactive("import os; print(os.getpid())", output_hook=lambda m: found
                               .append(m["content"].get("text", "")), timeout=60)
    return int("".join(found).strip())


def _gone(pid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pidfd and prctl: Linux")
def test_an_interrupt_reaches_the_kernel_and_a_killed_stand_in_takes_it_along(tmp_path):
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpecManager

    notebook = tmp_path / "empty.ipynb"
    notebook.write_text('{"cells": [], "metadata": {"kernelspec": {"name": "python3"}}, '
                        '"nbformat": 4, "nbformat_minor": 5}')
    with warm_kernels.server([notebook], tmp_path / "kernels") as kernels:
        assert kernels is not None
        manager = KernelManager(kernel_name="python3",
                                kernel_spec_manager=KernelSpecManager(kernel_dirs=[kernels]))
        manager.start_kernel()
        client = manager.client()
        client.start_channels()
        client.wait_for_ready(timeout=60)
        kernel = _pid_of(client)
        assert kernel != manager.provisioner.pid  # the stand-in is another process
        client.execute("import time; time.sleep(60)")
        time.sleep(1)
        manager.interrupt_kernel()  # SIGINT to the stand-in, passed on
        reply = client.get_shell_msg(timeout=10)
        assert reply["content"]["status"] == "error"
        assert reply["content"]["ename"] == "KeyboardInterrupt"
        os.kill(manager.provisioner.pid, signal.SIGKILL)
        assert _gone(kernel, within=5), "the kernel outlived its stand-in"
        client.stop_channels()
        manager.cleanup_resources()
