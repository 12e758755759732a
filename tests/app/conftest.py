"""One real callqa web app for the whole session, plus a headless Chromium to drive it.

The app runs as `python app.py` in a subprocess (the same entry point users run), offline,
with its own data_dir, so its first start also exercises "index the bundled call".
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# The first start embeds the bundled call; generous, since CI machines can be slow.
STARTUP_LIMIT_S = 600
# How long `expect` waits for an answer to appear (a wait, not a speed requirement).
ANSWER_WAIT_MS = 120_000
expect.set_options(timeout=ANSWER_WAIT_MS)
# Variables that would switch the app to an LLM, a Chroma server or basic auth.
SCRUBBED_ENV = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "OPENAI_MODEL",
    "CALLQA_OPENAI_API_KEY",
    "CALLQA_OPENAI_BASE_URL",
    "CALLQA_CHROMA_URL",
    "CALLQA_AUTH",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_LIMIT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"app exited with {proc.returncode}:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url + "/config", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    pytest.fail(f"app did not come up in {STARTUP_LIMIT_S} s:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start `python app.py` on a free port with a fresh data_dir; yield its URL."""
    work = tmp_path_factory.mktemp("app")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED_ENV}
    env.update(
        CALLQA_DATA_DIR=str(work / "data"),
        CALLQA_HOST="127.0.0.1",
        CALLQA_PORT=str(port),
        CALLQA_LLM_MODE="offline",
        GRADIO_ANALYTICS_ENABLED="False",
    )
    log = work / "app.log"
    with log.open("wb") as out:
        # cwd is the temp dir, so a developer's .env in the repo cannot leak into the test.
        proc = subprocess.Popen(
            [sys.executable, str(REPO / "app.py")], cwd=work, env=env, stdout=out, stderr=out
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """One headless Debian Chromium for all browser tests."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Browser, app_server: str) -> Iterator[Page]:
    """A fresh browser context (so a fresh Gradio session) on the app's page."""
    context = chromium.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    page.goto(app_server)
    page.locator("#cq-question textarea").wait_for()
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
