"""BM25 keyword search over chunks, for English and Chinese alike.

Why not llama-index's `BM25Retriever`: it tokenises with an English stemmer and whitespace
splitting, so a Chinese paragraph (no spaces) becomes a handful of giant "words" and a Chinese
question matches nothing. Here CJK runs become character bigrams (plus unigrams), Latin text
becomes lowercased, lightly normalised words, and bm25s does the scoring. The index is built
in memory from `ChunkStore.chunks()` (Chroma stays the only store) and rebuilt after ingest.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence

import bm25s
import numpy as np
from bm25s.stopwords import STOPWORDS_EN

from index.cjk import ZH_STOP
from index.filters import Filters
from index.mandarin import simplified
from index.stem import stem
from ingest.models import Chunk

# bm25s sets its own logger to DEBUG when imported ("Building index from tokens" on every
# refresh): quiet it here, where it is imported, whatever the front end configured before.
logging.getLogger("bm25s").setLevel(logging.WARNING)

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(rf"[{_CJK}]")
_TOKEN = re.compile(rf"[{_CJK}]+|[a-zA-Z]+|[0-9]+(?:\.[0-9]+)?")

# bm25s' Lucene list plus question words, pronouns and call filler ("thank", "question"),
# which would otherwise make every Q&A turn look relevant.
STOPWORDS = frozenset(STOPWORDS_EN) | {
    "about",
    "after",
    "all",
    "also",
    "am",
    "any",
    "can",
    "could",
    "did",
    "do",
    "does",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "his",
    "how",
    "i",
    "its",
    "just",
    "me",
    "more",
    "my",
    "our",
    "ours",
    "she",
    "so",
    "some",
    "than",
    "them",
    "those",
    "us",
    "very",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "who",
    "whom",
    "why",
    "would",
    "you",
    "your",
    "s",
    "t",
    "re",
    "ve",
    "ll",
    "d",
    "m",
    "been",
    "being",
    "up",
    "out",
    "over",
    "thank",
    "thanks",
    "please",
    "question",
    "questions",
    "go",
    "ahead",
    "okay",
    "ok",
    "much",
    "many",
    "say",
    "said",
    "tell",
}


def cjk_share(text: str) -> float:
    """Fraction of the non-space characters that are CJK ideographs."""
    chars = [ch for ch in text if not ch.isspace()]
    if not chars:
        return 0.0
    return sum(1 for ch in chars if _CJK_CHAR.match(ch)) / len(chars)


# Characters that are function words wherever they stand (unlike 本, 时, 在 or 有, which are
# also parts of content words: 成本, 即时, 现在, 有效).
_ZH_FUNCTION_CHARS = frozenset("的了吗呢吧啊是这那哪谁么什怎")


def _zh_function(gram: str) -> bool:
    """A unigram or bigram that is, or contains, a function word ("这个", "是在", "的")."""
    return gram in ZH_STOP or any(ch in _ZH_FUNCTION_CHARS for ch in gram)


def tokenize(text: str, *, query: bool = False) -> list[str]:
    """Lowercased stemmed words without stopwords, numbers ("18%" -> "18"), CJK bigrams+unigrams.

    A query's CJK grams that are or contain function words are left out: "这个是在哪里说的"
    would otherwise match every chatty Chinese answer on "这个" and "是在"."""
    # (Not lowercased before stemming: an acronym's plural, "GPUs", is known by its case.)
    text = unicodedata.normalize("NFKC", text)
    tokens: list[str] = []
    for piece in _TOKEN.findall(text):
        if piece[0] >= "\u3400":  # a CJK run, in simplified characters (雲業務 ~ 云业务)
            piece = simplified(piece)
            grams = [*piece, *(piece[i : i + 2] for i in range(len(piece) - 1))]
            tokens.extend(g for g in grams if not (query and _zh_function(g)))
        elif piece.lower() not in STOPWORDS:
            tokens.append(piece if piece.isdigit() else stem(piece))
    return tokens


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def queue_words(chunks: Sequence[Chunk]) -> dict[str, str]:
    """Chunk id -> where its analyst stood in the Q&A queue ("analyst question second last").

    Why: "who asked the second / last question" and "which firm was the fourth analyst from"
    name a position that no transcript sentence spells out once host turns are dropped; the
    words let BM25 find that analyst's own passages (spk questions on the bundled gold set).
    """
    exchanges: dict[str, list[int]] = {}
    for c in chunks:
        if c.role == "analyst" and c.exchange is not None:
            exchanges.setdefault(c.call_id, []).append(c.exchange)
    order = {call: sorted(set(ex)) for call, ex in exchanges.items()}
    words: dict[str, str] = {}
    seen: set[tuple[str, int, str]] = set()
    for c in sorted(chunks, key=lambda c: (c.call_id, c.start)):
        # Only the opening chunk of the question (per language): it says what is being asked.
        if c.role != "analyst" or c.exchange is None or (c.call_id, c.exchange, c.lang) in seen:
            continue
        seen.add((c.call_id, c.exchange, c.lang))
        queue = order[c.call_id]
        pos = queue.index(c.exchange)
        parts = ["analyst question", _ORDINALS[pos] if pos < len(_ORDINALS) else ""]
        if pos == len(queue) - 1:
            parts.append("last")
        words[c.chunk_id] = " ".join(p for p in parts if p)
    return words


class KeywordIndex:
    """BM25 over `chunk.embed_text` (header + text, so speaker names and firms are searchable),
    plus each analyst's place in the Q&A queue (`queue_words`)."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self.chunks = list(chunks)
        self._bm25: bm25s.BM25 | None = None
        extra = queue_words(self.chunks)
        corpus = [tokenize(f"{c.embed_text}\n{extra.get(c.chunk_id, '')}") for c in self.chunks]
        if any(corpus):
            self._bm25 = bm25s.BM25()
            self._bm25.index(corpus, show_progress=False)

    def __len__(self) -> int:
        return len(self.chunks)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk (zeros when no query token is in the index)."""
        out = np.zeros(len(self.chunks), dtype=np.float32)
        if self._bm25 is None:
            return out
        vocab = self._bm25.vocab_dict
        ids = [vocab[t] for t in tokenize(query, query=True) if t in vocab]
        if not ids:
            return out
        return np.asarray(self._bm25.get_scores_from_ids(ids), dtype=np.float32)

    def search(
        self,
        query: str,
        *,
        filters: Filters | None = None,
        top_k: int = 30,
        scores: np.ndarray | None = None,
    ) -> list[tuple[Chunk, float]]:
        """Best chunks with a positive score, filtered after scoring (IDF stays corpus-wide).

        `scores` may pass in `self.scores(query)` when the caller already computed it.
        """
        if scores is None:
            scores = self.scores(query)
        order = np.argsort(-scores, kind="stable")
        hits: list[tuple[Chunk, float]] = []
        for i in order:
            score = float(scores[i])
            if score <= 0 or len(hits) >= top_k:
                break
            chunk = self.chunks[i]
            if filters is None or filters.matches(chunk):
                hits.append((chunk, score))
        return hits
