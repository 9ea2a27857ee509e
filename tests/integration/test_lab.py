"""`make lab` starts JupyterLab with the book's kernel: started headless, a notebook is
run through it cell by cell, and it is stopped."""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request
import uuid

import nbformat
import pytest
from websocket import create_connection

from analysis import paths
from tools import replication

pytestmark = pytest.mark.integration

NOTEBOOK = "90_claims_audit.ipynb"  # short, and it uses the package and the data


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, token: str) -> dict:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def _post(url: str, token: str, body: dict) -> dict:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": f"token {token}",
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


@pytest.fixture
def lab():
    """`make lab`, headless on a free port; yields (base URL, token); stops it after."""
    port, token = _free_port(), secrets.token_hex(16)
    args = f"--no-browser --port={port} --ServerApp.ip=127.0.0.1 --IdentityProvider.token={token}"
    server = subprocess.Popen(["make", "lab", f"LAB_ARGS={args}"], cwd=paths.REPO_ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              start_new_session=True, env=os.environ.copy())
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                _get(f"{base}/api/status", token)
                break
            except OSError:
                if server.poll() is not None:
                    raise AssertionError(server.stdout.read().decode()) from None
                time.sleep(0.5)
        else:
            raise AssertionError("JupyterLab did not start within a minute")
        yield base, token
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _execute(channel, session: str, code: str) -> list[dict]:
    """Run ``code`` in the kernel; return the iopub messages it caused."""
    msg_id = uuid.uuid4().hex
    channel.send(json.dumps({
        "header": {"msg_id": msg_id, "session": session, "username": "test",
                   "msg_type": "execute_request", "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": True,
                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
    messages = []
    while True:
        message = json.loads(channel.recv())
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        messages.append(message)
        if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
            return messages


def test_make_lab_runs_a_notebook_with_the_book_kernel(lab):
    base, token = lab
    specs = _get(f"{base}/api/kernelspecs", token)["kernelspecs"]
    kernel = replication.KERNELSPEC["name"]
    assert kernel in specs  # the book's kernel is offered
    assert _get(f"{base}/api/contents/{NOTEBOOK}?content=0", token)["type"] == "notebook"
    session = _post(f"{base}/api/sessions", token, {
        "path": NOTEBOOK, "type": "notebook", "kernel": {"name": kernel}})
    assert session["kernel"]["name"] == kernel
    channel = create_connection(
        f"ws://127.0.0.1:{base.rsplit(':', 1)[1]}/api/kernels/{session['kernel']['id']}"
        f"/channels?token={token}", timeout=300)
    try:
        stored = nbformat.read(paths.REPO_ROOT / "notebooks" / NOTEBOOK, as_version=4)
        for cell in stored.cells:
            if cell.cell_type != "code":
                continue
            messages = _execute(channel, session["id"], cell.source)
            errors = [m["content"] for m in messages if m["msg_type"] == "error"]
            assert not errors, f"{cell.source!r} failed: {errors}"
        # the kernel is this environment's Python, and the package is importable there
        result = _execute(channel, session["id"],
                          "import sys, analysis; print(sys.prefix.endswith('.venv'))")
        printed = "".join(m["content"].get("text", "") for m in result
                          if m["msg_type"] == "stream")
        assert printed.strip() == "True"
    finally:
        channel.close()
