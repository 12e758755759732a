"""Follow-up questions -> standalone questions, before retrieval.

LLM mode asks the model (prompts/condense.txt). Offline mode resolves the subject by rule:
a question that leans on the conversation (a pronoun, "what about X", "and ...", or no
subject of its own) gets the previous question's topic words carried into it; "he/she"
resolves to the speaker the previous answer named. Nothing here is tuned to one call.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from callqa.settings import Settings
from chain.llm import chat, fill, load_prompt, messages
from chain.text import METRIC_WORDS, PREDICATE_WORDS, STOPWORDS, content_terms, is_chinese, stem
from chain.types import Message

MAX_HISTORY_TURNS = 6

_THING_PRONOUN = re.compile(r"\b(its|it|they|them|their|theirs)\b", re.IGNORECASE)
_PERSON_PRONOUN = re.compile(r"\b(he|she|him|his|her|hers)\b", re.IGNORECASE)
# "that/this" standing alone: at the end, or right after a leading auxiliary ("Is that ...").
_DEMONSTRATIVE = re.compile(
    r"\b(that|this|those|these)\s*[?.!]*\s*$"
    r"|^(?:\s*(?:and|so|but)\s+)?(?:is|was|are|were|will|would|does|did|do|can|could|has|has|have)"
    r"\s+(that|this|those|these)\b",
    re.IGNORECASE,
)
_WHAT_ABOUT = re.compile(
    r"^\s*(?:and\s+|but\s+|so\s+)?(?:what|how)\s+about\s+(?P<x>.+?)\s*[?.!]*\s*$", re.IGNORECASE
)
_LEAD_CONNECTIVE = re.compile(r"^\s*(?:and|also|then|so|but|ok(?:ay)?|and then)\b[,\s]*", re.I)
_ZH_FOLLOWUP = re.compile(r"[它其他她]|那么?|这个|那个|该|呢[？?]?\s*$|还有|此外|另外")
# "Toby Xu (CFO)" / "Alex Zhou (J.P. Morgan)" at the head of an offline answer.
_NAMED_SPEAKER = re.compile(r"([A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})\s*[（(]")


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


def condense_offline(question: str, history: Sequence[Message]) -> str:
    """Resolve a follow-up against the conversation by rule (see module docstring)."""
    users = [m.content for m in history if m.role == "user" and m.content.strip()]
    if not users:
        return question
    # Resolve the earlier questions first, so a chain of follow-ups keeps its subject.
    previous = users[0]
    for later in users[1:]:
        previous = _resolve(later, previous, None)
    last_answer = next((m.content for m in reversed(history) if m.role == "assistant"), None)
    return _resolve(question, previous, last_answer)


def _resolve(question: str, previous: str, last_answer: str | None) -> str:
    q = question.strip()
    if is_chinese(q) or is_chinese(previous):
        return _resolve_zh(q, previous)

    person = _named_speaker(last_answer) if last_answer else None
    if person and _PERSON_PRONOUN.search(q):
        q = _PERSON_PRONOUN.sub(lambda m: _person_form(m.group(1), person), q, count=1)

    what_about = _WHAT_ABOUT.match(q)
    if what_about:
        return _swap_subject(previous, what_about.group("x"))

    topic = _topic(previous, q)
    if not topic:
        return q
    if _THING_PRONOUN.search(q):
        return _THING_PRONOUN.sub(lambda m: _thing_form(m.group(1), topic), q, count=1)
    demo = _DEMONSTRATIVE.search(q)
    if demo:
        g = 1 if demo.group(1) else 2
        return q[: demo.start(g)] + topic + q[demo.end(g) :]
    own = [t for t in content_terms(q) if t not in METRIC_WORDS and t not in PREDICATE_WORDS]
    if _LEAD_CONNECTIVE.match(q) or not own:
        # No subject of its own ("Why did margin fall?"): carry the topic in.
        body = _LEAD_CONNECTIVE.sub("", q).rstrip(" ?.!")
        if not body:
            return previous
        if not content_terms(body):  # "Why?" -> "Why: Did free cash flow decline?"
            return f"{body}: {previous.strip()}"
        return f"{body} ({topic})?"
    return q


def _resolve_zh(q: str, previous: str) -> str:
    if _ZH_FOLLOWUP.search(q) or len(content_terms(q)) <= 2:
        return f"{previous.rstrip()} {q}"
    return q


def _topic(previous: str, follow_up: str) -> str:
    """The previous question's subject words (its metric words too, unless the follow-up has one).

    Kept in their original surface form and order, e.g. "How fast did cloud grow?" -> "cloud".
    """
    follow_terms = set(content_terms(follow_up))
    has_metric = any(t in METRIC_WORDS for t in follow_terms)
    words = re.findall(r"[A-Za-z][A-Za-z0-9&.'’-]*[A-Za-z0-9]|[A-Za-z]", previous)
    kept: list[str] = []
    for i, word in enumerate(words):
        low = word.lower().rstrip(".")
        if low in STOPWORDS or low.removesuffix("'s") in STOPWORDS:
            continue
        s = stem(word)
        if s in STOPWORDS or s in follow_terms:
            continue
        if s in PREDICATE_WORDS or (
            s in METRIC_WORDS and (has_metric or _is_verb_position(words, i))
        ):
            continue
        if i == 0 and word[0].isupper() and s in _QUESTION_VERBS:
            continue
        kept.append(word.removesuffix("'s").removesuffix("’s"))
    return " ".join(kept)


_QUESTION_VERBS = frozenset({"list", "give", "show", "summarize", "summarise", "name", "describe"})


def _is_verb_position(words: list[str], i: int) -> bool:
    """'grow' in 'did cloud grow' is the predicate, not part of the subject."""
    return i == len(words) - 1 and words[i].lower() in {"grow", "grew", "rise", "fall", "change"}


def _swap_subject(previous: str, new_subject: str) -> str:
    """'How fast did cloud grow?' + 'what about AIDC' -> 'How fast did AIDC grow?'."""
    topic = _topic(previous, "")
    metric_free = [w for w in topic.split() if stem(w) not in METRIC_WORDS]
    new_terms = content_terms(new_subject)
    if new_terms and all(t in METRIC_WORDS or t in PREDICATE_WORDS for t in new_terms):
        # "what about margins?" keeps the subject and changes the metric.
        subject = " ".join(metric_free) or topic
        return f"What about {subject} {new_subject.strip()}?"
    if metric_free:
        pattern = r"\s+".join(re.escape(w) for w in metric_free)
        swapped, n = re.subn(pattern + r"(?:['’]s)?", new_subject.strip(), previous, count=1)
        if n:
            return swapped
    return f"{previous.rstrip(' ?')} ({new_subject.strip()})?"


def _thing_form(pronoun: str, topic: str) -> str:
    return f"{topic}'s" if pronoun.lower() in ("its", "their", "theirs") else topic


def _person_form(pronoun: str, person: str) -> str:
    return f"{person}'s" if pronoun.lower() in ("his", "hers") else person


def _named_speaker(answer_text: str) -> str | None:
    m = _NAMED_SPEAKER.search(answer_text)
    return m.group(1) if m else None
