"""The offline answer's data: the sentences it may quote, the draft it builds, and how it
names a speaker. Shared by the content answer (`chain.extract`) and the metadata answers
(`chain.meta`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from chain.ask import Ask
from ingest.models import Chunk


class Corpus:
    """What the extractor needs from the index; implemented by the Engine in answer.py."""

    def embed(self, texts: list[str]) -> np.ndarray:  # (n, dim) unit vectors
        raise NotImplementedError

    def embed_query(self, text: str) -> np.ndarray:
        raise NotImplementedError

    def idf(self, term: str) -> float:
        raise NotImplementedError

    def chunks(self, call_id: str | None = None) -> list[Chunk]:
        """All chunks (of one call), in transcript order."""
        raise NotImplementedError

    def mentions(self, squashed: str) -> bool:
        """Does any transcript text contain this squashed name (see `chain.ask.squash`)?"""
        raise NotImplementedError

    def acronyms(self) -> dict[str, str]:
        """The acronyms the calls spell out ({"TTG": "Taobao and Tmall Group"})."""
        return {}


@dataclass
class Quote:
    """One sentence (or a few adjacent ones) chosen to quote: chunk.text[start:end]."""

    chunk: Chunk
    start: int
    end: int
    score: float = 0.0

    @property
    def text(self) -> str:
        return self.chunk.text[self.start : self.end]


@dataclass
class Draft:
    """The offline answer before it becomes an `Answer`: text with [n] markers + quotes."""

    text: str
    quotes: list[Quote] = field(default_factory=list)
    refused: bool = False
    support: float = 0.0  # key-term coverage of the quoted sentences (vs refusal_threshold)


@dataclass
class Scored:
    """One candidate sentence with the signals used to rank it and to decide refusal."""

    chunk: Chunk
    rank: int
    start: int
    end: int
    text: str
    matched: frozenset[str]  # question key terms this sentence contains
    lexical: float  # IDF-weighted share of key terms matched (0..1)
    chunk_lexical: float
    dense: float
    has_figure: bool
    has_counted: bool
    has_cause: bool = False  # gives a reason ("driven by", "due to", "得益于")
    has_future: bool = False  # looks ahead ("we expect", "will", "going forward", "预计")
    names_ok: bool = True  # the passage has one of the question's acronyms/codes ("GMV", "Qwen3")
    # The sentence, or the one before it, names the business the question is about ("Local
    # Services Group's EBITDA loss" is not AIDC's): see subject_names.
    names_subject: bool = True
    score: float = 0.0


def who(chunk: Chunk, zh: bool = False) -> str:
    """'Toby Xu (CFO)' for executives, 'Gary Yu (Morgan Stanley)' for analysts."""
    detail = chunk.affiliation if chunk.role == "analyst" and chunk.affiliation else chunk.title
    if not detail:
        return chunk.speaker
    return f"{chunk.speaker}（{detail}）" if zh else f"{chunk.speaker} ({detail})"


def said(chunk: Chunk, zh: bool, again: bool) -> str:
    if chunk.role == "analyst":
        if zh:
            return "还问道" if again else "提问"
        return "also asked" if again else "asked"
    if zh:
        return "还表示" if again else "表示"
    return "added" if again else "said"


def quoted(text: str) -> str:
    # (A quote across a paragraph break reads as one run of text in the answer.)
    return "“" + " ".join(text.split()) + "”"


def refusal_text(ask: Ask, detail: str = "") -> str:
    if ask.answers_zh:
        return "电话会议记录中没有提到这一点。" + detail
    return "The transcript does not say." + (f" {detail}" if detail else "")
