"""Which business grew fastest: each business's stated growth, compared.

No one sentence answers "Which segment grew fastest?": a call states each business's growth in
a sentence of its own ("Revenue from AIDC grew 22% ...", "Revenue from Cainiao decreased by
12%"). The answer names the highest (or lowest) and quotes every business's sentence, so the
comparison can be checked. Only growth rates stated in the forms segment results use are
compared; with fewer than two, the ordinary answer is given instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from chain.ask import Ask, squash
from chain.compose import compose
from chain.draft import Draft, Quote
from chain.metrics import names_a_kind_of_revenue
from chain.text import sentence_spans
from ingest.models import Chunk

# A business's name: capitalised words, with "and"/"of"/"&" between ("Taobao and Tmall Group",
# "Digital Media and Entertainment Group"), or the segment-results catch-all.
_NAME = r"(?P<b>[A-Z][\w&'’.-]*(?:\s+(?:and\s+|of\s+|&\s+)?[A-Z][\w&'’.-]*)*|all other segments)"
_MOVED = r"(?P<v>grew|increased|rose|was up|were up|decreased|declined|fell|was down|dropped)"
_PCT = r"(?:\s+by)?\s+(?P<p>\d+(?:\.\d+)?)%"
_PATTERNS = {
    "revenue": [
        re.compile(rf"\bRevenue from {_NAME}\s+{_MOVED}{_PCT}"),
        re.compile(
            rf"\bRevenue from {_NAME}\s+was\s+(?:[^,.;]|\.\d)*?,\s+"  # ("RMB 101.4 billion, ")
            rf"an?\s+(?P<v>increase|decrease|decline)\s+of\s+(?P<p>\d+(?:\.\d+)?)%"
        ),
    ],
    "ebitda": [
        re.compile(rf"\b{_NAME}(?:['’]s)?\s+Adjusted EBITDA\s+{_MOVED}{_PCT}"),
        re.compile(rf"\bAdjusted EBITDA of {_NAME}\s+{_MOVED}{_PCT}"),
        # "Revenue from Cainiao decreased by 12%, and its Adjusted EBITDA increased by 55%."
        re.compile(rf"\bRevenue from {_NAME}\b[^.;]*?\bits Adjusted EBITDA\s+{_MOVED}{_PCT}"),
    ],
}
_DOWN = re.compile(r"decrease|declin|fell|down|dropped", re.IGNORECASE)
# Names that are the whole company, not a business of it.
_NOT_A_BUSINESS = {"consolidated", "group", "total", "our", "the", "overall", "its"}
_METRIC_NAMES = {"revenue": ("revenue", "收入"), "ebitda": ("adjusted EBITDA", "经调整EBITDA")}


@dataclass(frozen=True)
class Stated:
    business: str
    growth: float  # percent, negative for a decline
    quote: Quote


def stated_growth(metric: str, chunks: Sequence[Chunk]) -> list[Stated]:
    """Each business's first stated growth in `metric` ("revenue" or "ebitda"), from the
    executives' English sentences, in transcript order."""
    found: dict[str, Stated] = {}
    for chunk in chunks:
        if chunk.role != "executive" or chunk.lang != "en":
            continue
        for s, e in sentence_spans(chunk.text):
            sentence = chunk.text[s:e]
            for pattern in _PATTERNS[metric]:
                m = pattern.search(sentence)
                if not m or m.group("b").lower() in _NOT_A_BUSINESS:
                    continue
                pct = float(m.group("p"))
                growth = -pct if _DOWN.match(m.group("v")) else pct
                name = re.sub(r"['’]s?$", "", m.group("b"))  # ("Cloud's Adjusted EBITDA")
                found.setdefault(squash(name), Stated(name, growth, Quote(chunk, s, e, 1.0)))
                break
    return list(found.values())


# Words every business name may have, which name none ("Local Service Group").
_NAME_FILLER = {"group", "and", "of", "the", "all", "other", "segments", "business", "services"}


def _named_in(business: str, ask: Ask) -> bool:
    """Does the question name this business ("cloud" for "Cloud Intelligence Group", "AIDC",
    a Chinese question's glossary English: "阿里云" -> "Alibaba Cloud")?"""
    asked = {w.lower() for w in re.findall(r"[A-Za-z]+", f"{ask.text} {' '.join(ask.alt_terms)}")}
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", business)} - _NAME_FILLER
    return bool(words & asked)


def answer_ranking(ask: Ask, chunks: Sequence[Chunk]) -> Draft | None:
    """'Which segment grew fastest?': the business with the highest (or lowest) stated growth,
    then every other business's, each quoted; None when fewer than two are stated."""
    if ask.ranks is None:
        return None
    direction, metric = ask.ranks
    if metric == "revenue" and names_a_kind_of_revenue(ask.text):
        return None  # ("TTG's customer management revenue or Cloud's revenue?": not TTG's total)
    if ask.speakers:
        chunks = [c for c in chunks if c.speaker in ask.speakers]
    stated = stated_growth(metric, chunks)
    if ask.ranks_named:
        stated = [x for x in stated if _named_in(x.business, ask)]
    if len(stated) < 2:
        return None
    ranked = sorted(stated, key=lambda x: x.growth, reverse=direction == "max")
    top = ranked[0]
    if sum(1 for x in stated if x.growth == top.growth) > 1:
        return None  # a tie names no one business
    if direction == "fall" and top.growth >= 0:
        return None  # "the biggest decline" when every stated figure grew: no such thing
    en, zh = _METRIC_NAMES[metric]
    figure = f"{abs(top.growth):g}%"
    two = ask.ranks_named and len(ranked) == 2
    if ask.answers_zh:
        word = "最高" if direction == "max" else "最低"  # ("fall": the lowest, a decline)
        word = word.replace("最", "更") if two else word
        change = "下降" if top.growth < 0 else "增长"
        among = (
            "和".join(x.business for x in ranked) + "中"
            if ask.ranks_named
            else (f"在电话会议给出{zh}增速的业务中")
        )
        lead = f"{among}，{top.business}的{zh}增速{word}（{change}{figure}）。"
    else:
        word = "highest" if direction == "max" else "lowest"
        word = word.replace("est", "er") if two else word
        change = "a decline of " if top.growth < 0 else ""
        among = (
            "Of " + " and ".join(x.business for x in ranked)
            if ask.ranks_named
            else f"Of the businesses whose {en} growth the call states"
        )
        lead = f"{among}, {top.business} had the {word} {en} growth: {change}{figure}."
    quotes = [x.quote for x in ranked]
    return Draft(text=f"{lead} {compose(quotes, ask.answers_zh)}", quotes=quotes, support=1.0)
