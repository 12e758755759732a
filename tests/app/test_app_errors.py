"""Bad input and failures: clear messages in the chat, the app keeps serving, auth guards it.

Runs a second, in-process app with basic auth on, over a small call of its own, in LLM mode
with the LLM unreachable (a closed local port), so answers fall back to offline. `answer()`
is made to raise for one question, standing in for any failure inside the chain.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gradio_client import Client
from pydantic import SecretStr
from servers import free_port

import app
import chain.answer
from callqa.settings import Settings
from chain.answer import EMPTY_QUESTION, get_engine

USER = ("ana", "s3cret")
CALL = Path(__file__).parent / "fixtures" / "acme-q1-2026.txt"
# Gradio's queue (in this process) trips pandas 3 deprecation warnings: not ours to fix.


def _text(message: dict[str, Any]) -> str:
    content = message["content"]
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") for part in content if isinstance(part, dict))


@pytest.fixture(scope="module")
def guarded_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("app-errors")
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,  # a developer's .env must not change the test
        data_dir=work / "data",
        bundled_call=CALL,  # four short turns: quick to embed
        llm_mode="llm",
        openai_base_url=f"http://127.0.0.1:{free_port()}/v1",  # nothing listens there
        openai_api_key=SecretStr("not-used"),
        port=free_port(),
        auth=f"{USER[0]}:{USER[1]}",
        concurrency=2,
    )
    real_answer = chain.answer.answer

    def failing_answer(question: str, **kwargs: Any) -> Any:
        if question == "boom":
            raise RuntimeError("the index went away")
        return real_answer(question, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(chain.answer, "answer", failing_answer)
        demo = app.build_app(settings, get_engine(settings))
        demo.queue(default_concurrency_limit=settings.concurrency)
        demo.launch(**app.launch_options(settings), prevent_thread_lock=True, quiet=True)
        try:
            yield f"http://{settings.host}:{settings.port}"
        finally:
            demo.close(verbose=False)


def test_basic_auth_is_required(guarded_app: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as denied:
        urllib.request.urlopen(guarded_app + "/config", timeout=30)
    assert denied.value.code == 401


def test_chain_failure_is_shown_in_the_chat_and_the_app_keeps_running(guarded_app: str) -> None:
    client = Client(guarded_app, auth=USER, verbose=False)
    box, chat, sources, _ = client.predict("boom", "", "", "", api_name="/ask")
    assert "Something went wrong" in _text(chat[-1])
    assert "the error was logged" in _text(chat[-1])
    assert "the index went away" not in _text(chat[-1])  # details are logged, not shown
    assert 'data-state="failed"' in sources

    # Same session, next question: answered normally.
    _, chat, sources, _ = client.predict("How fast did cloud grow?", "", "", "", api_name="/ask")
    assert [m["role"] for m in chat] == ["user", "assistant"] * 2
    assert "31%" in _text(chat[-1])
    assert 'id="cite-1"' in sources


def test_unreachable_llm_falls_back_with_a_notice(guarded_app: str) -> None:
    client = Client(guarded_app, auth=USER, verbose=False)
    _, chat, sources, header = client.predict(
        "What gross margin did they report?", "", "", "", api_name="/ask"
    )
    assert "62%" in _text(chat[-1])
    assert "Offline extractive" in header  # what actually answered
    assert 'id="cq-fallback"' in header
    assert "John Roe" in sources


def test_empty_and_over_long_questions_get_clear_messages(guarded_app: str) -> None:
    client = Client(guarded_app, auth=USER, verbose=False)
    _, chat, _, _ = client.predict("   ", "", "", "", api_name="/ask")
    # (a turn of its own: not drawn inside the last answer's bubble)
    assert [m["role"] for m in chat] == ["user", "assistant"]
    assert "empty question" in _text(chat[0]) and EMPTY_QUESTION in _text(chat[-1])

    long_question = "How fast did cloud grow? " * 100  # 2,500 characters > 2,000
    _, chat, _, _ = client.predict(long_question, "", "", "", api_name="/ask")
    assert "too long" in _text(chat[-1])
    assert len(_text(chat[-2])) < 400  # the echoed question is truncated


def test_malformed_auth_is_rejected_before_start() -> None:
    with pytest.raises(ValueError, match="user:pass"):
        app.launch_options(Settings(auth="ana"))
