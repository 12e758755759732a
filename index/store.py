"""`ChunkStore`: the chunks of every ingested call in Chroma, the single source of truth.

Two collections: `<collection>` holds one node per chunk (verbatim text, metadata, embedding
of `chunk.embed_text`); `<collection>_sentences` holds one node per sentence of each chunk
for best-sentence scoring. Both record the embedding model, so an index built with one model
is never queried with another.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlparse, urlsplit, urlunsplit

import chromadb
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.api.types import Metadata
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import NotFoundError
from llama_index.core.schema import BaseNode, MetadataMode, TextNode
from llama_index.core.vector_stores.types import MetadataFilters
from llama_index.core.vector_stores.utils import node_to_metadata_dict
from llama_index.vector_stores.chroma import ChromaVectorStore
from llama_index.vector_stores.chroma.base import MAX_CHUNK_SIZE, _to_chroma_filter, chunk_list

from callqa.settings import Settings
from index.embed import LocalEmbedding
from index.filters import SPEAKER_KEY, Filters, as_metadata_filters, speaker_key
from index.sentences import sentence_spans
from ingest.models import Chunk, IngestedCall

# What the chunks look like; raised when ingest changes them, so an index built by an older
# callqa is noticed (`ChunkStore.outdated`). 2: the operator's analyst introductions are chunks.
# 3: so are the host's instructions to callers on how to ask. 4: two executives under one
# speaker-line title are told apart by the unit the opening says one heads.
SCHEMA_VERSION = 4
SENTENCE_SUFFIX = "_sentences"
# Sentence nodes carry only what filters and scoring need, plus offsets into the chunk text.
SENTENCE_FILTER_KEYS = ("call_id", "role", "section")


class EmbeddingMismatchError(RuntimeError):
    """The stored vectors were made by another embedding model than the one configured."""


def redact_url(url: str | None) -> str:
    """`url` without any `user:password@` part, safe to print or log ("" for None)."""
    if not url:
        return ""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=host))


def make_client(settings: Settings) -> ClientAPI:
    """A Chroma client: HTTP when `chroma_url` is set, else on-disk under `data_dir/chroma`."""
    # Telemetry off: callqa never talks to the network on its own.
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ValueError(
                "chroma_url must look like http://host:8000, got "
                f"{redact_url(settings.chroma_url)!r}"
            )
        ssl = url.scheme == "https"
        headers: dict[str, str] = {}
        if settings.chroma_token is not None:
            token = settings.chroma_token.get_secret_value()
            # Chroma accepts either header depending on how the server's auth is configured.
            headers = {"Authorization": f"Bearer {token}", "X-Chroma-Token": token}
        return chromadb.HttpClient(
            host=url.hostname,
            port=url.port or (443 if ssl else 8000),
            ssl=ssl,
            headers=headers or None,
            settings=chroma_settings,
        )
    path = settings.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


def _nodes_metadata_excluded(node: TextNode) -> TextNode:
    """Keep metadata out of llama-index's text templates: node content = verbatim text."""
    keys = list(node.metadata)
    node.excluded_embed_metadata_keys = keys
    node.excluded_llm_metadata_keys = keys
    return node


def _upsert_nodes(collection: Collection, nodes: Sequence[BaseNode]) -> None:
    """`ChromaVectorStore.add`, but with Chroma's upsert: it only has `add`, which would keep
    the old record for an id that already exists, so replacing a call would need a delete first.
    """
    for batch in chunk_list(list(nodes), MAX_CHUNK_SIZE):
        metadatas: list[Metadata] = []
        for node in batch:
            meta = node_to_metadata_dict(node, remove_text=True, flat_metadata=True)
            metadatas.append({k: ("" if v is None else v) for k, v in meta.items()})
        embeddings: list[Sequence[float]] = [n.get_embedding() for n in batch]
        collection.upsert(
            ids=[n.node_id for n in batch],
            embeddings=embeddings,
            metadatas=metadatas,
            documents=[n.get_content(metadata_mode=MetadataMode.NONE) for n in batch],
        )


class ChunkStore:
    """Add, replace, list and delete the chunks of calls in Chroma."""

    def __init__(
        self,
        settings: Settings,
        embedder: LocalEmbedding,
        *,
        client: ClientAPI | None = None,
        reset: bool = False,
    ) -> None:
        self.settings = settings
        self.embedder = embedder
        self._owns_client = client is None
        self.client = client or make_client(settings)
        self.name = settings.collection
        if reset:
            self.drop()
        self._open_both()

    def _open_both(self) -> None:
        self.collection = self._open(self.name)
        stamped = (self.collection.metadata or {}).get("callqa_schema", 0)
        # Built by an older callqa: its chunks lack what ingest now adds until re-ingested.
        self.outdated = self.collection.count() > 0 and int(stamped) < SCHEMA_VERSION
        self.sentence_collection = self._open(self.name + SENTENCE_SUFFIX)
        self.vector_store = ChromaVectorStore(chroma_collection=self.collection)
        self.sentence_store = ChromaVectorStore(chroma_collection=self.sentence_collection)

    def reset(self) -> None:
        """Drop both collections and create them empty again (a full re-index)."""
        self.drop()
        self._open_both()

    def close(self) -> None:
        """Release the Chroma client we created (chromadb >= 1.x `Client.close()`: frees the
        shared on-disk System and its SQLite handles once its last client closes).

        A client passed in belongs to the caller and is left open; a chromadb without
        `close()` has nothing to release. Safe to call twice.
        """
        close = getattr(self.client, "close", None)
        if self._owns_client and callable(close):
            close()

    # --- collections -------------------------------------------------------
    def _expected_metadata(self) -> dict[str, Any]:
        return {
            "embed_model": self.embedder.model_name,
            "embed_dim": self.embedder.dim,
            "callqa_schema": SCHEMA_VERSION,
        }

    def _open(self, name: str) -> Collection:
        expected = self._expected_metadata()
        try:
            collection = self.client.get_collection(name, embedding_function=None)
        except (NotFoundError, ValueError):
            # embedding_function=None: vectors always come from our embedder, and Chroma's
            # default function would download a model if it were ever called.
            return self.client.get_or_create_collection(
                name,
                metadata=expected,
                configuration={"hnsw": {"space": "cosine"}},
                embedding_function=None,
            )
        found = collection.metadata or {}
        stored = (found.get("embed_model"), found.get("embed_dim"))
        if stored != (expected["embed_model"], expected["embed_dim"]):
            if stored == (None, None) and collection.count() == 0:
                collection.modify(metadata=expected)
                return collection
            where = (
                f"Chroma server {redact_url(self.settings.chroma_url)}"
                if self.settings.chroma_url
                else f"{self.settings.data_dir / 'chroma'}"
            )
            raise EmbeddingMismatchError(
                f"collection {name!r} in {where} was built with embed model "
                f"{stored[0]!r} (dim {stored[1]}), but embed_model is "
                f"{expected['embed_model']!r} (dim {expected['embed_dim']}). "
                "Re-ingest with the new model (`callqa ingest --reindex ...`, or delete the "
                "data dir / collection), or set CALLQA_EMBED_MODEL back to "
                f"{stored[0]!r}."
            )
        return collection

    def mark_current(self) -> None:
        """Stamp both collections with this version's schema (after every call was re-ingested)."""
        for collection in (self.collection, self.sentence_collection):
            collection.modify(metadata=self._expected_metadata())
        self.outdated = False

    def drop(self) -> None:
        """Delete both collections (for a full re-index with another embedding model)."""
        for name in (self.name, self.name + SENTENCE_SUFFIX):
            with contextlib.suppress(NotFoundError, ValueError):
                self.client.delete_collection(name)

    # --- writes ------------------------------------------------------------
    def upsert_call(self, ingested: IngestedCall) -> int:
        """Replace everything stored for this call with its new chunks; returns the chunk count.

        New ids are upserted first and only then are the call's stale ids deleted (sentences
        before chunks), so a failure midway, or a reader in between, never sees the call missing:
        at worst it sees old and new chunks side by side until the stale ones are gone.
        """
        call_id = ingested.call.call_id
        chunks = ingested.chunks
        chunk_nodes = self._chunk_nodes(chunks)
        sentence_nodes = self._sentence_nodes(chunks)
        _upsert_nodes(self.collection, chunk_nodes)
        _upsert_nodes(self.sentence_collection, sentence_nodes)
        keep = {n.node_id for n in chunk_nodes} | {n.node_id for n in sentence_nodes}
        for collection in (self.sentence_collection, self.collection):
            stored = collection.get(where={"call_id": call_id}, include=[])["ids"]
            stale = [i for i in stored if i not in keep]
            if stale:
                collection.delete(ids=stale)
        self._bump_revision()
        return len(chunk_nodes)

    def _chunk_nodes(self, chunks: Sequence[Chunk]) -> list[BaseNode]:
        vectors = self.embedder.encode([c.embed_text for c in chunks], is_query=False)
        nodes: list[BaseNode] = []
        for chunk, vector in zip(chunks, vectors, strict=True):
            meta: dict[str, Any] = chunk.metadata()
            meta[SPEAKER_KEY] = speaker_key(chunk.speaker)
            node = TextNode(id_=chunk.chunk_id, text=chunk.text, metadata=meta)
            node.embedding = vector.tolist()
            nodes.append(_nodes_metadata_excluded(node))
        return nodes

    def _sentence_nodes(self, chunks: Sequence[Chunk]) -> list[BaseNode]:
        items: list[tuple[Chunk, int, int, int]] = []
        for chunk in chunks:
            for i, (start, end) in enumerate(sentence_spans(chunk.text)):
                items.append((chunk, i, start, end))
        vectors = self.embedder.encode([c.text[s:e] for c, _, s, e in items], is_query=False)
        nodes: list[BaseNode] = []
        for (chunk, i, start, end), vector in zip(items, vectors, strict=True):
            meta: dict[str, Any] = {key: getattr(chunk, key) for key in SENTENCE_FILTER_KEYS}
            meta.update(
                {
                    SPEAKER_KEY: speaker_key(chunk.speaker),
                    "chunk_id": chunk.chunk_id,
                    "sent_start": start,
                    "sent_end": end,
                }
            )
            node = TextNode(id_=f"{chunk.chunk_id}#s{i}", text=chunk.text[start:end], metadata=meta)
            node.embedding = vector.tolist()
            nodes.append(_nodes_metadata_excluded(node))
        return nodes

    def delete_call(self, call_id: str) -> None:
        """Remove every chunk and sentence of one call (no-op when it is not stored)."""
        self._delete(call_id)
        self._bump_revision()

    def _delete(self, call_id: str) -> None:
        self.collection.delete(where={"call_id": call_id})
        self.sentence_collection.delete(where={"call_id": call_id})

    def _bump_revision(self) -> None:
        """Mark the collection as changed, so other processes' BM25 indexes know to rebuild."""
        self.collection.modify(metadata={**self._expected_metadata(), "revision": uuid.uuid4().hex})

    def revision(self) -> str | None:
        """The collection's change marker as stored now (None if it cannot be read)."""
        try:
            current = self.client.get_collection(self.name, embedding_function=None)
        except Exception:  # deleted or unreachable: the next real operation reports it
            return None
        return str((current.metadata or {}).get("revision", ""))

    # --- reads -------------------------------------------------------------
    def chunks(self, filters: Filters | MetadataFilters | None = None) -> list[Chunk]:
        """Stored chunks (optionally filtered), in transcript order per call."""
        mf = as_metadata_filters(filters)
        where = _to_chroma_filter(mf) if mf is not None else None
        result = self.collection.get(where=where, include=["documents", "metadatas"])
        documents = result["documents"] or []
        metadatas = result["metadatas"] or []
        chunks = [
            Chunk.from_metadata(text or "", dict(meta))
            for text, meta in zip(documents, metadatas, strict=True)
        ]
        chunks.sort(key=lambda c: (c.call_id, c.start, c.chunk_id))
        return chunks

    def get_chunks(self, chunk_ids: Sequence[str]) -> dict[str, Chunk]:
        if not chunk_ids:
            return {}
        result = self.collection.get(ids=list(chunk_ids), include=["documents", "metadatas"])
        return {
            cid: Chunk.from_metadata(text or "", dict(meta))
            for cid, text, meta in zip(
                result["ids"], result["documents"] or [], result["metadatas"] or [], strict=True
            )
        }

    def embeddings(self, chunk_ids: Sequence[str]) -> dict[str, list[float]]:
        """Stored chunk vectors by id (to score BM25-only hits densely)."""
        if not chunk_ids:
            return {}
        result = self.collection.get(ids=list(chunk_ids), include=["embeddings"])
        vectors = result["embeddings"]
        if vectors is None:
            return {}
        return {cid: list(vec) for cid, vec in zip(result["ids"], vectors, strict=True)}

    def calls(self) -> list[dict[str, Any]]:
        """One summary per stored call: call_id, company, title, date, period, chunks."""
        result = self.collection.get(include=["metadatas"])
        calls: dict[str, dict[str, Any]] = {}
        for meta in result["metadatas"] or []:
            call_id = str(meta["call_id"])
            entry = calls.setdefault(
                call_id,
                {
                    "call_id": call_id,
                    "company": meta.get("company", ""),
                    "title": meta.get("call_title", ""),
                    "date": meta.get("call_date", ""),
                    "period": meta.get("period", ""),
                    "chunks": 0,
                },
            )
            entry["chunks"] += 1
        return sorted(calls.values(), key=lambda c: (str(c["date"]), c["call_id"]))

    def count(self) -> int:
        return self.collection.count()
