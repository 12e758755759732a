"""Retrieval filters, in one place so Chroma (`where`), BM25 and the store apply the same rules.

Re-exported as `index.retrieve.Filters`; it lives here so `store.py` can use it without a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass

from llama_index.core.vector_stores.types import (
    FilterOperator,
    MetadataFilter,
    MetadataFilters,
)

from ingest.models import Chunk

# Extra metadata key written next to Chunk.metadata(): Chroma has no case-insensitive match,
# so speaker filters compare a normalised copy of the name.
SPEAKER_KEY = "speaker_key"


def speaker_key(name: str) -> str:
    """Case- and whitespace-insensitive form of a speaker name ("toby  XU" == "Toby Xu")."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Filters:
    """Restrict retrieval to one call, speaker (case-insensitive exact), role or section."""

    call_id: str | None = None
    speaker: str | None = None
    role: str | None = None
    section: str | None = None

    def pairs(self) -> list[tuple[str, str]]:
        """(metadata key, value) for every filter that is set."""
        out: list[tuple[str, str]] = []
        if self.call_id:
            out.append(("call_id", self.call_id))
        if self.speaker:
            out.append((SPEAKER_KEY, speaker_key(self.speaker)))
        if self.role:
            out.append(("role", self.role))
        if self.section:
            out.append(("section", self.section))
        return out

    @property
    def empty(self) -> bool:
        return not self.pairs()

    def matches(self, chunk: Chunk) -> bool:
        """The same test as the Chroma filter, for in-memory indexes (BM25)."""
        values = {
            "call_id": chunk.call_id,
            SPEAKER_KEY: speaker_key(chunk.speaker),
            "role": chunk.role,
            "section": chunk.section,
        }
        return all(values[key] == value for key, value in self.pairs())

    def to_metadata_filters(self) -> MetadataFilters | None:
        """llama-index filters (AND of exact matches), or None when nothing is filtered."""
        pairs = self.pairs()
        if not pairs:
            return None
        return MetadataFilters(
            filters=[MetadataFilter(key=k, value=v, operator=FilterOperator.EQ) for k, v in pairs]
        )


def as_metadata_filters(filters: Filters | MetadataFilters | None) -> MetadataFilters | None:
    if filters is None or isinstance(filters, MetadataFilters):
        return filters
    return filters.to_metadata_filters()
