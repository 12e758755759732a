"""The one stemmer BM25 and the answer step share."""

from __future__ import annotations

import pytest

from chain.text import content_terms
from index.keyword import tokenize
from index.stem import stem


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("members", "member"),
        ("losses", "loss"),
        ("businesses", "business"),
        ("reduction", "decline"),
        ("shrank", "decline"),
        ("companies", "company"),
        ("Alibaba's", "alibaba"),
        ("grew", "grow"),
        ("increased", "grow"),
        ("declining", "decline"),
        ("buybacks", "buyback"),
        ("repurchased", "buyback"),
        ("business", "business"),
        ("status", "status"),
        ("planning", "plan"),
        ("GPUs", "gpu"),  # (an acronym's plural; "status", "STATUS" keep their s)
        ("APIs", "api"),
        ("STATUS", "status"),
        ("AIDC's", "aidc"),
    ],
)
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_bm25_and_the_answer_step_meet_on_the_same_terms() -> None:
    text = "Revenue increased 18% as the repurchased shares lowered the share count"
    words = [t for t in content_terms(text) if not t[0].isdigit()]
    assert words == ["revenue", "grow", "buyback", "lower", "count"]
    assert set(words) <= set(tokenize(text))
    assert tokenize("leasing GPUs") == content_terms("leasing GPU") == ["leas", "gpu"]
    assert "18" in tokenize(text)  # numbers are kept as they are


def test_plurals_of_words_in_ie_keep_their_ie() -> None:
    assert stem("movies") == stem("movie") == "movie"
    assert stem("companies") == "company"
