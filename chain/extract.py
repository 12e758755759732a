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

The pieces it ranks with live beside it: `chain.matching` (term and meaning match),
`chain.metrics` (which figure a sentence states), `chain.subjects` (which business or name a
question is about), `chain.extend` (growing a quote to stand alone), `chain.lists` (a
speaker's list of points), `chain.overview` ("What did X say?") and `chain.compose` (quotes
into answer text).

Refusal is decided here, from the sentences, not from retrieval scores: a name the call never
mentions, a figure asked for but none stated, the counted thing ("how many parameters") absent,
or key-term coverage below `settings.refusal_threshold` -> "The transcript does not say."
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from chain.ask import ASKS_NAME, GENERIC_COUNTED, THING_KINDS, Ask, squash
from chain.cite import find_numbers
from chain.compose import (
    MAX_QUOTES,
    SECOND_QUOTE_RATIO,
    add_interpretation_pair,
    compose,
    contains,
    overlaps,
)
from chain.draft import Corpus, Draft, Quote, Scored, refusal_text
from chain.extend import (
    OF_THAT,
    REFERS_TO_THE_LAST,
    asks_for_names,
    extend_back,
    extend_cause,
    extend_figure,
    extend_lead_in,
    extend_remark,
    gives_cause,
    host_remark,
    new_names,
)
from chain.lists import enumeration, passage_before
from chain.matching import (
    SEQUENTIAL,
    YEAR_ON_YEAR,
    Matcher,
    same_number,
    semantic_match,
    terms_of,
    vs_previous_quarter,
)
from chain.metrics import (
    DIGITS_IN_WORDS,
    PEOPLE_COUNTED,
    USERS_BY_ANOTHER_NAME,
    another_kind_of_revenue,
    another_metric_or_business,
    has_figure,
    metric_kind_clash,
    names_the_metric,
    qualifier_fit,
    without_drivers,
)
from chain.overview import answer_overview, asks_overview
from chain.subjects import (
    COMPANY_LEVEL,
    MONTH_NAMES,
    NOT_SUBJECT_CAPS,
    another_business,
    code_forms,
    names_a_business,
    names_entity,
    names_in,
    products_named,
    spelled_out,
    spellings,
    subject_names,
)
from chain.text import (
    METRIC_STEMS,
    METRIC_WORDS,
    PREDICATE_WORDS,
    RELATIVE_STEMS,
    content_terms,
    glossary_expansion,
    has_digit,
    is_chinese,
    sentence_spans,
    states_figure,
    stem,
    wordset,
)
from chain.turns import (
    is_instructions,
    is_introduction,
    recaps_an_announcement,
    takes_the_question,
)
from index.acronyms import STANDARD_TERMS
from index.glossary import en_synonyms, zh_terms
from index.stem import stems_of
from ingest.models import Chunk

PART_CANDIDATES = 2  # sentences tried per part of a multi-part question (see _pick)
# How much a part's candidate is marked down for also covering the other parts: the sentence
# about this part alone is its quote (0.3 -> 0.5: one more right answer, no loss, all sets).
SPILL_WEIGHT = 0.5
# A further quote must score SECOND_QUOTE_RATIO as high as the best one, or cover this much
# more of a multi-part question.
PART_GAIN = 0.15
PART_SUPPORT = 0.5  # a sentence covering this much of one part's terms answers that part
# An extra quote (beyond the first) must be at least this close in meaning to the question
# (or semantically accepted): sharing one question word is not enough to be cited.
EXTRA_DENSE = 0.45


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------


def score_sentences(
    ask: Ask, chunks: Sequence[Chunk], corpus: Corpus, matcher: Matcher | None = None
) -> list[Scored]:
    """Every sentence of `chunks` (in retrieval order) scored against the question."""
    matcher = matcher or Matcher(ask, corpus)
    rows: list[Scored] = []
    codes = code_forms(ask, corpus)
    subjects = subject_names(ask)
    products = products_named(ask) if subjects else []
    # (the counted thing in the calls' words: "mixture-of-experts models" are "MoE models")
    counted_as = (
        [
            squash(words)
            for phrase, words in en_synonyms(ask.text)
            if squash(ask.counted) in squash(phrase)
        ]
        if ask.counted and not ask.zh
        else []
    )
    for rank, chunk in enumerate(chunks):
        chunk_cov = matcher.coverage(matcher.matched(chunk.text))
        chunk_flat = squash(chunk.embed_text)
        if declined := _declined_passage(ask, chunk, corpus):
            # ("Did he give any numbers on 618?": "Because the campaign hasn't started, I'm
            # not in a position to share ..." follows "Coming to the 618 campaign" in the
            # same turn, a passage earlier: what he declines is what that passage is about,
            # and names.)
            chunk_cov = max(chunk_cov, matcher.coverage(matcher.matched(declined.text)))
            chunk_flat += squash(declined.text)
        names_ok = not codes or any(names_in(forms, chunk_flat) for forms in codes)
        before = ""
        before_matched: frozenset[str] = frozenset()
        before_figure = False
        for s, e in sentence_spans(chunk.text):
            text = chunk.text[s:e]
            window = squash(f"{before} {without_drivers(text)}")
            before = text
            # ("You have the larger models, say 32 billion parameters or higher. Although,
            # yes, you can run those on a card, ... you need to put them in the cloud": the
            # figure the sentence goes on about is the one before's; the quote takes both)
            own_figure = has_figure(ask, text)
            figure = own_figure or (before_figure and bool(REFERS_TO_THE_LAST.match(text)))
            before_figure = own_figure
            own = matcher.matched(text)
            # "One thing about this instant retail market ... / Today, it could be a market of
            # 500-600 million consumers": a sentence about "it" is about what the one before
            # named (spoken answers name the topic once, then give the figure).
            refers = _REFERS_BACK.match(text) or OF_THAT.match(text)
            matched = own | before_matched if refers else own
            before_matched = own
            # ("How many shoppers are in the loyalty tier?" counts the 88VIP members.)
            counted = bool(ask.counted) and (
                ask.counted in GENERIC_COUNTED
                or ask.counted in terms_of(text)
                or ask.counted in squash(text)
                or any(squash(name) in squash(text) for name in ask.described)
                or any(w in squash(text) for w in counted_as)
                or (ask.counted in PEOPLE_COUNTED and bool(USERS_BY_ANOTHER_NAME.search(text)))
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
                    has_figure=figure,
                    has_counted=counted,
                    has_cause=ask.wants_cause and gives_cause(Quote(chunk, s, e, 0.0)),
                    has_future=bool(ask.wants_future and _FUTURE.search(text)),
                    names_ok=names_ok,
                    # (or the thing the question describes, which is the business's: "the
                    # Taobao tech fee" is its software service fee, whoever's name is said)
                    names_subject=not subjects
                    or any(names_in(n, window) for n in subjects)
                    # (a business the question describes, not names, may be what drove
                    # its segment: "the unit running maps and food delivery" is Local
                    # Service Group, "driven by ... Amap and Ele.me")
                    or any(squash(d) in squash(text) for d in ask.described)
                    or any(p in window for p in products),
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


def _declined_passage(ask: Ask, chunk: Chunk, corpus: Corpus) -> Chunk | None:
    """For "did he give any numbers on X?", the passage just before one declining to: what is
    declined is what it is about (None when the passage declines nothing)."""
    if not ask.asks_disclosure or not DECLINES.search(chunk.text):
        return None
    return passage_before(chunk, corpus)


def _code_text(ask: Ask, chunk: Chunk, corpus: Corpus) -> str:
    """Where the question's codes are looked for: the passage and its header, squashed, and
    the passage it declines figures on (see _declined_passage)."""
    declined = _declined_passage(ask, chunk, corpus)
    return squash(chunk.embed_text) + (squash(declined.text) if declined else "")


# A sentence whose subject is a pronoun: "Today, it could be ...", "That could easily be ...".
_REFERS_BACK = re.compile(
    r"^\W*(?:(?:today|now|so|and|but|also|here|going forward|in the future)\W+)?"
    r"(?:it|this|that|these|they)\s+(?:could|would|will|can|may|might|is|was|are|were|has|have"
    r"|had|should|must)\b",  # (a pronoun, not a determiner: not "This increase reflects")
    re.IGNORECASE,
)


CAUSE_BONUS = 0.08
# Only sentences on what lies ahead answer a question about it ("will it ...?"), when the best
# of them scores this close to the best sentence.
AHEAD_RATIO = 0.8
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
    r"\bwhen\s+(?:(?:exactly|precisely)\s+)?(?:did|was|were|had|has|have)\b|\b(?:started|began|launched|released|happened"
    r"|introduced|completed)\b|(?:什么时候|啥时候|几月|哪个月|哪一?年)[^?？]*(?:了|的)[?？]?$",
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
    if ask.headline and COMPANY_LEVEL.search(row.text):
        score += HEADLINE_BONUS  # "What was revenue this quarter?": the company's, not TTG's
    if (
        ask.names_full_year
        and not ask.wants_full_year
        and _FULL_YEAR.search(row.text)
        and (ask.wants_future or not _YEAR_AHEAD.search(row.text))
    ):
        score += CAUSE_BONUS  # ("how did cloud revenue do over the whole year?": the year's)
    if row.has_cause:
        score += CAUSE_BONUS
    if ask.wants_where and names_a_place(row.text):
        score += CAUSE_BONUS  # ("where were they published?": where, not that they were)
    if row.has_future:
        score += CAUSE_BONUS  # "how do they see the next few quarters?": what they expect
    if (
        vs_previous_quarter(ask.text, ask.zh)
        and YEAR_ON_YEAR.search(row.text)
        and not SEQUENTIAL.search(row.text.lower())
    ):
        score -= 0.1  # ("跟上一季比": not the year-over-year change)
    if another_kind_of_revenue(ask.text, row.text):
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
    if ask.answers_zh and is_chinese(row.text):
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
        and n not in NOT_SUBJECT_CAPS | _PLACES | MONTH_NAMES | _STANDARD_TERMS
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
    if ask.wants_where and names_a_place(row.text) and row.lexical >= threshold * 0.5:
        return True  # ("Where were they published?": "... open-sourced on ModelScope")
    return row.lexical >= threshold or semantic_match(row)


# A place or platform something is on, in or at: "on ModelScope, Hugging Face", "in Yiwu"
# (not a time: "in April").
_A_PLACE = re.compile(
    r"\b(?:on|in|at|from|via|through)\s+(?:the\s+)?(?!(?:January|February|March|April|May|June"
    r"|July|August|September|October|November|December|Q[1-4]|FY)\b)[A-Z][\w.-]+"
)


def names_a_place(text: str) -> bool:
    return bool(_A_PLACE.search(text))


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
    matcher = Matcher(ask, corpus)
    rows = score_sentences(ask, pool, corpus, matcher)
    good = sorted((r for r in rows if _eligible(ask, r, threshold)), key=lambda r: -r.score)
    if not good:
        return Draft(text=refusal_text(ask, _only_a_change(ask, rows, threshold)), refused=True)
    # ("Will that spending dent TTG profits?": what they expect; not for one part of several:
    # "what lifted CMR, and will it keep helping?")
    ahead = [r for r in good if r.has_future] if ask.asks_ahead and not ask.parts else []
    if ahead and ahead[0].score >= AHEAD_RATIO * good[0].score:
        good = ahead  # (how it went is no answer to what will happen)
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
    codes = code_forms(ask, corpus)

    def names_the_codes(rows: Sequence[Scored]) -> bool:
        quoted = "".join(_code_text(ask, r.chunk, corpus) for r in rows)
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
            if ask.answers_zh
            else f"The call gives no figure such as {ask.claimed_figure}."
        )
        return Draft(text=refusal_text(ask, detail), refused=True, support=support)
    no_figure = ""

    def gives_it(r: Scored) -> bool:  # (a figure, of what lies ahead if that is asked)
        return DECLINES.search(r.text) is not None or (
            r.has_figure
            and (r.has_future or not ask.wants_future)
            and has_figure(ask, _DURATION.sub(" ", r.text))  # (no "the next 10 to 20 years")
        )

    if ask.asks_disclosed_figure and not any(gives_it(r) for r in picked):
        # "Did they give any numbers on the software service fee rate?": a sentence further
        # down may ("the 0.6% charge"): first when on all the best quote is on, else next to
        # it when on the question's subject (then no "no figure" is said: there may be one).
        subject = set(ask.alt_terms if ask.zh else ask.key_terms) - METRIC_STEMS - PREDICATE_WORDS
        figures = [r for r in good if r.has_figure and gives_it(r)]
        same = [r for r in figures if r.matched >= picked[0].matched]
        near = [r for r in figures if subject and r.matched >= subject]
        picked = same[:1] or (picked[:1] + near[:1] if near else picked)
    if ask.asks_disclosed_figure and not any(gives_it(r) for r in picked):
        # ("Did they give a quantified outlook for TTG's profitability?": the quotes on it give
        # none, and no one declined to. No, said first, then what was said; refused when the
        # question asks for the figure itself too: "若有,数字为何?", "if so, how much?")
        if ask.wants_future:
            no_figure = (
                "会上没有给出具体的预期数字。"
                if ask.answers_zh
                else "The call gives no figure for what lies ahead. "
            )
        else:
            no_figure = (
                "会上没有给出具体数字。" if ask.answers_zh else "The call gives no figure for it. "
            )
        if _IF_SO.search(ask.text):
            return Draft(text=refusal_text(ask, no_figure.strip()), refused=True, support=support)
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
        quotes = [first, *(q for q in quotes[1:] if not overlaps(q, first))]
    elif ask.wants_number:
        first = extend_figure(quotes[0])
        quotes = [first, *(q for q in quotes[1:] if not overlaps(q, first))]
    elif _OPEN_ENDED.search(ask.text) and not asks_for_names(ask):
        first = extend_remark(quotes[0])
        quotes = [first, *(q for q in quotes[1:] if not overlaps(q, first))]
    backed: list[Quote] = []
    for q in map(extend_back, quotes):  # (run back over another quote: that one goes)
        backed = [p for p in backed if not contains(q, p)]
        if not any(overlaps(q, p) for p in backed):
            backed.append(q)
    quotes = backed
    if ask.answers_zh:
        quotes = add_interpretation_pair(quotes, corpus)
    return Draft(text=no_figure + compose(quotes, ask.answers_zh), quotes=quotes, support=support)


# A length of time: "10 to 20 years", "two to three years", "18 months".
_DURATION = re.compile(
    r"\b(?:\d+|\w+)(?:\s*(?:to|-|–)\s*(?:\d+|\w+))?\s+(?:years?|months?|quarters?|weeks?|days?)\b"
)


# The figure itself, asked after whether one was given: "若有,数字为何?", "If so, how much?".
_IF_SO = re.compile(r"\bif\s+(?:so|yes|they\s+did)\b|若有|如果有|如有|有的话", re.IGNORECASE)


# "What did management say about X?", "any color on X?": an account, not one fact.
_OPEN_ENDED = re.compile(
    r"\b(?:say|said|says|comment(?:ed)?|talk(?:ed)?|remark(?:ed)?|describe[ds]?|discuss(?:ed)?"
    r"|colou?r|elaborate[ds]?|explain(?:ed)?|view|views|outlook|summari[sz]e|sum\s+up|recap"
    r"|rundown)\b|怎么看|怎么说|怎么讲|如何讲|表示了什么|谈了什么|(?:说|讲|谈)了?(?:什么|啥)|总结|概括",
    re.IGNORECASE,
)


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
    if (
        claimed
        and any(claimed[0].matches(n) and n.kind == claimed[0].kind for n in stated)
        # (and on the claim's subject: "the buyback retired about 5% of shares" is not
        # confirmed by "an annual dividend ..., a 5% increase")
        and {t for t in row.matched if not has_digit(t)} - METRIC_STEMS - PREDICATE_WORDS
    ):
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
        kind == "percent" and bool(DIGITS_IN_WORDS.search(row.text))
    )


def _only_a_change(ask: Ask, rows: Sequence[Scored], threshold: float) -> str:
    """ "What absolute EBITDA margin did Cloud print?": when the call states only how the
    figure moved ("decreased quarter-over-quarter by 1.9 percentage points"), the refusal says
    so: the analyst learns the level is not given, not that the topic never came up. Only
    when no sentence on the subject and metric states a level (one left out for another
    reason, such as who said it, is no "only a change")."""
    if not (ask.wants_absolute or ask.wants_margin_level) or ask.speakers or ask.section:
        return ""  # (what one speaker or section gives says nothing of the rest of the call)
    on_it = [
        r
        for r in rows
        if r.lexical >= threshold
        and r.names_subject
        and names_the_metric(ask, r)
        and not metric_kind_clash(ask.text, r.text)  # (no gross margin for an EBITDA one)
    ]
    changes = [r for r in on_it if states_figure(r.text) and not r.has_figure]
    if not changes or any(r.has_figure for r in on_it):
        return ""
    return (
        "会上只给出了变化幅度，没有给出具体水平。"
        if ask.answers_zh
        else "The call gives only how it changed, not its level."
    )


def _precheck(ask: Ask, corpus: Corpus) -> Draft | None:
    """Refuse up front when the question names someone or something the call never mentions."""
    if ask.absent_person:
        detail = (
            f"{ask.absent_person}没有在这次电话会议上发言。"
            if ask.answers_zh
            else f"{ask.absent_person} does not speak on this call."
        )
        return Draft(text=refusal_text(ask, detail), refused=True)
    spelled = spelled_out(ask)  # ("CIG": the call says "Cloud Intelligence Group")
    missing = [
        e
        for e in ask.entities
        if not any(map(corpus.mentions, [*spellings(e), *spelled.get(e, ())]))
        and not _another_word_of_its_name(ask, e, corpus)
    ]
    if missing:
        return Draft(text=refusal_text(ask), refused=True)
    return None


_FULL_YEAR = re.compile(
    r"\b(?:full|whole|entire)[- ](?:fiscal[- ])?year|\bfiscal\s+year\b|\b(?:this|the)\s+year\b"
    r"|\bannual\b|\byear[- ]to[- ]date\b|全年|财年|本年|今年|年度",
    re.IGNORECASE,
)
_QUARTER = re.compile(r"\bquarter|季度", re.IGNORECASE)
# A year ahead ("in the coming fiscal year"): not the year that was.
_YEAR_AHEAD = re.compile(
    r"\b(?:coming|next|following|new)\s+(?:fiscal\s+)?year\b|明年|下一?个?财年|新财年",
    re.IGNORECASE,
)
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
        and not COMPANY_LEVEL.search(row.text)
        and names_a_business(row.text, ask.company_words)
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
    if another_metric_or_business(ask, row):
        return False
    asked = {*ask.key_terms, *ask.alt_terms}
    if row.matched and row.matched <= _PERIOD_TERMS and asked - _PERIOD_TERMS:
        return False  # ("headcount at FY end?": "In the new fiscal year, ..." shares the time)
    if ask.wants_number and not names_the_metric(ask, row):
        return False
    if ask.counted and not row.has_counted:
        return False
    if not ask.key_terms and not ask.alt_terms:
        return row.dense >= 0.5
    return row.lexical >= threshold * 0.5 or semantic_match(row) or _declines(ask, row, threshold)


# Words that say when, not what: a sentence sharing only these with the question is not
# about what it asks.
_PERIOD_TERMS = stems_of(
    wordset(
        "fy fiscal year years quarter quarters quarterly month months annual full end period "
        "next coming new last prior previous q1 q2 q3 q4 h1 h2 yoy qoq"
    )
)


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
    good: Sequence[Scored], matcher: Matcher, threshold: float, rows: Sequence[Scored] = ()
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
        if not names_entity(ask, best) or names_entity(ask, row):
            return False
        # (A part of its own that names none of them is answered without them: "What about
        # the AI supply chain, and will cloud growth keep rising in the next quarters?")
        # (on a subject of that part's own, not only its metric: "TTG adj. EBITDA and growth
        # rate?" asks TTG's growth rate)
        named = [p for p in ask.parts if set(ask.entities) & set(p)]
        if (
            named
            and all(matcher.part_coverage(row.matched, p) == 0 for p in named)
            and any(
                matcher.part_coverage(row.matched, p) >= 0.4
                and row.matched & set(p) - METRIC_STEMS - PREDICATE_WORDS - THING_KINDS
                for p in ask.parts
                if p not in named
            )
        ):
            return False
        same_passage = any(row.chunk.chunk_id == p.chunk.chunk_id for p in picked)
        # (In the same passage, "Its margin ..." is still about it; "Revenue from AIDC ..."
        # is not.)
        # ("Fueled by ..., AIDC achieved year-over-year revenue growth of 22%" names its own.)
        return (
            not same_passage
            or bool(_FIGURE_OF.search(row.text))
            or (row.has_figure and names_a_business(row.text, ask.company_words))
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
    parts = [p for p in ask.parts if not all(t in THING_KINDS for t in p)]
    for i, part in enumerate(parts):
        if len(picked) >= MAX_QUOTES + 1:
            break
        others = [q for j, q in enumerate(parts) if j != i]

        def fit(r: Scored, part: Sequence[str] = part, others: list[Any] = others) -> float:
            # Prefer the sentence about this part alone: "revenue" in the EBITDA sentence
            # should not make it the revenue quote too; nor should "revenue" among what drove
            # it ("EBITDA increased by 8%, primarily due to the increase in revenue ...").
            own = matcher.matched(without_drivers(r.text))
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
            # (the neighbour of "returned a total of" that says "in total"), more than how it
            # changed ("an increase of 18%" in the operating cash flow after net income).
            if (
                row.has_figure
                and (not kinds or {n.kind for n in find_numbers(row.text)} & kinds)
                and row.matched - RELATIVE_STEMS
                and not another_metric_or_business(ask, row)
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
        if ask.wants_number and not ask.ranks and another_business(ask, best, row, matcher.corpus):
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


# A figure stated for a named business: "Revenue from AIDC grew ...", "AIDC's Adjusted EBITDA".
_FIGURE_OF = re.compile(
    r"\b(?:[Rr]evenue|[Ss]ales|(?:[Aa]djusted\s+)?EBITDA|EBITA|[Ii]ncome|[Ll]oss)\s+(?:from|of)\s+[A-Z]"
    r"|\b[A-Z][\w&.-]*['’]s\s+(?:[Aa]djusted\s+)?(?:revenue|EBITDA|EBITA|income|loss)\b"
)  # (case-sensitive: the business is a capitalised name, not "revenue from marketing")


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
