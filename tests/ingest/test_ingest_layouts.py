"""The "Name: text" and "Name -- Title" layouts, on small fixtures written for callqa."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest import IngestedCall, TranscriptError, ingest_file, ingest_text
from ingest.parse import detect_layout, is_name

FIXTURES = Path(__file__).parent / "fixtures"
DASH = FIXTURES / "northwind-q2-2024-dash.txt"
COLON = FIXTURES / "contoso-q3-fy2024-colon.txt"


@pytest.fixture(scope="module")
def dash() -> IngestedCall:
    return ingest_file(DASH)


@pytest.fixture(scope="module")
def colon() -> IngestedCall:
    return ingest_file(COLON)


def _people(call: IngestedCall) -> set[tuple[str, str, str, str]]:
    return {(t.speaker, t.title, t.role, t.affiliation) for t in call.turns}


def _check_offsets(call: IngestedCall) -> None:
    for t in call.turns:
        assert call.text[t.start : t.end] == call.text[t.start : t.end].strip() != ""
    for c in call.chunks:
        assert call.text[c.start : c.end] == c.text


# ---------------------------------------------------------------- "Name -- Title" layout


def test_dash_layout_detected(dash: IngestedCall) -> None:
    assert detect_layout(dash.text) == "dash"
    _check_offsets(dash)


def test_dash_header(dash: IngestedCall) -> None:
    c = dash.call
    assert (c.company, c.date, c.period) == ("Northwind Robotics", "2024-08-01", "Q2 2024")
    # The period-ending date in the header is not the call date.
    assert c.call_id == "northwind-robotics-2024-08-01"
    assert c.title.startswith("Northwind Robotics (NWRB) Q2 2024")


def test_dash_speakers_roles_and_firms(dash: IngestedCall) -> None:
    assert _people(dash) == {
        ("Operator", "", "operator", ""),
        ("Dana Whitfield", "Vice President, Investor Relations", "ir", "Northwind Robotics"),
        ("Marta Okafor", "Chief Executive Officer", "executive", "Northwind Robotics"),
        ("Leon Brandt", "Chief Financial Officer", "executive", "Northwind Robotics"),
        ("Priya Nair", "Analyst", "analyst", "Morgan Stanley"),
        ("Marcus Bell", "Analyst", "analyst", "Jefferies"),
    }


def test_dash_sections_follow_headings(dash: IngestedCall) -> None:
    # The operator's opening mentions the Q&A but sits under "Prepared Remarks:".
    assert dash.turns[0].speaker == "Operator" and dash.turns[0].section == "prepared"
    prepared = [t.speaker for t in dash.turns if t.section == "prepared"]
    assert prepared == ["Operator", "Dana Whitfield", "Marta Okafor", "Leon Brandt"]
    first_qa = next(t for t in dash.turns if t.section == "qa")
    assert "Our first question comes from" in dash.text[first_qa.start : first_qa.end]


def test_dash_exchanges_and_follow_up(dash: IngestedCall) -> None:
    got = [(t.speaker, t.exchange) for t in dash.turns if t.section == "qa"]
    assert got == [
        ("Operator", 1),
        ("Priya Nair", 1),
        ("Marta Okafor", 1),
        ("Leon Brandt", 1),
        ("Priya Nair", 1),  # a follow-up in the same exchange
        ("Operator", 2),
        ("Marcus Bell", 2),
        ("Leon Brandt", 2),
        ("Operator", 2),
    ]
    answers = {c.asked_by for c in dash.chunks if c.role == "executive" and c.section == "qa"}
    assert answers == {"Priya Nair (Morgan Stanley)", "Marcus Bell (Jefferies)"}


def test_dash_participant_list_and_inline_dashes_are_not_turns(dash: IngestedCall) -> None:
    # "Call participants:" repeats every heading with no speech: no turns from it.
    assert dash.turns[-1].speaker == "Operator"
    assert "Duration" not in dash.text[dash.turns[-1].start : dash.turns[-1].end]
    # "Revenue was $412 million -- up 18% ..." is speech, not a heading.
    marta = next(t for t in dash.turns if t.speaker == "Marta Okafor")
    assert "Revenue was $412 million -- up 18%" in dash.text[marta.start : marta.end]
    assert len(marta.paragraphs) == 2  # blank-line separated paragraphs


# ---------------------------------------------------------------- "Name: text" layout


def test_colon_layout_detected(colon: IngestedCall) -> None:
    assert detect_layout(colon.text) == "colon"
    _check_offsets(colon)


def test_colon_header(colon: IngestedCall) -> None:
    c = colon.call
    assert (c.company, c.date, c.period) == ("Contoso Foods", "2024-10-24", "Q3 FY2024")
    assert c.call_id == "contoso-foods-2024-10-24"


def test_colon_speakers_roles_and_firms(colon: IngestedCall) -> None:
    assert _people(colon) == {
        ("Operator", "", "operator", ""),
        ("Helen Brooks", "Head of Investor Relations", "ir", "Contoso Foods"),
        # "Samuel Ortiz - CEO:" on his first line, just "Samuel Ortiz:" later.
        ("Samuel Ortiz", "CEO", "executive", "Contoso Foods"),
        # Never titled on her own lines: the title comes from the IR introduction.
        ("Mei Lin Chen", "Chief Financial Officer", "executive", "Contoso Foods"),
        ("Rahul Mehta", "", "analyst", "Barclays"),
        ("Wei Zhang", "Analyst", "analyst", "CICC"),
    }


def test_colon_sections_from_operator_instructions(colon: IngestedCall) -> None:
    sections = [(t.speaker, t.section) for t in colon.turns]
    assert sections[:4] == [
        ("Operator", "prepared"),
        ("Helen Brooks", "prepared"),
        ("Samuel Ortiz", "prepared"),
        ("Mei Lin Chen", "prepared"),
    ]
    assert all(sec == "qa" for _, sec in sections[4:])
    exchanges = [(t.speaker, t.exchange) for t in colon.turns if t.section == "qa"]
    assert exchanges == [
        ("Operator", 1),
        ("Rahul Mehta", 1),
        ("Samuel Ortiz", 1),
        ("Operator", 2),
        ("Wei Zhang", 2),
        ("Mei Lin Chen", 2),
        ("Operator", 2),
    ]


def test_colon_sentences_with_colons_stay_speech(colon: IngestedCall) -> None:
    samuel = next(t for t in colon.turns if t.speaker == "Samuel Ortiz")
    body = colon.text[samuel.start : samuel.end]
    assert "Looking ahead: we expect" in body
    assert "Note: all figures are unaudited." in body
    assert len(samuel.paragraphs) == 3


def test_colon_bilingual_question(colon: IngestedCall) -> None:
    wei = next(t for t in colon.turns if t.speaker == "Wei Zhang")
    assert [p.lang for p in wei.paragraphs] == ["zh", "en"]
    assert (
        wei.paragraphs[0].pair_id
        == wei.paragraphs[1].pair_id
        == (f"{colon.call.call_id}:t{wei.index}:p0")
    )
    zh = next(c for c in colon.chunks if c.speaker == "Wei Zhang" and c.lang == "zh")
    assert zh.text.startswith("谢谢管理层")  # the "[Foreign Language]" marker is not quoted


def test_colon_procedural_operator_turns_not_chunked(colon: IngestedCall) -> None:
    op_chunks = [c for c in colon.chunks if c.role == "operator"]
    # The operator's welcome (real content) and analyst introductions are retrievable;
    # instructions ("press star one", "Please go ahead.") are not.
    assert op_chunks[0].text.startswith("Good morning, and welcome to the Contoso Foods")
    intros = op_chunks[1:]
    assert intros and all(
        re.fullmatch(r"[^.]*question comes from [^.]*\.", c.text) for c in intros
    ), [c.text for c in intros]
    assert not any(re.search(r"press|go ahead|disconnect", c.text, re.I) for c in op_chunks)


# ---------------------------------------------------------------- speaker detection


@pytest.mark.parametrize(
    "line",
    [
        "The quarter was strong",
        "we grew revenue",
        "Q4 2025",
        "Date",
        "Thank you.",
        "Total revenue (RMB billion)",
        "Yes (inaudible)",
        "Okay (laughter)",
        "Good Morning (crosstalk)",
        "In Europe, North America and Asia: demand held up",
        "Gross Margin: 41%",
        "Looking Ahead -- Guidance",
    ],
)
def test_ordinary_text_is_not_a_name(line: str) -> None:
    assert not is_name(line.split(" (")[0].split(",")[0].split(":")[0].split(" --")[0])
    assert detect_layout(line) is None


@pytest.mark.parametrize("line", ["Eddie Wu", "Toby XU", "Jean-Paul de la Cruz", "Operator"])
def test_names(line: str) -> None:
    assert is_name(line)


def test_prose_with_colons_and_parentheses_has_no_speakers(tmp_path: Path) -> None:
    path = tmp_path / "memo.txt"
    path.write_text(
        "Quarterly update for the board\n"
        "Summary: revenue grew 10% (excluding divestitures).\n"
        "The team shipped two products this quarter. Margins improved.\n"
        "Next steps (draft)\n",
        encoding="utf-8",
    )
    with pytest.raises(TranscriptError, match="no recognisable speaker turns") as err:
        ingest_file(path)
    assert str(path) in str(err.value)


def test_ingest_text_normalises_newlines() -> None:
    raw = "Acme - Earnings Call - Q1 2024\r\nMarch 3, 2024\r\nJane Roe (CEO)\r\nWe grew.\r\n"
    got = ingest_text(raw, "acme.txt")
    assert "\r" not in got.text
    assert got.turns[0].speaker == "Jane Roe"
    assert got.chunks[0].text == "We grew."
    assert got.call.call_id == "acme-2024-03-03"
