"""`answer()`: the one entry point every front end calls (CLI, web UI, Slack, eval).

question (+history, filters) -> input checks -> standalone question (condense) -> hybrid
retrieval -> LLM answer with verified citations, or the offline extractive answer -> Answer.

LLM mode is used when settings enable it; any LLM failure falls back to the offline answer
with `fallback_reason` set. `get_engine(settings)` holds the index (embedding model loaded
once) and the LLM; it is cached per Settings and safe to share between threads.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, overload

import numpy as np

from callqa.settings import Settings, get_settings
from chain.ask import Ask, analyse, squash
from chain.cite import (
    best_quote_span,
    claims,
    make_citation,
    renumber_citations,
    unsupported_numbers,
)
from chain.compose import elsewhere_lead, merge_parts, state_elsewhere, state_section
from chain.condense import carried_topic, condense_llm, condense_offline
from chain.draft import Corpus, Draft, refusal_text
from chain.extract import answer_content
from chain.llm import LLMError, build_llm, chat, fill, load_prompt, messages, stream_chat
from chain.matching import idf_table
from chain.meta import answer_meta
from chain.ranking import answer_ranking
from chain.rendering import answer_rendering, asks_rendering
from chain.spelling import CallWords, call_words, mend
from chain.text import is_chinese, wordset
from chain.turns import is_introduction, recaps_an_announcement
from chain.types import Answer, Citation, Message, Retrieved
from index.descriptions import tickers
from index.mandarin import in_traditional, is_traditional
from ingest.models import SECTION_LABELS, Chunk
from ingest.parse import executives_named

log = logging.getLogger("callqa.chain")

EMPTY_QUESTION = "Please type a question."
# The offline answerer re-ranks sentences itself, so it reads a few more passages than top_k.
EXTRACT_POOL = 8
VECTOR_CACHE_MAX = 50_000
_UNSYNCED = object()  # the caches have not been matched to any store revision yet

__all__ = ["Engine", "answer", "get_engine", "is_blank", "EMPTY_QUESTION"]


class Engine(Corpus):
    """The index (opened once) and the LLM (or None) for one Settings, plus small caches.

    Thread-safe: caches are guarded by a lock; the index and the openai client are shared.
    """

    def __init__(self, settings: Settings, index: Any | None = None, llm: Any | None = None):
        from index.service import open_index

        self.settings = settings
        self.index = index if index is not None else open_index(settings)
        self.llm = llm if llm is not None else build_llm(settings)
        self._lock = threading.RLock()
        self._ready = False
        self._vectors: dict[str, np.ndarray] = {}
        self._revision: str | None | object = _UNSYNCED
        self._chunks: dict[str | None, list[Chunk]] = {}
        self._idf: Any = None
        self._flat: str | None = None
        self._words: CallWords | None = None

    # --- lifecycle ---------------------------------------------------------
    def ensure_ready(self) -> None:
        """On first use with an empty index, ingest the bundled call (fresh machines just work);
        an index an older callqa built is brought up to date when it holds only the bundled
        call, else a warning says how to re-index."""
        if self._ready:
            return
        with self._lock:
            if self._ready:
                return
            bundled = self.settings.bundled_call
            calls = self.index.calls()
            if not calls and bundled.exists():
                self.index.ingest([bundled])
            elif self.index.store.outdated:
                self._refresh_outdated(bundled, [c["call_id"] for c in calls])
            self._ready = True

    def _refresh_outdated(self, bundled: Any, call_ids: list[str]) -> None:
        from ingest import ingest_file

        if bundled.exists() and call_ids == [ingest_file(bundled).call.call_id]:
            self.index.ingest([bundled])
            self.index.store.mark_current()
            log.info("re-indexed the bundled call for this version of callqa")
        else:
            log.warning(
                "this index was built by an older callqa: re-ingest its calls "
                "(`callqa ingest --reindex FILES`) for the current chunking"
            )

    def ingest(self, paths: Sequence[Any], **overrides: Any) -> list[Any]:
        """Ingest through the engine so its caches see the new calls immediately."""
        result = self.index.ingest(paths, **overrides)
        self.refresh()
        return list(result)

    def refresh(self) -> None:
        with self._lock:
            self._revision = _UNSYNCED
            self._chunks.clear()
            self._idf = None
            self._flat = None
            self._words = None

    def sync(self) -> None:
        """Drop the caches if the store changed since they were built (`answer()` calls this once).

        Keyed on the store's change marker, not the chunk count: an edited call re-ingested with
        the same number of chunks must not keep serving the old chunk text. The marker is read
        outside the lock, so concurrent answers do not queue behind Chroma I/O; the lock is
        taken only when there is something to drop.
        """
        revision = self.index.store.revision()
        if revision == self._revision:
            return
        with self._lock:
            if revision != self._revision:
                self._chunks.clear()
                self._idf = None
                self._flat = None
                self._words = None
                self._revision = revision

    def _synced(self) -> None:
        """Callers outside `answer()` (e.g. the web UI's speaker list) sync on first use."""
        if self._revision is _UNSYNCED:
            self.sync()

    # --- Corpus (for the extractor) ---------------------------------------
    def chunks(self, call_id: str | None = None) -> list[Chunk]:
        self._synced()
        with self._lock:
            if call_id not in self._chunks:
                from index.retrieve import Filters

                filters = Filters(call_id=call_id) if call_id else None
                self._chunks[call_id] = list(self.index.store.chunks(filters))
            return self._chunks[call_id]

    def idf(self, term: str) -> float:
        self._synced()
        with self._lock:
            if self._idf is None:
                self._idf = idf_table([c.text for c in self.chunks(None)])
            fn = self._idf
        return float(fn(term))

    def words(self) -> CallWords:
        """The calls' Latin words and their counts: what a typo in a question is mended to."""
        self._synced()
        with self._lock:
            if self._words is None:
                self._words = call_words(
                    [t for c in self.chunks(None) for t in (c.text, c.speaker, c.affiliation or "")]
                )
            return self._words

    def mentions(self, squashed: str) -> bool:
        self._synced()
        with self._lock:
            if self._flat is None:
                # Text plus headers: speaker names and firms count as mentioned.
                self._flat = "\n".join(squash(c.embed_text) for c in self.chunks(None))
            return squashed in self._flat

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit vectors for texts (document side), cached by text."""
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            vecs = np.asarray(self.index.embedder.get_text_embedding_batch(missing), np.float32)
            vecs /= np.clip(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12, None)
            with self._lock:
                if len(self._vectors) + len(missing) > VECTOR_CACHE_MAX:
                    self._vectors.clear()
                self._vectors.update(zip(missing, vecs, strict=True))
        with self._lock:
            return np.stack([self._vectors[t] for t in texts]) if texts else np.zeros((0, 1))

    def embed_query(self, text: str) -> np.ndarray:
        vec = np.asarray(self.index.embedder.get_query_embedding(text), np.float32)
        return vec / max(float(np.linalg.norm(vec)), 1e-12)

    # --- call metadata ---------------------------------------------------
    def speakers(self) -> list[str]:
        names = {c.speaker for c in self.chunks(None) if c.role != "operator"}
        return sorted(names, key=len, reverse=True)

    def firms(self) -> dict[str, str]:
        """Analyst name -> firm, so a question can name the firm instead of the analyst."""
        return {c.speaker: c.affiliation for c in self.chunks(None) if c.role == "analyst"}

    def titles(self) -> dict[str, str]:
        """Executive / IR name -> title, so a question can name the role ("the CFO"): the
        speaker line's title and the fuller one the hosts introduce them with ("CEO; Chief
        Executive Officer of Alibaba E-commerce Business Group"), which tells two CEOs
        apart; people introduced who never speak too ("Joe Tsai": "Chairman")."""
        titles = {
            c.speaker: c.title
            for c in self.chunks(None)
            if c.role in ("executive", "ir") and c.title
        }
        spelled = {squash(name): name for name in titles}
        for name, title in self._introduced().items():
            name = spelled.get(squash(name), name)
            if title and squash(title) not in squash(titles.get(name, "")):
                titles[name] = f"{titles[name]}; {title}" if titles.get(name) else title
        return titles

    def _introduced(self) -> dict[str, str]:
        """Name -> title for everyone the hosts introduce ("With us today are ...")."""
        return {
            name: title
            for c in self.chunks(None)
            if c.role in ("ir", "operator") and c.section == "prepared"
            for name, title in executives_named(c.text).items()
        }

    def people(self) -> list[str]:
        """Everyone the hosts name as on the call ("With us today are Joe Tsai, Chairman;
        ..."), speakers or not: "what did joe tsai say?" names someone who never speaks."""
        return sorted(set(self._introduced()) | set(self.speakers()), key=len, reverse=True)

    def acronyms(self) -> dict[str, str]:
        """The acronyms the indexed calls spell out (the retriever's table, kept in sync by it)."""
        retriever = getattr(self.index, "retriever", None)
        return dict(getattr(retriever, "acronyms", None) or {})

    def periods(self) -> list[str]:
        """The indexed calls' fiscal periods ("Q4 2025"), so "4Q FY25" reads as their quarter."""
        return sorted({c.period for c in self.chunks(None) if c.period})

    def call_dates(self) -> list[str]:
        """The indexed calls' dates (ISO), so "versus the December quarter" can be placed."""
        return sorted({c.call_date for c in self.chunks(None) if c.call_date})

    def company_words(self) -> list[str]:
        words: set[str] = set()
        for company in {c.company for c in self.chunks(None)}:
            words |= set(re.findall(r"[A-Za-z]+", company))
            words |= {t for t in tickers(company) if t.isalpha()}  # "BABA's revenue"
        return sorted(words)


# A process normally has one Settings; a few more (tests, `callqa eval --mode`) are kept, the
# least recently used dropped (not closed: a caller may still hold it).
MAX_ENGINES = 4
_ENGINES: OrderedDict[Settings, Engine] = OrderedDict()
_ENGINES_LOCK = threading.Lock()


def get_engine(settings: Settings | None = None) -> Engine:
    """The shared Engine for these settings (created once; the index opened once)."""
    settings = settings or get_settings()
    with _ENGINES_LOCK:
        engine = _ENGINES.get(settings)
        if engine is None:
            engine = Engine(settings)
            _ENGINES[settings] = engine
            while len(_ENGINES) > MAX_ENGINES:
                _ENGINES.popitem(last=False)
        _ENGINES.move_to_end(settings)
    return engine


# ---------------------------------------------------------------------------------------------
# answer()
# ---------------------------------------------------------------------------------------------


@overload
def answer(
    question: str,
    *,
    history: Sequence[Message | dict[str, Any]] | None = ...,
    filters: Any = ...,
    stream: Literal[False] = ...,
    engine: Engine | None = ...,
    qid: str | None = ...,
) -> Answer: ...


@overload
def answer(
    question: str,
    *,
    history: Sequence[Message | dict[str, Any]] | None = ...,
    filters: Any = ...,
    stream: Literal[True],
    engine: Engine | None = ...,
    qid: str | None = ...,
) -> Iterator[str | Answer]: ...


def answer(
    question: str,
    *,
    history: Sequence[Message | dict[str, Any]] | None = None,
    filters: Any = None,
    stream: bool = False,
    engine: Engine | None = None,
    qid: str | None = None,
) -> Answer | Iterator[str | Answer]:
    """Answer a question about the indexed call(s) with citations.

    `stream=True` returns an iterator of str deltas followed by the final Answer; the final
    Answer is authoritative (citations renumbered/dropped, or the offline answer after an
    LLM failure mid-stream), so front ends should replace the streamed text with it.
    Never raises for a bad question: the Answer has `error` set and `refused=True`.
    """
    events = _events(question, history, filters, engine, qid, streaming=stream)
    if stream:
        return events
    final: Answer | None = None
    for event in events:
        if isinstance(event, Answer):
            final = event
    assert final is not None
    return final


def _events(
    question: Any,
    history: Sequence[Message | dict[str, Any]] | None,
    filters: Any,
    engine: Engine | None,
    qid: str | None,
    *,
    streaming: bool,
) -> Iterator[str | Answer]:
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    q = question if isinstance(question, str) else ("" if question is None else str(question))
    q = without_markup(q)  # ("<script>alert(1)</script> what was revenue?" asks for revenue)
    settings = engine.settings if engine is not None else get_settings()

    rejected = _check_question(q, settings)
    if rejected:
        result = Answer(id=qid, question=q[:settings.max_question_chars], standalone_question="",
                        answer=rejected, refused=True, error=rejected)  # fmt: skip
        result.latency_ms = _ms(t0)
        if streaming:
            yield rejected
        yield result
        return

    engine = engine or get_engine(settings)
    engine.ensure_ready()
    engine.sync()  # the one store revision read of this answer; the caches below trust it
    q = q.strip()
    turns = _messages(history)
    # Typed questions carry typos ("aliababa cloud ebitda margn"); everything below reads
    # the mended words, while the Answer keeps the question as asked. (Earlier turns are only
    # respelt: a name they carry into a follow-up is context, not the follow-up's subject.)
    words = engine.words()
    asked, q = q, mend(q, words)
    turns = [
        Message(role=t.role, content=mend(t.content, words, recase=False))
        if t.role == "user"
        else t
        for t in turns
    ]
    use_llm = engine.llm is not None
    fallback: str | None = None

    # 1. Standalone question.
    mark = time.perf_counter()
    standalone = q
    if turns:
        if use_llm:
            try:
                standalone = condense_llm(q, turns, engine.llm, settings)
            except LLMError as exc:
                fallback, use_llm = exc.reason, False
        if not use_llm:
            standalone = condense_offline(
                q, turns, speakers=engine.speakers(), analysts=engine.firms().keys()
            )
        timings["condense_ms"] = _ms(mark)

    # 2. Retrieval.
    mark = time.perf_counter()
    ask = _analyse(engine, standalone, carried_topic(q, standalone) if turns else "")
    if turns and _in_chinese(q) != ask.zh:  # (rewritten in the other language: answer in theirs)
        ask = replace(ask, reply_zh=_in_chinese(q))
    found = _retrieve(engine, ask, filters)
    hits = found.hits
    call_id = (
        filters.get("call_id") if isinstance(filters, dict) else getattr(filters, "call_id", None)
    )
    # Who asked / answered / which firm: the passages found by speaker metadata (the 2nd
    # analyst's question, the host's introduction naming a firm) lead the retrieved list.
    # ... and "which segment grew fastest?" is answered from every business's stated growth.
    call = call_id or (hits[0].chunk.call_id if hits else None)
    ranking = _ranking(engine, ask, filters, call) or _rendering(engine, ask, filters, call)
    meta = ranking or answer_meta(
        ask, [h.chunk for h in hits], engine, settings.refusal_threshold, call_id
    )
    chunks = _quoted_first(meta, [h.chunk for h in hits])
    scores = {h.chunk.chunk_id: float(h.score) for h in hits}
    top = max(scores.values(), default=0.0)
    retrieved = [_retrieved(c, scores.get(c.chunk_id, top)) for c in chunks]
    timings["retrieve_ms"] = _ms(mark)

    base = dict(id=qid, question=asked, standalone_question=standalone, retrieved=retrieved)

    # 3a. LLM answer.
    sources = chunks if use_llm else []
    if use_llm and sources:  # (nothing retrieved: the offline refusal, no LLM call needed)
        mark = time.perf_counter()
        try:
            result = yield from _llm_answer(engine, ask, sources, streaming, timings)
            if result.refused and ask.section and not _section_filter(filters):
                # As offline: "did they talk about 618 in the prepared remarks?" is answered
                # from the other section, saying so. (Not streamed: the final Answer, which
                # front ends show in place of the stream, carries it.)
                try:
                    other, passages = yield from _llm_elsewhere(engine, ask, filters, timings)
                except LLMError:  # (the refusal stands: it is a valid answer)
                    other, passages = None, []
                if other is not None:
                    result = other
                    base["retrieved"] = [_retrieved(c, score) for c, score in passages]
            timings["generate_ms"] = _ms(mark) - timings.get("validate_ms", 0.0)
            result = result.model_copy(update=base)
            result.latency_ms = _ms(t0)
            result.timings = {**timings, "total_ms": result.latency_ms}
            yield result
            return
        except LLMError as exc:
            fallback = exc.reason
            timings["llm_ms"] = _ms(mark)

    # 3b. Offline answer. The passages it quotes lead the retrieved list, as a metadata
    # answer's do: the sources shown are ranked by what answered the question.
    mark = time.perf_counter()
    draft = meta or offline_draft(engine, ask, chunks, found.parts)
    if not meta and draft.refused and ask.section and not _section_filter(filters):
        # "Did they talk about 618 in the prepared remarks?": no, in the Q&A (said so).
        elsewhere, wide_chunks, wide_scores = _offline_wider(engine, ask, filters, section=None)
        # (Only when none of its quotes is in the section asked about: the restricted search
        # found nothing there, so a quote from there would drop the restriction unsaid.)
        if not elsewhere.refused and all(q.chunk.section != ask.section for q in elsewhere.quotes):
            draft = state_elsewhere(elsewhere, ask.section, ask.answers_zh)
            chunks, scores = wide_chunks, wide_scores
            top = max(scores.values(), default=0.0)
    if (
        not meta
        and draft.refused
        and ask.claim_checked
        and len(ask.speakers) == 1
        and not _speaker_filter(filters)
    ):
        # "I have it in my notes that Eddie Wu announced the $0.95 special dividend. Correct?":
        # he did not; the one who did is the answer, said so.
        said, wide_chunks, wide_scores = _offline_wider(engine, ask, filters, speakers=())
        if not said.refused and all(q.chunk.speaker != ask.speakers[0] for q in said.quotes):
            lead = f"不是{ask.speakers[0]}。" if ask.answers_zh else f"Not {ask.speakers[0]}: "
            draft = replace(said, text=lead + said.text)
            chunks, scores = wide_chunks, wide_scores
            top = max(scores.values(), default=0.0)
    if not meta and not draft.refused:
        base["retrieved"] = [
            _retrieved(c, scores.get(c.chunk_id, top)) for c in _quoted_first(draft, chunks)
        ]
    if is_traditional(q):  # ("首位提問的分析師是誰?": its own words in that script, quotes as said)
        draft = replace(draft, text=in_traditional(draft.text))
    result = _from_draft(draft, **base)
    timings["generate_ms"] = _ms(mark)
    if fallback:
        result.fallback_reason = f"{fallback}; showing the offline answer."
    result.latency_ms = _ms(t0)
    result.timings = {**timings, "total_ms": result.latency_ms}
    if streaming:
        yield result.answer
    yield result


def _in_chinese(question: str) -> bool:
    """Written in Chinese: "那AIDC呢?", "ok 那618呢?" are, "And 全站推?" (English words around
    a name) is not."""
    return is_chinese(question) and not any(
        w.lower() in _ENGLISH_GRAMMAR for w in re.findall(r"[A-Za-z]+", question)
    )


# Words that make a question English (not fillers a Chinese writer types: "ok", "hi").
_ENGLISH_GRAMMAR = wordset(
    "and or but what how who whom which why when where the a an is are was were did does do "
    "about of for in on to with from then also"
)


def _analyse(engine: Engine, question: str, carried: str = "") -> Ask:
    return analyse(
        question,
        carried=carried,
        speakers=engine.speakers(),
        firms=engine.firms(),
        titles=engine.titles(),
        company_words=engine.company_words(),
        mentions=engine.mentions,
        acronyms=engine.acronyms(),
        periods=engine.periods(),
        call_dates=engine.call_dates(),
        people=engine.people(),
    )


def _ranking(engine: Engine, ask: Ask, filters: Any, call_id: str | None) -> Draft | None:
    """A ranking question's answer from the whole call, within the front end's filters as
    retrieval is (only for a ranking question: the other questions skip the scan)."""
    if ask.ranks is None:
        return None
    restrict = _filters(filters)
    chunks = engine.chunks(call_id)
    return answer_ranking(ask, [c for c in chunks if restrict is None or restrict.matches(c)])


def _rendering(engine: Engine, ask: Ask, filters: Any, call_id: str | None) -> Draft | None:
    """'How did the interpretation render 白牌卖家?': the Chinese sentence and its English
    (None for any other question; the whole call is read only for one that asks it)."""
    if not asks_rendering(ask.text):
        return None
    restrict = _filters(filters)
    chunks = [c for c in engine.chunks(call_id) if restrict is None or restrict.matches(c)]
    return answer_rendering(ask.text, ask.answers_zh, chunks, ask.speakers)


def _filters(filters: Any) -> Any:
    """Filters from a dict ({"speaker": "Toby Xu"} works as well as Filters(...))."""
    from index.retrieve import Filters

    if isinstance(filters, dict):
        return Filters(**{k: v for k, v in filters.items() if v})
    return filters if isinstance(filters, Filters) else None


def _section_filter(filters: Any) -> str | None:
    """The section a front end's filter restricts the answer to (a hard restriction)."""
    return getattr(_filters(filters), "section", None)


def _offline_wider(
    engine: Engine, ask: Ask, filters: Any, **wider: Any
) -> tuple[Draft, list[Chunk], dict[str, float]]:
    """The offline answer to `ask` with a restriction the question made lifted (`section=None`,
    `speakers=()`), with the passages it was answered from and their scores: for saying where
    else, or who else, the call says it."""
    wide = replace(ask, **wider)
    found = _retrieve(engine, wide, filters)
    chunks = [h.chunk for h in found.hits]
    scores = {h.chunk.chunk_id: float(h.score) for h in found.hits}
    return offline_draft(engine, wide, chunks, found.parts), chunks, scores


def _speaker_filter(filters: Any) -> str | None:
    """The speaker a front end's filter restricts the answer to (a hard restriction)."""
    return getattr(_filters(filters), "speaker", None)


# Markup pasted or typed into a question: a script or style block with its content, and any
# other tag. (The UI shows text escaped; this keeps tags out of what is searched and answered.)
_MARKUP_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def without_markup(question: str) -> str:
    """The question without HTML: "<b>What</b> was revenue?" -> "What was revenue?"."""
    if "<" not in question:
        return question
    return " ".join(_TAG.sub(" ", _MARKUP_BLOCK.sub(" ", question)).split())


def is_blank(question: str) -> bool:
    """No letter or digit: empty, whitespace, or only punctuation/controls (no question)."""
    return not any(ch.isalnum() for ch in question)


def _check_question(q: str, settings: Settings) -> str | None:
    if is_blank(q):
        return EMPTY_QUESTION
    if len(q) > settings.max_question_chars:
        return (
            f"Your question is too long ({len(q):,} characters; the limit is "
            f"{settings.max_question_chars:,}). Please shorten it."
        )
    return None


def _messages(history: Sequence[Message | dict[str, Any]] | None) -> list[Message]:
    """History as Messages; accepts Message objects or {"role", "content"} dicts (Gradio)."""
    out: list[Message] = []
    for item in history or []:
        if isinstance(item, Message):
            msg = item
        elif isinstance(item, dict) and item.get("role") in ("user", "assistant"):
            content = item.get("content")
            msg = Message(role=item["role"], content=content if isinstance(content, str) else "")
        else:
            continue
        if msg.content.strip():
            out.append(msg)
    return out


@dataclass
class Retrieval:
    """What retrieval found: the hits for the question, and for a question that asks for
    several things, each part's analysis and hits (answered part by part offline)."""

    hits: list[Any]
    parts: list[tuple[Ask, list[Any]]] = field(default_factory=list)


def _retrieve(engine: Engine, ask: Ask, filters: Any) -> Retrieval:
    """Hybrid retrieval; a question naming one speaker is narrowed to that speaker's passages,
    one naming a section to that section (its parts too)."""
    from index.retrieve import Filters

    base = _filters(filters)
    top_k = max(engine.settings.top_k, EXTRACT_POOL if engine.llm is None else 0)
    narrowed = base or Filters()
    subs = [_analyse(engine, q) for q in ask.sub_queries]  # (analysed once, searched in _search)
    if ask.kind == "content" and len(ask.speakers) == 1 and not narrowed.speaker:
        # (A speaker named in one part narrows that part only: "How much is going into
        # Ele.me, and how big does Jiang Fan think the market is?"; see _search.)
        if all(s.speakers == ask.speakers for s in subs):
            narrowed = replace(narrowed, speaker=ask.speakers[0])
    elif ask.role and not narrowed.role and ask.kind != "content":
        narrowed = replace(narrowed, role=ask.role)
    if ask.section and not narrowed.section and (not subs or subs[0].section == ask.section):
        # (A section named in a later part narrows that part only: "headline growth, the
        # change in EBITDA, and what the CEO said in Q&A about the next few quarters"; see
        # _search. Named first, "In the Q&A, what did they say about X, and Y?", it is all's.)
        narrowed = replace(narrowed, section=ask.section)
    if ask.kind == "content" and ask.answering:
        # "What did management say when they answered Alex Zhou?": management's passages
        # in that analyst's exchange(s) of the call(s) he asked in.
        asked_in = {
            (c.call_id, c.exchange)
            for c in engine.chunks(narrowed.call_id)
            if c.speaker in ask.answering and c.exchange is not None
        }
        calls = {call for call, _ in asked_in}
        if asked_in:
            scoped = replace(
                narrowed,
                role="executive",
                call_id=next(iter(calls)) if len(calls) == 1 else narrowed.call_id,
            )
            found = _search(
                engine,
                ask,
                subs,
                scoped,
                top_k,
                keep=lambda c: (c.call_id, c.exchange) in asked_in,
                depth=sum(1 for c in engine.chunks(scoped.call_id) if c.role == "executive"),
            )
            if found.hits:
                return found
    found = _search(engine, ask, subs, narrowed, top_k)
    # Nothing under a role the question implies: search everything. A speaker or section the
    # question names stays (no hits then is the answer: "What did Jiang Fan say about the
    # dividend in the prepared remarks?" must not quote Toby Xu).
    wider = base or Filters()
    kept = (narrowed.speaker, narrowed.section) != (wider.speaker, wider.section)
    if not found.hits and narrowed != wider and not kept:
        found = _search(engine, ask, subs, base, top_k)
    return found


def _search(
    engine: Engine,
    ask: Ask,
    subs: Sequence[Ask],
    filters: Any,
    top_k: int,
    keep: Callable[[Chunk], bool] | None = None,
    depth: int = 0,
) -> Retrieval:
    """The whole question's hits; for a question that asks for several things, interleaved
    with each part's (rank 1 of each, then rank 2, ...), so every part gets its best passages
    into the top k. (Why not summed reciprocal ranks: a vague passage that every part ranks
    fairly high then beats each part's best one.) Content questions skip the host's analyst
    introductions: they name analysts and firms, which is no answer to what was said."""
    from index.retrieve import Filters

    def search(a: Ask) -> list[Any]:
        scope = filters
        if a is not ask and a.kind == "content" and len(a.speakers) == 1:
            # (a part naming one speaker searches that speaker's passages; see _retrieve)
            scope = scope or Filters()
            scope = scope if scope.speaker else replace(scope, speaker=a.speakers[0])
        if a is not ask and a.kind == "content" and a.section and not (scope and scope.section):
            # (and a part naming a section, that section's: "... in the opening remarks, and
            # how did it come up again in the Q&A?")
            scope = scope or Filters()
            scope = scope if scope.section else replace(scope, section=a.section)
        # With `keep`, rank every passage the filters allow (`depth`), then keep some.
        hits = engine.index.retrieve(a.retrieval_query, filters=scope, top_k=max(depth, 2 * top_k))
        if keep is not None:
            hits = [h for h in hits if keep(h.chunk)]
        if a.kind == "content":
            hits = [h for h in hits if not is_introduction(h.chunk)]
        if a.kind == "content" and not a.asks_section:
            # Analysts ask, management answers: an analyst's passage only answers a question
            # about that analyst, so the others go after management's (kept, for context).
            # (Where a topic came up, an analyst raising it counts.)
            # (An analyst recapping an announced figure is a source: see extract.)
            hits = sorted(  # stable: the order within each group stays the retriever's
                hits,
                key=lambda h: (
                    h.chunk.role == "analyst"
                    and h.chunk.speaker not in a.speakers
                    and not recaps_an_announcement(h.chunk.text, a.entities)
                ),
            )
        return list(hits[:top_k])

    hits = search(ask)
    if not ask.sub_queries:
        return Retrieval(hits)
    parts = [(sub, search(sub)) for sub in subs]
    merged: dict[str, Any] = {}
    for rank in range(top_k):
        for ranking in [hits, *(found for _, found in parts)]:
            if rank < len(ranking):
                merged.setdefault(ranking[rank].chunk.chunk_id, ranking[rank])
    return Retrieval(list(merged.values())[:top_k], parts)


def _retrieved(c: Chunk, score: float) -> Retrieved:
    return Retrieved(
        chunk_id=c.chunk_id, score=score, text=c.text, speaker=c.speaker,
        section=c.section, call_id=c.call_id, title=c.title, role=c.role,
        affiliation=c.affiliation, exchange=c.exchange, lang=c.lang, start=c.start, end=c.end,
    )  # fmt: skip


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 2)


# ---------------------------------------------------------------------------------------------
# Offline
# ---------------------------------------------------------------------------------------------


def offline_draft(
    engine: Engine,
    ask: Ask,
    chunks: Sequence[Chunk],
    parts: Sequence[tuple[Ask, Sequence[Any]]] = (),
) -> Draft:
    """The extractive answer to a content question: quoted sentences, or a refusal.

    A question that asks for several things is also answered part by part (each part with
    its own retrieved passages), and the parts' best quotes join the whole question's: one
    sentence rarely answers "revenue growth for A, B and C"."""
    threshold = engine.settings.refusal_threshold
    if not chunks:
        return Draft(text=refusal_text(ask), refused=True)
    whole = answer_content(ask, chunks, engine, threshold)
    draft = whole
    if parts:
        drafts = [whole]
        for part, hits in parts:
            drafts.append(answer_content(part, [h.chunk for h in hits], engine, threshold))
        part_asks = [part for part, _ in parts]
        draft = merge_parts(ask, drafts, engine, threshold, part_asks) or whole
    return state_section(draft, ask.answers_zh) if ask.asks_section else draft


def _from_draft(draft: Draft, **base: Any) -> Answer:
    citations = [make_citation(n, q.chunk, q.start, q.end) for n, q in enumerate(draft.quotes, 1)]
    return Answer(answer=draft.text, refused=draft.refused, mode="offline", citations=citations,
                  **base)  # fmt: skip


# ---------------------------------------------------------------------------------------------
# LLM
# ---------------------------------------------------------------------------------------------

REFUSAL_RE = re.compile(
    r"\b(?:transcript|sources?|call|excerpts?|passages?|context)\s+(?:does|do|did)\s*(?:not|n['’]t)\s+"
    r"(?:say|mention|state|provide|specify|contain|include|discuss|disclose|cover|address|give|answer)"
    r"|\bnot\s+(?:mentioned|stated|discussed|provided|disclosed|covered|specified|addressed)\s+in\s+the\b"
    r"|\bno\s+(?:information|mention|data)\b"
    r"|没有(?:提到|提及|说明|披露|涉及|相关信息)|未(?:提到|提及|说明|披露|涉及)|记录中没有",
    re.IGNORECASE,
)


def _source_header(n: int, c: Chunk) -> str:
    who = c.speaker
    detail = ", ".join(x for x in (c.title, c.affiliation) if x)
    if detail:
        who += f" ({detail})"
    section = SECTION_LABELS.get(c.section, c.section)
    if c.section == "qa" and c.exchange is not None:
        section += f", exchange {c.exchange}"
        if c.asked_by:
            section += f", answering {c.asked_by}"
    call = " ".join(x for x in (c.call_title or c.company, c.call_date) if x) or c.call_id
    return f"[{n}] {who} | {section} | {call}"


def format_sources(chunks: Sequence[Chunk]) -> str:
    """Numbered sources, each fenced so its text reads as data (fence markers are neutralised)."""
    blocks = []
    for n, c in enumerate(chunks, start=1):
        body = c.text.replace("<<<", "‹‹‹").replace(">>>", "›››")
        blocks.append(f"{_source_header(n, c)}\n<<<\n{body}\n>>>")
    return "\n\n".join(blocks)


def _quoted_first(draft: Draft | None, chunks: Sequence[Chunk]) -> list[Chunk]:
    """The passages an offline answer quotes (a metadata answer's are found by speaker or
    exchange, not by similarity), then the other retrieved ones."""
    quoted = [q.chunk for q in draft.quotes] if draft else []
    return list({c.chunk_id: c for c in [*quoted, *chunks]}.values())


def _llm_answer(
    engine: Engine,
    ask: Ask,
    sources: Sequence[Chunk],
    streaming: bool,
    timings: dict[str, float],
) -> Generator[str, None, Answer]:
    """Generate (yielding deltas when streaming), then verify; the generator returns the Answer."""
    settings = engine.settings
    assert engine.llm is not None
    user = fill(load_prompt("answer"), sources=format_sources(sources), question=ask.text)
    msgs = messages(load_prompt("system"), user)
    if streaming:
        parts: list[str] = []
        for delta in stream_chat(engine.llm, msgs, settings):
            parts.append(delta)
            yield delta
        raw = "".join(parts)
    else:
        raw = chat(engine.llm, msgs, settings)
    mark = time.perf_counter()
    result = verify_llm_answer(raw, sources, engine)
    result.model = settings.llm_model
    timings["validate_ms"] = _ms(mark)
    return result


def _llm_elsewhere(
    engine: Engine, ask: Ask, filters: Any, timings: dict[str, float]
) -> Generator[str, None, tuple[Answer | None, list[tuple[Chunk, float]]]]:
    """The LLM's answer from the passages outside the section the question names, led by
    'Not found in ...; it is in ...:' (None when it refuses there too), and those passages."""
    assert ask.section is not None
    found = _retrieve(engine, replace(ask, section=None), filters)
    hits = [(h.chunk, float(h.score)) for h in found.hits if h.chunk.section != ask.section]
    if not hits:
        return None, []
    result = yield from _llm_answer(engine, ask, [c for c, _ in hits], False, timings)
    if result.refused:
        return None, []
    sections = [c.section for c in result.citations]
    lead = elsewhere_lead(ask.section, sections or [hits[0][0].section], ask.answers_zh)
    return result.model_copy(update={"answer": lead + result.answer}), hits


def verify_llm_answer(raw: str, sources: Sequence[Chunk], engine: Engine | None = None) -> Answer:
    """Citations to missing sources dropped, numbers checked, quotes located exactly."""
    if not raw or not raw.strip():
        raise LLMError("LLM unavailable (empty reply)")
    renum = renumber_citations(raw.strip(), len(sources))
    text = renum.text
    if not text:
        raise LLMError("LLM unavailable (malformed reply)")
    cited = [sources[n - 1] for n in renum.order]  # new number k -> cited[k - 1]
    parts = claims(text)

    citations: list[Citation] = []
    for k, chunk in enumerate(cited, start=1):
        claim = " ".join(body for body, nums in parts if k in nums) or text
        s, e = best_quote_span(chunk.text, claim, engine.embed if engine else None)
        citations.append(make_citation(k, chunk, s, e))

    all_cited = [c.text for c in cited]
    missing: list[str] = []
    for body, nums in parts:
        passages = [cited[n - 1].text for n in nums if 1 <= n <= len(cited)] or all_cited
        for number in unsupported_numbers(body, passages):
            if number not in missing:
                missing.append(number)

    match = REFUSAL_RE.search(text)
    refused = bool(match) and (not citations or (match is not None and match.start() < 40))
    return Answer(
        question="",
        standalone_question="",
        answer=text,
        refused=refused,
        mode="llm",
        citations=citations,
        unsupported_numbers=missing,
    )
