"""A speaker's remarks with no topic named: "What did Jiang Fan say?".

Such a question has no terms to score sentences by, so it is answered with an outline: how
often and where the speaker spoke, whose questions they answered, and the first substantive
sentence of each of their turns.
"""

from __future__ import annotations

import re

from chain.ask import Ask
from chain.compose import MAX_QUOTES, SECTION_NAMES, compose
from chain.draft import Corpus, Draft
from chain.turns import (
    EN_COUNTS,
    ZH_COUNTS,
    join_names,
    opening_sentence,
    question_sentences,
)
from ingest.models import Chunk

_ABOUT_IT = re.compile(r"\b(?:about|on|regarding)\s+(?:it|that|this|them|those|these)\b", re.I)


# "How many times did Jiang Fan speak?", "蒋凡发言了几次?": the outline says it.
_HOW_OFTEN_SPOKE = re.compile(
    r"\bhow\s+(?:many\s+times|often)\b.*\b(?:speak|spoke|talk|take\s+the\s+floor|answer)"
    r"|(?:发言|讲话|回答|说话)(?:了|过)?(?:几|多少)次|(?:发言|讲话)(?:的)?次数",
    re.IGNORECASE,
)


def asks_overview(ask: Ask) -> bool:
    """'What did Jiang Fan say?', 'Summarize what Eddie Wu said.', 'How many times did he
    speak?': one speaker, no topic."""
    if ask.kind == "content" and len(ask.speakers) == 1 and _HOW_OFTEN_SPOKE.search(ask.text):
        return True
    operator = not ask.speakers and ask.key_terms == ("operator",)  # (the host has no name)
    return (
        not _ABOUT_IT.search(ask.text)  # ("what did he say about it?": a topic, unresolved)
        and ask.kind == "content"
        and (len(ask.speakers) == 1 or operator)
        and not ((ask.key_terms and not operator) or ask.alt_terms or ask.entities)
        and ask.exchange is None
    )


def answer_overview(ask: Ask, corpus: Corpus) -> Draft | None:
    """How often and where the speaker spoke, whose questions they answered, and the first
    substantive sentence of each of their turns (up to four): an outline to ask on from.
    None when they did not speak (in the section asked about)."""
    name = ask.speakers[0] if ask.speakers else ""
    turns: dict[tuple[str, int], list[Chunk]] = {}
    for c in corpus.chunks():
        if (c.speaker == name or (not name and c.role == "operator")) and ask.section in (
            None,
            c.section,
        ):
            turns.setdefault((c.call_id, c.turn_index), []).append(c)
    lang = "zh" if ask.answers_zh else "en"
    quotes = [
        q
        for turn in turns.values()
        for q in (
            question_sentences(turn, lang, limit=1)
            if turn[0].role == "analyst"
            else [opening_sentence(turn, lang)]
        )
        if q
    ]
    if not quotes:
        return None
    sections = list(dict.fromkeys(c.section for turn in turns.values() for c in turn))
    where = [SECTION_NAMES.get(s, (s, s))[1 if ask.answers_zh else 0] for s in sections]
    asked = list(dict.fromkeys(t[0].asked_by for t in turns.values() if t[0].asked_by))
    n = len(turns)
    name = name or ("主持人" if ask.answers_zh else "The operator")
    if next(iter(turns.values()))[0].role in ("ir", "operator"):
        # (a host's short procedural turns, "Next question, please.", are not indexed: no count)
        places = "、".join(where) if ask.answers_zh else " and ".join(where)
        lead = f"{name}在{places}的发言：" if ask.answers_zh else f"{name}'s remarks, in {places}: "
    elif ask.answers_zh:
        # (a count in words: it is of the turns cited, no figure the transcript states)
        places = "、".join(where) if len(where) > 1 else f"{'均' if n > 1 else ''}在{where[0]}"
        lead = f"{name}共发言{ZH_COUNTS[n - 1] if n <= 10 else n}次，{places}"
        lead += f"，回答了{join_names(asked, True)}的提问。" if asked else "。"
    else:
        times = {1: "once", 2: "twice"}.get(n) or (
            f"{EN_COUNTS[n - 1]} times" if n <= 10 else f"{n} times"
        )
        lead = f"{name} spoke {times}, {'all ' if n > 1 and len(where) == 1 else ''}in "
        lead += " and ".join(where)
        lead += f", answering {join_names(asked, False)}. " if asked else ". "
    return Draft(text=lead + compose(quotes[: MAX_QUOTES + 1], ask.answers_zh),
                 quotes=quotes[: MAX_QUOTES + 1], support=1.0)  # fmt: skip
