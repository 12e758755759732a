"""Retrieval benchmark (not a test): speed and retrieval quality per available embed model.

For each model it prints: model load time, ingest time of the bundled call into a fresh
on-disk Chroma (chunks + sentence vectors), chunks/s, query latency p50/p95 over the gold
questions (or a built-in list), and R@1 / R@5 / MRR@10 of the hybrid retriever against the
gold evidence (a chunk is relevant when it contains an evidence quote verbatim).

    python scripts/benchmark.py [--models minilm-int8 e5-small-q4] [--queries 30]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a plain script from a checkout
    sys.path.insert(0, str(ROOT))

from callqa.settings import BUNDLED_CALL, Settings  # noqa: E402
from index.embed import EMBEDDERS, EmbedderUnavailableError, get_embedder  # noqa: E402
from index.retrieve import HybridRetriever  # noqa: E402
from index.service import Index, open_index  # noqa: E402

GOLD = ROOT / "eval" / "gold" / "alibaba-fy2025-q4.jsonl"
FALLBACK_QUERIES = [
    "How fast did cloud revenue grow?",
    "How many 88VIP members?",
    "What dividend did the board approve?",
    "How much was returned to shareholders through buybacks?",
    "Who asked about monetization rate?",
    "云业务的营收增速",
]


def _squash(text: str) -> str:
    return " ".join(text.split())


def load_gold() -> list[dict[str, Any]]:
    if not GOLD.exists():
        return []
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def quality(index: Index, retriever: HybridRetriever, gold: list[dict[str, Any]]) -> str:
    """R@1, R@5, MRR@10 over answerable single-turn gold questions whose evidence is in a chunk."""
    stored = [(c.chunk_id, _squash(c.text)) for c in index.store.chunks()]
    r1 = r5 = 0
    rr = 0.0
    n = 0
    for row in gold:
        if not row.get("answerable") or row.get("history") or not row.get("evidence"):
            continue
        evidence = [_squash(e) for e in row["evidence"]]
        relevant = {cid for cid, text in stored if any(e in text for e in evidence)}
        if not relevant:
            continue
        n += 1
        hits = retriever.retrieve(row["question"], top_k=10)
        ranks = [i for i, h in enumerate(hits, 1) if h.chunk.chunk_id in relevant]
        if ranks:
            r1 += ranks[0] == 1
            r5 += ranks[0] <= 5
            rr += 1 / ranks[0]
    if not n:
        return "no gold questions"
    return f"R@1 {r1 / n:.3f}  R@5 {r5 / n:.3f}  MRR@10 {rr / n:.3f}  (n={n})"


def bench_model(name: str, queries: list[str], gold: list[dict[str, Any]]) -> None:
    print(f"\n== {name}")
    started = time.perf_counter()
    try:
        embedder = get_embedder(name)
        embedder.encode(["warm-up"], is_query=True)
    except EmbedderUnavailableError as exc:
        print(f"   skipped: {exc}")
        return
    print(f"   model load            {time.perf_counter() - started:8.2f} s")

    with tempfile.TemporaryDirectory(prefix="callqa-bench-") as tmp:
        settings = Settings(_env_file=None, data_dir=Path(tmp), embed_model=name)  # type: ignore[call-arg,arg-type]
        index = open_index(settings)
        started = time.perf_counter()
        [call] = index.ingest([BUNDLED_CALL])
        seconds = time.perf_counter() - started
        n_chunks = len(call.chunks)
        n_sentences = index.store.sentence_collection.count()
        print(
            f"   ingest bundled call   {seconds:8.2f} s  "
            f"({n_chunks} chunks + {n_sentences} sentence vectors)"
        )
        print(f"   throughput            {n_chunks / seconds:8.1f} chunks/s")

        for query in queries[:3]:  # warm caches (HNSW, BM25, ORT arenas) before timing
            index.retrieve(query)
        latencies = []
        for query in queries:
            started = time.perf_counter()
            index.retrieve(query)
            latencies.append((time.perf_counter() - started) * 1000)
        print(
            f"   query latency         p50 {percentile(latencies, 50):6.1f} ms   "
            f"p95 {percentile(latencies, 95):6.1f} ms   "
            f"mean {statistics.fmean(latencies):6.1f} ms  over {len(latencies)} queries"
        )
        if gold:
            for mode in ("chunk", "max"):
                retriever = HybridRetriever(index.store, index.embedder, settings, dense_mode=mode)
                label = "best-sentence (max)" if mode == "max" else "chunk vectors only "
                print(f"   hybrid, {label}  {quality(index, retriever, gold)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="*", default=list(EMBEDDERS))
    parser.add_argument("--queries", type=int, default=30)
    args = parser.parse_args(argv)

    gold = load_gold()
    queries = [str(row["question"]) for row in gold if not row.get("history")] or FALLBACK_QUERIES
    queries = queries[: args.queries]
    print(f"callqa retrieval benchmark: {BUNDLED_CALL.name}, {len(queries)} timed queries")
    for name in args.models:
        bench_model(name, queries, gold)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
