"""ChunkStore on a real on-disk Chroma: round trips, call listing, idempotency, model mismatch."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from callqa.settings import Settings
from index.embed import EmbedderUnavailableError, get_embedder
from index.filters import Filters
from index.service import Index, open_index
from index.store import ChunkStore, EmbeddingMismatchError, make_client
from ingest.models import IngestedCall


def test_chunks_round_trip_exactly(bundled_index: Index, ingested: dict[str, IngestedCall]) -> None:
    call = ingested["bundled"]
    stored = bundled_index.store.chunks(Filters(call_id=call.call.call_id))
    assert sorted(stored, key=lambda c: c.chunk_id) == sorted(call.chunks, key=lambda c: c.chunk_id)
    for chunk in stored:  # verbatim text: offsets still point into the source
        assert call.text[chunk.start : chunk.end] == chunk.text


def test_calls_lists_both_calls_with_metadata(
    bundled_index: Index, ingested: dict[str, IngestedCall]
) -> None:
    calls = {c["call_id"]: c for c in bundled_index.calls()}
    bundled = ingested["bundled"].call
    second = ingested["second"].call
    assert set(calls) == {bundled.call_id, second.call_id}
    entry = calls[bundled.call_id]
    assert entry["company"] == bundled.company
    assert entry["title"] == bundled.title
    assert entry["date"] == bundled.date
    assert entry["period"] == bundled.period
    assert entry["chunks"] == len(ingested["bundled"].chunks)
    assert bundled_index.store.count() == sum(c["chunks"] for c in calls.values())


def test_reingest_is_idempotent(bundled_index: Index, second_call: Path) -> None:
    before = bundled_index.store.count()
    sentences_before = bundled_index.store.sentence_collection.count()
    bundled_index.ingest([second_call])  # the small call: same code path, a fraction of the time
    assert bundled_index.store.count() == before
    assert bundled_index.store.sentence_collection.count() == sentences_before
    assert len(bundled_index.retriever.keyword) == before


def test_reopening_sees_the_same_data(bundled_index: Index) -> None:
    again = open_index(bundled_index.settings)
    assert again.store.count() == bundled_index.store.count()
    assert again.calls() == bundled_index.calls()


def test_delete_call_and_add_back(
    tmp_path: Path, make_settings: Callable[..., Settings], second_call: Path
) -> None:
    index = open_index(make_settings(tmp_path))
    [second] = index.ingest([second_call])
    assert index.store.count() == len(second.chunks)
    assert index.retrieve("gross margin Suzhou plant")
    index.delete_call(second.call.call_id)
    assert index.store.count() == 0
    assert index.store.sentence_collection.count() == 0
    assert index.calls() == []
    assert index.retrieve("gross margin Suzhou plant") == []
    index.store.delete_call("never-ingested")  # no-op, no error


def test_embedding_model_mismatch_is_an_error(bundled_index: Index) -> None:
    try:
        e5 = get_embedder("e5-small-q4")
    except EmbedderUnavailableError as exc:
        pytest.skip(str(exc))
    settings = bundled_index.settings.model_copy(update={"embed_model": "e5-small-q4"})
    expected = r"built with embed model 'minilm-int8'.*embed_model is 'e5-small-q4'.*--reindex"
    with pytest.raises(EmbeddingMismatchError, match=expected) as info:
        ChunkStore(settings, e5)
    assert "e5-small-q4" in str(info.value)
    with pytest.raises(EmbeddingMismatchError):
        open_index(settings)
    # Nothing was changed by the failed open.
    assert open_index(bundled_index.settings).store.count() == bundled_index.store.count()


def test_mismatch_message_names_both_models_and_the_fix(
    tmp_path: Path, make_settings: Callable[..., Settings]
) -> None:
    """Runs without the optional e5 package: a collection stamped with another model."""
    settings = make_settings(tmp_path)
    client = make_client(settings)
    client.get_or_create_collection(
        settings.collection, metadata={"embed_model": "other-model", "embed_dim": 768}
    )
    expected = (
        r"built with embed model 'other-model' \(dim 768\), but embed_model is "
        r"'minilm-int8' \(dim 384\)\. Re-ingest .*callqa ingest --reindex"
    )
    with pytest.raises(EmbeddingMismatchError, match=expected):
        open_index(settings)


def test_reset_drops_and_recreates(
    tmp_path: Path, make_settings: Callable[..., Settings], second_call: Path
) -> None:
    settings = make_settings(tmp_path)
    index = open_index(settings)
    index.ingest([second_call])
    assert open_index(settings, reset=True).store.count() == 0


def test_ingest_overrides_reach_the_metadata(
    tmp_path: Path, make_settings: Callable[..., Settings], second_call: Path
) -> None:
    index = open_index(make_settings(tmp_path))
    [call] = index.ingest([second_call], company="Contoso Override", period="Q3 FY24", title=None)
    assert call.call.company == "Contoso Override"
    [entry] = index.calls()
    assert entry["company"] == "Contoso Override" and entry["period"] == "Q3 FY24"
    assert all(c.company == "Contoso Override" for c in index.store.chunks())


def test_bad_file_writes_nothing_and_names_the_file(
    tmp_path: Path, make_settings: Callable[..., Settings], second_call: Path
) -> None:
    from ingest.errors import TranscriptError

    index = open_index(make_settings(tmp_path / "data"))
    empty = tmp_path / "empty-call.txt"
    empty.write_text("   \n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    with pytest.raises(TranscriptError) as info:
        index.ingest([second_call, empty, missing])
    assert str(empty) in str(info.value) and str(missing) in str(info.value)
    assert index.store.count() == 0


def test_progress_bar_path_for_many_files(
    tmp_path: Path, make_settings: Callable[..., Settings], second_call: Path
) -> None:
    index = open_index(make_settings(tmp_path / "data"))
    copies = []
    for i in range(4):
        path = tmp_path / f"contoso-copy-{i}.txt"
        path.write_text(second_call.read_text(encoding="utf-8"), encoding="utf-8")
        copies.append(path)
    calls = index.ingest(copies)
    assert len(calls) == 4
    # Same header -> same call id: each copy replaces the last, never duplicates.
    assert len({c.call.call_id for c in calls}) == 1
    assert index.store.count() == len(calls[0].chunks)


def test_another_writer_is_picked_up_by_bm25(
    tmp_path: Path, make_settings: Callable[..., Settings], second_call: Path
) -> None:
    """A server's index sees calls that `callqa ingest` (another Index) added meanwhile."""
    settings = make_settings(tmp_path)
    reader = open_index(settings)
    reader.retriever.revision_check_interval = 0  # check on every query (default: every 2 s)
    assert len(reader.retriever.keyword) == 0
    writer = open_index(settings)
    [call] = writer.ingest([second_call])
    hits = reader.retrieve("Suzhou plant gross margin basis points")
    assert len(reader.retriever.keyword) == len(call.chunks)
    assert hits and hits[0].bm25 is not None and hits[0].bm25 > 0
    writer.delete_call(call.call.call_id)
    assert reader.retrieve("Suzhou plant gross margin") == []


def test_reingest_with_other_chunking_removes_stale_ids(
    tmp_path: Path, make_settings: Callable[..., Settings], second_call: Path
) -> None:
    index = open_index(make_settings(tmp_path))
    [small] = index.ingest([second_call], chunk_words=40)
    [normal] = index.ingest([second_call])
    assert len(small.chunks) > len(normal.chunks)
    assert index.store.count() == len(normal.chunks)
    stored = index.store.chunks()
    assert sorted(c.chunk_id for c in stored) == sorted(c.chunk_id for c in normal.chunks)
    assert {c.text for c in stored} == {c.text for c in normal.chunks}
    sentence_ids = index.store.sentence_collection.get(include=["metadatas"])
    parents = {str(m["chunk_id"]) for m in sentence_ids["metadatas"] or []}
    assert parents == {c.chunk_id for c in normal.chunks}


def test_failed_reingest_never_leaves_the_call_missing(
    tmp_path: Path, make_settings: Callable[..., Settings], second_call: Path
) -> None:
    """A Chroma error midway (here: the sentence collection vanished) keeps the call's chunks."""
    index = open_index(make_settings(tmp_path))
    [call] = index.ingest([second_call])
    index.store.client.delete_collection(index.store.name + "_sentences")
    with pytest.raises(Exception):  # noqa: B017 - whatever Chroma raises for a gone collection
        index.ingest([second_call])
    assert index.store.count() == len(call.chunks)
    assert [c["call_id"] for c in index.calls()] == [call.call.call_id]


def test_reindex_with_a_bad_file_keeps_the_old_index(
    tmp_path: Path, make_settings: Callable[..., Settings], second_call: Path
) -> None:
    """`callqa ingest --reindex bad.txt`: the parse fails before anything is dropped."""
    from ingest.errors import TranscriptError

    index = open_index(make_settings(tmp_path / "data"))
    [call] = index.ingest([second_call])
    bad = tmp_path / "bad.txt"
    bad.write_text("   \n", encoding="utf-8")
    with pytest.raises(TranscriptError, match="bad.txt"):
        index.ingest([second_call, bad], reset=True)
    assert index.store.count() == len(call.chunks)
    assert index.calls()[0]["call_id"] == call.call.call_id
    assert index.retrieve("gross margin Suzhou plant")


def test_reindex_replaces_everything(
    tmp_path: Path, make_settings: Callable[..., Settings], second_call: Path
) -> None:
    index = open_index(make_settings(tmp_path))
    [other] = index.ingest([second_call], company="Other Co")
    [call] = index.ingest([second_call], reset=True)
    assert other.call.call_id != call.call.call_id
    assert [c["call_id"] for c in index.calls()] == [call.call.call_id]
    assert index.store.count() == len(call.chunks)
    hits = index.retrieve("gross margin Suzhou plant")  # served from the new collections
    assert hits and {h.chunk.call_id for h in hits} == {call.call.call_id}


def test_close_releases_the_client_and_is_idempotent(
    tmp_path: Path, make_settings: Callable[..., Settings], second_call: Path
) -> None:
    settings = make_settings(tmp_path)
    index = open_index(settings)
    index.ingest([second_call])
    index.close()
    assert getattr(index.store.client, "_closed", True)  # chromadb >= 1.x tracks it
    index.close()  # second call: no-op
    again = open_index(settings)  # the on-disk index opens fine after a close
    assert again.store.count() > 0
    again.close()
