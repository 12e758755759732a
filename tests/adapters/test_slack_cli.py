"""`callqa slack` as users run it: HTTP mode in a real process, configured by environment."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_mock_api import (
    BOT_TOKEN,
    BOT_USER_ID,
    SIGNING_SECRET,
    MockSlack,
    event_envelope,
    post_signed,
)

from callqa.settings import REPO_ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_listening(port: int, process: subprocess.Popen[str], timeout: float = 300) -> None:
    """Bounded wait for the server socket (model loading and ingest come first)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"callqa slack exited early: {process.communicate()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"callqa slack did not listen on {port} within {timeout}s")


@pytest.fixture
def slack_process(
    slack_api: MockSlack, tmp_path: Path
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = free_port()
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "OPENAI_", "CALLQA_"))
    }
    env.update(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        CALLQA_SLACK_API_URL=slack_api.base_url,
        CALLQA_SLACK_PORT=str(port),
        CALLQA_DATA_DIR=str(tmp_path / "data"),
        CALLQA_LLM_MODE="offline",
        PYTHONPATH=str(REPO_ROOT),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "callqa.cli", "slack"],
        cwd=tmp_path,  # no .env here
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_until_listening(port, process)
        yield f"http://127.0.0.1:{port}/slack/events", process
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_callqa_slack_serves_events_over_http(
    slack_api: MockSlack, slack_process: tuple[str, subprocess.Popen[str]]
) -> None:
    url, process = slack_process
    message = slack_api.user_says("C0CLI", f"<@{BOT_USER_ID}> How fast did cloud revenue grow?")
    event = event_envelope({**message, "type": "app_mention", "channel": "C0CLI"})

    assert post_signed(url, SIGNING_SECRET, event)[0] == 200
    placeholder = slack_api.wait_for("chat.postMessage", channel="C0CLI")
    update = slack_api.wait_for("chat.update", channel="C0CLI", ts=placeholder.response["ts"])

    assert "18%" in update.params["text"]
    process.terminate()
    output, _ = process.communicate(timeout=30)
    assert "HTTP on port" in output
    assert BOT_TOKEN not in output and SIGNING_SECRET not in output
