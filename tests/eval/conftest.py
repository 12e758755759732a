"""Shared fixtures for the eval tests: one real offline engine, a small gold subset, and a
local HTTP server speaking the OpenAI chat-completions protocol (for the LLM judge).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from callqa.settings import Settings

GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold" / "alibaba-fy2025-q4.jsonl"
# One of each kind that matters end to end: figure, speaker, follow-up, Chinese, refusal.
SUBSET_IDS = ("fig-01", "spk-01", "fu-01", "fig-zh-01", "un-01")


def offline_settings(data_dir: Path, **update: Any) -> Settings:
    """Settings isolated from the developer's .env and forced offline."""
    base = Settings(_env_file=None, data_dir=data_dir, llm_mode="offline")  # type: ignore[call-arg]
    return base.model_copy(update=update) if update else base


@pytest.fixture(scope="session")
def make_settings() -> Callable[..., Settings]:
    """`make_settings(data_dir, **update)`: isolated offline Settings."""
    return offline_settings


@pytest.fixture(scope="session")
def eval_engine(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A real offline Engine over a fresh Chroma dir with the bundled call indexed once."""
    answer_mod = pytest.importorskip("chain.answer")
    settings = offline_settings(tmp_path_factory.mktemp("eval-index"))
    engine = answer_mod.Engine(settings)
    engine.ensure_ready()
    return engine


@pytest.fixture(scope="session")
def subset_gold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lines = [ln for ln in GOLD.read_text(encoding="utf-8").splitlines() if ln.strip()]
    keep = [ln for ln in lines if json.loads(ln)["id"] in SUBSET_IDS]
    assert len(keep) == len(SUBSET_IDS)
    path = tmp_path_factory.mktemp("gold") / "subset.jsonl"
    path.write_text("\n".join(keep) + "\n", encoding="utf-8")
    return path


class FakeOpenAI:
    """A real HTTP server answering POST /v1/chat/completions with `reply(prompt)`."""

    def __init__(self, reply: Callable[[str], str]) -> None:
        self.reply = reply
        self.requests: list[dict[str, Any]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server naming
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append(body)
                prompt = "\n".join(str(m.get("content", "")) for m in body["messages"])
                payload = {
                    "id": "chatcmpl-test",
                    "object": "chat.completion",
                    "created": 0,
                    "model": body.get("model", "fake"),
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": outer.reply(prompt)},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                }
                data = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_openai() -> Iterator[Callable[[Callable[[str], str]], FakeOpenAI]]:
    """Factory: `with fake_openai(reply_fn) as server:` gives a running server."""
    yield FakeOpenAI
