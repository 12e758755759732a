"""Re-ingesting an edited transcript must not serve the old text to the offline answerer.

The edit keeps the chunk count, so only the store's revision marker can tell the versions apart.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from chain_testkit import make_settings

from chain.answer import Engine, answer

FIXTURE = Path(__file__).parents[1] / "ingest" / "fixtures" / "contoso-q3-fy2024-colon.txt"
QUESTION = "Who asked the first question?"  # answered from the cached chunks (metadata)
OLD, NEW = "pricing promotions", "pricing discounts"


@pytest.fixture(scope="module")
def small_engine(tmp_path_factory: pytest.TempPathFactory, engine: Engine) -> Engine:
    """An engine over a fresh index holding only the small fixture call (shares the embedder)."""
    from index.service import open_index

    settings = make_settings(tmp_path_factory.mktemp("reingest") / "data")
    return Engine(settings, index=open_index(settings))


def test_reingest_with_same_chunk_count_serves_new_text(
    small_engine: Engine, tmp_path: Path
) -> None:
    call = tmp_path / FIXTURE.name
    call.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    small_engine.index.ingest([call])
    before = answer(QUESTION, engine=small_engine)
    assert OLD in before.answer
    count = small_engine.index.store.count()

    call.write_text(FIXTURE.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    small_engine.index.ingest([call])  # straight into the index: no explicit engine.refresh()
    assert small_engine.index.store.count() == count

    after = answer(QUESTION, engine=small_engine)
    assert NEW in after.answer
    assert OLD not in after.answer
    assert any(NEW in c.quote for c in after.citations)


def test_one_revision_read_per_answer(
    small_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine reads the store's change marker once per answer (the retriever checks its own)."""
    call = tmp_path / FIXTURE.name
    call.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    small_engine.index.ingest([call])
    store = small_engine.index.store
    real = store.revision
    engine_reads: list[str] = []

    def revision() -> str | None:
        caller = sys._getframe(1).f_code.co_filename
        if Path(caller).parts[-2:] == ("chain", "answer.py"):
            engine_reads.append(caller)
        return real()

    monkeypatch.setattr(store, "revision", revision)
    for question in (QUESTION, "What did Mei Lin Chen say about operating margin?"):
        engine_reads.clear()
        result = answer(question, engine=small_engine)
        assert result.citations
        assert len(engine_reads) == 1
