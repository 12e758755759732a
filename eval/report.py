"""Turn an eval report dict into report.json, report.md (tables) and PNG charts.

Charts use matplotlib's Agg backend (no display needed). Everything here formats what
`eval.run` computed; no metric is computed in this module.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (backend must be chosen first)

# (key in aggregate(), column header, kind) - kind "pct" prints 0.812 as 81.2%.
MAIN_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("n", "n", "int"),
    ("r@1", "R@1", "pct"),
    ("r@3", "R@3", "pct"),
    ("r@5", "R@5", "pct"),
    ("mrr", "MRR", "num"),
    ("outcome_accuracy", "Correct", "pct"),
    ("citation_precision", "Cite prec", "pct"),
    ("numeric_faithfulness", "Num faith", "pct"),
    ("refusal_recall", "Refusal rec", "pct"),
    ("latency_p50_ms", "p50 ms", "ms"),
)
OVERALL_ROWS: tuple[tuple[str, str, str], ...] = (
    ("n", "Questions", "int"),
    ("n_scored", "Scored questions", "int"),
    ("errors", "Errors", "int"),
    ("r@1", "Retrieval recall@1", "pct"),
    ("r@3", "Retrieval recall@3", "pct"),
    ("r@5", "Retrieval recall@5", "pct"),
    ("mrr", "MRR", "num"),
    ("answer_accuracy", "Answer accuracy (answerable)", "pct"),
    ("group_recall", "must_include groups matched", "pct"),
    ("outcome_accuracy", "Correct outcome (answers + refusals)", "pct"),
    ("refusal_precision", "Refusal precision", "pct"),
    ("refusal_recall", "Refusal recall", "pct"),
    ("wrongly_refused_rate", "Wrongly refused (answerable)", "pct"),
    ("citation_precision", "Citation precision", "pct"),
    ("citation_hit", "Answers citing evidence", "pct"),
    ("speaker_hit", "Answers citing the right speaker", "pct"),
    ("numeric_faithfulness", "Numeric faithfulness", "pct"),
    ("latency_p50_ms", "Latency p50", "ms"),
    ("latency_p95_ms", "Latency p95", "ms"),
    ("mean_retrieved_chars_top5", "Mean retrieved chars (top 5)", "int"),
)
BASELINE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("setup", "Setup", "str"),
    ("context_k", "k", "int"),
    ("context_chars", "Context chars", "int"),
    ("chars_top5", "Chars (top 5)", "int"),
    ("r@1", "R@1", "pct"),
    ("r@3", "R@3", "pct"),
    ("r@5", "R@5", "pct"),
    ("r@ctx", "R@k", "pct"),
    ("mrr", "MRR", "num"),
)
CHART_METRICS = (
    ("r@5", "R@5"),
    ("mrr", "MRR"),
    ("outcome_accuracy", "Correct"),
    ("citation_precision", "Cite prec"),
    ("numeric_faithfulness", "Num faith"),
)


def fmt(value: Any, kind: str) -> str:
    """One table cell; None prints as an en dash."""
    if value is None:
        return "–"
    if kind == "pct":
        return f"{100 * float(value):.1f}%"
    if kind == "num":
        return f"{float(value):.3f}"
    if kind == "ms":
        return f"{float(value):,.0f} ms"
    if kind == "int":
        return f"{round(float(value)):,}"
    return str(value)


def table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[tuple[str, str, str]],
    label: tuple[str, str] | None = None,
) -> list[list[str]]:
    """Header + body cells; `label` = (key, header) prepends a name column."""
    head = ([label[1]] if label else []) + [c[1] for c in columns]
    body = [
        ([str(r.get(label[0], ""))] if label else [])
        + [fmt(r.get(k), kind) for k, _, kind in columns]
        for r in rows
    ]
    return [head, *body]


def markdown_table(cells: list[list[str]]) -> str:
    head, *body = cells
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in body]
    return "\n".join(lines)


def text_table(cells: list[list[str]]) -> str:
    """Fixed-width columns for a terminal."""
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _breakdown_rows(breakdown: Mapping[str, Mapping[str, Any]], key: str) -> list[dict[str, Any]]:
    return [{key: name, **metrics} for name, metrics in breakdown.items()]


def mode_line(report: Mapping[str, Any]) -> str:
    """The mode the answers were produced in, with the counts when mixed and the requested
    mode when it differs ("offline (requested llm)", "mixed: llm 30, offline 10")."""
    mode = str(report.get("mode", ""))
    counts = report.get("mode_counts") or {}
    text = mode
    if len(counts) > 1:
        text += ": " + ", ".join(f"{m} {n}" for m, n in counts.items())
    requested = report.get("requested_mode")
    if requested and requested != mode:
        text += f" (requested {requested})"
    return text


def format_summary(report: Mapping[str, Any]) -> str:
    """The terminal summary: overall metrics, by type, by language, baselines."""
    summary = report["summary"]
    overall = summary["overall"]
    parts = [
        f"Gold: {report.get('gold', '')}  mode: {mode_line(report)}  "
        f"questions: {overall['n']} ({overall['n_scored']} scored)"
        + (f"  LLM fallbacks: {report['fallbacks']}" if report.get("fallbacks") else ""),
        "",
        text_table(
            [["Metric", "Value"]]
            + [[name, fmt(overall.get(k), kind)] for k, name, kind in OVERALL_ROWS]
        ),
        "",
        "By type",
        text_table(
            table(_breakdown_rows(summary["by_type"], "type"), MAIN_COLUMNS, ("type", "Type"))
        ),
        "",
        "By language",
        text_table(
            table(_breakdown_rows(summary["by_lang"], "lang"), MAIN_COLUMNS, ("lang", "Lang"))
        ),
    ]
    judge = report.get("llm_judge") or {}
    if judge:
        parts += ["", f"LLM judge: {_judge_line(judge)}"]
    if report.get("baselines"):
        parts += [
            "",
            "Retrieval baselines",
            text_table(table(report["baselines"], BASELINE_COLUMNS)),
        ]
    if report.get("files"):
        parts += ["", "Wrote: " + ", ".join(str(p) for p in report["files"].values())]
    return "\n".join(parts)


def print_summary(report: Mapping[str, Any]) -> None:
    """Print `format_summary(report)` (what `callqa eval` shows at the end)."""
    print(format_summary(report))


def _judge_line(judge: Mapping[str, Any]) -> str:
    if judge.get("status") != "done":
        return f"{judge.get('status', 'skipped')} – {judge.get('note', '')}"
    return (
        f"correct {fmt(judge.get('correct'), 'pct')}, supported by citations "
        f"{fmt(judge.get('supported'), 'pct')} over {judge.get('n', 0)} answers "
        f"({judge.get('errors', 0)} judge errors)"
    )


def markdown(report: Mapping[str, Any]) -> str:
    """report.md: overall table, breakdowns, baselines, misses, charts."""
    summary = report["summary"]
    overall = summary["overall"]
    out = [
        "# callqa evaluation report",
        "",
        f"- Gold set: `{report.get('gold', '')}`",
        f"- Mode: {mode_line(report)}"
        + (f" (model {report['model']})" if report.get("model") else ""),
        f"- Questions: {overall['n']} ({overall['n_scored']} scored), errors: {overall['errors']}, "
        f"LLM fallbacks to offline: {report.get('fallbacks', 0)}",
        f"- Settings: {json.dumps(report.get('settings', {}), ensure_ascii=False)}",
        f"- Created: {report.get('created', '')}",
        "",
        "## Overall",
        "",
        markdown_table(
            [["Metric", "Value"]]
            + [[name, fmt(overall.get(k), kind)] for k, name, kind in OVERALL_ROWS]
        ),
        "",
        "## By question type",
        "",
        markdown_table(
            table(_breakdown_rows(summary["by_type"], "type"), MAIN_COLUMNS, ("type", "Type"))
        ),
        "",
        "## By language",
        "",
        markdown_table(
            table(_breakdown_rows(summary["by_lang"], "lang"), MAIN_COLUMNS, ("lang", "Lang"))
        ),
        "",
        "## LLM-judged metrics",
        "",
        _judge_line(report.get("llm_judge") or {"status": "skipped", "note": "not run"}),
    ]
    if report.get("baselines"):
        out += [
            "",
            "## Retrieval baselines (same gold set, same embedding model)",
            "",
            markdown_table(table(report["baselines"], BASELINE_COLUMNS)),
            "",
            "k = passages the setup would hand to the LLM; R@k = recall within those. "
            "R@1/3/5 and MRR rank the top 5 of every setup.",
        ]
        notes = report.get("baseline_notes") or []
        out += [f"- {n}" for n in notes]
    misses = [i for i in report.get("items", []) if i.get("outcome") == 0.0]
    if misses:
        out += ["", f"## Misses ({len(misses)})", ""]
        rows = [["id", "type", "question", "answer", "why"]]
        for i in misses:
            rows.append(
                [
                    i["id"],
                    i["type"],
                    _short(i.get("question", "")),
                    _short(i.get("answer", "")),
                    _why(i),
                ]
            )
        out.append(markdown_table(rows))
    charts = report.get("charts") or {}
    if charts:
        out += ["", "## Charts", ""]
        out += [f"![{name}]({Path(path).name})" for name, path in charts.items()]
    return "\n".join(out) + "\n"


def _short(text: str, limit: int = 140) -> str:
    one = " ".join(str(text).split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


def _why(item: Mapping[str, Any]) -> str:
    if item.get("error"):
        return f"error: {item['error']}"
    if item.get("answerable") is False:
        return "answered an unanswerable question"
    if item.get("refused"):
        return "refused"
    missing = item.get("missing_groups") or []
    return "missing " + "; ".join(" / ".join(g) for g in missing) if missing else "wrong"


# ----------------------------------------------------------------------------- charts


def _bar_chart(breakdown: Mapping[str, Mapping[str, Any]], title: str, path: Path) -> Path:
    names = list(breakdown)
    fig, ax = plt.subplots(figsize=(max(6.0, 1.3 * len(names) + 2), 4.2))
    width = 0.8 / len(CHART_METRICS)
    for i, (key, label) in enumerate(CHART_METRICS):
        values = [breakdown[n].get(key) for n in names]
        xs = [j + (i - (len(CHART_METRICS) - 1) / 2) * width for j in range(len(names))]
        ax.bar(xs, [v if v is not None else 0.0 for v in values], width, label=label)
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels([f"{n}\n(n={breakdown[n]['n']})" for n in names], fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("score")
    ax.set_title(title)
    ax.legend(fontsize=7, ncol=len(CHART_METRICS), loc="upper center", bbox_to_anchor=(0.5, -0.18))
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _latency_chart(latencies: Sequence[float], path: Path) -> Path:
    fig, ax = plt.subplots(figsize=(6, 3.6))
    ax.hist(latencies or [0.0], bins=min(30, max(5, len(latencies) // 3)), color="#4C72B0")
    if latencies:
        for q, style in ((50, "--"), (95, ":")):
            value = float(np.percentile(latencies, q))
            ax.axvline(value, color="black", linestyle=style, label=f"p{q} {value:,.0f} ms")
        ax.legend(fontsize=8)
    ax.set_xlabel("latency per question (ms)")
    ax.set_ylabel("questions")
    ax.set_title("Answer latency")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def write_charts(report: Mapping[str, Any], out_dir: Path) -> dict[str, str]:
    """metrics_by_type.png, metrics_by_lang.png, latency_hist.png in `out_dir`."""
    summary = report["summary"]
    latencies = [
        float(i["latency_ms"]) for i in report.get("items", []) if i.get("latency_ms") is not None
    ]
    return {
        "by_type": str(
            _bar_chart(
                summary["by_type"], "Metrics by question type", out_dir / "metrics_by_type.png"
            )
        ),
        "by_lang": str(
            _bar_chart(summary["by_lang"], "Metrics by language", out_dir / "metrics_by_lang.png")
        ),
        "latency": str(_latency_chart(latencies, out_dir / "latency_hist.png")),
    }


def write_report(report: dict[str, Any], out_dir: str | Path) -> dict[str, Any]:
    """Write charts, report.md and report.json; returns `report` with "charts" and "files" set."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report["charts"] = write_charts(report, out)
    files = dict(report.get("files") or {})
    files.update({"report_json": str(out / "report.json"), "report_md": str(out / "report.md")})
    report["files"] = files
    (out / "report.md").write_text(markdown(report), encoding="utf-8")
    (out / "report.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
    )
    return report
