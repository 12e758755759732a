"""`run_eval`: ask every gold question through `chain.answer.answer`, score, write the report.

Outputs in `out_dir`: results.jsonl (one Answer JSON per line, with `id`), report.json,
report.md and PNG charts; with `baselines=True` also the retrieval baselines table.
A question that raises is recorded as an Answer with `error` set and never stops the run.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from tqdm import tqdm

from callqa.settings import Settings, get_settings
from chain.types import Answer
from eval import judge
from eval.gold import GoldItem, load_gold
from eval.report import print_summary, write_report
from eval.score import ItemScore, score_item, summarize

Mode = Literal["offline", "llm"]

__all__ = ["Mode", "print_summary", "run_eval", "score_results"]


def _settings_for(mode: Mode, settings: Settings | None) -> Settings:
    base = settings or get_settings()
    if mode not in ("offline", "llm"):
        raise ValueError(f"mode must be 'offline' or 'llm', not {mode!r}")
    if mode == "llm" and base.openai_api_key is None and base.openai_base_url is None:
        raise ValueError("--mode llm needs OPENAI_API_KEY or OPENAI_BASE_URL to be set")
    return base.with_overrides(llm_mode=mode)


def error_record(
    item: GoldItem, exc: BaseException, latency_ms: float, mode: Mode
) -> dict[str, Any]:
    """An Answer-shaped record for a question whose `answer()` call raised."""
    record = Answer(
        id=item.id,
        question=item.question,
        standalone_question=item.question,
        answer="",
        refused=True,
        mode=mode,
        latency_ms=latency_ms,
        error=f"{type(exc).__name__}: {exc}",
    )
    return record.model_dump(mode="json")


def ask_all(
    items: Sequence[GoldItem],
    *,
    engine: Any,
    mode: Mode,
    filters: Any = None,
    progress: bool = True,
) -> list[dict[str, Any]]:
    """One Answer JSON dict per item, in order; exceptions become error records."""
    from chain.answer import answer

    results: list[dict[str, Any]] = []
    for item in tqdm(items, desc="eval", unit="q", disable=not progress):
        t0 = time.perf_counter()
        try:
            out = answer(
                item.question,
                history=list(item.history) or None,
                filters=filters,
                engine=engine,
                qid=item.id,
            )
            if not isinstance(out, Answer):
                raise TypeError(f"answer() returned {type(out).__name__}, not Answer")
            record = out.model_dump(mode="json")
            record["id"] = item.id
        except Exception as exc:  # noqa: BLE001 - one bad question must not abort the run
            record = error_record(item, exc, (time.perf_counter() - t0) * 1000, mode)
        results.append(record)
    return results


def score_results(
    items: Sequence[GoldItem], results: Sequence[Mapping[str, Any]]
) -> tuple[list[ItemScore], dict[str, Any]]:
    """Score results (matched to items by id) and summarise."""
    by_id = {str(r.get("id")): r for r in results}
    scores = [
        score_item(it, by_id.get(it.id, {"refused": True, "error": "no result"})) for it in items
    ]
    return scores, summarize(scores)


def answer_mode_counts(results: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """How many answers each mode actually produced (errored questions produced none)."""
    counts: dict[str, int] = {}
    for r in results:
        if not r.get("error") and r.get("mode"):
            counts[str(r["mode"])] = counts.get(str(r["mode"]), 0) + 1
    return dict(sorted(counts.items()))


def reported_mode(mode_counts: Mapping[str, int]) -> str:
    """The report's mode, from the answers rather than the request: an `--mode llm` run whose
    LLM fell back on every question is "offline"; some of each is "mixed"; none is "none"."""
    if not mode_counts:
        return "none"
    return next(iter(mode_counts)) if len(mode_counts) == 1 else "mixed"


def _item_rows(
    items: Sequence[GoldItem], results: Sequence[Mapping[str, Any]], scores: Sequence[ItemScore]
) -> list[dict[str, Any]]:
    rows = []
    for item, result, score in zip(items, results, scores, strict=True):
        row = score.to_dict()
        row.update(question=item.question, answer=result.get("answer", ""), mode=result.get("mode"))
        if result.get("fallback_reason"):
            row["fallback_reason"] = result["fallback_reason"]
        rows.append(row)
    return rows


def run_eval(
    gold_path: str | Path,
    out_dir: str | Path,
    mode: Mode = "offline",
    baselines: bool = False,
    engine: Any = None,
    limit: int | None = None,
    *,
    settings: Settings | None = None,
    transcript: str | Path | None = None,
    progress: bool = True,
) -> dict[str, Any]:
    """Run the gold set end to end and write results + report; returns the report dict.

    `transcript`: the call the gold set is about. When given, it is indexed if missing and
    answers are restricted to it; baselines read it (default: the bundled call).
    `engine`: an existing `chain.answer` Engine (its settings decide the mode); else one is
    built from `settings` with `llm_mode` forced to `mode`.
    """
    from chain.answer import get_engine
    from eval.baselines import ensure_call
    from index.retrieve import Filters

    items = load_gold(gold_path)
    if limit is not None:
        items = items[: max(0, limit)]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if engine is None:
        run_settings = _settings_for(mode, settings)
        engine = get_engine(run_settings)
    else:
        run_settings = getattr(engine, "settings", None) or settings or get_settings()
    # The gold set's call: indexed if missing, answers restricted to it. Parsing the transcript
    # for its call_id is the slow part, so it happens once and baselines reuse the id.
    call_id = ensure_call(engine, Path(transcript)) if transcript else None
    filters = Filters(call_id=call_id) if call_id else None
    warm_up = getattr(engine, "ensure_ready", None)
    if callable(warm_up):
        warm_up()  # first-use indexing must not count as the first question's latency

    results = ask_all(items, engine=engine, mode=mode, filters=filters, progress=progress)
    results_path = out / "results.jsonl"
    with results_path.open("w", encoding="utf-8") as fh:
        for record in results:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")

    scores, summary = score_results(items, results)
    mode_counts = answer_mode_counts(results)
    report: dict[str, Any] = {
        "gold": str(gold_path),
        "mode": reported_mode(mode_counts),
        "requested_mode": mode,
        "answer_modes": sorted(mode_counts),
        "mode_counts": mode_counts,
        "model": next((r.get("model") for r in results if r.get("model")), None),
        "fallbacks": sum(1 for r in results if r.get("fallback_reason")),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "settings": {
            "embed_model": run_settings.embed_model,
            "top_k": run_settings.top_k,
            "chunk_words": run_settings.chunk_words,
            "llm_mode": run_settings.llm_mode,
        },
        "summary": summary,
        "items": _item_rows(items, results, scores),
        "files": {"results": str(results_path)},
    }
    report["llm_judge"], verdicts = _maybe_judge(items, results, run_settings, mode)
    for row in report["items"]:
        if row["id"] in verdicts:
            row["judge"] = verdicts[row["id"]]
    if baselines:
        from eval.baselines import run_baselines

        call_text = Path(transcript or run_settings.bundled_call)
        table, notes = run_baselines(
            items, results, engine=engine, transcript=call_text, call_id=call_id
        )
        report["baselines"] = table
        report["baseline_notes"] = notes
    return write_report(report, out)


def _maybe_judge(
    items: Sequence[GoldItem], results: Sequence[Mapping[str, Any]], settings: Settings, mode: Mode
) -> tuple[dict[str, Any], dict[str, dict[str, bool]]]:
    if mode != "llm" or not settings.llm_enabled:
        return judge.skipped(), {}
    return judge.run_judge(items, results, settings)
