"""The bundled Alibaba call: real structure read off the real file."""

from __future__ import annotations

from collections import defaultdict

import pytest

from callqa.settings import BUNDLED_CALL
from ingest import IngestedCall, ingest_file
from ingest.chunk import DEFAULT_CHUNK_WORDS
from ingest.parse import detect_lang, detect_layout, word_count

# exchange -> (analyst, firm, executives who answered, in order)
EXCHANGES = {
    1: ("Gary Yu", "Morgan Stanley", ["Eddie Wu", "Jiang Fan"]),
    2: ("Alex Zhou", "J.P. Morgan", ["Jiang Fan"]),
    3: ("Ronald Keung", "Goldman Sachs", ["Eddie Wu"]),
    4: ("Kenneth Fong", "UBS", ["Jiang Fan"]),
    5: ("Joyce Chu", "Bank of America", ["Jiang Fan"]),
    6: ("Alicia Yap", "Citigroup", ["Toby Xu"]),
}


@pytest.fixture(scope="module")
def call() -> IngestedCall:
    return ingest_file(BUNDLED_CALL)


def test_layout_is_name_paren_title(call: IngestedCall) -> None:
    assert detect_layout(call.text) == "paren"


def test_header_metadata(call: IngestedCall) -> None:
    c = call.call
    assert c.call_id == "alibaba-group-2025-05-15"
    assert c.company == "Alibaba Group"
    assert c.title == "Alibaba Group - Earnings Call - Q4 2025"
    assert c.date == "2025-05-15"
    assert c.period == "Q4 2025"
    assert c.source == "alibaba-fy2025-q4-earnings-call.txt"
    for chunk in call.chunks:
        assert chunk.call_id == c.call_id
        assert (chunk.company, chunk.call_title, chunk.call_date, chunk.period) == (
            "Alibaba Group",
            c.title,
            "2025-05-15",
            "Q4 2025",
        )


def test_overrides_win() -> None:
    got = ingest_file(BUNDLED_CALL, company="Alibaba", date="May 16, 2025", period="FY2025 Q4")
    assert got.call.company == "Alibaba"
    assert got.call.date == "2025-05-16"
    assert got.call.period == "FY2025 Q4"
    assert got.call.call_id == "alibaba-2025-05-16"
    assert {c.period for c in got.chunks} == {"FY2025 Q4"}
    assert all(c.chunk_id.startswith("alibaba-2025-05-16:") for c in got.chunks)


def test_speakers_roles_and_affiliations(call: IngestedCall) -> None:
    people = {(t.speaker, t.title, t.role, t.affiliation) for t in call.turns}
    assert people == {
        ("Lydia Liu", "Head of Investor Relations", "ir", "Alibaba Group"),
        ("Operator", "participant", "operator", ""),
        ("Eddie Wu", "CEO", "executive", "Alibaba Group"),
        ("Toby Xu", "CFO", "executive", "Alibaba Group"),
        ("Jiang Fan", "CEO, Alibaba E-commerce Business Group", "executive", "Alibaba Group"),
        ("Gary Yu", "Equity Research Analyst", "analyst", "Morgan Stanley"),
        ("Alex Zhou", "Analyst", "analyst", "J.P. Morgan"),
        ("Ronald Keung", "Stock Analyst", "analyst", "Goldman Sachs"),
        ("Kenneth Fong", "Head of China Internet Research", "analyst", "UBS"),
        ("Joyce Chu", "Research Analyst", "analyst", "Bank of America"),
        (
            "Alicia Yap",
            "Managing Director and Senior Equity Analyst",
            "analyst",
            "Citigroup",
        ),
    }


def test_section_boundary(call: IngestedCall) -> None:
    sections = [t.section for t in call.turns]
    first_qa = sections.index("qa")
    assert sections == ["prepared"] * first_qa + ["qa"] * (len(sections) - first_qa)
    last_prepared, opener = call.turns[first_qa - 1], call.turns[first_qa]
    assert last_prepared.speaker == "Lydia Liu"
    assert (
        "Operator, please start Q&A session" in call.text[last_prepared.start : last_prepared.end]
    )
    assert opener.speaker == "Operator"
    assert "press star one" in call.text[opener.start : opener.end]
    assert [t.speaker for t in call.turns[:first_qa]] == [
        "Lydia Liu",
        "Eddie Wu",
        "Toby Xu",
        "Lydia Liu",
    ]
    assert all(t.exchange is None for t in call.turns[:first_qa])


def test_exchanges_who_asked_and_who_answered(call: IngestedCall) -> None:
    askers: dict[int, list[tuple[str, str]]] = defaultdict(list)
    answerers: dict[int, list[str]] = defaultdict(list)
    for t in call.turns:
        if t.section != "qa":
            continue
        assert t.exchange is not None
        if t.role == "analyst":
            askers[t.exchange].append((t.speaker, t.affiliation))
        elif t.role == "executive":
            answerers[t.exchange].append(t.speaker)
    assert {n: v[0] for n, v in askers.items()} == {n: (a, f) for n, (a, f, _) in EXCHANGES.items()}
    assert dict(answerers) == {n: who for n, (_, _, who) in EXCHANGES.items()}


def test_operator_introduction_belongs_to_the_exchange_it_opens(call: IngestedCall) -> None:
    introductions = 0
    for t in call.turns:
        body = call.text[t.start : t.end]
        if t.speaker == "Operator" and "question comes from" in body:
            introductions += 1
            analyst = EXCHANGES[t.exchange or 0][0]
            assert analyst in body
    assert introductions  # the loop must have checked something


def test_asked_by_on_answers_and_firm_on_questions(call: IngestedCall) -> None:
    qa = [c for c in call.chunks if c.section == "qa"]
    assert qa
    for c in qa:
        assert c.exchange in EXCHANGES
        analyst, firm, _ = EXCHANGES[c.exchange]
        if c.role == "executive":
            assert c.asked_by == f"{analyst} ({firm})"
        elif c.role == "analyst":
            assert (c.speaker, c.affiliation, c.asked_by) == (analyst, firm, "")
    assert all(c.asked_by == "" for c in call.chunks if c.section == "prepared")


def test_offsets_slice_back_exactly(call: IngestedCall) -> None:
    text = call.text
    for t in call.turns:
        body = text[t.start : t.end]
        assert body and body == body.strip()
        for p in t.paragraphs:
            assert t.start <= p.start < p.end <= t.end
            para = text[p.start : p.end]
            assert para == para.strip() and not para.startswith("[Foreign")
    for c in call.chunks:
        assert text[c.start : c.end] == c.text
        assert c.text == c.text.strip()


def test_no_chunk_spans_speakers_languages_or_pairs(call: IngestedCall) -> None:
    turns = {t.index: t for t in call.turns}
    for c in call.chunks:
        turn = turns[c.turn_index]
        assert turn.start <= c.start < c.end <= turn.end
        assert (c.speaker, c.role, c.section, c.exchange) == (
            turn.speaker,
            turn.role,
            turn.section,
            turn.exchange,
        )
        covered = [p for p in turn.paragraphs if p.start < c.end and c.start < p.end]
        assert covered
        assert {(p.lang, p.pair_id) for p in covered} == {(c.lang, c.pair_id)}
        assert detect_lang(c.text) == c.lang
        # Never more than a whole paragraph or sentence past the budget.
        assert word_count(c.text) <= 2 * DEFAULT_CHUNK_WORDS


def test_chunks_are_about_the_budget(call: IngestedCall) -> None:
    sizes = [word_count(c.text) for c in call.chunks if c.lang == "en"]
    assert max(sizes) <= DEFAULT_CHUNK_WORDS * 1.5
    assert sum(sizes) / len(sizes) > DEFAULT_CHUNK_WORDS / 2


def test_zh_en_pairing(call: IngestedCall) -> None:
    eddie = next(t for t in call.turns if t.speaker == "Eddie Wu" and t.exchange == 1)
    paras = {call.text[p.start : p.end]: p for p in eddie.paragraphs}
    zh = next(p for s, p in paras.items() if "云业务的营收增速提升到 18%" in s)
    en = next(p for s, p in paras.items() if "our cloud revenue grew by 18% year-over-year" in s)
    assert zh.lang == "zh" and en.lang == "en"
    assert zh.pair_id == en.pair_id == f"{call.call.call_id}:t{eddie.index}:p0"
    # Eddie's second zh paragraph ("我再补充一点吧") pairs with "Just to add to that" only.
    add_zh = next(p for s, p in paras.items() if s.startswith("我再补充一点吧"))
    add_en = next(p for s, p in paras.items() if s.startswith("Just to add to that"))
    assert add_zh.pair_id == add_en.pair_id != zh.pair_id
    # The chunks carry the pairing too, one language per chunk.
    zh_chunk = next(c for c in call.chunks if "云业务的营收增速提升到 18%" in c.text)
    en_chunk = next(c for c in call.chunks if "our cloud revenue grew by 18%" in c.text)
    assert (zh_chunk.lang, en_chunk.lang) == ("zh", "en")
    assert zh_chunk.pair_id == en_chunk.pair_id == zh.pair_id


def test_question_asked_in_english_then_chinese_is_paired(call: IngestedCall) -> None:
    kenneth = next(t for t in call.turns if t.speaker == "Kenneth Fong")
    assert [p.lang for p in kenneth.paragraphs] == ["en", "zh"]
    assert kenneth.paragraphs[0].pair_id == kenneth.paragraphs[1].pair_id != ""


def test_marker_only_paragraph_is_not_content(call: IngestedCall) -> None:
    jiang = next(t for t in call.turns if t.speaker == "Jiang Fan" and t.exchange == 1)
    assert call.text[jiang.start : jiang.end].startswith("[Foreign Language]\n")
    first = jiang.paragraphs[0]
    assert call.text[first.start : first.end].startswith("Thank you. This is Jiang Fan")
    assert all(p.pair_id == "" and p.lang == "en" for p in jiang.paragraphs)
    assert not any(c.text.startswith("[Foreign") for c in call.chunks)


def test_procedural_host_turns_kept_as_turns_but_not_chunks(call: IngestedCall) -> None:
    short = [t for t in call.turns if call.text[t.start : t.end] == "Next question, please."]
    assert len(short) == 3
    chunked = {c.turn_index for c in call.chunks}
    assert not chunked & {t.index for t in short}
    assert not any("You may now disconnect" in c.text for c in call.chunks)
    # From the operator's opening of the Q&A, only how to ask and who asks first are kept,
    # each a chunk of its own.
    operator = [c.text for c in call.chunks if c.role == "operator" and c.exchange == 1]
    assert operator == [
        "If you wish to ask a question, please press star one on your telephone and wait for "
        "your name to be announced. If you wish to cancel your request, please press star two. "
        "If you're on a speakerphone, please pick up the handset to ask your question. To give "
        "more people the opportunity to ask questions, please keep yourself to no more than one "
        "question at a time.",
        "Your first question comes from Gary Yu with Morgan Stanley.",
    ]
    # Lydia's real content (safe harbor, translation note) stays retrievable.
    assert any("safe harbor" in c.text and c.speaker == "Lydia Liu" for c in call.chunks)


def test_chunk_ids_are_deterministic_and_unique(call: IngestedCall) -> None:
    again = ingest_file(BUNDLED_CALL)
    ids = [c.chunk_id for c in call.chunks]
    assert ids == [c.chunk_id for c in again.chunks]
    assert len(set(ids)) == len(ids)
    assert again.chunks == call.chunks
    first = call.chunks[0]
    assert first.chunk_id == f"{first.call_id}:{first.turn_index:03d}:{first.start}"


def test_metadata_round_trip(call: IngestedCall) -> None:
    from ingest.models import Chunk

    for c in call.chunks[:5] + call.chunks[-5:]:
        meta = c.metadata()
        assert all(isinstance(v, str | int) for v in meta.values())
        assert Chunk.from_metadata(c.text, meta) == c


def test_analyst_introductions_are_chunks_of_their_own(call: IngestedCall) -> None:
    """The host's "Your next question comes from X with FIRM." is the transcript's evidence
    for the analyst's firm: kept as a one-sentence chunk in that analyst's exchange."""
    intros = [c for c in call.chunks if c.role == "operator" and "question comes from" in c.text]
    assert [c.text for c in intros][:2] == [
        "Your first question comes from Gary Yu with Morgan Stanley.",
        "Your next question comes from Alex Zhou with J.P. Morgan.",
    ]
    assert [c.exchange for c in intros] == list(range(1, len(intros) + 1))
    for c in intros:
        assert call.text[c.start : c.end] == c.text
        assert c.section == "qa"
        analyst = next(t for t in call.turns if t.role == "analyst" and t.exchange == c.exchange)
        assert analyst.speaker in c.text and analyst.affiliation in c.text


def test_caller_instructions_are_recognised() -> None:
    from ingest.parse import caller_instructions

    assert caller_instructions("Please press star one on your telephone.")
    assert caller_instructions("Please keep yourself to no more than one question at a time.")
    assert not caller_instructions("Your next question comes from Alex Zhou with J.P. Morgan.")
    assert not caller_instructions("We had two questions about the star performance of Qwen.")
