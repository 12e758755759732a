"""Written Cantonese read as Mandarin: function words only, Mandarin text unchanged."""

from __future__ import annotations

import pytest

from index.mandarin import as_mandarin


@pytest.mark.parametrize(
    ("cantonese", "mandarin"),
    [
        ("边个分析师问618嘅安排?佢系边间行嘅?", "哪个分析师问618的安排?他是哪家银行的?"),
        ("今季收入升咗几多?", "本季度收入升了多少?"),
        ("优酷有冇赚钱?", "优酷有没有赚钱?"),
        ("董事会而家仲剩几多回购额度?", "董事会现在还剩多少回购额度?"),
        ("佢讲咗边几点?", "他讲了哪些点?"),
        ("边个回答嘅?", "谁回答的?"),
    ],
)
def test_cantonese_function_words_become_mandarin(cantonese: str, mandarin: str) -> None:
    assert as_mandarin(cantonese) == mandarin


@pytest.mark.parametrize(
    "text",
    [
        "阿里云的收入增长多少?",
        "那利润端呢?",  # (呢 the particle)
        "仲裁的结果如何?",  # (仲 in 仲裁)
        "体系和重点是什么?",  # (系 in 体系, 点 in 重点)
        "How fast did cloud grow?",
    ],
)
def test_mandarin_and_english_are_unchanged(text: str) -> None:
    assert as_mandarin(text) == text


def test_mandarin_words_in_a_cantonese_question_keep_their_meaning() -> None:
    assert as_mandarin("佢哋嘅体系同重点系乜?") == "他们的体系同重点是什么?"


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("雲業務本季度收入增長多少?", "云业务本季度收入增长多少?"),
        ("邊個分析師問咗618嘅安排?佢係邊間行嘅?", "哪个分析师问了618的安排?他是哪家银行的?"),
        ("淘寶閃購的效果怎麼樣?", "淘宝闪购的效果怎么样?"),
    ],
)
def test_traditional_characters_become_simplified(traditional: str, simplified: str) -> None:
    assert as_mandarin(traditional) == simplified


def test_mandarin_words_next_to_cantonese_markers_stay() -> None:
    """今季度 is Mandarin; 重点 keeps its 点."""
    assert as_mandarin("今季度阿里云收入增长多少?") == "今季度阿里云收入增长多少?"
    assert as_mandarin("佢哋今季重点讲咗啲乜?") == "他们本季度重点讲了些什么?"


def test_cantonese_how_and_how_big_at_the_end_of_a_question() -> None:
    assert as_mandarin("个市场有几大?试咗之后效果点呀?") == "个市场有多大?试了之后效果怎么样呀?"
    # (点 and 几大 elsewhere keep their Mandarin sense: several big businesses, what time)
    assert as_mandarin("佢哋嘅几大业务几点开会?") == "他们的几大业务几点开会?"


def test_an_answer_in_traditional_characters_keeps_its_quotes() -> None:
    """A question in traditional characters gets its answer's own words in them; the quotes
    stay as the call says them (their citations point at those characters)."""
    from index.mandarin import in_traditional, is_traditional

    assert is_traditional("首位提問的分析師是誰?") and not is_traditional("首位提问的分析师是谁?")
    assert not is_traditional("Who asked first?")
    answer = (
        "第一个提问的分析师是Gary Yu，来自Morgan Stanley [1]。Gary Yu提问：“我这边有两个问题。” [2]"
    )
    assert in_traditional(answer) == (
        "第一個提問的分析師是Gary Yu，來自Morgan Stanley [1]。Gary Yu提問：“我这边有两个问题。” [2]"
    )
