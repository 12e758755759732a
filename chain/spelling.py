"""Typo and case repair for typed questions: "aliababa cloud ebitda margn" asks about Alibaba
Cloud's EBITDA margin, "local services group" about Local Service Group.

People type questions on phones, in a hurry. A misspelt name or metric matches nothing in the
keyword index, the embedding drifts, and the answer step sees no word of its ask, so the
question is refused although the call answers it. A spell checker with a general dictionary
would also "repair" the call's own names (Quanzhantui, Ele.me) and the user's deliberate words,
so this one is narrow, and its dictionary is the indexed calls themselves:

- only Latin words of five letters or more are looked at;
- a word is left alone when it is an English word (a whole word of the MiniLM WordPiece
  vocabulary, ~22k words shipped with the model) or a word of the calls;
- it is replaced by the one word of the calls that is a single edit away (an insertion,
  deletion, substitution or swap of neighbours; two edits for words of eight letters or more)
  and starts with the same letter. When two words of the calls are equally close, the more
  frequent wins only if it is clearly more frequent; otherwise the word stays as typed;
- a word with no neighbour in the calls takes its English neighbour when there is exactly one
  ("analist": analyst), since the question's own words (who, asked, analyst) steer the answer.

A name the calls never mention ("Pinduoduo", "Temu") has no such neighbour and stays as typed,
so a question about something not in the call is still refused.

Names typed in lower case lose what marks them as names ("how much did local services group
lose?" must not be answered with AIDC's loss), so a lower-case word the calls always write
one capitalised way, not an English word ("aidc", "taobao"), takes the calls' spelling, and
so does a lower-case business name the calls or the business tables spell with capitals
("local services group" -> "Local Service Group").
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from chain.text import ABBREVIATIONS, METRIC_WORDS, PREDICATE_WORDS, STOPWORDS, wordset
from index.descriptions import known_names
from index.embed import MINILM_TOKENIZER
from index.stem import stems_of

MIN_LENGTH = 5  # shorter words have too many neighbours ("lose": loss, lost, love)
TWO_EDITS_FROM = 8  # words this long may be two edits away
CLEARLY_MORE = 3  # a tie between candidates is broken only by this ratio of frequencies

_WORD = re.compile(r"(?<![\w'’.-])[A-Za-z]+(?![\w'’-]|\.\w)")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The whole words of the MiniLM vocabulary (lower case), read from the shipped tokenizer."""
    try:
        vocab = json.loads(MINILM_TOKENIZER.read_text(encoding="utf-8"))["model"]["vocab"]
    except (OSError, ValueError, KeyError):  # (no tokenizer: only the calls' words count)
        return frozenset()
    return frozenset(w for w in vocab if w.isascii() and w.isalpha() and len(w) > 1)


@lru_cache(maxsize=1)
def glossary_words() -> frozenset[str]:
    """The English words of the glossaries (capex, payout, top line...) and of the question
    rules (stop words, metrics): words, not typos."""
    from index.glossary import EN_SYNONYMS, GLOSSARY

    texts = [*EN_SYNONYMS, *EN_SYNONYMS.values(), *GLOSSARY.values()]
    words = {w.lower() for t in texts for w in re.findall(r"[A-Za-z]+", t)}
    return frozenset(words | STOPWORDS | METRIC_WORDS | PREDICATE_WORDS)


@dataclass(frozen=True)
class CallWords:
    """What typed words are mended to: the calls' words with their counts (lower case), the
    words the calls always write one capitalised way, and their capitalised names."""

    counts: dict[str, int] = field(default_factory=dict)
    cased: dict[str, str] = field(default_factory=dict)  # "aidc" -> "AIDC"
    names: re.Pattern[str] | None = None  # lower-case "local services group"
    spelled: dict[str, str] = field(default_factory=dict)  # squashed name -> as written


# ("Our Taobao and Tmall Group" is Taobao and Tmall Group)
_GROUP_NAME = re.compile(
    r"\b(?:(?:Our|The|Its|This)\s+)?((?:[A-Z][\w-]*\s+(?:and\s+)?){1,4}(?:Group|Segment|Business))\b"
)


def call_words(texts: list[str]) -> CallWords:
    """The dictionary of typed-word repair, read from the calls' text (and the tables' names)."""
    counts: dict[str, int] = dict.fromkeys(glossary_words(), 1)
    forms: dict[str, set[str]] = {}
    names = {n for n in known_names() if " " in n and any(c.isupper() for c in n)}
    for text in texts:
        for word in re.findall(r"[A-Za-z]+", text):
            w = word.lower()
            counts[w] = counts.get(w, 0) + 1
            forms.setdefault(w, set()).add(word)
        names |= {" ".join(m.group(1).split()) for m in _GROUP_NAME.finditer(text)}
    cased = {
        w: next(iter(f))
        for w, f in forms.items()
        if len(f) == 1 and not next(iter(f)).islower() and w not in english_words() and len(w) > 2
    }
    spelled = {_key(n): n for n in sorted(names, key=len)}
    alternatives = "|".join(_typed(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{alternatives})\b") if alternatives else None
    return CallWords(counts, cased, pattern, spelled)


def _typed(name: str) -> str:
    """A pattern for a name as typed in lower case: plural s and "and" optional
    ("taobao tmall group", "local services group")."""
    words = name.lower().split()
    out = re.escape(words[0]) + "s?"
    for w in words[1:]:
        out += r"\s+(?:and\s+)?" if w == "and" else r"\s+" + re.escape(w) + "s?"
    return out.replace(r"(?:and\s+)?\s+", r"(?:and\s+)?")


def _key(name: str) -> str:
    """A name compared without case, spacing, "and" or plural s ("local services group")."""
    return "".join(w.lower().removesuffix("s") for w in name.split() if w.lower() != "and")


def _edits(word: str) -> set[str]:
    """Every string one edit away (Norvig's four edits)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + swaps + replaces + inserts)


def _within_two(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance (adjacent swaps) of at most two."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > 2:
            return False
        prev2, prev = prev, row
    return prev[-1] <= 2


_SUFFIXES = sorted(
    wordset("s es ed d er ers or ors ing ings ly ment ments tion tions ion ions al ally able ive"),
    key=len,
    reverse=True,
)


def _root(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


_ENDINGS = ("s", "es", "ed", "d", "ing", "er", "ers", "ly", "ment", "ments", "ness")


def _english(word: str) -> bool:
    """An English word or an inflection of one ("earns": earn; the vocabulary lists stems)."""
    vocab = english_words()
    if word in vocab:
        return True
    for end in _ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 3:
            base = word[: -len(end)]
            if (
                base in vocab
                or f"{base}e" in vocab
                or (base[-1:] == base[-2:-1] and base[:-1] in vocab)
            ):
                return True
    return False


def _inflected(word: str, other: str) -> bool:
    """One word is another form of the other ("summarize" / "summarized", "adopters" /
    "adopted"): a real word the vocabulary lacks, not a typo."""
    if stems_of({word}) & stems_of({other}):
        return True
    a, b = _root(word), _root(other)
    return (a.startswith(b) or b.startswith(a)) and abs(len(a) - len(b)) <= 1


_SHORTHAND = frozenset(k.lower() for k in ABBREVIATIONS)


def correction(word: str, known: Mapping[str, int]) -> str | None:
    """The word of the calls this typo stands for, or None (not a typo, or not sure which)."""
    w = word.lower()
    if len(w) < MIN_LENGTH or w in known or _english(w) or w in _SHORTHAND:
        return None  # (nor is shorthand a typo: "param" is no "parma")
    near = {e for e in _edits(w) if e in known and e[0] == w[0] and not _inflected(w, e)}
    if not near and len(w) >= TWO_EDITS_FROM:
        # (compared with the few call words of the same first letter and about the same
        # length: generating every string two edits away is ~10^5 lookups per word)
        near = {
            k
            for k in known
            if k[:1] == w[0]
            and abs(len(k) - len(w)) <= 2
            and _within_two(w, k)
            and not _inflected(w, k)
        }
    ranked = sorted(near, key=lambda e: -known[e])
    if not ranked:
        # (not a shorter word: "capex" is not a typo of "cape")
        english = {
            e for e in _edits(w) if e in english_words() and e[0] == w[0] and len(e) >= len(w)
        }
        return english.pop() if len(english) == 1 else None
    if len(ranked) > 1 and known[ranked[0]] < CLEARLY_MORE * known[ranked[1]]:
        return None
    return ranked[0]


def mend(text: str, words: CallWords, *, recase: bool = True) -> str:
    """The text with its typos replaced by the calls' words and (with `recase`) its lower-case
    names capitalised as the calls write them."""
    if not words.counts:
        return text

    def respelt(m: re.Match[str]) -> str:
        word = m.group(0)
        right = correction(word, words.counts)
        if right is None:
            return word
        return right.capitalize() if word[0].isupper() else right

    def named(m: re.Match[str]) -> str:
        typed = m.group(0)
        return words.spelled.get(_key(typed), typed) if typed.islower() else typed

    def cased(m: re.Match[str]) -> str:
        word = m.group(0)
        return words.cased.get(word, word) if word.islower() else word

    text = _WORD.sub(respelt, text)
    if not recase:
        return text
    text = words.names.sub(named, text) if words.names else text
    return _WORD.sub(cased, text)
