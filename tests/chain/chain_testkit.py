"""Helpers for chain tests (importable by test modules, unlike conftest)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from callqa.settings import Settings
from chain.answer import Engine


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    """Settings independent of the developer's environment and .env."""
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "llm_mode": "offline",
        "openai_api_key": None,
        "openai_base_url": None,
        "chroma_url": None,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def llm_engine(engine: Engine, base_url: str, **overrides: Any) -> Engine:
    """An LLM-mode engine on the shared index, talking to `base_url` with a dummy key."""
    settings = make_settings(
        engine.settings.data_dir,
        llm_mode="llm",
        openai_base_url=base_url,
        openai_api_key="sk-test-dummy",
        llm_model="test-model",
        llm_max_retries=0,
        **{"llm_timeout_s": 10.0, **overrides},
    )
    return Engine(settings, index=engine.index)


def closed_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
