"""`Answer` and `Citation`: the one result every front end renders.

The JSON form (`Answer.model_dump_json()`) is the stable contract printed by
`callqa ask --json` and written to every line of the eval's `results.jsonl`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Message(BaseModel):
    """One turn of conversation history."""

    role: Literal["user", "assistant"]
    content: str


class Citation(BaseModel):
    """A numbered source: the chunk, its speaker and section, and an exact quote with offsets."""

    n: int
    chunk_id: str
    call_id: str
    speaker: str
    title: str = ""
    role: str = ""
    affiliation: str = ""
    section: str = ""
    quote: str  # verbatim substring of the transcript: source_text[start:end] == quote
    start: int
    end: int
    text: str  # the whole chunk, so a UI can show the quote inside its paragraph
    chunk_start: int = 0  # offset of `text` in the source, so start - chunk_start indexes `text`


class Retrieved(BaseModel):
    """One retrieved passage, in rank order."""

    chunk_id: str
    score: float
    text: str
    speaker: str
    section: str
    call_id: str = ""
    title: str = ""
    role: str = ""
    affiliation: str = ""
    exchange: int | None = None
    lang: str = "en"
    start: int = 0
    end: int = 0


class Answer(BaseModel):
    """What `answer()` returns; see ../README.md "Answer JSON"."""

    id: str | None = None
    question: str
    standalone_question: str
    answer: str
    refused: bool = False
    mode: Literal["offline", "llm"] = "offline"
    model: str | None = None
    fallback_reason: str | None = None
    citations: list[Citation] = Field(default_factory=list)
    unsupported_numbers: list[str] = Field(default_factory=list)
    retrieved: list[Retrieved] = Field(default_factory=list)
    latency_ms: float = 0.0
    timings: dict[str, float] = Field(default_factory=dict)
    error: str | None = None  # set when the question itself was rejected (empty, too long)
