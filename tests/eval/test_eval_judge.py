"""The optional LLM judge against a local server speaking the OpenAI protocol."""

from __future__ import annotations

import pytest

from eval.gold import GoldItem
from eval.judge import JUDGE_SYSTEM, parse_verdict, run_judge, skipped

CLOUD = GoldItem(
    id="c1",
    question="How fast did cloud grow?",
    answer="18% year over year.",
    answerable=True,
    must_include=[["18%"]],
    evidence=["Revenue from Cloud Intelligence Group grew 18%"],
)
NOPE = GoldItem(id="u1", question="What is the ADS price?", answerable=False)


def _result(answer: str, refused: bool = False) -> dict:
    cite = {"n": 1, "text": "Revenue from Cloud Intelligence Group grew 18%", "speaker": "Toby Xu"}
    return {"answer": answer, "refused": refused, "citations": [] if refused else [cite]}


def _grader(prompt: str) -> str:
    """Marks an answer correct when it contains 18% or declines; chatty reply around JSON."""
    candidate = prompt.split("Candidate answer:", 1)[1].split("Cited passages:", 1)[0]
    ok = "18%" in candidate or "does not say" in candidate
    return f'Verdict: {{"correct": {str(ok).lower()}, "supported": {str(ok).lower()}}}'


def test_judge_scores_answers_via_openai_protocol(fake_openai, make_settings, tmp_path):
    with fake_openai(_grader) as server:
        settings = make_settings(tmp_path, llm_mode="llm", openai_base_url=server.url)
        items = [CLOUD, CLOUD.model_copy(update={"id": "c2"}), NOPE]
        results = [
            _result("Cloud grew 18% [1]."),
            _result("Cloud grew 25% [1]."),
            _result("The transcript does not say.", refused=True),
        ]
        summary, verdicts = run_judge(items, results, settings)
    assert summary["status"] == "done" and summary["n"] == 3 and summary["errors"] == 0
    assert summary["correct"] == pytest.approx(2 / 3)
    assert verdicts["c2"] == {"correct": False, "supported": False}
    first = server.requests[0]["messages"]
    assert first[0]["content"] == JUDGE_SYSTEM
    assert "Revenue from Cloud Intelligence Group grew 18%" in first[1]["content"]


def test_unparseable_judge_reply_is_counted_not_raised(fake_openai, make_settings, tmp_path):
    with fake_openai(lambda prompt: "I think it is fine.") as server:
        settings = make_settings(tmp_path, llm_mode="llm", openai_base_url=server.url)
        summary, verdicts = run_judge([CLOUD], [_result("18%")], settings)
    assert summary["status"] == "failed" and summary["errors"] == 1 and verdicts == {}


def test_judge_skips_without_an_llm(make_settings, tmp_path):
    summary, verdicts = run_judge([CLOUD], [_result("18%")], make_settings(tmp_path))
    assert summary == skipped() and verdicts == {}


@pytest.mark.parametrize(
    "reply, expected",
    [
        ('{"correct": true, "supported": false}', {"correct": True, "supported": False}),
        (
            '```json\n{"correct": false, "supported": true}\n```',
            {"correct": False, "supported": True},
        ),
    ],
)
def test_parse_verdict(reply, expected):
    assert parse_verdict(reply) == expected


def test_parse_verdict_rejects_non_json():
    with pytest.raises(ValueError):
        parse_verdict("yes")
