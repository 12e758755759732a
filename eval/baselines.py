"""Retrieval baselines on the same gold set with the same embedding model as the product.

Setups (each ranks a top-5 list per question; R@1/3/5 and MRR are computed on it):

* product          - the passages `answer()` retrieved (from results.jsonl)
* hybrid retriever - `index.retrieve` alone (the product's retriever without the answer chain)
* BM25 only        - the product's BM25 half (`KeywordIndex`) over the product's chunks
* dense only       - the product's dense half: `HybridRetriever` with bm25_weight=0
* naive top-2      - llama-index defaults: `SentenceSplitter()` over the whole transcript,
                     in-memory `VectorStoreIndex`, vector-only, top-2 (k=2 in the table)
* naive (budget)   - the same index with top-k chosen so its mean retrieved characters are
                     closest to the product's

The first four query with the product's standalone question (so follow-ups are resolved the
same way and only retrieval differs); the naive setups get the raw question, as a plain
llama-index app would. "R@k" is recall within the k passages a setup hands to the LLM.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from eval.gold import GoldItem
from eval.score import retrieval_scores

RANK_DEPTH = 5
NAIVE_TOP_K = 2
MAX_BUDGET_K = 10

Ranker = Callable[[str], list[str]]


def ensure_call(engine: Any, transcript: Path) -> str:
    """The call_id of `transcript`, ingesting it through the engine when it is not indexed."""
    from ingest import ingest_file

    engine_ready = getattr(engine, "ensure_ready", None)
    if callable(engine_ready):
        engine_ready()
    call_id = ingest_file(transcript).call.call_id
    if call_id not in {c["call_id"] for c in engine.index.calls()}:
        engine.ingest([transcript])
    return call_id


def setup_row(
    name: str,
    rankings: Sequence[Sequence[str]],
    items: Sequence[GoldItem],
    context_k: int,
) -> dict[str, Any]:
    """One table row from ranked passage texts (aligned with `items`)."""
    per_q: list[dict[str, float]] = []
    ctx_recall: list[float] = []
    chars5: list[int] = []
    ctx_chars: list[int] = []
    for item, ranked in zip(items, rankings, strict=True):
        chars5.append(sum(len(t) for t in ranked[:RANK_DEPTH]))
        ctx_chars.append(sum(len(t) for t in ranked[:context_k]))
        per_q.append(retrieval_scores(ranked[:RANK_DEPTH], item.evidence, item.mode))
        ctx = retrieval_scores(ranked[:context_k], item.evidence, item.mode, ks=(context_k,))
        ctx_recall.append(ctx[f"r@{context_k}"])
    row: dict[str, Any] = {
        "setup": name,
        "context_k": context_k,
        "context_chars": float(np.mean(ctx_chars)) if ctx_chars else None,
        "chars_top5": float(np.mean(chars5)) if chars5 else None,
        "n": len(items),
    }
    for key in ("r@1", "r@3", "r@5", "mrr"):
        row[key] = float(np.mean([q[key] for q in per_q])) if per_q else None
    row["r@ctx"] = float(np.mean(ctx_recall)) if ctx_recall else None
    return row


def naive_index(transcript_text: str, embedder: Any) -> Any:
    """llama-index defaults: SentenceSplitter() nodes in an in-memory VectorStoreIndex."""
    from llama_index.core import Document, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter

    nodes = SentenceSplitter().get_nodes_from_documents([Document(text=transcript_text)])
    return VectorStoreIndex(nodes, embed_model=embedder, show_progress=False)


def budget_k(rankings: Sequence[Sequence[str]], target_chars: float, max_k: int) -> int:
    """The k whose mean top-k characters is closest to `target_chars` (smallest k on ties)."""
    best_k, best_gap = 1, float("inf")
    for k in range(1, max_k + 1):
        mean = float(np.mean([sum(len(t) for t in r[:k]) for r in rankings])) if rankings else 0.0
        gap = abs(mean - target_chars)
        if gap < best_gap:
            best_k, best_gap = k, gap
    return best_k


def run_baselines(
    items: Sequence[GoldItem],
    results: Sequence[Mapping[str, Any]],
    *,
    engine: Any,
    transcript: Path,
    call_id: str | None = None,
) -> tuple[list[dict[str, Any]], list[str]]:
    """The baselines table (rows as dicts) and notes, over answerable items with evidence."""
    from index.retrieve import Filters, HybridRetriever

    by_id = {str(r.get("id")): r for r in results}
    pairs = [(it, by_id.get(it.id, {})) for it in items if it.is_answerable and it.evidence]
    if not pairs:
        return [], ["no answerable questions with evidence: nothing to compare"]
    gold = [it for it, _ in pairs]
    queries = [str(r.get("standalone_question") or it.question) for it, r in pairs]
    raw = [it.question for it in gold]

    index = engine.index
    settings = engine.settings
    if call_id is None:  # callers that already know it skip re-parsing the transcript
        call_id = ensure_call(engine, transcript)
    filters = Filters(call_id=call_id)
    top_k = settings.top_k

    product = [[str(p.get("text", "")) for p in (r.get("retrieved") or [])] for _, r in pairs]
    hybrid = [
        [h.chunk.text for h in index.retrieve(q, filters=filters, top_k=RANK_DEPTH)]
        for q in queries
    ]
    keyword = index.retriever.keyword
    bm25 = [
        [c.text for c, _ in keyword.search(q, filters=filters, top_k=RANK_DEPTH)] for q in queries
    ]
    dense_retriever = HybridRetriever(
        index.store, index.embedder, settings.model_copy(update={"bm25_weight": 0.0})
    )
    dense = [
        [h.chunk.text for h in dense_retriever.retrieve(q, filters=filters, top_k=RANK_DEPTH)]
        for q in queries
    ]

    naive = naive_index(transcript.read_text(encoding="utf-8"), index.embedder)
    n_nodes = len(naive.docstore.docs)
    depth = min(max(RANK_DEPTH, MAX_BUDGET_K), n_nodes)
    retriever = naive.as_retriever(similarity_top_k=depth)
    naive_ranked = [[n.node.get_content() for n in retriever.retrieve(q)] for q in raw]

    product_row = setup_row("product (answer)", product, gold, top_k)
    target = product_row["context_chars"] or 0.0
    k_budget = budget_k(naive_ranked, target, min(MAX_BUDGET_K, n_nodes))
    rows = [
        product_row,
        setup_row("hybrid retriever", hybrid, gold, top_k),
        setup_row("BM25 only", bm25, gold, top_k),
        setup_row("dense only", dense, gold, top_k),
        setup_row("naive llama-index top-2", naive_ranked, gold, NAIVE_TOP_K),
        setup_row(f"naive llama-index top-{k_budget} (budget)", naive_ranked, gold, k_budget),
    ]
    notes = [
        f"{len(gold)} answerable questions with evidence; embedding model {settings.embed_model}.",
        f"Product chunks: {len(index.store.chunks(filters))} for call {call_id}; naive "
        f"SentenceSplitter() nodes: {n_nodes}.",
        f"Naive budget k={k_budget}: mean chars closest to the product's "
        f"{target:,.0f} characters in context.",
        "BM25/dense/hybrid rows use the product's standalone question; naive rows the raw "
        "question (no history handling).",
    ]
    return rows, notes
