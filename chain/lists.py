"""A speaker's list: "One thing ... Secondly, ... The third point is ...".

A "what are the priorities?" question is answered by the points of the list, each quoted,
rather than by the one sentence that shares most words with the question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from chain.ask import Ask
from chain.compose import SECOND_QUOTE_RATIO
from chain.draft import Corpus, Quote, Scored
from chain.extend import ANNOUNCES_COUNT, MAX_REMARK_WORDS, next_in_paragraph
from chain.matching import Matcher
from chain.text import sentence_spans
from chain.turns import sentence_size
from ingest.models import Chunk

# A sentence opening a point of a list, maybe after a short lead-in ("Certainly in the
# present phase, one thing that we're paying attention to is ..."); 最后/finally is the
# point after the one before.
_LEAD = r"^\W*(?:[^,.;:]{1,50},\s*)?"


_POINT = r"(?:thing|area|point|aspect|factor|driver|reason|way|priority|lever|pillar|step)s?"
# (Chinese: after a few words of lead-in, "那首先就是说", "对,然后第二就是说"; not 第二季度.)
_ZH_LEAD = r"^[^。！？?!]{0,8}?"


_ORDINALS = tuple(
    (value, re.compile(rf"{_LEAD}(?:{en})\b|{_ZH_LEAD}(?:{zh})(?!个?季度|财年|年)", re.I))
    for value, en, zh in (
        (1, rf"first(?:ly)?|first of all|to begin with|the first|one {_POINT}", "首先|第一"),
        (2, rf"second(?:ly)?|the second|another {_POINT}", "其次|第二"),
        (3, r"third(?:ly)?|the third", "第三"),
        (4, r"fourth(?:ly)?|the fourth", "第四"),
    )
)


_LAST_POINT = re.compile(
    r"^\W*(?:finally|lastly|last but not least)\b(?!\W+thank)|^\W*最后(?!.{0,4}谢谢)", re.I
)


# Not a point of a list but the question's parts: "I will take the second part of the
# question", "Turning to your second question", "the second follow-on question".
_QUESTION_PART = re.compile(
    r"\b(?:first|second|third|another)\s+(?:[\w-]+\s+)?(?:question|part\s+of)\b"
    r"|第[一二三](?:个)?问题",
    re.I,
)


# A sentence announcing reasons or strengths that the speaker then lists.
_ANNOUNCES_REASONS = re.compile(
    r"\b(?:reasons?|advantages?|strengths?|drivers?|factors?)\b(?![^.]*\?)|原因|优势", re.I
)


LIST_COVERAGE = 0.75  # see enumeration
MAX_UNMARKED_REACH = 5  # sentences before a list's second point its unmarked first may be
LIST_REACH = 3  # sentences between the sentence found and the list it belongs to
MAX_LIST_ITEMS = 4


def _ordinal(sentence: str) -> int | str | None:
    """1, 2, 3, 4 for a sentence opening that point of a list, "last" for "Finally, ..."."""
    if _QUESTION_PART.search(sentence):
        return None
    for value, pattern in _ORDINALS:
        if pattern.match(sentence):
            return value
    return "last" if _LAST_POINT.match(sentence) else None


def passage_before(chunk: Chunk, corpus: Corpus) -> Chunk | None:
    """The passage just before `chunk` in the same speaker's turn (and language); None when
    `chunk` opens the turn."""
    before = [c for c in _turn_chunks(chunk, corpus) if c.start < chunk.start]
    return max(before, key=lambda c: c.start, default=None)


def _turn_chunks(chunk: Chunk, corpus: Corpus) -> list[Chunk]:
    """The passages of the speaker's turn `chunk` is in (same language), in order."""
    return [
        c
        for c in corpus.chunks(chunk.call_id)
        if c.turn_index == chunk.turn_index and c.lang == chunk.lang
    ]


def _turn_sentences(chunk: Chunk, corpus: Corpus) -> list[Quote]:
    """Every sentence of the speaker's turn `chunk` is in (same language), in order."""
    return [Quote(c, s, e) for c in _turn_chunks(chunk, corpus) for s, e in sentence_spans(c.text)]


def _lists(sentences: Sequence[Quote]) -> list[list[tuple[int, int]]]:
    """(sentence index, point number) of each list in a turn: points numbered on from 1 or
    2 (a list whose first point is not announced as one), at least two of them."""
    lists: list[list[tuple[int, int]]] = []
    run: list[tuple[int, int]] = []
    for i, quote in enumerate(sentences):
        found = _ordinal(quote.text)
        value = run[-1][1] + 1 if found == "last" and run else found
        if not isinstance(value, int):
            continue
        if run and value == run[-1][1] + 1:
            run.append((i, value))
            continue
        lists.append(run)
        run = [(i, value)] if value in (1, 2) else []
    lists.append(run)
    return [r for r in lists if r and r[-1][1] >= 2]


def _point_quote(sentences: Sequence[Quote], i: int, next_point: int) -> Quote:
    """The point's sentence, run on over the sentences after it in its paragraph until the
    next point, while the quote stays short."""
    quote = sentences[i]
    end = quote.end
    for _, e in next_in_paragraph(quote, next_point - i - 1):
        if sentence_size(quote.chunk.text[quote.start : e]) > MAX_REMARK_WORDS:
            break
        end = e
    return replace(quote, end=end)


def enumeration(
    ask: Ask, good: Sequence[Scored], rows: Sequence[Scored], corpus: Corpus
) -> list[Quote] | None:
    """The points of the list the question asks for ("the three ways Jiang Fan said AI would
    be applied"), when one of the best sentences lies in, or just before or after, a
    speaker's list of that many points: one quote per point, in the speaker's order. A list
    whose first point is not marked takes the best-scored sentence of the turn before its
    second point. For a "why" (no count asked), a list the speaker announces as reasons
    that says nearly as much of the question as the best sentence. None when there is none."""
    if not good:
        return None
    scores = {(r.chunk.chunk_id, r.start): r.score for r in rows}
    matcher = Matcher(ask, corpus)
    best = good[0]
    for anchor in good[:5]:
        if ask.section and anchor.chunk.section != ask.section:
            continue  # ("the CMR drivers in his prepared remarks": not his list in the Q&A)
        if ask.enumerates is not None and anchor.score < SECOND_QUOTE_RATIO * best.score:
            break  # (a list near a weak match is about something else)
        sentences = _turn_sentences(anchor.chunk, corpus)
        where = [
            i
            for i, q in enumerate(sentences)
            if q.chunk.chunk_id == anchor.chunk.chunk_id and q.start <= anchor.start < q.end
        ]
        if not where:
            continue
        candidates: list[list[int]] = []
        for points in _lists(sentences):
            starts = [i for i, _ in points]
            if points[0][1] == 2:
                first = max(0, starts[0] - MAX_UNMARKED_REACH)
                before = [
                    (scores[key], i)
                    for i, q in enumerate(sentences[first : starts[0]], start=first)
                    if (key := (q.chunk.chunk_id, q.start)) in scores
                ]
                if not before:
                    continue
                starts.insert(0, max(before)[1])
            if len(starts) < min(ask.enumerates or 2, MAX_LIST_ITEMS):
                continue
            if not starts[0] - LIST_REACH <= where[0] <= starts[-1] + LIST_REACH:
                continue
            if ask.enumerates is None and not (
                # A "why" question: the list is of reasons, as the sentence before it says
                # ("these are some of the reasons we're positioned to do very well ...").
                starts[0] and _ANNOUNCES_REASONS.search(sentences[starts[0] - 1].text)
            ):
                continue
            candidates.append(starts)
        if candidates:
            # The list the sentence found is in, or else the nearest one.
            starts = min(candidates, key=lambda c: max(c[0] - where[0], where[0] - c[-1], 0))
            starts = starts[: ask.enumerates or MAX_LIST_ITEMS]
            ends = [*starts[1:], len(sentences)]
            quotes = [_point_quote(sentences, i, j) for i, j in zip(starts, ends, strict=True)]
            lead = sentences[starts[0] - 1] if starts[0] else None
            said = " ".join(q.text for q in [*([lead] if lead else []), *quotes])
            if (
                ask.enumerates is None
                and matcher.coverage(matcher.matched(said)) < LIST_COVERAGE * best.lexical
            ):
                # A list of reasons found for a "why", announcement included, must say
                # nearly as much of what is asked as the best sentence alone ("which two
                # businesses drove Local Services' orders?" is not about CMR's drivers).
                continue
            if (
                lead
                and lead.chunk is quotes[0].chunk
                and (ANNOUNCES_COUNT.search(lead.text) or _ANNOUNCES_REASONS.search(lead.text))
            ):
                # ("there were really two major drivers of CMR growth." says what they are)
                quotes[0] = replace(quotes[0], start=lead.start)
            return quotes
    return None
