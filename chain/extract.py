"""The offline answerer: pick the transcript sentences that answer the question and quote them.

No model writes anything here: the answer is attribution + verbatim quotes, so every number
it states appears verbatim in a cited quote (numeric faithfulness holds by construction).

Content questions: every sentence of the retrieved passages is scored against the question
(embedding similarity + IDF-weighted overlap of content words and numbers + a bonus when a
figure is asked and the sentence has one); the best 1-3 sentences from different passages are
quoted, adding a sentence when it covers another part of a multi-part question. When the
question asks for names ("which businesses...") and a quote only restates it or announces a list,
the quote runs on over the next sentences of its passage that name the answer. Metadata
questions (who spoke / asked / answered, which firm) are answered in `chain.meta`.

Refusal is decided here, from the sentences, not from retrieval scores: a name the call never
mentions, a figure asked for but none stated, the counted thing ("how many parameters") absent,
or key-term coverage below `settings.refusal_threshold` -> "The transcript does not say."
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from chain.ask import ASKS_NAME, Ask, squash
from chain.cite import Number, find_numbers
from chain.clauses import without_glosses
from chain.draft import Corpus, Draft, Quote, Scored, quoted, refusal_text, said, who
from chain.text import (
    LANGUAGES,
    METRIC_STEMS,
    METRIC_WORDS,
    MONTHS,
    RELATIVE_STEMS,
    STOPWORDS,
    content_terms,
    glossary_expansion,
    has_digit,
    is_chinese,
    sentence_spans,
    spells_count,
    states_figure,
    stem,
    wordset,
)
from chain.turns import (
    EN_COUNTS,
    ZH_COUNTS,
    is_instructions,
    is_introduction,
    join_names,
    opening_sentence,
    question_sentences,
    recaps_an_announcement,
    sentence_size,
    takes_the_question,
)
from index.acronyms import STANDARD_TERMS
from index.descriptions import business_name_pattern, known_names
from index.glossary import name_defined_metrics, zh_terms
from ingest.models import Chunk
from ingest.parse import POINTS_BACK

MAX_QUOTES = 3
PART_CANDIDATES = 2  # sentences tried per part of a multi-part question (see _pick)
# How much a part's candidate is marked down for also covering the other parts: the sentence
# about this part alone is its quote (0.3 -> 0.5: one more right answer, no loss, all sets).
SPILL_WEIGHT = 0.5
# Semantic acceptance: a sentence the embedder finds close to the question, from one of the
# two passages retrieval ranked highest (dense and BM25 agree on them), answers it even when
# it shares no words with the question (paraphrases: "payout" for "dividend").
SEMANTIC_DENSE = 0.55
SEMANTIC_RANK = 1
SECOND_QUOTE_RATIO = 0.85  # a further quote must score this close to the best one...
PART_GAIN = 0.15  # ...or cover at least this much more of a multi-part question
PART_SUPPORT = 0.5  # a sentence covering this much of one part's terms answers that part
PART_PASSAGE_COVERAGE = 0.75  # a part's passage naming this much of its terms has not drifted
# An extra quote (beyond the first) must be at least this close in meaning to the question
# (or semantically accepted): sharing one question word is not enough to be cited.
EXTRA_DENSE = 0.45


# ---------------------------------------------------------------------------------------------
# Attribution
# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------


def _terms_of(text: str) -> set[str]:
    return set(content_terms(_in_english(text)))


def same_number(term: str, text: str) -> bool:
    """A bare number in the question ("RMB 10 billion") is that number in the sentence, not a
    substring of another ("10%", "2010", "100"); codes ("88VIP") match squashed."""
    if not re.fullmatch(r"\d+(?:\.\d+)?", term):
        return True
    return bool(re.search(rf"(?<![\d.,]){re.escape(term)}(?![\d%]|[.,]\d)", text))


CARRIED_WEIGHT = 0.5


def _carried(ask: Ask) -> re.Match[str] | None:
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
_YEAR_ON_YEAR = re.compile(r"year-over-year|year-on-year|\byoy\b", re.IGNORECASE)


_SEQUENTIAL = re.compile(r"quarter-over-quarter|\bsequential(?:ly)?\b|\bqoq\b")
_PERIOD_WORDS = frozenset(("quarter", "three", "month"))


@functools.lru_cache(maxsize=256)
def _vs_previous_quarter(question: str, zh: bool) -> frozenset[str]:
    """The question's terms of a comparison with the quarter before ("compared with the
    previous three months" -> {"compar", "previous"}; 跟上一季比 -> its glossary English
    "previous"), which a sentence saying "quarter-over-quarter" matches; empty when it makes
    none. (Once per question: the matcher and the ranking both ask.)"""
    if m := _VS_PREVIOUS_QUARTER.search(question):
        return frozenset(content_terms(m.group(0))) - _PERIOD_WORDS
    return (
        frozenset({"previous"}) if zh and _ZH_VS_PREVIOUS_QUARTER.search(question) else frozenset()
    )


class _Matcher:
    """Key-term matching and IDF-weighted coverage for one question."""

    def __init__(self, ask: Ask, corpus: Corpus) -> None:
        self.ask = ask
        self.corpus = corpus
        self.sets = [s for s in (ask.key_terms, ask.alt_terms) if s]
        self.weights = {t: corpus.idf(t) for s in self.sets for t in s}
        # A follow-up's carried topic ("the bigger models (Qwen cloud demand)?") is context:
        # the follow-up's own words say what is new, so the topic's count half.
        # (In Chinese the topic is put before the question: "千问小模型云业务：那更大的模型呢?")
        carried = _carried(ask)
        if carried:
            rest = (
                ask.text[carried.end() :]
                if ask.zh
                else ask.text[: carried.start()] + ask.text[carried.end() :]
            )
            own = set(content_terms(_in_english(rest)))
            # (only when the follow-up names a subject of its own: in "阿里云：那利润端呢?"
            # the carried business is the subject, and the follow-up's words only metrics)
            if own - METRIC_STEMS - RELATIVE_STEMS - {t for t in own if not t.isascii()}:
                for t in set(content_terms(_in_english(carried.group(1)))) - own:
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
        self.sequential = _vs_previous_quarter(ask.text, ask.zh)
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
        terms = _terms_of(text)
        flat = squash(text)
        lowered = text.lower()
        for acronym, spelled, expansion_terms in self.aliases:
            # (as a word: "tic" is in "logistics", "sai" in "said")
            if acronym in terms or re.search(rf"(?<![a-z]){re.escape(acronym)}(?![a-z])", lowered):
                terms |= expansion_terms
            elif spelled in flat:
                terms.add(acronym)
        if self.sequential and _SEQUENTIAL.search(lowered):
            terms |= self.sequential
        if "language" in self.weights and terms & LANGUAGES:
            terms.add("language")  # "which languages?" ~ "in Chinese or English"
        return frozenset(
            t
            for s in self.sets
            for t in s
            if t in terms
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
        return sum(self.weights.get(t, 0.0) for t in part if t in matched) / total if total else 0.0

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
    """How much of the question `matched` terms cover (see _Matcher.coverage)."""
    return _Matcher(ask, corpus).coverage(matched)


def score_sentences(
    ask: Ask, chunks: Sequence[Chunk], corpus: Corpus, matcher: _Matcher | None = None
) -> list[Scored]:
    """Every sentence of `chunks` (in retrieval order) scored against the question."""
    matcher = matcher or _Matcher(ask, corpus)
    rows: list[Scored] = []
    codes = _code_forms(ask, corpus)
    subjects = subject_names(ask)
    for rank, chunk in enumerate(chunks):
        chunk_cov = matcher.coverage(matcher.matched(chunk.text))
        if ask.asks_disclosure and chunk_cov < 1.0 and DECLINES.search(chunk.text):
            # ("Did he give any numbers on 618?": "Because the campaign hasn't started, I'm
            # not in a position to share ..." follows "Coming to the 618 campaign" in the
            # same turn, a passage earlier: what he declines is what that passage is about.)
            chunk_cov = max(chunk_cov, _passage_before_coverage(chunk, corpus, matcher))
        chunk_flat = squash(chunk.embed_text)
        names_ok = not codes or any(names_in(forms, chunk_flat) for forms in codes)
        before = ""
        before_matched: frozenset[str] = frozenset()
        for s, e in sentence_spans(chunk.text):
            text = chunk.text[s:e]
            window = squash(f"{before} {_without_drivers(text)}")
            before = text
            own = matcher.matched(text)
            # "One thing about this instant retail market ... / Today, it could be a market of
            # 500-600 million consumers": a sentence about "it" is about what the one before
            # named (spoken answers name the topic once, then give the figure).
            refers = _REFERS_BACK.match(text) or _OF_THAT.match(text)
            matched = own | before_matched if refers else own
            before_matched = own
            # ("How many shoppers are in the loyalty tier?" counts the 88VIP members.)
            counted = bool(ask.counted) and (
                ask.counted in _terms_of(text)
                or ask.counted in squash(text)
                or any(squash(name) in squash(text) for name in ask.described)
                or (ask.counted in _PEOPLE_COUNTED and bool(_USERS_BY_ANOTHER_NAME.search(text)))
            )
            rows.append(
                Scored(
                    chunk=chunk,
                    rank=rank,
                    start=s,
                    end=e,
                    text=text,
                    matched=matched,
                    # (a speaker declining to give figures is as much about the topic as
                    # the turn he declines in: "did he give any numbers on 618?")
                    lexical=max(matcher.coverage(matched), chunk_cov)
                    if ask.asks_disclosure and DECLINES.search(text)
                    else matcher.coverage(matched),
                    chunk_lexical=chunk_cov,
                    dense=0.0,
                    has_figure=_has_figure(ask, text),
                    has_counted=counted,
                    has_cause=ask.wants_cause and _gives_cause(Quote(chunk, s, e, 0.0)),
                    has_future=bool(ask.wants_future and _FUTURE.search(text)),
                    names_ok=names_ok,
                    names_subject=not subjects or any(names_in(n, window) for n in subjects),
                )
            )
    if rows:
        # The question's acronyms spelled out (and vice versa), as the retriever expands them.
        spelled = " ".join(a if a not in ask.text else e for a, e in ask.acronyms)
        query = corpus.embed_query(f"{ask.retrieval_query or ask.text} {spelled}".strip())
        sims = corpus.embed([r.text for r in rows]) @ query
        for row, sim in zip(rows, sims, strict=True):
            row.dense = float(sim)
    for row in rows:
        row.score = _rank_score(ask, row)
    return rows


YEAR = re.compile(r"^(?:19|20)\d\d$")

_MONTHS = frozenset(MONTHS)
# The unit of a per-share figure ("$0.95 per ADS", "RMB 2 per share").
_PER_UNIT = re.compile(r"\b(?:per|a|each)\s+(?:ADSs?|American depositary shares?|shares?)\b", re.I)
# "The results of that trial have vastly exceeded ...": about what the sentence before named.
_OF_THAT = re.compile(
    r"^\W*(?:the|our|its)\s+[a-z]+\s+(?:of|from|in)\s+(?:that|this|these|those)\s+"
    r"(?!quarter|year|month|period|time)[a-z]+",
    re.IGNORECASE,
)
# A sentence whose subject is a pronoun: "Today, it could be ...", "That could easily be ...".
_REFERS_BACK = re.compile(
    r"^\W*(?:(?:today|now|so|and|but|also|here|going forward|in the future)\W+)?"
    r"(?:it|this|that|these|they)\s+(?:could|would|will|can|may|might|is|was|are|were|has|have"
    r"|had|should|must)\b",  # (a pronoun, not a determiner: not "This increase reflects")
    re.IGNORECASE,
)


# "..., driven by / due to / partly offset by ...": what moved a figure, after the figure.
_DRIVERS = re.compile(
    r"[,;]?\s*\b(?:(?:primarily|mainly|largely|partly|partially)\s+)?(?:driven\s+by|due\s+to"
    r"|thanks\s+to|fu(?:el)?led\s+by|attributable\s+to|offset\s+by|as\s+a\s+result\s+of)\b",
    re.IGNORECASE,
)


# A driver clause up to where the sentence goes on to another figure (", while Adjusted
# EBITDA loss was ...") or ends.
_DRIVER_CLAUSE = re.compile(
    _DRIVERS.pattern + r"[^;]*?(?=,\s*(?:while|whereas|and\s+(?:its|our|the))\b|;|$)", re.I
)


def _without_drivers(text: str) -> str:
    """The sentence without what drove its figure: "Revenue from Local Service Group grew 10%,
    driven by ... Amap and Ele.me" states Local Services' growth, not Amap's."""
    first = re.search(r"\d", text)
    m = _DRIVERS.search(text, first.end()) if first else None
    return text[: m.start()] if m else text


def subject_names(ask: Ask) -> list[tuple[str, ...]]:
    """The names an English figure question is about, each with its accepted spellings
    (squashed): runs of capitalised words that Ask.entities keeps (so no speaker or company
    name), less metrics ("EBITDA"), units, months and qualifiers: "Local Services Group" ->
    ("local", "localservice", "localservices"). The first word alone also matches ("Cloud"
    for "Cloud Intelligence"), and a call-defined acronym its expansion ("TTG" ~ "Taobao and
    Tmall Group"). A figure stated for another business is no answer, so the quote (or the
    sentence before it, for "Its margin ...") must name one of them. Not for a question in
    several parts naming different businesses: a name may belong to one part only ("Cloud
    growth? What about AIDC?"); a sub-query is checked on its own."""
    if not ask.wants_number or not _one_subject(ask):
        return []
    if ask.zh:
        return _zh_subject_names(ask)
    expansions = _spelled_out(ask, short=True)
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9&'’.-]*[A-Za-z0-9]|[A-Za-z0-9]", ask.text)
    words = [w.removesuffix("'s").removesuffix("’s") for w in words]

    def named(i: int) -> bool:
        w = words[i]
        if not w[0].isupper() or any(ch.isdigit() for ch in w):
            return False
        low = w.lower()
        if stem(w) in METRIC_WORDS | HEAD_METRICS or low in _MONTHS | _NOT_SUBJECT_CAPS:
            return False
        if squash(w) in ask.entities:  # (no speaker, company, meta or stop word)
            return True
        # Ask.entities skips the question's capitalised first word; it still opens a name
        # when the next word is one ("Cloud Intelligence revenue growth?").
        return (
            i == 0
            and low not in STOPWORDS | _OPENERS
            and len(words) > 1
            and squash(words[1]) in ask.entities
        )

    names: list[tuple[str, ...]] = []
    run: list[str] = []
    for i in range(len(words) + 1):
        if i < len(words) and named(i):
            run.append(words[i])
            continue
        if run:
            raw, stemmed = squash(" ".join(run)), squash(" ".join(stem(w) for w in run))
            forms = {raw, stemmed, squash(run[0]), stem(run[0])}
            forms |= {e for f in (raw, stemmed) for e in expansions.get(f, ())}
            # (and the call's acronym of a name it is part of: "Taobao" ~ "TTG's EBITDA")
            forms |= {squash(a) for a, long in ask.acronyms if raw in squash(long)}
            forms = {f for f in forms if len(f) >= 3}  # (shorter ones are in too many words)
            if forms:
                names.append(tuple(sorted(forms)))
            run = []
    # A business described as one, not named ("the cloud segment" -> Alibaba Cloud), too.
    if not names and _A_BUSINESS.search(ask.text):
        names += [_name_forms(name, ask.company_words) for name in ask.described]
    return [n for n in names if n]


_A_BUSINESS = re.compile(r"\b(?:segment|group|unit|division|arm|business)\b", re.IGNORECASE)


def _name_forms(name: str, company_words: Sequence[str]) -> tuple[str, ...]:
    """A business name's spellings, squashed: whole, without the company's own words, and its
    first other word ("Alibaba Cloud" -> "alibabacloud", "cloud")."""
    ours = {w.lower() for w in company_words}
    own = [w for w in re.findall(r"[A-Za-z0-9.&-]+", name) if w.lower() not in ours]
    forms = {squash(name), squash(" ".join(own)), squash(own[0]) if own else ""}
    return tuple(sorted(f for f in forms if len(f) >= 3 and f not in ("group", "and")))


def _zh_subject_names(ask: Ask) -> list[tuple[str, ...]]:
    """A Chinese figure question's businesses: its glossary terms whose English is a name
    ("阿里云" -> Alibaba Cloud, "本地生活" -> Local Service), so "本地生活集团的EBITDA亏损"
    is not answered by AIDC's loss."""
    names = []
    carried = _carried(ask)  # (a follow-up's carried topic is context)
    # (a parenthesised example is no subject: "海外网购生意(速卖通那些)" is AIDC's)
    own = without_glosses(ask.text[carried.end() :] if carried else ask.text)
    for _, english in zh_terms(own):
        first = english.split()[0]
        if (
            first[:1].isupper()
            and first.lower() not in _NOT_SUBJECT_CAPS | _UNITS
            and stem(first) not in METRIC_WORDS | HEAD_METRICS
        ):
            names.append(_name_forms(english, ask.company_words))
    if not names and len(ask.described) == 1:  # ("海外网购生意": described, never named)
        names.append(_name_forms(ask.described[0], ask.company_words))
    # (several names may be one business: "高德加饿了么那块业务" is Local Services)
    return [n for n in names if n] if len(names) == 1 else []


_UNITS = wordset("us$ usd rmb hkd hk$ cny us dollar dollars yuan")


def _name_words(text: str) -> set[str]:
    """The words of `text` as Ask.entities spells names ("AIDC's" -> "aidc")."""
    return {squash(w) for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9&.-]*", text)}


def _one_subject(ask: Ask) -> bool:
    """Every part of the question is about the names of its first part ("TTG's revenue and
    adjusted EBITDA"; "AIDC's revenue, and what was the growth rate?"), or it has one part."""
    names = {e for e in ask.entities if stem(e) not in METRIC_WORDS | HEAD_METRICS}
    if not names and ask.described:
        # (no name, one business described: "Cloud segment: revenue vs EBITDA growth")
        return len(set(ask.described)) == 1
    if ask.parts:
        first, *rest = (names & set(p) for p in ask.parts)
        if not first or any(not part <= first for part in rest):
            return False
    if ask.sub_queries:
        first, *rest = (names & _name_words(q) for q in ask.sub_queries)
        if not first or any(not sub <= first for sub in rest):
            return False
    return True


# Capitalised because they open the question ("Compare Cloud and AIDC ..."), not names.
_OPENERS = wordset("give show tell compare list name describe explain summarize walk break please")
_NOT_SUBJECT_CAPS = wordset("rmb usd us gaap non-gaap yoy qoq fy adjusted q&a ceo cfo ai")


def question_codes(ask: Ask) -> list[str]:
    """The question's acronyms and alphanumeric codes ("GMV", "88VIP", "Qwen3"), squashed.

    Unlike ordinary capitalised words ("March", "Cloud") these are exact names: a passage that
    lacks them is about something else.
    """
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9&.-]*[A-Za-z0-9]", ask.text)
    out = []
    for w in words:
        is_acronym = len(w) >= 2 and w.isupper() and w.isalpha()
        is_code = bool(re.search(r"\d", w) and re.search(r"[A-Za-z]", w))
        if (is_acronym or is_code) and squash(w) in ask.entities:
            out.append(squash(w))
    return out


def _code_forms(ask: Ask, corpus: Corpus) -> list[tuple[str, ...]]:
    """Each of the question's codes (`question_codes`) with its other spellings: an acronym
    the call spells out is also present where its expansion is ("CMR" ~ "customer management
    revenue"), a fiscal year where it is written out or named as the call names it ("the new
    fiscal year"); initials the call never uses where the group's short name is ("CIG" ~
    "Cloud's", as the call says after "Cloud Intelligence Group" once)."""
    spelled, short = _spelled_out(ask), _spelled_out(ask, short=True)
    return [
        (*_spellings(code), *(spelled if corpus.mentions(code) else short).get(code, ()))
        for code in question_codes(ask)
    ]


def _spelled_out(ask: Ask, short: bool = False) -> dict[str, list[str]]:
    """The question's call-defined acronyms, squashed, to their squashed expansions (and, if
    `short`, a group's short name: "CIG" ~ "Cloud Intelligence Group" ~ "Cloud's")."""
    out: dict[str, list[str]] = {}
    for a, e in ask.acronyms:
        out.setdefault(squash(a), []).append(squash(e))
        if short and _GROUP_HEAD.search(e) and len(e.split()) >= 3:
            out[squash(a)].append(squash(e.split()[0]))
    return out


_GROUP_HEAD = re.compile(r"\bgroup$", re.IGNORECASE)


def names_in(forms: Sequence[str], flat: str) -> bool:
    """Is one of a code's spellings in the squashed text?"""
    return any(form in flat for form in forms)


def _has_figure(ask: Ask, text: str) -> bool:
    """A figure other than the ones the question itself states ("fiscal 2026" is no answer),
    unless it offers them to check ("was it 7% or 10%?")."""
    for num in () if ask.offers_figures else ask.question_numbers:
        text = re.sub(rf"(?<![\d.]){re.escape(num)}(?![\d])", " ", text)
    if ask.wants_amount:
        # A sum of money, not a scaled count ("1 billion consumers", "10亿用户").
        return any(
            n.kind == "amount" and (n.currency or not _COUNT_OF_PEOPLE.match(text[n.end :]))
            for n in find_numbers(text)
        )
    if ask.wants_absolute:
        text = _NOT_FIGURES.sub(" ", text)
        return any(not _is_change(n, text) for n in find_numbers(text))
    if ask.wants_count:
        # A count is a number of things: no percentage and no sum of money ("RMB 101.4
        # billion" is no number of users), whether in digits or in words.
        plain = _NOT_FIGURES.sub(" ", text)
        numbers = find_numbers(plain)
        if any(n.kind == "plain" or (n.kind == "amount" and not n.currency) for n in numbers):
            return True
        for n in numbers:
            plain = plain[: n.start] + " " * (n.end - n.start) + plain[n.end :]
        return spells_count(plain)
    if ask.wants_share:
        # A share is a percentage that is no change ("9% growth" is no share of revenue).
        return any(n.kind == "percent" and not _is_change(n, text) for n in find_numbers(text))
    if ask.wants_exact and re.search(r"\bpercent|%|百分", ask.text, re.IGNORECASE):
        return any(n.kind == "percent" for n in find_numbers(text))  # ("how many % exactly?")
    if ask.wants_number and not ask.counted and not is_chinese(text):
        # A growth rate, margin or amount is written in digits; a spelled-out count ("two
        # major drivers of growth") only answers "how many" questions, and a year, a date or
        # a span of time ("in fiscal year 2026", "the next 10 to 20 years") is no figure.
        # ("grew by double digits" states a growth rate, in words)
        digits = has_digit(_NOT_FIGURES.sub(" ", text))
        return digits or (not ask.wants_exact and bool(_DIGITS_IN_WORDS.search(text)))
    if ask.wants_exact:
        return has_digit(_NOT_FIGURES.sub(" ", text))  # (an exact figure is in digits)
    return states_figure(text)


_COUNT_OF_PEOPLE = re.compile(
    r"\s*(?:(?:active|annual|monthly|daily|paying|new)\s+)?"
    r"(?:users?|consumers?|customers?|buyers?|shoppers?|members?|people|merchants?|sellers?"
    r"|developers?|downloads?|subscribers?)\b"
    r"|\s*(?:的)?(?:用户|消费者|客户|买家|会员|人(?!民)|商家|开发者|下载)",
    re.IGNORECASE,
)
_DIGITS_IN_WORDS = re.compile(
    r"\b(?:(?:high|low|mid)[- ])?(?:single|double|triple)[- ]digits?\b", re.I
)


# A percentage right after a verb of change or "by" ("grew 18%", "decreased by 12%"), or
# right before "growth"/"increase"/"year-over-year", states a change, not a level.
_CHANGE_BEFORE = re.compile(
    r"(?:\bby|\bgr[eo]w\w*|\bincreas\w*|\bdecreas\w*|\bdeclin\w*|\brose|\bfell|\bup|\bdown"
    r"|\b(?:expand|contract|improv|narrow|widen|shr[iu]nk)\w*"
    r"|\b(?:increase|decrease|decline|rise|fall|drop|improvement)\s+of"
    r"|\b(?:accelerat|decelerat|slow)\w*\s+to|增长|下降|提升)"
    r"\s*(?:about|around|approximately|nearly|over|more than)?\s*$"
    r"|\bgrowth\b[^\d%.;]{0,30}$",  # "revenue growth accelerated to 18%"
    re.IGNORECASE,
)
_CHANGE_AFTER = re.compile(
    r"^\s*(?:growth|increase|decrease|decline|year[- ]over[- ]year|quarter[- ]over[- ]quarter"
    r"|yoy|qoq)\b",
    re.IGNORECASE,
)
_POINTS_AFTER = re.compile(r"^\s*(?:percentage\s+)?(?:points?|pts?)\b", re.IGNORECASE)


def _is_change(num: Number, text: str) -> bool:
    """A change ("down 1.9 percentage points", "grew 18%", "an increase of 22%"), not a level
    ("a margin of 15%", "driven by 3 new products")."""
    if num.kind == "points":
        return True
    if num.kind == "plain" and not _POINTS_AFTER.match(text[num.end :]):
        return False  # ("by 1.9 points": "points" alone is no unit find_numbers reads)
    if num.kind not in ("percent", "plain"):
        return False
    return bool(
        _CHANGE_BEFORE.search(text[max(0, num.start - 40) : num.start])
        or _CHANGE_AFTER.match(text[num.end :])
    )


_NOT_FIGURES = re.compile(
    r"\b(?:19|20)\d{2}\b(?![.,]\d|\s*(?:%|percent|billion|million))"
    r"|\b\d+(?:st|nd|rd|th)\b"
    r"|\b\d+(?:\s*(?:to|-|–|or)\s*\d+)?\s+(?:years?|months?|weeks?|days?|hours?)\b",
    re.IGNORECASE,
)


_PAYOUT = r"(?:[\w-]+\s+){0,2}(?:dividends?|payouts?|distributions?)\b"

# Metric qualifiers: "GAAP net income" and "non-GAAP net income" are different figures that
# share every word, so a question naming one qualifier prefers sentences with it and is
# steered away from sentences carrying the opposite one.
_QUALIFIERS: dict[str, re.Pattern[str]] = {
    # (no \b around "gaap": "GAAP净利润" has no word boundary between the two scripts)
    "non_gaap": re.compile(r"\bnon[-–—\s]?gaap(?![a-z])|非\s*gaap|非公认会计准则", re.I),
    "gaap": re.compile(
        r"(?<![a-z\-–—])(?<!non )(?<!非)(?<!非 )gaap(?![a-z])|(?<!非)公认会计准则",
        re.I,
    ),
    "adjusted": re.compile(r"\badjusted\b|经调整|调整后", re.I),
    "excluding": re.compile(r"\bexclud(?:e|es|ed|ing)\b|\bex-|剔除|不包括|除去", re.I),
    "net": re.compile(r"\bnet\b|净", re.I),
    "gross": re.compile(r"\bgross\b|毛(?:利|收入|额)", re.I),
    "free": re.compile(r"\bfree\s+cash|自由现金", re.I),
    # A recurring dividend as against a one-off one ("the regular yearly payout").
    "regular": re.compile(
        rf"\b(?:regular|annual|yearly|ordinary|recurring)\s+{_PAYOUT}|(?:常规|年度)(?:股息|分红)",
        re.I,
    ),
    "special": re.compile(
        rf"\b(?:special|one[- ](?:time|off))\s+{_PAYOUT}|特别(?:股息|分红|派息)", re.I
    ),
}
_OPPOSITE = {
    "non_gaap": "gaap",
    "gaap": "non_gaap",
    "net": "gross",
    "gross": "net",
    "regular": "special",
    "special": "regular",
}
QUALIFIER_BONUS = 0.06
QUALIFIER_PENALTY = 0.15


@functools.lru_cache(maxsize=4096)
def qualifiers(text: str) -> frozenset[str]:
    """The metric qualifiers a text carries ("non_gaap", "gaap", "adjusted", "net", ...)."""
    found = {name for name, pattern in _QUALIFIERS.items() if pattern.search(text)}
    if "non_gaap" in found:
        found.add("adjusted")  # non-GAAP measures are the adjusted ones
    return frozenset(found)


def qualifier_fit(question: str, sentence: str) -> float:
    """Bonus per question qualifier the sentence shares; penalty when it has the opposite
    one and not the asked one ("non-GAAP net income" for a "GAAP net income" question)."""
    asked = qualifiers(question)
    if not asked:
        return 0.0
    has = qualifiers(sentence)
    fit = 0.0
    for q in asked:
        if q in has:
            fit += QUALIFIER_BONUS
        elif _OPPOSITE.get(q) in has and _OPPOSITE[q] not in asked:
            # (both asked, "non-GAAP and GAAP net income": each sentence answers a part)
            fit -= QUALIFIER_PENALTY
    return fit


# "Gross margin" and "EBITDA margin" share the head word but are different figures: a sentence
# that states another kind of margin (or profit) than the one asked, and not the asked one, is
# no answer.
_KINDS = r"gross|operating|ebitda|ebita|net|contribution|segment"
_KIND_OF = re.compile(rf"\b({_KINDS})\s+(margins?|profits?|income)\b", re.I)


# What a figure is a figure of: a question asking for one of these wants a sentence that names
# it ("gross margin?" is not answered by "revenue growth accelerated to 18%").
HEAD_METRICS = wordset(
    "revenue sale margin profit income loss ebita ebitda cash capex dividend repurchase buyback "
    "user member order gmv parcel shipment debt leverage"
)


# "EBITDA margin" names one figure, a margin; "EBITDA and margin" two.
_MARGIN_ONLY = re.compile(
    r"\b(?:ebitda|ebita|gross|operating|net|profit|contribution|segment)\s+margins?\b", re.I
)
_OTHER_METRIC = re.compile(r"\b(?:ebitda|ebita|profit|income|revenue|earnings)\b", re.I)
# A count of users, in the words calls also use for them ("how many people ...?" counts
# them too).
_USERS_BY_ANOTHER_NAME = re.compile(
    r"\b(?:users|consumers|customers|buyers|shoppers|members|subscribers|people)\b", re.I
)
_PEOPLE_COUNTED = frozenset({"user", "person", "people", "customer", "consumer", "shopper"})


def _names_the_metric(ask: Ask, row: Scored) -> bool:
    """The sentence names the asked metric in either spelling of the question (its own words
    or the call's: "payout" or "dividend")."""
    # (A Chinese question's own Chinese terms name no English metric: its Latin words and its
    # glossary English do.)
    latin = tuple(t for t in ask.key_terms if t.isascii())
    for terms in ((*latin, *ask.alt_terms),) if ask.zh else (ask.key_terms, ask.alt_terms):
        asked = {t for t in terms if t in HEAD_METRICS}
        if (
            "margin" in asked
            and _MARGIN_ONLY.search(ask.text)
            and not _OTHER_METRIC.search(_MARGIN_ONLY.sub(" ", ask.text))
        ):
            asked = {"margin"}  # the head of "EBITDA margin": EBITDA's growth is no margin
        if (
            asked
            and "margin" not in asked
            and _MARGIN_ONLY.search(row.text)
            and not _OTHER_METRIC.search(_MARGIN_ONLY.sub(" ", row.text))
        ):
            continue  # ... and an EBITDA margin is no EBITDA ("adjusted EBITDA, with growth?")
        # (named as what the figure is, not only as what drove it: "EBITDA increased 36%,
        # primarily attributable to revenue growth" states no revenue)
        literal = asked & _terms_of(row.text)
        if literal and not literal & _terms_of(_DRIVER_CLAUSE.sub(" ", row.text)):
            continue
        if terms and (not asked or asked & row.matched):
            return True
        if "user" in asked and _USERS_BY_ANOTHER_NAME.search(row.text):
            return True  # ("用户规模" ~ "a market of 500-600 million consumers")
    return not ask.key_terms and not ask.alt_terms


def _kinds(text: str) -> dict[str, set[str]]:
    """{"margin": {"gross", "operating"}, ...}: the kinds of each metric a text names."""
    out: dict[str, set[str]] = {}
    for m in _KIND_OF.finditer(text):
        out.setdefault(m.group(2).lower().rstrip("s"), set()).add(m.group(1).lower())
    return out


# A kind of revenue: "customer management revenue" is not the segment's revenue.
_REVENUE_KIND = re.compile(
    r"\b(?:customer\s+management|marketing(?:\s+services)?|commission|advertising|subscription"
    r"|membership)\s+revenues?\b|\bCMR\b",
    re.IGNORECASE,
)


def _another_kind_of_revenue(question: str, sentence: str) -> bool:
    """A plain "revenue" question, and a sentence whose every revenue is a kind of it."""
    if not re.search(r"\brevenues?\b", question, re.I) or _REVENUE_KIND.search(question):
        return False
    plain = _REVENUE_KIND.sub(" ", sentence)
    return bool(_REVENUE_KIND.search(sentence)) and not re.search(r"\brevenues?\b", plain, re.I)


def metric_kind_clash(question: str, sentence: str) -> bool:
    """The question asks for some kinds of margin/profit/income; the sentence states only
    other kinds of it ("EBITDA margin" for "gross margin")."""
    # (both read in English: "毛利率" asks for a gross margin)
    stated = _kinds(_in_english(sentence))
    return any(
        stated.get(head) and not stated[head] & kinds
        for head, kinds in _kinds(_in_english(question)).items()
    )


# Metrics named by a fixed phrase: "capital expenditure" is not any expenditure, nor "free
# cash flow" any cash. A figure question naming one wants a sentence naming it (in any form).
_COMPOUND_METRICS = [
    re.compile(p, re.I)
    for p in (
        # (not in free cash flow's definition: "the cash generated after capital spending")
        r"(?<!after\s)(?<!after its\s)(?<!after the\s)(?<!after their\s)(?<!net of\s)"
        r"(?:\bcapital\s+(?:expenditures?|spending)\b|\bcapex\b)",
        r"\bfree\s+cash\s+flows?\b|\bFCF\b",
        r"\boperating\s+cash\s+flows?\b|\bcash\s+flows?\s+from\s+operati\w+"
        r"|\bcash\s+(?:provided|generated|used)\s+(?:by|from|in)\s+operati\w+"
        r"|\bcash\s+from\s+operati\w+",
        # a balance, not the flow "net cash provided by operating activities"
        r"\bnet\s+cash\b(?!\s+(?:provided|generated|used|from|flows?)\b)",
        # (a marketplace's cut: Taobao's revenue is no take rate)
        r"\btake[- ]rates?\b|\bmonetization\s+(?:take\s+)?rates?\b",
    )
]


def _in_english(text: str) -> str:
    """`text`, and for Chinese its glossary English ("资本开支" -> "capex capital expenditure")."""
    return f"{text} {glossary_expansion(text)}" if is_chinese(text) else text


def compound_metric_missing(question: str, sentence: str) -> bool:
    """The question names a fixed-phrase metric the sentence does not name. In a list of
    metrics ("adjusted EBITDA, non-GAAP net income and operating cash flow"), the sentence
    answers one item: only that item's fixed-phrase metric must be named."""
    # (named as what the figure is, not as what drove it: "CMR grew 12%, primarily driven by
    # the improvement of take rate" gives no take rate; unless what drove it is asked: "how
    # much of CMR's growth came from the take rate?")
    asks_driver = re.search(
        r"\b(?:why|drove|driv\w*|came\s+from|contribut\w*|due\s+to)\b", question, re.I
    )
    said = _in_english(sentence if asks_driver else _without_drivers(sentence))
    asked_text = _in_english(name_defined_metrics(question))
    # (A Chinese list is split in Chinese, each item then read in its glossary English:
    # "自由现金流和净现金".)
    pieces = (
        [_in_english(p) for p in _ZH_LIST_ITEMS.split(question)]
        if is_chinese(question)
        else _LIST_ITEMS.split(asked_text)
    )
    # (A list item names a metric: "..., in RMB?" or "..., with growth rates?" is none.)
    items = [
        i
        for i in pieces
        if set(content_terms(i)) & HEAD_METRICS or any(p.search(i) for p in _COMPOUND_METRICS)
    ]
    if len(items) < 2:
        return any(p.search(asked_text) and not p.search(said) for p in _COMPOUND_METRICS)
    said_terms = set(content_terms(said))
    for item in items:
        asked = [p for p in _COMPOUND_METRICS if p.search(item)]
        if all(p.search(said) for p in asked) and (asked or set(content_terms(item)) & said_terms):
            return False
    return True


_LIST_ITEMS = re.compile(r"[,;、，；]|\band\b|\bplus\b|\bas well as\b", re.IGNORECASE)
_ZH_LIST_ITEMS = re.compile(r"[,;、，；?？]|以及|和|及|与")


# How a transcript gives a reason; a "why" / "what drove" question prefers such a sentence.
_CAUSE = re.compile(
    r"\b(?:driven|fu(?:el|ell)ed|powered|propelled|boosted|supported|helped) by\b|\bdue to\b|"
    r"\bbecause\b|\bthanks to\b|\bbenefit(?:ed|ted|s)? from\b|\battribut(?:ed|able) to\b|"
    r"\bas a result of\b|\bresult(?:ed|s|ing)? from\b|\bowing to\b|\bon the back of\b|"
    r"\b(?:is|was|are|were) (?:the|a) (?:direct )?result of\b|\breflect(?:s|ed|ing)? the\b|"
    r"\bdemonstrat(?:es|ed) that\b|"
    r"\bweigh(?:ed|s|ing)? on\b|\boffset by\b|"
    r"\bcontribut(?:ed|ing|ion) (?:to|from)\b|\bled by\b|\bthe (?:main |key |primary )?"
    r"(?:reason|driver)s?\b|由于|因为|得益于|受益于|驱动|带动|推动",
    re.IGNORECASE,
)
CAUSE_BONUS = 0.08
# "Did he give any numbers?": the sentence declining to is the answer, over one that only
# names the topic ("Coming to the 618 campaign, ... this is just getting started").
DECLINE_BONUS = 0.3
ANALYST_SOURCE_COVERAGE = 0.6  # see _eligible
NAMES_BONUS = 0.06  # a sentence naming things, for "which X?" (see asks_for_names)
LEVEL_BONUS = 0.06  # an amount, for "what was X's revenue?" (see Ask.wants_level)
# How a transcript looks ahead; a figure asked as guidance must come from such a sentence
# ("cloud grew 18% this quarter" is no answer to "what growth guidance for fiscal 2026?").
# A time a sentence gives: a date, a month, a year or quarter placed ("this quarter", "the
# coming fiscal year", "next quarter's call"), a span ("within a week", "over the next few
# quarters"), a start or deadline ("starting from", "by the end of", "until tomorrow"), a
# season or shopping festival. Not "already" or "year-over-year": they say no when.
_WHEN_SAID = re.compile(
    r"(?-i:\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b)"  # ("may" is no month)
    r"|\b(?:19|20)\d\d\b|\bFY\s?\d\d|\b[1-4]Q\b|\bQ[1-4]\b"
    r"|\b(?:this|next|last|coming|following|current|same|previous|first|second|third|fourth"
    r"|upcoming)\s+(?:\w+\s+)?(?:quarter(?:ly)?|year|fiscal|half|month|week|day)s?\b(?!['’]s)"
    r"|\b(?:today|tomorrow|tonight|yesterday|soon|shortly|immediately|recently|currently)\b"
    r"|\bwithin\s+(?:a|an|one|two|three|\d+|the\s+next)\b|\bover\s+the\s+(?:next|coming|past)\b"
    r"|\b(?:starting|beginning|since|until|till)\s+(?:from\s+|in\s+|on\s+)?(?:this|next|last"
    r"|the\s+(?:end|start|beginning|first|second|third|fourth)|\d|(?-i:[A-Z]))"
    r"|\bby\s+the\s+end\b|\bin\s+the\s+(?:future|past|meantime)\b"
    r"|\b(?:Spring Festival|Chinese New Year|Lunar New Year|Singles Day|Double 11|618)\b"
    r"|\d+\s*(?:月|日|号)|(?:今|明|去|后|前)(?:年|天)|(?:本|上|下|这个|上个|下个)(?:季度|财年|月|周)"
    r"|下一?次|下回|\bnext\s+(?:time|call|earnings)\b"
    r"|季度|财年|春节|未来|以来|之前|之后|以后|以内|期间|目前|近期",
    re.IGNORECASE,
)


# Times already past or present: no answer to "when will ...?" ("$2 per ADS in dividends
# this year" says for which year, not when they are paid; "Starting from this quarter, we
# are making new investments" not when they break even).
_NOT_AHEAD = re.compile(
    r"^(?:(?:starting|beginning)\s+(?:from\s+|in\s+)?)?(?:this|last|current|same|previous"
    r"|recently|yesterday|today|currently|since|in the past|over the past|以来|去年|前年|前天|上"
    r"|这个|本|目前)",
    re.IGNORECASE,
)
# ... and times ahead by themselves ("next quarter", "tomorrow", "within one week"); any other
# (a month, a year) is ahead only in a sentence about the future ("... in January, February,
# March" of supply-chain disruptions is no answer to "how soon will they ease?").
_AHEAD = re.compile(
    r"^(?:next|coming|following|upcoming|tomorrow|tonight|soon|shortly|within|over the next"
    r"|over the coming|by the end|until|till|in the future|明|下|未来|之后|以后)",
    re.IGNORECASE,
)
# A question about the past ("when did they start charging it?", "什么时候开始收取的?");
# any other asks when something will happen or is due ("What is the record date?").
_ASKS_PAST = re.compile(
    r"\bwhen\s+(?:did|was|were|had|has|have)\b|\b(?:started|began|launched|released|happened"
    r"|introduced|completed)\b|什么时候[^?？]*(?:了|的)[?？]?$",
    re.IGNORECASE,
)


def says_when(text: str, question: str = "") -> bool:
    """Does the sentence say when (a date, a period, a span; see `_WHEN_SAID`), besides any
    time the question names itself ("When does the 618 festival start?": not "618"), and,
    unless the question asks about the past, a time still ahead?"""
    asked = question.lower()
    ahead = not _ASKS_PAST.search(question)
    future = bool(_FUTURE.search(text))
    for m in _WHEN_SAID.finditer(text):
        said = m.group(0)
        if said.lower() in asked:
            continue
        if not ahead or _AHEAD.match(said) or (future and not _NOT_AHEAD.match(said)):
            return True
    return False


_FUTURE = re.compile(
    r"\bwill\b|\bexpect\w*|\banticipat\w*|\bgoing forward\b|\bnext\b|\boutlook\b|\bguidance\b"
    r"|\bplan\w*|\btarget\w*|\bforecast\w*|\bcoming\b|\bahead\b|\bin the future\b|\bover the\s+"
    r"(?:next|coming)\b|预计|预期|将会|未来|展望|接下来",
    re.IGNORECASE,
)


# A figure for the whole company: "total consolidated revenue", "Consolidated Adjusted
# EBITDA", "overall group EBITDA" ("group" lowercase: "Taobao and Tmall Group" is one
# business; not "consolidated subsidiaries" or "in total").
_COMPANY_LEVEL = re.compile(
    r"(?:(?i:\b(?:consolidated|total|overall))|\bgroup)\s+(?:\w+\s+)?(?i:(?:revenue|adjusted"
    r"|ebitda|ebita|net\s+income|income|profit|earnings|operating|free\s+cash|cash)\b)"
)
HEADLINE_BONUS = 0.1


def _rank_score(ask: Ask, row: Scored) -> float:
    words = len(row.text) // 2 if is_chinese(row.text) else len(row.text.split())
    score = 0.5 * row.lexical + 0.1 * row.chunk_lexical + 0.3 * max(row.dense, 0.0)
    score += 0.05 / (1 + row.rank)
    if ask.wants_number:
        # (a figure in digits beats one in words: "18%" before "grew by double digits")
        in_digits = row.has_figure and has_digit(row.text)
        score += 0.12 if in_digits else 0.04 if row.has_figure else -0.1
    if ask.wants_level and any(n.kind == "amount" for n in find_numbers(row.text)):
        score += LEVEL_BONUS
    if ask.headline and _COMPANY_LEVEL.search(row.text):
        score += HEADLINE_BONUS  # "What was revenue this quarter?": the company's, not TTG's
    if row.has_cause:
        score += CAUSE_BONUS
    if row.has_future:
        score += CAUSE_BONUS  # "how do they see the next few quarters?": what they expect
    if (
        _vs_previous_quarter(ask.text, ask.zh)
        and _YEAR_ON_YEAR.search(row.text)
        and not _SEQUENTIAL.search(row.text.lower())
    ):
        score -= 0.1  # ("跟上一季比": not the year-over-year change)
    if _another_kind_of_revenue(ask.text, row.text):
        score -= 0.1  # ("revenue growth?": TTG's revenue +9%, before its CMR +12%)
    if _the_other_size(ask, row):
        score -= 0.15  # ("the bigger models?": not "the smaller models of around 3 billion")
    if ask.asks_disclosure and DECLINES.search(row.text):
        score += DECLINE_BONUS  # ("did he give any numbers?" "not in a position to share")
    if row.chunk.role in ("operator", "ir"):
        score -= 0.1
    if row.chunk.role == "analyst" and row.chunk.speaker not in ask.speakers:
        score -= 0.1  # (management's own words first; an analyst's recap only when no other)
    if words < 5:
        score -= 0.25
    if row.text.rstrip().endswith(("?", "？")):
        score -= 0.1
    if ask.zh and is_chinese(row.text):
        # Quote a Chinese question's answer in Chinese (its English interpretation is added
        # as a second quote); the English-only embedder under-scores Chinese sentences.
        score += 0.1
    if not row.names_ok:
        score -= 0.15
    # (in English sentences: a Chinese one's Latin words are mostly codes, "API")
    if asks_for_names(ask) and not is_chinese(row.text) and _names_new(ask, row.text):
        score += NAMES_BONUS  # "which platforms?": the sentence that names them
        if ASKS_NAME.search(ask.text):
            score += NAMES_BONUS  # "what is it called?": nothing else answers
    elif ASKS_NAME.search(ask.text) and is_chinese(row.text) and _zh_names_new(ask, row.text):
        score += 2 * NAMES_BONUS  # ("那个广告产品叫什么名字?": "像全站推这样一些产品")
    score += qualifier_fit(ask.text, row.text)
    return score


_OPPOSITE_SIZE = {"larger": "smaller", "largest": "smallest", "smaller": "larger",
                  "smallest": "largest"}  # fmt: skip


def _the_other_size(ask: Ask, row: Scored) -> bool:
    """The question asks for one size compared ("the bigger ones") and the sentence speaks of
    the other only ("the smaller models")."""
    asked = [t for t in ask.key_terms if t in _OPPOSITE_SIZE]
    if not asked:
        return False  # (most questions: no sentence's terms to read)
    said = set(content_terms(row.text))
    return any(_OPPOSITE_SIZE[t] in said and t not in said for t in asked)


def _names_new(ask: Ask, text: str) -> bool:
    """The sentence names something (a capitalised name, not a figure, currency or period
    code) the question does not."""
    # (a Chinese question's names in its glossary English: "阿里云" knows "Alibaba Cloud")
    asked = f"{ask.text} {glossary_expansion(ask.text)}" if ask.zh else ask.text
    # (nor the company's name, or the business the question describes: "Alibaba Cloud" names
    # nothing new for "the cloud business")
    # (... unless its name is what is asked: "what is the ad tool called?" -> Quanzhantui)
    described = () if ASKS_NAME.search(ask.text) else ask.described
    asked = " ".join([asked, *ask.company_words, *described])
    known = {squash(w) for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9&-]*", asked)}
    figures = {squash(n.surface) for n in find_numbers(text)}
    return any(
        n not in figures
        and n.isalpha()
        and n not in _NOT_SUBJECT_CAPS | _PLACES | _MONTHS | _STANDARD_TERMS
        for n in new_names(text, known)
    )


@functools.lru_cache(maxsize=256)
def _asked_in_english(question: str) -> str:
    """A Chinese question and its glossary English, squashed (once per question, not per
    sentence scored)."""
    return squash(f"{question} {glossary_expansion(question)}")


def _zh_names_new(ask: Ask, text: str) -> bool:
    """A Chinese sentence names a product or business (a glossary name: "全站推" is
    Quanzhantui) the question does not."""
    asked = _asked_in_english(ask.text)
    return any(
        english[:1].isupper() and squash(english) not in asked and zh not in ask.text
        for zh, english in zh_terms(text)
    )


# Acronyms that are standard terms ("AI", "CPU"), no name of a customer or product.
_STANDARD_TERMS = frozenset(a.lower() for a in STANDARD_TERMS)


# The home market, named everywhere: "every consumer in China" names no platform or product.
_PLACES = wordset("china chinese")


def semantic_match(row: Scored) -> bool:
    """Close in meaning to the question and from a top-ranked passage (see SEMANTIC_DENSE).
    Never for a Chinese sentence: the English-only embedder's score for it is noise."""
    return row.dense >= SEMANTIC_DENSE and row.rank <= SEMANTIC_RANK and not is_chinese(row.text)


def answers_question(ask: Ask, row: Scored, threshold: float) -> bool:
    """Can this sentence answer the ask: a figure if asked, the counted noun, enough key terms
    or semantic closeness?"""
    if ask.wants_number and not row.has_figure:
        return False
    if ask.counted and not row.has_counted:
        return False
    if not row.names_ok or metric_kind_clash(ask.text, row.text):
        return False
    if not ask.key_terms and not ask.alt_terms:
        return row.dense >= 0.5
    return row.lexical >= threshold or semantic_match(row)


# ---------------------------------------------------------------------------------------------
# Content questions
# ---------------------------------------------------------------------------------------------


def answer_content(ask: Ask, chunks: Sequence[Chunk], corpus: Corpus, threshold: float) -> Draft:
    """Quote the best 1-3 answering sentences (from different passages), or refuse."""
    refusal = _precheck(ask, corpus)
    if refusal is not None:
        return refusal
    if asks_overview(ask) and (overview := answer_overview(ask, corpus)):
        return overview
    # Analysts ask; management answers. Analyst sentences only answer questions about them.
    asked_about_analyst = any(c.role == "analyst" and c.speaker in ask.speakers for c in chunks)
    pool = [
        c for c in chunks if (c.role != "operator" or is_instructions(c)) and not is_introduction(c)
    ]
    if not asked_about_analyst and not ask.asks_section:  # ("did X come up in the Q&A?")
        pool = [
            c for c in pool if c.role != "analyst" or recaps_an_announcement(c.text, ask.entities)
        ]
    matcher = _Matcher(ask, corpus)
    rows = score_sentences(ask, pool, corpus, matcher)
    good = sorted((r for r in rows if _eligible(ask, r, threshold)), key=lambda r: -r.score)
    if not good:
        return Draft(text=refusal_text(ask), refused=True)
    # Refuse unless one sentence on its own covers enough of the question; extra sentences
    # for other parts of a multi-part question are added only after that.
    support = max(matcher.concept_coverage(r.matched) for r in good)
    semantic = [r for r in good if semantic_match(r)]
    # (A long question in several parts: a sentence answering one part well is support too.)
    answers_a_part = any(
        matcher.part_coverage(r.matched, part) >= PART_SUPPORT
        for r in good
        for part in ask.parts
        if len(part) >= 2
    )
    if (
        support < threshold
        and not semantic
        and not answers_a_part
        and not any(_declines(ask, r, threshold) for r in good)
        and (ask.key_terms or ask.alt_terms)
    ):
        return Draft(text=refusal_text(ask), refused=True, support=support)
    picked = _pick(good, matcher, threshold, rows)
    codes = _code_forms(ask, corpus)

    def names_the_codes(rows: Sequence[Scored]) -> bool:
        quoted = "".join(squash(r.chunk.embed_text) for r in rows)
        return all(names_in(forms, quoted) for forms in codes)

    if not names_the_codes(picked):
        # The best sentence's passage never names the question's code ("TTG"): quote from
        # the passages that do, if one answers ("TTG's EBITDA ... will experience some
        # fluctuation"); else refuse ("Taobao's GMV growth" where no passage says GMV).
        naming = [r for r in good if names_the_codes([r])]
        picked = _pick(naming, matcher, threshold, rows) if naming else []
        if not picked or not names_the_codes(picked):
            return Draft(text=refusal_text(ask), refused=True, support=support)
    if ask.claimed_figure and not any(_checks_the_claim(ask, r) for r in picked):
        # (a sentence further down may state the figure: "AIDC's loss narrowed to RMB 2
        # billion?" is corrected by "a loss of RMB 3.6 billion", not by "a narrow loss")
        checking = [r for r in good if _checks_the_claim(ask, r)]
        picked = checking[:1] or picked
    if ask.claimed_figure and not any(_checks_the_claim(ask, r) for r in picked):
        # ("Did management announce a RMB 380 billion investment?": the quotes on the
        # investment give no figure, so none confirms it)
        detail = (
            f"会上没有给出{ask.claimed_figure}这一数字。"
            if ask.zh
            else f"The call gives no figure such as {ask.claimed_figure}."
        )
        return Draft(text=refusal_text(ask, detail), refused=True, support=support)
    quotes = [Quote(r.chunk, r.start, r.end, r.score) for r in picked]
    if ask.breakdown and len({q.chunk.chunk_id for q in quotes}) == 1:
        # One passage's components and total, as it states them ($1.05, $0.95, then $2).
        quotes.sort(key=lambda q: q.start)
    housekeeping = picked[0].chunk.role in ("ir", "operator") and not ask.wants_number
    listed = (
        enumeration(ask, good, rows, corpus)
        # (a "why" only when it is the whole question: a part's list would crowd out the rest)
        if ask.enumerates is not None or (ask.wants_cause and not ask.sub_queries)
        else None
    )
    if asks_for_names(ask) and not housekeeping and not listed:
        quotes = [extend_lead_in(ask, q) for q in quotes]
    if listed:
        quotes = listed
    elif housekeeping:
        first = host_remark(picked[0], rows)
        if asks_for_names(ask):
            first = extend_lead_in(ask, first)
        quotes = [first, *(q for q in quotes[1:] if q.chunk.chunk_id != first.chunk.chunk_id)]
    elif ask.wants_cause:
        first = extend_cause(quotes[0])
        quotes = [first, *(q for q in quotes[1:] if not _overlaps(q, first))]
    elif ask.wants_number:
        first = extend_figure(quotes[0])
        quotes = [first, *(q for q in quotes[1:] if not _overlaps(q, first))]
    elif _OPEN_ENDED.search(ask.text) and not asks_for_names(ask):
        first = extend_remark(quotes[0])
        quotes = [first, *(q for q in quotes[1:] if not _overlaps(q, first))]
    backed: list[Quote] = []
    for q in map(extend_back, quotes):  # (run back over another quote: that one goes)
        backed = [p for p in backed if not _contains(q, p)]
        if not any(_overlaps(q, p) for p in backed):
            backed.append(q)
    quotes = backed
    if ask.zh:
        quotes = _add_interpretation_pair(quotes, corpus)
    return Draft(text=compose(quotes, ask.zh), quotes=quotes, support=support)


# ---------------------------------------------------------------------------------------------
# A speaker's remarks with no topic named: "What did Jiang Fan say?"
# ---------------------------------------------------------------------------------------------


_ABOUT_IT = re.compile(r"\b(?:about|on|regarding)\s+(?:it|that|this|them|those|these)\b", re.I)


# "How many times did Jiang Fan speak?", "蒋凡发言了几次?": the outline says it.
_HOW_OFTEN_SPOKE = re.compile(
    r"\bhow\s+(?:many\s+times|often)\b.*\b(?:speak|spoke|talk|take\s+the\s+floor|answer)"
    r"|(?:发言|讲话|回答|说话)(?:了|过)?(?:几|多少)次|(?:发言|讲话)(?:的)?次数",
    re.IGNORECASE,
)


def asks_overview(ask: Ask) -> bool:
    """'What did Jiang Fan say?', 'Summarize what Eddie Wu said.', 'How many times did he
    speak?': one speaker, no topic."""
    if ask.kind == "content" and len(ask.speakers) == 1 and _HOW_OFTEN_SPOKE.search(ask.text):
        return True
    operator = not ask.speakers and ask.key_terms == ("operator",)  # (the host has no name)
    return (
        not _ABOUT_IT.search(ask.text)  # ("what did he say about it?": a topic, unresolved)
        and ask.kind == "content"
        and (len(ask.speakers) == 1 or operator)
        and not ((ask.key_terms and not operator) or ask.alt_terms or ask.entities)
        and ask.exchange is None
    )


def answer_overview(ask: Ask, corpus: Corpus) -> Draft | None:
    """How often and where the speaker spoke, whose questions they answered, and the first
    substantive sentence of each of their turns (up to four): an outline to ask on from.
    None when they did not speak (in the section asked about)."""
    name = ask.speakers[0] if ask.speakers else ""
    turns: dict[tuple[str, int], list[Chunk]] = {}
    for c in corpus.chunks():
        if (c.speaker == name or (not name and c.role == "operator")) and ask.section in (
            None,
            c.section,
        ):
            turns.setdefault((c.call_id, c.turn_index), []).append(c)
    lang = "zh" if ask.zh else "en"
    quotes = [
        q
        for turn in turns.values()
        for q in (
            question_sentences(turn, lang, limit=1)
            if turn[0].role == "analyst"
            else [opening_sentence(turn, lang)]
        )
        if q
    ]
    if not quotes:
        return None
    sections = list(dict.fromkeys(c.section for turn in turns.values() for c in turn))
    where = [_SECTION_NAMES.get(s, (s, s))[1 if ask.zh else 0] for s in sections]
    asked = list(dict.fromkeys(t[0].asked_by for t in turns.values() if t[0].asked_by))
    n = len(turns)
    name = name or ("主持人" if ask.zh else "The operator")
    if next(iter(turns.values()))[0].role in ("ir", "operator"):
        # (a host's short procedural turns, "Next question, please.", are not indexed: no count)
        places = "、".join(where) if ask.zh else " and ".join(where)
        lead = f"{name}在{places}的发言：" if ask.zh else f"{name}'s remarks, in {places}: "
    elif ask.zh:
        # (a count in words: it is of the turns cited, no figure the transcript states)
        places = "、".join(where) if len(where) > 1 else f"{'均' if n > 1 else ''}在{where[0]}"
        lead = f"{name}共发言{ZH_COUNTS[n - 1] if n <= 10 else n}次，{places}"
        lead += f"，回答了{join_names(asked, True)}的提问。" if asked else "。"
    else:
        times = {1: "once", 2: "twice"}.get(n) or (
            f"{EN_COUNTS[n - 1]} times" if n <= 10 else f"{n} times"
        )
        lead = f"{name} spoke {times}, {'all ' if n > 1 and len(where) == 1 else ''}in "
        lead += " and ".join(where)
        lead += f", answering {join_names(asked, False)}. " if asked else ". "
    return Draft(text=lead + compose(quotes[: MAX_QUOTES + 1], ask.zh),
                 quotes=quotes[: MAX_QUOTES + 1], support=1.0)  # fmt: skip


# ---------------------------------------------------------------------------------------------
# A speaker's list: "One thing ... Secondly, ... The third point is ..."
# ---------------------------------------------------------------------------------------------

# A sentence opening a point of a list, maybe after a short lead-in ("Certainly in the
# present phase, one thing that we're paying attention to is ..."); 最后/finally is the
# point after the one before.
_LEAD = r"^\W*(?:[^,.;:]{1,50},\s*)?"
_POINT = r"(?:thing|area|point|aspect|factor|driver|reason|way|priority|lever|pillar|step)s?"
# (Chinese: after a few words of lead-in, "那首先就是说", "对,然后第二就是说"; not 第二季度.)
_ZH_LEAD = r"^[^。！？?!]{0,8}?"
_ORDINALS = tuple(
    (value, re.compile(rf"{_LEAD}(?:{en})\b|{_ZH_LEAD}(?:{zh})(?!个?季度|财年|年)", re.I))
    for value, en, zh in (
        (1, rf"first(?:ly)?|first of all|to begin with|the first|one {_POINT}", "首先|第一"),
        (2, rf"second(?:ly)?|the second|another {_POINT}", "其次|第二"),
        (3, r"third(?:ly)?|the third", "第三"),
        (4, r"fourth(?:ly)?|the fourth", "第四"),
    )
)
_LAST_POINT = re.compile(
    r"^\W*(?:finally|lastly|last but not least)\b(?!\W+thank)|^\W*最后(?!.{0,4}谢谢)", re.I
)
# Not a point of a list but the question's parts: "I will take the second part of the
# question", "Turning to your second question", "the second follow-on question".
_QUESTION_PART = re.compile(
    r"\b(?:first|second|third|another)\s+(?:[\w-]+\s+)?(?:question|part\s+of)\b"
    r"|第[一二三](?:个)?问题",
    re.I,
)
# A sentence announcing reasons or strengths that the speaker then lists.
_ANNOUNCES_REASONS = re.compile(
    r"\b(?:reasons?|advantages?|strengths?|drivers?|factors?)\b(?![^.]*\?)|原因|优势", re.I
)
LIST_COVERAGE = 0.75  # see enumeration
MAX_UNMARKED_REACH = 5  # sentences before a list's second point its unmarked first may be
LIST_REACH = 3  # sentences between the sentence found and the list it belongs to
MAX_LIST_ITEMS = 4


def _ordinal(sentence: str) -> int | str | None:
    """1, 2, 3, 4 for a sentence opening that point of a list, "last" for "Finally, ..."."""
    if _QUESTION_PART.search(sentence):
        return None
    for value, pattern in _ORDINALS:
        if pattern.match(sentence):
            return value
    return "last" if _LAST_POINT.match(sentence) else None


def _passage_before_coverage(chunk: Chunk, corpus: Corpus, matcher: _Matcher) -> float:
    """How much of the question the passage just before `chunk` in the same speaker's turn
    (and language) covers; 0 when `chunk` opens the turn."""
    before = [c for c in _turn_chunks(chunk, corpus) if c.start < chunk.start]
    last = max(before, key=lambda c: c.start, default=None)
    return matcher.coverage(matcher.matched(last.text)) if last else 0.0


def _turn_chunks(chunk: Chunk, corpus: Corpus) -> list[Chunk]:
    """The passages of the speaker's turn `chunk` is in (same language), in order."""
    return [
        c
        for c in corpus.chunks(chunk.call_id)
        if c.turn_index == chunk.turn_index and c.lang == chunk.lang
    ]


def _turn_sentences(chunk: Chunk, corpus: Corpus) -> list[Quote]:
    """Every sentence of the speaker's turn `chunk` is in (same language), in order."""
    return [Quote(c, s, e) for c in _turn_chunks(chunk, corpus) for s, e in sentence_spans(c.text)]


def _lists(sentences: Sequence[Quote]) -> list[list[tuple[int, int]]]:
    """(sentence index, point number) of each list in a turn: points numbered on from 1 or
    2 (a list whose first point is not announced as one), at least two of them."""
    lists: list[list[tuple[int, int]]] = []
    run: list[tuple[int, int]] = []
    for i, quote in enumerate(sentences):
        found = _ordinal(quote.text)
        value = run[-1][1] + 1 if found == "last" and run else found
        if not isinstance(value, int):
            continue
        if run and value == run[-1][1] + 1:
            run.append((i, value))
            continue
        lists.append(run)
        run = [(i, value)] if value in (1, 2) else []
    lists.append(run)
    return [r for r in lists if r and r[-1][1] >= 2]


def _point_quote(sentences: Sequence[Quote], i: int, next_point: int) -> Quote:
    """The point's sentence, run on over the sentences after it in its paragraph until the
    next point, while the quote stays short."""
    quote = sentences[i]
    end = quote.end
    for _, e in _next_in_paragraph(quote, next_point - i - 1):
        if sentence_size(quote.chunk.text[quote.start : e]) > MAX_REMARK_WORDS:
            break
        end = e
    return replace(quote, end=end)


def enumeration(
    ask: Ask, good: Sequence[Scored], rows: Sequence[Scored], corpus: Corpus
) -> list[Quote] | None:
    """The points of the list the question asks for ("the three ways Jiang Fan said AI would
    be applied"), when one of the best sentences lies in, or just before or after, a
    speaker's list of that many points: one quote per point, in the speaker's order. A list
    whose first point is not marked takes the best-scored sentence of the turn before its
    second point. For a "why" (no count asked), a list the speaker announces as reasons
    that says nearly as much of the question as the best sentence. None when there is none."""
    if not good:
        return None
    scores = {(r.chunk.chunk_id, r.start): r.score for r in rows}
    matcher = _Matcher(ask, corpus)
    best = good[0]
    for anchor in good[:5]:
        if ask.section and anchor.chunk.section != ask.section:
            continue  # ("the CMR drivers in his prepared remarks": not his list in the Q&A)
        if ask.enumerates is not None and anchor.score < SECOND_QUOTE_RATIO * best.score:
            break  # (a list near a weak match is about something else)
        sentences = _turn_sentences(anchor.chunk, corpus)
        where = [
            i
            for i, q in enumerate(sentences)
            if q.chunk.chunk_id == anchor.chunk.chunk_id and q.start <= anchor.start < q.end
        ]
        if not where:
            continue
        candidates: list[list[int]] = []
        for points in _lists(sentences):
            starts = [i for i, _ in points]
            if points[0][1] == 2:
                first = max(0, starts[0] - MAX_UNMARKED_REACH)
                before = [
                    (scores[key], i)
                    for i, q in enumerate(sentences[first : starts[0]], start=first)
                    if (key := (q.chunk.chunk_id, q.start)) in scores
                ]
                if not before:
                    continue
                starts.insert(0, max(before)[1])
            if len(starts) < min(ask.enumerates or 2, MAX_LIST_ITEMS):
                continue
            if not starts[0] - LIST_REACH <= where[0] <= starts[-1] + LIST_REACH:
                continue
            if ask.enumerates is None and not (
                # A "why" question: the list is of reasons, as the sentence before it says
                # ("these are some of the reasons we're positioned to do very well ...").
                starts[0] and _ANNOUNCES_REASONS.search(sentences[starts[0] - 1].text)
            ):
                continue
            candidates.append(starts)
        if candidates:
            # The list the sentence found is in, or else the nearest one.
            starts = min(candidates, key=lambda c: max(c[0] - where[0], where[0] - c[-1], 0))
            starts = starts[: ask.enumerates or MAX_LIST_ITEMS]
            ends = [*starts[1:], len(sentences)]
            quotes = [_point_quote(sentences, i, j) for i, j in zip(starts, ends, strict=True)]
            lead = sentences[starts[0] - 1] if starts[0] else None
            said = " ".join(q.text for q in [*([lead] if lead else []), *quotes])
            if (
                ask.enumerates is None
                and matcher.coverage(matcher.matched(said)) < LIST_COVERAGE * best.lexical
            ):
                # A list of reasons found for a "why", announcement included, must say
                # nearly as much of what is asked as the best sentence alone ("which two
                # businesses drove Local Services' orders?" is not about CMR's drivers).
                continue
            if (
                lead
                and lead.chunk is quotes[0].chunk
                and (_ANNOUNCES_COUNT.search(lead.text) or _ANNOUNCES_REASONS.search(lead.text))
            ):
                # ("there were really two major drivers of CMR growth." says what they are)
                quotes[0] = replace(quotes[0], start=lead.start)
            return quotes
    return None


# ---------------------------------------------------------------------------------------------
# Lead-in sentences
# ---------------------------------------------------------------------------------------------

# Questions that ask for names or things: the answer must name them.
_NAMES_ASKED = re.compile(
    r"^\s*(?:which|what|where|list|name)\b|\b(?:which|where)\b|\bwho\s+(?:is|are|was|were)\b"
    # ("Did they name any big customer win?", "did he mention any examples?": which ones)
    r"|\bname\s+(?:any|an?|some)\b|\b(?:mention|cite|give)\s+(?:any|an?|some)\s+(?:[\w-]+\s+)"
    r"{0,3}?(?:examples?|customers?|clients?|partners?|names?|wins?)\b"
    r"|哪些|哪家|哪个|哪里|什么|" + ASKS_NAME.pattern,  # ("what is it called?", "name of")
    re.I,
)
# Sentences that announce what follows: "two clear trends have emerged.", "as follows:".
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "several": 2, "a few": 2, "a number of": 2}
_ANNOUNCES_COUNT = re.compile(
    r"\b(two|three|four|several|a few|a number of)\s+(?:[a-z-]+\s+){0,2}?"
    r"(?:trends|things|areas|points|factors|reasons|ways|aspects|priorities|drivers|changes"
    r"|developments|directions|parts|pillars|focuses|highlights|themes)\b[^.,;]*[.:]?\s*$",
    re.I,
)
_ANNOUNCES = re.compile(
    r"(?::|\bas follows\W*|\bthe following\W*|\bincluding\W*|\bsuch as\W*|：)\s*$"
    # "Now, let me quickly cover the safe harbor." announces the statement that follows.
    r"|\blet me\s+(?:\w+\s+)?(?:cover|go (?:through|over)|walk (?:you\s+)?through|run through"
    r"|read)\b[^.]{0,60}\.?\s*$",
    re.I,
)
# Capitalised words that are no names: sentence openers, pronouns, discourse words.
_PLAIN_CAPS = wordset(
    """
    i we our us you they this that these those the a an and but so in on at for of to as with
    by from it its also now then first second third finally overall looking
    """
)
MAX_LEAD_IN_EXTENSION = 2


def asks_for_names(ask: Ask) -> bool:
    """'Which businesses...', 'What is X and where...', '哪些行业': the answer names things."""
    return not ask.wants_number and bool(_NAMES_ASKED.search(ask.text))


def _words(text: str) -> set[str]:
    return {squash(w) for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9&.%-]*", text)}


def new_names(text: str, known: set[str]) -> set[str]:
    """Proper names / capitalised terms, codes and figures in `text` that `known` (the words
    of the question and of the quote so far, squashed) lacks."""
    out: set[str] = set()
    for k, m in enumerate(re.finditer(r"[A-Za-z0-9][A-Za-z0-9&-]*", text)):
        # ("CPU-based", "AI-driven": the capitalised head is the name, if any)
        word = re.sub(r"(?<=[A-Za-z0-9])-[a-z][a-z-]*$", "", m.group())
        flat = squash(word)
        if flat in _PLAIN_CAPS or flat in known:
            continue
        code = bool(re.search(r"\d", word)) or (len(word) > 1 and word.isupper())
        # A capitalised first word is a sentence opener ("What that did..."), not a name.
        if code or (word[0].isupper() and k > 0):
            out.add(flat)
    for num in find_numbers(text):
        if squash(num.surface) not in known:
            out.add(squash(num.surface))
    return out


def _announced(text: str) -> int:
    """How many following sentences a lead-in announces (0 when it announces none)."""
    m = _ANNOUNCES_COUNT.search(text)
    if m:
        return min(MAX_LEAD_IN_EXTENSION, _COUNT_WORDS[m.group(1).lower()])
    return 1 if _ANNOUNCES.search(text) else 0


def extend_lead_in(ask: Ask, quote: Quote) -> Quote:
    """A quote that only restates the question ("we are exiting non-core assets.") or announces
    a list ("two clear trends have emerged.") is extended over the next sentences of its passage
    that name the answer (at most `MAX_LEAD_IN_EXTENSION`), as one contiguous verbatim quote."""
    text = quote.chunk.text
    known = _words(ask.text)
    announced = _announced(quote.text)
    if not announced and new_names(quote.text, known):
        return quote
    known |= _words(quote.text)
    following = [(s, e) for s, e in sentence_spans(text) if s >= quote.end]
    end = quote.end
    for i, (s, e) in enumerate(following[:MAX_LEAD_IN_EXTENSION]):
        sentence = text[s:e]
        if i >= announced and not new_names(sentence, known):
            break
        end = e
        known |= _words(sentence)
    return replace(quote, end=end)


# Words that say a figure moved, not what moved it: shared with the next sentence they do not
# make it an explanation of the quote ("revenue grew" ... "Revenue from AIDC grew ...").
_MOTION = wordset(
    "grow increase decrease decline rise fall rmb us$ billion million percent year quarter "
    "revenue improve improvement"
)
_ANAPHOR = re.compile(r"^\W*(?:this|that|these|those|it|such)\b", re.I)
MAX_CAUSE_REACH = 2  # sentences after the quote that may give its cause


def _next_in_paragraph(quote: Quote, n: int) -> list[tuple[int, int]]:
    """Up to `n` sentence spans after the quote in its passage, stopping at a line break (a
    new paragraph): where a quote may run on to."""
    text = quote.chunk.text
    out: list[tuple[int, int]] = []
    end = quote.end
    for s, e in sentence_spans(text):
        if s < quote.end:
            continue
        if len(out) >= n or "\n" in text[end:s]:
            break
        out.append((s, e))
        end = e
    return out


def _gives_cause(quote: Quote) -> bool:
    """The sentence gives a reason, or the next ones of its paragraph give its reason ("The
    margin decreased 1.9 points." / "... higher depreciation also weighed on margins."): for
    a "why" question it is as much an answer as one saying "due to"."""
    return bool(_CAUSE.search(quote.text)) or extend_cause(quote).end > quote.end


def extend_cause(quote: Quote) -> Quote:
    """A reason question answered by a sentence whose cause the next sentences of the same
    paragraph explain is quoted together with them, as one verbatim span:
    - the quote names a cause and the next sentence explains that cause ("CMR grew 12%,
      driven by the improvement of take rate." / "Our take rate benefited from ..."): a word
      of the cause clause (not a motion word) appears before the next sentence's connective;
    - the quote names none and the next sentence gives it by reference ("Revenue rose 5%." /
      "This was driven by ...");
    - the quote names none and one of the next two sentences gives a cause for the quote's
      own metric and states no figure of its own ("The margin decreased 1.9 points." /
      "We increased investments ..." / "... higher depreciation also weighed on margins.")."""
    text = quote.chunk.text
    own = _CAUSE.search(quote.text)
    metrics = {t for t in content_terms(quote.text) if t in METRIC_WORDS}
    for k, (s, e) in enumerate(_next_in_paragraph(quote, MAX_CAUSE_REACH)):
        sentence = text[s:e]
        connective = _CAUSE.search(sentence)
        if not connective:
            if find_numbers(sentence):
                break  # another fact, with figures of its own
            continue
        if k == 0 and own is None and _ANAPHOR.match(sentence):
            return replace(quote, end=e)
        if k == 0 and own is not None:
            cause = set(content_terms(quote.text[own.end() :])) - _MOTION
            subject = set(content_terms(sentence[: connective.start()]))
            return replace(quote, end=e) if cause & subject else quote
        if own is None and metrics & set(content_terms(sentence)) and not find_numbers(sentence):
            # (a sentence stating figures of its own is another fact, with its own cause)
            return replace(quote, end=e)
        break
    return quote


MAX_BACKED_WORDS = 90


# "They are not going to have much impact", "Although, yes, you can run those on a consumer
# card, ...": a pronoun early in the sentence whose noun is in the one before.
_REFERS_TO_THE_LAST = re.compile(
    r"^\W*They\s+(?:are|were|will|would|could|can|have|had|may|might|should)\b"
    r"|^\W*(?:[\w'’-]+\W+){1,8}?(?:those|them)\b(?!\s+(?:who|which|that|of)\b)"
)
# "What that did is it allowed us ...": what it points at was said just before, even across
# a paragraph break (an interpreter's paragraphs break mid-thought).
_WHAT_THAT = re.compile(r"^\W*What\s+(?:that|this|these|those)\b")


def extend_back(quote: Quote) -> Quote:
    """A quote that begins by pointing back ("This increase reflects our buybacks") starts
    one sentence earlier in its paragraph, where what it points at is said: pasted into a
    note, "this increase" alone says nothing."""
    what_that = bool(_WHAT_THAT.match(quote.text))
    if not what_that and not any(
        p.match(quote.text) for p in (POINTS_BACK, _REFERS_TO_THE_LAST, _OF_THAT)
    ):
        return quote
    text = quote.chunk.text
    before = [(s, e) for s, e in sentence_spans(text) if e <= quote.start]
    if not before or ("\n" in text[before[-1][1] : quote.start] and not what_that):
        return quote
    start = before[-1][0]
    if sentence_size(text[start : quote.end]) > MAX_BACKED_WORDS:
        return quote
    return replace(quote, start=start)


# A sentence that carries the figure on: "Today, it could be 500-600 million consumers." /
# "Going forward, that could easily be 1 billion consumers."
_CARRIES_ON = re.compile(
    r"^\W*(?:[A-Za-z]+(?:\s+[a-z]+){0,2}\s*,\s*)?(?:[Tt]hat|[Tt]his|[Ii]t)\s+"
    r"(?:could|would|will|can|may|might|should|is|was|are|were|has|had|means?|represents?)\b"
)


def extend_figure(quote: Quote) -> Quote:
    """A figure quote runs on over the next sentence of its paragraph when that one refers
    back to it ("that could easily be ...") with a figure of the same kind: the two together
    are the answer (the market today, and where it is going)."""
    following = _next_in_paragraph(quote, 1)
    if not following:
        return quote
    s, e = following[0]
    sentence = quote.chunk.text[s:e]
    kinds = {n.kind for n in find_numbers(quote.text)}
    if _CARRIES_ON.match(sentence) and {n.kind for n in find_numbers(sentence)} & kinds:
        return replace(quote, end=e)
    return quote


# "What did management say about X?", "any color on X?": an account, not one fact.
_OPEN_ENDED = re.compile(
    r"\b(?:say|said|says|comment(?:ed)?|talk(?:ed)?|remark(?:ed)?|describe[ds]?|discuss(?:ed)?"
    r"|colou?r|elaborate[ds]?|explain(?:ed)?|view|views|outlook|summari[sz]e|sum\s+up|recap"
    r"|rundown)\b|怎么看|怎么说|怎么讲|如何讲|表示了什么|谈了什么|(?:说|讲|谈)了?(?:什么|啥)|总结|概括",
    re.IGNORECASE,
)
# A sentence that moves on to another point.
_MOVES_ON = re.compile(
    r"^\W*(?:second(?:ly)?|third(?:ly)?|next|another|moving on|now,|turning to|as for|"
    r"in addition|finally|lastly|on the other hand|the (?:second|third|next|other) (?:part|point|"
    r"question))\b|^\W*(?:其次|第二|第三|另外|最后)",
    re.IGNORECASE,
)
MAX_REMARK_WORDS = 60


def extend_remark(quote: Quote) -> Quote:
    """An open-ended question ("what did they say about 618?") is answered by the remark,
    not only its first sentence: the quote runs on over up to two following sentences of its
    paragraph while they stay on the point (no "Secondly, ...") and it stays short."""
    text = quote.chunk.text
    end = quote.end
    for s, e in _next_in_paragraph(quote, 2):
        if _MOVES_ON.match(text[s:e]):
            break
        if sentence_size(text[quote.start : e]) > MAX_REMARK_WORDS:
            break
        end = e
    return replace(quote, end=end)


MAX_HOST_WORDS = 100


def host_remark(best: Scored, rows: Sequence[Scored]) -> Quote:
    """A host's housekeeping ("you are welcome to ask questions in Chinese or English. A
    third-party translator will provide consecutive interpretation ...") is a few short rules
    that answer together: the quote spans the host passage's sentences that are on the
    question (share a term with it or are close in meaning), from the first to the last, as
    one verbatim span; never a hand-over ("Operator, please start ..."), and no longer than
    MAX_HOST_WORDS (else the best sentence alone)."""
    on_point = sorted(
        (
            r
            for r in rows
            if r.chunk.chunk_id == best.chunk.chunk_id
            and (r is best or r.matched or semantic_match(r))
            and not (HANDS_OVER.search(r.text) or takes_the_question(r.text))
        ),
        key=lambda r: r.start,
    )
    if not on_point:
        return Quote(best.chunk, best.start, best.end, best.score)
    start = on_point[0].start
    # (up to the first hand-over after the start, if the host goes on after one)
    stop = min(
        (r.start for r in rows if r.chunk.chunk_id == best.chunk.chunk_id and r.start > start
         and HANDS_OVER.search(r.text)),
        default=len(best.chunk.text),
    )  # fmt: skip
    if best.start >= stop:
        return Quote(best.chunk, best.start, best.end, best.score)
    end = max(r.end for r in on_point if r.start < stop)
    if sentence_size(best.chunk.text[start:end]) > MAX_HOST_WORDS:
        return Quote(best.chunk, best.start, best.end, best.score)
    return Quote(best.chunk, start, end, best.score)


# A host handing over: "Operator, please start Q&A session.", "Let's open the line."
HANDS_OVER = re.compile(
    r"\boperator\s*,\s*please\b|\b(?:open|start)\s+(?:up\s+)?(?:the\s+)?(?:line|Q&A|questions?)\b",
    re.IGNORECASE,
)


def _spellings(entity: str) -> list[str]:
    """A name as the call may spell it: a fiscal year's code also in words ("fy2026" ->
    "fiscalyear2026", "fiscal2026"; "fy26" -> "...2026")."""
    m = re.fullmatch(r"fy(\d{2}|\d{4})", entity)
    if not m:
        return [entity]
    year = m.group(1) if len(m.group(1)) == 4 else f"20{m.group(1)}"
    return [entity, f"fiscalyear{year}", f"fiscal{year}"]


def _another_word_of_its_name(ask: Ask, entity: str, corpus: Corpus) -> bool:
    """A Chinese question's name read off the glossary is one name in several words: "通义"
    is "Tongyi Qwen", and a call that says "Qwen" mentions it."""
    if not ask.zh:
        return False
    for _, english in zh_terms(ask.text):
        words = [squash(w) for w in english.split()]
        if entity in words and any(corpus.mentions(w) for w in words if w != entity):
            return True
    return False


CLAIM_COVERAGE = 0.3
ANNOUNCED_COVERAGE = 0.4


def _checks_the_claim(ask: Ask, row: Scored) -> bool:
    """A sentence that confirms a claimed figure (states the same one), or, for a claim asked
    to be verified, corrects it: management stating a figure of the same kind (an amount for
    an amount; "triple-digit growth" is a percentage). An analyst's recap of another figure
    ("the RMB 10 billion with Ele.me") neither confirms nor corrects "RMB 500 billion"."""
    claimed = find_numbers(ask.claimed_figure)
    stated = [n for n in find_numbers(row.text) if not YEAR.match(n.surface)]
    if claimed and any(claimed[0].matches(n) and n.kind == claimed[0].kind for n in stated):
        return True  # (the same figure: "20%" is no "20 years", "RMB 2 billion" no "$2")
    # (a correction is on the claim's subject: it covers the question well, not a stray
    # figure of the same kind, "free cash flow RMB 3.7 billion" for "RMB 500 billion for AI")
    # (a claim only asked about, "Did the CFO announce $1.50 per ADS?", is corrected by a
    # sentence closer still to the question: "an annual dividend of $1.05 per ADS")
    coverage = CLAIM_COVERAGE if ask.claim_checked else ANNOUNCED_COVERAGE
    if row.chunk.role == "analyst" or row.lexical < coverage:
        return False
    kind = claimed[0].kind if claimed else "amount"
    return any(n.kind == kind for n in stated) or (
        kind == "percent" and bool(_DIGITS_IN_WORDS.search(row.text))
    )


def _precheck(ask: Ask, corpus: Corpus) -> Draft | None:
    """Refuse up front when the question names someone or something the call never mentions."""
    if ask.absent_person:
        detail = (
            f"{ask.absent_person}没有在这次电话会议上发言。"
            if ask.zh
            else f"{ask.absent_person} does not speak on this call."
        )
        return Draft(text=refusal_text(ask, detail), refused=True)
    spelled = _spelled_out(ask)  # ("CIG": the call says "Cloud Intelligence Group")
    missing = [
        e
        for e in ask.entities
        if not any(map(corpus.mentions, [*_spellings(e), *spelled.get(e, ())]))
        and not _another_word_of_its_name(ask, e, corpus)
    ]
    if missing:
        return Draft(text=refusal_text(ask), refused=True)
    return None


def _another_metric_or_business(ask: Ask, row: Scored) -> bool:
    """The sentence states another kind of the asked metric ("EBITDA margin" for "gross
    margin"), misses an asked fixed-phrase metric (capex), or is about another business."""
    return (
        metric_kind_clash(ask.text, row.text)
        or (ask.wants_number and compound_metric_missing(ask.text, row.text))
        or not row.names_subject
    )


# A business's name: a "... Group" other than the company's own, or an acronym that is no
# metric, unit or company name ("TTG", "AIDC"; not "EBITDA", "RMB", "BABA").
_GROUP_NAME = re.compile(r"\b((?:[A-Z][\w.&'-]*\s+(?:and\s+)?){1,4})Group\b")
_ACRONYM = re.compile(r"\b[A-Z]{2,5}\b")
_NOT_BUSINESSES = wordset(
    "gaap ebitda ebita rmb usd us hk hkd ads adr ai gmv esop fcf yoy qoq ytd ttm cmr ceo cfo coo "
    "fy eps roe roi capex opex sbc kpi ipo esg dau mau arpu"
)


def _names_a_business(text: str, company_words: Sequence[str] = ()) -> bool:
    """The sentence names one of a company's businesses (not the company as a whole)."""
    ours = {w.lower() for w in company_words}
    if any(set(m.group(1).lower().split()) - ours for m in _GROUP_NAME.finditer(text)):
        return True
    if any(a.lower() not in _NOT_BUSINESSES | ours for a in _ACRONYM.findall(text)):
        return True
    names = business_name_pattern()
    return names is not None and names.search(text) is not None


_FULL_YEAR = re.compile(
    r"\b(?:full|whole|entire)[- ](?:fiscal[- ])?year|\bfiscal\s+year\b|\b(?:this|the)\s+year\b"
    r"|\bannual\b|\byear[- ]to[- ]date\b|全年|财年|本年|今年|年度",
    re.IGNORECASE,
)
_QUARTER = re.compile(r"\bquarter|季度", re.IGNORECASE)
_REMAINING = re.compile(
    r"\b(?:remain\w*|left|outstanding|unused|unutilized|available|capacity)\b|剩余|尚余|还剩",
    re.IGNORECASE,
)


def _eligible(ask: Ask, row: Scored, threshold: float) -> bool:
    """A candidate quote: states a figure if one is asked, names the counted thing, and
    covers at least part of the question (multi-part questions combine several sentences)."""
    if takes_the_question(row.text):
        return False
    if (
        row.chunk.role == "analyst"
        and row.chunk.speaker not in ask.speakers
        and not (ask.asks_section and _raises_the_topic(ask, row, threshold))
        and not _recaps_an_announced_figure(ask, row)
    ):
        # Only where a topic came up is another analyst's question a source ("did X come up
        # in the Q&A?"), and only when it is about the topic, not one shared word.
        return False
    if ask.wants_number and not row.has_figure:
        return False
    if ask.wants_number and ask.wants_future and not row.has_future:
        return False
    if (
        ask.headline
        and not _COMPANY_LEVEL.search(row.text)
        and _names_a_business(row.text, ask.company_words)
    ):
        return False  # ("What was Alibaba's full-year revenue?": not Alibaba Cloud's)
    if ask.wants_full_year and not _FULL_YEAR.search(row.text):
        return False  # (the quarter's revenue is no full-year revenue)
    if ask.wants_quarter and _FULL_YEAR.search(row.text) and not _QUARTER.search(row.text):
        return False  # (nor the year's growth the quarter's)
    if ask.wants_margin_level and not any(n.kind == "percent" for n in find_numbers(row.text)):
        return False  # (a margin's change in points is no margin)
    if ask.wants_remaining and not _REMAINING.search(row.text):
        return False  # (what was bought back is not what is left to buy)
    if ask.wants_when and not says_when(row.text, ask.text):
        return False  # ("When will the dividends be paid?": an amount is no date)
    if _another_metric_or_business(ask, row):
        return False
    if ask.wants_number and not _names_the_metric(ask, row):
        return False
    if ask.counted and not row.has_counted:
        return False
    if not ask.key_terms and not ask.alt_terms:
        return row.dense >= 0.5
    return row.lexical >= threshold * 0.5 or semantic_match(row) or _declines(ask, row, threshold)


# A speaker declining to give figures or details ("I'm not in a position to share with you
# any of those details"): the answer to "did he give any numbers?" when he did not.
DECLINES = re.compile(
    r"\bnot\s+in\s+a\s+position\s+to\b|\btoo\s+early\s+to\s+(?:say|tell|share|comment|give)"
    r"|\b(?:can(?:not|['’]t)|won['’]t|will\s+not|unable\s+to|not\s+(?:going|able)\s+to)\s+"
    r"(?:\w+\s+){0,2}?(?:share|disclose|give|provide|comment|quantify)\b"
    r"|不便透露|暂不披露|无法透露|不方便(?:透露|分享)",
    re.IGNORECASE,
)


def _declines(ask: Ask, row: Scored, threshold: float) -> bool:
    """For "did he give any numbers on X?": a sentence declining to, in a passage about X."""
    return (
        ask.asks_disclosure and row.chunk_lexical >= threshold and bool(DECLINES.search(row.text))
    )


def _recaps_an_announced_figure(ask: Ask, row: Scored) -> bool:
    """An analyst's sentence that recaps an announced figure about the question's names (a
    plan recapped is no answer to what was done: "How much did it pay for Ele.me?")."""
    if _FUTURE.search(row.text) and _ASKS_THE_PAST.search(ask.text):
        return False
    return recaps_an_announcement(row.text, ask.entities) and states_figure(row.text)


_ASKS_THE_PAST = re.compile(
    r"\b(?:paid|bought|acquired|acquisition|spent|since|back when|so far|to date)\b"
    r"|过去|当年|以前|曾经|收购|花了",
    re.IGNORECASE,
)


def _raises_the_topic(ask: Ask, row: Scored, threshold: float) -> bool:
    """An analyst's sentence raises the question's topic: it covers most of the question, or
    enough of it while naming every name and number the question gives ("the RMB 10 billion
    into Ele.me" ~ "invest RMB 10 billion with Ele.me")."""
    if row.lexical >= ANALYST_SOURCE_COVERAGE:
        return True
    flat = squash(row.text)
    numbers = [n for n in ask.question_numbers if not YEAR.match(n)]
    return (
        row.lexical >= threshold
        and all(e in flat for e in ask.entities)
        and all(same_number(n, row.text) for n in numbers)
    )


def _pick(
    good: Sequence[Scored], matcher: _Matcher, threshold: float, rows: Sequence[Scored] = ()
) -> list[Scored]:
    """Best sentence first; then, for each part of a multi-part question the quotes do not
    cover yet, the best sentence covering it (the same passage may serve several parts);
    then, for a breakdown ("how was it split"), the figures next to the best sentence; then
    sentences nearly as good that add a question term not yet covered.

    Every extra quote must answer (its part of) the question the way the first one does and
    add something the quotes so far lack (a question term, or a figure the question asks
    for): loosely related sentences cost citation precision and add nothing to the answer.
    """
    ask = matcher.ask
    best = good[0]
    picked = [best]
    # "What did the CFO say about buybacks?": each remark on it with a figure of its own
    # ("a 5.1% net reduction in share count", "the $11.9 billion in share repurchases").
    remarks = bool(_OPEN_ENDED.search(ask.text))

    def off_subject(row: Scored) -> bool:
        # A quote from another passage names what the first one does ("Which businesses
        # drove the All Others segment?" is not also answered by Local Services' drivers;
        # "Amap and Ele.me's growth" not by "云业务的营收增速"; TTG's revenue not by AIDC's).
        if not _names_entity(ask, best) or _names_entity(ask, row):
            return False
        same_passage = any(row.chunk.chunk_id == p.chunk.chunk_id for p in picked)
        # (In the same passage, "Its margin ..." is still about it; "Revenue from AIDC ..."
        # is not.)
        # ("Fueled by ..., AIDC achieved year-over-year revenue growth of 22%" names its own.)
        return (
            not same_passage
            or bool(_FIGURE_OF.search(row.text))
            or (row.has_figure and _names_a_business(row.text, ask.company_words))
        )

    def fresh(row: Scored) -> bool:
        return all((row.chunk.chunk_id, row.start) != (p.chunk.chunk_id, p.start) for p in picked)

    # ("was it 7% or 10%?": each figure offered is to be checked, not an echo of the question)
    offered = ask.offers_figures

    def adds(row: Scored) -> bool:
        covered = set().union(*(p.matched for p in picked))
        new_terms = {t for t in row.matched - covered if offered or t not in ask.question_numbers}
        figure = (ask.wants_number or ask.breakdown or remarks) and row.has_figure
        return bool(new_terms) or figure

    def answers(row: Scored, part: Sequence[str] = ()) -> bool:
        # The English-only embedder under-scores Chinese questions: a lower bar for them.
        floor = EXTRA_DENSE - (0.1 if ask.zh else 0.0)
        # A sentence naming every term of its part, in the passage already quoted, is on that
        # part however far its wording is from the whole question ("in which languages ...,
        # and how was interpretation handled?" ~ "ask questions in Chinese or English").
        whole_part = (
            bool(part)
            and any(row.chunk.chunk_id == p.chunk.chunk_id for p in picked)
            and matcher.part_coverage(row.matched, part) >= 1.0
        )
        # (Nor is one in that passage that covers the question as fully as the best does.)
        as_full = row.lexical >= best.lexical and any(
            row.chunk.chunk_id == p.chunk.chunk_id for p in picked
        )
        if not semantic_match(row) and row.dense < floor and not whole_part and not as_full:
            return False
        if qualifier_fit(ask.text, row.text) < 0:
            return False  # "non-GAAP net income" is no answer to "GAAP net income"
        if not part and ask.parts:
            part = max(ask.parts, key=lambda p: matcher.part_coverage(row.matched, p))
        if part and all(any(e.startswith(t) for e in ask.entities) for t in part):
            # "Compare EBITDA growth for A, B and C": the part "B and C" only names businesses,
            # so its quote must still state the question's most specific metric (EBITDA, not
            # revenue).
            metrics = [t for t in ask.key_terms if stem(t) in METRIC_WORDS]
            specific = max(metrics, key=lambda t: matcher.weights.get(t, 0.0), default="")
            if specific and specific not in row.matched:
                return False
        if part and matcher.part_coverage(row.matched, part) >= threshold:
            # The question's names need not all be in this part's passage ("EBITDA" for the
            # revenue part); answer_content checks that the quotes together name them.
            return answers_question(ask, replace(row, names_ok=True), 0.0)
        return answers_question(ask, row, threshold)

    # "..., and which product was it?" asks for the kind of thing the answer names (PolarDB),
    # no topic of its own: a sentence saying "products" is no answer to it.
    parts = [p for p in ask.parts if not all(t in _THING_KINDS for t in p)]
    for i, part in enumerate(parts):
        if len(picked) >= MAX_QUOTES + 1:
            break
        others = [q for j, q in enumerate(parts) if j != i]

        def fit(r: Scored, part: Sequence[str] = part, others: list[Any] = others) -> float:
            # Prefer the sentence about this part alone: "revenue" in the EBITDA sentence
            # should not make it the revenue quote too; nor should "revenue" among what drove
            # it ("EBITDA increased by 8%, primarily due to the increase in revenue ...").
            own = matcher.matched(_without_drivers(r.text))
            spill = sum(matcher.part_coverage(r.matched, q) for q in others) / max(1, len(others))
            return matcher.part_coverage(own, part) - SPILL_WEIGHT * spill + 0.5 * r.score

        cands = [r for r in good if matcher.part_coverage(r.matched, part) >= 0.5]
        # The best-fitting sentence; the next one only when the best restates a quote already
        # picked ("TTG CMR rose 12%, while EBITDA increased by 8%" after the EBITDA quote).
        for top in sorted(cands, key=fit, reverse=True)[:PART_CANDIDATES]:
            if not fresh(top):
                break  # (a quote already picked answers this part)
            if _redundant(top, picked):
                continue
            if answers(top, part) and adds(top) and not off_subject(top):
                picked.append(top)
            break
    if ask.breakdown and len(picked) < MAX_QUOTES + 1:
        kinds = {n.kind for n in find_numbers(best.text)}
        for row in _neighbours(best, rows):
            # A component of the best sentence's figure: it states a figure of the same kind
            # (an amount for an amount, not "a 5.1% net reduction") and shares a question term
            # (the neighbour of "returned a total of" that says "in total").
            if (
                row.has_figure
                and (not kinds or {n.kind for n in find_numbers(row.text)} & kinds)
                and row.matched
                and not _another_metric_or_business(ask, row)
                and not off_subject(row)
                and fresh(row)
                and not _redundant(row, picked)
            ):
                picked.append(row)
                if len(picked) >= MAX_QUOTES + 1:
                    break
    covered = set().union(*(p.matched for p in picked))
    for row in good[1:]:
        if len(picked) >= MAX_QUOTES:
            break
        same_passage = any(row.chunk.chunk_id == p.chunk.chunk_id for p in picked)
        if not fresh(row) or (same_passage and not (ask.wants_number or remarks)):
            continue
        if _redundant(row, picked) or not answers(row) or not adds(row):
            continue
        if off_subject(row):
            continue
        if ask.wants_number and not ask.ranks and _another_business(ask, best, row, matcher.corpus):
            continue
        gain = matcher.coverage(covered | row.matched) - matcher.coverage(covered)
        close = row.score >= SECOND_QUOTE_RATIO * best.score and row.lexical >= threshold
        # A near-equal sentence must add something: a question term or, for a figure
        # question, another figure (the quarter's amount next to its growth rate).
        more = gain > 0 or (
            (ask.wants_number or remarks) and row.has_figure and row.lexical >= 0.75 * best.lexical
        )
        # A sentence added for a part must cover at least half of some part (whose subject is
        # carried over from the part before when it names none), not share a word or two with
        # the question. (A Chinese question's parts are in Chinese words, its English sentences
        # matched by glossary: no part check.)
        fits_part = ask.zh or any(matcher.part_coverage(row.matched, p) >= 0.5 for p in parts)
        if (close and more) or (fits_part and gain >= PART_GAIN):
            picked.append(row)
            covered |= row.matched
    return picked


# Kinds of thing a question asks to be named ("which product", "what platform").
_THING_WORDS = (
    "product products business businesses company companies firm platform platforms service "
    "services tool tools model models brand brands app apps unit segment programme program "
    "name names one ones thing things"
)
_THING_KINDS = frozenset(stem(word) for word in _THING_WORDS.split())


# A figure stated for a named business: "Revenue from AIDC grew ...", "AIDC's Adjusted EBITDA".
_FIGURE_OF = re.compile(
    r"\b(?:[Rr]evenue|[Ss]ales|(?:[Aa]djusted\s+)?EBITDA|EBITA|[Ii]ncome|[Ll]oss)\s+(?:from|of)\s+[A-Z]"
    r"|\b[A-Z][\w&.-]*['’]s\s+(?:[Aa]djusted\s+)?(?:revenue|EBITDA|EBITA|income|loss)\b"
)  # (case-sensitive: the business is a capitalised name, not "revenue from marketing")


def _segments(text: str) -> set[str]:
    """The business segments a text names, squashed: a "... Group" or "... segments" the
    tables know, an acronym ("AIDC"), Cloud ("Cloud's", "Cloud Intelligence"). Products and
    brands ("Qwen3", "Sun Art") are left out: a sentence naming one may still be on the
    question's business."""
    names = business_name_pattern()
    found = {
        squash(m.group(0))
        for m in (names.finditer(text) if names else ())
        if re.search(r"\b(?:Group|segments?)$", m.group(0))
    }
    found |= {a.lower() for a in _ACRONYM.findall(text) if a.lower() not in _NOT_BUSINESSES}
    if re.search(r"\bCloud(?:['’]s|\s+Intelligence)\b", text):
        found.add("cloud")
    return found


_GENERIC_NAME_WORDS = frozenset(("group", "segment", "segments", "and", "the"))


@functools.cache
def _segment_names() -> tuple[str, ...]:
    """The tables' segment names, squashed (read once: _another_business runs per candidate)."""
    return tuple(squash(n) for n in known_names() if re.search(r"\b(?:Group|segments?)$", n))


def _another_business(ask: Ask, best: Scored, row: Scored, corpus: Corpus) -> bool:
    """An extra quote for a figure that states a segment's figure where neither the question
    nor the first quote names that segment ("集团这季度经调整EBITDA多少?": not Cloud's EBITDA
    next to the group's). A sentence on the whole company ("group revenue would have grown
    10%, excluding Sun Art") is on any question's company."""
    spelled = {a.lower(): long for a, long in [*corpus.acronyms().items(), *ask.acronyms]}
    groups = _segment_names()

    def a_segment(name: str) -> bool:
        # (an acronym is one when it stands for a segment or the tables know it: "TTG",
        # "AIDC"; not a product's "QZT" or "VIP")
        if name not in spelled:
            return (
                name == "cloud" or any(name in g for g in groups) or name.upper() in known_names()
            )
        return any(squash(spelled[name]) in g for g in groups)

    theirs = {t for t in _segments(row.text) if a_segment(t)}
    if not theirs or _COMPANY_LEVEL.search(row.text):
        return False
    asked = f"{ask.text} {glossary_expansion(ask.text) if ask.zh else ''} {' '.join(ask.described)}"
    ours = _segments(asked) | _segments(best.text)
    ours |= {squash(long) for a, long in ask.acronyms if a.lower() in ours}
    ours |= {a.lower() for a, long in ask.acronyms if squash(long) in ours}
    if any(t in o or o in t for t in theirs for o in ours):
        return False
    # (a segment named in other words, by the question or the first quote: "the 'all other'
    # bucket", "our Taobao and Tmall businesses" for TTG)
    words = set(re.findall(r"[a-z]+", f"{asked} {best.text}".lower()))
    if theirs & words:  # ("What was cloud revenue growth?" names Cloud in lowercase)
        return False
    names = business_name_pattern()
    found = [m.group(0) for m in names.finditer(row.text)] if names else []
    found += [spelled.get(a.lower(), a) for a in _ACRONYM.findall(row.text)]
    return not any(
        (own := set(name.lower().split()) - _GENERIC_NAME_WORDS) and own <= words for name in found
    )


def _names_entity(ask: Ask, row: Scored) -> bool:
    """The sentence names one of the question's names (a Chinese one through the glossary, an
    acronym spelled out: "CMR" ~ "customer management revenue")."""
    text = row.text
    if is_chinese(text):
        text = f"{text} {glossary_expansion(text)}"
    flat = squash(text)
    spelled = _spelled_out(ask)
    names = [e for e in ask.entities if e not in METRIC_WORDS]  # ("EBITDA" names no business)
    if not names:  # (a business described: "the cloud segment" -> Alibaba Cloud, "cloud")
        names = [f for d in ask.described for f in _name_forms(d, ask.company_words)]
    # (and "TTG" names Taobao: the acronym of an expansion the name is in, as a word)
    short = [squash(a) for a, _ in ask.acronyms if re.search(rf"\b{re.escape(a)}\b", row.text)]
    return any(
        e in flat
        or any(form in flat for form in spelled.get(e, ()))
        or any(e in form for a in short for form in spelled[a])
        for e in names
    )


def _neighbours(row: Scored, rows: Sequence[Scored]) -> list[Scored]:
    """The other sentences of `row`'s passage, nearest first (the next before the one before):
    where the components of a total are ("$2 per ADS in total" after "$1.05" and "$0.95")."""
    same = [r for r in rows if r.chunk.chunk_id == row.chunk.chunk_id]
    i = next((k for k, r in enumerate(same) if r.start == row.start), None)
    if i is None:
        return []
    order = sorted(range(len(same)), key=lambda k: (abs(k - i), k < i))
    return [same[k] for k in order if k != i]


def _redundant(row: Scored, picked: Sequence[Scored]) -> bool:
    """Same figures, or mostly the same words, as a sentence already quoted."""
    nums = {n.surface for n in find_numbers(row.text)}
    terms = set(content_terms(row.text))
    for p in picked:
        p_nums = {n.surface for n in find_numbers(p.text)}
        if nums and nums <= p_nums:
            return True
        p_terms = set(content_terms(p.text))
        if terms and len(terms & p_terms) / len(terms | p_terms) > 0.6:
            return True
    return False


def _add_interpretation_pair(quotes: list[Quote], corpus: Corpus) -> list[Quote]:
    """For a Chinese question, pair the top quote with its other-language counterpart.

    Chinese remarks and their English interpretation share a `pair_id`; the counterpart
    sentence is the one stating the same figures (else the best lexical match via glossary).
    """
    top = quotes[0]
    if not top.chunk.pair_id:
        return quotes
    others = [
        c
        for c in corpus.chunks(top.chunk.call_id)
        if c.pair_id == top.chunk.pair_id and c.lang != top.chunk.lang
    ]
    nums = find_numbers(top.text)
    top_terms = _terms_of(top.text)
    best: tuple[float, Chunk, int, int] | None = None
    for chunk in others:
        for s, e in sentence_spans(chunk.text):
            sent = chunk.text[s:e]
            shared = sum(any(a.matches(b) for b in find_numbers(sent)) for a in nums)
            if (nums and shared == 0) or len(sent) < 8:
                continue
            overlap = len(_terms_of(sent) & top_terms) / max(1, len(top_terms))
            if best is None or shared + overlap > best[0]:
                best = (shared + overlap, chunk, s, e)
    if best is None or best[0] < 0.2:
        return quotes
    pair = Quote(best[1], best[2], best[3])
    rest = [q for q in quotes[1:] if q.chunk.chunk_id != pair.chunk.chunk_id]
    return [top, pair, *rest[:1]]


def compose(quotes: Sequence[Quote], zh: bool) -> str:
    """'Toby Xu (CFO) said: “...” [1] Eddie Wu (CEO) said: “...” [2]' (or Chinese framing).

    A quote right after one by the same speaker carries no second attribution, and numbers
    are followed by a space in Chinese too ("[1] 吴泳铭"), so a speaker's name never runs
    into a citation marker."""
    parts: list[str] = []
    seen: list[str] = []
    for n, q in enumerate(quotes, start=1):
        first = quotes[0].chunk
        if n == 2 and zh and _same_pair(q, quotes[0]) and q.chunk.lang != first.lang:
            label = "（英文传译：" if q.chunk.lang == "en" else "（中文原话："
            parts[-1] += f"{label}{quoted(q.text)} [{n}]）"
            continue
        verb = said(q.chunk, zh, again=q.chunk.speaker in seen)
        if seen and seen[-1] == q.chunk.speaker:
            parts.append(f"{quoted(q.text)} [{n}]")
        elif zh:
            parts.append(f"{who(q.chunk, zh)}{verb}：{quoted(q.text)} [{n}]")
        else:
            parts.append(f"{who(q.chunk)} {verb}: {quoted(q.text)} [{n}]")
        seen.append(q.chunk.speaker)
    return " ".join(parts)


_SECTION_NAMES = {"prepared": ("the prepared remarks", "开场发言"), "qa": ("the Q&A", "问答环节")}


def elsewhere_lead(asked: str, found: Sequence[str], zh: bool) -> str:
    """'Not found in the prepared remarks; it is in the Q&A: ' (the space included): what an
    answer from the other section starts with, offline or from an LLM."""
    where = [_SECTION_NAMES.get(s, (s, s))[1 if zh else 0] for s in dict.fromkeys(found)]
    not_in = _SECTION_NAMES.get(asked, (asked, asked))[1 if zh else 0]
    if zh:
        return f"{not_in}中没有找到，答案在{'和'.join(where)}中："
    return f"Not found in {not_in}; it is in {' and '.join(where)}: "


def state_elsewhere(draft: Draft, asked: str, zh: bool) -> Draft:
    """'Not found in the prepared remarks; it is in the Q&A:' before the quotes: the answer to
    "did they talk about X in the prepared remarks?" when only the other section answers."""
    found = [q.chunk.section for q in draft.quotes]
    if draft.refused or not found or asked in found:
        return draft  # (the caller keeps its refusal then)
    return replace(draft, text=elsewhere_lead(asked, found, zh) + draft.text)


def state_section(draft: Draft, zh: bool) -> Draft:
    """'This was in the prepared remarks.' before the quotes: the answer to "was X in the
    prepared remarks or the Q&A?" is where the quoted passages sit."""
    sections = list(dict.fromkeys(q.chunk.section for q in draft.quotes))
    names = [_SECTION_NAMES.get(s, (s, s))[1 if zh else 0] for s in sections]
    if draft.refused or not names:
        return draft
    if zh:
        where = "这是在" + "和".join(names) + "中说的。"
    elif len(names) == 1:
        where = f"This was in {names[0]}."
    else:
        where = f"This came up in both {names[0]} and {names[1]}."
    return replace(draft, text=f"{where} {draft.text}" if not zh else where + draft.text)


def merge_parts(
    ask: Ask,
    drafts: Sequence[Draft],
    corpus: Corpus,
    threshold: float,
    part_asks: Sequence[Ask] = (),
) -> Draft | None:
    """One answer from the whole question's draft (first) and its parts' drafts: each part's
    best quote (when it also covers its share of the whole question's terms, `threshold` /
    parts, and is not already quoted, nor its interpretation) in the question's order, the
    whole question's best quote (first, unless every part found its own), then the whole
    question's other quotes while there is room. When the whole question found no answer,
    every part must have one; the quotes together must still name the question's codes
    ("GMV"). None when that fails."""
    whole, parts = drafts[0], drafts[1:]
    asks = list(part_asks) if len(part_asks) == len(parts) else [None] * len(parts)
    answered = [(d, a) for d, a in zip(parts, asks, strict=True) if not d.refused and d.quotes]
    if whole.refused and len(answered) < len(parts):
        return None
    first = [] if whole.refused else whole.quotes[:1]
    if first and len(whole.quotes) > 1 and _same_pair(whole.quotes[1], first[0]):
        first.append(whole.quotes[1])  # (a Chinese answer's interpretation stays with it)
    rest = [] if whole.refused else [q for q in whole.quotes if q not in first]
    quotes = list(first)
    matcher = _Matcher(ask, corpus)
    chosen: list[Quote] = []  # each part's quote (and its pair), in the question's order
    satisfied = 0
    for d, part in answered:
        # Its best-scored quote (a part's breakdown is quoted in passage order, so its first
        # quote may be another part's: "regular dividend, special dividend").
        q = max(d.quotes, key=lambda x: x.score)
        # (the whole question's best quote counts once, not again when a part's quote is it)
        extra = [f for f in quotes if not any(_overlaps(f, p) for p in chosen)]
        if len(extra) + len(chosen) >= MAX_QUOTES + 1:
            break
        # A part read alone can drift: its quote must also cover its share of the whole
        # question's terms (a part covers about 1/n of them), or its passage must name most
        # of the part's own terms (the topic is often named a sentence earlier: "this
        # instant retail market ... / Today, it could be a market of 500-600 million").
        related = matcher.coverage(matcher.matched(q.text)) >= threshold / len(parts)
        if not related and part is not None:
            own = _Matcher(part, corpus)
            related = own.coverage(own.matched(q.chunk.text)) >= PART_PASSAGE_COVERAGE
        satisfied += related
        if related and not any(_overlaps(q, p) for p in chosen):
            chosen.append(q)
            pair = [p for p in d.quotes if _same_pair(p, q) and p.chunk.lang != q.chunk.lang]
            chosen.extend(pair[:1])  # a Chinese answer's interpretation, as answer_content adds
    if satisfied == len(parts):
        # Every part has its quote: they answer in the question's order ("TTG, Cloud and
        # AIDC"), and the whole question's best quote follows unless one of them says it (a
        # part's quote inside it gives way to it: the whole question's may run on to the
        # cause, "... by 1.9 points. We increased our investments ...").
        quotes = []
        for p in chosen:
            q = next((q for q in first if _contains(q, p)), p)
            if q not in quotes:
                quotes.append(q)
        quotes += [q for q in first if not any(_overlaps(q, p) for p in quotes)]
    else:
        quotes += [q for q in chosen if not any(_overlaps(q, p) for p in quotes)]
    quotes += [q for q in rest if not any(_overlaps(q, p) for p in quotes)]
    quotes = quotes[: MAX_QUOTES + 1]
    if ask.breakdown and len({q.chunk.chunk_id for q in quotes}) == 1:
        quotes.sort(key=lambda q: q.start)  # (one passage's components, in its order)
    if not quotes or quotes == list(whole.quotes):
        return None
    quoted = "".join(squash(q.chunk.embed_text) for q in quotes)
    if not all(names_in(forms, quoted) for forms in _code_forms(ask, corpus)):
        return None
    support = max(d.support for d in [whole, *(d for d, _ in answered)])
    return Draft(text=compose(quotes, ask.zh), quotes=quotes, support=support)


def _same_pair(a: Quote, b: Quote) -> bool:
    """Two quotes of one zh/en pair (a Chinese passage and its interpretation)."""
    return bool(a.chunk.pair_id) and a.chunk.pair_id == b.chunk.pair_id


def _contains(a: Quote, b: Quote) -> bool:
    """`a` quotes all of `b` (and perhaps more) from the same passage."""
    return a.chunk.chunk_id == b.chunk.chunk_id and a.start <= b.start and b.end <= a.end


def _overlaps(a: Quote, b: Quote) -> bool:
    """The same words quoted twice: overlapping spans, or the other half of a zh/en pair."""
    if _same_pair(a, b) and a.chunk.lang != b.chunk.lang:
        return True
    return a.chunk.chunk_id == b.chunk.chunk_id and a.start < b.end and b.start < a.end


# ---------------------------------------------------------------------------------------------
# IDF helper (used by the Engine)
# ---------------------------------------------------------------------------------------------


def idf_table(texts: Sequence[str]) -> Callable[[str], float]:
    """term -> log(1 + N / (1 + df)); unseen terms get the highest weight."""
    df: dict[str, int] = {}
    for text in texts:
        for term in _terms_of(text):
            df[term] = df.get(term, 0) + 1
    n = max(1, len(texts))
    top = math.log(1 + n)

    def idf(term: str) -> float:
        return math.log(1 + n / (1 + df[term])) if term in df else top

    return idf
