"""Optional LLM-judged metrics (answer correctness vs the reference, support by citations).

Why our own judge rather than ragas: ragas is not installed, and two yes/no judgements per
answer need only the chat model the product already configures (chain.llm). Runs only in
`--mode llm` with an LLM configured; otherwise the report says it was skipped and why.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from callqa.settings import Settings
from eval.gold import GoldItem

JUDGE_SYSTEM = (
    "You grade answers to questions about an earnings-call transcript. Reply with one JSON "
    'object and nothing else: {"correct": true|false, "supported": true|false}. '
    '"correct": the candidate states the same facts as the reference answer (extra detail is '
    "fine; a missing or different key figure, name or fact is not). If the reference says the "
    "transcript does not contain the answer, the candidate is correct only if it also declines. "
    '"supported": every factual claim and number in the candidate appears in the cited passages.'
)
JUDGE_USER = """Question: {question}

Reference answer: {reference}

Candidate answer: {candidate}

Cited passages:
{passages}
"""
SKIP_NOTE = (
    "LLM-judged metrics need an LLM (OPENAI_API_KEY or OPENAI_BASE_URL) and --mode llm; "
    "ragas is not installed, so nothing else is attempted."
)
_JSON = re.compile(r"\{.*?\}", re.DOTALL)


def skipped(note: str = SKIP_NOTE) -> dict[str, Any]:
    return {"status": "skipped", "note": note}


def parse_verdict(text: str) -> dict[str, bool]:
    """The first JSON object in the reply, as {"correct": bool, "supported": bool}."""
    match = _JSON.search(text)
    if not match:
        raise ValueError("no JSON object in judge reply")
    data = json.loads(match.group(0))
    return {"correct": bool(data["correct"]), "supported": bool(data["supported"])}


def judge_prompt(item: GoldItem, result: Mapping[str, Any]) -> str:
    cites = result.get("citations") or []
    passages = "\n".join(f"[{c.get('n', i + 1)}] {c.get('text', '')}" for i, c in enumerate(cites))
    if item.is_answerable is False:
        reference = item.answer or "The transcript does not contain this information."
    else:
        reference = item.answer or ""
    return JUDGE_USER.format(
        question=item.question,
        reference=reference,
        candidate=result.get("answer") or "",
        passages=passages or "(none)",
    )


def run_judge(
    items: Sequence[GoldItem], results: Sequence[Mapping[str, Any]], settings: Settings
) -> tuple[dict[str, Any], dict[str, dict[str, bool]]]:
    """Judge every item that has a reference answer; returns (summary, verdicts by id)."""
    from chain.llm import LLMError, build_llm, chat, messages

    llm = build_llm(settings)
    if llm is None:
        return skipped(), {}
    verdicts: dict[str, dict[str, bool]] = {}
    errors: list[str] = []
    for item, result in zip(items, results, strict=True):
        if not item.answer and item.is_answerable is not False:
            continue
        try:
            reply = chat(llm, messages(JUDGE_SYSTEM, judge_prompt(item, result)), settings)
            verdicts[item.id] = parse_verdict(reply)
        except (LLMError, ValueError, KeyError) as exc:
            errors.append(f"{item.id}: {exc}")
    n = len(verdicts)
    summary: dict[str, Any] = {
        "status": "done" if n else "failed",
        "model": settings.llm_model,
        "n": n,
        "errors": len(errors),
        "correct": sum(v["correct"] for v in verdicts.values()) / n if n else None,
        "supported": sum(v["supported"] for v in verdicts.values()) / n if n else None,
    }
    if errors:
        summary["note"] = "; ".join(errors[:3])
    return summary, verdicts
