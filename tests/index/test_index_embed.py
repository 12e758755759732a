"""The embedders: shapes, unit norm, batch == single, and that similar texts score higher."""

from __future__ import annotations

import numpy as np
import pytest

from index.embed import (
    EmbedderUnavailableError,
    LocalEmbedding,
    available_embedders,
    get_embedder,
)

CLOUD = "Alibaba Cloud's revenue growth accelerated to 18% this quarter."
VIP = "The number of 88 VIP members continued to increase, surpassing 50 million."
DIVIDEND = "Our board of directors has approved an annual dividend of $1.05 per ADS."


def _e5() -> LocalEmbedding:
    try:
        return get_embedder("e5-small-q4")
    except EmbedderUnavailableError as exc:
        pytest.skip(str(exc))


def test_minilm_vectors_are_384_dim_unit_and_cached() -> None:
    model = get_embedder("minilm-int8")
    assert model is get_embedder("minilm-int8")
    vectors = model.encode([CLOUD, VIP, DIVIDEND, ""], is_query=False)
    assert vectors.shape == (4, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_minilm_batch_equals_single() -> None:
    model = get_embedder("minilm-int8")
    batch = model.encode([CLOUD, VIP, "short"], is_query=False)
    for text, row in zip([CLOUD, VIP, "short"], batch, strict=True):
        assert np.allclose(model.encode_one(text, is_query=False), row, atol=1e-5)


def test_minilm_llama_index_interface_ranks_the_right_passage() -> None:
    model = get_embedder("minilm-int8")
    query = np.array(model.get_query_embedding("How fast did cloud revenue grow?"))
    passages = np.array(model.get_text_embedding_batch([CLOUD, VIP, DIVIDEND]))
    scores = passages @ query
    assert int(np.argmax(scores)) == 0
    assert len(model.get_text_embedding(VIP)) == 384


def test_minilm_long_text_is_truncated_not_rejected() -> None:
    model = get_embedder("minilm-int8")
    vector = model.encode_one(" ".join([CLOUD] * 200), is_query=False)
    assert vector.shape == (384,)


def test_unknown_model_name_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown embed model 'nope'"):
        get_embedder("nope")


def test_available_embedders_lists_minilm() -> None:
    assert "minilm-int8" in available_embedders()


def test_e5_is_multilingual() -> None:
    model = _e5()
    assert model.multilingual and model.dim == 384
    query = model.encode_one("阿里云的收入增长了多少?", is_query=True)
    assert np.isclose(np.linalg.norm(query), 1.0, atol=1e-4)
    passages = model.encode([CLOUD, DIVIDEND], is_query=False)
    scores = passages @ query
    assert scores[0] > scores[1]


def test_minilm_reuses_one_thread_pool_across_calls() -> None:
    """encode() must not spawn (and join) a new pool per call: one shared, CPU-sized pool."""
    import threading

    from index import embed

    model = get_embedder("minilm-int8")
    model.encode([CLOUD, VIP, DIVIDEND], is_query=False)
    first = {t.ident for t in threading.enumerate() if t.name.startswith("callqa-embed")}
    model.encode([CLOUD, VIP, DIVIDEND, CLOUD], is_query=True)
    second = {t.ident for t in threading.enumerate() if t.name.startswith("callqa-embed")}
    assert first and first <= second
    assert len(second) <= embed.MINILM_WORKERS
    assert embed._encode_pool() is embed._encode_pool()
