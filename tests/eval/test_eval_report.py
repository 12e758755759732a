"""Report formatting: cells, tables, misses, and files from a hand-made report."""

from __future__ import annotations

import json

from eval.gold import GoldItem
from eval.report import fmt, format_summary, markdown, mode_line, write_report
from eval.score import score_item, summarize

ITEM = GoldItem(
    id="c1", question="Cloud growth?", answerable=True, must_include=[["18%"]], type="figure"
)
NOPE = GoldItem(id="u1", question="ADS price?", answerable=False, type="unanswerable")


def _report() -> dict:
    wrong = {"answer": "Cloud grew 17%.", "refused": False, "latency_ms": 12.0}
    bluff = {"answer": "It closed at $120.", "refused": False, "latency_ms": 30.0}
    scores = [score_item(ITEM, wrong), score_item(NOPE, bluff)]
    items = [
        dict(s.to_dict(), question=q, answer=r["answer"])
        for s, q, r in zip(scores, ["Cloud growth?", "ADS price?"], [wrong, bluff], strict=True)
    ]
    return {"gold": "g.jsonl", "mode": "offline", "summary": summarize(scores), "items": items}


def test_fmt_cells():
    assert fmt(None, "pct") == "–"
    assert fmt(0.8125, "pct") == "81.2%"
    assert fmt(1234.4, "ms") == "1,234 ms"
    assert fmt(0.5, "num") == "0.500"


def test_markdown_lists_misses_with_reasons():
    md = markdown(_report())
    assert "## Misses (2)" in md
    assert "missing 18%" in md
    assert "answered an unanswerable question" in md
    assert "| figure | 1 |" in md


def test_write_report_files(tmp_path):
    report = write_report(_report(), tmp_path / "out")
    saved = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert saved["files"]["report_md"].endswith("report.md")
    assert set(saved["charts"]) == {"by_type", "by_lang", "latency"}
    assert "Correct outcome" in format_summary(report)


def test_mode_line_shows_fallbacks_and_the_requested_mode():
    assert mode_line({"mode": "offline", "requested_mode": "offline"}) == "offline"
    assert mode_line({"mode": "offline", "requested_mode": "llm"}) == "offline (requested llm)"
    mixed = {"mode": "mixed", "mode_counts": {"llm": 3, "offline": 2}, "requested_mode": "llm"}
    assert mode_line(mixed) == "mixed: llm 3, offline 2 (requested llm)"
    assert "mode: offline (requested llm)" in format_summary({**_report(), "requested_mode": "llm"})
    assert "- Mode: offline (requested llm)" in markdown({**_report(), "requested_mode": "llm"})
