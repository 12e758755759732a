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
from chain.text import sentence_spans
from index.glossary import expand_zh
from index.mandarin import simplified
from ingest.models import Chunk

# The ask: how something was interpreted, translated or rendered (into English).
_ASKS_EN = re.compile(
    r"\b(?:interpret(?:ation|er|ers|ed|ing)?|translat(?:ion|or|ors|ed|e|es|ing)|"
    r"render(?:ed|ing|s)?)\b|\bin English\b|\bthe English (?:for|of|word|term|version|phrase)\b",
    re.IGNORECASE,
)
_ASKS_ZH = re.compile(r"传译|翻译|口译|译成|译为|译作|怎么译|英文|英语|中文原话|原话")
# ... and the other way: what the Chinese original said for an English phrase ("What was the
# Chinese for 'white label merchants'?"), not a question asked in Chinese
_ASKS_ORIGINAL = re.compile(
    r"\b(?:the\s+)?(?:original\s+)?(?:Chinese|Mandarin)\s+(?:original|wording|words?|phrase|term"
    r"|for)\b|\b(?:say|said|put|call|called|word|worded|phrase|phrased)\b[^?]{0,40}\bin\s+"
    r"(?:the\s+original\s+)?(?:Chinese|Mandarin)\b",
    re.IGNORECASE,
)
_ASKED_IN = re.compile(r"\bask(?:ed|ing|s)?\b|\bquestions?\b", re.IGNORECASE)
_CJK_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
# A quoted phrase: “…”, "…", 「…」, ‘…’ or '…' (an apostrophe inside a word is no quote).
_QUOTED = re.compile(
    r"“([^”]{1,30})”|\"([^\"]{1,30})\"|「([^」]{1,30})」|‘([^’]{1,30})’|(?<!\w)'([^']{1,30})'(?!\w)"
)
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


def asks_rendering(question: str) -> bool:
    """Does the question ask how something was interpreted or translated, or what the Chinese
    original said?"""
    original = _ASKS_ORIGINAL.search(question) and not _ASKED_IN.search(question)
    return bool(_ASKS_EN.search(question) or _ASKS_ZH.search(question) or original)


def _candidates(question: str) -> list[str]:
    """The phrases the question may be asking about, most explicit first: quoted ones, then
    one a Chinese question points at ("说的X"), then any Chinese in an English question."""
    found: list[str] = []
    for m in _QUOTED.finditer(question):
        found.append(next(g for g in m.groups() if g is not None).strip())
    if re.search(r"[\u3400-\u9fff]", question) and not re.search(r"[A-Za-z]{4,}", question):
        found += [m.group(1) for m in _SAID_ZH.finditer(question)]
    elif not found:
        found += _CJK_RUN.findall(question)
    return [f for f in found if f]


@functools.lru_cache(maxsize=4096)
def _syllables(char: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(char)).lower()


def _find_pinyin(letters: str, text: str) -> tuple[int, int] | None:
    """The span of `text` whose characters spell `letters` in toneless pinyin ("qianliu" ->
    千六), or None."""
    for i, ch in enumerate(text):
        if not ("\u3400" <= ch <= "\u9fff") or not letters.startswith(_syllables(ch)):
            continue
        spelt, j = "", i
        while j < len(text) and "\u3400" <= text[j] <= "\u9fff" and len(spelt) < len(letters):
            spelt += _syllables(text[j])
            j += 1
        if spelt == letters:
            return i, j
    return None


def find_phrase(
    phrase: str, chunks: Sequence[Chunk], speakers: Sequence[str] = ()
) -> Phrase | None:
    """Where a Chinese passage says `phrase` (characters, either script, or pinyin); a named
    speaker's passage first."""
    zh = [c for c in chunks if c.lang == "zh" and c.pair_id]
    zh.sort(key=lambda c: c.speaker not in speakers)  # (stable: transcript order otherwise)
    if re.search(r"[\u3400-\u9fff]", phrase):
        target = simplified(phrase)
        for chunk in zh:
            at = simplified(chunk.text).find(target)
            if at >= 0:
                return Phrase(chunk, at, at + len(target))
        return None
    letters = re.sub(r"[\s-]+", "", phrase.lower()).replace("ü", "v")
    if _PINYIN_WORD.match(phrase) and len(letters) >= 4:  # ("de", "ta": too short to tell)
        for chunk in zh:
            span = _find_pinyin(letters, chunk.text)
            if span:
                return Phrase(chunk, *span)
    # (an English phrase of the interpretation: its Chinese original is asked for)
    if len(_words(phrase)) == 0:
        return None
    en = [c for c in chunks if c.lang == "en" and c.pair_id]
    en.sort(key=lambda c: c.speaker not in speakers)
    pattern = re.compile(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", re.IGNORECASE)
    for chunk in en:
        if m := pattern.search(chunk.text):
            return Phrase(chunk, m.start(), m.end())
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
    if not asks_rendering(question):
        return None
    for phrase in _candidates(question):
        said = find_phrase(phrase, chunks, speakers)
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
            f"In the Chinese original ({speaker}), “{term}” was said in this sentence: "
            f"{quoted(original.text)} [1] (the interpretation: {quoted(english.text)} [2])"
        )
    return Draft(text=text, quotes=quotes, support=1.0)
