"""Acronyms the indexed calls themselves define, used to expand queries both ways.

Earnings calls switch freely between "CMR" and "customer management revenue", "TTG" and
"Taobao and Tmall Group": a question written one way misses passages written the other way,
for BM25 and for the embedder alike. Rather than a hand-made list, the table is read off the
indexed text: for every all-caps token, the word run whose initials spell it (skipping "and",
"of", "&", "the"), most frequent first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_CONNECTORS = {"and", "of", "the", "&"}
# Acronyms that are their own standard terms: expanding them only adds noise.
_KEEP = {"AI", "CEO", "CFO", "COO", "CTO", "IR", "GAAP", "EBITDA", "EBITA", "US", "USD", "RMB",
         "ADS", "ADR", "GPU", "CPU", "API", "IDC", "OK", "QA"}  # fmt: skip


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


def acronym_table(texts: Iterable[str]) -> dict[str, str]:
    """{acronym: expansion} for the acronyms the texts use and also spell out."""
    texts = list(texts)
    acronyms = {a for t in texts for a in _ACRONYM.findall(t)} - _KEEP
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
    return table


def expand(query: str, table: dict[str, str]) -> str:
    """Extra words for `query`: the expansion of each acronym it uses, and the acronym of each
    expansion it spells out ("" when none)."""
    extra: list[str] = []
    lowered = query.lower()
    for acronym, expansion in table.items():
        if re.search(rf"\b{acronym}\b", query):
            extra.append(expansion)
        elif expansion in lowered:
            extra.append(acronym)
    return " ".join(extra)
