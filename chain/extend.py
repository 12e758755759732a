"""Growing a quote to the sentences it needs to stand alone.

A quote that only announces a list ("We have three priorities."), points back ("That was
driven by ..."), gives a figure whose cause follows, or opens a remark is extended over the
neighbouring sentences of its own paragraph, so the pasted quote reads on its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from chain.ask import ASKS_NAME, Ask, squash
from chain.cite import find_numbers
from chain.draft import Quote, Scored
from chain.matching import semantic_match
from chain.text import (
    METRIC_WORDS,
    content_terms,
    is_chinese,
    sentence_spans,
    wordset,
)
from chain.turns import (
    sentence_size,
    takes_the_question,
)
from index.acronyms import STANDARD_TERMS
from index.glossary import zh_terms
from index.mandarin import simplified
from ingest.parse import POINTS_BACK

# "The results of that trial have vastly exceeded ...": about what the sentence before named.
OF_THAT = re.compile(
    r"^\W*(?:the|our|its)\s+[a-z]+\s+(?:of|from|in)\s+(?:that|this|these|those)\s+"
    r"(?!quarter|year|month|period|time)[a-z]+",
    re.IGNORECASE,
)


# How a transcript gives a reason; a "why" / "what drove" question prefers such a sentence.
_CAUSE = re.compile(
    r"\b(?:driven|fu(?:el|ell)ed|powered|propelled|boosted|supported|helped) by\b|\bdue to\b|"
    r"\bbecause\b|\bthanks to\b|\bbenefit(?:ed|ted|s)? from\b|\battribut(?:ed|able) to\b|"
    r"\bas a result of\b|\bresult(?:ed|s|ing)? from\b|\bowing to\b|\bon the back of\b|"
    r"\b(?:is|was|are|were) (?:the|a) (?:direct )?result of\b|\breflect(?:s|ed|ing)? the\b|"
    r"\bdemonstrat(?:es|ed) that\b|"
    r"\bweigh(?:ed|s|ing)? on\b|\boffset by\b|"
    r"\bcontribut(?:ed|ing|ion) (?:to|from)\b|\bled by\b|\bthe (?:main |key |primary )?"
    r"(?:reason|driver)s?\b|由于|因为|得益于|受益于|驱动|带动|推动",
    re.IGNORECASE,
)


# Questions that ask for names or things: the answer must name them.
_NAMES_ASKED = re.compile(
    r"^\s*(?:which|what|where|list|name)\b|\b(?:which|where)\b|\bwho\s+(?:is|are|was|were)\b"
    # ("Did they name any big customer win?", "did he mention any examples?": which ones)
    r"|\bname\s+(?:any|an?|some)\b|\b(?:mention|cite|give)\s+(?:any|an?|some)\s+(?:[\w-]+\s+)"
    r"{0,3}?(?:examples?|customers?|clients?|partners?|names?|wins?)\b"
    r"|哪些|哪家|哪个|哪里|什么|" + ASKS_NAME.pattern,  # ("what is it called?", "name of")
    re.I,
)


# Sentences that announce what follows: "two clear trends have emerged.", "as follows:".
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "several": 2, "a few": 2, "a number of": 2}


ANNOUNCES_COUNT = re.compile(
    r"\b(two|three|four|several|a few|a number of)\s+(?:[a-z-]+\s+){0,2}?"
    r"(?:trends|things|areas|points|factors|reasons|ways|aspects|priorities|drivers|changes"
    r"|developments|directions|parts|pillars|focuses|highlights|themes)\b[^.,;]*[.:]?\s*$",
    re.I,
)


_ANNOUNCES = re.compile(
    r"(?::|\bas follows\W*|\bthe following\W*|\bincluding\W*|\bsuch as\W*|：)\s*$"
    # "Now, let me quickly cover the safe harbor." announces the statement that follows.
    r"|\blet me\s+(?:\w+\s+)?(?:cover|go (?:through|over)|walk (?:you\s+)?through|run through"
    r"|read)\b[^.]{0,60}\.?\s*$",
    re.I,
)


# Capitalised words that are no names: sentence openers, pronouns, discourse words.
_PLAIN_CAPS = wordset(
    """
    i we our us you they this that these those the a an and but so in on at for of to as with
    by from it its also now then first second third finally overall looking
    """
)


MAX_LEAD_IN_EXTENSION = 2


def asks_for_names(ask: Ask) -> bool:
    """'Which businesses...', 'What is X and where...', '哪些行业': the answer names things."""
    return not ask.wants_number and bool(_NAMES_ASKED.search(ask.text))


def _words(text: str) -> set[str]:
    return {squash(w) for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9&.%-]*", text)}


def new_names(text: str, known: set[str]) -> set[str]:
    """Proper names / capitalised terms, codes and figures in `text` that `known` (the words
    of the question and of the quote so far, squashed) lacks."""
    out: set[str] = set()
    for k, m in enumerate(re.finditer(r"[A-Za-z0-9][A-Za-z0-9&-]*", text)):
        # ("CPU-based", "AI-driven": the capitalised head is the name, if any)
        word = re.sub(r"(?<=[A-Za-z0-9])-[a-z][a-z-]*$", "", m.group())
        flat = squash(word)
        if flat in _PLAIN_CAPS or flat in known:
            continue
        code = bool(re.search(r"\d", word)) or (len(word) > 1 and word.isupper())
        # A capitalised first word is a sentence opener ("What that did..."), not a name.
        if code or (word[0].isupper() and k > 0):
            out.add(flat)
    for num in find_numbers(text):
        if squash(num.surface) not in known:
            out.add(squash(num.surface))
    return out


def _names_in_chinese(text: str, ask: Ask) -> bool:
    """A Chinese sentence names something the question does not: a glossary name ("百炼" is
    Bai Lian) or a Latin code that is no standard term ("调用 API" names nothing)."""
    asked = simplified(ask.text)
    if any(en[:1].isupper() and zh not in asked for zh, en in zh_terms(text)):
        return True
    latin = new_names(re.sub(r"[\u3400-\u9fff]", " ", text), _words(ask.text))
    return any(n.isalpha() and n.upper() not in STANDARD_TERMS for n in latin)


def _names(text: str, known: set[str], ask: Ask) -> bool:
    return _names_in_chinese(text, ask) if is_chinese(text) else bool(new_names(text, known))


def _announced(text: str) -> int:
    """How many following sentences a lead-in announces (0 when it announces none)."""
    m = ANNOUNCES_COUNT.search(text)
    if m:
        return min(MAX_LEAD_IN_EXTENSION, _COUNT_WORDS[m.group(1).lower()])
    return 1 if _ANNOUNCES.search(text) else 0


def extend_lead_in(ask: Ask, quote: Quote) -> Quote:
    """A quote that only restates the question ("we are exiting non-core assets.") or announces
    a list ("two clear trends have emerged.") is extended over the next sentences of its passage
    that name the answer (at most `MAX_LEAD_IN_EXTENSION`), as one contiguous verbatim quote."""
    text = quote.chunk.text
    known = _words(ask.text)
    announced = _announced(quote.text)
    if not announced and _names(quote.text, known, ask):
        return quote
    known |= _words(quote.text)
    following = [(s, e) for s, e in sentence_spans(text) if s >= quote.end]
    end = quote.end
    for i, (s, e) in enumerate(following[:MAX_LEAD_IN_EXTENSION]):
        sentence = text[s:e]
        if i >= announced and not _names(sentence, known, ask):
            break
        end = e
        known |= _words(sentence)
    return replace(quote, end=end)


# Words that say a figure moved, not what moved it: shared with the next sentence they do not
# make it an explanation of the quote ("revenue grew" ... "Revenue from AIDC grew ...").
_MOTION = wordset(
    "grow increase decrease decline rise fall rmb us$ billion million percent year quarter "
    "revenue improve improvement"
)


_ANAPHOR = re.compile(r"^\W*(?:this|that|these|those|it|such)\b", re.I)
MAX_CAUSE_REACH = 2  # sentences after the quote that may give its cause


def next_in_paragraph(quote: Quote, n: int) -> list[tuple[int, int]]:
    """Up to `n` sentence spans after the quote in its passage, stopping at a line break (a
    new paragraph): where a quote may run on to."""
    text = quote.chunk.text
    out: list[tuple[int, int]] = []
    end = quote.end
    for s, e in sentence_spans(text):
        if s < quote.end:
            continue
        if len(out) >= n or "\n" in text[end:s]:
            break
        out.append((s, e))
        end = e
    return out


def gives_cause(quote: Quote) -> bool:
    """The sentence gives a reason, or the next ones of its paragraph give its reason ("The
    margin decreased 1.9 points." / "... higher depreciation also weighed on margins."): for
    a "why" question it is as much an answer as one saying "due to"."""
    return bool(_CAUSE.search(quote.text)) or extend_cause(quote).end > quote.end


def extend_cause(quote: Quote) -> Quote:
    """A reason question answered by a sentence whose cause the next sentences of the same
    paragraph explain is quoted together with them, as one verbatim span:
    - the quote names a cause and the next sentence explains that cause ("CMR grew 12%,
      driven by the improvement of take rate." / "Our take rate benefited from ..."): a word
      of the cause clause (not a motion word) appears before the next sentence's connective;
    - the quote names none and the next sentence gives it by reference ("Revenue rose 5%." /
      "This was driven by ...");
    - the quote names none and one of the next two sentences gives a cause for the quote's
      own metric and states no figure of its own ("The margin decreased 1.9 points." /
      "We increased investments ..." / "... higher depreciation also weighed on margins.")."""
    text = quote.chunk.text
    own = _CAUSE.search(quote.text)
    metrics = {t for t in content_terms(quote.text) if t in METRIC_WORDS}
    for k, (s, e) in enumerate(next_in_paragraph(quote, MAX_CAUSE_REACH)):
        sentence = text[s:e]
        connective = _CAUSE.search(sentence)
        if not connective:
            if find_numbers(sentence):
                break  # another fact, with figures of its own
            continue
        if k == 0 and own is None and _ANAPHOR.match(sentence):
            return replace(quote, end=e)
        if k == 0 and own is not None:
            cause = set(content_terms(quote.text[own.end() :])) - _MOTION
            subject = set(content_terms(sentence[: connective.start()]))
            return replace(quote, end=e) if cause & subject else quote
        if own is None and metrics & set(content_terms(sentence)) and not find_numbers(sentence):
            # (a sentence stating figures of its own is another fact, with its own cause)
            return replace(quote, end=e)
        break
    return quote


MAX_BACKED_WORDS = 90


# "They are not going to have much impact", "Although, yes, you can run those on a consumer
# card, ...": a pronoun early in the sentence whose noun is in the one before.
REFERS_TO_THE_LAST = re.compile(
    r"^\W*They\s+(?:are|were|will|would|could|can|have|had|may|might|should)\b"
    r"|^\W*(?:[\w'’-]+\W+){1,8}?(?:those|them)\b(?!\s+(?:who|which|that|of)\b)"
    # ("From a certain perspective, this is incremental budget": after a viewpoint opener)
    r"|^\W*(?i:from\s+(?:a|one|that|this)\s+(?:certain\s+)?(?:perspective|standpoint|angle)"
    r"|in\s+(?:a|one|some|that|this)\s+(?:certain\s+)?sense|in\s+other\s+words|to\s+(?:some|a"
    r"\s+certain)\s+extent|at\s+the\s+same\s+time)\s*,\s*(?:this|that|these)\s+(?:is|was|are"
    r"|were|means?|represents?)\b(?!\s+[A-Z])"
)


# "What that did is it allowed us ...": what it points at was said just before, even across
# a paragraph break (an interpreter's paragraphs break mid-thought).
_WHAT_THAT = re.compile(r"^\W*What\s+(?:that|this|these|those)\b")


def extend_back(quote: Quote) -> Quote:
    """A quote that begins by pointing back ("This increase reflects our buybacks") starts
    one sentence earlier in its paragraph, where what it points at is said: pasted into a
    note, "this increase" alone says nothing."""
    what_that = bool(_WHAT_THAT.match(quote.text))
    if not what_that and not any(
        p.match(quote.text) for p in (POINTS_BACK, REFERS_TO_THE_LAST, OF_THAT)
    ):
        return quote
    text = quote.chunk.text
    before = [(s, e) for s, e in sentence_spans(text) if e <= quote.start]
    if not before or ("\n" in text[before[-1][1] : quote.start] and not what_that):
        return quote
    start = before[-1][0]
    if sentence_size(text[start : quote.end]) > MAX_BACKED_WORDS:
        return quote
    return replace(quote, start=start)


# A sentence that carries the figure on: "Today, it could be 500-600 million consumers." /
# "Going forward, that could easily be 1 billion consumers."
_CARRIES_ON = re.compile(
    r"^\W*(?:[A-Za-z]+(?:\s+[a-z]+){0,2}\s*,\s*)?(?:[Tt]hat|[Tt]his|[Ii]t)\s+"
    r"(?:could|would|will|can|may|might|should|is|was|are|were|has|had|means?|represents?)\b"
)


def extend_figure(quote: Quote) -> Quote:
    """A figure quote runs on over the next sentence of its paragraph when that one refers
    back to it ("that could easily be ...") with a figure of the same kind: the two together
    are the answer (the market today, and where it is going)."""
    following = next_in_paragraph(quote, 1)
    if not following:
        return quote
    s, e = following[0]
    sentence = quote.chunk.text[s:e]
    kinds = {n.kind for n in find_numbers(quote.text)}
    if _CARRIES_ON.match(sentence) and {n.kind for n in find_numbers(sentence)} & kinds:
        return replace(quote, end=e)
    return quote


# A sentence that moves on to another point.
_MOVES_ON = re.compile(
    r"^\W*(?:second(?:ly)?|third(?:ly)?|next|another|moving on|now,|turning to|as for|"
    r"in addition|finally|lastly|on the other hand|the (?:second|third|next|other) (?:part|point|"
    r"question))\b|^\W*(?:其次|第二|第三|另外|最后)",
    re.IGNORECASE,
)


MAX_REMARK_WORDS = 60


def extend_remark(quote: Quote) -> Quote:
    """An open-ended question ("what did they say about 618?") is answered by the remark,
    not only its first sentence: the quote runs on over up to two following sentences of its
    paragraph while they stay on the point (no "Secondly, ...") and it stays short."""
    text = quote.chunk.text
    end = quote.end
    for s, e in next_in_paragraph(quote, 2):
        if _MOVES_ON.match(text[s:e]):
            break
        if sentence_size(text[quote.start : e]) > MAX_REMARK_WORDS:
            break
        end = e
    return replace(quote, end=end)


MAX_HOST_WORDS = 100


def host_remark(best: Scored, rows: Sequence[Scored]) -> Quote:
    """A host's housekeeping ("you are welcome to ask questions in Chinese or English. A
    third-party translator will provide consecutive interpretation ...") is a few short rules
    that answer together: the quote spans the host passage's sentences that are on the
    question (share a term with it or are close in meaning), from the first to the last, as
    one verbatim span; never a hand-over ("Operator, please start ..."), and no longer than
    MAX_HOST_WORDS (else the best sentence alone)."""
    on_point = sorted(
        (
            r
            for r in rows
            if r.chunk.chunk_id == best.chunk.chunk_id
            and (r is best or r.matched or semantic_match(r))
            and not (HANDS_OVER.search(r.text) or takes_the_question(r.text))
        ),
        key=lambda r: r.start,
    )
    if not on_point:
        return Quote(best.chunk, best.start, best.end, best.score)
    start = on_point[0].start
    # (up to the first hand-over after the start, if the host goes on after one)
    stop = min(
        (r.start for r in rows if r.chunk.chunk_id == best.chunk.chunk_id and r.start > start
         and HANDS_OVER.search(r.text)),
        default=len(best.chunk.text),
    )  # fmt: skip
    if best.start >= stop:
        return Quote(best.chunk, best.start, best.end, best.score)
    end = max(r.end for r in on_point if r.start < stop)
    if sentence_size(best.chunk.text[start:end]) > MAX_HOST_WORDS:
        return Quote(best.chunk, best.start, best.end, best.score)
    return Quote(best.chunk, start, end, best.score)


# A host handing over: "Operator, please start Q&A session.", "Let's open the line."
HANDS_OVER = re.compile(
    r"\boperator\s*,\s*please\b|\b(?:open|start)\s+(?:up\s+)?(?:the\s+)?(?:line|Q&A|questions?)\b",
    re.IGNORECASE,
)
