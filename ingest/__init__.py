"""Ingest stage: a transcript file -> `IngestedCall` (call metadata, speaker turns, chunks).

Pure parsing, no model. Offsets in turns and chunks index into `IngestedCall.text`: the decoded
file with the BOM removed and newlines normalised to "\\n".
"""

from __future__ import annotations

from pathlib import Path

from ingest.chunk import DEFAULT_CHUNK_WORDS, chunk_turns
from ingest.errors import TranscriptError
from ingest.models import Call, Chunk, IngestedCall, Paragraph, Turn
from ingest.parse import parse_transcript
from ingest.read import DEFAULT_MAX_BYTES, normalise_newlines, read_transcript

__all__ = [
    "DEFAULT_CHUNK_WORDS",
    "DEFAULT_MAX_BYTES",
    "Call",
    "Chunk",
    "IngestedCall",
    "Paragraph",
    "TranscriptError",
    "Turn",
    "ingest_file",
    "ingest_text",
]


def ingest_file(
    path: Path | str,
    *,
    company: str | None = None,
    title: str | None = None,
    date: str | None = None,
    period: str | None = None,
    max_bytes: int | None = None,
    chunk_words: int | None = None,
) -> IngestedCall:
    """Read, parse and chunk one transcript file; raises `TranscriptError` naming the file.

    `company`/`title`/`date`/`period` override what the header says (CLI flags win).
    """
    text = read_transcript(path, max_bytes=max_bytes)
    return ingest_text(
        text,
        str(path),
        company=company,
        title=title,
        date=date,
        period=period,
        chunk_words=chunk_words,
    )


def ingest_text(
    text: str,
    source_name: str,
    *,
    company: str | None = None,
    title: str | None = None,
    date: str | None = None,
    period: str | None = None,
    chunk_words: int | None = None,
) -> IngestedCall:
    """Parse and chunk already-decoded transcript text (newlines are normalised first)."""
    text = normalise_newlines(text)
    if not text.strip():
        raise TranscriptError(source_name, "file contains only whitespace, no transcript text")
    call, turns = parse_transcript(
        text, source_name, company=company, title=title, date=date, period=period
    )
    chunks = chunk_turns(turns, text, call, chunk_words=chunk_words or DEFAULT_CHUNK_WORDS)
    if not chunks:
        raise TranscriptError(source_name, "no speaker turns with any content to index")
    return IngestedCall(call=call, turns=turns, chunks=chunks, text=text)
