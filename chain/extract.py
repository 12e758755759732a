"""The offline answerer: pick the transcript sentences that answer the question and quote them.

No model writes anything here: the answer is attribution + verbatim quotes, so every number
it states appears verbatim in a cited quote (numeric faithfulness holds by construction).

Content questions: every sentence of the retrieved passages is scored against the question
(embedding similarity + IDF-weighted overlap of content words and numbers + a bonus when a
figure is asked and the sentence has one); the best 1-3 sentences from different passages
are quoted. Metadata questions (who spoke / asked / answered, which firm) are answered from
chunk metadata. The refusal decision is made here, from whether any sentence actually
contains the question's key terms, names and (when asked) a figure; not from retrieval score.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from chain.ask import Ask, squash
from chain.cite import find_numbers
from chain.text import content_terms, glossary_expansion, is_chinese, sentence_spans
from ingest.models import Chunk

MAX_QUOTES = 3
SECOND_QUOTE_RATIO = 0.85  # a further quote must score this close to the best one


class Corpus:
    """What the extractor needs from the index; implemented by the Engine in answer.py."""

    def embed(self, texts: list[str]) -> np.ndarray:  # (n, dim) unit vectors
        raise NotImplementedError

    def embed_query(self, text: str) -> np.ndarray:
        raise NotImplementedError

    def idf(self, term: str) -> float:
        raise NotImplementedError

    def chunks(self, call_id: str | None = None) -> list[Chunk]:
        """All chunks (of one call), in transcript order."""
        raise NotImplementedError


@dataclass
class Quote:
    """One sentence (or two adjacent ones) chosen to quote: chunk.text[start:end]."""

    chunk: Chunk
    start: int
    end: int
    score: float = 0.0

    @property
    def text(self) -> str:
        return self.chunk.text[self.start : self.end]


@dataclass
class Draft:
    """The offline answer before it becomes an `Answer`: text with [n] markers + quotes."""

    text: str
    quotes: list[Quote] = field(default_factory=list)
    refused: bool = False
    support: float = 0.0  # best sentence's key-term coverage (what refusal_threshold compares)


@dataclass
class Scored:
    chunk: Chunk
    rank: int
    start: int
    end: int
    text: str
    lexical: float
    chunk_lexical: float
    dense: float
    has_number: bool
    entities_ok: bool
    score: float = 0.0


# ---------------------------------------------------------------------------------------------
# Attribution
# ---------------------------------------------------------------------------------------------


def who(chunk: Chunk, zh: bool = False) -> str:
    """'Toby Xu (CFO)' for executives, 'Gary Yu (Morgan Stanley)' for analysts."""
    detail = chunk.affiliation if chunk.role == "analyst" and chunk.affiliation else chunk.title
    if not detail:
        return chunk.speaker
    return f"{chunk.speaker}（{detail}）" if zh else f"{chunk.speaker} ({detail})"


def _said(chunk: Chunk, zh: bool, again: bool) -> str:
    if chunk.role == "analyst":
        return "还问道" if zh and again else "提问" if zh else "also asked" if again else "asked"
    return "还表示" if zh and again else "表示" if zh else "added" if again else "said"


def _quoted(text: str) -> str:
    return f"“{text}”"


# ---------------------------------------------------------------------------------------------
# Content questions
# ---------------------------------------------------------------------------------------------


def score_sentences(ask: Ask, chunks: Sequence[Chunk], corpus: Corpus) -> list[Scored]:
    """Every sentence of `chunks` (in retrieval order) scored against the question."""
    rows: list[Scored] = []
    for rank, chunk in enumerate(chunks):
        chunk_terms = _terms_of(chunk.text)
        chunk_squash = squash(chunk.text)
        for s, e in sentence_spans(chunk.text):
            text = chunk.text[s:e]
            terms = _terms_of(text)
            rows.append(
                Scored(
                    chunk=chunk,
                    rank=rank,
                    start=s,
                    end=e,
                    text=text,
                    lexical=coverage(ask, terms, corpus),
                    chunk_lexical=coverage(ask, chunk_terms, corpus),
                    dense=0.0,
                    has_number=bool(find_numbers(text)),
                    entities_ok=all(ent in chunk_squash for ent in ask.entities),
                )
            )
    if rows:
        query = corpus.embed_query(ask.retrieval_query or ask.text)
        vecs = corpus.embed([r.text for r in rows])
        sims = vecs @ query
        for row, sim in zip(rows, sims, strict=True):
            row.dense = float(sim)
    for row in rows:
        row.score = _rank_score(ask, row)
    return rows


def _terms_of(text: str) -> set[str]:
    terms = set(content_terms(text))
    if is_chinese(text):
        terms |= set(content_terms(glossary_expansion(text)))
    return terms


def coverage(ask: Ask, terms: set[str], corpus: Corpus) -> float:
    """IDF-weighted share of the question's key terms found in `terms` (0..1).

    A Chinese question is matched both by its own bigrams and by its English glossary terms;
    the better of the two counts (they are two spellings of one question).
    """

    def cov(keys: Sequence[str]) -> float:
        if not keys:
            return 0.0
        weights = {k: corpus.idf(k) for k in keys}
        total = sum(weights.values())
        return sum(w for k, w in weights.items() if k in terms) / total if total else 0.0

    return max(cov(ask.key_terms), cov(ask.alt_terms))


def _rank_score(ask: Ask, row: Scored) -> float:
    words = len(row.text.split()) if not is_chinese(row.text) else len(row.text) // 2
    score = 0.5 * row.lexical + 0.1 * row.chunk_lexical + 0.3 * max(row.dense, 0.0)
    score += 0.05 / (1 + row.rank)
    if ask.wants_number:
        score += 0.12 if row.has_number else -0.1
    if row.chunk.role in ("operator", "ir"):
        score -= 0.25
    elif row.chunk.role == "analyst" and ask.kind == "content":
        score -= 0.15  # analysts restate figures as questions; management answers them
    if words < 5:
        score -= 0.25
    if row.text.rstrip().endswith(("?", "？")):
        score -= 0.1
    if ask.zh and is_chinese(row.text):
        score += 0.03
    if not row.entities_ok:
        score -= 0.3
    return score


def answers_question(ask: Ask, row: Scored, threshold: float) -> bool:
    """Does this sentence answer the ask: names present, terms covered, a figure if asked?"""
    if not row.entities_ok:
        return False
    if ask.wants_number and not row.has_number:
        return False
    if not ask.key_terms and not ask.alt_terms:
        return row.dense >= 0.5
    return row.lexical >= threshold


def answer_content(ask: Ask, chunks: Sequence[Chunk], corpus: Corpus, threshold: float) -> Draft:
    """Quote the best 1-3 answering sentences (from different passages), or refuse."""
    rows = score_sentences(ask, chunks, corpus)
    best_support = max((r.lexical for r in rows if r.entities_ok), default=0.0)
    good = sorted((r for r in rows if answers_question(ask, r, threshold)), key=lambda r: -r.score)
    if not good:
        return Draft(text=refusal_text(ask), refused=True, support=best_support)
    picked: list[Scored] = [good[0]]
    for row in good[1:]:
        if len(picked) >= MAX_QUOTES or row.score < SECOND_QUOTE_RATIO * good[0].score:
            break
        if any(row.chunk.chunk_id == p.chunk.chunk_id for p in picked):
            continue
        if _redundant(row, picked):
            continue
        picked.append(row)
    quotes = [Quote(r.chunk, r.start, r.end, r.score) for r in picked]
    if ask.zh:
        quotes = _add_interpretation_pair(quotes, corpus)
    return Draft(text=compose(quotes, ask.zh), quotes=quotes, support=best_support)


def _redundant(row: Scored, picked: Sequence[Scored]) -> bool:
    """Same figures, or mostly the same words, as a sentence already quoted."""
    nums = {n.surface for n in find_numbers(row.text)}
    terms = set(content_terms(row.text))
    for p in picked:
        p_nums = {n.surface for n in find_numbers(p.text)}
        if nums and nums <= p_nums:
            return True
        p_terms = set(content_terms(p.text))
        if terms and len(terms & p_terms) / len(terms | p_terms) > 0.6:
            return True
    return False


def _add_interpretation_pair(quotes: list[Quote], corpus: Corpus) -> list[Quote]:
    """For a Chinese question, pair the top quote with its other-language counterpart.

    Chinese remarks and their English interpretation share a `pair_id`; the counterpart
    sentence is the one stating the same figures (else the best lexical match via glossary).
    """
    top = quotes[0]
    if not top.chunk.pair_id:
        return quotes
    others = [
        c
        for c in corpus.chunks(top.chunk.call_id)
        if c.pair_id == top.chunk.pair_id and c.lang != top.chunk.lang
    ]
    if not others:
        return quotes
    nums = find_numbers(top.text)
    top_terms = _terms_of(top.text)
    best: tuple[float, Chunk, int, int] | None = None
    for chunk in others:
        for s, e in sentence_spans(chunk.text):
            sent = chunk.text[s:e]
            sent_nums = find_numbers(sent)
            shared = sum(any(a.matches(b) for b in sent_nums) for a in nums)
            terms = _terms_of(sent)
            overlap = len(terms & top_terms) / max(1, len(top_terms))
            score = shared + overlap
            if (nums and shared == 0) or len(sent) < 8:
                continue
            if best is None or score > best[0]:
                best = (score, chunk, s, e)
    if best is None or best[0] < 0.2:
        return quotes
    pair = Quote(best[1], best[2], best[3])
    if any(q.chunk.chunk_id == pair.chunk.chunk_id and q.start == pair.start for q in quotes):
        return quotes
    return [top, pair, *quotes[1:2]]


def compose(quotes: Sequence[Quote], zh: bool) -> str:
    """'Toby Xu (CFO) said: “...” [1] Eddie Wu (CEO) added: “...” [2]' (or Chinese framing)."""
    parts: list[str] = []
    seen: list[str] = []
    for n, q in enumerate(quotes, start=1):
        if n == 2 and zh and q.chunk.pair_id and q.chunk.pair_id == quotes[0].chunk.pair_id:
            label = "（英文传译：" if q.chunk.lang == "en" else "（中文原话："
            parts.append(f"{label}{_quoted(q.text)} [{n}]）")
            continue
        again = q.chunk.speaker in seen
        name = who(q.chunk, zh)
        if zh:
            parts.append(f"{name}{_said(q.chunk, zh, again)}：{_quoted(q.text)} [{n}]")
        else:
            parts.append(f"{name} {_said(q.chunk, zh, again)}: {_quoted(q.text)} [{n}]")
        seen.append(q.chunk.speaker)
    return "".join(parts) if zh else " ".join(parts)


def refusal_text(ask: Ask, detail: str = "") -> str:
    if ask.zh:
        return "电话会议记录中没有提到这一点。" + (detail or "")
    return "The transcript does not say." + (f" {detail}" if detail else "")


# ---------------------------------------------------------------------------------------------
# Metadata questions: who spoke / asked / answered, which firm, who is
# ---------------------------------------------------------------------------------------------


def exchanges(chunks: Sequence[Chunk]) -> list[int]:
    """Q&A exchange numbers that have an analyst, in order."""
    return sorted({c.exchange for c in chunks if c.exchange is not None and c.role == "analyst"})


def _resolve_exchange(n: int, chunks: Sequence[Chunk]) -> int | None:
    nums = exchanges(chunks)
    if not nums:
        return None
    if n == -1:
        return nums[-1]
    return n if n in nums else None


def _opening_sentence(chunks: Sequence[Chunk], prefer_lang: str = "en") -> Quote | None:
    """The first substantive sentence (5+ words) of a speaker's turn, preferring a language."""
    ordered = sorted(chunks, key=lambda c: (c.lang != prefer_lang, c.start))
    for min_size in (8, 5):  # skip pleasantries ("Thanks for taking my questions.") if possible
        for chunk in ordered:
            for s, e in sentence_spans(chunk.text):
                sent = chunk.text[s:e]
                size = len(sent) // 2 if is_chinese(sent) else len(sent.split())
                if size >= min_size:
                    return Quote(chunk, s, e)
    return None


def _ordinal_word(n: int, zh: bool) -> str:
    if zh:
        return "最后一个" if n == -1 else f"第{'一二三四五六七八九十'[n - 1]}个" if n <= 10 else ""
    names = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth"]  # fmt: skip
    return "last" if n == -1 else names[n - 1] if n <= 10 else "that"


def answer_meta(
    ask: Ask, hits: Sequence[Chunk], corpus: Corpus, threshold: float, call_id: str | None
) -> Draft | None:
    """Answer who/which-firm questions from metadata; None when this is not one of those."""
    if ask.kind == "content":
        return None
    call = call_id or (hits[0].call_id if hits else None)
    all_chunks = corpus.chunks(call)
    if ask.kind == "list_analysts":
        return _list_analysts(ask, all_chunks)
    if ask.kind == "who_is":
        return _who_is(ask, all_chunks)

    # The analyst (or exchange) the question points at: by ordinal, by name, or by topic.
    exchange: int | None = None
    if ask.exchange is not None:
        exchange = _resolve_exchange(ask.exchange, all_chunks)
        if exchange is None:
            count = len(exchanges(all_chunks))
            detail = (f"该电话会议只有{count}位分析师提问。" if ask.zh and count else "") or (
                "The call does not have that many analyst questions." if count else ""
            )
            return Draft(text=refusal_text(ask, detail), refused=True)
    analysts = [c for c in all_chunks if c.role == "analyst"]
    if exchange is None and ask.speakers:
        named = [c for c in analysts if c.speaker in ask.speakers]
        if named and ask.kind in ("firm", "who_answered"):
            exchange = named[0].exchange

    if ask.kind == "who_answered":
        return _who_answered(ask, exchange, all_chunks, hits, corpus, threshold)
    if ask.kind == "firm" and exchange is None and not ask.topic and not ask.speakers:
        return None
    if exchange is not None:
        turn = [c for c in analysts if c.exchange == exchange]
        quote = _opening_sentence(turn, "zh" if ask.zh else "en")
        if quote is None:
            return None
        return _analyst_answer(ask, quote, exchange)

    # By topic: the best analyst sentence about it (who_asked / firm), or any speaker (who_spoke).
    pool: Sequence[Chunk]
    if ask.kind in ("who_asked", "firm"):
        pool = [c for c in hits if c.role == "analyst"] or analysts
    else:
        role = ask.role
        pool = [c for c in hits if (role is None and c.role in ("executive", "analyst"))
                or c.role == role]  # fmt: skip
        if not pool:
            pool = [c for c in all_chunks if c.role == (role or "executive")]
    topic_ask = _topic_ask(ask)
    rows = score_sentences(topic_ask, pool, corpus)
    good = sorted(
        (r for r in rows if answers_question(topic_ask, r, threshold)), key=lambda r: -r.score
    )
    if not good:
        return Draft(text=refusal_text(ask), refused=True)
    best = good[0]
    if ask.kind in ("who_asked", "firm"):
        return _analyst_answer(ask, Quote(best.chunk, best.start, best.end), best.chunk.exchange)
    return _who_spoke(ask, good)


def _topic_ask(ask: Ask) -> Ask:
    """The same question reduced to its topic, for finding who talked about it."""
    from dataclasses import replace

    return replace(ask, kind="content", wants_number=False)


def _analyst_answer(ask: Ask, quote: Quote, exchange: int | None) -> Draft:
    c = quote.chunk
    firm = c.affiliation
    ordinal = _ordinal_word(ask.exchange, ask.zh) if ask.exchange is not None else ""
    if ask.zh:
        if ask.kind == "firm":
            text = f"{c.speaker}来自{firm}。" if firm else f"记录中没有写明{c.speaker}所属的机构。"
        else:
            lead = f"{ordinal}提问的分析师是" if ordinal else "提出这个问题的是"
            text = f"{lead}{who(c, True)}。"
        text += f"{c.speaker}{'提问' if ask.kind != 'firm' else '说'}：{_quoted(quote.text)} [1]"
        return Draft(text=text, quotes=[quote])
    if ask.kind == "firm":
        if not firm:
            text = f"The transcript does not name {c.speaker}'s firm."
            return Draft(text=text, quotes=[], refused=True)
        lead = f"The {ordinal} analyst, {c.speaker}, is" if ordinal else f"{c.speaker} is"
        text = f"{lead} with {firm}. {c.speaker} asked: {_quoted(quote.text)} [1]"
    else:
        topic = f" about {ask.topic}" if ask.topic else ""
        lead = f"The {ordinal} question came from" if ordinal else f"{who(c)} asked{topic}:"
        if ordinal:
            text = f"{lead} {who(c)}: {_quoted(quote.text)} [1]"
        else:
            text = f"{lead} {_quoted(quote.text)} [1]"
    return Draft(text=text, quotes=[quote])


def _who_spoke(ask: Ask, good: Sequence[Scored]) -> Draft:
    """Name up to three speakers whose sentences are about the topic, each with a quote."""
    picked: list[Scored] = []
    for row in good:
        if row.chunk.speaker not in {p.chunk.speaker for p in picked}:
            picked.append(row)
        if len(picked) == 3:
            break
    quotes = [Quote(r.chunk, r.start, r.end, r.score) for r in picked]
    names = [who(q.chunk, ask.zh) for q in quotes]
    topic = ask.topic or ("这一点" if ask.zh else "this")
    if ask.zh:
        lead = "、".join(names) + f"谈到了{topic}。"
        body = "".join(
            f"{q.chunk.speaker}{_said(q.chunk, True, False)}：{_quoted(q.text)} [{n}]"
            for n, q in enumerate(quotes, start=1)
        )
        return Draft(text=lead + body, quotes=quotes)
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    body = " ".join(
        f"{q.chunk.speaker} {_said(q.chunk, False, False)}: {_quoted(q.text)} [{n}]"
        for n, q in enumerate(quotes, start=1)
    )
    return Draft(text=f"{joined} talked about {topic}. {body}", quotes=quotes)


def _who_answered(
    ask: Ask,
    exchange: int | None,
    all_chunks: Sequence[Chunk],
    hits: Sequence[Chunk],
    corpus: Corpus,
    threshold: float,
) -> Draft:
    if exchange is None:
        # "Who answered the question about X?": the exchange whose answer best covers X.
        execs = [c for c in hits if c.role == "executive" and c.exchange is not None]
        topic_ask = _topic_ask(ask)
        rows = score_sentences(topic_ask, execs, corpus)
        good = sorted(
            (r for r in rows if answers_question(topic_ask, r, threshold)), key=lambda r: -r.score
        )
        if not good:
            return Draft(text=refusal_text(ask), refused=True)
        exchange = good[0].chunk.exchange
    answerers: dict[str, list[Chunk]] = {}
    for c in all_chunks:
        if c.exchange == exchange and c.role == "executive":
            answerers.setdefault(c.speaker, []).append(c)
    asker = next((c for c in all_chunks if c.exchange == exchange and c.role == "analyst"), None)
    quotes = [
        q
        for turn in answerers.values()
        if (q := _opening_sentence(turn, "zh" if ask.zh else "en")) is not None
    ]
    if not quotes:
        return Draft(text=refusal_text(ask), refused=True)
    names = [who(q.chunk, ask.zh) for q in quotes]
    ordinal = _ordinal_word(ask.exchange, ask.zh) if ask.exchange is not None else ""
    if ask.zh:
        whose = f"（提问者：{who(asker, True)}）" if asker else ""
        lead = f"{'、'.join(names)}回答了{ordinal or '这个'}问题{whose}。"
        body = "".join(
            f"{q.chunk.speaker}：{_quoted(q.text)} [{n}]" for n, q in enumerate(quotes, start=1)
        )
        return Draft(text=lead + body, quotes=quotes)
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    whose = f" from {who(asker)}" if asker else ""
    which = f"the {ordinal} question" if ordinal else "that question"
    body = " ".join(
        f"{q.chunk.speaker}: {_quoted(q.text)} [{n}]" for n, q in enumerate(quotes, start=1)
    )
    return Draft(text=f"{joined} answered {which}{whose}. {body}", quotes=quotes)


def _list_analysts(ask: Ask, all_chunks: Sequence[Chunk]) -> Draft:
    seen: dict[str, list[Chunk]] = {}
    for c in all_chunks:
        if c.role == "analyst":
            seen.setdefault(c.speaker, []).append(c)
    quotes = [
        q for turn in seen.values() if (q := _opening_sentence(turn, "zh" if ask.zh else "en"))
    ]
    if not quotes:
        return Draft(text=refusal_text(ask), refused=True)
    items = [f"{who(q.chunk, ask.zh)} [{n}]" for n, q in enumerate(quotes, start=1)]
    if ask.zh:
        return Draft(text="按提问顺序，提问的分析师是：" + "、".join(items) + "。", quotes=quotes)
    return Draft(text="In order, the analysts who asked questions were: " + ", ".join(items) + ".",
                 quotes=quotes)  # fmt: skip


def _who_is(ask: Ask, all_chunks: Sequence[Chunk]) -> Draft:
    """'Who is Toby Xu?' -> his title/firm; 'Who is the CFO?' -> the speaker with that title."""
    target = ask.speakers[0] if ask.speakers else None
    if target is None:
        m = re.match(r"^\s*who\s+(?:is|was|are|were)\s+(?:the\s+)?(?P<x>.+?)\s*\??\s*$", ask.text,
                     re.I)  # fmt: skip
        wanted = squash(m.group("x")) if m else ""
        for c in all_chunks:
            if wanted and c.title and (wanted == squash(c.title) or wanted in squash(c.title)):
                target = c.speaker
                break
    if target is None:
        return Draft(text=refusal_text(ask), refused=True)
    turn = [c for c in all_chunks if c.speaker == target]
    quote = _opening_sentence(turn)
    if quote is None:
        return Draft(text=refusal_text(ask), refused=True)
    c = quote.chunk
    role = ", ".join(x for x in (c.title, c.affiliation) if x)
    text = f"{c.speaker} is {role}." if role else f"{c.speaker} spoke on the call."
    verb = "asked" if c.role == "analyst" else "said"
    return Draft(text=f"{text} {c.speaker} {verb}: {_quoted(quote.text)} [1]", quotes=[quote])


# ---------------------------------------------------------------------------------------------
# IDF helper (used by the Engine)
# ---------------------------------------------------------------------------------------------


def idf_table(texts: Sequence[str]) -> Callable[[str], float]:
    """term -> log(1 + N / (1 + df)); unseen terms get the highest weight."""
    df: dict[str, int] = {}
    for text in texts:
        for term in _terms_of(text):
            df[term] = df.get(term, 0) + 1
    n = max(1, len(texts))
    top = math.log(1 + n)

    def idf(term: str) -> float:
        return math.log(1 + n / (1 + df[term])) if term in df else top

    return idf
