"""Sentence spans inside a chunk, for best-sentence dense scoring.

A chunk that answers a question usually does so in one sentence; averaging that sentence with
five unrelated ones (one chunk vector) blurs it. Scoring a chunk by its best sentence instead
lifted R@1 noticeably in earlier measurements, so each chunk's sentences are embedded too.
"""

from __future__ import annotations

import re

# A sentence ends at . ! ? followed by whitespace, or right after a CJK full stop / ! / ?.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|(?<=[。！？；])")
# Shorter pieces ("Thank you.", "Yes.") are glued to the next sentence: alone they match
# far too many queries and carry no answer.
MIN_CHARS = 40


def sentence_spans(text: str, min_chars: int = MIN_CHARS) -> list[tuple[int, int]]:
    """(start, end) offsets into `text` of its sentences, whitespace-trimmed, short ones merged."""
    raw: list[tuple[int, int]] = []
    pos = 0
    for match in _BOUNDARY.finditer(text):
        raw.append((pos, match.start() if match.start() > pos else match.end()))
        pos = match.end()
    raw.append((pos, len(text)))

    spans: list[tuple[int, int]] = []
    pending: int | None = None  # start of a too-short piece waiting to be merged forward
    for start, end in raw:
        start, end = _trim(text, start, end)
        if start >= end:
            continue
        if pending is not None:
            start, pending = pending, None
        if end - start < min_chars:
            pending = start
            continue
        spans.append((start, end))
    if pending is not None:
        if spans:
            spans[-1] = (spans[-1][0], _trim(text, pending, len(text))[1])
        else:
            start, end = _trim(text, pending, len(text))
            if start < end:
                spans.append((start, end))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
