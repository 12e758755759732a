"""Fiscal periods in a question, read against the indexed calls': the call's own quarter is
"this quarter" ("4Q FY25"), the quarter before is quarter-over-quarter, and a fiscal year after
the call's asks what is expected ("fiscal 2026", "FY26": the call's "new fiscal year")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from chain.text import MONTHS

# A quarter code, with its year if given: "4Q", "Q4", "4Q25", "Q4 fiscal year 2025" (after
# expand_abbreviations), "4Q'25"; not a percentage or a longer number after it ("Q4 18%").
_QUARTER_CODE = re.compile(
    r"(?<![A-Za-z0-9])(?:Q([1-4])|([1-4])Q)"
    r"(?:\s*(?:FY|fiscal\s+year|fiscal)?\s*['’]?(\d{4}|\d{2})(?![\d%.]))?(?![A-Za-z0-9])",
    re.IGNORECASE,
)


# What puts a quarter in another year: "Q4 of fiscal 2024", "Q4 last year", "去年Q4".
_OTHER_YEAR_AFTER = re.compile(
    r"^\s*(?:of\s+|in\s+)?(?:(?:fiscal\s+(?:year\s+)?|FY\s*|calendar\s+)?\d{4}\b|last\s+year"
    r"|a\s+year\s+(?:ago|earlier|before)|(?:the\s+)?(?:prior|previous)\s+year)",
    re.IGNORECASE,
)


_OTHER_YEAR_BEFORE = re.compile(r"(?:去年|上一?年|前年|\blast\s+year['’]s\s*)$", re.IGNORECASE)


# The quarter a call reports, in plain words: "over these three months", "in the last three
# months" (not "the next three months", nor another quarter's months).
_THESE_MONTHS = re.compile(
    r"\b(?:these|the\s+(?:last|past|latest|most\s+recent|reported))\s+(?:three|3)\s+months\b"
    r"(?!\s+(?:of|ended|ending|to|before|after)\b)",  # (not "the last three months of 2024")
    re.IGNORECASE,
)


def this_quarter(q: str, periods: Iterable[str]) -> str:
    """A quarter code naming an indexed call's own quarter reads "this quarter", as the call
    says it ("Operating cash flow in 4Q FY25?"): the code is in no sentence, so as a name it
    would refuse. Another quarter's code stays, and refuses (the call reports its own); so
    does the same quarter of another year ("Q4 of fiscal 2024", "Q4 last year", "去年Q4")."""
    own = []
    for period in periods:
        quarter = re.search(r"Q([1-4])", period, re.I)
        year = re.search(r"\d{4}", period)
        if quarter:
            own.append((quarter.group(1), year.group(0) if year else ""))

    def repl(m: re.Match[str]) -> str:
        quarter = m.group(1) or m.group(2)
        year = m.group(3) or ""
        if len(year) == 2:
            year = "20" + year
        if not year and (
            _OTHER_YEAR_AFTER.match(q[m.end() :]) or _OTHER_YEAR_BEFORE.search(q[: m.start()])
        ):
            return m.group(0)
        mine = any(quarter == q4 and (not year or not y or year == y) for q4, y in own)
        return "this quarter" if mine else m.group(0)

    return _QUARTER_CODE.sub(repl, _THESE_MONTHS.sub("this quarter", q))


# A year named next to a quarter ("year-ago", "prior-year", "FY24", "2024", "two years ago",
# "next year"), not the change "year-over-year".
_YEAR_NEARBY = re.compile(r"\byears?\b|\bFY\s*['’]?\d{2,4}\b|\b(?:19|20)\d\d\b", re.IGNORECASE)
_YEAR_ON_YEAR = re.compile(
    r"\b(?:year[- ]over[- ]year|year[- ]on[- ]year|y/y|yoy)\b|\bfull[- ]year\b", re.IGNORECASE
)


def quarter_before(q: str, call_dates: Iterable[str]) -> str:
    """ "versus the December quarter" on a call held in May (reporting the March quarter) is
    quarter-over-quarter, as the call says it, and "the March quarter" (or "the quarter ended
    March 31") is this quarter. Only those months: another ("the June quarter"), or the same
    month of another year, stays a name the answer must carry, and refuses."""
    before, own = set(), set()
    for date in call_dates:
        m = re.match(r"\d{4}-(\d{2})-\d{2}$", date)
        if m:  # a call reports the last quarter that ended before it was held
            month = int(m.group(1))
            reported = max((e for e in (3, 6, 9, 12) if e < month), default=12)
            before.add(MONTHS[(reported - 3 - 1) % 12])
            own.add(MONTHS[reported - 1])
    if not before:
        return q
    months = "|".join(sorted(before))
    pattern = (
        r"\s+(?:versus|vs\.?|compared\s+(?:with|to)|from|than|over)\s+the\s+"
        rf"(?:{months})(?:-|\s+)quarter\b"
    )

    def repl(m: re.Match[str]) -> str:
        other_year = _OTHER_YEAR_AFTER.match(q[m.end() :])
        return m.group(0) if other_year else " quarter-over-quarter"

    q = re.sub(pattern, repl, q, flags=re.IGNORECASE)
    mine = "|".join(sorted(own))
    own_years = "|".join(sorted({date[:4] for date in call_dates}))
    this = (
        rf"\b(?:the\s+)?(?:(?:{mine})(?:\s+(?:{own_years}))?(?:-|\s+)quarter"
        rf"|quarter\s+(?:ended|ending)\s+(?:(?:on|in)\s+)?(?:{mine})(?:\s+31)?)\b"
        # (its own year, "the March quarter of 2025", is read with it)
        rf"(?:,?\s+(?:of\s+|in\s+)?(?:fiscal\s+(?:year\s+)?|FY\s*)?(?:{own_years})\b)?"
    )

    def own_quarter(m: re.Match[str]) -> str:
        # (any other year next to it keeps the name: "the quarter ended March 31, 2024",
        # "the year-ago March quarter", "the FY24 March quarter", "... two years ago")
        # (every English form _OTHER_YEAR_AFTER knows names a year or "year": the window
        # check covers it; 去年 before it is Chinese)
        before, after = q[max(0, m.start() - 25) : m.start()], q[m.end() : m.end() + 25]
        other_year = _OTHER_YEAR_BEFORE.search(q[: m.start()]) or _YEAR_NEARBY.search(
            _YEAR_ON_YEAR.sub(" ", f"{before} | {after}")
        )
        return m.group(0) if other_year else "this quarter"

    return re.sub(this, own_quarter, q, flags=re.IGNORECASE)


# A fiscal year a question names: "FY2026", "FY26", "fiscal (year) 2026", "2026财年".
_FISCAL_YEAR = re.compile(
    r"\b(?P<code>FY\s?(?P<y>\d{4}|\d{2}))\b|\bfiscal\s+(?:year\s+)?(?P<y2>\d{4}|\d{2})\b"
    r"|(?P<y3>\d{4}|\d{2})\s*(?:财年|年财年|财政年度)",
    re.I,
)

NEXT_YEAR_WORDS = (
    "new fiscal year",
    "next fiscal year",
    "coming fiscal year",
    "upcoming fiscal year",
)


def _call_years(periods: Iterable[str]) -> set[int]:
    """The fiscal years of the indexed calls' periods ("Q4 2025" -> 2025)."""
    return {int(m.group(0)) for p in periods if (m := re.search(r"\d{4}", p))}


def _named_years(q: str) -> list[tuple[int, str]]:
    """(year, code as written or "") for each fiscal year the question names."""
    out = []
    for m in _FISCAL_YEAR.finditer(q):
        digits = m.group("y") or m.group("y2") or m.group("y3")
        out.append((int(digits) if len(digits) == 4 else 2000 + int(digits), m.group("code") or ""))
    return out


def after_the_calls(q: str, periods: Iterable[str]) -> bool:
    """The question names a fiscal year after every indexed call's ("fiscal 2026" on a call
    about FY2025): what is expected, not what was reported."""
    years = _call_years(periods)
    return bool(years) and any(year > max(years) for year, _ in _named_years(q))


def next_fiscal_year(q: str, periods: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """A fiscal-year code naming the year after an indexed call's ("FY2026" on a call about
    Q4 FY2025) with the words the call uses for it ("the new fiscal year"), as an acronym's
    spellings: a sentence saying either names that year."""
    years = _call_years(periods)
    return tuple(
        (code, words)
        for year, code in _named_years(q)
        if code and year - 1 in years
        for words in NEXT_YEAR_WORDS
    )
