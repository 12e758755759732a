"""Follow-up questions -> standalone questions, before retrieval.

LLM mode asks the model (prompts/condense.txt). Offline mode resolves by rule:
- "he/she/his" -> the speaker the previous answer (else the previous question) named;
- "it/its/they/that X" -> the previous question's subject, or, when the previous question asked
  for a thing ("What model did they release?"), the name the previous answer gave ("Qwen3");
- "what about X?" -> the previous question with X as its subject (or X as its new metric);
- a question with no subject of its own ("Why did the margin fall?") -> the topic carried in.
Nothing here is tuned to one call.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Sequence

from callqa.settings import Settings
from chain.ask import (
    ASKS_DISCLOSURE,
    as_asked,
    asks_procedure,
    names_a_business,
    names_an_exchange,
)
from chain.cite import find_numbers
from chain.llm import chat, fill, load_prompt, messages
from chain.people import OUT_OF_THEM
from chain.rendering import asks_rendering
from chain.text import (
    METRIC_STEMS,
    METRIC_WORDS,
    MONTHS,
    PREDICATE_WORDS,
    RELATIVE_STEMS,
    ROLE_ACRONYMS,
    SAID_VERB,
    STOPWORDS,
    THING_PRONOUN,
    ZH_SAID_VERB,
    content_terms,
    glossary_expansion,
    is_chinese,
    stem,
    wordset,
)
from chain.types import Message
from chain.zh_names import romanise_names
from index.acronyms import STANDARD_CODES
from index.glossary import GLOSSARY, en_synonyms, zh_term_spans, zh_terms
from index.mandarin import as_mandarin

MAX_HISTORY_TURNS = 6

# "the special one" after "the annual dividend": an earlier metric noun with a new modifier.
# (Not "the next one" or "the other one": those point at a question, quarter or business.)
_ONE = re.compile(
    # ("And the special one?", "was there a special one on top?")
    r"\b(?:the|that|this|a|an|any)\s+(?!(?:first|second|third|fourth|fifth|last|next|previous|prior"
    r"|final|same|other|another|bigger|smaller|larger|better|worse)\b)"
    # ("And the GAAP number?": a figure of it, not "the total number of members")
    # (one figure of a kind: "any hard numbers?", "the latest number?" ask for figures anew)
    r"(?:(?!(?:latest|last|hard|exact|actual|real|right|correct|precise|specific|new|updated"
    r"|official|headline|big|whole|full|total|overall|final)\s)[a-z]+(?:-[a-z]+)?\s+)"
    r"(?P<one>ones?|(?:number|figure)(?!\s+of\b))\b(?!-)",
    re.I,
)
# "the first one", "the latter": an item of the list the last answer gave.
_NTH_ONE = re.compile(r"\bthe\s+(?:(?P<n>first|second)\s+one|(?P<m>former|latter))\b", re.I)
_NTH = {"first": 0, "former": 0, "second": 1, "latter": -1}


def _listed_items(answer: str) -> list[str]:
    """The items of a list the answer's first sentence gives ("X, and Y"; "X and Y"), its
    speaker lead and quotation marks left out; [] when it lists nothing."""
    text = re.sub(r"^[^“\"]*?(?:said|表示)[:：]\s*", "", answer.strip())
    first = re.split(r"(?<=[.!?])\s+|\s*\[\d+\]", text.strip('“”" '), maxsplit=1)[0]
    items = [i.strip(' .“”"') for i in re.split(r",\s*(?:and\s+)?|;\s*|\s+and\s+", first)]
    if items:  # ("Growth was driven by X, Y and Z": the first item is X)
        items[0] = re.sub(
            r"^.*\b(?:by|were|was|are|is|include[sd]?|including)\s+", "", items[0], count=1
        )
    items = [i for i in items if len(i.split()) >= 2]
    return items if 2 <= len(items) <= 4 else []


_SIZE_QUALIFIED = re.compile(
    r"\b(?:small|smaller|big|bigger|large|larger|tiny|huge)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<noun>[a-z]{3,}s)\b"
)
# "the bigger ones", "the smaller one": a size of the thing the earlier question named.
_SIZED_ONES = re.compile(
    r"\b(?:the|those|these)\s+(?:bigger|smaller|larger|biggest|smallest|largest)\s+(?P<one>ones?)\b",
    re.I,
)
# Metric words that are verbs ("did revenue grow"), not part of a metric's name.
_METRIC_VERBS = wordset("grow grew grown rise rose fall fell take")
_ABOUT_PEOPLE = re.compile(r"\b(?:who|whom|firm|analyst|executive)\b", re.I)
_PERSON_PRONOUN = re.compile(r"\b(he|she|him|his|her|hers)\b", re.IGNORECASE)
# "that/this" standing alone: at the end, or right after a leading auxiliary ("Is that ...").
_DEMONSTRATIVE = re.compile(
    r"\b(that|this|those|these)\s*(?:[?.!]*\s*$|[,;](?=\s+(?:and|or|but|so)\b))"
    r"|^(?:\s*(?:and|so|but)\s+)?(?:is|was|are|were|will|would|does|did|do|can|could|has|have)"
    r"\s+(that|this|those|these)\b",
    re.IGNORECASE,
)
# "that series", "this business": a demonstrative pointing back at a named thing.
_DEMONSTRATIVE_NOUN = re.compile(
    r"\b(?:that|this|those|these|the same)\s+"
    r"(?!quarter|qtr|year|yr|fiscal|fy\b|months?\b|weeks?\b|time|period|call|days?\b"
    # ("these three months": a time; "those two businesses" are things)
    r"|(?:two|three|four|six|twelve|\d+)\s+(?:months?|weeks?|quarters?|years?|days?)\b"
    # (a word after "that" that is no noun: "was that more or less than a year earlier?")
    r"|(?:more|less|much|many|is|was|are|were|will|would|did|does|has|have|had|can|could"
    r"|in|on|at|to|of|for|by|with|and|or|but|so|as)\b)"
    r"(?P<noun>[a-z]+)\b",
    re.IGNORECASE,
)
# ... unless the question says which: "that market town eddie mentioned", "that program
# they launched", "the fee that started in September" (a description, not a pointer back).
_DESCRIBED = re.compile(
    r"(?:\s+[\w-]+)?\s+(?:which|who|where|whom)\b"
    r"|(?:\s+[\w-]+){0,2}?\s+(?!that\b|this\b)(?:he|she|they|[A-Za-z]+)\s+(?:mentioned|said"
    r"|talked|described|cited|called|named|brought|referred|launched|announced|gave|used"
    r"|raised|highlighted|flagged|discussed)\b",
    re.IGNORECASE,
)
_WHAT_ABOUT = re.compile(
    r"^\s*(?:and\s+|but\s+|so\s+)?(?:(?:what|how)\s+about|(?:and\s+)?(?:for|in)(?=\s+(?-i:[A-Z])))"
    # ("and in Q4?", "and for the Q&A?", "in March?" name a time or section, not a business)
    r"(?!\s+(?:Q\s*&\s*A|Q[1-4]|FY|fiscal|" + "|".join(sorted(MONTHS)) + r")\b)"
    r"\s+(?P<x>.+?)\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_AND_ASKS = re.compile(r",?\s+and\s+(?=(?:what|why|how|who|which|when|where)\b)", re.I)
_LEAD_CONNECTIVE = re.compile(r"^\s*(?:and|also|then|so|but|ok(?:ay)?|and then)\b[,\s]*", re.I)
_ASKS_FOR_THING = re.compile(r"^\s*(?:what|which)\b", re.IGNORECASE)
# (not 那家 / 那些 in "搞物流那家": "the one that does logistics", no pointing back)
_ZH_FOLLOWUP = re.compile(r"[它其他她]|那么?(?![家些])|这个|那个|该|呢[？?]?\s*$|还有|此外|另外")
# "Toby Xu (CFO)" / "Alex Zhou (J.P. Morgan)" at the head of an offline answer.
_NAMED_SPEAKER = re.compile(r"([A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})\s*[（(]")
_NAME_LIKE = re.compile(
    r"\b[A-Z][A-Za-z0-9]*\d[A-Za-z0-9]*\b|\b[A-Z][a-z]+[A-Z]\w*\b|\b[A-Z]{2,}\d*\b"
)


def history_text(history: Sequence[Message], limit: int = MAX_HISTORY_TURNS) -> str:
    lines = []
    for msg in list(history)[-limit:]:
        who = "User" if msg.role == "user" else "Assistant"
        lines.append(f"{who}: {' '.join(msg.content.split())[:1200]}")
    return "\n".join(lines)


def condense_llm(question: str, history: Sequence[Message], llm: object, settings: Settings) -> str:
    """The LLM's standalone rewrite (raises LLMError on failure; caller falls back)."""
    from llama_index.core.llms import LLM

    assert isinstance(llm, LLM)
    prompt = fill(load_prompt("condense"), history=history_text(history), question=question)
    system = "You rewrite follow-up questions into standalone questions. Output one question."
    text = chat(llm, messages(system, prompt), settings)
    rewritten = " ".join(text.strip().strip('"“”').split())
    rewritten = re.sub(r"^(?:standalone question|question)\s*[:：]\s*", "", rewritten, flags=re.I)
    return rewritten or question


def condense_offline(
    question: str,
    history: Sequence[Message],
    *,
    speakers: Sequence[str] = (),
    analysts: Collection[str] = (),
) -> str:
    """Resolve a follow-up against the conversation by rule (see module docstring).

    `analysts` are the speakers who ask: "what did he say" after an answer naming an analyst
    and an executive means the executive; "what else did he ask", the analyst."""
    # (A Hong Kong user's Cantonese read as Mandarin: "佢仲讲咗乜?" is "他还讲了什么?")
    question = as_mandarin(question)
    # Each user turn with the answer just before it (None for the first).
    users: list[tuple[str, str | None]] = []
    answered: str | None = None
    for m in history:
        if m.role == "assistant":
            answered = m.content
        elif m.content.strip():
            # (what it asked: "I sell on Taobao. What's this thing I keep hearing about?"
            # carries no "sell" or "keep hearing")
            users.append((as_asked(m.content), answered))
    if not users or asks_procedure(question):
        return question  # ("Which executives are on the call?" after talk of 618)
    # Resolve the earlier questions first, so a chain of follow-ups keeps its subject (and
    # its people: "How big did he say it could get?" after an answer naming Jiang Fan).
    previous = users[0][0]
    for later, before in users[1:]:
        previous = _resolve(later, previous, before, speakers, analysts)
    last_answer = next((m.content for m in reversed(history) if m.role == "assistant"), None)
    return _resolve(question, previous, last_answer, speakers, analysts)


# "that figure", "this number": a figure the last answer gave, in a rendering question.
_THAT_FIGURE = re.compile(
    r"\b(?:that|this|the\s+same)\s+(?:figure|number|rate|percentage|amount)\b", re.I
)
# Where condense puts the topic it carries in: "And why? (cloud revenue)", "阿里云：那利润端呢?".
CARRIED_TOPIC = re.compile(r"\(([^()]+)\)\s*[?？.!]?\s*$")
ZH_CARRIED_TOPIC = re.compile(r"^([^：:？?]{2,30})[：:]")


def carried_topic(question: str, standalone: str) -> str:
    """The topic condense carried into `question` to make `standalone` ("" when it added
    none): a parenthesis or a "topic：" the user wrote is the user's own, no context."""
    question = as_mandarin(question)  # (as condense read it: "阿里雲：" is "阿里云：")
    for pattern in (CARRIED_TOPIC, ZH_CARRIED_TOPIC):
        m = pattern.search(standalone)
        if m and m.group(0).strip(" ?？.!") not in question:
            return m.group(1)
    return _put_for_a_word(question, standalone)


# "it" before a name and "who" / "that": a cleft, "was it Jiang Fan who ...", naming no thing.
_CLEFT_IT = re.compile(
    # ("it Jiang Fan who", "it the CFO, Toby Xu, who"; not "it grow faster than the unit that")
    r"\bit\s+(?:(?:the|an?)\s+)?(?:[A-Z][\w.&'’-]*,?\s+){1,5}(?:who|that)\b"
)


# A thing's pronoun after "they said": not "they" again ("did they say they would ...?").
_IT = re.compile(r"\b(its|it)\b", re.IGNORECASE)
# Who answered "it" / "that" / "that one": the question the conversation is about.
_TOOK_IT = re.compile(
    r"\b(?:who|which\s+(?:\w+\s+)?(?:executive|exec|manager|officer|boss)s?)\s+"
    r"(?:answered|took|handled|fielded|responded\s+to|replied\s+to)\s+"
    # ("which exec took the e-commerce half of that one?")
    r"(?:the\s+(?:[\w-]+\s+){0,2}?(?:half|part|portion|bit|piece|side)\s+of\s+)?"
    r"(?P<it>it|that(?:\s+one)?)\b",
    re.IGNORECASE,
)


def _analyst_named(previous: str, last_answer: str | None, analysts: Collection[str]) -> str:
    """The one analyst the last answer (else the earlier question) names, if exactly one."""
    for text in (last_answer or "", previous):
        named = [a for a in analysts if a in text]
        if len(named) == 1:
            return named[0]
    return ""


def _put_for_a_word(question: str, standalone: str) -> str:
    """The words the rewrite put in place of one or two of the question's ("what is that
    money going to be spent on?" -> "what is RMB 10 billion Ele.me ... money ..."): a topic
    carried in, when it is longer than what it replaced."""
    head = len(os.path.commonprefix([question, standalone]))
    tail = len(os.path.commonprefix([question[head:][::-1], standalone[head:][::-1]]))
    # (whole words: widen to the word boundaries around the change)
    while head and standalone[head - 1].isalnum():
        head -= 1
    while tail and standalone[len(standalone) - tail].isalnum():
        tail -= 1
    put = standalone[head : len(standalone) - tail]
    replaced = question[head : len(question) - tail]
    if len(replaced.split()) > 2 or len(put.split()) < 2 or put.strip() in question:
        return ""
    return put.strip(" ,")


def _resolve(
    question: str,
    previous: str,
    last_answer: str | None,
    speakers: Sequence[str],
    analysts: Collection[str] = (),
) -> str:
    q = question.strip()
    if is_chinese(q) or (is_chinese(previous) and re.search(r"[\u4e00-\u9fff]", q)):
        # (Chinese, or mostly a code in a Chinese conversation: "EBITDA呢?")
        return _resolve_zh(q, previous, last_answer, speakers, analysts)
    if is_chinese(previous):
        if _stands_alone(q) or _says_it_first(q):
            return q  # an English question of its own after a Chinese one
        # ("And which executive answered him?" after a Chinese question: resolved in
        # English, the earlier question read in its glossary English)
        previous = glossary_expansion(previous) or previous
    if _says_it_first(q):
        # ("Somebody said Taobao takes a smaller cut. Who said that?": "that" is the
        # sentence before, in the same message)
        return q
    # ("How did he say that figure in his Mandarin question?" after "0.6%, charged since
    # September": the figure itself is the phrase whose original is asked)
    if (that := _THAT_FIGURE.search(q)) and asks_rendering(q):
        figures = [n for n in find_numbers(last_answer or "") if n.kind != "plain" or n.currency]
        if figures:
            return q[: that.start()] + figures[0].surface + q[that.end() :]

    if (asked := _analyst_named(previous, last_answer, analysts)) and (took := _TOOK_IT.search(q)):
        # "And which exec took it?" after "Which analyst kicked off the Q&A?" (answered
        # "Gary Yu"): his question.
        return q[: took.start("it")] + f"{asked}'s question" + q[took.end("it") :]
    person = _person(previous, last_answer, speakers, _asker_or_speaker(q, analysts), q)
    if person in analysts and ASKS_DISCLOSURE.search(q) and not OUT_OF_THEM.search(q):
        person = None  # ("Did he share any figures?" after "Joyce Chu asked": not her)
    if person and _PERSON_PRONOUN.search(q):
        q = _PERSON_PRONOUN.sub(lambda m: _person_form(m.group(1), person), q, count=1)
        # (and a business pointed back at: "what did he say about that unit's profit?")
        business = (n := _DEMONSTRATIVE_NOUN.search(q)) and n.group("noun").lower() in (
            _BUSINESS_NOUNS
        )
        if not THING_PRONOUN.search(q) and not _DEMONSTRATIVE.search(q) and not business:
            return q

    sized = _SIZED_ONES.search(q)
    head = _sized_noun(previous, q, speakers) if sized else []
    if sized and head:
        # "and the bigger ones?" after "small Qwen models": the bigger models.
        q = q[: sized.start("one")] + head[0] + q[sized.end("one") :]
        if what_about := _WHAT_ABOUT.match(q):  # ("What about the bigger ones?")
            q = f"And {what_about.group('x')}?"
    nth = _NTH_ONE.search(q)
    listed = _listed_items(last_answer) if nth and last_answer else []
    if nth and len(listed) >= 2:
        # "Will the first one still help?" after "the software service fee, and QZT": the fee.
        index = _NTH[(nth.group("n") or nth.group("m")).lower()]
        item = re.sub(r"^(?:The|A|An)\b", lambda m: m.group(0).lower(), listed[index])
        return q[: nth.start()] + item + q[nth.end() :]
    one = _ONE.search(q)
    metric = _last_metric(previous)
    if one and not one.group("one").lower().startswith("one"):
        # ("And net income: the GAAP number?" names its own metric; "the GAAP number?" not)
        modifier = q[: one.start("one")].split()[-1].lower()
        words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z-]*", q)} - {modifier}
        if words & METRIC_WORDS:
            one = None
    if one and metric and not _ABOUT_PEOPLE.search(f"{previous} {q}"):
        # "And the special one?" after "What was the annual dividend?": the special dividend;
        # "the AIDC one" after "Cloud's EBITDA margin": AIDC's EBITDA margin; "the operating
        # one" after "the gross margin": the operating margin (a metric word replaces its kind).
        modifier = q[: one.start("one")].split()[-1]
        if modifier.lower() in METRIC_WORDS:
            metric = metric[-1:]
        return q[: one.start("one")] + " ".join(metric) + q[one.end("one") :]

    topic = _topic(previous, q, exclude=speakers)
    referent = _answer_referent(previous, last_answer, speakers) or topic

    what_about = _WHAT_ABOUT.match(q)
    if what_about:
        # ("What about GAAP net income, and what drove the jump?": the swap, then its own ask)
        x, *rest = _AND_ASKS.split(what_about.group("x"), maxsplit=1)
        more = rest[0] if rest else ""
        x = THING_PRONOUN.sub("", x).strip() or x
        swapped = _swap_subject(previous, x)
        return f"{swapped.rstrip(' ?')}, and {more.strip(' ?')}?" if more else swapped

    if not topic and not referent:
        return q
    thing = THING_PRONOUN.search(q)
    if thing and (cleft := _CLEFT_IT.match(q, thing.start())):
        # ("Was it Jiang Fan who walked Alicia Yap through ...?": "it" points at no thing)
        thing = THING_PRONOUN.search(q, cleft.end())
    if thing and thing.group(1).lower() == "they" and _THEY_SAID.match(q, thing.end()):
        # "did they talk about 618?": "they" are the people speaking, no topic; a pronoun
        # after it may be ("did they commit to any numbers for it?")
        thing = _IT.search(q, thing.end())
    plural = thing and thing.group(1).lower() in ("they", "them", "their", "theirs")
    if thing and (out_of := OUT_OF_THEM.search(q)) and out_of.start("them") == thing.start():
        thing = None  # ("did he get a number out of them?": management, no thing)
    if plural and thing and _PEOPLE_BEFORE.search(q[: thing.start()]):
        thing = None  # "What did management say is their top priority ...": management's
    # ("did he give any numbers on how it's going?": who gave what, the person just put in
    # for "he" included, is no subject "it" could point at)
    before = ASKS_DISCLOSURE.sub(" ", q[: thing.start()]) if thing else ""
    if thing and not _names_own_subject(_DISCLOSED.sub(" ", before)):
        form = _thing_form(thing.group(1), referent)
        return q[: thing.start(1)] + form + q[thing.end(1) :]
    demo = _DEMONSTRATIVE.search(q)
    if demo:
        g = 1 if demo.group(1) else 2
        return q[: demo.start(g)] + referent + q[demo.end(g) :]
    noun = _DEMONSTRATIVE_NOUN.search(q)
    if noun and _DESCRIBED.match(q, noun.end()):
        return q
    if noun:  # "How many models does that series include?" -> "... Qwen3 series ..."
        if noun.group("noun").lower() in _BUSINESS_NOUNS:
            # ("that unit" after "Will the food-delivery push hurt Taobao and Tmall's
            # profits?": the business the topic names, not what happened to it)
            names = [
                n.removesuffix("'s").removesuffix("’s")
                for n in re.findall(r"\b(?-i:[A-Z])[\w.&'’-]*", referent)
            ]
            names = [n for n in names if names_a_business(n)]
            referent = " ".join(names) or referent
        return q[: noun.start()] + referent + " " + noun.group("noun") + q[noun.end() :]
    # Metrics, predicates and times name no subject ("Did the margin go up or down versus
    # the previous quarter?").
    # (read in the calls' words: "Why was the top line down though?" names revenue, no subject)
    plain = q
    for phrase, call_words in en_synonyms(q):
        if all(t in METRIC_STEMS or t in RELATIVE_STEMS for t in content_terms(call_words)):
            plain = plain.replace(phrase, call_words)
    own = [
        t
        for t in content_terms(_FILLER.sub(" ", plain))
        if t not in METRIC_STEMS and t not in RELATIVE_STEMS
    ]
    if _LEAD_CONNECTIVE.match(q) or not own:
        # No subject of its own ("Why did margin fall?"): carry the topic in.
        body = _LEAD_CONNECTIVE.sub("", q).rstrip(" ?.!")
        if not body:
            return previous
        if not content_terms(body):  # "Why?" -> "Why: Did free cash flow decline?"
            return f"{body}: {previous.strip()}"
        return f"{body} ({topic or referent})?"
    return q


# Words of speech that ask nothing: "Why was it down though?", "What was it again?"
_FILLER = re.compile(r"\b(?:though|again|anyway|exactly|really|then|actually)\b", re.IGNORECASE)


# People a later "they"/"their" in the same question points back to.
_PEOPLE_BEFORE = re.compile(
    r"\b(?:management|executives?|the company|the team|leadership|the board|the ceo|the cfo"
    r"|the chairman)\b",
    re.IGNORECASE,
)


_SENTENCE_END = re.compile(r"(?<=[.!;])\s+(?=\S)")


def _says_it_first(q: str) -> bool:
    """A message that states something, then asks about it ("Somebody said Taobao takes a
    smaller cut than other platforms. Who said that?"): a first sentence with a subject of
    its own (three content words or more: not "Thanks." or "Got it."), then a question."""
    parts = _SENTENCE_END.split(q.strip(), maxsplit=1)
    if len(parts) < 2:
        return False
    statement, asked = parts
    return "?" in asked and len(content_terms(statement)) >= 3 and _names_own_subject(statement)


def _names_own_subject(text: str) -> bool:
    """`text` names something other than metrics, predicates and times: a pronoun after it
    points back within the question ("the $2/ADS of dividends into its components")."""
    return any(t not in METRIC_STEMS and t not in RELATIVE_STEMS for t in content_terms(text))


def _stands_alone(q: str) -> bool:
    """An English question that points back at nothing and names a subject of its own (not
    only metrics, predicates and times): "How big is the premium loyalty club now?", not
    "And the margin?" or "Why did it fall?"."""
    if _LEAD_CONNECTIVE.match(q) or _ONE.search(q) or _WHAT_ABOUT.match(q):
        return False
    thing = THING_PRONOUN.search(q)
    if thing and not _names_own_subject(q[: thing.start()]):
        return False
    if _PERSON_PRONOUN.search(q) or _DEMONSTRATIVE.search(q):
        return False
    return _names_own_subject(q)


def _last_metric(previous: str) -> list[str]:
    """The last run of metric words in the earlier question ("EBITDA margin", "revenue
    growth", "dividend"), verbs left out."""
    runs: list[list[str]] = [[]]
    for word in re.findall(r"[A-Za-z][A-Za-z-]*", previous):
        low = word.lower()
        if low in METRIC_WORDS and low not in _METRIC_VERBS:
            runs[-1].append(word if word.isupper() else low)
        elif runs[-1]:
            runs.append([])
    return next((r for r in reversed(runs) if r), [])


def _resolve_zh(
    q: str,
    previous: str,
    last_answer: str | None = None,
    speakers: Sequence[str] = (),
    analysts: Collection[str] = (),
) -> str:
    """Chinese: a question with a back-reference, or without a subject the glossary knows,
    is asked in the context of the previous question. "他/她" is the person the last answer
    (or question) named; a question with a subject of its own then needs nothing more
    ("他对淘天EBITDA走势怎么表态?")."""
    if (
        not is_chinese(previous)
        and (swap := _ZH_WHAT_ABOUT.match(q))
        and _another_subject(swap.group("x"), speakers)
    ):
        # ("那AIDC呢?" after "For the cloud unit: top-line growth, profit growth ...?": the
        # English question about AIDC; a context of the English question's words run
        # together would lose which subject is asked)
        return _swap_subject(previous, swap.group("x"))
    pronoun = _ZH_PERSON.search(q)
    if not pronoun and not _ZH_THING.search(q) and names_an_exchange(q):
        return q  # ("首位提问的分析师是谁?": that exchange, whatever was asked before)
    person = pronoun and _person(previous, last_answer, speakers, _asker_or_speaker(q, analysts), q)
    if pronoun and person:
        q = q[: pronoun.start()] + person + q[pronoun.end() :]
        if _zh_subject(q) and not _ZH_FOLLOWUP.search(q):
            return q
    if _ZH_ITSELF.search(q):
        return q  # ("那618本身今年有啥变化?" after 618 and instant commerce: 618 alone)
    if _ZH_FOLLOWUP.search(q) or len(content_terms(q)) <= 2 or not _zh_subject(q):
        context = _zh_context(previous, q)
        if context:
            return f"{context}：{q}"
        if _zh_subject(q) and not _points_back_zh(q):
            # "那他怎么解释一到三月的增长节奏?春节后的需求激增能代表常态吗?": a subject of
            # its own and nothing pointing at the earlier one's ("它", "这个").
            return q
        # No subject the glossary knows: the whole earlier question is the context, joined
        # by a comma, not a question mark, so it is not a second question to answer.
        return f"{previous.strip().rstrip('?？')}，{q}"
    return q


# "618本身", "AIDC本身": a subject named as itself, apart from what the earlier question tied
# it to. (Names in Latin letters or digits only: "这个亏损本身" is the earlier subject's.)
_ZH_ITSELF = re.compile(r"[A-Za-z0-9]\s*本身")


# "那AIDC呢?", "AIDC呢": another subject, named in Latin letters, for the same question.
_ZH_WHAT_ABOUT = re.compile(
    r"^\s*(?:那么?|还有|那)?\s*(?P<x>[A-Za-z][A-Za-z0-9&.' -]{1,40}?)\s*(?:的)?"
    r"(?:呢|怎么样|如何)\s*[?？]?\s*$"
)


# A quarter, half or fiscal year written as a code ("Q4", "4Q", "FY26", "H1"): a period.
_PERIOD_CODE = re.compile(r"(?:Q[1-4]|[1-4]Q|FY|CY|H[12])\s*['’]?\d*|\d+")


def _business_acronym(code: str) -> bool:
    """An acronym that may name a business ("AIDC"): capitals, three letters or more, no
    standard code or metric ("ROI", "EBITDA", "CMR" spelled as customer management revenue),
    no period ("FY26")."""
    return (
        code.isupper()
        and len(code) >= 3
        and code not in STANDARD_CODES
        and not _PERIOD_CODE.fullmatch(code)
        and not set(content_terms(code)) & METRIC_WORDS
    )


def _another_subject(name: str, speakers: Sequence[str]) -> bool:
    """ "AIDC", "Cainiao" in "那X呢?": a business or product, not a person ("那Eddie呢?"), a
    period ("那Q4呢?", "FY26"), a standard code ("ROI") or a metric ("EBITDA")."""
    words = name.split()
    return (
        bool(words)
        and all(w[:1].isupper() for w in words)
        and not any(w.lower() in s.lower().split() for s in speakers for w in words)
        and not _PERIOD_CODE.fullmatch(name.strip())
        and name.strip().upper() not in STANDARD_CODES
        and not set(content_terms(name)) & METRIC_WORDS
    )


def _points_back_zh(q: str) -> bool:
    """'它', '这个' point at the earlier question's subject; not a 这块 / 该 before a subject
    of the question's own ("那这块国际电商业务什么时候盈利?": "this international e-commerce
    business", which the question names)."""
    starts = {a: GLOSSARY[zh] for a, _, zh in zh_term_spans(q)}
    return any(
        not (
            (english := starts.get(m.end()))
            and set(content_terms(english)) - _NOT_SUBJECT - _BUSINESS_WORDS
            and m.group(0) not in ("它", "其")
        )
        # (nor one after a sentence of the question's own that names its subject: "有文章称,
        # 追问阿里云增速的是摩根士丹利的分析师。该说法是否准确?" checks that claim)
        # (or a question of its own: "...是哪位分析师就饿了么一事提问?其所属机构为何?")
        and not (re.search(r"[。！!；;？?]", q[: m.start()]) and _zh_subject(q[: m.start()]))
        for m in _ZH_THING.finditer(q)
    )


def _zh_context(previous: str, q: str) -> str:
    """The earlier question's subject in its own Chinese words ("阿里云这个季度收入增速多少?"
    -> "阿里云"): its glossary terms that name a subject, unless the follow-up names a
    business of its own ("菜鸟呢?"), and its metric words ("收入", "增速") when the
    follow-up names no metric of its own; never a bare predicate ("增长")."""
    asked = set(content_terms(f"{q} {glossary_expansion(q)}"))
    has_metric = bool(asked & METRIC_WORDS)
    # A business of its own replaces the earlier one ("菜鸟呢?"); a narrower subject
    # ("那AI相关产品的收入呢?") is read within it.
    # ... and so does a role of its own ("CEO怎么看AI?" -> "那CFO呢?").
    has_subject = (
        any(english[:1].isupper() for _, english in zh_terms(q))
        or bool(set(_zh_subject(q)) & _BUSINESS_WORDS)
        or any(w.upper() in ROLE_ACRONYMS for w in _LATIN.findall(q))
        # (a business by its acronym, "那AIDC呢?"; not a standard code: "ROI呢?", "GMV呢?")
        or any(_business_acronym(w) for w in _LATIN.findall(q))
    )
    # A follow-up naming the earlier subject again asks about all of it ("阿里云里AI相关产品的
    # 收入增长?" -> "那整个财年下来云收入增长怎么样?": the cloud's, not its AI products'): it
    # names its subject, and the earlier question's narrower words stay behind.
    # (only a business the earlier question names, not any word: "那会员数量呢?" after
    # 淘宝天猫's membership spending is still about 淘宝天猫)
    subject_asked = asked - _NOT_SUBJECT
    restates = any(
        english[:1].isupper() and set(content_terms(english)) & subject_asked
        for _, english in zh_terms(previous)
    )
    kept: list[str] = []
    for zh, english in zh_terms(previous):
        terms = set(content_terms(english))
        if not terms or terms <= asked or terms <= PREDICATE_WORDS:
            continue
        metric = terms <= (METRIC_WORDS | PREDICATE_WORDS)
        if metric and has_metric:
            continue
        if not metric and (has_subject or terms <= _NOT_SUBJECT):
            continue
        if not metric and restates and not english[:1].isupper():
            continue  # (the business itself stays)
        kept.append(zh)
    # Latin names and acronyms of the earlier question ("AIDC", "CMR", "88VIP"), which the
    # glossary does not list, are its subject too.
    for word in _LATIN.findall(previous):
        terms = set(content_terms(word))
        if not terms or terms <= asked or (terms <= METRIC_WORDS and has_metric):
            continue
        if not terms <= METRIC_WORDS and (
            has_subject or (restates and not _business_acronym(word))
        ):
            continue
        kept.append(word)
    out = ""
    kept.sort(key=previous.find)  # in the earlier question's order
    for piece in kept:  # Chinese pieces run together; Latin words keep a space between them
        if out[-1:].isascii() and out[-1:].isalnum() and piece[0].isascii():
            out += " "
        out += piece
    return out


_LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9&.-]*[A-Za-z][A-Za-z0-9]*")


_BUSINESS_WORDS = frozenset(("group", "business", "segment", "unit", "division", "company"))
# ... and what "that <noun>" may call a business ("that arm")
_BUSINESS_NOUNS = _BUSINESS_WORDS | {"arm"}
_GENERIC = _BUSINESS_WORDS | {"arm", "side", "part", "quarter", "year", "fiscal", "three", "all"}
_NOT_SUBJECT = (
    METRIC_WORDS
    | PREDICATE_WORDS
    | {
        "factor",
        "quarter",
        "fiscal",
        "year",
        "main",
        "mainly",
        "primarily",
        "driver",
        # (how something went is no subject: "试水效果" ~ "trial results")
        "trial",
        "attempt",
        "pilot",
        "result",
        "outcome",
        "effect",
    }
)


def _zh_subject(q: str) -> list[str]:
    """Glossary terms of a Chinese question that name a subject (not a metric or a verb)."""
    return [t for t in content_terms(glossary_expansion(q)) if t not in _NOT_SUBJECT]


# "they talk", "they also said": the pronoun is who speaks.
_THEY_SAID = re.compile(
    rf"\s+(?:also\s+|\w+ly\s+)?(?:{SAID_VERB.pattern}"
    # ("did they name any customer win?", "did they give / share any numbers?": what they
    # told, not "do they give higher margins?")
    r"|\b(?:name|named|cite|cited|give|gave|share|shared|disclose|disclosed|highlight|commit\s+to"
    r"|highlighted|provide|provided)\s+(?:any|some|a|an|the|specific)?\s*(?:[\w-]+\s+){0,3}?"
    r"(?:numbers?|figures?|details?|guidance|examples?|names?|customers?|wins?|data|colou?r"
    r"|targets?)\b|\bpoint(?:ed)?\s+to\b)",
    re.IGNORECASE,
)
_ZH_PERSON = re.compile(r"(?<!其)[他她](?!们)")  # (not 其他 "other", not 他们 "they")
# What points at a thing (not 其他 "other", 其中 "among them", 尤其 "especially", 其实 "in fact").
_ZH_THING = re.compile(r"它|(?<!尤)其(?![他中实次])|该|这个|那个|这[项块些]|那[项块些]")
# What a person did in the follow-up: asked (an analyst) or said (an executive). The verb,
# not the noun: "what did he think about her question" is the executive's answer.
_ASKED_VERB = re.compile(r"\b(?:ask|asks|asked|asking|questioned)\b|问(?!题|答)", re.I)


def _asker_or_speaker(q: str, analysts: Collection[str]) -> Callable[[str], bool] | None:
    """Which named people the follow-up's 'he/she' can be, from its verb (None: anyone)."""
    if not analysts:
        return None
    if _ASKED_VERB.search(q) or OUT_OF_THEM.search(q):  # (he tried to get it out of them)
        return lambda name: name in analysts
    if SAID_VERB.search(q) or ZH_SAID_VERB.search(q) or ASKS_DISCLOSURE.search(q):
        return lambda name: name not in analysts
    return None


# What is given or withheld ("any numbers on how it's going"): no subject of its own.
_DISCLOSED = re.compile(
    r"\b(?:any|numbers?|figures?|details?|data|specifics?|colou?r|update|metrics?|targets?"
    r"|guidance|stats?)\b",
    re.I,
)


def _sized_noun(previous: str, q: str, speakers: Sequence[str]) -> list[str]:
    """The noun "the bigger ones" means: the plural noun a size word qualified in the
    previous question ("small Qwen models running on phones" -> "models"), else its topic's
    last plural noun that can be bigger or smaller ("models", not "growth" or "UBS")."""
    if qualified := _SIZE_QUALIFIED.search(previous):
        return [qualified.group("noun")]
    words = _topic(previous, q, exclude=speakers).split()
    return [w for w in words if re.fullmatch(r"[a-z]{3,}s", w) and w not in METRIC_WORDS][-1:]


def _person(
    previous: str,
    last_answer: str | None,
    speakers: Sequence[str],
    fits: Callable[[str], bool] | None = None,
    q: str = "",
) -> str | None:
    """The person 'he/she' most likely means: named in the last answer, else the last question
    (the first named there who `fits` the follow-up's verb, if any does; of several, the one
    whose words there the follow-up repeats most: "when he took the AI part" after "Eddie Wu
    answered the cloud part and Jiang Fan took the part on AI" is Jiang Fan)."""
    asked = set(content_terms(q))
    for text in (last_answer or "", previous):
        text = romanise_names(text, speakers)  # ("蒋凡提到的 ..." names Jiang Fan)
        low = text.lower()
        named = [s for s in speakers if s and s.lower() in low]
        if fits and any(fits(s) for s in named):
            named = [s for s in named if fits(s)]
        if named:
            named.sort(key=lambda s: low.index(s.lower()))
            starts = [low.index(s.lower()) for s in named] + [len(text)]
            said = [
                set(content_terms(text[a:b])) & asked
                for a, b in zip(starts, starts[1:], strict=False)
            ]
            best = max(range(len(named)), key=lambda i: (len(said[i]), -i))
            return named[best]
    if last_answer:
        m = _NAMED_SPEAKER.search(last_answer)
        if m:
            return m.group(1)
    return None


_UNITS = frozenset({"RMB", "USD", "HKD", "CNY", "US", "HK", "ADS", "ADSS"})
_CURRENCY_NEXT = re.compile(r"\$|\s?\d")  # a code followed by "$" or an amount


def _answer_referent(previous: str, last_answer: str | None, speakers: Sequence[str]) -> str | None:
    """When the previous question asked for a thing, the name its answer gave (e.g. 'Qwen3')."""
    if not last_answer or not _ASKS_FOR_THING.match(previous):
        return None
    prev_low = previous.lower()
    speaker_parts = {p.lower() for s in speakers for p in s.split()}
    for m in _NAME_LIKE.finditer(last_answer):
        word = m.group(0)
        if _CURRENCY_NEXT.match(last_answer, m.end()) or word in _UNITS:
            continue  # "US$0.95", "RMB 12 billion", "EUR5bn": a currency, not a name
        if word.lower() not in prev_low and word.lower() not in speaker_parts:
            return word
    return None


def _topic(previous: str, follow_up: str, exclude: Sequence[str] = ()) -> str:
    """The previous question's subject words (its metric words too, unless the follow-up has one).

    Kept in their original surface form and order, e.g. "How fast did cloud grow?" -> "cloud".
    """
    follow_terms = set(content_terms(follow_up))
    # (a change is no metric of its own: "what drove that increase?" after "consolidated
    # adjusted EBITDA" is that EBITDA's increase)
    has_metric = any(t in METRIC_WORDS and t not in _CHANGES for t in follow_terms)
    # A metric in other words is that metric ("the top line" is revenue, replaced by the
    # follow-up's "adj. EBITDA"), and "this quarter" is when, not what.
    for phrase, call_words in en_synonyms(previous) if has_metric else []:
        if set(content_terms(call_words)) <= METRIC_WORDS:
            previous = previous.replace(phrase, call_words)
    previous = re.sub(
        r"\b(?:this|last|next|that)\s+(?:quarter|year|month|week)(?:['’]s)?\b",
        " ",
        previous,
        flags=re.I,
    )
    # A bare "margin" is the margin of the earlier profit measure: "the margin" after "Cloud's
    # adjusted EBITDA growth" is the adjusted EBITDA margin, so those words stay in.
    margin_of = bool(follow_terms & METRIC_WORDS) and follow_terms & METRIC_WORDS <= _MARGIN
    excluded = {p.lower() for s in exclude for p in s.split()}
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9&.'’-]*[A-Za-z0-9]|[A-Za-z]", previous)
    kept: list[str] = []
    for i, word in enumerate(words):
        low = word.lower().rstrip(".")
        if low in STOPWORDS or low.removesuffix("'s") in STOPWORDS or low in excluded:
            continue
        s = stem(word)
        if s in STOPWORDS or s in follow_terms or low in PREDICATE_WORDS:
            continue
        carried = margin_of and s in _PROFIT_MEASURES
        if s in METRIC_WORDS and (has_metric or _is_verb_position(words, i)) and not carried:
            continue
        if i == 0 and word[0].isupper() and s in _QUESTION_VERBS:
            continue
        kept.append(word.removesuffix("'s").removesuffix("’s"))
    return " ".join(kept)


_CHANGES = frozenset(content_terms("growth grow grew increase decrease rise fall decline"))
_MARGIN = frozenset(content_terms("margin margins"))
# (Not "profit": "profitability" stems to it, and "the margin" after "cloud profitability"
# is no "profitability margin".)
_PROFIT_MEASURES = frozenset(content_terms("ebitda ebita adjusted operating gross net"))
_QUESTION_VERBS = frozenset({"list", "give", "show", "summarize", "summarise", "name", "describe"})


def _is_verb_position(words: list[str], i: int) -> bool:
    """'grow' in 'did cloud grow' is the predicate, not part of the subject."""
    return i == len(words) - 1 and words[i].lower() in {"grow", "grew", "rise", "fall", "change"}


# A run of metric words ("adjusted EBITDA", "free cash flow", "non-GAAP net income").
_METRIC_RUN = re.compile(
    r"\b(?:(?:non-)?gaap|adjusted|adj\.?|free|net|operating|gross|total|cash|flow|income|"
    r"revenue|revenues|ebitda|ebita|margin|margins|profit|profits|earnings|ebit|capex|"
    r"expenses?|sales)(?:\s+(?:(?:non-)?gaap|adjusted|adj\.?|free|net|operating|gross|total"
    r"|cash|flow|income|revenue|revenues|ebitda|ebita|margin|margins|profit|profits|earnings"
    r"|ebit|capex|expenses?|sales))*\b",
    re.IGNORECASE,
)


def _swap_subject(previous: str, new_subject: str) -> str:
    """'How fast did cloud grow?' + 'what about AIDC' -> 'How fast did AIDC grow?'."""
    topic = _topic(previous, "")
    metric_free = [w for w in topic.split() if stem(w) not in METRIC_WORDS]
    new_terms = content_terms(new_subject)
    if new_terms and (
        all(t in METRIC_WORDS or t in PREDICATE_WORDS for t in new_terms)
        or _METRIC_RUN.fullmatch(new_subject.strip())  # ("free cash flow")
    ):
        # "what about margins?" keeps the subject and changes the metric: in place of the
        # previous question's own metric when it names one ("What was group adjusted EBITDA
        # in the March quarter?" + "GAAP net income" -> "What was group GAAP net income ...").
        runs = list(_METRIC_RUN.finditer(previous))
        if runs:
            run = max(runs, key=lambda m: len(m.group(0)))
            return previous[: run.start()] + new_subject.strip() + previous[run.end() :]
        subject = " ".join(metric_free) or topic
        return f"What about {subject} {new_subject.strip()}?"
    if metric_free:
        pattern = r"\s+".join(re.escape(w) for w in metric_free)
        swapped, n = re.subn(pattern + r"(?:['’]s)?", new_subject.strip(), previous, count=1)
        if n:
            return swapped
    if name := _named_subject(previous):
        # "How much revenue did Taobao and Tmall Group bring in?" + "for AIDC?"
        return previous[: name.start()] + new_subject.strip() + previous[name.end() :]
    # Else the longest run of the topic's words that are no metric (and not all generic) that
    # the question has ("For the cloud unit: top-line growth, profit growth ...": "cloud
    # unit").
    plain_runs: list[list[str]] = [[]]
    for w in topic.split():
        if stem(w) in METRIC_WORDS:
            plain_runs.append([])
        else:
            plain_runs[-1].append(w)
    spans = sorted(
        (r[i:j] for r in plain_runs for i in range(len(r)) for j in range(i + 1, len(r) + 1)),
        key=len,
        reverse=True,
    )
    for words in spans:
        if all(w.lower() in STOPWORDS or w.lower() in _GENERIC for w in words):
            continue  # ("the group's cloud arm": the subject is not "group")
        pattern = r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words) + r"(?:['’]s)?(?![\w-])"
        swapped, n = re.subn(pattern, new_subject.strip(), previous, count=1)
        if n:
            return swapped
    return f"{previous.rstrip(' ?')} ({new_subject.strip()})?"


_CAPITALISED_NAME = re.compile(r"\b[A-Z][\w.&'’-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w.&'’-]*)*")


def _named_subject(question: str) -> re.Match[str] | None:
    """The longest run of capitalised words past the first word that is no metric or
    standard code ("Taobao and Tmall Group", not "EBITDA" or "AI")."""
    names = [
        m
        for m in _CAPITALISED_NAME.finditer(question)
        if m.start() > 0
        and not set(content_terms(m.group(0))) <= METRIC_STEMS
        and m.group(0) not in STANDARD_CODES
    ]
    return max(names, key=lambda m: len(m.group(0)), default=None)


def _thing_form(pronoun: str, topic: str) -> str:
    return f"{topic}'s" if pronoun.lower() in ("its", "their", "theirs") else topic


def _person_form(pronoun: str, person: str) -> str:
    return f"{person}'s" if pronoun.lower() in ("his", "hers") else person
