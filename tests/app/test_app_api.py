"""The app's HTTP API (the `/ask` endpoint the page uses), driven with `gradio_client`:
concurrent sessions stay separate, and the filters reach retrieval.
"""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from gradio_client import Client

QUESTIONS = {
    "cloud": ("How fast did cloud revenue grow?", "18%"),
    "vip": ("How many 88VIP members are there?", "50 million"),
}


def _text(message: dict[str, Any]) -> str:
    """A chatbot message's text (content may be a string or a list of parts)."""
    content = message["content"]
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") for part in content if isinstance(part, dict))


def test_concurrent_sessions_get_their_own_answers(app_server: str) -> None:
    barrier = threading.Barrier(len(QUESTIONS))

    def session(key: str) -> tuple[Client, tuple[Any, ...]]:
        client = Client(app_server, verbose=False)
        barrier.wait()  # both questions are in flight together
        question, _ = QUESTIONS[key]
        return client, client.predict(question, "", "", "", api_name="/ask")

    with ThreadPoolExecutor(len(QUESTIONS)) as pool:
        results = dict(zip(QUESTIONS, pool.map(session, QUESTIONS), strict=True))

    for key, (_, outputs) in results.items():
        box, chat, sources, _header = outputs
        question, figure = QUESTIONS[key]
        assert box == ""
        assert [m["role"] for m in chat] == ["user", "assistant"]
        assert _text(chat[0]) == question
        assert figure in _text(chat[1])
        assert 'id="cite-1"' in sources
    assert results["cloud"][1][2] != results["vip"][1][2]

    # A follow-up in one session extends only that session's conversation.
    client, _ = results["cloud"]
    box, chat, _sources, _header = client.predict(
        "What about AI-related product revenue?", "", "", "", api_name="/ask"
    )
    assert [m["role"] for m in chat] == ["user", "assistant"] * 2
    assert _text(chat[0]) == QUESTIONS["cloud"][0]
    assert all(QUESTIONS["vip"][0] not in _text(m) for m in chat)


def test_speaker_and_section_filters_restrict_the_sources(app_server: str) -> None:
    client = Client(app_server, verbose=False)
    _, chat, sources, _ = client.predict(
        "How fast did cloud revenue grow?", "", "Toby Xu", "prepared", api_name="/ask"
    )
    speakers = re.findall(r'class="cq-speaker">([^<]+)<', sources)
    sections = re.findall(r'class="cq-meta"><span>([^<]+)</span>', sources)
    assert speakers and set(speakers) == {"Toby Xu"}
    assert {s.strip() for s in sections} == {"Prepared remarks"}
    assert "18%" in _text(chat[-1])
