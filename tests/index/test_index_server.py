"""The same ingest + retrieve against a real `chroma run` server over HTTP."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import SecretStr

from callqa.settings import BUNDLED_CALL, Settings
from index.retrieve import Filters
from index.service import open_index
from index.store import EmbeddingMismatchError, make_client, redact_url

pytestmark = pytest.mark.server


def test_ingest_and_retrieve_over_http(
    chroma_server: str, tmp_path: Path, make_settings: Callable[..., Settings], second_call: Path
) -> None:
    # A token is sent as a header; a server without auth ignores it.
    settings = make_settings(tmp_path, chroma_url=chroma_server, chroma_token=SecretStr("s3cret"))
    index = open_index(settings)
    calls = index.ingest([BUNDLED_CALL, second_call])
    assert not (tmp_path / "chroma").exists()  # nothing written locally
    assert index.store.count() == sum(len(c.chunks) for c in calls)

    hits = index.retrieve("How many 88VIP members?")
    assert any("50 million" in h.chunk.text for h in hits)
    zh = index.retrieve("云业务的营收增速")
    # The Chinese passage or its English counterparts (the query is expanded into English).
    assert any(
        "云业务的营收增速提升到 18%" in h.chunk.text or "revenue growth accelerat" in h.chunk.text
        for h in zh
    )

    second_id = calls[1].call.call_id
    only_second = index.retrieve("gross margin", filters=Filters(call_id=second_id))
    assert only_second and {h.chunk.call_id for h in only_second} == {second_id}

    # Idempotent over HTTP too, and a second client sees the same data.
    before = index.store.count()
    index.ingest([second_call])
    assert index.store.count() == before
    assert open_index(settings).calls() == index.calls()


def test_mismatched_model_on_server_is_an_error(
    chroma_server: str, tmp_path: Path, make_settings: Callable[..., Settings]
) -> None:
    settings = make_settings(tmp_path, chroma_url=chroma_server, collection="mismatch_test")
    client = make_client(settings)
    client.get_or_create_collection(
        "mismatch_test", metadata={"embed_model": "other-model", "embed_dim": 768}
    )
    with pytest.raises(EmbeddingMismatchError, match="other-model"):
        open_index(settings)


def test_mismatch_error_never_prints_url_credentials(
    chroma_server: str, tmp_path: Path, make_settings: Callable[..., Settings]
) -> None:
    with_creds = chroma_server.replace("http://", "http://admin:hunter2@")
    settings = make_settings(tmp_path, chroma_url=with_creds, collection="creds_test")
    make_client(settings).get_or_create_collection(
        "creds_test", metadata={"embed_model": "other-model", "embed_dim": 768}
    )
    with pytest.raises(EmbeddingMismatchError) as info:
        open_index(settings)
    assert chroma_server in str(info.value)
    assert "hunter2" not in str(info.value) and "admin" not in str(info.value)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://user:pa%40ss@chroma.internal:8000/x", "http://chroma.internal:8000/x"),
        ("https://token@chroma.internal", "https://chroma.internal"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        (None, ""),
    ],
)
def test_redact_url_strips_userinfo(url: str | None, shown: str) -> None:
    assert redact_url(url) == shown


def test_bad_chroma_url_is_rejected(tmp_path: Path, make_settings: Callable[..., Settings]) -> None:
    with pytest.raises(ValueError, match="chroma_url"):
        make_client(make_settings(tmp_path, chroma_url="localhost:8000"))
    with pytest.raises(ValueError) as info:  # no host: rejected, and the password not echoed
        make_client(make_settings(tmp_path, chroma_url="http://user:hunter2@"))
    assert "hunter2" not in str(info.value)
