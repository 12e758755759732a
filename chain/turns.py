"""The call's turn structure: Q&A exchanges, each speaker's turns, the host's introductions
and instructions, and the sentences that open or close a turn (what an analyst asked, how an
executive took the question). Pure reading of chunk metadata and text, no scoring."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from chain.ask import squash
from chain.draft import Quote
from chain.text import is_chinese, sentence_spans
from ingest.models import Chunk
from ingest.parse import analyst_intros, caller_instructions


def exchanges(chunks: Sequence[Chunk]) -> list[int]:
    """Q&A exchange numbers that have an analyst, in order."""
    return sorted({c.exchange for c in chunks if c.exchange is not None and c.role == "analyst"})


def resolve_exchange(n: int, chunks: Sequence[Chunk]) -> int | None:
    nums = exchanges(chunks)
    if not nums:
        return None
    if n == -1:
        return nums[-1]
    return nums[n - 1] if 1 <= n <= len(nums) else None


_QUESTION_CUE = re.compile(
    r"\?|？|\bquestions?\b|\bwonder|\bwould like to\b|\bwanted to\b|\bcould you\b|\bcan you\b"
    r"|\bhow\b|\bwhat\b|请问|想问|问题",
    re.IGNORECASE,
)


# An analyst restating what the company announced ("our recent announcement ... we will
# invest RMB 10 billion with Ele.me"): the figure is the company's, said on the call only in
# the question, so it is a source, quoted as the analyst's words.
_ANNOUNCED = re.compile(
    r"\bannounc(?:ed|ement)\b|\byou (?:said|disclosed|guided)\b|宣布|公告", re.IGNORECASE
)


def recaps_an_announcement(text: str, entities: Sequence[str]) -> bool:
    """The text recaps an announcement about every name the question gives (squashed)."""
    flat = squash(text)
    return bool(entities) and bool(_ANNOUNCED.search(text)) and all(e in flat for e in entities)


def sentence_size(sent: str) -> int:
    return len(sent) // 2 if is_chinese(sent) else len(sent.split())


def opening_sentence(chunks: Sequence[Chunk], prefer_lang: str = "en") -> Quote | None:
    """The first substantive sentence (8+ words, else 5+) of a turn, preferring a language."""
    ordered = sorted(chunks, key=lambda c: (c.lang != prefer_lang, c.start))
    for min_size in (8, 5):  # skip pleasantries ("Thanks for taking my questions.") if possible
        for chunk in ordered:
            for s, e in sentence_spans(chunk.text):
                sentence = chunk.text[s:e]
                if sentence_size(sentence) >= min_size and not takes_the_question(sentence):
                    return Quote(chunk, s, e)
    return None


# How an executive takes a question before answering it: no answer to quote.
_TAKING_IT = re.compile(
    r"^\W*(?:ok(?:ay)?[,.]?\s*)?(?:thank(?:s| you)[,.]?\s*)?"
    r"(?:this is \w+(?: \w+)?[,.]?\s*(?:and|so)?\s*)?"
    r"(?:i will|i'll|let me|i'd like to|i can)\s+(?:take|answer|address)\s+(?:the|this|that|your)"
    r"\s+(?:\w+\s+)?questions?\b|^\W*this is \w+(?: \w+)?[,.]?\s*(?:so|and)?\s*i(?: will|'ll)\s+"
    r"take\b|^[^。,，]{0,12}我来回答"
    # ("Your first question had to do with the pace of ...": the question restated)
    r"|^\W*(?:so|and|now|ok(?:ay)?)?[,\s]*your\s+(?:\w+\s+)?question\s+(?:had|has)\s+to\s+do"
    r"\s+with\b|^\W*(?:so|and|now)?[,\s]*your\s+(?:\w+\s+)?question\s+(?:was|is)\s+"
    r"(?:about|regarding|on)\b",
    re.IGNORECASE,
)


def takes_the_question(sentence: str) -> bool:
    """'This is Jiang Fan, so I will take this question.' / '我来回答一下这个问题': how an
    answer begins, not what it says (a long sentence goes on to say something)."""
    size = len(sentence) // 2 if is_chinese(sentence) else len(sentence.split())
    return bool(_TAKING_IT.search(sentence)) and size <= 25


# Courtesies that open an analyst's turn and mention "question" without posing one.
_PLEASANTRY = re.compile(
    r"\bthanks?(?: you)? (?:\w+ )?for (?:taking|having|letting)\b|^\W*(?:hi|hello|good (?:morning"
    r"|afternoon|evening))\b[^?]{0,60}$|\bcongratulations\b|谢谢管理层|感谢管理层",
    re.IGNORECASE,
)


def question_sentences(chunks: Sequence[Chunk], prefer_lang: str, limit: int = 2) -> list[Quote]:
    """The sentences of an analyst's turn that pose the question (cue words, 8+ words, not
    a courtesy like "thanks for taking my question")."""
    ordered = sorted(chunks, key=lambda c: (c.lang != prefer_lang, c.start))
    lang = ordered[0].lang if ordered else prefer_lang
    out: list[Quote] = []
    for chunk in ordered:
        if chunk.lang != lang:
            continue
        for s, e in sentence_spans(chunk.text):
            sent = chunk.text[s:e]
            if (
                sentence_size(sent) >= 8
                and _QUESTION_CUE.search(sent)
                and not (_PLEASANTRY.search(sent))
            ):
                out.append(Quote(chunk, s, e))
                if len(out) == limit:
                    return out
    if not out:
        first = opening_sentence(chunks, prefer_lang)
        return [first] if first else []
    return out


def ordinal_word(n: int, zh: bool) -> str:
    if zh:
        return "最后一个" if n == -1 else f"第{'一二三四五六七八九十'[n - 1]}个" if n <= 10 else ""
    names = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth"]  # fmt: skip
    return "last" if n == -1 else names[n - 1] if n <= 10 else "that"


EN_COUNTS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


ZH_COUNTS = "一二三四五六七八九十"


def join_names(names: Sequence[str], zh: bool) -> str:
    if zh:
        return "、".join(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def speaker_turns(chunks: Sequence[Chunk]) -> list[list[Chunk]]:
    """Consecutive chunks by the same speaker in the same section, in transcript order."""
    out: list[list[Chunk]] = []
    for c in sorted(chunks, key=lambda c: c.start):
        if out and (out[-1][-1].speaker, out[-1][-1].section) == (c.speaker, c.section):
            out[-1].append(c)
        else:
            out.append([c])
    return out


def is_introduction(chunk: Chunk) -> bool:
    """A host passage that only introduces analysts (kept by ingest for their firms)."""
    return chunk.role in ("operator", "ir") and all(
        analyst_intros(chunk.text[s:e]) for s, e in sentence_spans(chunk.text)
    )


def is_instructions(chunk: Chunk) -> bool:
    """The host's instructions to callers on how to ask (kept by ingest for questions on
    how the Q&A worked)."""
    return chunk.role in ("operator", "ir") and caller_instructions(chunk.text)


def closing_sentence(chunks: Sequence[Chunk], prefer_lang: str = "en") -> Quote | None:
    """The last substantive sentence (8+ words, else 5+) of a turn, preferring a language."""
    ordered = sorted(chunks, key=lambda c: (c.lang != prefer_lang, -c.start))
    for min_size in (8, 5):
        for chunk in ordered:
            for s, e in reversed(sentence_spans(chunk.text)):
                if sentence_size(chunk.text[s:e]) >= min_size:
                    return Quote(chunk, s, e)
    return None


def introduction(analyst: Chunk, all_chunks: Sequence[Chunk]) -> Quote | None:
    """The host's sentence introducing this analyst ("... comes from Alex Zhou with J.P.
    Morgan."): the transcript's own evidence for the analyst's firm."""
    for c in all_chunks:
        if (
            c.role in ("operator", "ir")
            and c.exchange == analyst.exchange
            and squash(analyst.speaker) in squash(c.text)
        ):
            for s, e in sentence_spans(c.text):
                if squash(analyst.speaker) in squash(c.text[s:e]):
                    return Quote(c, s, e)
    return None


def executives_turns(chunks: Iterable[Chunk]) -> dict[str, list[Chunk]]:
    """The executives' passages among `chunks`, by speaker, in the order each first spoke."""
    turns: dict[str, list[Chunk]] = {}
    for c in chunks:
        if c.role == "executive":
            turns.setdefault(c.speaker, []).append(c)
    return turns
