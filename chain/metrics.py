"""Which figure a sentence states, against the one the question asks for.

"Gross margin" and "EBITDA margin", "GAAP" and "non-GAAP", "revenue" and "customer management
revenue", "capital expenditure" and any expenditure share words but are different figures:
a sentence stating another kind than the one asked is no answer, however many words it shares.
"""

from __future__ import annotations

import functools
import re

from chain.ask import Ask
from chain.cite import Number, find_numbers
from chain.draft import Scored
from chain.matching import in_english, terms_of
from chain.text import (
    content_terms,
    has_digit,
    is_chinese,
    spells_count,
    states_figure,
    wordset,
)
from index.glossary import name_defined_metrics

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


def without_drivers(text: str) -> str:
    """The sentence without what drove its figure: "Revenue from Local Service Group grew 10%,
    driven by ... Amap and Ele.me" states Local Services' growth, not Amap's."""
    first = re.search(r"\d", text)
    m = _DRIVERS.search(text, first.end()) if first else None
    return text[: m.start()] if m else text


def has_figure(ask: Ask, text: str) -> bool:
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
        return digits or (not ask.wants_exact and bool(DIGITS_IN_WORDS.search(text)))
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


DIGITS_IN_WORDS = re.compile(
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
USERS_BY_ANOTHER_NAME = re.compile(
    r"\b(?:users|consumers|customers|buyers|shoppers|members|subscribers|people)\b", re.I
)


PEOPLE_COUNTED = frozenset(
    {"user", "person", "people", "customer", "consumer", "shopper", "folk", "member"}
)


def names_the_metric(ask: Ask, row: Scored) -> bool:
    """The sentence names the asked metric in either spelling of the question (its own words
    or the call's: "payout" or "dividend")."""
    # (A Chinese question's own Chinese terms name no English metric: its Latin words and its
    # glossary English do.)
    latin = tuple(t for t in ask.key_terms if t.isascii())
    spellings = [(*latin, *ask.alt_terms)] if ask.zh else [ask.key_terms, ask.alt_terms]
    named = [(terms, {t for t in terms if t in HEAD_METRICS}) for terms in spellings]
    if (
        len(named) == 2
        and named[1][1]
        and not named[0][1]
        and not (set(ask.key_terms) - set(ask.alt_terms)) & row.matched
    ):
        # (the call's words name the metric the question's own do not, and the sentence uses
        # none of the words they replaced: "how much money did it bring in" is revenue, and
        # an EBITDA sentence does not answer it for sharing no metric word; a call saying
        # "payout" answers "payout". The other way round a definition named it: "a cut of
        # each merchant's sales" is a fee, not revenue.)
        named = named[1:]
    for terms, asked in named:
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
        literal = asked & terms_of(row.text)
        if literal and not literal & terms_of(_DRIVER_CLAUSE.sub(" ", row.text)):
            continue
        if terms and (not asked or asked & row.matched):
            return True
        if "user" in asked and USERS_BY_ANOTHER_NAME.search(row.text):
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


def names_a_kind_of_revenue(question: str) -> bool:
    """ "customer management revenue", "CMR", "advertising revenue": one kind of revenue."""
    return bool(_REVENUE_KIND.search(question))


def another_kind_of_revenue(question: str, sentence: str) -> bool:
    """A plain "revenue" question, and a sentence whose every revenue is a kind of it."""
    if not re.search(r"\brevenues?\b", question, re.I) or _REVENUE_KIND.search(question):
        return False
    plain = _REVENUE_KIND.sub(" ", sentence)
    return bool(_REVENUE_KIND.search(sentence)) and not re.search(r"\brevenues?\b", plain, re.I)


def metric_kind_clash(question: str, sentence: str) -> bool:
    """The question asks for some kinds of margin/profit/income; the sentence states only
    other kinds of it ("EBITDA margin" for "gross margin")."""
    # (both read in English: "毛利率" asks for a gross margin)
    stated = _kinds(in_english(sentence))
    return any(
        stated.get(head) and not stated[head] & kinds
        for head, kinds in _kinds(in_english(question)).items()
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
    said = in_english(sentence if asks_driver else without_drivers(sentence))
    asked_text = in_english(name_defined_metrics(question))
    # (A Chinese list is split in Chinese, each item then read in its glossary English:
    # "自由现金流和净现金".)
    pieces = (
        [in_english(p) for p in _ZH_LIST_ITEMS.split(question)]
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


def another_metric_or_business(ask: Ask, row: Scored) -> bool:
    """The sentence states another kind of the asked metric ("EBITDA margin" for "gross
    margin"), misses an asked fixed-phrase metric (capex), or is about another business."""
    return (
        metric_kind_clash(ask.text, row.text)
        or (ask.wants_number and compound_metric_missing(ask.text, row.text))
        or not row.names_subject
    )
