"""Shared chain fixtures: one real index over the bundled call, and a fake OpenAI server.

The offline engine is built with `get_engine` on a fresh data_dir, so the first answer also
exercises "ingest the bundled call on first use". LLM engines share that engine's index (the
embedding model and Chroma are opened once) and point at a real local HTTP server.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from chain_openai_server import FakeOpenAI, start
from chain_testkit import llm_engine, make_settings

from callqa.settings import Settings
from chain.answer import Engine, answer, get_engine


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("chain") / "data"


@pytest.fixture(scope="session")
def offline_settings(data_dir: Path) -> Settings:
    return make_settings(data_dir)


@pytest.fixture(scope="session")
def engine(offline_settings: Settings) -> Engine:
    """The offline engine; its first use ingests the bundled call into the empty index."""
    eng = get_engine(offline_settings)
    answer("warm up", engine=eng)
    return eng


@pytest.fixture(scope="session")
def fake_openai_server() -> Iterator[FakeOpenAI]:
    state = FakeOpenAI()
    server = start(state)
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def fake_openai(fake_openai_server: FakeOpenAI) -> FakeOpenAI:
    fake_openai_server.reset()
    return fake_openai_server


@pytest.fixture
def llm(engine: Engine, fake_openai: FakeOpenAI) -> Engine:
    return llm_engine(engine, fake_openai.base_url)
