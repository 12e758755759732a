"""The records that flow from a transcript file into the index: `Call`, `Turn`, `Chunk`.

Offsets (`start`, `end`) are character offsets into the decoded source text, so
`source_text[start:end] == text` always holds and any quote can be located later.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Role = Literal["executive", "analyst", "operator", "ir", "other"]
Section = Literal["prepared", "qa"]
Lang = Literal["en", "zh"]

SECTION_LABELS: dict[str, str] = {"prepared": "Prepared remarks", "qa": "Q&A"}


@dataclass(frozen=True)
class Call:
    """One earnings call: identity plus the header metadata."""

    call_id: str
    company: str
    title: str
    date: str  # ISO yyyy-mm-dd when known, else ""
    period: str  # e.g. "FY2025 Q4", else ""
    source: str  # file name the call was read from


@dataclass(frozen=True)
class Paragraph:
    """A paragraph inside a turn, with its language and its zh/en pairing."""

    start: int
    end: int
    lang: Lang
    pair_id: str  # "" when the paragraph is not part of a zh/en pair


@dataclass(frozen=True)
class Turn:
    """One speaker turn: everything a speaker said until the next speaker."""

    index: int
    speaker: str
    title: str
    role: Role
    affiliation: str
    section: Section
    exchange: int | None  # Q&A exchange number (1-based), None in prepared remarks
    start: int
    end: int
    paragraphs: tuple[Paragraph, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage: verbatim text of one speaker, tagged for filters and citations."""

    chunk_id: str
    call_id: str
    text: str
    speaker: str
    title: str
    role: Role
    affiliation: str
    section: Section
    exchange: int | None
    lang: Lang
    pair_id: str
    turn_index: int
    start: int
    end: int
    # Call-level fields are denormalised onto each chunk so Chroma filters and
    # citations need no second lookup.
    company: str = ""
    call_title: str = ""
    call_date: str = ""
    period: str = ""
    # Who asked the question this chunk answers (answer chunks in Q&A), for "who asked" questions.
    asked_by: str = ""

    def metadata(self) -> dict[str, str | int]:
        """Chroma-ready metadata: scalars only, no None (exchange None -> -1)."""
        meta: dict[str, Any] = asdict(self)
        meta.pop("text")
        meta["exchange"] = -1 if self.exchange is None else self.exchange
        return meta

    @classmethod
    def from_metadata(cls, text: str, meta: dict[str, Any]) -> Chunk:
        """Rebuild a chunk from what Chroma stored."""
        fields = {k: meta[k] for k in cls.__dataclass_fields__ if k in meta and k != "text"}
        exchange = fields.get("exchange", -1)
        fields["exchange"] = None if exchange in (-1, None) else int(exchange)
        for key in ("turn_index", "start", "end"):
            fields[key] = int(fields[key])
        return cls(text=text, **fields)

    @property
    def header(self) -> str:
        """A one-line context header (who, role/firm, section, who asked) for embedding and BM25.

        Not part of `text`: quotes and offsets always refer to the verbatim transcript.
        """
        who = self.speaker
        if self.title:
            who += f" ({self.title})"
        if self.affiliation:
            who += f", {self.affiliation}"
        parts = [who, SECTION_LABELS.get(self.section, self.section)]
        if self.asked_by:
            parts.append(f"answering {self.asked_by}")
        return " | ".join(parts)

    @property
    def embed_text(self) -> str:
        """What the embedding model and the keyword index see."""
        return f"{self.header}\n{self.text}"


@dataclass(frozen=True)
class IngestedCall:
    """The result of ingesting one file."""

    call: Call
    turns: list[Turn]
    chunks: list[Chunk]
    text: str  # the decoded source text the offsets point into
