"""How people describe a company's businesses without naming them -> the names calls use.

Analysts ask about "the logistics arm" or "the paid membership programme"; the call says
"Cainiao" and "88VIP". No word of the question is in the answer's sentence, so neither BM25,
MiniLM nor the answer step's term overlap can connect them. The tables in `descriptions/` (one
JSON file per company: {"company": ..., "tickers": [...], "entities": {name: [descriptor, ...]}})
carry that outside knowledge. They were written from public descriptions of each business, never
from an eval question. The answer step keeps a name only when the indexed calls mention it
and the question names no other indexed company ("JD's logistics arm" is not Cainiao); with
several companies' calls indexed, a question naming none may still get another company's
name added to its search.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

TABLES = Path(__file__).with_name("descriptions")


class Described(NamedTuple):
    phrase: str  # as matched, normalised ("parcel delivery network", "premium paid loyalty tier")
    name: str  # as the call writes it ("Cainiao")
    company: str  # whose business it is ("Alibaba Group")


@cache
def _table(
    folder: Path = TABLES, gaps: bool = True
) -> tuple[dict[str, tuple[str, str]], tuple[str, ...], re.Pattern[str] | None]:
    """descriptor (normalised) -> (name, company); the descriptors longest first, the i-th
    matched by the pattern's group d<i>; and one pattern matching any descriptor (with
    `gaps`, also with one word put in between its words)."""
    names: dict[str, tuple[str, str]] = {}
    cores: dict[str, set[tuple[str, str]]] = {}
    variants: dict[str, set[tuple[str, str]]] = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        company = str(data.get("company", ""))
        for name, phrases in data.get("entities", {}).items():
            for phrase in phrases:
                key = _singular(normalise(phrase))
                names.setdefault(key, (name, company))
                # (in the other everyday words for the same thing too: "overseas shopping
                # arm" ~ "overseas e-commerce arm" ~ "... unit")
                for form in {key} | _variants(key):
                    variants.setdefault(form, set()).add((name, company))
                    cores.setdefault(_core(form), set()).add((name, company))
    # A descriptor without its head noun also describes ("parcel-delivery and logistics
    # network" has "parcel delivery"; "international commerce losses"), when it is still two
    # words or more and fits one business only; a variant, when it fits one business only.
    for core, owners in cores.items():
        if len(core.split()) >= 2 and len(owners) == 1:
            names.setdefault(core, next(iter(owners)))
    for variant, owners in variants.items():
        if len(owners) == 1:
            names.setdefault(variant, next(iter(owners)))
    if not names:
        return names, (), None
    # Longest first, whole words, an optional plural ("logistics units"), and one word the
    # asker put in between ("premium [paid] loyalty tier", "cash left [over] after capex").
    keys = tuple(sorted(names, key=len, reverse=True))
    gap = r"(?: \w+)? " if gaps else " "
    alternatives = "|".join(
        rf"(?P<d{i}>" + gap.join(map(re.escape, key.split())) + ")" for i, key in enumerate(keys)
    )
    return names, keys, re.compile(rf"(?<![\w])(?:{alternatives})(?:s|es)?(?![\w])")


# Head nouns of a description: what kind of thing, not which one.
_HEAD_WORDS = (
    "arm unit business division platform app service programme program tier chain operator"
    " network group segment subsidiary provider offering channel scheme push product line"
    " section model family series community hub library marketplace store engine tool event"
    " arms units businesses divisions platforms apps services chains products"
    " marketplaces stores"
)
_HEADS = frozenset(_HEAD_WORDS.split())


# Everyday words that say the same in a description: any one of a group for any other, in
# a descriptor of the kind given ("premium" is "paid" for a membership, not for "premium
# brands"; "shopping" is online selling, but a "shopping mall" is a building).
_SAME_WORDS = (
    # a part of the company, as the descriptor's head ("business-to-consumer" is no "arm")
    (
        ("arm", "unit", "division", "business", "segment", "side"),
        r" (?:arm|unit|division|business|segment|side)$",
    ),
    (("e commerce", "shopping", "online shopping"), r"^(?!.*\b(?:mall|centre|center|street)\b)"),
    (("paid", "premium"), r"\b(?:loyalty|membership|member|subscription|vip)\b"),
    (("film", "movie", "movies", "films", "studio"), r"\b(?:film|movie)s?\b"),
    (("programme", "program", "tier", "scheme", "club"), r"\b(?:loyalty|membership|vip)\b"),
    # a tool by what it does, and one that does it all ("one-stop marketing tool" is an
    # "all-in-one ad tool")
    (("marketing", "ad", "advertising", "promotion"), r" (?:tool|product)$"),
    (("one stop", "all in one"), r"\b(?:tool|product|platform|solution)$"),
    # a charge by its other names ("technology levy" is a "tech fee")
    (("levy", "fee", "charge"), r"^(?:technology|tech|merchant|seller|transaction) (?:levy|fee)$"),
    (("technology", "tech"), r"\b(?:levy|fee|charge)$"),
)


def _variants(key: str) -> set[str]:
    """The descriptor in the other words for the same thing ("overseas e commerce arm" ->
    "overseas shopping arm", "overseas e commerce unit", ...; "premium loyalty tier" ->
    "paid loyalty programme", ...)."""
    forms = {key}
    for group, kind in _SAME_WORDS:
        if not re.search(kind, key):
            continue
        for phrase in list(forms):
            padded = f" {phrase} "
            for word in group:
                if f" {word} " in padded and re.search(kind, phrase):
                    forms |= {padded.replace(f" {word} ", f" {w} ").strip() for w in group}
                    break
    # ("film and streaming business" ~ "streaming and film business": a pair either way round)
    for phrase in list(forms):
        if m := re.fullmatch(r"(\w+) and (\w+) (\w+)", phrase):
            forms.add(f"{m.group(2)} and {m.group(1)} {m.group(3)}")
    return forms - {key}


def _singular(phrase: str) -> str:
    """The descriptor with its last word singular ("overseas marketplaces" -> "overseas
    marketplace"): the pattern adds an optional plural, so either form matches."""
    words = phrase.split()
    last = words[-1] if words else ""
    if last.endswith("sses"):
        words[-1] = last[:-2]  # "businesses" -> "business"
    elif last.endswith("s") and not last.endswith(("ss", "us", "is", "ies")) and len(last) > 3:
        words[-1] = last[:-1]
    return " ".join(words)


def _core(phrase: str) -> str:
    """A descriptor less its head noun ("parcel delivery network" -> "parcel delivery"); ""
    when what is left still ends in one: "open source model (community)" names a kind of
    thing, not the business ("Qwen's open-source models" are no ModelScope)."""
    words = phrase.split()
    if words and words[-1] in _HEADS:
        words.pop()
        if words and words[-1] in _HEADS:
            return ""
    return " ".join(words)


def normalise(text: str) -> str:
    """Lowercase, hyphens and runs of spaces as one space: "parcel-delivery" ~ "parcel delivery"."""
    # ("movies + streaming side", "film & streaming": "and")
    text = re.sub(r"\s*[+&]\s*", " and ", text.lower())
    return " ".join(re.sub(r"[-‐–—/]", " ", text).split())


@cache
def tickers(company: str, folder: Path = TABLES) -> tuple[str, ...]:
    """The company's stock tickers ("BABA"): analysts name the company by them."""
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if str(data.get("company", "")).lower() == company.lower():
            return tuple(str(t) for t in data.get("tickers", []))
    return ()


def described_names(text: str, folder: Path = TABLES, *, gaps: bool = True) -> list[Described]:
    """Each description in `text` of a business some table knows, in order. The caller keeps
    the names its indexed calls mention. (`gaps=False` for a bag of glossary words, where a
    word in between means nothing: "instant commerce retail" is no "instant [...] retail".)"""
    names, keys, pattern = _table(folder, gaps)
    if pattern is None:
        return []
    out: list[Described] = []
    plain = normalise(text)
    at = 0
    rejected: tuple[re.Match[str], Described] | None = None
    while m := pattern.search(plain, at):
        group = str(m.lastgroup)  # (the alternative's only group: d<i>)
        key = keys[int(group[1:])]
        # (the phrase as the question words it, which the caller replaces by the name)
        found = Described(m.group(group), *names[key])
        inserted = [w for w in m.group(group).split() if w not in key.split()]
        if len(inserted) > 1 or any(w in _other_words(found.name, folder) for w in inserted):
            # "the overseas cloud business" is no "overseas [...] business" (AIDC); a shorter
            # description may still start at a later word ("on-demand [local delivery]").
            rejected = (m, found)
            at = plain.find(" ", m.start()) + 1 or len(plain)
            continue
        if rejected and m.end() <= rejected[0].end() and rejected[1].name == found.name:
            # (... and when it describes the same business, the word put in was part of
            # that description: "on-demand local delivery" is Ele.me's, all of it)
            found = rejected[1]
        rejected = None
        at = m.end()
        if all(f.name != found.name for f in out):
            out.append(found)
    return out


@cache
def known_names(folder: Path = TABLES) -> frozenset[str]:
    """Every business and product name the tables know, as calls write them."""
    names: set[str] = set()
    for path in sorted(folder.glob("*.json")):
        names |= set(json.loads(path.read_text(encoding="utf-8")).get("entities", {}))
    return frozenset(names)


@cache
def business_name_pattern(folder: Path = TABLES) -> re.Pattern[str] | None:
    """One pattern matching every business and product name the tables know, as calls write
    them ("AIDC", "Sun Art"), as whole words; None when the tables name none."""
    names = known_names(folder)
    if not names:
        return None
    return re.compile(
        r"\b(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b"
    )


@cache
def _other_words(name: str, folder: Path = TABLES) -> frozenset[str]:
    """Words that name another business: those of its name ("cloud"), and descriptor words
    only one other business uses ("grocery"). A word put into a descriptor must not be one
    of them; a word many descriptors share ("shopping", "business") may be."""
    names, _, _ = _table(folder, False)
    users: dict[str, set[str]] = {}
    owners: set[str] = set()
    for key, (owner, _company) in names.items():
        owners.add(owner)
        for word in key.split():
            users.setdefault(word, set()).add(owner)
    words = {w for o in owners - {name} for w in normalise(o).split()}
    words |= {w for w, who in users.items() if len(who) == 1 and name not in who}
    return frozenset(words - set(normalise(name).split()))


@cache
def descriptor_words(name: str, folder: Path = TABLES) -> frozenset[str]:
    """Every word the tables describe `name` with ("llm", "b2c"): in a question that
    describes the business, such a word is part of the description, no name of its own."""
    names, _, _ = _table(folder, False)
    return frozenset(w for key, (owner, _c) in names.items() if owner == name for w in key.split())
