"""How well a transcript sentence matches the question's terms.

`Matcher` weighs the question's content words and numbers by IDF (numbers match in any of
their written forms, terms carried over from the previous turn count half); `semantic_match`
accepts a sentence the embedder finds close enough even with no words shared (paraphrases).
`chain.extract` ranks sentences with these scores.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence

from chain.ask import Ask, squash
from chain.draft import Corpus, Scored
from chain.text import (
    LANGUAGES,
    METRIC_STEMS,
    RELATIVE_STEMS,
    content_terms,
    glossary_expansion,
    is_chinese,
    stem,
)
from index.glossary import en_definitions, en_synonyms, zh_terms

# Semantic acceptance: a sentence the embedder finds close to the question, from one of the
# two passages retrieval ranked highest (dense and BM25 agree on them), answers it even when
# it shares no words with the question (paraphrases: "payout" for "dividend").
SEMANTIC_DENSE = 0.55
SEMANTIC_RANK = 1


def terms_of(text: str) -> set[str]:
    return set(content_terms(in_english(text)))


def same_number(term: str, text: str) -> bool:
    """A bare number in the question ("RMB 10 billion") is that number in the sentence, not a
    substring of another ("10%", "2010", "100"); codes ("88VIP") match squashed."""
    if not re.fullmatch(r"\d+(?:\.\d+)?", term):
        return True
    return bool(re.search(rf"(?<![\d.,]){re.escape(term)}(?![\d%]|[.,]\d)", text))


CARRIED_WEIGHT = 0.5
FRAMING = re.compile(
    r"^\W*(?:with|given|amid|amidst|despite|considering)\b[^,?]{3,120},\s*(?=\w)"
    # ... and the asker's own situation, a sentence before the question ("We'd pull weights
    # from a public hub. Where did they say the Qwen3 models are published?"); not a request
    # ("I need ...", "I'd like ...") and not when the question points back to it ("... it?",
    # "Is that right?", "What drove that?"): then it is the claim to check, and a sentence
    # with a figure ("I heard 88VIP reached 50 million.") is one too
    r"|^\W*(?:I|we)(?:['’](?:m|d|ve|re|ll))?\s+(?!(?:want|need|would|wonder|am\s+wondering"
    r"|['’]d\s+like|like)\b)[^?.!\d]{3,150}[.!]\s+(?=[^?]*\?\s*$)"
    r"(?![^?]*\b(?:it|its|them|that|this|these|those|he|she|him|her|his)\b)",
    re.IGNORECASE,
)
LONG_STEM = 8  # a question stem this long also matches longer words it begins


def carried_span(ask: Ask) -> re.Match[str] | None:
    """Where the follow-up's carried topic is in the question text (None if it has none)."""
    if not ask.carried:
        return None
    # (the carried text itself, where condense put it: a user's own "(year over year)" after
    # a carried "淘宝收入：" is the user's)
    topic = re.escape(ask.carried)
    return (
        re.search(rf"^({topic})[：:]", ask.text)
        or re.search(rf"\(({topic})\)", ask.text)
        # (or put in place of a pronoun: "what is <topic> money going to be spent on?")
        or re.search(rf"(?<!\w)({topic})(?!\w)", ask.text)
    )


# A comparison with the quarter before, as a question words it and as a call states it.
_VS_PREVIOUS_QUARTER = re.compile(
    r"\b(?:compared?\s+(?:with|to)\s+|versus\s+|vs\.?\s+|than\s+|from\s+)?(?:the\s+)?"
    r"(?:previous|prior|preceding)\s+(?:quarter|three\s+months|3\s+months)\b",
    re.IGNORECASE,
)


_ZH_VS_PREVIOUS_QUARTER = re.compile(r"上一?季|上个季度|环比|季增|季减")


YEAR_ON_YEAR = re.compile(r"year-over-year|year-on-year|\byoy\b", re.IGNORECASE)


SEQUENTIAL = re.compile(r"quarter-over-quarter|\bsequential(?:ly)?\b|\bqoq\b")


_PERIOD_WORDS = frozenset(("quarter", "three", "month"))


@functools.lru_cache(maxsize=256)
def vs_previous_quarter(question: str, zh: bool) -> frozenset[str]:
    """The question's terms of a comparison with the quarter before ("compared with the
    previous three months" -> {"compar", "previous"}; 跟上一季比 -> its glossary English
    "previous"), which a sentence saying "quarter-over-quarter" matches; empty when it makes
    none. (Once per question: the matcher and the ranking both ask.)"""
    if m := _VS_PREVIOUS_QUARTER.search(question):
        return frozenset(content_terms(m.group(0))) - _PERIOD_WORDS
    if m := SEQUENTIAL.search(question.lower()):
        # ("did margin fall sequentially?", "qoq": the question's own word for it)
        return frozenset(content_terms(m.group(0)))
    return (
        frozenset({"previous"}) if zh and _ZH_VS_PREVIOUS_QUARTER.search(question) else frozenset()
    )


class Matcher:
    """Key-term matching and IDF-weighted coverage for one question."""

    def __init__(self, ask: Ask, corpus: Corpus) -> None:
        self.ask = ask
        self.corpus = corpus
        self.sets = [s for s in (ask.key_terms, ask.alt_terms) if s]
        self.weights = {t: corpus.idf(t) for s in self.sets for t in s}
        # A follow-up's carried topic ("the bigger models (Qwen cloud demand)?") is context:
        # the follow-up's own words say what is new, so the topic's count half.
        # (In Chinese the topic is put before the question: "千问小模型云业务：那更大的模型呢?")
        carried = carried_span(ask)
        if carried:
            rest = (
                ask.text[carried.end() :]
                if ask.zh
                else ask.text[: carried.start()] + ask.text[carried.end() :]
            )
            own = set(content_terms(in_english(rest)))
            # (only when the follow-up names a subject of its own: in "阿里云：那利润端呢?"
            # the carried business is the subject, and the follow-up's words only metrics)
            if own - METRIC_STEMS - RELATIVE_STEMS - {t for t in own if not t.isascii()}:
                for t in set(content_terms(in_english(carried.group(1)))) - own:
                    if t in self.weights:
                        self.weights[t] *= CARRIED_WEIGHT
        # A framing clause is context too ("With export controls squeezing supply, is it
        # pulling back on data-center spending?"): what is asked follows it.
        frame = FRAMING.match(ask.text) if not ask.zh else None
        if frame:
            asked = set(content_terms(in_english(ask.text[frame.end() :])))
            framing = frame.group(0)
            framed = set(content_terms(framing)) | {
                t for _, words in en_synonyms(framing) for t in content_terms(words)
            }
            for t in framed - asked:
                if t in self.weights:
                    self.weights[t] *= CARRIED_WEIGHT
        # Names and codes also match with spacing ignored ("88VIP" ~ "88 VIP").
        self.codes = {
            t for s in self.sets for t in s if t in ask.entities or any(ch.isdigit() for ch in t)
        }
        # A code of letters only is a word, however spaced or dotted ("IR", "J.P. Morgan"):
        # not any run of its letters ("ir" is in "Chairman" and "first").
        self.word_codes = {
            t: re.compile(r"(?<![a-z])" + r"[\s.&'’-]*".join(map(re.escape, t)) + r"s?(?![a-z])")
            for t in self.codes
            if t.isalpha()
        }

        # A call-defined acronym and its expansion are one term: the acronym's term counts as
        # matched where the expansion is spelled out, and the expansion's terms where the
        # acronym is used ("CMR growth?" ~ "Customer management revenue increased by 12%").
        self.aliases = [
            (stem(acronym), squash(expansion), frozenset(content_terms(expansion)))
            for acronym, expansion in ask.acronyms
        ]
        self.per_unit = bool(_PER_UNIT.search(ask.text))  # "dividend per ADS?" keeps it
        # "compared with the previous three months" is what "quarter-over-quarter" says.
        self.sequential = vs_previous_quarter(ask.text, ask.zh)
        # A question word is answered where the call's words for its phrase are: any one of
        # a synonym's ("shopping festival": "campaign"), all of a definition's ("are its
        # losses shrinking?" by "its loss continued to narrow"; "which version wins if they
        # differ?" by "in the case of any discrepancy ... will prevail", not by "in the case
        # of cloud"). Each word maps to the sets of words that stand for it.
        self.call_words: dict[str, list[frozenset[str]]] = {}
        if not ask.zh:
            defined = en_definitions(ask.text)
            for phrase, words in en_synonyms(ask.text):
                own = set(content_terms(phrase))
                said = frozenset(content_terms(words)) - own
                sets = [said] if (phrase, words) in defined else [frozenset({w}) for w in said]
                for t in own if said else ():
                    self.call_words.setdefault(t, []).extend(sets)
        # A Chinese question's glossary English, per Chinese term (see concept_coverage):
        # "出海" is one idea ("international overseas cross-border"), covered by any of its
        # words, not a third of one by "international".
        self.units: list[frozenset[str]] = []
        if ask.zh and ask.alt_terms:
            alt = set(ask.alt_terms)
            grouped = [frozenset(content_terms(en)) & alt for _, en in zh_terms(ask.text)]
            self.units = list(dict.fromkeys(g for g in grouped if g))
            in_units = set().union(*self.units)
            self.units += [frozenset({t}) for t in ask.alt_terms if t not in in_units]

    def matched(self, text: str) -> frozenset[str]:
        if not self.per_unit:
            # "$0.95 per ADS" is a unit: no match for "where did the ADS close?"
            text = _PER_UNIT.sub(" ", text)
        terms = terms_of(text)
        flat = squash(text)
        lowered = text.lower()
        for acronym, spelled, expansion_terms in self.aliases:
            # (as a word: "tic" is in "logistics", "sai" in "said")
            if acronym in terms or re.search(rf"(?<![a-z]){re.escape(acronym)}(?![a-z])", lowered):
                terms |= expansion_terms
            elif spelled in flat:
                terms.add(acronym)
        if self.sequential and SEQUENTIAL.search(lowered):
            terms |= self.sequential
        if "language" in self.weights and terms & LANGUAGES:
            terms.add("language")  # "which languages?" ~ "in Chinese or English"
        return frozenset(
            t
            for s in self.sets
            for t in s
            if t in terms
            # (a verb's stem names its noun too: "deconsolidated" ~ "deconsolidation")
            or (len(t) >= LONG_STEM and t.isalpha() and any(x.startswith(t) for x in terms))
            or (
                t in self.codes
                and t in flat
                and same_number(t, text)
                and (t not in self.word_codes or bool(self.word_codes[t].search(lowered)))
            )
        )

    def part_coverage(self, matched: frozenset[str] | set[str], part: Sequence[str]) -> float:
        """IDF-weighted share of one part's terms that `matched` contains."""
        total = sum(self.weights.get(t, 0.0) for t in part)
        said = [
            t
            for t in part
            if t in matched or any(words <= matched for words in self.call_words.get(t, ()))
        ]
        return sum(self.weights.get(t, 0.0) for t in said) / total if total else 0.0

    def coverage(self, matched: frozenset[str] | set[str]) -> float:
        """The better of the question's two spellings (own words / glossary English)."""
        best = 0.0
        for keys in self.sets:
            total = sum(self.weights[k] for k in keys)
            if total:
                best = max(best, sum(self.weights[k] for k in keys if k in matched) / total)
        return best

    def concept_coverage(self, matched: frozenset[str] | set[str]) -> float:
        """`coverage`, a Chinese question's glossary English counted per Chinese term (for
        the refusal decision only: ranking keeps the word-level share, which separates
        near-equal sentences better)."""
        if not self.units:
            return self.coverage(matched)
        weights = [max(self.weights[t] for t in unit) for unit in self.units]
        got = sum(w for w, unit in zip(weights, self.units, strict=True) if unit & matched)
        return max(self.coverage(matched), got / sum(weights) if sum(weights) else 0.0)


def coverage_of(ask: Ask, matched: frozenset[str], corpus: Corpus) -> float:
    """How much of the question `matched` terms cover (see Matcher.coverage)."""
    return Matcher(ask, corpus).coverage(matched)


# The unit of a per-share figure ("$0.95 per ADS", "RMB 2 per share").
_PER_UNIT = re.compile(r"\b(?:per|a|each)\s+(?:ADSs?|American depositary shares?|shares?)\b", re.I)


def in_english(text: str) -> str:
    """`text`, and for Chinese its glossary English ("资本开支" -> "capex capital expenditure")."""
    return f"{text} {glossary_expansion(text)}" if is_chinese(text) else text


def semantic_match(row: Scored) -> bool:
    """Close in meaning to the question and from a top-ranked passage (see SEMANTIC_DENSE).
    Never for a Chinese sentence: the English-only embedder's score for it is noise."""
    return row.dense >= SEMANTIC_DENSE and row.rank <= SEMANTIC_RANK and not is_chinese(row.text)


def idf_table(texts: Sequence[str]) -> Callable[[str], float]:
    """term -> log(1 + N / (1 + df)); unseen terms get the highest weight."""
    df: dict[str, int] = {}
    for text in texts:
        for term in terms_of(text):
            df[term] = df.get(term, 0) + 1
    n = max(1, len(texts))
    top = math.log(1 + n)

    def idf(term: str) -> float:
        return math.log(1 + n / (1 + df[term])) if term in df else top

    return idf
