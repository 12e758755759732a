"""Any written Chinese -> simplified Mandarin, for reading a Hong Kong or Taiwan user's question.

Why: Alibaba is listed in Hong Kong, and a Hong Kong investor writes "邊個分析師問618嘅安排?
佢係邊間行嘅?" where the glossary, the question-word patterns and the follow-up rules know
"哪个分析师问618的安排?他是哪家银行的?". Two steps: traditional characters to simplified
(OpenCC's tables, a pure-Python package), then written Cantonese's function words to
Mandarin. Cantonese differs from Mandarin mostly in a small closed set of function words
(pronouns, particles, question words), so a table of them is enough to read such a question;
finance vocabulary is shared. Characters that are also common Mandarin ("系" in 体系, "仲" in
仲裁, "点" in 重点, "呢" the particle) are replaced only in their Cantonese uses.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from opencc import OpenCC

# (pattern, Mandarin), tried in order: longer forms before their parts.
_FORMS: tuple[tuple[str, str], ...] = (
    (r"边间行", "哪家银行"),  # ("which bank": 行 alone is a bank only here)
    (r"定[系係]", "还是"),  # ("开场发言讲嘅,定係问答环节?": or)
    (r"有冇", "有没有"),
    (r"冇", "没有"),
    (r"[系係]唔[系係]|[系係]咪", "是不是"),
    (r"唔[系係]", "不是"),
    (r"唔", "不"),
    (r"係", "是"),
    (r"(?<=[佢我你就都即仲又亦])系|系(?=[乜咩边咪唔点几])", "是"),
    (r"(?<=[他我你就都即还又亦])系", "是"),
    (r"边个(?=\s*(?:问|答|回答|讲|说|提|负责|话|覆))", "谁"),
    (r"边个", "哪个"),
    (r"边位", "哪位"),
    (r"边间|边家", "哪家"),
    (r"边度|边处", "哪里"),
    (r"边几|边啲", "哪些"),
    (r"边(?=[一种样条项])", "哪"),
    (r"(?<=[去到落])边(?=\s*[?？,，]|$)", "哪里"),  # ("啲钱掟去边?": where)
    (r"掟(?=[去落入])", "投"),  # (money thrown at something: spent on it)
    (r"嘅", "的"),
    (r"佢哋", "他们"),
    (r"佢", "他"),
    (r"哋", "们"),
    (r"咗", "了"),
    (r"嗰啲", "那些"),
    (r"嗰", "那"),
    (r"呢(?=[个啲次间位样排几])", "这"),
    (r"今季(?!度)|呢季(?!度)", "本季度"),
    (r"上季(?!度)", "上季度"),
    (r"下季(?!度)", "下季度"),
    (r"啲", "些"),
    (r"几多", "多少"),
    (r"乜嘢|咩嘢|乜|咩", "什么"),
    (r"嘢", "东西"),
    (r"点解", "为什么"),
    (r"点样", "怎样"),
    (r"(?<![重要焦亮特观难优缺一地起终])点(?=[用做睇讲计搞揾话])", "怎么"),
    # ("效果点呀?": how did it go, at the end of a question)
    (
        r"(?:(?<=效果)|(?<=表现)|(?<=情况)|(?<=反应)|(?<=结果)|(?<=成绩)|(?<=得))"
        r"点(?=[呀啊呢吖]?\s*(?:[?？]|$))",
        "怎么样",
    ),
    (r"几大(?=[呀啊呢吖]?\s*(?:[?？]|$))", "多大"),  # (not "几大业务", several big ones)
    (r"一齐", "一起"),
    (r"而家", "现在"),
    (r"仲(?!裁)", "还"),
    (r"喺", "在"),
    (r"睇", "看"),
    (r"畀", "给"),
    (r"噉", "这样"),
    (r"咁", "这么"),
    (r"揾", "找"),
    (r"攞", "拿"),
    (r"啱啱", "刚刚"),
    (r"同埋", "和"),
    (r"(?<=[他我你])话", "说"),
)
_RULES = tuple((re.compile(p), mandarin) for p, mandarin in _FORMS)
_MARKERS = re.compile(
    r"[冇唔係嘅佢哋咗嗰啲乜咩嘢喺睇畀噉咁揾攞埋]|边[个位间家度几啲]|几多|今季(?!度)|而家"
)


_CJK = re.compile(r"[\u4e00-\u9fff]")


@cache
def _to_simplified() -> OpenCC:
    return OpenCC("t2s")


@lru_cache(maxsize=65536)
def simplified(text: str) -> str:
    """`text` in simplified characters (character for character: offsets still hold), for
    matching a question and a transcript that may be written in either script."""
    if not _CJK.search(text):
        return text
    out = _to_simplified().convert(text)
    return out if len(out) == len(text) else text


@cache
def _to_traditional() -> OpenCC:
    return OpenCC("s2t")


def is_traditional(text: str) -> bool:
    """Written in traditional characters ("首位提問的分析師是誰?")."""
    return bool(_CJK.search(text)) and simplified(text) != text


def in_traditional(text: str) -> str:
    """An answer's own words in traditional characters, for a question written in them; its
    quotes (“...”) stay as the call says them."""
    parts = re.split(r"(“[^”]*”)", text)
    return "".join(p if p.startswith("“") else _to_traditional().convert(p) for p in parts)


def as_mandarin(text: str) -> str:
    """`text` in simplified characters, its Cantonese function words in Mandarin; English
    and simplified Mandarin unchanged."""
    if not _CJK.search(text):
        return text
    text = simplified(text)
    if not _MARKERS.search(text):
        return text  # (Mandarin: nothing more to read)
    for pattern, mandarin in _RULES:
        text = pattern.sub(mandarin, text)
    return text
