"""Chunking rules on small transcripts: budget, sentence splits, one language per chunk."""

from __future__ import annotations

from ingest import IngestedCall, ingest_text
from ingest.parse import sentence_spans, word_count

HEADER = "Acme Corp - Earnings Call - Q2 2024\nJuly 30, 2024\n"


def _ingest(body: str, chunk_words: int | None = None) -> IngestedCall:
    got = ingest_text(HEADER + body, "acme.txt", chunk_words=chunk_words)
    for c in got.chunks:
        assert got.text[c.start : c.end] == c.text == c.text.strip()
    return got


def test_long_paragraph_splits_on_sentences_within_budget() -> None:
    sentence = "Our subscription revenue grew in every region this quarter and churn fell again. "
    got = _ingest("Jane Roe (CEO)\n" + sentence * 30 + "\n", chunk_words=40)
    assert len(got.chunks) > 5
    for c in got.chunks:
        assert word_count(c.text) <= 40
        assert c.text.endswith("again.")


def test_a_sentence_pointing_back_stays_with_the_one_it_points_to() -> None:
    """ "... decreased by 12%. / This is the result of ...": cut apart, the figure's chunk
    has no cause and the cause's chunk no figure. (Filler, fact and cause are 26, 15 and 13
    words: by budget alone the cut would fall between fact and cause.)"""
    filler = "Our subscription revenue grew in every region this quarter and churn fell. " * 2
    fact = "Revenue from logistics decreased by 12%, and its margin increased by 5 points. "
    cause = "This is the result of the increasing integration of logistics into retail. "
    got = _ingest(f"Jane Roe (CEO)\n{filler}{fact}{cause}{filler}\n", chunk_words=45)
    assert len(got.chunks) > 1
    assert any(fact.strip() in c.text and cause.strip() in c.text for c in got.chunks)


def test_small_paragraphs_merge_until_the_budget() -> None:
    paras = "\n".join(f"Point {i}: margins improved by {i} basis points." for i in range(6))
    got = _ingest("Jane Roe (CEO)\n" + paras + "\n")
    assert len(got.chunks) == 1
    assert got.chunks[0].text.count("\n") == 5


def test_chinese_splits_on_chinese_full_stops_and_never_mixes_with_english() -> None:
    zh = "我们本季度的云业务收入增长了百分之十八，主要由人工智能需求带动。" * 12
    en = "Our cloud revenue grew 18%, driven mainly by AI demand. " * 3
    got = _ingest(f"Jane Roe (CEO)\n{zh}\n{en.strip()}\n", chunk_words=60)
    langs = [c.lang for c in got.chunks]
    assert langs[-1] == "en" and set(langs[:-1]) == {"zh"} and len(langs) > 2
    for c in got.chunks[:-1]:
        assert c.text.endswith("。")
        assert word_count(c.text) <= 60
    assert len({c.pair_id for c in got.chunks}) == 1 and got.chunks[0].pair_id


def test_run_on_sentence_is_cut() -> None:
    run_on = ", ".join(f"segment {i} grew" for i in range(200))
    got = _ingest(f"Jane Roe (CEO)\n{run_on}\n", chunk_words=50)
    assert len(got.chunks) > 4
    assert all(word_count(c.text) <= 100 for c in got.chunks)


def test_chunks_never_cross_speakers() -> None:
    got = _ingest("Jane Roe (CEO)\nShort one.\nJohn Poe (CFO)\nShort two.\n")
    assert [(c.speaker, c.text) for c in got.chunks] == [
        ("Jane Roe", "Short one."),
        ("John Poe", "Short two."),
    ]


def test_sentence_spans_keep_abbreviations_and_initials() -> None:
    text = "Thanks to J.P. Morgan and Mr. Lee. Revenue was 18.5% higher. 好的。谢谢！Done"
    spans = [text[a:b] for a, b in sentence_spans(text, 0, len(text))]
    assert spans == [
        "Thanks to J.P. Morgan and Mr. Lee.",
        "Revenue was 18.5% higher.",
        "好的。",
        "谢谢！",
        "Done",
    ]
