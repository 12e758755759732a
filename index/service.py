"""`open_index(settings)`: the one object every front end uses to ingest and retrieve."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tqdm import tqdm

from callqa.settings import Settings
from index.embed import LocalEmbedding, get_embedder
from index.retrieve import Filters, Hit, HybridRetriever
from index.store import ChunkStore
from ingest.errors import TranscriptError
from ingest.models import IngestedCall

PROGRESS_MIN_FILES = 4


class Index:
    """Chroma store + embedder + hybrid retriever for one `Settings`."""

    def __init__(self, settings: Settings, *, reset: bool = False) -> None:
        self.settings = settings
        self.embedder: LocalEmbedding = get_embedder(settings.embed_model)
        self.store = ChunkStore(settings, self.embedder, reset=reset)
        self.retriever = HybridRetriever(self.store, self.embedder, settings)

    def ingest(
        self, paths: Iterable[Path | str], *, reset: bool = False, **call_overrides: Any
    ) -> list[IngestedCall]:
        """Parse every file, then replace each call's chunks in the index (idempotent).

        All files are parsed before anything is written (or, with `reset=True`, before both
        collections are dropped for a full re-index), so a bad file changes nothing; the
        `TranscriptError` names the file (and any other files that failed too).
        Overrides: company, title, date, period, max_bytes, chunk_words (None = file / settings).
        """
        from ingest import ingest_file  # the ingest stage is imported only when used

        paths = [Path(p) for p in paths]
        overrides = {k: v for k, v in call_overrides.items() if v is not None}
        overrides.setdefault("max_bytes", int(self.settings.max_file_mb * 1024 * 1024))
        overrides.setdefault("chunk_words", self.settings.chunk_words)
        show = len(paths) >= PROGRESS_MIN_FILES

        parsed: list[IngestedCall] = []
        errors: list[TranscriptError] = []
        for path in tqdm(paths, desc="parse", unit="file", disable=not show):
            try:
                parsed.append(ingest_file(path, **overrides))
            except TranscriptError as exc:
                errors.append(exc)
            except (OSError, UnicodeError) as exc:  # unreadable file: same contract
                errors.append(TranscriptError(path, str(exc)))
        if errors:
            first = errors[0]
            if len(errors) > 1:
                others = ", ".join(e.path for e in errors[1:])
                raise TranscriptError(first.path, f"{first.problem} (also failed: {others})")
            raise first

        if reset:
            self.store.reset()
        for ingested in tqdm(parsed, desc="index", unit="call", disable=not show):
            self.store.upsert_call(ingested)
        self.retriever.refresh()
        return parsed

    def delete_call(self, call_id: str) -> None:
        self.store.delete_call(call_id)
        self.retriever.refresh()

    def close(self) -> None:
        """Release the Chroma client (its SQLite handles, for an on-disk index)."""
        self.store.close()

    def calls(self) -> list[dict[str, Any]]:
        return self.store.calls()

    def retrieve(
        self, query: str, filters: Filters | None = None, top_k: int | None = None
    ) -> list[Hit]:
        return self.retriever.retrieve(query, filters=filters, top_k=top_k)


def open_index(settings: Settings, *, reset: bool = False) -> Index:
    """Open (or create) the index `settings` point at; `reset=True` drops it first (re-index).

    Raises `index.store.EmbeddingMismatchError` when the stored vectors come from another
    embedding model than `settings.embed_model`.
    """
    return Index(settings, reset=reset)
