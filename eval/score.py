"""Pure scoring: one gold item + one Answer JSON -> `ItemScore`; many -> aggregate metrics.

No I/O and no models here, so every rule is unit-testable. The rules (see eval/README.md):

* A passage *contains* an evidence string when, after collapsing whitespace, the evidence is a
  substring of it; or, for evidence of at least `PARTIAL_MIN_CHARS` characters, when the
  longest contiguous run shared with the passage covers >= `PARTIAL_FRACTION` of the evidence
  (the evidence straddles a chunk boundary).
* R@k: evidence_mode "any" -> 1 if any top-k passage contains any evidence string; "all" ->
  fraction of evidence strings contained in some top-k passage. MRR: 1/rank of the first
  passage containing any evidence string.
* Answer correctness: every `must_include` group has one form present in the answer after
  `normalize` (case, full/half width, traditional -> simplified characters, "percent" -> "%",
  thousands commas, currency spacing, bn/mn). Numbers match whole: "8%" does not match inside "18%".
* Numeric faithfulness: share of the answer's numbers whose value also appears among the
  numbers of the passages it cites, by the product's rule (`chain.cite.find_numbers` and
  `Number.matches`: same value, unit kind and currency; 366.4 billion == 3664亿, but
  18% does not support "18 billion"). Citation markers like [1] are removed first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from typing import Any

import numpy as np

from chain.cite import find_numbers
from eval.gold import GoldItem
from index.mandarin import simplified

KS = (1, 3, 5)
PARTIAL_FRACTION = 0.6
PARTIAL_MIN_CHARS = 20

Result = Mapping[str, Any]

# ----------------------------------------------------------------------------- normalisation

_WS = re.compile(r"\s+")
_CITE = re.compile(r"\[\s*\d+(?:\s*[,，;-]\s*\d+)*\s*\]")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_PERCENT = re.compile(r"(\d)\s*(?:%|percent\b|per cent\b|pct\b)")
_CURRENCY = re.compile(r"\b(rmb|usd|cny|hkd|us\$|hk\$)\s*(?=\d)|(?<![a-z])(\$|¥)\s+(?=\d)")
# Full words and "bn"/"mn" may follow a space; bare "b"/"m" only when glued ("1.5b", "300m").
_BILLION = re.compile(r"(\d)(?:\s*(?:billion|bn)|b)\b")
_MILLION = re.compile(r"(\d)(?:\s*(?:million|mn)|m)\b")
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-"})
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def collapse_ws(text: str) -> str:
    """Runs of whitespace -> one space, trimmed (used for evidence matching)."""
    return _WS.sub(" ", text).strip()


def strip_citation_markers(text: str) -> str:
    """Remove [1], [2, 3], [1-2] markers so they are not read as numbers or words."""
    return _CITE.sub(" ", text)


def normalize(text: str) -> str:
    """Canonical form for answer matching: casefold, NFKC, percent/currency/magnitude spelling."""
    t = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_QUOTES).casefold()
    t = simplified(t)  # (an answer framed in traditional characters for a question in them)
    t = _THOUSANDS.sub("", t)
    t = _PERCENT.sub(r"\1%", t)
    t = _CURRENCY.sub(lambda m: m.group(1) or m.group(2), t)
    t = _BILLION.sub(r"\1 billion", t)
    t = _MILLION.sub(r"\1 million", t)
    return collapse_ws(t)


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def contains_form(norm_text: str, form: str) -> bool:
    """Whether normalised `form` occurs in `norm_text` as a whole number / word start.

    A form starting with a digit may not follow a digit or a decimal point; one ending with a
    digit may not be followed by a digit or by ".5"/",5". A form starting with a Latin letter
    must start a word; its end is free so "seven" matches "seventh" and "fluctuat" matches
    "fluctuation". CJK forms match anywhere.
    """
    f = normalize(form)
    if not f:
        return False
    start = 0
    while (i := norm_text.find(f, start)) != -1:
        j = i + len(f)
        before = norm_text[i - 1] if i else ""
        after = norm_text[j : j + 2]
        ok = True
        if f[0].isdigit() and (before.isdigit() or before == "."):
            ok = False
        if f[0].isascii() and f[0].isalpha() and before and _ascii_alnum(before):
            ok = False
        if (
            f[-1].isdigit()
            and after
            and (after[0].isdigit() or (after[0] in ".," and after[1:2].isdigit()))
        ):
            ok = False
        if ok:
            return True
        start = i + 1
    return False


def groups_matched(answer: str, must_include: Sequence[Sequence[str]]) -> list[bool]:
    """For each must_include group: does any of its forms occur in the answer?"""
    text = normalize(strip_citation_markers(answer))
    return [any(contains_form(text, form) for form in group) for group in must_include]


# ----------------------------------------------------------------------------- numbers
# The product's own definition (chain.cite), so numeric faithfulness measures exactly what the
# answer step checks: same value *and* unit kind (18% is not 18 billion) and currency when both
# give one; magnitudes apply (366.4 billion == 3664亿, but not 366.4 million).


def unsupported_numbers(answer: str, sources: Iterable[str]) -> tuple[list[str], int]:
    """(numbers in `answer` that no source states, per occurrence; total numbers in answer)."""
    known = [n for src in sources for n in find_numbers(src)]
    nums = find_numbers(answer)
    missing = [n.surface for n in nums if not any(n.matches(k) for k in known)]
    return missing, len(nums)


# ----------------------------------------------------------------------------- evidence


def passage_contains(passage: str, evidence: str) -> bool:
    """Evidence in passage (whitespace-collapsed), or >= 60% of it as one contiguous run."""
    p, e = collapse_ws(passage), collapse_ws(evidence)
    if not e:
        return False
    if e in p:
        return True
    if len(e) < PARTIAL_MIN_CHARS:
        return False
    match = SequenceMatcher(None, p, e, autojunk=False).find_longest_match(0, len(p), 0, len(e))
    return match.size >= PARTIAL_FRACTION * len(e)


def passage_hits(passage: str, evidence: Sequence[str]) -> list[bool]:
    """For each evidence string: is it in this passage?"""
    return [passage_contains(passage, ev) for ev in evidence]


def retrieval_scores(
    passages: Sequence[str], evidence: Sequence[str], mode: str = "any", ks: Sequence[int] = KS
) -> dict[str, float]:
    """R@k for each k and MRR over a ranked list of passage texts."""
    hits = [passage_hits(p, evidence) for p in passages]
    scores: dict[str, float] = {}
    for k in ks:
        covered = [any(h[i] for h in hits[:k]) for i in range(len(evidence))]
        if mode == "all":
            scores[f"r@{k}"] = sum(covered) / len(evidence) if evidence else 0.0
        else:
            scores[f"r@{k}"] = 1.0 if any(covered) else 0.0
    first = next((rank for rank, h in enumerate(hits, start=1) if any(h)), None)
    scores["mrr"] = 1.0 / first if first else 0.0
    return scores


# ----------------------------------------------------------------------------- one item


@dataclass
class ItemScore:
    """Every metric for one question; None means 'not applicable to this item'."""

    id: str
    type: str
    lang: str
    answerable: bool | None
    refused: bool
    error: str | None = None
    r_at: dict[str, float] = field(default_factory=dict)  # "r@1", "r@3", "r@5", "mrr"
    correct: float | None = None  # answerable + must_include: 1/0
    group_recall: float | None = None  # share of must_include groups matched
    missing_groups: list[list[str]] = field(default_factory=list)
    outcome: float | None = None  # correct answer, or correct refusal for unanswerable
    citation_precision: float | None = None
    citation_hit: float | None = None
    speaker_hit: float | None = None
    numeric_faithfulness: float | None = None
    unsupported: list[str] = field(default_factory=list)
    latency_ms: float | None = None
    retrieved_chars_top5: int | None = None
    n_citations: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _texts(entries: Iterable[Mapping[str, Any]]) -> list[str]:
    return [str(e.get("text") or "") for e in entries]


def _speaker_match(cited: str, expected: Iterable[str]) -> bool:
    c = cited.casefold().strip()
    return bool(c) and any(c == s.casefold().strip() for s in expected)


def score_item(item: GoldItem, result: Result) -> ItemScore:
    """Score one Answer JSON (or error record) against its gold item."""
    refused = bool(result.get("refused", False))
    retrieved = list(result.get("retrieved") or [])
    citations = list(result.get("citations") or [])
    answer = str(result.get("answer") or "")
    latency = result.get("latency_ms")
    s = ItemScore(
        id=item.id,
        type=item.kind,
        lang=item.language,
        answerable=item.is_answerable,
        refused=refused,
        error=result.get("error"),
        latency_ms=float(latency) if latency is not None else None,
        retrieved_chars_top5=sum(len(t) for t in _texts(retrieved[:5])),
        n_citations=len(citations),
    )
    if item.is_answerable and item.evidence:
        s.r_at = retrieval_scores(_texts(retrieved), item.evidence, item.mode)
        if citations and not refused:
            cited = [any(passage_hits(t, item.evidence)) for t in _texts(citations)]
            s.citation_precision = sum(cited) / len(cited)
            s.citation_hit = 1.0 if any(cited) else 0.0
        elif not refused:
            s.citation_hit = 0.0  # answered without citing anything
    if item.is_answerable and item.speakers and not refused:
        spoken = [str(c.get("speaker") or "") for c in citations]
        s.speaker_hit = 1.0 if any(_speaker_match(sp, item.speakers) for sp in spoken) else 0.0
    if item.is_answerable and item.must_include:
        matched = groups_matched(answer, item.must_include) if not refused else []
        s.group_recall = sum(matched) / len(item.must_include)
        s.missing_groups = [g for g, ok in zip(item.must_include, matched, strict=False) if not ok]
        s.correct = 1.0 if (not refused and all(matched)) else 0.0
        s.outcome = s.correct
    elif item.is_answerable is False:
        s.outcome = 1.0 if refused else 0.0
    if not refused and answer:
        missing, total = unsupported_numbers(answer, _texts(citations))
        if total:
            s.unsupported = missing
            s.numeric_faithfulness = (total - len(missing)) / total
    return s


# ----------------------------------------------------------------------------- aggregate


def _mean(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return float(np.mean(vals)) if vals else None


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def aggregate(scores: Sequence[ItemScore]) -> dict[str, Any]:
    """Summary metrics over a set of item scores (None where no item qualifies)."""
    scored = [s for s in scores if s.answerable is not None]
    answerable = [s for s in scored if s.answerable]
    unanswerable = [s for s in scored if s.answerable is False]
    with_retrieval = [s for s in scores if s.r_at]
    refused = [s for s in scored if s.refused]
    latencies = [s.latency_ms for s in scores if s.latency_ms is not None]
    out: dict[str, Any] = {
        "n": len(scores),
        "n_scored": len(scored),
        "n_answerable": len(answerable),
        "n_unanswerable": len(unanswerable),
        "errors": sum(1 for s in scores if s.error),
    }
    for key in [f"r@{k}" for k in KS] + ["mrr"]:
        out[key] = _mean(s.r_at.get(key) for s in with_retrieval)
    out["answer_accuracy"] = _mean(s.correct for s in answerable)
    out["group_recall"] = _mean(s.group_recall for s in answerable)
    out["outcome_accuracy"] = _mean(s.outcome for s in scored)
    true_refusals = sum(1 for s in unanswerable if s.refused)
    out["refusal_precision"] = _ratio(true_refusals, len(refused))
    out["refusal_recall"] = _ratio(true_refusals, len(unanswerable))
    out["wrongly_refused_rate"] = _ratio(sum(1 for s in answerable if s.refused), len(answerable))
    out["citation_precision"] = _mean(s.citation_precision for s in answerable)
    out["citation_hit"] = _mean(s.citation_hit for s in answerable)
    out["speaker_hit"] = _mean(s.speaker_hit for s in answerable)
    out["numeric_faithfulness"] = _mean(s.numeric_faithfulness for s in scores)
    out["latency_p50_ms"] = float(np.percentile(latencies, 50)) if latencies else None
    out["latency_p95_ms"] = float(np.percentile(latencies, 95)) if latencies else None
    out["mean_retrieved_chars_top5"] = _mean(
        float(s.retrieved_chars_top5) for s in scores if s.retrieved_chars_top5 is not None
    )
    return out


def breakdown(scores: Sequence[ItemScore], attr: str) -> dict[str, dict[str, Any]]:
    """`aggregate` per value of `attr` ("type" or "lang"), keys sorted."""
    keys = sorted({str(getattr(s, attr)) for s in scores})
    return {k: aggregate([s for s in scores if str(getattr(s, attr)) == k]) for k in keys}


def summarize(scores: Sequence[ItemScore]) -> dict[str, Any]:
    """Overall metrics plus breakdowns by type and by language."""
    return {
        "overall": aggregate(scores),
        "by_type": breakdown(scores, "type"),
        "by_lang": breakdown(scores, "lang"),
    }
