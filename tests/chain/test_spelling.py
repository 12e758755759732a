"""Typo and case repair of typed questions (chain/spelling.py), on a small hand-made call."""

from __future__ import annotations

import pytest

from chain.spelling import CallWords, call_words, correction, english_words, mend

CALL = [
    "Alibaba Cloud's Adjusted EBITDA margin decreased by 1.9 percentage points.",
    "Revenue from Local Service Group grew 10%, driven by Amap and Ele.me.",
    "Revenue from Taobao and Tmall Group was RMB 101.4 billion. Alibaba services revenue grew.",
    "Our analysts asked about profitability. AIDC is profitable. We summarized the quarter.",
    "AIDC AIDC Alibaba Alibaba Alibaba quarters quarters",
]


@pytest.fixture(scope="module")
def words() -> CallWords:
    return call_words(CALL)


def test_the_english_vocabulary_comes_from_the_shipped_tokenizer() -> None:
    vocab = english_words()
    assert len(vocab) > 15_000
    assert {"clarify", "kindly", "analyst"} <= vocab
    assert "margn" not in vocab


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("aliababa", "alibaba"),  # an extra letter
        ("alibba", "alibaba"),  # a missing one
        ("margn", "margin"),
        ("servces", "services"),
        ("profitble", "profitable"),
        ("quaters", "quarters"),
        ("analist", "analyst"),  # no neighbour in the call: its one English neighbour
    ],
)
def test_a_typo_is_mended_to_the_calls_word(words: CallWords, typed: str, meant: str) -> None:
    assert correction(typed, words.counts) == meant


@pytest.mark.parametrize(
    "word",
    [
        "clarify",  # an English word, though "clarity" is one edit away
        "summarize",  # an inflection of the call's "summarized", not a typo
        "earns",  # an inflection of an English word the vocabulary lists only as "earn"
        "adopters",  # another form of "adopted" (two edits away)
        "capex",  # a glossary word, not "cape" with an x
        "Pinduoduo",  # a name the call never mentions stays, to be refused
        "Temu",
        "qtr",  # too short to guess
    ],
)
def test_words_that_are_not_typos_stay(words: CallWords, word: str) -> None:
    assert correction(word, words.counts) is None


def test_mend_repairs_typos_and_capitalises_names_typed_in_lower_case(words: CallWords) -> None:
    assert (
        mend("aliababa cloud ebitda margn - up or down vs last qtr?", words)
        == "Alibaba Cloud EBITDA margin - up or down vs last qtr?"
    )
    assert mend("how much did local servces group lose?", words) == (
        "how much did Local Service Group lose?"
    )
    assert mend("taobao tmall group revenue", words) == "Taobao and Tmall Group revenue"
    # (as typed when not all lower case; and earlier turns are only respelt)
    assert mend("LOCAL services", words) == "LOCAL services"
    assert mend("how is aidc's margn", words, recase=False) == "how is aidc's margin"


def test_an_empty_vocabulary_changes_nothing() -> None:
    assert mend("aliababa margn", CallWords()) == "aliababa margn"
