"""answer_blocks / text helpers: Slack's limits hold for any answer, and text is escaped."""

from __future__ import annotations

import re

from slack_mock_api import all_text, block_problems

from adapters.slack import (
    FALLBACK_TEXT_MAX,
    answer_blocks,
    clean_question,
    error_text,
    fallback_text,
    split_mrkdwn,
)
from chain.types import Answer, Citation

BROKEN_ENTITY = re.compile(r"&(?!amp;|lt;|gt;)")


def citation(
    n: int, quote: str = "Cloud revenue grew 18% this quarter.", speaker: str = "Toby Xu"
) -> Citation:
    return Citation(
        n=n,
        chunk_id=f"c{n}",
        call_id="alibaba",
        speaker=speaker,
        title="Chief Financial Officer",
        affiliation="Alibaba Group",
        section="prepared",
        quote=quote,
        start=0,
        end=len(quote),
        text=quote,
    )


def make_answer(text: str, citations: list[Citation] | None = None, **extra: object) -> Answer:
    fields: dict[str, object] = {"question": "How fast did cloud grow?", **extra}
    fields.setdefault("standalone_question", fields["question"])
    return Answer(answer=text, citations=citations or [], **fields)  # type: ignore[arg-type]


def test_a_normal_answer_has_text_sources_and_mode() -> None:
    blocks = answer_blocks(make_answer("Cloud grew 18% [1].", [citation(1), citation(2)]))

    assert block_problems(blocks) == []
    assert blocks[0] == {
        "type": "section",
        "text": {"type": "mrkdwn", "text": "Cloud grew 18% [1]."},
    }
    assert blocks[1] == {"type": "divider"}
    source = blocks[2]["elements"][0]["text"]
    assert source == (
        "*[1]* Toby Xu (Chief Financial Officer, Alibaba Group), Prepared remarks\n"
        "“Cloud revenue grew 18% this quarter.”"
    )
    assert blocks[-1] == {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": "Mode: offline"}],
    }


def test_huge_answer_and_many_citations_stay_within_limits() -> None:
    paragraph = "Revenue <grew> & margins <fell> by 18% & more. " * 40
    text = "\n\n".join([paragraph] * 60)  # ~110k characters, ~140k escaped
    quote = "A very long quote & <tag> " * 400
    citations = [citation(n, quote, speaker="S&P <Analyst> " * 30) for n in range(1, 81)]
    answer = make_answer(text, citations)

    blocks = answer_blocks(answer)

    assert block_problems(blocks) == []
    assert len(blocks) <= 50
    texts = all_text(blocks)
    assert not BROKEN_ENTITY.search(texts) and "<" not in texts
    assert "_(answer truncated)_" in texts
    shown = [
        b for b in blocks if b["type"] == "context" and b["elements"][0]["text"].startswith("*[")
    ]
    assert shown, "some sources must still be shown"
    assert f"+{80 - len(shown)} more sources" in texts
    fallback = fallback_text(answer)
    assert len(fallback) <= FALLBACK_TEXT_MAX < 4000
    assert not BROKEN_ENTITY.search(fallback)


def test_long_answer_is_split_across_sections_without_losing_text() -> None:
    text = "\n\n".join(f"Paragraph {i}: " + "growth & margin " * 120 for i in range(12))

    sections = split_mrkdwn(text)

    assert len(sections) > 1 and all(len(s) <= 3000 for s in sections)
    joined = " ".join(sections).replace("&amp;", "&")
    assert joined.split() == text.split()


def test_one_giant_word_is_sliced_without_breaking_entities() -> None:
    word = "&<>x" * 3000  # 12k raw characters, 39k escaped, no whitespace

    sections = split_mrkdwn(word)

    assert all(len(s) <= 3000 for s in sections)
    assert not any(BROKEN_ENTITY.search(s) for s in sections)
    unescaped = "".join(sections).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert unescaped == word


def test_footer_shows_llm_model_fallback_unsupported_numbers_and_rewrite() -> None:
    answer = make_answer(
        "It grew 18%.",
        mode="llm",
        model="gpt-4o-mini",
        fallback_reason="LLM timed out; offline answer <shown>",
        unsupported_numbers=["42%"],
        question="And AIDC?",
        standalone_question="How fast did AIDC revenue grow?",
    )

    footer = [e["text"] for e in answer_blocks(answer)[-1]["elements"]]

    assert footer == [
        "Mode: LLM · gpt-4o-mini",
        "⚠️ Fell back: LLM timed out; offline answer &lt;shown&gt;",
        "⚠️ Not found in the sources: 42%",
        "Read as: “How fast did AIDC revenue grow?”",
    ]


def test_refusal_and_rejected_question_still_say_something() -> None:
    refused = make_answer("The call does not say.", refused=True)
    rejected = make_answer("", refused=True, error="Question is empty.")

    assert [b["type"] for b in answer_blocks(refused)] == ["section", "context"]
    assert answer_blocks(rejected)[0]["text"]["text"] == "Question is empty."


def test_markdown_bold_becomes_slack_bold() -> None:
    blocks = answer_blocks(make_answer("**Cloud** grew 18%."))
    assert blocks[0]["text"]["text"] == "*Cloud* grew 18%."


def test_clean_question_strips_the_bot_mention_and_slack_markup() -> None:
    raw = (
        "<@U0BOT|callqa>  What did <@U0BOT> say about <https://x.com|AI> &amp; <#C1|general>? &lt;3"
    )
    assert clean_question(raw, "U0BOT") == "What did say about AI & #general? <3"
    assert clean_question("<@U0OTHER> hi", "U0BOT") == "<@U0OTHER> hi"


def test_error_text_is_friendly_and_short() -> None:
    text = error_text(RuntimeError("index is <offline>\nTraceback (most recent call last): ..."))
    assert text == (
        "Sorry, I couldn't answer that just now. Something went wrong while answering "
        "(RuntimeError); the error was logged. Please try again."
    )
    assert "offline" not in text  # the message may hold paths or URLs: never shown
