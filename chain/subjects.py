"""What a question is about: the businesses, names and codes it names.

A figure asked for Cloud is not answered by the group's figure or AIDC's; a name the call never
mentions is refused before any sentence is scored. These read names from the question and
check them in sentences, in the forms the transcript uses (acronyms, Chinese names, misspellings).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from chain.ask import Ask, squash
from chain.clauses import without_glosses
from chain.draft import Corpus, Scored
from chain.matching import FRAMING, carried_span
from chain.metrics import HEAD_METRICS
from chain.text import (
    METRIC_WORDS,
    MONTHS,
    STOPWORDS,
    glossary_expansion,
    is_chinese,
    stem,
    wordset,
)
from index.descriptions import business_name_pattern, known_names
from index.glossary import zh_terms

MONTH_NAMES = frozenset(MONTHS)


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
    expansions = spelled_out(ask, short=True)
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9&'’.-]*[A-Za-z0-9]|[A-Za-z0-9]", ask.text)
    words = [w.removesuffix("'s").removesuffix("’s") for w in words]

    def named(i: int) -> bool:
        w = words[i]
        if not w[0].isupper() or any(ch.isdigit() for ch in w):
            return False
        low = w.lower()
        if stem(w) in METRIC_WORDS | HEAD_METRICS or low in MONTH_NAMES | NOT_SUBJECT_CAPS:
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
            # (the first word that is not the company's own: "Alibaba Cloud" -> "Cloud")
            ours = {w.lower() for w in ask.company_words}
            first = next((w for w in run if w.lower() not in ours), run[0])
            forms = {raw, stemmed, squash(first), stem(first)}
            forms |= {e for f in (raw, stemmed, squash(first)) for e in expansions.get(f, ())}
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
    # (a brand's service by what it is: "Taobao Instant Commerce" is the instant commerce)
    specific = [w for w in own if w.lower() not in _GENERIC_NAME_WORDS]
    if len(specific) >= 3:
        forms.add(squash(" ".join(specific[1:])))
    return tuple(sorted(f for f in forms if len(f) >= 3 and f not in ("group", "and")))


def _zh_subject_names(ask: Ask) -> list[tuple[str, ...]]:
    """A Chinese figure question's businesses: its glossary terms whose English is a name
    ("阿里云" -> Alibaba Cloud, "本地生活" -> Local Service), so "本地生活集团的EBITDA亏损"
    is not answered by AIDC's loss."""
    names = []
    carried = carried_span(ask)  # (a follow-up's carried topic is context)
    # (a parenthesised example is no subject: "海外网购生意(速卖通那些)" is AIDC's)
    own = without_glosses(ask.text[carried.end() :] if carried else ask.text)
    for _, english in zh_terms(own):
        first = english.split()[0]
        if (
            first[:1].isupper()
            and first.lower() not in NOT_SUBJECT_CAPS | _UNITS
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


# (and where the buyers are, no business: "How many Chinese shoppers ...?")
NOT_SUBJECT_CAPS = wordset("rmb usd us gaap non-gaap yoy qoq fy adjusted q&a ceo cfo ai chinese")


def question_codes(ask: Ask) -> list[str]:
    """The question's acronyms and alphanumeric codes ("GMV", "88VIP", "Qwen3"), squashed.

    Unlike ordinary capitalised words ("March", "Cloud") these are exact names: a passage that
    lacks them is about something else.
    """
    # (not in a framing clause: "With GPUs scarce, is capex cut?" is not about GPUs)
    frame = FRAMING.match(ask.text)
    text = ask.text[frame.end() :] if frame else ask.text
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9&.-]*[A-Za-z0-9]", text)
    out = []
    for w in words:
        is_acronym = len(w) >= 2 and w.isupper() and w.isalpha()
        is_code = bool(re.search(r"\d", w) and re.search(r"[A-Za-z]", w))
        is_code = is_code or w.isdigit()  # ("618": Ask.entities keeps only a number naming one)
        if (is_acronym or is_code) and squash(w) in ask.entities:
            out.append(squash(w))
    return out


def code_forms(ask: Ask, corpus: Corpus) -> list[tuple[str, ...]]:
    """Each of the question's codes (`question_codes`) with its other spellings: an acronym
    the call spells out is also present where its expansion is ("CMR" ~ "customer management
    revenue"), a fiscal year where it is written out or named as the call names it ("the new
    fiscal year"); initials the call never uses where the group's short name is ("CIG" ~
    "Cloud's", as the call says after "Cloud Intelligence Group" once)."""
    spelled, short = spelled_out(ask), spelled_out(ask, short=True)
    return [
        (*spellings(code), *(spelled if corpus.mentions(code) else short).get(code, ()))
        for code in question_codes(ask)
    ]


def spelled_out(ask: Ask, short: bool = False) -> dict[str, list[str]]:
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


# A figure for the whole company: "total consolidated revenue", "Consolidated Adjusted
# EBITDA", "overall group EBITDA" ("group" lowercase: "Taobao and Tmall Group" is one
# business; not "consolidated subsidiaries" or "in total").
COMPANY_LEVEL = re.compile(
    r"(?:(?i:\b(?:consolidated|total|overall))|\bgroup)\s+(?:\w+\s+)?(?i:(?:revenue|adjusted"
    r"|ebitda|ebita|net\s+income|income|profit|earnings|operating|free\s+cash|cash)\b)"
)


def spellings(entity: str) -> list[str]:
    """A name as the call may spell it: a fiscal year's code also in words ("fy2026" ->
    "fiscalyear2026", "fiscal2026"; "fy26" -> "...2026")."""
    m = re.fullmatch(r"fy(\d{2}|\d{4})", entity)
    if not m:
        return [entity]
    year = m.group(1) if len(m.group(1)) == 4 else f"20{m.group(1)}"
    return [entity, f"fiscalyear{year}", f"fiscal{year}"]


# A business's name: a "... Group" other than the company's own, or an acronym that is no
# metric, unit or company name ("TTG", "AIDC"; not "EBITDA", "RMB", "BABA").
_GROUP_NAME = re.compile(r"\b((?:[A-Z][\w.&'-]*\s+(?:and\s+)?){1,4})Group\b")


_ACRONYM = re.compile(r"\b[A-Z]{2,5}\b")


_NOT_BUSINESSES = wordset(
    "gaap ebitda ebita rmb usd us hk hkd ads adr ai gmv esop fcf yoy qoq ytd ttm cmr ceo cfo coo "
    "fy eps roe roi capex opex sbc kpi ipo esg dau mau arpu"
)


def names_a_business(text: str, company_words: Sequence[str] = ()) -> bool:
    """The sentence names one of a company's businesses (not the company as a whole)."""
    ours = {w.lower() for w in company_words}
    if any(set(m.group(1).lower().split()) - ours for m in _GROUP_NAME.finditer(text)):
        return True
    if any(a.lower() not in _NOT_BUSINESSES | ours for a in _ACRONYM.findall(text)):
        return True
    names = business_name_pattern()
    return names is not None and names.search(text) is not None


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
    """The tables' segment names, squashed (read once: another_business runs per candidate)."""
    return tuple(squash(n) for n in known_names() if re.search(r"\b(?:Group|segments?)$", n))


def another_business(ask: Ask, best: Scored, row: Scored, corpus: Corpus) -> bool:
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
    if not theirs or COMPANY_LEVEL.search(row.text):
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


def names_entity(ask: Ask, row: Scored) -> bool:
    """The sentence names one of the question's names (a Chinese one through the glossary, an
    acronym spelled out: "CMR" ~ "customer management revenue")."""
    text = row.text
    if is_chinese(text):
        text = f"{text} {glossary_expansion(text)}"
    flat = squash(text)
    spelled = spelled_out(ask)
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


def products_named(ask: Ask) -> list[str]:
    """The products and fees the question names, in the calls' words, squashed: "淘宝千六的
    软件服务费" names the software service fee, which is Taobao's, so a sentence naming the
    fee is about the question's business without naming Taobao. Segments are not products:
    a sentence naming none of them is still checked for the business asked."""
    asked = squash(f"{ask.text} {ask.retrieval_query}")
    segments = set(_segment_names())
    return [
        n
        for n in (squash(name) for name in known_names() if " " in name)
        if n in asked and n not in segments
    ]
