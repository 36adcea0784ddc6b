"""The Makefile's targets a newcomer runs first: ``make help`` and ``make lab``.

``make lab`` is started for real (the install step is marked done with ``-o``, so the
project's environment is used as it is) and must serve the notebooks, whoever runs it:
JupyterLab refuses root unless given --allow-root, which the Makefile adds for root only.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
VENV = Path(sys.executable).parent.parent  # the environment running the tests, as the Makefile's VENV
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")


def make(*args: str, env: dict | None = None, **popen) -> subprocess.CompletedProcess:
    """``make`` in the project with this environment as VENV, never re-running its install step."""
    return subprocess.run(["make", "--no-print-directory", f"VENV={VENV}", "-o", f"{VENV}/.installed", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=60, **popen)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_server(url: str, process: subprocess.Popen, timeout: float = 60, log: Path | None = None) -> None:
    """Return once ``url`` answers; fail, with the server's ``log``, if ``process`` exits first or
    the time runs out."""
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.5)
    problem = (f"the server exited with status {process.returncode}" if process.returncode is not None
               else f"{url} did not answer within {timeout:.0f} s")
    pytest.fail(problem + (f"; its output:\n{log.read_text()}" if log else ""))


def test_help_lists_every_target_with_its_description():
    documented = re.findall(r"^([a-z-]+):.*?## (.+)$", MAKEFILE, re.MULTILINE)
    phony = re.search(r"^\.PHONY: (.+)$", MAKEFILE, re.MULTILINE).group(1).split()
    assert sorted(target for target, _ in documented) == sorted(phony)
    shown = make("help").stdout
    for target, description in documented:
        assert re.search(rf"^  make {target} +{re.escape(description)}$", shown, re.MULTILINE), target


@pytest.mark.parametrize("uid, flag", [("0", True), ("1000", False)])
def test_lab_allows_root_only_for_root(tmp_path, uid, flag):
    fake = tmp_path / "id"  # an `id` that answers as root or as a normal user
    fake.write_text(f"#!/bin/sh\necho {uid}\n")
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"}
    command = make("-n", "lab", env=env).stdout.split()
    assert command[:2] == [f"{VENV}/bin/jupyter", "lab"] and command[-1] == "notebooks/"
    assert ("--allow-root" in command) is flag


@pytest.mark.skipif(not (VENV / "bin" / "jupyter-lab").exists(), reason="JupyterLab is not installed in this environment")
def test_make_lab_serves_the_notebooks(tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    args = f"--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token={token}"
    # a user's Jupyter configuration and runtime files stay out of the test
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "run")}
    log = tmp_path / "lab.log"
    with log.open("w") as output:
        lab = subprocess.Popen(["make", "--no-print-directory", f"VENV={VENV}", "-o", f"{VENV}/.installed", "lab",
                                f"LAB_ARGS={args}"], cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(f"{base}/api/contents?token={token}", lab, log=log)
        with urllib.request.urlopen(f"{base}/api/contents?token={token}", timeout=10) as response:
            listing = json.load(response)
        with urllib.request.urlopen(f"{base}/lab?token={token}", timeout=10) as response:
            page = response.read().decode()
    finally:
        if lab.poll() is None:
            os.killpg(lab.pid, signal.SIGTERM)  # make and the JupyterLab it started
            try:
                lab.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(lab.pid, signal.SIGKILL)
                lab.wait()
    assert sorted(item["name"] for item in listing["content"] if item["type"] == "notebook") == NOTEBOOKS
    assert "JupyterLab" in page
