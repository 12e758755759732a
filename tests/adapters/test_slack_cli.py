"""`callqa slack` as users run it: a real process configured by environment, in HTTP mode
and in Socket Mode (against a local WebSocket server speaking Slack's Socket Mode)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import free_port
from slack_mock_api import (
    APP_TOKEN,
    BOT_TOKEN,
    BOT_USER_ID,
    SIGNING_SECRET,
    MockSlack,
    SocketModeServer,
    event_envelope,
    post_signed,
)

from callqa.settings import REPO_ROOT


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


@pytest.fixture(scope="module")
def cli_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data dir for the processes here (one after the other): ingest once."""
    return tmp_path_factory.mktemp("slack-cli-data")


def start_callqa_slack(
    slack_api: MockSlack, data_dir: Path, cwd: Path, **env_vars: str
) -> subprocess.Popen[str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "OPENAI_", "CALLQA_"))
    }
    env.update(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        CALLQA_SLACK_API_URL=slack_api.base_url,
        CALLQA_DATA_DIR=str(data_dir),
        CALLQA_LLM_MODE="offline",
        PYTHONPATH=str(REPO_ROOT),
        **env_vars,
    )
    return subprocess.Popen(
        [sys.executable, "-m", "callqa.cli", "slack"],
        cwd=cwd,  # no .env here
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def stop(process: subprocess.Popen[str]) -> str:
    process.terminate()
    output, _ = process.communicate(timeout=30)
    return output


def test_http_mode_serves_signed_events(
    slack_api: MockSlack, cli_data_dir: Path, tmp_path: Path
) -> None:
    port = free_port()
    process = start_callqa_slack(
        slack_api,
        cli_data_dir,
        tmp_path,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        CALLQA_SLACK_PORT=str(port),
    )
    try:
        wait_until_listening(port, process)
        url = f"http://127.0.0.1:{port}/slack/events"
        message = slack_api.user_says("C0CLI", f"<@{BOT_USER_ID}> How fast did cloud revenue grow?")
        event = event_envelope({**message, "type": "app_mention", "channel": "C0CLI"})

        assert post_signed(url, SIGNING_SECRET, event)[0] == 200
        placeholder = slack_api.wait_for("chat.postMessage", channel="C0CLI")
        update = slack_api.wait_for("chat.update", channel="C0CLI", ts=placeholder.response["ts"])
        assert placeholder.params["thread_ts"] == message["ts"]
        assert "18%" in update.params["text"]
    finally:
        output = stop(process)
    assert "HTTP on port" in output and "WARNING" not in output
    assert BOT_TOKEN not in output and SIGNING_SECRET not in output


@pytest.fixture
def socket_server(slack_api: MockSlack) -> Iterator[SocketModeServer]:
    server = SocketModeServer().start()
    slack_api.socket_url = server.url
    yield server
    slack_api.socket_url = None
    server.stop()


def test_socket_mode_acks_and_answers_and_skips_retries(
    slack_api: MockSlack, socket_server: SocketModeServer, cli_data_dir: Path, tmp_path: Path
) -> None:
    process = start_callqa_slack(slack_api, cli_data_dir, tmp_path, SLACK_APP_TOKEN=APP_TOKEN)
    try:
        retried = slack_api.user_says("D0SOCKET", "What was free cash flow this quarter?")
        dm = {"type": "message", "channel": "D0SOCKET", "channel_type": "im"}
        retry_id = socket_server.push(event_envelope({**retried, **dm}), retry_attempt=1)
        question = slack_api.user_says("D0SOCKET", "How fast did cloud revenue grow?")
        question_id = socket_server.push(event_envelope({**question, **dm}))

        socket_server.wait_for_ack(retry_id)
        socket_server.wait_for_ack(question_id)
        placeholder = slack_api.wait_for("chat.postMessage", channel="D0SOCKET")
        update = slack_api.wait_for(
            "chat.update", channel="D0SOCKET", ts=placeholder.response["ts"]
        )

        assert placeholder.params["thread_ts"] == question["ts"]
        assert "18%" in update.params["text"]
        posts = slack_api.calls_to("chat.postMessage", channel="D0SOCKET")
        assert [p.params["thread_ts"] for p in posts] == [question["ts"]]  # retry: no answer
        assert slack_api.calls_to("apps.connections.open")
    finally:
        output = stop(process)
    assert "Socket Mode" in output
    assert BOT_TOKEN not in output and APP_TOKEN not in output
