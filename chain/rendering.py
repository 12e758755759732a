"""How the interpretation rendered a phrase: the phrase's sentence and its counterpart.

In a bilingual call each Chinese passage is followed by its English interpretation (the two
share a `pair_id`). "How did the interpreter render 白牌卖家?", "Alex Zhou said 'qian liu':
what figure did the English give?", "“养殖业”英文传译译成了什么?" are answered by finding the
Chinese sentence that says the phrase (in characters, or in the pinyin the asker typed),
then the sentence of its interpretation that renders it: the one holding the phrase's
glossary English or figures, at about the same place in the passage. The other way round,
"What was the Chinese for 'white label merchants'?" finds the English sentence and its
Chinese original. Both are quoted, so the reader sees the original and its rendering side
by side.

Retrieval cannot do this: the English interpretation shares no words with 白牌, and the
question's own words ("interpreter", "rendered") are in no passage.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from chain.cite import find_numbers
from chain.draft import Draft, Quote, quoted, who
from chain.spelling import english_words
from chain.text import STOPWORDS, is_chinese, sentence_spans
from index.glossary import expand_zh
from index.mandarin import simplified
from ingest.models import Chunk

# A quoted phrase: “…”, "…", 「…」, ‘…’ or '…' (an apostrophe inside a word is no quote).
_QUOTES = (("“", "”"), ('"', '"'), ("「", "」"), ("‘", "’"), ("(?<!\\w)'", "'(?!\\w)"))
_QUOTED = re.compile("|".join(f"{a}([^{b[0]}]{{1,30}}){b}" for a, b in _QUOTES))
_QUOTE = _QUOTED.pattern.replace("([", "(?:[")
# The ask: how a (Chinese) phrase was interpreted, translated or rendered into English; a
# currency translation is no rendering, nor is "answer in English".
_ASKS_EN = re.compile(
    r"\b(?<!currency )(?<!exchange )(?<!FX )(?<!forex )(?:interpret(?:ation|er|ers|ed|ing)?"
    r"|translat(?:ion|or|ors|ed|e|es|ing)|render(?:ed|ing|s)?)\b"
    r"|\b(?:is|was|are|were|say|said|call|called|put|mean|means|meant|give|gave|came out)\b"
    r"[^?.!]{0,40}\bin English\b|\bthe English (?:for|of|word|term|version|phrase)\b",
    re.IGNORECASE,
)
_ASKS_ZH = re.compile(
    r"传译|翻译|口译|译成|译为|译作|怎么译|中文原话|"
    r"(?:英文|英语)(?:怎么|如何|是|叫|说|翻|译|对应|版|名|原文|表述|表达|里|中)"
)
# ... and the other way: what the Chinese original said for a quoted English phrase ("What was
# the Chinese for 'white label merchants'?", "How did she say 'commission' in Chinese?"), not
# a question asked in Chinese nor what someone said about a phrase in Chinese.
_SAY = r"(?:say|said|put|call|called|word|worded|phrase|phrased|express|expressed)"
_IN_ZH = r"in\s+(?:the\s+original\s+)?(?:Chinese|Mandarin)\b"
_ASKS_ORIGINAL = re.compile(
    r"\b(?:the\s+)?(?:original\s+)?(?:Chinese|Mandarin)\s+(?:original|wording|words?|phrase|term"
    rf"|for)\b|\b{_SAY}\s+(?:the\s+(?:word|phrase|term)\s+)?(?:{_QUOTE})\s+{_IN_ZH}"
    rf"|(?:{_QUOTE})\s+(?:\w+\s+){{0,2}}?{_SAY}\s+{_IN_ZH}",
    re.IGNORECASE,
)
# ("How did he say 0.6% in his Mandarin question?": his own words in his own language, in a
# question he asked or not)
_IN_THEIR_OWN = re.compile(
    rf"\b{_SAY}\b[^?]{{0,60}}\bin\s+(?:his|her|their)\s+(?:original\s+)?(?:Chinese|Mandarin)\b",
    re.IGNORECASE,
)
_ASKED_IN = re.compile(r"\bask(?:ed|ing|s)?\b|\bquestions?\b", re.IGNORECASE)
_CJK_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
# An unquoted Chinese phrase a Chinese question points at: "他说的白牌卖家英文怎么说".
_SAID_ZH = re.compile(
    r"(?:说的|提到的|讲的|所说的|用的|说了|提到)([\u4e00-\u9fff]{2,8}?)"
    r"(?:这个词|一词|这个说法|的说法|[,，、]|英文|英语|在|怎么|如何|是|被|译|翻)"
)
_PINYIN_WORD = re.compile(r"^[a-züv]+(?:[\s-]+[a-züv]+){0,5}$", re.IGNORECASE)


@dataclass(frozen=True)
class Phrase:
    """Where a Chinese phrase was said: its chunk and character span there."""

    chunk: Chunk
    start: int
    end: int


def _directions(question: str) -> tuple[bool, bool]:
    """Does the question ask how a Chinese phrase came out in English, and does it ask what
    the Chinese original said for an English phrase? (A Chinese question about translation
    may ask either.)"""
    zh = bool(_ASKS_ZH.search(question))
    original = bool(_ASKS_ORIGINAL.search(question)) and not _ASKED_IN.search(question)
    original = original or bool(_IN_THEIR_OWN.search(question))
    return bool(_ASKS_EN.search(question)) or zh, original or zh


def asks_rendering(question: str) -> bool:
    """Does the question ask how something was interpreted or translated, or what the Chinese
    original said?"""
    return any(_directions(question))


def _candidates(question: str) -> list[str]:
    """The phrases the question may be asking about, most explicit first: quoted ones, then
    one a Chinese question points at ("说的X"), then any Chinese in an English question. A
    phrase of stopwords only ('the') names nothing."""
    found: list[str] = []
    for m in _QUOTED.finditer(question):
        found.append(next(g for g in m.groups() if g is not None).strip())
    if is_chinese(question):
        found += [m.group(1) for m in _SAID_ZH.finditer(question)]
    elif not found:
        # (any Chinese in an English question, else a figure it names: "How did he say 0.6%
        # in his Mandarin question?")
        found += _CJK_RUN.findall(question) or [
            n.surface for n in find_numbers(question) if n.kind in ("percent", "amount")
        ]
    return [f for f in found if f and not re.fullmatch(r"[\W_]*", f) and not _stopwords(f)]


def _stopwords(phrase: str) -> bool:
    words = re.findall(r"[A-Za-z]+", phrase)
    return (
        bool(words)
        and not re.search(r"[\u3400-\u9fff\d]", phrase)
        and all(w.lower() in STOPWORDS for w in words)
    )


@functools.lru_cache(maxsize=4096)
def _readings(char: str) -> tuple[str, ...]:
    """Every toneless pinyin reading of a character (行: xing, hang, heng), so a heteronym
    typed in its other reading is still found."""
    from pypinyin import Style, pinyin

    return tuple(r.lower() for r in pinyin(char, style=Style.NORMAL, heteronym=True)[0])


def _spells(letters: str, text: str, at: int) -> int | None:
    """The end of the run of characters from `at` that spells `letters` in toneless pinyin
    (any reading of each), or None."""
    if not letters:
        return at
    if at >= len(text) or not ("\u3400" <= text[at] <= "\u9fff"):
        return None
    for reading in _readings(text[at]):
        if reading and letters.startswith(reading):
            end = _spells(letters[len(reading) :], text, at + 1)
            if end is not None:
                return end
    return None


def _find_pinyin(letters: str, text: str) -> tuple[int, int] | None:
    """The span of `text` whose characters spell `letters` in toneless pinyin ("qianliu" ->
    千六), or None."""
    for i in range(len(text)):
        end = _spells(letters, text, i)
        if end is not None:
            return i, end
    return None


def find_phrase(
    phrase: str, chunks: Sequence[Chunk], speakers: Sequence[str] = ()
) -> Phrase | None:
    """Where the call says `phrase`, a named speaker's passage first: in a Chinese passage
    (characters in either script); in an English one (words the call says in English, or a
    single English word, stay English: 'long', 'women'); else in a Chinese passage by its
    pinyin ('qian liu')."""
    zh = [c for c in chunks if c.lang == "zh" and c.pair_id]
    zh.sort(key=lambda c: c.speaker not in speakers)  # (stable: transcript order otherwise)
    if re.search(r"[\u3400-\u9fff]", phrase):
        target = simplified(phrase)
        for chunk in zh:
            at = simplified(chunk.text).find(target)
            if at >= 0:
                return Phrase(chunk, at, at + len(target))
        return None
    if not _words(phrase) and not re.search(r"\d", phrase):
        return None
    en = [c for c in chunks if c.lang == "en" and c.pair_id]
    en.sort(key=lambda c: c.speaker not in speakers)
    pattern = re.compile(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", re.IGNORECASE)
    for chunk in en:
        if m := pattern.search(chunk.text):
            return Phrase(chunk, m.start(), m.end())
    letters = re.sub(r"[\s-]+", "", phrase.lower()).replace("ü", "v")
    one_word = not re.search(r"[\s-]", phrase.strip())
    if (
        _PINYIN_WORD.match(phrase)
        and len(letters) >= 4  # ("de", "ta": too short to tell)
        and not (one_word and letters in english_words())
    ):
        for chunk in zh:
            span = _find_pinyin(letters, chunk.text)
            if span:
                return Phrase(chunk, *span)
    return None


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)}


def _in_english(text: str, lang: str) -> str:
    """A sentence's words to compare across the pair: a Chinese one's glossary English (and
    its Latin words), an English one as it is."""
    return f"{text} {expand_zh(text, overlapping=False)}" if lang == "zh" else text


def _rendering(said: Phrase, chunks: Sequence[Chunk]) -> tuple[Quote, Quote] | None:
    """The sentence saying the phrase and its counterpart in the other language of the pair
    (the interpretation of a Chinese sentence, or the Chinese original of an English one)."""
    source_lang = said.chunk.lang
    pair = [c for c in chunks if c.pair_id == said.chunk.pair_id]
    source = [c for c in pair if c.lang == source_lang]
    target = [c for c in pair if c.lang != source_lang]
    if not target:
        return None
    spans = sentence_spans(said.chunk.text)
    zs, ze = next(((s, e) for s, e in spans if s <= said.start < e), (said.start, said.end))
    before = sum(len(c.text) for c in source[: source.index(said.chunk)])
    total_source = sum(len(c.text) for c in source) or 1
    where = (before + (zs + ze) / 2) / total_source
    phrase = said.chunk.text[said.start : said.end]
    sentence = said.chunk.text[zs:ze]
    phrase_words = _words(_in_english(phrase, source_lang))
    sentence_words = _words(_in_english(sentence, source_lang))
    figures = find_numbers(expand_zh(phrase) + " " + phrase)
    total_target = sum(len(c.text) for c in target) or 1
    best: tuple[float, Quote] | None = None
    offset = 0
    for chunk in target:
        for s, e in sentence_spans(chunk.text):
            text = chunk.text[s:e]
            words = _words(_in_english(text, chunk.lang))
            score = 3.0 * len(phrase_words & words) / max(1, len(phrase_words))
            score += len(sentence_words & words) / max(1, len(sentence_words))
            stated = find_numbers(_in_english(text, chunk.lang))
            score += 3.0 * any(a.matches(b) for a in figures for b in stated)
            score += 1.0 - abs(where - (offset + (s + e) / 2) / total_target)
            if best is None or score > best[0]:
                best = (score, Quote(chunk, s, e, score))
        offset += len(chunk.text)
    if best is None:
        return None
    return Quote(said.chunk, zs, ze, 1.0), best[1]


def answer_rendering(
    question: str, zh: bool, chunks: Sequence[Chunk], speakers: Sequence[str] = ()
) -> Draft | None:
    """'How was 白牌卖家 rendered in the interpretation?' (or 'What was the Chinese for "white
    label merchants"?'): the Chinese sentence and its English, both quoted; None when the
    question does not ask that or names no phrase said in the pair (the ordinary answer
    then runs)."""
    into_english, into_chinese = _directions(question)
    if not (into_english or into_chinese):
        return None
    for phrase in _candidates(question):
        said = find_phrase(phrase, chunks, speakers)
        if said and not (into_english if said.chunk.lang == "zh" else into_chinese):
            continue  # (an English phrase with "in English?", a Chinese one with "the Chinese for")
        found = _rendering(said, chunks) if said else None
        if said and found:
            break
    else:
        return None
    source, counterpart = found
    term = said.chunk.text[said.start : said.end]
    original, english = (
        (source, counterpart) if source.chunk.lang == "zh" else (counterpart, source)
    )
    speaker = who(original.chunk, zh)
    from_chinese = source.chunk.lang == "zh"
    if zh:  # (a Chinese reader sees the original first)
        quotes = [original, english]
        text = (
            f"{speaker}的中文原话：{quoted(original.text)} [1]"
            f" 英文传译对“{term}”的译法：{quoted(english.text)} [2]"
            if from_chinese
            else f"“{term}”的中文原话（{speaker}）：{quoted(original.text)} [1]"
            f" 英文传译：{quoted(english.text)} [2]"
        )
    elif from_chinese:
        quotes = [english, original]
        text = (
            f"The English interpretation rendered “{term}” in this sentence: "
            f"{quoted(english.text)} [1] ({speaker} said in Chinese: {quoted(original.text)} [2])"
        )
    else:
        quotes = [original, english]
        text = (
            f"In the Chinese original, {speaker} said: {quoted(original.text)} [1]"
            f" (the interpretation, with “{term}”: {quoted(english.text)} [2])"
        )
    return Draft(text=text, quotes=quotes, support=1.0)
