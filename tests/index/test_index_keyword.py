"""BM25 tokenisation and search, including Chinese (which whitespace tokenisers cannot do)."""

from __future__ import annotations

from callqa.settings import BUNDLED_CALL
from index.filters import Filters
from index.keyword import KeywordIndex, cjk_share, queue_words, tokenize
from index.sentences import sentence_spans
from ingest import ingest_file


def test_tokenize_english_numbers_and_stopwords() -> None:
    tokens = tokenize("How fast did the Cloud revenue grow? It grew 18% to RMB 30.1 billion.")
    assert "18" in tokens and "30.1" in tokens
    assert "cloud" in tokens and "revenue" in tokens
    assert not {"how", "did", "the", "it", "to"} & set(tokens)


def test_tokenize_light_plural_normalisation() -> None:
    assert tokenize("dividends members") == tokenize("dividend member")


def test_tokenize_chinese_as_bigrams_and_unigrams() -> None:
    tokens = tokenize("云业务的营收增速")
    assert "营收" in tokens and "增速" in tokens and "云" in tokens
    assert cjk_share("云业务的营收增速") == 1.0
    assert cjk_share("cloud 云") < 0.5


def test_chinese_query_finds_the_chinese_passage() -> None:
    chunks = ingest_file(BUNDLED_CALL).chunks
    index = KeywordIndex(chunks)
    hits = index.search("云业务的营收增速", top_k=5)
    assert hits and hits[0][1] > 0
    assert any("云业务的营收增速提升到 18%" in chunk.text for chunk, _ in hits)


def test_search_filters_after_scoring_and_speaker_is_searchable() -> None:
    chunks = ingest_file(BUNDLED_CALL).chunks
    index = KeywordIndex(chunks)
    hits = index.search("Alex Zhou monetization", top_k=5)
    assert hits[0][0].speaker == "Alex Zhou" or hits[0][0].asked_by.startswith("Alex Zhou")
    only_toby = index.search("cloud revenue", filters=Filters(speaker="TOBY XU"), top_k=10)
    assert only_toby and {c.speaker for c, _ in only_toby} == {"Toby Xu"}


def test_empty_index_and_unknown_words_score_nothing() -> None:
    assert KeywordIndex([]).search("anything") == []
    chunks = ingest_file(BUNDLED_CALL).chunks
    assert KeywordIndex(chunks).search("zzyzx qwertyuiop") == []


def test_sentence_spans_are_offsets_and_merge_short_pieces() -> None:
    text = (
        "Cloud revenue grew 18% this quarter, driven by AI demand. Thank you. "
        "The dividend was raised to $1.05 per ADS this year.  Yes."
    )
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Cloud revenue grew 18% this quarter, driven by AI demand.",
        "Thank you. The dividend was raised to $1.05 per ADS this year.  Yes.",
    ]
    zh = (
        "好,第一个问题我来回答吧。我们现在就上个季度而言,云业务的营收增速提升到 18%。"
        "其实最主要的是还是受于 AI 相关的需求的这个带动。"
    )
    pieces = [zh[s:e] for s, e in sentence_spans(zh, min_chars=10)]
    assert pieces[0].endswith("。") and len(pieces) == 3


def test_queue_words_mark_each_analysts_opening_chunk() -> None:
    chunks = ingest_file(BUNDLED_CALL).chunks
    words = queue_words(chunks)
    analysts = [c for c in chunks if c.role == "analyst"]
    marked = [c for c in analysts if c.chunk_id in words]
    assert marked and len(marked) < len(analysts)  # openings only
    assert all(c.role == "analyst" for c in chunks if c.chunk_id in words)
    firsts = {c.speaker for c in marked if "first" in words[c.chunk_id].split()}
    lasts = {c.speaker for c in marked if "last" in words[c.chunk_id].split()}
    assert len(firsts) == 1 and len(lasts) == 1 and firsts != lasts


def test_a_chinese_query_leaves_out_function_word_grams() -> None:
    """ "这个是在哪里说的" would match every chatty Chinese answer; the index keeps every gram."""
    query = tokenize("Qwen3 这个是在哪里说的", query=True)
    assert "qwen3" in query or "qwen" in query
    assert not {"这个", "是在", "的", "说的"} & set(query)
    assert {"这个", "是在"} <= set(tokenize("这个是在哪里说的"))
    assert {"优酷", "收入"} <= set(tokenize("优酷的收入是多少", query=True))
    # ... but not content words with a character that is a function word elsewhere
    assert {"成本", "资本", "即时", "问答", "现在"} <= set(
        tokenize("成本 资本 即时 问答 现在", query=True)
    )
