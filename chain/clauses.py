"""How a question divides into what it asks for: the clauses that each ask something ("What drove
X, and how will Y?" -> two sub-queries, each searched on its own), the key terms of each part of
a multi-part question, the number of items it asks for ("what two things"), and a list of names
or metrics ("TTG, Cloud and AIDC", "淘天、菜鸟和大文娱")."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection, Sequence

from chain.text import (
    COUNT_WORDS,
    METRIC_STEMS,
    PREDICATE_WORDS,
    RELATIVE_STEMS,
    ROLE_ACRONYMS,
    STOPWORDS,
    THING_PRONOUN,
    content_terms,
    glossary_expansion,
    is_chinese,
    squash,
    stem,
    wordset,
)
from index.glossary import GLOSSARY, zh_term_spans
from index.stem import stems_of

# Where a question joins the things it asks for: "A, B and C", "A; and how B", "A和B", "A以及B".
_PART_SPLIT = re.compile(
    # (a spaced dash joins two asks: "How does the tool lift fees - who pays the extra?")
    r"\s*(?:,|;|，|；|、|\?|？|\band\b|\bas well as\b|\bversus\b|\bvs\.?|以及|和|及|与)\s*"
    r"|\s+[-–]\s+|\s*—\s*",
    re.IGNORECASE,
)


# A space between Chinese words: how notes list what they ask ("回购 金额 股数"), not a
# gloss's removal ("千问(Qwen)模型").
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


_COUNTS = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4, "两": 2, "三": 3, "四": 4}


_POINT_NOUNS = (
    r"ways|things|points|drivers|factors|reasons|priorities|areas|pillars|strategies|steps"
    r"|measures|initiatives|aspects|elements|levers|focus\s+areas|engines"
)


# "the three ways ...", "what two reasons ...", "两大因素", "哪几个方面": a speaker's list.
# (Not "Two things: X and Y?", which lists the parts itself.)
_ITEMS_ASKED = re.compile(
    # (not "2 points" or "3 percentage points", which are sizes)
    # (not "those two things": what was named before)
    rf"(?<!those\s)(?<!these\s)\b(?P<n>two|three|four|[234](?!\s+(?:points?|pts?)\b))\s+"
    rf"(?!(?:percentage|basis)\s)(?:[\w-]+\s+){{0,2}}?(?:{_POINT_NOUNS})\b(?!\s*:)"
    r"|(?P<zh>[两三四234])(?:大|个|点|项)(?:主要)?(?:因素|驱动|原因|方面|方式|重点|举措|策略|理由)"
    r"|(?P<some>哪几(?:个|点|项)?(?:因素|驱动|原因|方面|方式|重点|举措|策略|理由)"
    # ("他讲了哪几点?", "what were the key points he made?": however many he made)
    r"|哪几点|哪些点|哪些要点|(?:讲|说|提)了?几点|\b(?:what|which)\s+(?:\w+\s+)?points\b"
    r"|\b(?:key|main)\s+points\b"
    # ("summarize his answer on X": the points he made, if he made a list of them)
    r"|\bsummari[sz]e\b|\bsum\s+up\b|总结|概括)",
    re.IGNORECASE,
)


def items_asked(q: str) -> int | None:
    """How many points of a list the question asks for (see Ask.enumerates)."""
    found = list(_ITEMS_ASKED.finditer(q))
    if not found:
        return None
    # (a count said anywhere wins: "Summarise the three ways ..." asks for three)
    m = next((f for f in found if not f["some"]), found[0])
    return 0 if m["some"] else _COUNTS[(m["n"] or m["zh"]).lower()]


# "TTG, AIDC and Cloud", "Taobao and Tmall Group versus Cloud Intelligence": a list of names.
_NAME = r"(?:[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})"


_LIST_SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|versus|vs\.?)\s+)"


_NAME_LIST = re.compile(rf"(?<![\w&'’.-]){_NAME}(?:{_LIST_SEP}{_NAME})+")


# Clauses that each ask something: "What drove X, and how will Y?", "X; Y", "X，另外Y". (Not
# "X? Y?": the second is often a follow-up whose subject is in the first, "同比增长多少?";
# not a bare 还有/同时, which also mean "still" / "while": "利润率还有提升空间吗".)
_ASKING = (
    r"(?:how|what|why|where|when|who|which|whether|did|does|do|is|are|was|were|can|will"
    # ("..., and above what size did he say ...?": a question word after its preposition)
    r"|since\s+when|(?:above|below|over|under|beyond|at|by|from|in|on|to|for|with|within)\s+"
    r"(?:what|which|whom)(?!\s+(?:was|were|is|are|did)\b))"
)
_ASKS_FIRST = re.compile(rf"^(?:[^:,?]*:\s*)?{_ASKING}\b", re.IGNORECASE)
_QUESTION_COMMA = re.compile(rf",\s+(?={_ASKING}\b)", re.IGNORECASE)
_CLAUSE_SPLIT = re.compile(
    rf";\s*|；|,?\s+and\s+(?={_ASKING}\b)|[，,]\s*(?:以及|另外)|[?？]\s*(?:另外|还有|以及)?(?=\S)"
    # ("Qwen: total downloads, and Qwen3 lineup - how many MoE vs dense?": a note's topic,
    # then its question)
    r"|,\s+and\s+(?=[^,?]{1,40}?\s[-–—:]\s*(?:how|what|why|where|when|who|which)\b)"
    # ("What sizes run on phones, versus the size he said needs the cloud?": two things)
    # (not "..., compared with the previous quarter?": a comparison in time)
    r"|,\s+(?:versus|vs\.?|compared\s+(?:with|to))\s+(?=the\b(?!\s+(?:previous|prior|same|last"
    r"|year|quarter|month|period)\b)|what\b|how\b|which\b)",
    re.IGNORECASE,
)


_NAME_LIST_ITEM = re.compile(rf"(?<![\w&'’.-]){_NAME}")


# Capitalised because they open the question, not because they name something.
_QUESTION_WORDS = frozenset(
    ("What", "How", "Why", "Where", "When", "Who", "Which", "Did", "Does", "Do", "Is", "Are",
     "Was", "Were", "Can", "Will", "Could", "Would", "Should", "May", "Please", "Compare",
     "Give", "Tell", "And")
)  # fmt: skip


# A clause that refers back to the first one: a pronoun, or "the change" / "the increase".
_PRONOUN = re.compile(
    r"\b(?:it|its|they|their|them|he|his|she|her|this|that|those|these)\b|\bthe\s+(?:change|"
    r"increase|decrease|decline|drop|rise|difference|gap|improvement|slowdown|acceleration)\b",
    re.I,
)


MAX_SUB_QUERIES = 4


# The same preposition repeated after "and": two parallel objects of one verb phrase.
# "cloud vs TTG": one side in lowercase, the other a name or code.
_VS_PAIR = re.compile(
    r"(?<![\w.&-])(?:(?P<a>[a-z][\w.&-]*)\s+(?:vs\.?|versus)\s+(?P<b>[A-Z][\w.&-]*)"
    r"|(?P<c>[A-Z][\w.&-]*)\s+(?:vs\.?|versus)\s+(?P<d>[a-z][\w.&-]*))(?![\w.&-])"
)


_PARALLEL = re.compile(
    r"\b(?P<p>on|for|in|at|to|about|from)\s+(?P<a>[^,;?]+?),?\s+and\s+(?P=p)\s+(?P<b>[^,;?]+?)"
    # (a period after them is shared too: "at X and at Y this quarter, and what drove each?")
    r"(?=(?:\s+(?:this|last|that|in\s+the|for\s+the|during\s+the)\s+(?:\w+\s+)?"
    r"(?:quarter|year|period))?\s*(?:[?.;,]|$))",
    re.IGNORECASE,
)


# "the regular and special dividends", "GAAP and non-GAAP net income": two kinds of one
# metric, each a figure of its own.
_TWO_KINDS = re.compile(
    r"(?<![\w-])(?P<a>[\w-]+)\s+(?:and|&)\s+(?P<b>[\w-]+)\s+(?P<n>[\w-]+(?:\s+[\w-]+)?)"
    r"(?=\s|[,;?.]|$)",
    re.IGNORECASE,
)


# Two statements, then a question asked of each: "A fell and B slipped. Why, for each?"
# (each statement ends in what happened: "fell", "slipped", "rose")
_HAPPENED = r"(?:\w+ed|rose|fell|grew|sank|shrank|slid|swung|jumped|dipped)"
_FOR_EACH = re.compile(
    rf"^\s*(?P<a>[^.?!;]*?\w\s+{_HAPPENED})\s*,?\s+(?:and|while|but)\s+"
    rf"(?P<b>\w[^.?!;]*?\s+{_HAPPENED})\s*[.;:]\s+(?P<q>[^.?!]*\b(?:each|both)\b[^.!]*\?)\s*$",
    re.IGNORECASE,
)


# "List the disclaimers — both the one on forward-looking statements and the one on the
# interpretation": the things listed, each with what they are.
_THE_ONE_ON = re.compile(
    r"^(?P<head>[^?]*?\w)[\s,:;—–-]+(?:both\s+)?the\s+one\s+(?:on|about|for|covering)\s+"
    r"(?P<a>[^,;?]+?),?\s+and\s+the\s+(?:one|other(?:\s+one)?)\s+(?:on|about|for|covering)\s+"
    r"(?P<b>[^,;?.]+?)\s*[.?!]?\s*$",
    re.IGNORECASE,
)


# "Was TTG's adjusted EBITDA bigger than the whole group's adjusted EBITDA this quarter?": two
# figures to compare, each searched for (the second side may leave its metric to the first).
_BIGGER_THAN = re.compile(
    r"^\s*(?P<a>[^?]*?\w['’]s\s+[^?]+?)\s+(?:bigger|larger|higher|greater|smaller|lower)\s+than"
    r"\s+(?!(?:the\s+)?(?:last|prior|previous|same|year|expected|anticipated|forecast|guided"
    r"|consensus|estimates?|planned|before|usual|normal)\b)(?P<b>[^?]*?\w[^?]*?)(?P<tail>\s+(?:this|last|in|for|during)\s+[^?]*)?\s*\??\s*$",
    re.IGNORECASE,
)


# "Which grew faster this quarter, TTG's customer management revenue or Cloud's revenue?": two
# figures to compare, each searched for.
_WHICH_OR = re.compile(
    # (a measured comparison: not "Which is more important, revenue or profit?"; the other
    # figure ends at a comma, ", in RMB or USD?" is how to state both)
    r"^\s*(?:which|what)\s+(?:one\s+|of\s+(?:the|these)\s+two\s+)?(?:(?P<v>grew|rose|increased)"
    r"\s+(?:\w+\s+)?(?:faster|more|quicker|slower|less)|(?:was|is|did)\s+(?:\w+\s+)?(?:faster"
    r"|quicker|higher|bigger|larger|slower|lower|smaller))\b[^,:?]{0,40}[,:]\s*"
    r"(?P<a>[^?,]+?)\s+or\s+(?P<b>[^?,]*[^?,\s])\s*(?:,[^?]*)?\?",
    re.IGNORECASE,
)


def _compared_figures(q: str) -> list[str]:
    """["Was TTG's adjusted EBITDA this quarter?", "the whole group's adjusted EBITDA this
    quarter?"] for the question above; [] unless it compares an owner's figure with another's
    (not with a time, an expectation or a number)."""
    if (which := _WHICH_OR.match(q)) and all(
        set(content_terms(which[k])) & METRIC_STEMS for k in ("a", "b")
    ):
        grew = which["v"] is not None
        return [f"How much did {which[k]} grow?" if grew else f"{which[k]}?" for k in ("a", "b")]
    m = _BIGGER_THAN.match(q)
    if not m:
        return []
    a, b, tail = m["a"], m["b"], m["tail"] or ""
    # (the other side is an owner: "the whole group's", "Cloud's", "the consolidated ...",
    # "TTG"; not "management guided", "analysts expected", "a year ago")
    if not re.search(r"\w['’]s\b|\bconsolidated\b|\b[A-Z]{2,}\b|\b[A-Z][a-z]+", b):
        return []
    metric = [w for w in a.split() if set(content_terms(w)) & METRIC_STEMS]
    if not metric:
        return []
    if not any(re.search(r"[^\W\d_]", t) for t in set(content_terms(b)) - METRIC_STEMS):
        return []  # (b names no owner: "... higher than 20%")
    if not set(content_terms(b)) & METRIC_STEMS:
        b = f"{b} {' '.join(metric)}"  # ("... bigger than the group's?")
    return [f"{a}{tail}?", f"{b}{tail}?"]


def two_kinds(clause: str) -> list[str]:
    """The clause once per kind when it asks for two kinds of one metric ("what were the
    regular and special dividends per ADS?" -> "... the regular dividends per ADS?", "... the
    special dividends per ADS?"); else []. The kinds are modifiers: no metrics themselves
    ("revenue and EBITDA growth" is two metrics' growth, which the metric list splits) and
    no names ("Taobao and Tmall revenue" is one business's)."""
    for m in _TWO_KINDS.finditer(clause):
        a, b, noun = m["a"], m["b"], m["n"]
        if set(content_terms(noun)) & METRIC_STEMS and all(map(_a_kind, (a, b))):
            start, end = m.start(), m.end()
            return [f"{clause[:start]}{kind} {noun}{clause[end:]}" for kind in (a, b)]
    return []


def _kinds_listed(text: str) -> str:
    """`text` with two kinds of one metric listed as two ("the regular and special dividend
    amounts" -> "the regular dividend amounts, special dividend amounts"): a part each."""

    def listed(m: re.Match[str]) -> str:
        a, b, noun = m["a"], m["b"], m["n"]
        if set(content_terms(noun)) & METRIC_STEMS and all(map(_a_kind, (a, b))):
            return f"{a} {noun}, {b} {noun}"
        return m.group(0)

    return _TWO_KINDS.sub(listed, text)


def _a_kind(word: str) -> bool:
    """A word that sorts a metric: lowercase ("regular", "domestic") or GAAP's kinds."""
    terms = set(content_terms(word))
    if word.lower() in STOPWORDS or not terms:
        return False
    if terms <= {"gaap", "non"}:
        return True
    # (no comparative: "higher and lower capex" is no two kinds of capex)
    comparative = word.lower().endswith(("er", "est")) or word.lower() in ("more", "less")
    return word[0].islower() and not terms & METRIC_STEMS and not comparative


_PERSON_PRONOUN = re.compile(r"\b(?:he|his|him|she|her)\b", re.IGNORECASE)


_TITLES = ROLE_ACRONYMS | {"Chairman", "President", "Chair"}


_TALKED_ABOUT = re.compile(
    r"\b(?:talk|talked|speak|spoke|say|said|comment|commented)\s+(?:about|on)\s+(?P<t>[^,;?]+?)"
    # (less where it was said: "... in the opening remarks")
    r"(?:\s+(?:in|during)\s+(?:the|his|her|their)\s+(?:(?:prepared|opening|scripted)\s+remarks"
    r"|q\s*&\s*a|question[- ]and[- ]answer(?:\s+session)?))?\s*(?:[,;?]|$)",
    re.IGNORECASE,
)


def _talked_about(clause: str) -> str:
    """What the clause says was talked about ("How did management talk about X in the
    opening remarks" -> "X")."""
    m = _TALKED_ABOUT.search(clause)
    return m["t"] if m else ""


def _referents(clause: str, names: Sequence[str]) -> list[str]:
    """The earlier clause's names a pronoun can point at: "he" a title ("the CFO"), "it" a
    thing ("CMR"); all of them when the clause has no names of that kind."""
    person = bool(_PERSON_PRONOUN.search(clause))
    fitting = [n for n in names if (n in _TITLES) == person]
    return fitting or list(names)


def _append(clause: str, words: str) -> str:
    """`words` added to a clause before its question mark: "what is the take rate? Taobao"
    would read as two questions when the part is split again. (Used for the first part's
    words a part naming nothing carries; names a pronoun points at still go after the mark,
    "which product was it? Alibaba Cloud", so it asks for the first part's product.)"""
    body = clause.rstrip()
    end = len(body.rstrip("?？"))
    return f"{body[:end]} {words}{body[end:]}"


def sub_queries(
    q: str, mentions: Callable[[str], bool] | None = None, speakers: Sequence[str] = ()
) -> list[str]:
    """One query per part of a question that asks for several things (else []).

    A list of names becomes one query per name in the question's own wording ("revenue growth
    for TTG, AIDC and Cloud" -> "... for TTG", "... for AIDC", "... for Cloud"); otherwise
    each clause that asks something is a query of its own. Retrieving them separately keeps
    one part's passages from crowding out another's."""
    if each := _FOR_EACH.match(q):
        # "Free cash flow cratered and cloud margins slipped. Why, for each?": the question
        # once per statement it is asked of.
        return [f"{each[k]}. {each['q']}" for k in ("a", "b")]
    if compared := _compared_figures(q):
        return compared
    if one_on := _THE_ONE_ON.match(q):
        return [f"{one_on['head']} on {one_on[k]}" for k in ("a", "b")]
    clauses = [c.strip(" ,，") for c in _CLAUSE_SPLIT.split(q)]
    if len(clauses) >= 2:
        # ("how much did X grow, did Y make money, and what was Z?": a list of questions, each
        # clause before the last one a question too; not "For AIDC, what was ...?")
        clauses = [
            piece
            for c in clauses
            for piece in (_QUESTION_COMMA.split(c) if _ASKS_FIRST.match(c) else [c])
        ]
    # (a question of its own may ask one metric: "..., and what was the loss in All Others?";
    # not "..., and which product was it?", which asks the first part's thing its name)
    clauses = [
        c
        for c in clauses
        if len(content_terms(c)) >= 2
        or (set(content_terms(c)) & METRIC_STEMS and _ASKS_FIRST.match(c))
    ]
    if is_chinese(q):
        # "那利润端呢?EBITDA涨了多少?": a clause without a question word of its own only
        # names the topic of the next one.
        clauses = _join_topic_clauses(clauses)
    if len(clauses) >= 2:
        # "..., and what happened to its margin?": a clause that refers back by pronoun gets
        # the names of the first one.
        names = [
            n
            for n in _NAME_LIST_ITEM.findall(clauses[0])
            if n not in _QUESTION_WORDS and n.lower() not in STOPWORDS  # ("On the ...")
        ]
        queries = [clauses[0]]
        # (a speaker is whom a part asks, not what: "what payoff does Jiang Fan expect?")
        names_of = {stem(w) for name in speakers for w in name.lower().split()}
        subject = zh_names(clauses[0])
        for c in clauses[1:]:
            referents = _referents(c, names) if _PRONOUN.search(c) else []
            if is_chinese(c) and subject and not _names_own_subject(c, subject):
                # "大文娱收入是多少？主要靠哪些业务拉动？": the second asks about 大文娱 too;
                # and about the first's metric in English when it names none ("淘天的EBITDA
                # 涨了多少?接下来几个季度怎么说?": TTG's EBITDA in the next quarters).
                latin = [] if re.search(r"[A-Za-z]", c) else re.findall(r"[A-Za-z]{2,}", clauses[0])
                c = f"{''.join(subject)}{' '.join(latin)}{c}"
            elif referents and (topic := _talked_about(clauses[0])) and THING_PRONOUN.search(c):
                # ("... talk about AI chip/supply-chain disruption ..., and how did it come up
                # again ...?": "it" is the whole topic, not only its name "AI")
                c = f"{c} {topic}"
            elif referents:
                c = f"{c} {' '.join(referents)}"
            elif carried := _carried_words(
                # ("..., and where were they published?": "they" are what the first part
                # asks about, even with nothing named there to point at)
                c,
                clauses[0],
                names_of,
                pointing=bool(THING_PRONOUN.search(c)),
            ):
                c = _append(c, carried)  # "..., and what was the growth rate?" + "AIDC"
            queries.append(c)
        # ("Everything on AIDC: revenue growth, the EBITDA loss, and when ...?": the list in
        # a clause is a query per item too)
        per_clause = [(c, _colon_list(c)) for c in queries]
        queries = [
            query
            for c, found in per_clause
            for query in ([f"{found[0]}: {i}" for i in found[1]] if found else two_kinds(c) or [c])
        ]
        return queries[:MAX_SUB_QUERIES]
    if listed := _colon_list(q):
        head, items = listed
        return [f"{head}: {item}" for item in items][:MAX_SUB_QUERIES]
    if is_chinese(q) and (zh_list := _zh_list(q)):
        start, end, items = zh_list  # "淘天、菜鸟、大文娱的EBITDA": one query per business
        return [f"{q[:start]}{item}{q[end:]}" for item in items][:MAX_SUB_QUERIES]
    if kinds := two_kinds(q):
        return kinds
    parallel = _PARALLEL.search(q)
    if parallel:
        # "... to have on user engagement and on EBITDA?": the head distributes over both.
        head, tail = q[: parallel.start("a")], q[parallel.end("b") :]
        return [f"{head}{parallel['a']}{tail}", f"{head}{parallel['b']}{tail}"]
    out: list[str] = []
    for m in _NAME_LIST.finditer(q):
        # Only the first "and" after the last comma ends the list: "Cloud, AIDC and Taobao
        # and Tmall" lists three businesses, the last named with an "and" of its own.
        *before, last = re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:versus|vs\.?)\s+", m.group(0))
        ends = re.split(r"\s+(?:and|or)\s+", last, maxsplit=1)
        items = [x for x in [*before, *ends] if x.strip()]
        # "Taobao and Tmall" is often one business: a list needs a comma or "versus", or
        # two names the call never says together ("Cloud and AIDC"; `mentions` reads the
        # call's text, squashed).
        commas = bool(re.search(r",|\bv(?:ersu)?s\b", m.group(0)))
        # (the names said together, without a question word before them: "Did Digital Media
        # and Entertainment make money?")
        together = re.sub(rf"^(?:(?:{'|'.join(_QUESTION_WORDS)})\s+)+", "", m.group(0))
        apart = (
            mentions is not None
            and len(items) == 2
            and not mentions(squash(together))
            # (names of businesses, not metrics: "TTG CMR and EBITDA" is one business's two)
            and not any(set(content_terms(i)) <= METRIC_STEMS for i in items)
        )
        if len(items) >= 2 and (commas or apart):
            out = [f"{q[: m.start()]}{item}{q[m.end() :]}" for item in items]
            break
    if not out and (pair := _VS_PAIR.search(q)):
        # "cloud vs TTG ebitda growth?": a lowercase business against a named one, each
        # searched for on its own (the lowercase one a word the call uses, not a metric).
        a, b = (pair["a"], pair["b"]) if pair["a"] else (pair["c"], pair["d"])
        low = a if a.islower() else b
        if (
            mentions is not None
            and mentions(squash(low))
            and not set(content_terms(low)) <= METRIC_STEMS | RELATIVE_STEMS
        ):
            out = [f"{q[: pair.start()]}{item}{q[pair.end() :]}" for item in (a, b)]
    if not out and (metrics := _METRIC_LIST.search(q)):
        # "adj. EBITDA, non-GAAP net income and operating cash flow for the quarter": three
        # figures, each searched for on its own.
        start = metrics.start()
        # (the first item starts at its first content word: "What were revenue, ...")
        while lead := re.match(r"([\w'’-]+)\s+", q[start : metrics.end()]):
            if lead.group(1).lower() not in STOPWORDS | {"give", "tell", "show"}:
                break
            start += lead.end()
        items = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", q[start : metrics.end()])
        if len(items) >= 3 and all(set(content_terms(i)) & METRIC_STEMS for i in items):
            out = [f"{q[:start]}{item}{q[metrics.end() :]}" for item in items]
    if not out and len(pair_of := _AND_THE.split(q)) == 2:
        # "provide the group's net cash position at year-end and the maximum cash proceeds
        # expected from the disposals": two figures, each with its own qualifiers.
        first, second = pair_of
        if all(
            set(content_terms(side)) & METRIC_STEMS and len(content_terms(side)) >= 3
            for side in pair_of
        ) and (_own_names(second) or not _own_names(first)):
            # (not when only the first names whose figures: "Cainiao: give me the revenue
            # change and the adjusted EBITDA change" are both Cainiao's)
            out = [first, f"the {second}"]
    return out[:MAX_SUB_QUERIES]


_AND_THE = re.compile(r"\s+and\s+the\s+", re.IGNORECASE)


def _own_names(text: str) -> list[str]:
    """The capitalised words of `text` that are no metric ("Cainiao", not "EBITDA"); the
    first word only as a heading or an owner ("Cainiao: ...", "Cloud's ...")."""
    words = re.findall(r"(?<!^)\b(?!I\b)[A-Z][\w&.'’-]*|^[A-Z][\w&.-]*(?=:|['’]s\b)", text.strip())
    return [w for w in words if not set(content_terms(w)) <= METRIC_STEMS]


# "X, Y and Z": three or more short noun phrases (metrics, when each names one).
_LIST_ITEM = r"[\w$.&'’-]+(?:\s+[\w$.&'’-]+){0,3}?"


_METRIC_LIST = re.compile(
    rf"{_LIST_ITEM}(?:\s*,\s*{_LIST_ITEM})+\s*,?\s+and\s+{_LIST_ITEM}(?=\s+(?:for|in|at|this|last|with|during|over|vs|versus|compared)\b|\s*[,;?.]|$)",
    re.I,
)


# "是在扩大还是收窄": either way, a choice (not the adverb: "还是很强", "也还是")
_ZH_CHOICE = r"(?<![也都就])还是(?![很挺比太会要在])"
_ZH_ASKS = re.compile(
    r"多少|(?<![很许更好])多[大高快久长远]|什么|啥|哪|几(?!乎)|如何|怎么|怎样|咋|为什么|为何|是否|吗|有没有"
)


_WHEN_WORDS = wordset("year quarter month annual period")


def zh_names(text: str) -> list[str]:
    """The glossary names (businesses, companies: an English side with a capital) a Chinese
    text uses, in order."""
    return [zh for _, _, zh in zh_term_spans(text) if GLOSSARY[zh][:1].isupper()]


def zh_names_a_subject(clause: str) -> bool:
    """A Chinese clause names a business or company: a glossary name or a Latin one."""
    return bool(zh_names(clause) or re.search(r"[A-Za-z]{2,}", clause))


def _names_own_subject(clause: str, subject: Sequence[str]) -> bool:
    """A Chinese clause names what it is about: a glossary name, a Latin one ("AIDC"), or a
    word of the subject's English ("云" for 阿里云, Alibaba Cloud)."""
    if zh_names_a_subject(clause):
        return True
    said = set(content_terms(glossary_expansion(clause)))
    return bool(said & set(content_terms(" ".join(GLOSSARY[zh] for zh in subject))))


# A clause asking for a view or what comes next asks something of its own about the earlier
# clause's subject ("淘天EBITDA涨了多少?管理层对接下来几个季度怎么说?": a figure, then an outlook).
_ZH_OWN_ASK = re.compile(r"接下来|未来|展望|指引|今后|往后|怎么看|看法|说法|表态|怎么说|预期")


def _join_topic_clauses(clauses: list[str]) -> list[str]:
    """Chinese clauses as questions of their own: one that asks nothing (its last
    comma-separated piece has no question word: "那利润端呢") is joined to the next, and one
    with no subject of its own ("同比增长多少?") to the one before."""
    out: list[str] = []
    carry = ""
    for clause in clauses:
        text = f"{carry}，{clause}" if carry else clause
        # (a choice after a figure asks its own: "收入涨了多少?亏损是在扩大还是收窄?", which no
        # figure answers; after a view it restates it: "效果点呀?好过预期定系麻麻哋?")
        choice = bool(out) and bool(re.search(_ZH_CHOICE, clause)) and "多少" in out[-1]
        if not _ZH_ASKS.search(re.split(r"[，,]", clause)[-1]) and not choice:
            carry = text
            continue
        carry = ""
        terms = set(content_terms(f"{glossary_expansion(clause)} {clause}"))
        latin = re.search(r"[A-Za-z]", clause)
        if (
            out
            and not latin
            and not any(_names_subject(t) for t in terms)
            and not _ZH_OWN_ASK.search(clause)
            and not choice
        ):
            out[-1] = f"{out[-1]}，{text}"
        else:
            out.append(text)
    if carry:
        if out:
            out[-1] = f"{out[-1]}，{carry}"
        else:
            out.append(carry)
    return out


# Words that frame what is asked about without naming it: "what two reasons did the CFO
# give?", "主要原因是什么?" ("mainly"): such a part is about the part before it.
_FRAME_STEMS = stems_of(
    COUNT_WORDS
    | wordset("main mainly primary primarily key biggest major factor explanation give gave cite")
    | wordset("payoff payoffs upside")
    | {w.lower() for w in ROLE_ACRONYMS}
)


# When, not what: a part's own horizon ("the longer-term payoff") is a part of its own, and
# the first part's ("in the near term") is not carried into another part.
_HORIZON_STEMS = stems_of(wordset("term near short long longer"))


def _names_subject(term: str) -> bool:
    """An English glossary term that names what is asked about (not "grow" or "year")."""
    return (
        term.isascii()
        and term not in PREDICATE_WORDS
        and term not in _WHEN_WORDS
        and term not in _FRAME_STEMS
    )


_COMPARE = re.compile(
    r"^\W*(?:compare|contrast)\b|\breconcile\b|\bhow\s+(?:does|did|do)\b.{1,60}?\bcompare\b",
    re.IGNORECASE,
)


def question_parts(q: str, keys: set[str], drop: set[str]) -> tuple[tuple[str, ...], ...]:
    """The key terms of each part of a question that asks for several things (else ())."""
    if len(_CJK_SPACE.findall(q)) >= 2:  # (a note's fragments: "回购 金额 股数")
        q = _CJK_SPACE.sub("，", q)
    q = without_glosses(q)  # a parenthesised gloss is not a part
    q = re.sub(r"(?<=\b[A-Z])(\w*)\s+and\s+(?=[A-Z])", r"\1 & ", q)  # one name: "Ernst and Young"
    compared = _COMPARE.search(q)
    if compared:  # "Compare X with Y": two parts, as "X versus Y" ("to" only if nothing else)
        rest = q[compared.end() :]
        joiner = r"with|against" if re.search(r"\s(?:with|against)\s", rest) else r"to"
        q = q[: compared.end()] + re.sub(rf"\s+(?:{joiner})\s+", " versus ", rest, count=1)
    heading: tuple[str, ...] = ()
    if listed := _colon_list(q):  # the heading is what the parts are parts of, not a part
        heading, q = tuple(content_terms(listed[0], drop=drop)), ", ".join(listed[1])
    out: list[tuple[str, ...]] = []
    for piece in _PART_SPLIT.split(_kinds_listed(q)):
        if _ATTRIBUTION.match(piece):
            continue  # ("According to the head of X, how big ...": whose words, no part)
        if is_chinese(piece):
            # A Chinese part in its glossary English (and its Latin words: "EBITDA"), which
            # the English sentences and the Chinese ones (read through the glossary) share;
            # its character bigrams are in no English sentence.
            english = f"{glossary_expansion(piece)} {' '.join(re.findall(r'[A-Za-z]+', piece))}"
            if out and not english.strip():
                # ("一开始给商家的那些返还,今年还会一直给吗?": a comment on the topic before,
                # with no word of its own the calls' sentences could share; no part)
                continue
            piece = english if english.strip() else piece
        terms = tuple(t for t in dict.fromkeys(content_terms(piece, drop=drop)) if t in keys)
        if heading and terms and all(t in RELATIVE_STEMS or t in METRIC_STEMS for t in terms):
            terms = _carry_subject(terms, heading)  # ("AIDC: revenue and EBITDA")
        elif out and terms and all(t in RELATIVE_STEMS for t in terms):
            # "..., and how did it compare with a year ago?": the comparison is of the part
            # before. (A part naming a metric keeps its own terms: carrying the subject to
            # "... revenue and adjusted EBITDA" would make every sentence on the subject
            # spill into both parts.)
            terms = _carry_subject(terms, out[-1])
        if out and terms and all(t in _WHEN_STEMS for t in terms):
            continue  # ("..., now and eventually?": when, of the part before; no part)
        if terms and terms not in out:
            out.append(terms)
    return tuple(out) if len(out) > 1 else ()


# Whose words, or what frames the question ("With export controls squeezing supply, is it
# pulling back?"): context, not something asked.
_ATTRIBUTION = re.compile(
    r"^\W*(?:according\s+to|as\s+per|per|with|given|amid|amidst|despite|considering)\b[^,?]*,?\s*$",
    re.IGNORECASE,
)
_WHEN_STEMS = stems_of(
    wordset(
        "now today currently present later eventually future forward longer long short term run "
        "ultimately over time"
    )
)


def _zh_list(q: str) -> tuple[int, int, list[str]] | None:
    """(start, end, items) of a Chinese list of glossary names ("淘天、菜鸟和大文娱"): names
    joined by 、 (and a last 和/及/与), at least one 、. None when the question has none."""
    # Names only (their English is capitalised: 淘天 -> Taobao and Tmall Group): a list of
    # metrics of one business ("收入、客户管理收入增速、经调整EBITDA") is one breakdown.
    spans = [(a, b, zh) for a, b, zh in zh_term_spans(q) if GLOSSARY[zh][:1].isupper()]
    run: list[tuple[int, int, str]] = []
    for span in spans:
        if run and re.fullmatch(r"\s*(?:、|和|及|与|以及)\s*", q[run[-1][1] : span[0]]):
            run.append(span)
            continue
        if len(run) > 1 and any(q[a[1] : b[0]].strip() == "、" for a, b in itertools.pairwise(run)):
            break
        run = [span]
    if len(run) < 2 or not any(q[a[1] : b[0]].strip() == "、" for a, b in itertools.pairwise(run)):
        return None
    return run[0][0], run[-1][1], [zh for _, _, zh in run]


_BRIEF_NOUN = re.compile(
    r"\b(?:story|snapshot|roundup|rundown|scorecard|check|summary|overview|recap)\b", re.I
)


def _colon_list(q: str) -> tuple[str, list[str]] | None:
    """("FY25 capital return", ["regular dividend", "special dividend", "buyback"]) for "FY25
    capital return: regular dividend, special dividend, buyback": a heading, then a list of
    the things asked for. None unless a colon follows a heading that asks nothing itself."""
    m = re.match(r"([^:：?？]+)[:：](.+)$", q.strip())
    listed = m.group(2).strip(" ?？.。") if m else ""
    if not m or re.search(r"[?？]", listed):  # ("阿里云：那利润端呢?EBITDA涨了多少?" asks twice)
        return None
    # The heading names what the items are of, in two content words or more (not "Quick
    # question:", "Compare:", "Re:"), and asks nothing itself.
    heading = m.group(1).strip()
    # (or one name, or one subject of a brief: "Cloud snapshot: revenue growth, adj. EBITDA
    # growth", "TTG: ...", "the cloud story: ...")
    # (a capital that is no sentence's first letter, or a code: "TTG", "the Cloud segment")
    named = any(
        ((w.isupper() and len(w) >= 2) or (i > 0 and w[:1].isupper())) and content_terms(w)
        for i, w in enumerate(heading.split())
    )
    named = named or bool(_BRIEF_NOUN.search(heading))
    if len(content_terms(heading)) < (1 if named else 2) or _QUESTION_OPENER.match(heading):
        return None
    # ("Taobao and Tmall Group" is one name, not two items)
    joined = re.sub(r"(?<=\b[A-Z])(\w*)\s+and\s+(?=[A-Z])", r"\1 & ", listed)
    items = [i for i in _PART_SPLIT.split(joined) if content_terms(i)]
    # ("the regular and special dividend per ADS": two kinds of one metric, split at "and")
    k = 0
    while k + 1 < len(items):
        kinds = two_kinds(f"{items[k]} and {items[k + 1]}") if len(items[k].split()) <= 2 else []
        items[k : k + 2] = kinds or items[k : k + 2]
        k += 2 if kinds else 1
    # ("revenue, adjusted EBITDA and net income, each with the YoY growth": what each item
    # is asked with, not an item)
    shared = [i for i in items if re.match(r"\s*(?:each|all|both)\s+(?:with|of|and)\b", i, re.I)]
    if shared and len(items) - len(shared) >= 2:
        tail = " ".join(re.sub(r"^\s*(?:each|all|both)\s+", "", i, flags=re.I) for i in shared)
        items = [f"{i} {tail}" for i in items if i not in shared]
    if not all(re.search(r"[^\W\d_]", i) for i in items):
        return None  # (items name things: "10:30 and 11:00" are no list of them)
    # Items are short noun phrases, not clauses.
    if len(items) < 2 or any(
        len(i.split()) > 10 or len(i) > 60 or _QUESTION_OPENER.match(i) for i in items
    ):
        return None
    return heading, [i.replace(" & ", " and ") for i in items]


_QUESTION_OPENER = re.compile(rf"\s*(?:{_ASKING}|could)\b", re.I)  # (the asking words, and "could")


def without_glosses(text: str) -> str:
    """`text` without parenthesised glosses: "AIDC (the international digital commerce group)"
    names AIDC once; the gloss is neither a part nor the words between a verb and its object."""
    return re.sub(r"[(（][^)）]*[)）]", " ", text)


def _carried_words(
    clause: str, first: str, people: Collection[str] = (), pointing: bool = False
) -> str:
    """The first clause's words a clause that names nothing is about (see _carry_subject),
    or, `pointing` (it has a pronoun for a thing), whatever it names; `people` are the stems
    of speakers' names, who name no topic."""
    terms = tuple(t for t in content_terms(clause) if t not in people)
    names = [
        w for w in re.findall(r"(?<=\s)[A-Z][a-z]+\b", clause) if stem(w.lower()) not in people
    ]
    if names and not pointing:
        return ""  # (it names its own: "..., and what was the loss in All Others?")
    carried = set(_carry_subject(() if pointing else terms, tuple(content_terms(first))))
    carried -= set(terms)
    words = re.findall(r"[A-Za-z0-9][\w&'’.-]*", without_glosses(first))
    return " ".join(dict.fromkeys(w for w in words if set(content_terms(w)) & carried))


def _carry_subject(terms: tuple[str, ...], before: tuple[str, ...]) -> tuple[str, ...]:
    """A part that names nothing is about the part before it: "AIDC's revenue, and what was
    the growth rate?" asks AIDC's growth rate; "operating cash flow and how it compared with a
    year ago" compares operating cash flow."""
    if any(
        t not in RELATIVE_STEMS and t not in METRIC_STEMS and t not in _FRAME_STEMS for t in terms
    ):
        return terms
    # ("the non-GAAP net income, along with the growth": the growth of all of it; "AIDC's
    # revenue, and the growth rate?" brings a metric of its own, so carries AIDC alone)
    has_metric = any(t in METRIC_STEMS and t not in RELATIVE_STEMS for t in terms)
    carried = [
        t
        for t in before
        if t not in RELATIVE_STEMS
        and t not in _FRAME_STEMS
        and t not in _HORIZON_STEMS
        and not (has_metric and t in METRIC_STEMS)
        and t not in terms
    ]
    return (*terms, *carried)
