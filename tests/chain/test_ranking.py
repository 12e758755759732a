"""'Which segment grew fastest?': each business's stated growth compared, each quoted."""

from __future__ import annotations

import pytest

from chain.answer import Engine, answer
from chain.ask import analyse
from chain.cite import unsupported_numbers
from chain.ranking import answer_ranking, stated_growth
from ingest.models import Chunk, Lang, Role

RESULTS = (
    "Revenue from Widgets Group was USD 10.1 billion, an increase of 9%. "
    "Revenue from Cloud Services grew 18% to USD 3 billion. "
    "Revenue from Logistics decreased by 12%, and its Adjusted EBITDA increased by 55%. "
    "Consolidated Adjusted EBITDA increased 36% to USD 9 billion. "
    "Cloud Services' Adjusted EBITDA increased by 69% year-over-year. "
    "Revenue from all other segments increased by 5%."
)


def _chunk(text: str, role: Role = "executive", lang: Lang = "en") -> Chunk:
    return Chunk(
        chunk_id=f"acme:001:{len(text)}", call_id="acme", text=text, speaker="Jane Roe",
        title="CFO", role=role, affiliation="", section="prepared", exchange=None, lang=lang,
        pair_id="", turn_index=1, start=0, end=len(text),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("question", "ranks"),
    [
        ("Which segment grew fastest this quarter?", ("max", "revenue")),
        ("which business had the highest EBITDA growth?", ("max", "ebitda")),
        ("What was the fastest-growing segment?", ("max", "revenue")),
        ("Which unit grew the slowest?", ("min", "revenue")),
        ("Which business had the biggest revenue decline?", ("fall", "revenue")),
        ("哪个业务增长最快?", ("max", "revenue")),
        ("哪个板块利润增长最慢?", ("min", "ebitda")),
        ("How many parameters does the largest Qwen3 model have?", None),
        # Sizes, not growth (found by a review): the biggest business is no growth ranking.
        ("Which business had the highest revenue?", None),
        ("哪个业务收入最高？", None),
        ("Which of Alibaba's segments grew fastest?", ("max", "revenue")),
        ("Which segment's adjusted EBITDA declined the most?", ("fall", "ebitda")),
        ("Which segment had the highest EBITDA margin?", None),  # margins are no growth rates
        ("How fast did the cloud segment grow?", None),
    ],
)
def test_a_question_comparing_businesses(question: str, ranks: tuple[str, str] | None) -> None:
    assert analyse(question).ranks == ranks


def test_each_business_growth_is_read_with_its_sign_and_not_the_whole_company() -> None:
    revenue = {x.business: x.growth for x in stated_growth("revenue", [_chunk(RESULTS)])}
    assert revenue == {
        "Widgets Group": 9, "Cloud Services": 18, "Logistics": -12, "all other segments": 5,
    }  # fmt: skip
    ebitda = {x.business: x.growth for x in stated_growth("ebitda", [_chunk(RESULTS)])}
    assert ebitda == {"Logistics": 55, "Cloud Services": 69}  # not "Consolidated"
    # An analyst's figures and Chinese passages are not the company's statements.
    assert stated_growth("revenue", [_chunk(RESULTS, role="analyst")]) == []


def test_the_fastest_is_named_and_every_figure_quoted() -> None:
    chunks = [_chunk(RESULTS)]
    draft = answer_ranking(analyse("Which segment grew fastest?"), chunks)
    assert draft is not None
    assert draft.text.startswith(
        "Of the businesses whose revenue growth the call states, Cloud Services had the "
        "highest revenue growth: 18%."
    )
    assert [q.text.split(" ")[2] for q in draft.quotes] == ["Cloud", "Widgets", "all", "Logistics"]
    assert unsupported_numbers(draft.text, [q.text for q in draft.quotes]) == []
    slowest = answer_ranking(analyse("哪个业务增长最慢?"), chunks)
    assert slowest is not None and "Logistics的收入增速最低（下降12%）" in slowest.text
    # One business stated, or a tie: no comparison to make (the ordinary answer is given).
    one = [_chunk("Revenue from Logistics decreased by 12%.")]
    assert answer_ranking(analyse("Which segment grew fastest?"), one) is None
    # The biggest decline when every stated figure grew: no such business.
    declined = answer_ranking(analyse("Which segment's adjusted EBITDA declined the most?"), chunks)
    assert declined is None
    assert answer_ranking(analyse("Which business shrank the most?"), chunks) is not None
    tie = [_chunk("Revenue from A Co grew 5%. Revenue from B Co grew 5%.")]
    assert answer_ranking(analyse("Which segment grew fastest?"), tie) is None
    assert answer_ranking(analyse("How fast did cloud grow?"), chunks) is None
    # "Which grew faster, X or Y?": those two only.
    two = answer_ranking(analyse("Which grew faster, logistics or cloud services?"), chunks)
    assert two is not None and len(two.quotes) == 2
    assert two.text.startswith(
        "Of Cloud Services and Logistics, Cloud Services had the higher revenue growth: 18%."
    ), two.text
    zh = answer_ranking(analyse("Logistics和Widgets哪个增长更快?"), chunks)
    assert zh is not None
    assert "Widgets Group的收入增速更高（增长9%）" in zh.text, zh.text


def test_on_the_bundled_call_every_segment_is_compared(engine: Engine) -> None:
    """AIDC's 22% leads; all seven segments' revenue sentences are quoted (not just the top
    five retrieved), Cainiao's decline last; the same from the Chinese question."""
    result = answer("Which segment grew fastest this quarter?", engine=engine)
    assert result.answer.startswith(
        "Of the businesses whose revenue growth the call states, AIDC had the highest revenue "
        "growth: 22%."
    ), result.answer
    assert len(result.citations) == 7 and "Cainiao" in result.citations[-1].quote
    assert "Taobao and Tmall Group" in result.answer
    zh = answer("哪个业务收入增长最快?", engine=engine)
    assert "AIDC的收入增速最高（增长22%）" in zh.answer, zh.answer


def test_a_front_ends_filter_holds_for_the_ranking(engine: Engine) -> None:
    """With the Q&A chosen in the filter, no prepared-remarks sentence is ranked or cited."""
    result = answer(
        "Which segment grew fastest this quarter?", filters={"section": "qa"}, engine=engine
    )
    assert all(c.section == "qa" for c in result.citations), result.answer
    assert not result.answer.startswith("Of the businesses"), result.answer
