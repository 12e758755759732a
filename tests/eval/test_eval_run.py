"""End to end on a small subset: real answer(), real index, real files; plus error handling."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eval.gold import load_gold
from eval.report import format_summary
from eval.run import answer_mode_counts, ask_all, reported_mode, run_eval

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def subset_report(
    eval_engine: Any, subset_gold: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, Any], Path]:
    out = tmp_path_factory.mktemp("eval-out")
    report = run_eval(
        subset_gold, out, mode="offline", baselines=True, engine=eval_engine, progress=False
    )
    return report, out


def test_results_jsonl_has_one_answer_per_question(subset_report, subset_gold):
    report, out = subset_report
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(ln) for ln in lines]
    assert [r["id"] for r in records] == [it.id for it in load_gold(subset_gold)]
    for r in records:
        assert r["error"] is None
        assert {"answer", "citations", "retrieved", "refused", "latency_ms"} <= r.keys()
    assert report["files"]["results"] == str(out / "results.jsonl")


def test_summary_metrics_are_computed(subset_report):
    report, _ = subset_report
    overall = report["summary"]["overall"]
    assert overall["n"] == 5 and overall["n_scored"] == 5
    assert overall["n_unanswerable"] == 1 and overall["errors"] == 0
    for key in (
        "r@1",
        "r@5",
        "mrr",
        "answer_accuracy",
        "latency_p50_ms",
        "mean_retrieved_chars_top5",
    ):
        assert overall[key] is not None, key
    assert 0.0 <= overall["r@1"] <= overall["r@3"] <= overall["r@5"] <= 1.0
    assert set(report["summary"]["by_lang"]) == {"en", "zh"}
    assert {"figure", "speaker", "followup", "unanswerable"} <= set(report["summary"]["by_type"])
    assert report["llm_judge"]["status"] == "skipped"
    assert report["mode"] == "offline" and report["mode_counts"] == {"offline": 5}


def test_mode_comes_from_the_answers_not_the_request():
    fell_back = {"mode": "offline", "fallback_reason": "LLM unreachable"}
    llm, errored = {"mode": "llm"}, {"mode": "llm", "error": "RuntimeError: boom"}

    all_fell_back = answer_mode_counts([fell_back, fell_back, errored])
    assert all_fell_back == {"offline": 2} and reported_mode(all_fell_back) == "offline"
    some = answer_mode_counts([llm, fell_back, llm])
    assert some == {"llm": 2, "offline": 1} and reported_mode(some) == "mixed"
    assert reported_mode(answer_mode_counts([llm])) == "llm"
    assert reported_mode(answer_mode_counts([errored])) == "none"


def test_report_files_and_charts(subset_report):
    report, out = subset_report
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "## By question type" in md and "## By language" in md
    assert "| Setup | k | Context chars" in md
    saved = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert saved["summary"] == json.loads(json.dumps(report["summary"]))
    for name in ("metrics_by_type.png", "metrics_by_lang.png", "latency_hist.png"):
        assert (out / name).read_bytes()[:8] == PNG_MAGIC
        assert f"]({name})" in md


def test_baselines_table(subset_report):
    report, _ = subset_report
    rows = {r["setup"]: r for r in report["baselines"]}
    assert len(rows) == 6
    naive = rows["naive llama-index top-2"]
    assert naive["context_k"] == 2
    assert naive["chars_top5"] > rows["BM25 only"]["chars_top5"]  # default 1024-token nodes
    budget = next(r for name, r in rows.items() if name.endswith("(budget)"))
    assert budget["context_k"] >= 1
    for row in rows.values():
        assert row["n"] == 4  # the answerable questions of the subset
        for key in ("r@1", "r@3", "r@5", "r@ctx", "mrr"):
            assert 0.0 <= row[key] <= 1.0
    assert "Retrieval baselines" in format_summary(report)


def test_bare_question_file_is_answered_unscored(eval_engine, tmp_path):
    gold = tmp_path / "bare.jsonl"
    gold.write_text(
        '{"id": "a", "question": "What was total revenue?"}\n'
        '{"id": "b", "question": "哪位高管回答了即时零售的问题?"}\n',
        encoding="utf-8",
    )
    report = run_eval(gold, tmp_path / "out", engine=eval_engine, progress=False)
    overall = report["summary"]["overall"]
    assert overall["n"] == 2 and overall["n_scored"] == 0
    assert overall["answer_accuracy"] is None and overall["latency_p50_ms"] is not None
    lines = (tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(ln)["id"] for ln in lines] == ["a", "b"]
    assert "Questions" in format_summary(report)


def test_limit_and_transcript_restrict_the_run(eval_engine, subset_gold, tmp_path, monkeypatch):
    import eval.baselines
    from callqa.settings import BUNDLED_CALL

    parsed: list[Path] = []  # ensure_call parses the whole transcript: once per run is enough
    real_ensure_call = eval.baselines.ensure_call

    def counting_ensure_call(engine: Any, transcript: Path) -> str:
        parsed.append(transcript)
        return real_ensure_call(engine, transcript)

    monkeypatch.setattr(eval.baselines, "ensure_call", counting_ensure_call)
    report = run_eval(
        subset_gold,
        tmp_path,
        engine=eval_engine,
        limit=2,
        baselines=True,
        transcript=BUNDLED_CALL,
        progress=False,
    )
    assert parsed == [BUNDLED_CALL]
    assert report["baselines"]
    assert [i["id"] for i in report["items"]] == [it.id for it in load_gold(subset_gold)[:2]]
    results = [json.loads(ln) for ln in (tmp_path / "results.jsonl").read_text().splitlines()]
    call_ids = {p["call_id"] for r in results for p in r["retrieved"]}
    assert len(call_ids) == 1


class _BrokenIndex:
    def calls(self) -> list[dict[str, Any]]:
        raise RuntimeError("index is down")


class _BrokenEngine:
    """An engine whose index fails: every answer() call raises inside the chain."""

    def __init__(self, settings: Any) -> None:
        self.settings = settings
        self.index = _BrokenIndex()
        self.llm = None

    def ensure_ready(self) -> None:
        self.index.calls()


def test_a_raising_question_is_recorded_not_fatal(subset_gold, eval_engine):
    items = load_gold(subset_gold)
    results = ask_all(
        items, engine=_BrokenEngine(eval_engine.settings), mode="offline", progress=False
    )
    assert len(results) == len(items)
    for item, r in zip(items, results, strict=True):
        assert r["id"] == item.id and r["refused"] is True
        assert r["error"] == "RuntimeError: index is down"
