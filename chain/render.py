"""One renderer for Answers, so no front end re-implements citation formatting.

`render_text` is what the CLI prints; `render_markdown` suits the web UI and chat apps.
"""

from __future__ import annotations

from chain.types import Answer, Citation
from ingest.models import SECTION_LABELS


def speaker_line(c: Citation) -> str:
    """'Toby Xu, CFO (Alibaba Group), Prepared remarks' style attribution."""
    detail = c.affiliation if c.role == "analyst" and c.affiliation else c.title
    who = f"{c.speaker} ({detail})" if detail else c.speaker
    if c.role != "analyst" and c.title and c.affiliation:
        who = f"{c.speaker} ({c.title}, {c.affiliation})"
    section = SECTION_LABELS.get(c.section, c.section)
    return f"{who}, {section}" if section else who


def _notes(answer: Answer) -> list[str]:
    notes = []
    if answer.fallback_reason:
        notes.append(answer.fallback_reason)
    if answer.unsupported_numbers:
        notes.append(
            "Not found in the cited passages (check before relying on): "
            + ", ".join(answer.unsupported_numbers)
        )
    return notes


def render_text(answer: Answer) -> str:
    """Plain text: the answer, notes, then numbered citations with speaker, section and quote."""
    lines = [answer.answer.strip()]
    for note in _notes(answer):
        lines += ["", f"Note: {note}"]
    if answer.citations:
        lines += ["", "Sources:"]
        for c in answer.citations:
            lines.append(f"[{c.n}] {speaker_line(c)} (chars {c.start}-{c.end} of {c.call_id})")
            lines.append(f"    “{' '.join(c.quote.split())}”")
    return "\n".join(lines)


def render_markdown(answer: Answer) -> str:
    """Markdown: the answer, notes in italics, then a numbered list of blockquoted citations."""
    parts = [_escape(answer.answer.strip())]
    for note in _notes(answer):
        parts.append(f"_{_escape(note)}_")
    if answer.citations:
        items = []
        for c in answer.citations:
            quote = _escape(" ".join(c.quote.split()))
            items.append(f"**[{c.n}]** {_escape(speaker_line(c))}\n> {quote}")
        parts.append("**Sources**\n\n" + "\n\n".join(items))
    return "\n\n".join(parts)


def _escape(text: str) -> str:
    """Neutralise Markdown that transcript text could smuggle in (HTML, links, headings)."""
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    for ch in ("*", "_", "`", "#", "|"):
        text = text.replace(ch, "\\" + ch)
    return text.replace("](", "]\\(")
