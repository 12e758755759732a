"""Who a question names: speakers by name, first name, firm ("the UBS analyst", "Citi"), title
("the finance chief" -> the CFO; of two CEOs, "the CEO" is the company-wide one), whose answer
it asks about ("what did management say when they answered Alex Zhou?"), and a person it says
spoke who does not speak on the call ("What did Joe Tsai say?")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from chain.text import (
    SAID_VERB,
    ZH_SAID_VERB,
    glossary_expansion,
    squash,
    wordset,
)

_ANSWERING = re.compile(
    r"\b(?:answer(?:ed|ing|s)?|repl(?:y|ied|ying|ies)\s+to|respond(?:ed|ing|s)?\s+to)\s+"
    r"(?P<whom>.{1,60})|(?:回答|回复|答复)(?P<zh>.{1,30})",
    re.IGNORECASE,
)


# "Did Gary Yu get a FY26 number out of them?": what management answered him ("them" are
# management, the asker is the one who tried to get it).
GET_VERB = r"(?:get|got|extract|pull|squeeze|wring|pry|drag)"
MANAGEMENT_AS_THEM = r"(?:them|management|the\s+(?:company|executives|management|team|execs))"
OUT_OF_THEM = re.compile(
    rf"\b{GET_VERB}\b[^?]{{0,60}}?\bout\s+of\s+(?P<them>{MANAGEMENT_AS_THEM})\b", re.IGNORECASE
)
_GOT_OUT_OF = re.compile(
    rf"\b(?:did|does|could|can)\s+(?P<whom>.{{1,40}}?)\s+(?:\w+ly\s+)?(?:(?:manage|try)\s+to\s+)?"
    rf"{OUT_OF_THEM.pattern}(?P<zh>)",  # (no Chinese form: the group _ANSWERING's matches have)
    re.IGNORECASE,
)


# "the cutoffs management gave Ronald Keung": what management answered him.
_GAVE_HIM = re.compile(
    r"\b(?:management|the\s+(?:company|executives|management|team)|execs|executives)\s+"
    r"(?:gave|told|offered|provided|handed)\s+(?P<whom>.{1,40})(?P<zh>)",
    re.IGNORECASE,
)


def analysts_answered(
    q: str, mentioned: Sequence[str], firms: Mapping[str, str]
) -> tuple[str, ...]:
    """The analysts whose question's answer is asked for: named (or named by firm) right after
    "answered / replied to / responded to" ("... when they answered Alex Zhou?"), not an
    analyst who is the subject ("How did Alex Zhou respond to ...?")."""
    out: list[str] = []
    matches = [*_ANSWERING.finditer(q), *_GOT_OUT_OF.finditer(q), *_GAVE_HIM.finditer(q)]
    for m in matches:
        whom = (m.group("whom") or m.group("zh") or "").lower()
        for name in mentioned:
            if name not in firms or name in out:
                continue
            if name.split()[-1].lower() in whom or names_firm(firms[name], whom):  # (surname)
                out.append(name)
    return tuple(out)


def names_firm(firm: str, text: str) -> bool:
    """`text` names `firm`, however either spaces or dots it ("J.P. Morgan" ~ "JP Morgan" ~
    "JPMorgan" ~ "J. P. Morgan"), also next to Chinese ("UBS的分析师")."""
    chars = [re.escape(ch) for ch in firm.lower() if ch.isalnum()]
    # (a possessive too, its apostrophe dropped or not: "Citigroup's question", "citigroups")
    pattern = r"(?<![a-z0-9])" + r"[\s.'’&-]*".join(chars) + r"(?:['’]?s)?(?![a-z0-9])"
    return bool(chars) and re.search(pattern, text.lower()) is not None


# Brokers' usual short names: "Citi", "JPM". A firm is also named by the start of its first
# word ("Goldman") when the question says so as a name: capitalised, next to "analyst" or
# after "from"/"at"/"with" ("the Goldman analyst", "from Goldman"), never "gold" or "ever".
# (Not "MS" or "GS": also Microsoft and other things.)
_FIRM_SHORT = {"citi": "citigroup", "jpm": "jpmorgan", "bofa": "bankofamerica",
               "baml": "bankofamerica", "goldman": "goldmansachs"}  # fmt: skip


def names_firm_short(firm: str, q: str, firms: Iterable[str]) -> bool:
    """`q` calls `firm` by a short name (see _FIRM_SHORT), and no other firm on the call."""
    flat = squash(firm)
    first = squash(firm.split()[0]) if firm.split() else ""
    others = [squash(f) for f in firms if squash(f) != flat]
    for m in re.finditer(r"\b([A-Z][A-Za-z]+)\b", q):
        word = m.group(1)
        low = word.lower()
        usual = _FIRM_SHORT.get(low)
        if usual and flat.startswith(usual) and not any(o.startswith(usual) for o in others):
            return True
        as_name = re.search(
            rf"\b(?:from|at|with)\s+{word}\b|\b{word}(?:['’]s)?\s+(?:analyst|team)", q
        )
        if (
            as_name
            and len(low) >= 4
            and first.startswith(low)
            and low not in _FIRM_WORDS
            and not any(low in o for o in others)
        ):
            return True
    return False


# Words that start many firms' names and mean something else in a question ("which bank").
_FIRM_WORDS = wordset(
    "bank banks capital securities research group china first global international national "
    "asset investment partners credit morgan"
)


_SAID_BY = re.compile(
    r"\b(?:did|does|has|will|would)\s+(?P<n>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})\s+"
    r"(?:say|said|mention|talk|comment|discuss|think|note|explain|describe|announce)\b"
    r"|\baccording to\s+(?P<n2>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})\b"
)


# Giving a view is speaking too ("How did Chairman Joe Tsai assess the tariffs?").
_VIEW_VERB = r"assess\w*|evaluat\w*|characteri[sz]\w*|address\w*|react\w*|weigh\w*\s+in\b"


def absent_person(
    q: str, speakers: Sequence[str], people: Sequence[str] = (), company_words: Iterable[str] = ()
) -> str:
    """A person the question says spoke ('What did Joe Tsai say ...') who is not a speaker:
    a capitalised name that is no speaker's and no company's ("Alibaba Cloud"), or, however
    written, someone the hosts name as present who never speaks ("what did joe tsai say")."""
    if not speakers:
        return ""
    known = {squash(s) for s in speakers}
    parts = {squash(p) for s in speakers for p in s.split()}
    for person in (p for p in people if squash(p) not in known):
        name = re.escape(person)
        # Only as the one speaking ("did joe tsai say", "according to joe tsai"), not as
        # someone spoken about ("what did Lydia say about Joe Tsai?").
        as_speaker = re.compile(
            rf"\b{name}\s+(?:{SAID_VERB.pattern}|{_VIEW_VERB})|\baccording\s+to\s+{name}\b"
            # ("the exact phrase Joe Tsai used")
            rf"|\b(?:phrase|words?|wording|term|expression|language|line)\s+(?:that\s+)?"
            rf"{name}\s+(?:used|chose|picked)\b"
            # ("the remarks Chairman Joe Tsai made during the Q&A", "Joe Tsai's comments on X")
            rf"|\b(?:remarks?|comments?|statements?|points?|answers?|responses?)\s+(?:that\s+)?"
            rf"(?:\w+\s+){{0,2}}?{name}\s+(?:made|gave|offered|shared|delivered)\b"
            rf"|\b(?:remarks?|comments?|statements?|points?)\s+did\s+(?:\w+\s+){{0,2}}?{name}\s+"
            r"(?:make|give|offer|share|deliver)\b"
            rf"|\b{name}['’]s?\s+(?:remarks?|comments?|answers?|responses?|statements?)\b"
            # (Chinese: "蔡崇信在电话会上说了什么", "Joe Tsai 先生发言了吗")
            rf"|{name}\s*(?:先生|女士)?(?:在[^，。？?,]{{1,12}}?)?(?:是否|有没有|有|也)?"
            rf"(?:{ZH_SAID_VERB.pattern}|发言|评价|点评|评论)",
            re.IGNORECASE,
        )
        if as_speaker.search(q):
            return person
    m = _SAID_BY.search(q)
    if not m:
        return ""
    name = m.group("n") or m.group("n2")
    if squash(name) in known or any(squash(p) in parts for p in name.split()):
        return ""
    if {w.lower() for w in name.split()} & {w.lower() for w in company_words}:
        return ""  # ("What did Alibaba Cloud say ...": a business, not a person)
    return name


# Roles a question may name, in the forms questions and titles use ("CFO", "Chief Financial
# Officer", "SVP & CFO", "finance chief", 首席财务官). Longest first: the words matched are
# dropped from the question's terms.
ROLES = {
    "ceo": ("chief executive officer", "chief executive", "首席执行官", "ceo"),
    "cfo": (
        "chief financial officer", "financial chief", "finance chief", "finance head",
        "首席财务官", "财务总监", "财务负责人", "财务官", "cfo",
    ),
    "coo": ("chief operating officer", "首席运营官", "coo"),
    "cto": ("chief technology officer", "technology chief", "首席技术官", "cto"),
    "ir": (
        "head of investor relations", "investor relations head", "investor relations",
        "head of ir", "ir head", "投资者关系",
    ),
    "chair": ("chairman of the board", "chairman", "chairwoman", "董事会主席", "董事长", "主席"),
    # Whoever heads a business the question names ("the e-commerce chief", "the executive
    # running the e-commerce business", 负责电商集团的高管): only with that business named.
    "head": (
        "chief", "head", "boss", "leader", "executive", "exec", "president",
        "高管", "负责人", "老大", "一把手", "掌门人", "总裁",
    ),
}  # fmt: skip


# What a title heads besides the company ("... Officer of Alibaba E-commerce Business Group"
# heads e-commerce), less the words every unit's name has.
_TITLE_FILLER = wordset("the and of for group business businesses division unit segment company")


_HEADS_OF = re.compile(
    r"^\s+(?:of|for|running|who runs|that runs|in charge of|responsible for|heading|leading|"
    r"overseeing)\s+(?:the\s+|its\s+|\w+['’]s\s+)?(?P<what>[\w-]+(?:\s+[\w-]+){0,2})",
    re.IGNORECASE,
)


_ZH_HEADS = re.compile(r"^(?:负责|主管|掌管|分管|管)")


def _role_match(role: str, text: str) -> re.Match[str] | None:
    forms = "|".join(re.escape(f) for f in ROLES[role])
    return re.search(rf"(?<![A-Za-z0-9])(?:{forms})(?![A-Za-z0-9])", text, re.IGNORECASE)


def _heads(title: str, ours: set[str]) -> set[str]:
    """The business a title heads ("CEO; Chief Executive Officer of Alibaba E-commerce Business
    Group" -> {"ecommerce"}), squashed; empty for a company-wide title."""
    words: set[str] = set()
    for m in re.finditer(r"\b(?:of|for)\s+([^;,]+)", title, re.IGNORECASE):
        words |= {squash(w) for w in re.findall(r"[A-Za-z][\w-]*", m.group(1))}
    return words - {squash(w) for w in ours} - _TITLE_FILLER


def _qualifier(q: str, m: re.Match[str]) -> tuple[set[str], int, int]:
    """The words that say which business a role heads, next to it: "the e-commerce CEO", "the
    CEO of the e-commerce group", "电商集团的CEO", "负责电商的高管" (squashed, in English),
    and where the whole description starts and ends in `q`."""
    start, end = m.start(), m.end()
    before = q[:start]
    if re.search(r"(?:which|what|who)\s*$|哪[位个一]*\s*$|什么\s*$", before, re.IGNORECASE):
        return set(), start, end  # ("which executive ...?" asks who)
    words: list[str] = []
    if lead := re.search(r"(?:[\w-]+\s+){1,2}$", before.rsplit(" the ", 1)[-1]):
        words, start = lead.group(0).split(), start - len(lead.group(0))
    if after := _HEADS_OF.match(q[end:]):
        words, end = [*words, *after.group("what").split()], end + after.end()
    if zh := re.search(r"[\u4e00-\u9fff]+$", before):
        run = _ZH_HEADS.sub("", zh.group(0).removesuffix("的"))
        words, start = [*words, *glossary_expansion(run).split()], zh.start()
    return {squash(w) for w in words if not re.search(r"[\u4e00-\u9fff]", w)}, start, end


def titled_speakers(
    q: str, titles: Mapping[str, str], company_words: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """(speaker, words naming the role) for a speaker the question names by role ("the CFO",
    "the finance chief", "the IR head", "the e-commerce CEO"), when one speaker alone holds
    that role in the indexed calls (of two CEOs, the one the question says heads a business,
    else the company-wide one), and the question does not put it at another company ("JD's
    CFO", "the CFO of Tencent")."""
    ours = {w.lower() for w in company_words}
    heads = {name: _heads(title, ours) for name, title in titles.items()}
    found: list[tuple[str, str]] = []
    for role in ROLES:
        m = _role_match(role, q)
        if not m:
            continue
        qualifier, start, end = _qualifier(q, m)
        if role == "head":
            holders = {name for name, what in heads.items() if what and what <= qualifier}
        else:
            holders = {name for name, title in titles.items() if _role_match(role, title)}
        if len(holders) > 1:
            named = {h for h in holders if heads[h] and heads[h] <= qualifier}
            holders = named or {h for h in holders if not heads[h]}
        if len(holders) != 1:
            continue
        owner = re.search(r"([A-Z][\w.&-]*)['’]s\s+$", q[: m.start()])
        at = re.match(r"\s+(?:of|at|from)\s+([A-Z][\w.&-]*)", q[m.end() :])
        if any(x and x.group(1).lower() not in ours for x in (owner, at)):
            continue
        name = next(iter(holders))
        # (the words naming the business name whom too: "the e-commerce chief")
        form = q[start:end] if heads[name] else m.group(0)
        if name not in (n for n, _ in found):
            found.append((name, form))
    return found


def mentioned_speakers(q: str, speakers: Sequence[str]) -> list[str]:
    """Known speakers named in the question, by full name or a unique first/last name."""
    low = q.lower()
    found = [s for s in speakers if s and re.search(rf"\b{re.escape(s.lower())}\b", low)]
    # ... then by one name ("Jiang Fan ..., and what did Toby say?" names both), outside the
    # full names found ("Jiang Fan" is no "Fan" besides)
    rest = low
    for s in found:
        rest = re.sub(rf"\b{re.escape(s.lower())}\b", " ", rest)
    parts: dict[str, list[str]] = {}
    for s in speakers:
        for part in s.split():
            if len(part) >= 3:
                parts.setdefault(part.lower(), []).append(s)
    for word in re.findall(r"[A-Za-z]+", q):
        if not re.search(rf"(?<![a-z]){word.lower()}(?![a-z])", rest):
            continue
        if word[0].isupper() and word.lower() in parts and len(set(parts[word.lower()])) == 1:
            name = parts[word.lower()][0]
            if name not in found:
                found.append(name)
    return found


def misspelled_parts(q: str, speaker: str) -> list[str]:
    """Words of the question that misspell the rest of a speaker's name it names by one part
    ("Toby Hsu", "Eddie Woo", "Ronald Kueng"): a capitalised word next to the part written
    right, within two edits of the part it stands for."""
    parts = speaker.split()
    out = []
    for i, part in enumerate(parts):
        for j, other in enumerate(parts):
            if i == j:
                continue
            near = (
                rf"\b{re.escape(part)}\s+([A-Z][a-z]+)\b"
                if j > i
                else rf"\b([A-Z][a-z]+)\s+{re.escape(part)}\b"
            )
            for m in re.finditer(near, q):
                word = m.group(1)
                if word != other and edits(word.lower(), other.lower()) <= 2:
                    out.append(word)
    return out


def edits(a: str, b: str) -> int:
    """Levenshtein distance (short names only)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def claimed_answerer(q: str, executives: Sequence[str]) -> str:
    """The executive a question says answered ("Did Eddie Wu answer ...?", "Eddie Wu fielded
    ... Correct?", "是 Eddie Wu 回答的吗"), or ""."""
    for name in executives:
        n = re.escape(name)
        said = re.search(
            rf"\b{n}\s+(?:who\s+|that\s+)?(?:answered|fielded|took(?!\s+(?:over|charge|on|up|part|office|the\s+helm)\b)|handled|responded\s+to"
            rf"|replied\s+to|walked\s+(?:[\w'’]+\s+){{1,4}}?through)\b"
            rf"|\b(?:did|does|was\s+it)\s+{n}\s+(?:answer|field|take(?!\s+(?:over|charge|on|up|part|office|the\s+helm)\b)|handle|respond|reply"
            rf"|walk\s+(?:[\w'’]+\s+){{1,4}}?through)\b"
            rf"|{n}\s*(?:回答|回应|答复|作答)",
            q,
            re.IGNORECASE,
        )
        if said:
            return name
    return ""
