"""One real callqa web app for the whole session, plus a headless Chromium to drive it.

The app runs as `python app.py` in a subprocess (the same entry point users run), offline,
with its own data_dir, so its first start also exercises "index the bundled call".
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from servers import free_port, running

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
    url = f"http://127.0.0.1:{port}"
    # cwd is the temp dir, so a developer's .env in the repo cannot leak into the test.
    with running(
        [sys.executable, str(REPO / "app.py")],
        ready_url=url + "/config",
        log=work / "app.log",
        name="app",
        timeout=STARTUP_LIMIT_S,
        cwd=work,
        env=env,
    ):
        yield url


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
