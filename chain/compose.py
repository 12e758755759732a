"""Quotes into answer text: attribution, ordering, the section note, multi-part merges.

The offline answer is "Speaker (role, section): "quote"" lines, so every number it states is in
a cited quote; this module only arranges quotes, it never writes a figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from chain.ask import Ask, squash
from chain.cite import find_numbers
from chain.draft import Corpus, Draft, Quote, quoted, said, who
from chain.matching import Matcher, terms_of
from chain.subjects import code_forms, names_in
from chain.text import sentence_spans
from ingest.models import Chunk

MAX_QUOTES = 3


SECOND_QUOTE_RATIO = 0.85  # a further quote must score this close to the best one (see extract)
PART_PASSAGE_COVERAGE = 0.75  # a part's passage naming this much of its terms has not drifted


def add_interpretation_pair(quotes: list[Quote], corpus: Corpus) -> list[Quote]:
    """For a Chinese question, pair the top quote with its other-language counterpart.

    Chinese remarks and their English interpretation share a `pair_id`; the counterpart
    sentence is the one stating the same figures (else the best lexical match via glossary).
    """
    top = quotes[0]
    if not top.chunk.pair_id:
        return quotes
    others = [
        c
        for c in corpus.chunks(top.chunk.call_id)
        if c.pair_id == top.chunk.pair_id and c.lang != top.chunk.lang
    ]
    nums = find_numbers(top.text)
    top_terms = terms_of(top.text)
    best: tuple[float, Chunk, int, int] | None = None
    for chunk in others:
        for s, e in sentence_spans(chunk.text):
            sent = chunk.text[s:e]
            shared = sum(any(a.matches(b) for b in find_numbers(sent)) for a in nums)
            if (nums and shared == 0) or len(sent) < 8:
                continue
            overlap = len(terms_of(sent) & top_terms) / max(1, len(top_terms))
            if best is None or shared + overlap > best[0]:
                best = (shared + overlap, chunk, s, e)
    if best is None or best[0] < 0.2:
        return quotes
    pair = Quote(best[1], best[2], best[3])
    rest = [q for q in quotes[1:] if q.chunk.chunk_id != pair.chunk.chunk_id]
    return [top, pair, *rest[:1]]


def compose(quotes: Sequence[Quote], zh: bool) -> str:
    """'Toby Xu (CFO) said: “...” [1] Eddie Wu (CEO) said: “...” [2]' (or Chinese framing).

    A quote right after one by the same speaker carries no second attribution, and numbers
    are followed by a space in Chinese too ("[1] 吴泳铭"), so a speaker's name never runs
    into a citation marker."""
    parts: list[str] = []
    seen: list[str] = []
    for n, q in enumerate(quotes, start=1):
        first = quotes[0].chunk
        if n == 2 and zh and _same_pair(q, quotes[0]) and q.chunk.lang != first.lang:
            label = "（英文传译：" if q.chunk.lang == "en" else "（中文原话："
            parts[-1] += f"{label}{quoted(q.text)} [{n}]）"
            continue
        verb = said(q.chunk, zh, again=q.chunk.speaker in seen)
        if seen and seen[-1] == q.chunk.speaker:
            parts.append(f"{quoted(q.text)} [{n}]")
        elif zh:
            parts.append(f"{who(q.chunk, zh)}{verb}：{quoted(q.text)} [{n}]")
        else:
            parts.append(f"{who(q.chunk)} {verb}: {quoted(q.text)} [{n}]")
        seen.append(q.chunk.speaker)
    return " ".join(parts)


SECTION_NAMES = {"prepared": ("the prepared remarks", "开场发言"), "qa": ("the Q&A", "问答环节")}


def elsewhere_lead(asked: str, found: Sequence[str], zh: bool) -> str:
    """'Not found in the prepared remarks; it is in the Q&A: ' (the space included): what an
    answer from the other section starts with, offline or from an LLM."""
    where = [SECTION_NAMES.get(s, (s, s))[1 if zh else 0] for s in dict.fromkeys(found)]
    not_in = SECTION_NAMES.get(asked, (asked, asked))[1 if zh else 0]
    if zh:
        return f"{not_in}中没有找到，答案在{'和'.join(where)}中："
    return f"Not found in {not_in}; it is in {' and '.join(where)}: "


def state_elsewhere(draft: Draft, asked: str, zh: bool) -> Draft:
    """'Not found in the prepared remarks; it is in the Q&A:' before the quotes: the answer to
    "did they talk about X in the prepared remarks?" when only the other section answers."""
    found = [q.chunk.section for q in draft.quotes]
    if draft.refused or not found or asked in found:
        return draft  # (the caller keeps its refusal then)
    return replace(draft, text=elsewhere_lead(asked, found, zh) + draft.text)


def state_section(draft: Draft, zh: bool) -> Draft:
    """'This was in the prepared remarks.' before the quotes: the answer to "was X in the
    prepared remarks or the Q&A?" is where the quoted passages sit."""
    sections = list(dict.fromkeys(q.chunk.section for q in draft.quotes))
    names = [SECTION_NAMES.get(s, (s, s))[1 if zh else 0] for s in sections]
    if draft.refused or not names:
        return draft
    if zh:
        where = "这是在" + "和".join(names) + "中说的。"
    elif len(names) == 1:
        where = f"This was in {names[0]}."
    else:
        where = f"This came up in both {names[0]} and {names[1]}."
    return replace(draft, text=f"{where} {draft.text}" if not zh else where + draft.text)


def merge_parts(
    ask: Ask,
    drafts: Sequence[Draft],
    corpus: Corpus,
    threshold: float,
    part_asks: Sequence[Ask] = (),
) -> Draft | None:
    """One answer from the whole question's draft (first) and its parts' drafts: each part's
    best quote (when it also covers its share of the whole question's terms, `threshold` /
    parts, and is not already quoted, nor its interpretation) in the question's order, the
    whole question's best quote (first, unless every part found its own), then the whole
    question's other quotes while there is room. When the whole question found no answer,
    every part must have one; the quotes together must still name the question's codes
    ("GMV"). None when that fails."""
    whole, parts = drafts[0], drafts[1:]
    asks = list(part_asks) if len(part_asks) == len(parts) else [None] * len(parts)
    answered = [(d, a) for d, a in zip(parts, asks, strict=True) if not d.refused and d.quotes]
    if whole.refused and len(answered) < len(parts):
        return None
    first = [] if whole.refused else whole.quotes[:1]
    if first and len(whole.quotes) > 1 and _same_pair(whole.quotes[1], first[0]):
        first.append(whole.quotes[1])  # (a Chinese answer's interpretation stays with it)
    rest = [] if whole.refused else [q for q in whole.quotes if q not in first]
    quotes = list(first)
    matcher = Matcher(ask, corpus)
    chosen: list[Quote] = []  # each part's quote (and its pair), in the question's order
    paired: list[Quote] = []  # (those pairs: the first to go when there is no room)
    satisfied = 0
    for d, part in answered:
        # Its best-scored quote (a part's breakdown is quoted in passage order, so its first
        # quote may be another part's: "regular dividend, special dividend").
        q = max(d.quotes, key=lambda x: x.score)
        # (the whole question's best quote counts once, not again when a part's quote is it)
        extra = [f for f in quotes if not any(overlaps(f, p) for p in chosen)]
        if len(extra) + len(chosen) >= MAX_QUOTES + 1:
            break
        # A part read alone can drift: its quote must also cover its share of the whole
        # question's terms (a part covers about 1/n of them), or its passage must name most
        # of the part's own terms (the topic is often named a sentence earlier: "this
        # instant retail market ... / Today, it could be a market of 500-600 million").
        related = matcher.coverage(matcher.matched(q.text)) >= threshold / len(parts)
        if not related and part is not None:
            own = Matcher(part, corpus)
            related = own.coverage(own.matched(q.chunk.text)) >= PART_PASSAGE_COVERAGE
        satisfied += related
        if related and not any(overlaps(q, p) for p in chosen):
            chosen.append(q)
            pair = [p for p in d.quotes if _same_pair(p, q) and p.chunk.lang != q.chunk.lang]
            chosen.extend(pair[:1])  # a Chinese answer's interpretation, as answer_content adds
            paired.extend(pair[:1])
    if satisfied == len(parts):
        # Every part has its quote: they answer in the question's order ("TTG, Cloud and
        # AIDC"), and the whole question's best quote follows unless one of them says it (a
        # part's quote inside it gives way to it: the whole question's may run on to the
        # cause, "... by 1.9 points. We increased our investments ...").
        quotes = []
        for p in chosen:
            q = next((q for q in first if contains(q, p)), p)
            if q not in quotes:
                quotes.append(q)
        # (the whole question's quote with its own pair: "First of all, ..." and the Chinese
        # it interprets)
        quotes += [
            q
            for q in first
            if q not in quotes and not any(overlaps(q, p) for p in quotes if p not in first)
        ]
    else:
        quotes += [q for q in chosen if not any(overlaps(q, p) for p in quotes)]
    quotes += [q for q in rest if not any(overlaps(q, p) for p in quotes)]
    for mate in paired:  # (a part's interpretation gives way to another answering quote)
        if len(quotes) > MAX_QUOTES + 1 and mate in quotes[: MAX_QUOTES + 1]:
            quotes.remove(mate)
    quotes = quotes[: MAX_QUOTES + 1]
    if ask.breakdown and len({q.chunk.chunk_id for q in quotes}) == 1:
        quotes.sort(key=lambda q: q.start)  # (one passage's components, in its order)
    if not quotes or quotes == list(whole.quotes):
        return None
    quoted = "".join(squash(q.chunk.embed_text) for q in quotes)
    if not all(names_in(forms, quoted) for forms in code_forms(ask, corpus)):
        return None
    support = max(d.support for d in [whole, *(d for d, _ in answered)])
    return Draft(text=compose(quotes, ask.answers_zh), quotes=quotes, support=support)


def _same_pair(a: Quote, b: Quote) -> bool:
    """Two quotes of one zh/en pair (a Chinese passage and its interpretation)."""
    return bool(a.chunk.pair_id) and a.chunk.pair_id == b.chunk.pair_id


def contains(a: Quote, b: Quote) -> bool:
    """`a` quotes all of `b` (and perhaps more) from the same passage."""
    return a.chunk.chunk_id == b.chunk.chunk_id and a.start <= b.start and b.end <= a.end


def overlaps(a: Quote, b: Quote) -> bool:
    """The same words quoted twice: overlapping spans, or the other half of a zh/en pair."""
    if _same_pair(a, b) and a.chunk.lang != b.chunk.lang:
        return True
    return a.chunk.chunk_id == b.chunk.chunk_id and a.start < b.end and b.start < a.end
