"""Citation checks shared by both modes: [n] markers, number support, exact quote location.

Everything here is deterministic so an answer's citations can be verified after the fact:
a quote is always `chunk.text[s:e]`, and a number counts as supported only when the same
value (and unit, and currency when both give one) appears in a cited passage.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from chain.text import content_terms, sentence_spans, trim_span
from chain.types import Citation
from ingest.models import Chunk

# ---------------------------------------------------------------------------------------------
# [n] markers
# ---------------------------------------------------------------------------------------------

# "[1]", "[1, 2]", "[1][3]", "［2］", "【3】", "[Source 2]", "[1-2]" (ranges expand).
CITE_RE = re.compile(
    r"\s?[\[［【]\s*(?:sources?\s*)?(\d+(?:\s*(?:[,，;；]|-|–|and)\s*(?:sources?\s*)?\d+)*)\s*[\]］】]",
    re.IGNORECASE,
)


def parse_markers(group: str) -> list[int]:
    """'1, 3' -> [1, 3]; '2-4' -> [2, 3, 4]."""
    out: list[int] = []
    for part in re.split(r"\s*(?:[,，;；]|and)\s*", group):
        part = re.sub(r"(?i)sources?\s*", "", part).strip()
        if not part:
            continue
        bounds = re.split(r"\s*[-–]\s*", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            lo, hi = int(bounds[0]), int(bounds[1])
            out.extend(range(lo, hi + 1) if 0 < hi - lo < 10 else [lo, hi])
        elif part.isdigit():
            out.append(int(part))
    return out


@dataclass
class Renumbered:
    """The answer text with valid markers renumbered 1..m in order of first use."""

    text: str
    order: list[int]  # original source numbers, in new-number order
    dropped: list[int]  # markers that pointed at no source


def renumber_citations(text: str, n_sources: int) -> Renumbered:
    """Drop markers for sources that do not exist and renumber the rest by first appearance."""
    order: list[int] = []
    dropped: list[int] = []

    def repl(m: re.Match[str]) -> str:
        kept: list[int] = []
        for n in parse_markers(m.group(1)):
            if 1 <= n <= n_sources:
                if n not in order:
                    order.append(n)
                new = order.index(n) + 1
                if new not in kept:
                    kept.append(new)
            elif n not in dropped:
                dropped.append(n)
        if not kept:
            return ""
        lead = " " if m.group(0).startswith(" ") else ""
        return lead + "".join(f"[{k}]" for k in kept)

    new_text = CITE_RE.sub(repl, text)
    new_text = re.sub(r"(\[(\d+)\])(?:\s*\[\2\])+", r"\1", new_text)  # "[2][2]" -> "[2]"
    new_text = re.sub(
        r"[ \t]+([.,;:!?。，；：！？])", r"\1", new_text
    )  # "growth [9]." -> "growth."
    new_text = re.sub(r"[ \t]{2,}", " ", new_text).strip()
    return Renumbered(new_text, order, dropped)


def strip_markers(text: str) -> str:
    return CITE_RE.sub("", text)


def claims(text: str) -> list[tuple[str, list[int]]]:
    """Split an answer into sentences, each with the citation numbers it carries.

    A marker that opens the next sentence's span ("... fell. [2] Next ...") belongs to the
    sentence before it, as written.
    """
    out: list[tuple[str, list[int]]] = []
    for s, e in sentence_spans(text):
        sent = text[s:e]
        nums = [n for m in CITE_RE.finditer(sent) for n in parse_markers(m.group(1))]
        body = strip_markers(sent).strip()
        if not body and out:
            out[-1][1].extend(nums)
            continue
        out.append((body, nums))
    return out


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------

_CURRENCY = r"(?P<cur>RMB|CNY|US\$|USD|HK\$|HKD|US\s?dollars?|\$|¥|￥|人民币|美元)"
_UNIT = (
    r"(?P<unit>%|％|percentage points?|percent|per cent|pts?\b|bps|basis points|"
    r"trillion|billion|million|thousand|bn\b|mn\b|[mk]\b|"
    r"个百分点|百分点|万亿|亿|万|千)"
)
NUMBER_RE = re.compile(
    rf"(?:{_CURRENCY}\s?)?(?<![A-Za-z0-9_.])(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?![A-Za-z0-9_])(?:\s?{_UNIT})?(?:\s?(?P<cur2>RMB|yuan|元|美元|US dollars|dollars))?",
    re.IGNORECASE,
)

_SCALE = {
    "trillion": 1e12,
    "万亿": 1e12,
    "billion": 1e9,
    "bn": 1e9,
    "亿": 1e8,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "万": 1e4,
    "thousand": 1e3,
    "k": 1e3,
    "千": 1e3,
}


@dataclass(frozen=True)
class Number:
    """A number as stated: its surface form and a canonical (value, kind, currency)."""

    surface: str
    value: float  # after scale (billion etc.)
    raw: float  # as written
    kind: str  # "percent" | "points" | "amount" | "plain"
    currency: str  # "" | "CNY" | "USD" | "HKD"
    start: int = 0
    end: int = 0

    def matches(self, other: Number) -> bool:
        if self.currency and other.currency and self.currency != other.currency:
            return False
        if self.kind == "plain":
            # "50" in an answer is supported by "50 million" as well as by "50".
            return _close(self.raw, other.raw) or _close(self.value, other.value)
        if self.kind != other.kind and other.kind != "plain":
            return False
        if other.kind == "plain" and self.kind in ("percent", "points"):
            return False
        return _close(self.value, other.value)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _currency(token: str | None) -> str:
    if not token:
        return ""
    t = token.lower().replace(" ", "")
    if t in ("rmb", "cny", "¥", "￥", "人民币", "yuan", "元"):
        return "CNY"
    if t.startswith("hk"):
        return "HKD"
    return "USD"


def find_numbers(text: str) -> list[Number]:
    """Every number in `text` (citation markers excluded), with unit and currency."""
    masked = CITE_RE.sub(lambda m: " " * len(m.group(0)), text)
    out: list[Number] = []
    for m in NUMBER_RE.finditer(masked):
        raw = float(m.group("num").replace(",", ""))
        unit = (m.group("unit") or "").lower()
        if unit in ("%", "％", "percent", "per cent"):
            kind, value = "percent", raw
        elif unit in ("percentage point", "percentage points", "pt", "pts", "个百分点", "百分点"):
            kind, value = "points", raw
        elif unit in ("bps", "basis points"):
            kind, value = "points", raw / 100
        elif unit in _SCALE:
            kind, value = "amount", raw * _SCALE[unit]
        else:
            kind, value = "plain", raw
        currency = _currency(m.group("cur") or m.group("cur2"))
        if currency and kind == "plain":
            kind = "amount"
        surface = m.group(0).strip()
        out.append(Number(surface, value, raw, kind, currency, m.start(), m.end()))
    return out


def unsupported_numbers(text: str, passages: Sequence[str]) -> list[str]:
    """Numbers in `text` that no passage states (same value/unit; currency when both say one)."""
    known = [n for p in passages for n in find_numbers(p)]
    missing: list[str] = []
    for num in find_numbers(text):
        if not any(num.matches(k) for k in known) and num.surface not in missing:
            missing.append(num.surface)
    return missing


# ---------------------------------------------------------------------------------------------
# Quotes
# ---------------------------------------------------------------------------------------------

Embed = Callable[[list[str]], np.ndarray]  # texts -> (n, dim) unit vectors


def best_quote_span(
    chunk_text: str, claim: str, embed: Embed | None = None, max_sentences: int = 2
) -> tuple[int, int]:
    """Offsets in `chunk_text` of the sentence(s) that best support `claim`.

    Sentences that state the claim's numbers win (up to `max_sentences`, contiguous when
    adjacent); otherwise the highest lexical + embedding overlap. Always exact offsets.
    """
    spans = sentence_spans(chunk_text) or [trim_span(chunk_text, 0, len(chunk_text))]
    claim_numbers = find_numbers(strip_markers(claim))
    if claim_numbers:
        hits = [
            i
            for i, (s, e) in enumerate(spans)
            if any(c.matches(n) for c in claim_numbers for n in find_numbers(chunk_text[s:e]))
        ]
        if hits:
            hits = _best_numeric(spans, hits, chunk_text, claim_numbers)[:max_sentences]
            hits.sort()
            return spans[hits[0]][0], spans[hits[-1]][1]
    scores = sentence_scores(chunk_text, spans, claim, embed)
    best = int(np.argmax(scores)) if len(scores) else 0
    return spans[best]


def _best_numeric(
    spans: list[tuple[int, int]], hits: list[int], text: str, claim_numbers: list[Number]
) -> list[int]:
    """Sentences covering the most claim numbers first (then earlier first)."""

    def covered(i: int) -> int:
        nums = find_numbers(text[spans[i][0] : spans[i][1]])
        return sum(any(c.matches(n) for n in nums) for c in claim_numbers)

    ranked = sorted(hits, key=lambda i: (-covered(i), i))
    best = ranked[:1]
    # Add a second sentence only if it contributes a number the first does not state.
    first_nums = find_numbers(text[spans[best[0]][0] : spans[best[0]][1]])
    for i in ranked[1:]:
        nums = find_numbers(text[spans[i][0] : spans[i][1]])
        if any(
            any(c.matches(n) for n in nums) and not any(c.matches(n) for n in first_nums)
            for c in claim_numbers
        ):
            best.append(i)
            break
    return best


def sentence_scores(
    text: str, spans: list[tuple[int, int]], claim: str, embed: Embed | None
) -> list[float]:
    """Lexical recall of the claim's content terms, plus cosine similarity when available."""
    claim_terms = set(content_terms(strip_markers(claim)))
    scores: list[float] = []
    for s, e in spans:
        terms = set(content_terms(text[s:e]))
        scores.append(len(claim_terms & terms) / max(1, len(claim_terms)))
    if embed is not None and spans:
        try:
            vecs = embed([strip_markers(claim)] + [text[s:e] for s, e in spans])
            sims = vecs[1:] @ vecs[0]
            scores = [a + float(b) for a, b in zip(scores, sims, strict=True)]
        except Exception:  # noqa: BLE001 - lexical scores are a fine fallback for a quote
            pass
    return scores


def make_citation(n: int, chunk: Chunk, s: int, e: int) -> Citation:
    """A Citation whose quote is exactly chunk.text[s:e], with source offsets."""
    return Citation(
        n=n,
        chunk_id=chunk.chunk_id,
        call_id=chunk.call_id,
        speaker=chunk.speaker,
        title=chunk.title,
        role=chunk.role,
        affiliation=chunk.affiliation,
        section=chunk.section,
        quote=chunk.text[s:e],
        start=chunk.start + s,
        end=chunk.start + e,
        text=chunk.text,
        chunk_start=chunk.start,
    )
