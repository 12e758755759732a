"""Acronyms the indexed calls themselves define, used to expand queries both ways.

Earnings calls switch freely between "CMR" and "customer management revenue", "TTG" and
"Taobao and Tmall Group": a question written one way misses passages written the other way,
for BM25 and for the embedder alike. Rather than a hand-made list, the table is read off the
indexed text: for every all-caps token, the word run whose initials spell it (skipping "and",
"of", "&", "the"), most frequent first; and for the multi-word names the call spells only in
full, their initials ("CIG" for "Cloud Intelligence Group"), which an analyst may type.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# (no \b: "TTG的CMR" has no word boundary between the two scripts)
_ACRONYM = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2,6}(?![A-Za-z0-9])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_CONNECTORS = {"and", "of", "the", "&"}
# Acronyms that are their own standard terms: expanding them only adds noise.
STANDARD_TERMS = {"AI", "CEO", "CFO", "COO", "CTO", "IR", "GAAP", "EBITDA", "EBITA", "US", "USD",
                  "RMB", "ADS", "ADR", "GPU", "CPU", "API", "IDC", "OK", "QA"}  # fmt: skip
# Standard codes never read as the initials of a name the call spells in full ("CNY" is a
# currency, though the call says "Chinese New Year"); a call that defines one still does.
_NOT_INITIALS = {"CNY", "HKD", "AGM", "EGM", "IPO", "ESG", "KPI", "GMV", "SBC", "SEC", "ETF",
                 "OTT", "TAM", "EPS", "FCF", "ROE", "ROI", "YOY", "QOQ", "YTD", "LLM", "CAGR",
                 "ARPU", "MAU", "DAU", "NPS"}  # fmt: skip
# Every code that names a standard term or metric, no business: "那ROI呢?" asks about no new
# subject, "那AIDC呢?" does.
STANDARD_CODES = frozenset(STANDARD_TERMS | _NOT_INITIALS)


def _expansions(acronym: str, words: list[str]) -> Counter[str]:
    """Word runs in `words` whose initials (connectors skipped) spell `acronym`."""
    found: Counter[str] = Counter()
    letters = acronym.lower()
    for i, first in enumerate(words):
        if first[0].lower() != letters[0] or first.lower() in _CONNECTORS:
            continue
        run, pos, j = [first], 1, i + 1
        while pos < len(letters) and j < len(words) and len(run) < 2 * len(letters):
            word = words[j]
            if word.lower() in _CONNECTORS:
                run.append(word)
            elif word[0].lower() == letters[pos]:
                run.append(word)
                pos += 1
            else:
                break
            j += 1
        if pos == len(letters):
            found[" ".join(run)] += 1
    return found


# Capitalised at a sentence's start, not as part of a name.
_NOT_A_NAME_START = {"our", "this", "that", "these", "those", "their", "its", "we", "in", "on",
                     "for", "at", "by", "with", "from", "a", "an", "as", "so", "but"}  # fmt: skip
_TITLE_WORDS = {"analyst", "director", "officer", "head", "managing", "president", "chairman",
                "research", "relations", "transcript", "vice"}  # fmt: skip
# A run of capitalised words on one line, connectors allowed inside: "Cloud Intelligence Group".
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?:[ \t]+(?:(?:and|of|&|the)[ \t]+)?[A-Z][\w'’-]*)+")


def _initialisms(texts: Iterable[str]) -> dict[str, str]:
    """{initials: name} for the names of three to five capitalised words the texts spell out
    but never abbreviate ("CIG" for "Cloud Intelligence Group", "LSG" for "Local Service
    Group"): an analyst's shorthand in a question then still meets the call's words. Whole
    runs only (not every window of one), and not runs with an acronym in them ("Adjusted
    EBITDA of DME"), a possessive, a title ("Senior Equity Analyst") or a sentence opener."""
    found: dict[str, Counter[str]] = {}
    for text in texts:
        for run in _CAPITALISED_RUN.findall(text):
            words = run.split()
            while words and words[0].lower() in _CONNECTORS | _NOT_A_NAME_START:
                words = words[1:]  # ("Our Taobao and Tmall Group": the name starts later)
            significant = [w for w in words if w.lower() not in _CONNECTORS]
            if not 3 <= len(significant) <= 5 or "'" in run or "’" in run:
                continue
            if any(w.isupper() and len(w) > 1 for w in significant):
                continue
            if _TITLE_WORDS & {w.lower() for w in significant}:
                continue
            initials = "".join(w[0] for w in significant).upper()
            found.setdefault(initials, Counter())[" ".join(words).lower()] += 1
    return {a: names.most_common(1)[0][0] for a, names in found.items()}


def acronym_table(texts: Iterable[str]) -> dict[str, str]:
    """{acronym: expansion} for the acronyms the texts use and also spell out, and the
    initials of the multi-word names they spell out only in full."""
    texts = list(texts)
    acronyms = {a for t in texts for a in _ACRONYM.findall(t)} - STANDARD_TERMS
    words = [w for t in texts for w in _WORD.findall(t)]
    table: dict[str, str] = {}
    for acronym in sorted(acronyms):
        counts = _expansions(acronym, words)
        if not counts:
            continue
        # Case-insensitive vote: "customer management revenue" and "Customer Management
        # Revenue" are one expansion. A lower-case run needs two sightings and three letters
        # ("AS" would otherwise become "are seeing").
        folded: Counter[str] = Counter()
        for run, n in counts.items():
            folded[run.lower()] += n
        best, n = folded.most_common(1)[0]
        capitalised = any(run.lower() == best and run[0].isupper() for run in counts)
        if capitalised or (n >= 2 and len(acronym) >= 3):
            table[acronym] = best
    for acronym, name in _initialisms(texts).items():
        if acronym not in acronyms and acronym not in STANDARD_TERMS | _NOT_INITIALS:
            table[acronym] = name
    return table


def expand(query: str, table: dict[str, str]) -> str:
    """Extra words for `query`: the expansion of each acronym it uses, and the acronym of each
    expansion it spells out ("" when none)."""
    extra: list[str] = []
    lowered = query.lower()
    for acronym, expansion in table.items():
        # (no \b: "TTG的CMR" has no word boundary between the two scripts)
        if re.search(rf"(?<![A-Za-z0-9]){acronym}(?![A-Za-z0-9])", query):
            extra.append(expansion)
        elif expansion in lowered:
            extra.append(acronym)
    return " ".join(extra)
