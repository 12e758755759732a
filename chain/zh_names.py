"""Chinese names of the call's people, read as the transcript spells them.

A Chinese reader writes 吴泳铭, 蒋凡 or 徐总 where an English transcript has "Eddie Wu",
"Jiang Fan" and "Toby XU". `romanise_names` rewrites such names in a question into the
transcript's spelling, so every later step (speaker restriction, "did not speak", dropping
the name from the search terms) works as it does for an English question.

Two matches, by how much the transcript's spelling tells:
- the whole name in pinyin ("Jiang Fan", or "Fan Jiang"): every character's reading must
  match, anywhere in the question;
- a Western given name with a Chinese surname ("Eddie Wu", "Joe Tsai"): only the surname can
  be checked, so the match is kept to the company's side (executives, IR, people the hosts
  name as present), to one holder of that surname, and to a name's place in the sentence
  (after a start, a title or a particle; before a verb of saying, 的/对/在, or 总/先生/女士).
  Surnames like 周 or 高 start common words (本周, 高管); without those checks they would read
  as people.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from pypinyin import Style, pinyin

_HAN = r"\u4e00-\u9fff"

# Surnames in the Hong Kong, Taiwan and Southeast Asian spellings English transcripts use,
# to their pinyin ("Joe Tsai" is 蔡 Cai). Not pinyin, so no reading of the characters gives
# them; kept to common surnames.
_OTHER_SPELLINGS = {
    "tsai": {"cai"}, "choi": {"cai"}, "chang": {"zhang"}, "cheung": {"zhang"},
    "chan": {"chen"}, "tan": {"chen"}, "wong": {"huang", "wang"}, "lee": {"li"},
    "lau": {"liu"}, "chow": {"zhou"}, "chau": {"zhou"}, "hsu": {"xu"}, "tsui": {"xu"},
    "hui": {"xu"}, "kuo": {"guo"}, "kwok": {"guo"}, "fong": {"fang", "kuang"},
    "yap": {"ye"}, "yeh": {"ye"}, "ip": {"ye"}, "keung": {"jiang"}, "chiang": {"jiang"},
    "ng": {"wu"}, "ho": {"he"}, "tse": {"xie"}, "hsieh": {"xie"}, "leung": {"liang"},
    "cheng": {"zheng"}, "chu": {"zhu", "chu"}, "lam": {"lin"}, "lim": {"lin"},
    "yeung": {"yang"}, "yuen": {"yuan"}, "tung": {"dong"}, "tsang": {"zeng"},
    "kwan": {"guan"}, "lo": {"luo", "lu"}, "koo": {"gu"}, "chiu": {"zhao", "qiu"},
}  # fmt: skip

# Where a name may start when only its surname can be checked: the question's start, a
# non-Chinese character, a title's last character (首席执行官, 董事会主席, 总裁, CFO) or a
# particle (和, 与, 问, 请, 是, 被 ...).
_BEFORE = set("官席裁长管理师员人和与跟及向让请据问被对把给是由称了、那")
# ... and what may follow it: a verb of saying, 的/对/在, a conjunction or question particle.
_AFTER = re.compile(
    r"(?:说|讲|谈|提|表示|认为|称|指出|解释|介绍|透露|强调|预计|预期|回答|回应|答|问|对|在|的|"
    r"如何|怎么|怎样|是否|有没有|有何|有什么|就|关于|和|与|及|、|呢|吗|也|还|曾|并|又|谁|是|有|"
    r"会|将|已|给|向|把|被|分别|什么|为何|为什么|觉得|看|先生|女士|披露|公布|给出|提供|宣布|"
    rf"[^{_HAN}]|$)"
)
_HONORIFIC = re.compile(r"(?:总裁|总(?![监结体计额量部数值共])|先生|女士)")
# The common Chinese surnames (a reading alone is not enough: 财年, 菜鸟 and 需求 read cai and
# xu too). Left out: those that are everyday grammar words (于, 和, 向, 由, 时, 那, 都 ...).
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺"
    "顾毛郝龚邵钱严覃武戴莫孔汤温康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹欧耿兰焦俞柳甘"
    "祝包宁尚舒阮柯纪梅童凌毕单季裴霍涂苗谷盛翁冉骆蓝游辛靳柴蒙鲍华喻祁蒲滕屈饶牟艾尤穆卓"
    "缪简车项麦褚娄窦戚岑景党宫费卜冷晏卫米柏宗瞿桂佟臧闵邬卞姬仇栾隋刁荣巫寇桑郎甄虞敖巩"
    "佘池邝匡鞠荆冀郁胥栗燕楚鄢谌奚皮粟冼蔺阚屠朴廉禹漆狄宣晋芮阙戈邸雍辜裘"
)
# Everyday words that start with a surname: 许多 is "many", 武汉 a city, not 许/武 someone.
_WORDS = (
    "许多", "许可", "武汉", "江苏", "江西", "黄金", "马上", "何时", "何况", "高管", "高层",
    "方面", "方向", "常常", "金额", "金融", "田地", "石油", "孙子", "程度", "程序", "苏州",
    "周期", "周年", "周边", "周末", "钱包", "白天", "司机", "安全", "齐全", "易于", "华为",
    "余额", "余下", "宋体", "温度", "沈阳", "汤姆", "夏天", "夏季", "秦朝", "陆续", "杜绝",
    "严格", "严重", "鲁莽", "叶子", "韦伯",
)  # fmt: skip
# Characters no given name is made of here: pronouns and grammar words ("于是他说" is no 于X).
# (nor the second characters of the words common surnames start: 周期, 高管, 方面, 何时)
_NOT_IN_NAME = set("是他她它我你们这那的了在和与对也都就说个些么吗呢期年管层面时速增多")
# Surnames read otherwise than the character's first reading (曾 is ceng in 曾经, Zeng as a
# name); the first reading alone otherwise, so 于 (yu, also xu) is not Xu.
_SURNAME_READING = {
    "曾": "zeng", "单": "shan", "仇": "qiu", "解": "xie", "区": "ou", "查": "zha",
    "朴": "piao", "乐": "yue", "缪": "miao", "翟": "zhai", "召": "shao", "尉": "yu",
}  # fmt: skip


# Well-known people of China's internet and tech companies, as English writes them: a
# question naming one is about that person, never an executive who shares the surname
# (刘强东 is Richard Liu of JD.com, not Lydia Liu), and is refused when the call does not
# mention them.
WELL_KNOWN = {
    "马云": "Jack Ma", "刘强东": "Richard Liu", "马化腾": "Pony Ma", "张一鸣": "Zhang Yiming",
    "黄峥": "Colin Huang", "王兴": "Wang Xing", "雷军": "Lei Jun", "李彦宏": "Robin Li",
    "任正非": "Ren Zhengfei", "丁磊": "William Ding", "张勇": "Daniel Zhang",
    "程维": "Cheng Wei", "王卫": "Wang Wei", "梁汝波": "Liang Rubo", "陈磊": "Chen Lei",
    "徐雷": "Xu Lei", "王宁": "Wang Ning", "李斌": "William Li", "何小鹏": "He Xiaopeng",
    "李想": "Li Xiang", "刘炽平": "Martin Lau", "沈南鹏": "Neil Shen", "孙正义": "Masayoshi Son",
}  # fmt: skip


@functools.cache
def _syllables() -> frozenset[str]:
    """Every toneless pinyin syllable, from pypinyin's own table (about 400)."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    return frozenset(to_normal(p) for v in pinyin_dict.values() for p in v.split(","))


def _is_pinyin(word: str) -> bool:
    """True when the word splits into pinyin syllables ("yongming", "fan"; not "eddie")."""
    valid = _syllables()
    ends = {0}
    for i in range(1, len(word) + 1):
        if any(j in ends and word[j:i] in valid for j in range(max(0, i - 6), i)):
            ends.add(i)
    return len(word) in ends and bool(word)


@functools.lru_cache(maxsize=8192)
def _readings(char: str) -> frozenset[str]:
    return frozenset(pinyin(char, style=Style.NORMAL, heteronym=True)[0])


def _spells(chars: str, words: list[str]) -> bool:
    """True when the characters read as the words: each word one or more characters, in order
    ("蒋凡" ~ jiang fan, "吴泳铭" ~ wu yongming)."""
    if not words:
        return not chars
    if not chars:
        return False
    head, *rest = words
    for n in range(1, len(chars) + 1):
        if _reads_as(chars[:n], head) and _spells(chars[n:], rest):
            return True
    return False


def _reads_as(chars: str, word: str) -> bool:
    if not chars:
        return not word
    for reading in _readings(chars[0]):
        if word.startswith(reading) and _reads_as(chars[1:], word[len(reading) :]):
            return True
    return False


def _surname(name: str) -> set[str] | None:
    """The pinyin readings of a "Given Surname" name's surname, when its given name is not
    pinyin ("Eddie Wu" -> {"wu"}, "Joe Tsai" -> {"cai"}); None for a name all in pinyin."""
    words = name.lower().split()
    if len(words) < 2 or all(_is_pinyin(w) for w in words):
        return None
    last = words[-1]
    return _OTHER_SPELLINGS.get(last) or ({last} if _is_pinyin(last) else set())


def romanise_names(question: str, people: Iterable[str], company: Iterable[str] = ()) -> str:
    """The question with the Chinese names of `people` written as the transcript writes them
    ("吴泳铭对云业务说了什么" -> "Eddie Wu 对云业务说了什么"). `company` are the people on
    the company's side, the only ones a surname alone may name."""
    if not re.search(f"[{_HAN}]", question):
        return question
    people = list(dict.fromkeys(people))
    ours = set(company)
    whole = [(p, p.lower().split()) for p in people if _surname(p) is None]
    by_surname: dict[str, list[str]] = {}
    for p in people:
        if p in ours and (readings := _surname(p)):
            for r in readings:
                by_surname.setdefault(r, []).append(p)
    out: list[str] = []
    i = 0
    while i < len(question):
        known = next((zh for zh in WELL_KNOWN if question.startswith(zh, i)), None)
        found = (WELL_KNOWN[known], i + len(known)) if known else None
        found = found or _name_at(question, i, whole, by_surname)
        if found:
            name, end = found
            out.append(f" {name} ")
            i = end
        else:
            out.append(question[i])
            i += 1
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def _name_at(
    q: str, i: int, whole: list[tuple[str, list[str]]], by_surname: dict[str, list[str]]
) -> tuple[str, int] | None:
    """(name, end) for a person's Chinese name starting at q[i], longest first."""
    if q[i] not in _SURNAMES or any(q.startswith(word, i) for word in _WORDS):
        return None  # (a name starts with a surname: 将翻番 reads jiang fan, and is no name)
    # (a start, a title or particle, a space, punctuation or a Latin title: not a digit, so
    # "2026财年" is no name)
    at_start = i == 0 or q[i - 1] in _BEFORE or not re.match(rf"[{_HAN}\d]", q[i - 1])
    for n in (4, 3, 2):
        chars = q[i : i + n]
        if len(chars) < n or not re.fullmatch(f"[{_HAN}]+", chars):
            continue
        if not (at_start or _AFTER.match(q, i + n)):
            continue  # (in a name's place: after a start or title, or before a verb)
        for name, words in whole:
            # (either order: "Jiang Fan" and "Fan Jiang" are both 蒋凡)
            if _spells(chars, words) or _spells(chars, [*words[1:], words[0]]):
                return name, i + n
    first = _SURNAME_READING.get(q[i]) or pinyin(q[i], style=Style.NORMAL)[0][0]
    holders = set(by_surname.get(first, []))
    if not at_start or len(holders) != 1:
        return None
    (name,) = holders
    if m := _HONORIFIC.match(q, i + 1):  # 吴总, 蔡先生
        return name, m.end()
    for n in (3, 2):  # 吴泳铭, 徐宏
        end = i + n
        chars = q[i:end]
        if len(chars) < n or not re.fullmatch(f"[{_HAN}]+", chars):
            continue
        if set(chars[1:]) & _NOT_IN_NAME:
            continue
        # (the name ends at the first word after it: "徐宏的说法" is 徐宏, not 徐宏的)
        if _AFTER.match(q, end) and not any(_AFTER.match(q, i + j) for j in range(1, n)):
            return name, end
    return None
