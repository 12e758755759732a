"""Chinese names of the call's people read as the transcript spells them, and only names."""

from __future__ import annotations

import pytest

from chain.zh_names import romanise_names

PEOPLE = [
    "Eddie Wu", "Toby XU", "Jiang Fan", "Joe Tsai", "Lydia Liu",
    "Gary Yu", "Alex Zhou", "Ronald Keung", "Kenneth Fong", "Joyce Chu",
]  # fmt: skip
COMPANY = ["Eddie Wu", "Toby XU", "Jiang Fan", "Joe Tsai", "Lydia Liu"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("吴泳铭对云业务增长说了什么？", "Eddie Wu 对云业务增长说了什么？"),
        ("蒋凡说了什么?", "Jiang Fan 说了什么?"),
        ("江凡提到的试点效果怎么样?", "Jiang Fan 提到的试点效果怎么样?"),  # a homophone typo
        ("徐宏的说法是什么", "Toby XU 的说法是什么"),
        ("徐总如何看回购", "Toby XU 如何看回购"),
        ("蔡崇信先生发言了吗", "Joe Tsai 先生发言了吗"),  # Tsai is 蔡 (Cai) in pinyin
        ("CEO吴泳铭表示", "CEO Eddie Wu 表示"),
        ("首席财务官徐宏谈到了分红吗", "首席财务官 Toby XU 谈到了分红吗"),
        ("第二位分析师问了徐宏什么问题?", "第二位分析师问了 Toby XU 什么问题?"),
        (
            "吴泳铭、蒋凡和徐宏分别谈了什么",
            "Eddie Wu 、 Jiang Fan 和 Toby XU 分别谈了什么",
        ),
    ],
)
def test_names_of_the_calls_people(question: str, expected: str) -> None:
    assert romanise_names(question, PEOPLE, COMPANY) == expected


@pytest.mark.parametrize(
    "question",
    [
        "本周高管说了什么",  # 周 and 高 are surnames, and these are words
        "周期的影响",
        "于是他说",  # 于 also reads xu
        "阿里云2026财年的收入增速指引是多少?",  # 财 reads cai, but is no surname
        "帮我把淘天、菜鸟、大文娱三个分部列一下",  # nor is 菜
        "分流云上推理需求?",  # nor 需 (xu)
        "财务总监在回答花旗分析师时说了什么",  # 总监 is no honorific
        "周鸿祎怎么说",  # Alex Zhou is an analyst: a surname alone names only the company's side
        "范总怎么看",  # Jiang Fan is all pinyin: his whole name, not a surname, names him
        "What did Eddie say?",
        # Found by a review: readings that spell a name, in words that are none.
        "云业务的资本开支将反映在自由现金流上吗？",  # 将反 reads jiang fan; 将 is no surname
        "收入将翻番",
        "许多人认为阿里云增长放缓",  # 许 reads xu: "many"
        "武汉的数据中心有进展吗？",  # 武 reads wu: a city
    ],
)
def test_words_and_strangers_are_left_alone(question: str) -> None:
    assert romanise_names(question, PEOPLE, COMPANY) == question


def test_one_surname_two_people_names_neither() -> None:
    assert romanise_names("吴总怎么看?", ["Eddie Wu", "Jack Wu"], ["Eddie Wu", "Jack Wu"]) == (
        "吴总怎么看?"
    )


def test_a_long_question_without_names_is_left_as_it_is() -> None:
    """(Readings are cached per character: a 9,000-character question once took 2.5 s.)"""
    assert romanise_names("阿里云的收入" * 1500, PEOPLE, COMPANY) == "阿里云的收入" * 1500


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("刘强东说了什么?", "Richard Liu 说了什么?"),  # not Lydia Liu, who shares the surname
        ("马云对AI怎么看?", "Jack Ma 对AI怎么看?"),
    ],
)
def test_well_known_people_are_themselves(question: str, expected: str) -> None:
    assert romanise_names(question, PEOPLE, COMPANY) == expected
