"""Fixtures: a local Slack Web API, the real engine on a temporary data dir, and the bot
served over real HTTP at /slack/events."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from slack_mock_api import BOT_TOKEN, SIGNING_SECRET, MockSlack, serve

from adapters.slack import build_app
from callqa.settings import Settings


@pytest.fixture(scope="session")
def slack_api() -> Iterator[MockSlack]:
    mock = MockSlack(BOT_TOKEN).start()
    yield mock
    mock.stop()


@pytest.fixture(scope="session")
def slack_settings(tmp_path_factory: pytest.TempPathFactory, slack_api: MockSlack) -> Settings:
    data_dir: Path = tmp_path_factory.mktemp("slack-callqa")
    overrides: dict[str, Any] = {
        "_env_file": None,  # a developer's .env must not change what the tests see
        "data_dir": data_dir,
        "chroma_url": None,
        "llm_mode": "offline",
        "slack_bot_token": BOT_TOKEN,
        "slack_signing_secret": SIGNING_SECRET,
        "slack_app_token": None,
        "slack_api_url": slack_api.base_url,
    }
    return Settings(**overrides)


@pytest.fixture(scope="session")
def slack_engine(slack_settings: Settings) -> Any:
    """The real engine (cached per settings, so `build_app` reuses it) on the bundled call."""
    from chain.answer import get_engine

    engine = get_engine(slack_settings)
    engine.ensure_ready()  # a fresh data dir: ingests the bundled call
    return engine


@pytest.fixture(scope="session")
def bot_url(slack_settings: Settings, slack_engine: Any) -> Iterator[str]:
    """The production app: default answer function, i.e. the real `answer()`."""
    with serve(build_app(slack_settings)) as url:
        yield url
