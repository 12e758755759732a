"""An index built by an older callqa (older chunking) is brought up to date, or flagged.

Simulated on a real on-disk Chroma: the schema stamp is set back to 1 and the chunks an older
ingest did not make (the operator's analyst introductions) are deleted.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from chain_testkit import make_settings

from chain.answer import Engine
from index.service import open_index
from index.store import SCHEMA_VERSION

FIXTURES = Path(__file__).parents[1] / "ingest" / "fixtures"
SMALL_CALL = FIXTURES / "contoso-q3-fy2024-colon.txt"  # has operator introductions
OTHER_CALL = FIXTURES / "northwind-q2-2024-dash.txt"


def _make_outdated(data_dir: Path, calls: list[Path]) -> None:
    index = open_index(make_settings(data_dir, bundled_call=SMALL_CALL))
    index.ingest(calls)
    store = index.store
    store.collection.delete(where={"role": "operator"})
    old = {**(store.collection.metadata or {}), "callqa_schema": 1}
    store.collection.modify(metadata=old)
    index.close()


def _operator_chunks(engine: Engine) -> int:
    return len(engine.index.store.collection.get(where={"role": "operator"})["ids"])


def test_an_outdated_index_of_the_bundled_call_is_reindexed(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _make_outdated(data_dir, [SMALL_CALL])
    settings = make_settings(data_dir, bundled_call=SMALL_CALL)
    engine = Engine(settings, index=open_index(settings))
    assert engine.index.store.outdated
    assert _operator_chunks(engine) == 0

    engine.ensure_ready()

    assert _operator_chunks(engine) > 0
    assert not engine.index.store.outdated
    engine.index.close()
    reopened = open_index(settings)  # the new stamp is stored, not only remembered
    assert not reopened.store.outdated
    assert reopened.store.collection.metadata["callqa_schema"] == SCHEMA_VERSION
    reopened.close()


def test_an_outdated_index_with_other_calls_is_flagged_not_changed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data_dir = tmp_path / "data"
    _make_outdated(data_dir, [SMALL_CALL, OTHER_CALL])
    settings = make_settings(data_dir, bundled_call=SMALL_CALL)
    engine = Engine(settings, index=open_index(settings))

    with caplog.at_level(logging.WARNING, logger="callqa.chain"):
        engine.ensure_ready()

    assert "callqa ingest --reindex" in caplog.text
    assert engine.index.store.outdated
    assert _operator_chunks(engine) == 0  # nothing re-ingested behind the user's back
    engine.index.close()
