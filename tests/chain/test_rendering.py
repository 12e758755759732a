"""'How did the interpretation render 白牌卖家?': the Chinese sentence and its English, quoted."""

from __future__ import annotations

import pytest

from chain.answer import Engine, answer
from chain.rendering import answer_rendering, asks_rendering, find_phrase
from ingest.models import Chunk, Lang

ZH = "我们去年推出了新的广告产品。像一些白牌卖家,商业化率得到了显著提升。佣金从零提到了千六。"
EN = (
    "Last year we launched new advertising products. "
    "For white label merchants, monetization improved significantly. "
    "The commission went from zero to 0.6%."
)


def _chunk(text: str, lang: Lang, pair: str = "p1", n: int = 1) -> Chunk:
    return Chunk(
        chunk_id=f"acme:{n:03d}", call_id="acme", text=text, speaker="Jane Roe", title="CEO",
        role="executive", affiliation="", section="qa", exchange=1, lang=lang, pair_id=pair,
        turn_index=n, start=0, end=len(text),
    )  # fmt: skip


CHUNKS = [_chunk(ZH, "zh", n=1), _chunk(EN, "en", n=2)]


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("How did the interpreter render 白牌卖家?", True),
        ("What was the English for 'qian liu'?", True),
        ("“养殖业”英文传译译成了什么?", True),
        ("What was the Chinese for 'white label merchants'?", True),
        ("How did she say 'commission' in Chinese?", True),
        ("Could analysts ask questions in Chinese?", False),  # (asked in it, not said in it)
        ("How fast did cloud revenue grow?", False),
        ("淘宝的收入增长了多少?", False),
        ("What was the currency translation impact on revenue?", False),
        ("How big was the FX translation effect?", False),
        ("Answer in English please: 白牌卖家是什么?", False),
        ("他的原话是什么?", False),  # (his exact words, not their translation)
        ("What did Eddie say about 'Qwen' in Chinese?", False),  # (said about it, in Chinese)
        ("What is 白牌 in English?", True),
        ("他说的白牌卖家英文怎么说?", True),
        ("How did he say 0.6% in his Mandarin question?", True),  # (his own words)
    ],
)
def test_asks_rendering(question: str, asks: bool) -> None:
    assert asks_rendering(question) is asks


def test_finds_a_phrase_by_characters_or_pinyin() -> None:
    by_chars = find_phrase("白牌", CHUNKS)
    assert by_chars and ZH[by_chars.start : by_chars.end] == "白牌"
    by_pinyin = find_phrase("qian liu", CHUNKS)
    assert by_pinyin and ZH[by_pinyin.start : by_pinyin.end] == "千六"
    assert find_phrase("白菜", CHUNKS) is None  # (never said)
    assert find_phrase("de", CHUNKS) is None  # (too short to name one phrase)


def test_pinyin_reads_every_reading_of_a_character_and_never_an_english_word() -> None:
    trade = [_chunk("这个行业增长很快。", "zh")]
    by_heteronym = find_phrase("hang ye", trade)  # (行 is xing, hang or heng)
    assert by_heteronym and trade[0].text[by_heteronym.start : by_heteronym.end] == "行业"
    assert find_phrase("women", CHUNKS) is None  # (an English word, though 我们 spells it)
    spaced = find_phrase("wo men", CHUNKS)
    assert spaced and ZH[spaced.start : spaced.end] == "我们"


def test_a_phrase_must_be_asked_in_its_own_direction() -> None:
    # (an English phrase's English, a stopword, a currency translation: no rendering)
    assert answer_rendering("What is 'white label merchants' in English?", False, CHUNKS) is None
    assert answer_rendering("How was 'the' translated into Chinese?", False, CHUNKS) is None
    currency = "What was the currency translation effect on 'white label merchants'?"
    assert answer_rendering(currency, False, CHUNKS) is None
    # (a Chinese question naming a speaker in Latin letters still points at its phrase)
    draft = answer_rendering("Jane Roe说的白牌卖家,英文怎么翻译?", True, CHUNKS)
    assert draft is not None and "white label merchants" in draft.text


def test_the_rendering_is_the_sentence_holding_the_glossary_english_or_figure() -> None:
    draft = answer_rendering("How did the interpreter render 白牌卖家?", False, CHUNKS)
    assert draft is not None
    english, original = draft.quotes
    assert english.text == "For white label merchants, monetization improved significantly."
    assert "白牌卖家" in original.text
    figure = answer_rendering("And 'qian liu', how was that translated?", False, CHUNKS)
    assert figure is not None and figure.quotes[0].text == "The commission went from zero to 0.6%."


def test_the_chinese_original_of_an_english_phrase() -> None:
    draft = answer_rendering("What was the Chinese for 'white label merchants'?", False, CHUNKS)
    assert draft is not None
    original, english = draft.quotes
    assert "白牌卖家" in original.text and "white label" in english.text
    assert draft.text.startswith("In the Chinese original")
    figure = answer_rendering("How was 'zero to 0.6%' said in Chinese?", False, CHUNKS)
    assert figure is not None and "千六" in figure.quotes[0].text


def test_other_questions_are_left_to_the_ordinary_answer() -> None:
    assert answer_rendering("How was interpretation handled on the call?", False, CHUNKS) is None
    assert answer_rendering("How did the interpreter render 白菜?", False, CHUNKS) is None
    unpaired = [_chunk(ZH, "zh", pair="")]
    assert answer_rendering("How did the interpreter render 白牌?", False, unpaired) is None


@pytest.mark.parametrize(
    ("question", "rendered"),
    [
        ("How did the interpreter render 白牌卖家 in English?", "white label merchants"),
        ("What did the English interpretation give for Alex Zhou's 'qian liu'?", "0.6%"),
        ("吴泳铭说的“养殖业”,英文翻译成什么?", "animal farming"),
        ("How was 'zhifu shouxufei' translated?", "commission on payments"),
        ("What was the Chinese original for 'white label merchants'?", "白牌卖家"),
    ],
)
def test_renderings_on_the_bundled_call(engine: Engine, question: str, rendered: str) -> None:
    result = answer(question, engine=engine)
    assert not result.refused
    assert rendered in result.answer
    # (the original and its interpretation, both cited)
    assert sorted(any("\u4e00" <= ch <= "\u9fff" for ch in c.quote) for c in result.citations) == [
        False,
        True,
    ]


def test_a_figure_of_the_last_answer_in_the_askers_own_chinese(engine: Engine) -> None:
    from chain.types import Message

    history = [
        Message(role="user", content="What rate is the Taobao software service fee?"),
        Message(role="assistant", content="0.6%, charged since September of last year."),
    ]
    q = "How did the J.P. Morgan analyst say that figure in his Mandarin question?"
    result = answer(q, history=history, engine=engine)
    assert "千六" in result.answer and result.citations[0].speaker == "Alex Zhou", result.answer
