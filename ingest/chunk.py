"""Speaker turns -> retrievable `Chunk`s with exact offsets.

Chunks are cut on paragraph, then sentence boundaries to about `chunk_words` words. A chunk
never spans two speakers, two languages or two zh/en pairs, and `chunk.text` is always
`text[chunk.start:chunk.end]` (whitespace-trimmed), so quotes can be located exactly.
"""

from __future__ import annotations

import re

from ingest.models import Call, Chunk, Paragraph, Turn
from ingest.parse import (
    POINTS_BACK,
    analyst_intros,
    caller_instructions,
    sentence_spans,
    word_count,
)

DEFAULT_CHUNK_WORDS = 130
# Host turns shorter than this carry no content ("Next question, please.").
MIN_HOST_WORDS = 12

_PROCEDURAL = re.compile(
    r"question (?:comes|is coming) from|next question|last question|first question|"
    r"please go ahead|your line is (?:now )?open|press (?:star|\*)|star (?:one|two|1|2)|"
    r"wait for your name|cancel your request|speakerphone|handset|"
    r"to give more people the opportunity|no more than one question|"
    r"conclude[sd]? (?:our|the|today's|this)\b|(?:you )?may now disconnect|"
    r"(?:begin|start|open)\w* (?:the |our )?(?:question-and-answer|q&a)|"
    r"thank you[^.]{0,20} for (?:joining|participating|your participation|attending)|"
    r"for joining us|"
    r"appreciate your time|see you next quarter|^(?:thank you|thanks)[.!,]?(?: everyone\.?)?$|"
    r"^(?:okay|ok|great)[.!,]?$",
    re.IGNORECASE,
)


def is_procedural(turn: Turn, text: str) -> bool:
    """Operator/IR turns that only run the call: very short, or made of procedural sentences."""
    if turn.role not in ("operator", "ir"):
        return False
    body = text[turn.start : turn.end]
    if word_count(body) < MIN_HOST_WORDS:
        return True
    sentences = [text[a:b] for a, b in sentence_spans(text, turn.start, turn.end)]
    return all(_PROCEDURAL.search(s) for s in sentences)


def instructions_span(turn: Turn, text: str) -> tuple[int, int] | None:
    """The host's instructions to callers on how to ask ("please press star one ..."), if
    any: procedural, but what a user asking how the Q&A worked wants quoted."""
    if turn.role not in ("operator", "ir"):
        return None
    spans = [
        (a, b)
        for a, b in sentence_spans(text, turn.start, turn.end)
        if caller_instructions(text[a:b])
    ]
    return (spans[0][0], spans[-1][1]) if spans else None


def intro_span(turn: Turn, text: str) -> tuple[int, int] | None:
    """The host's sentences that introduce an analyst ("Your next question comes from Alex
    Zhou with J.P. Morgan."), if any: often the only place a call names an analyst's firm, so
    they stay retrievable and citable even in an otherwise procedural turn."""
    if turn.role not in ("operator", "ir"):
        return None
    spans = [
        (a, b) for a, b in sentence_spans(text, turn.start, turn.end) if analyst_intros(text[a:b])
    ]
    return (spans[0][0], spans[-1][1]) if spans else None


def chunk_turns(
    turns: list[Turn], text: str, call: Call, *, chunk_words: int = DEFAULT_CHUNK_WORDS
) -> list[Chunk]:
    """All chunks of a call, in transcript order."""
    askers = _askers(turns)
    chunks: list[Chunk] = []
    for turn in turns:
        if is_procedural(turn, text):
            # Kept from a procedural turn: how to join the queue, and who asks next.
            for span in (instructions_span(turn, text), intro_span(turn, text)):
                para = next(
                    (p for p in turn.paragraphs if span and p.start <= span[0] < p.end), None
                )
                if span and para:
                    chunks.append(_chunk(call, turn, text, span, para, ""))
            continue
        asked_by = ""
        if turn.section == "qa" and turn.role in ("executive", "other") and turn.exchange:
            asked_by = askers.get(turn.exchange, "")
        for group in _groups(turn.paragraphs):
            for start, end in _pack(text, group, chunk_words):
                chunks.append(_chunk(call, turn, text, (start, end), group[0], asked_by))
    return chunks


def _chunk(
    call: Call, turn: Turn, text: str, span: tuple[int, int], para: Paragraph, asked_by: str
) -> Chunk:
    start, end = span
    return Chunk(
        chunk_id=f"{call.call_id}:{turn.index:03d}:{start}",
        call_id=call.call_id,
        text=text[start:end],
        speaker=turn.speaker,
        title=turn.title,
        role=turn.role,
        affiliation=turn.affiliation,
        section=turn.section,
        exchange=turn.exchange,
        lang=para.lang,
        pair_id=para.pair_id,
        turn_index=turn.index,
        start=start,
        end=end,
        company=call.company,
        call_title=call.title,
        call_date=call.date,
        period=call.period,
        asked_by=asked_by,
    )


def _askers(turns: list[Turn]) -> dict[int, str]:
    """Exchange number -> "Gary Yu (Morgan Stanley)" for the analyst who opened it."""
    out: dict[int, str] = {}
    for t in turns:
        if t.role == "analyst" and t.exchange is not None and t.exchange not in out:
            out[t.exchange] = f"{t.speaker} ({t.affiliation})" if t.affiliation else t.speaker
    return out


def _groups(paragraphs: tuple[Paragraph, ...]) -> list[list[Paragraph]]:
    """Consecutive paragraphs with the same language and pair: the spans a chunk may cover."""
    groups: list[list[Paragraph]] = []
    for p in paragraphs:
        if groups and (groups[-1][-1].lang, groups[-1][-1].pair_id) == (p.lang, p.pair_id):
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _units(text: str, group: list[Paragraph], budget: int) -> list[tuple[int, int, float]]:
    """Whole paragraphs when they fit the budget, else their sentences (overlong sentences
    are cut at commas or spaces)."""
    units: list[tuple[int, int, float]] = []
    for p in group:
        size = word_count(text[p.start : p.end])
        if size <= budget:
            units.append((p.start, p.end, size))
            continue
        for a, b in sentence_spans(text, p.start, p.end):
            pieces = _cut_long(text, a, b, budget)
            # "Cainiao revenue decreased 12% ... / This is the result of ...": a sentence
            # that points back stays in the chunk of the one it points to.
            leans = len(pieces) == 1 and POINTS_BACK.match(text[a:b])
            if leans and units and units[-1][1] > p.start:
                before = units.pop()
                pieces = [(before[0], b, before[2] + pieces[0][2])]
            units.extend(pieces)
    return units


def _cut_long(text: str, start: int, end: int, budget: int) -> list[tuple[int, int, float]]:
    size = word_count(text[start:end])
    if size <= 2 * budget:
        return [(start, end, size)]
    # A run-on sentence: cut after commas (or spaces) into budget-sized pieces.
    cuts = [m.end() for m in re.finditer(r"[,，、;；]\s*|\s+", text[start:end])]
    pieces: list[tuple[int, int, float]] = []
    a = start
    last_ok = None
    for c in cuts:
        b = start + c
        if word_count(text[a:b]) > budget and last_ok is not None:
            pieces.append((a, last_ok, word_count(text[a:last_ok])))
            a = last_ok
        last_ok = b
    pieces.append((a, end, word_count(text[a:end])))
    out = []
    for a, b, _ in pieces:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b, word_count(text[a:b])))
    return out


def _pack(text: str, group: list[Paragraph], budget: int) -> list[tuple[int, int]]:
    """Greedy packing of units into chunks of about `budget` words; a tiny tail joins the
    chunk before it."""
    packed: list[list[float]] = []  # [start, end, size]
    for a, b, size in _units(text, group, budget):
        if packed and packed[-1][2] + size <= budget:
            packed[-1][1] = b
            packed[-1][2] += size
        else:
            packed.append([a, b, size])
    if (
        len(packed) > 1
        and packed[-1][2] < budget / 4
        and packed[-2][2] + packed[-1][2] <= 1.5 * budget
    ):
        packed[-2][1] = packed[-1][1]
        packed.pop()
    return [(int(a), int(b)) for a, b, _ in packed]
