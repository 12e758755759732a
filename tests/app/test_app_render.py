"""The UI's own rendering: citation links, source cards, the mode badge, auth parsing.

These use hand-built `Answer` objects; the browser tests cover the same code on real answers.
"""

from __future__ import annotations

import pytest

import app
from callqa.settings import Settings
from chain.types import Answer, Citation

CHUNK = "Thank you. Cloud revenue grew 18% this quarter. <b>AI</b> demand & more."
QUOTE = "Cloud revenue grew 18% this quarter."
CHUNK_START = 1000


def citation(n: int = 1, **overrides: object) -> Citation:
    start = CHUNK_START + CHUNK.index(QUOTE)
    fields: dict[str, object] = {
        "n": n,
        "chunk_id": f"c{n}",
        "call_id": "alibaba-q4",
        "speaker": "Toby Xu",
        "title": "CFO",
        "role": "executive",
        "affiliation": "",
        "section": "prepared",
        "quote": QUOTE,
        "start": start,
        "end": start + len(QUOTE),
        "text": CHUNK,
        "chunk_start": CHUNK_START,
    }
    fields.update(overrides)
    return Citation.model_validate(fields)


def answer(**overrides: object) -> Answer:
    fields: dict[str, object] = {
        "question": "How fast did cloud grow?",
        "standalone_question": "How fast did cloud grow?",
        "answer": "Cloud revenue grew 18% [1].",
        "citations": [citation()],
    }
    fields.update(overrides)
    return Answer.model_validate(fields)


def test_citation_markers_become_links_to_cards() -> None:
    html = app.linkify_citations("Grew 18% [1] and [2, 3]; margins [4][5].")
    for n in range(1, 6):
        assert f'<a class="cq-cite" href="#cite-{n}">[{n}]</a>' in html


def test_only_known_citations_are_linked_and_text_is_escaped() -> None:
    html = app.linkify_citations("<script>x</script> see [1] and [9]", known={1})
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="#cite-1"' in html
    assert "#cite-9" not in html and "[9]" in html


def test_older_answers_lose_their_links() -> None:
    linked = app.linkify_citations("Grew 18% [1][2].")
    assert app.unlink_citations(linked) == "Grew 18% [1][2]."


def test_card_marks_the_quote_inside_its_chunk_and_escapes_transcript_text() -> None:
    card = app.render_card([citation()], {"alibaba-q4": "Alibaba Q4 2025"})
    assert 'id="cite-1"' in card
    assert f"<mark>{QUOTE}</mark>" in card
    assert "&lt;b&gt;AI&lt;/b&gt; demand &amp; more." in card
    assert "Toby Xu" in card and "CFO" in card
    assert "Prepared remarks" in card and "Alibaba Q4 2025" in card


def test_card_shows_analyst_firm_and_qa_section() -> None:
    cit = citation(speaker="Gary Yu", title="Analyst", affiliation="Morgan Stanley", section="qa")
    card = app.render_card([cit], {})
    assert "Analyst, Morgan Stanley" in card
    assert "Q&amp;A" in card
    assert "alibaba-q4" in card  # unknown call: its id is shown


def test_card_falls_back_to_finding_the_quote_when_offsets_are_off() -> None:
    card = app.render_card([citation(start=0, end=5)], {})
    assert f"<mark>{QUOTE}</mark>" in card


def test_quotes_from_one_passage_share_one_card_with_every_quote_marked() -> None:
    second = "<b>AI</b> demand & more."
    at = CHUNK_START + CHUNK.index(second)
    first, other = citation(1, chunk_id="c"), citation(2, chunk_id="elsewhere")
    same = citation(3, chunk_id="c", quote=second, start=at, end=at + len(second))
    groups = app.passage_groups([first, other, same])
    assert [[c.n for c in g] for g in groups] == [[1, 3], [2]]
    panel = app.render_sources(answer(citations=[first, other, same]), {})
    assert panel.count('class="cq-card"') == 2
    # [3] still has an anchor to scroll to, inside card 1, and its number is on that card.
    assert 'id="cite-3"' in panel and 'data-n="1 3"' in panel
    assert panel.index('id="cite-3"') < panel.index('id="cite-2"')
    card = app.render_card(groups[0], {})
    assert f"<mark>{QUOTE}</mark>" in card
    assert "<mark>&lt;b&gt;AI&lt;/b&gt; demand &amp; more.</mark>" in card
    # each highlight says which marker it is (browser check: "which one is [3]?")
    assert f'<sup class="cq-mn">[1]</sup><mark>{QUOTE}</mark>' in card
    assert '<sup class="cq-mn">[3]</sup><mark>&lt;b&gt;AI' in card
    single = app.render_card([citation()], {})
    assert "cq-mn" not in single  # (one quote: its card's number says it)


def test_overlapping_quotes_are_marked_once() -> None:
    inner = "grew 18%"
    at = CHUNK_START + CHUNK.index(inner)
    cits = [citation(1), citation(2, chunk_id="c1", quote=inner, start=at, end=at + len(inner))]
    card = app.render_card(cits, {})
    assert card.count("<mark>") == 1 and f"<mark>{QUOTE}</mark>" in card
    assert f'<sup class="cq-mn">[1][2]</sup><mark>{QUOTE}</mark>' in card


def test_sources_panel_states() -> None:
    assert "appear here" in app.render_sources(None, {})
    assert "No sources" in app.render_sources(answer(citations=[]), {})
    both = app.render_sources(answer(citations=[citation(1), citation(2)]), {})
    assert 'id="cite-1"' in both and 'id="cite-2"' in both


def test_error_answer_is_shown_as_the_message() -> None:
    text = app.render_answer(answer(error="Please type a question.", refused=True, answer=""))
    assert "Please type a question." in text


def test_badge_shows_mode_and_fallback_notice() -> None:
    offline = Settings(llm_mode="offline")
    assert "Offline extractive" in app.render_header(offline)
    llm_answer = answer(mode="llm", model="gpt-4o-mini")
    assert "gpt-4o-mini" in app.render_header(offline, llm_answer)
    fell_back = answer(mode="offline", fallback_reason="LLM timed out after 30 s")
    header = app.render_header(offline, fell_back)
    assert "Offline extractive" in header and "LLM timed out after 30 s" in header


def test_parse_auth() -> None:
    assert app.parse_auth(None) is None
    assert app.parse_auth(" ") is None
    assert app.parse_auth("ana:s3cret, bo:pa:ss") == [("ana", "s3cret"), ("bo", "pa:ss")]
    with pytest.raises(ValueError, match="user:pass"):
        app.parse_auth("ana")
