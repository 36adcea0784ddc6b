"""The two surfaces a reader sees, checked in headless Chromium: HTML briefings and JupyterLab.

Chromium comes from Debian (`.ci/run` installs it); Playwright drives it through
``executable_path`` because no browser download is possible. Without Chromium these
tests skip with the reason. Screenshots go to ``tests/artifacts/``.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from test_make import free_port, wait_for_server
from zerocovid.paths import BRIEFINGS_DIR, NOTEBOOKS_DIR
from zerocovid.report.render import FONT_FAMILY

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).parent / "artifacts"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("name", sorted(p.name for p in BRIEFINGS_DIR.glob("*.html")))
def test_html_briefing_is_self_contained_and_draws_chinese(browser, name):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors, requests = [], []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda req: requests.append(req.url))
    page.goto((BRIEFINGS_DIR / name).as_uri())
    page.wait_for_load_state("load")
    loaded = page.evaluate(f"document.fonts.load('16px {FONT_FAMILY}', '道歉').then(f => f.length)")
    chinese = page.evaluate("document.body.innerText.match(/[\\u4e00-\\u9fff]+/)[0]")
    drawn = page.evaluate(f"document.fonts.check('16px {FONT_FAMILY}', {chinese!r})")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"briefing_{name}.png"))
    page.close()
    assert errors == []
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    assert loaded >= 1 and drawn


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    """JupyterLab on a free loopback port with a token, serving a copy of the notebooks."""
    root = tmp_path_factory.mktemp("lab")
    settings = tmp_path_factory.mktemp("lab-settings")
    # Render every cell (no windowing), so the checks below see the whole notebook; no news pop-up.
    for name, value in [("notebook-extension/tracker", '{"windowingMode": "none"}'),
                        ("apputils-extension/notification", '{"fetchNews": "false"}')]:
        path = settings / f"@jupyterlab/{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(value, encoding="utf-8")
    for path in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")):
        shutil.copy(path, root / path.name)
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         "--ServerApp.open_browser=False", "--ServerApp.allow_root=True",
         f"--LabApp.user_settings_dir={settings}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(f"{base}/api/status?token={token}", server)
    except pytest.fail.Exception:
        server.terminate()
        raise
    yield base, token, root
    server.terminate()
    server.wait(timeout=30)


def _wait_for_idle_kernel(base: str, token: str, name: str, timeout: float = 120) -> None:
    """Wait until the server reports this notebook's kernel started and idle."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=5) as response:
            sessions = json.load(response)
        if any(s.get("path", "").endswith(name) and s.get("kernel", {}).get("execution_state") == "idle"
               for s in sessions):
            return
        time.sleep(0.5)
    pytest.fail(f"the kernel of {name} did not become idle within {timeout:.0f} s")


@pytest.mark.parametrize("name", sorted(p.name for p in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")))
def test_notebook_runs_in_jupyterlab_without_errors(browser, jupyterlab, name):
    base, token, _ = jupyterlab
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    # `reset` starts from an empty workspace, so only this notebook is open.
    page.goto(f"{base}/lab/tree/{name}?reset&token={token}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", state="attached", timeout=60_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle'] >> visible=true", timeout=60_000)
    _wait_for_idle_kernel(base, token, name)
    for attempt in range(3):  # a Run All sent while the first kernel of a fresh install starts can be lost
        page.locator(".lm-MenuBar-item", has_text="Run").first.click()
        page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
        try:
            page.wait_for_function(
                "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
                ".some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))", timeout=60_000)
            break
        except playwright_api.TimeoutError:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"lab_{name}_attempt{attempt + 1}.png"))
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(p => p.textContent);
            return prompts.length > 0 && prompts.every(t => /\\[\\d+\\]/.test(t));
        }""", timeout=300_000)
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
                          ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']")
    problems = errors.all_text_contents()
    images = page.locator(".jp-OutputArea-output img").count()
    ARTIFACTS.mkdir(exist_ok=True)
    if images:
        page.evaluate("document.querySelector('.jp-OutputArea-output img').scrollIntoView()")
    page.screenshot(path=str(ARTIFACTS / f"lab_{name}.png"))
    context.close()
    assert problems == []
    if not name.startswith("06_"):   # the coding-workflow notebook shows tables only
        assert images >= 1, "every analysis notebook draws at least one chart"
