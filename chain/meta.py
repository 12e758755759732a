"""Metadata answers: who spoke, asked or answered, which firm, who is who, the analysts and
answerers listed, the call's procedure. Answered from the speaker, role and exchange every
chunk carries; the content answer (`chain.extract`) scores the sentences they quote."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from chain.ask import ASKS_DISCLOSURE, Ask, squash
from chain.compose import state_elsewhere, state_section
from chain.draft import Corpus, Draft, Quote, Scored, quoted, refusal_text, said, who
from chain.extend import HANDS_OVER
from chain.extract import DECLINES, YEAR, answers_question, score_sentences
from chain.matching import coverage_of
from chain.subjects import names_in, question_codes
from chain.text import content_terms, glossary_expansion, sentence_spans
from chain.turns import (
    closing_sentence,
    exchanges,
    executives_turns,
    introduction,
    is_instructions,
    is_introduction,
    join_names,
    opening_sentence,
    ordinal_word,
    question_sentences,
    resolve_exchange,
    speaker_turns,
)
from index.glossary import zh_terms
from index.mandarin import simplified
from ingest.models import Chunk
from ingest.parse import executives_named, introduces_people


def answer_meta(
    ask: Ask, hits: Sequence[Chunk], corpus: Corpus, threshold: float, call_id: str | None
) -> Draft | None:
    """Answer who/which-firm questions from metadata.

    Returns None when the question is not one of those, or when metadata cannot answer it
    (the caller then tries the content answer, e.g. "Who is the chairman?" for someone named
    only in the introductions).
    """
    if ask.kind == "content":
        return None
    call = call_id or (hits[0].call_id if hits else None)
    all_chunks = corpus.chunks(call)
    lang = "zh" if ask.answers_zh else "en"
    if ask.kind == "list_analysts":
        return _list_analysts(ask, all_chunks)
    if ask.kind == "list_answerers":
        return _list_answerers(ask, all_chunks)
    if ask.kind == "who_is":
        return _who_is(ask, all_chunks)
    if ask.procedure:
        return _procedure(ask, all_chunks)

    if len(ask.also_exchanges) > 1 and ask.kind in ("who_asked", "firm", "who_answered"):
        # ("Which analysts asked the first and the last questions?": each one's answer)
        each = [
            answer_meta(replace(ask, exchange=n, also_exchanges=()), hits, corpus, threshold, call)
            for n in ask.also_exchanges
        ]
        return _one_after_another(each, ask.answers_zh)

    # The analyst (or exchange) the question points at: by ordinal, by name, or by topic.
    exchange: int | None = None
    if ask.exchange is not None:
        exchange = resolve_exchange(ask.exchange, all_chunks)
        if exchange is None:
            count = len(exchanges(all_chunks))
            if ask.answers_zh:
                detail = "这次电话会议没有那么多位分析师提问。" if count else ""
            else:
                detail = "The call does not have that many analyst questions." if count else ""
            return Draft(text=refusal_text(ask, detail), refused=True)
    analysts = [c for c in all_chunks if c.role == "analyst"]
    not_them = ""  # an analyst the question names for a question someone else asked
    if exchange is None and ask.speakers:
        named = [c for c in analysts if c.speaker in ask.speakers]
        if len({c.speaker for c in named}) > 1 and (ask.kind == "who_asked" or ask.topic):
            # ("Who asked about Ele.me's RMB 10 billion, the UBS or the Goldman analyst?",
            # "佢喺UBS定高盛?": either named one; the one whose question retrieval put first)
            first = next(
                (c for c in hits if c.role == "analyst" and c.speaker in ask.speakers), None
            )
            named = [c for c in named if first is None or c.speaker == first.speaker]
        if named:
            exchange = named[0].exchange
            if (
                ask.kind in ("who_asked", "firm")
                and _CHALLENGED.search(ask.text)
                and (other := _asked_by_another(ask, exchange, all_chunks, corpus, threshold))
                is not None
            ):
                exchange, not_them = other, who(named[0], ask.answers_zh)
                if ask.named_by_firm:  # (the firm named is checked: cite the right one's)
                    asker = next(c.speaker for c in analysts if c.exchange == other)
                    ask = replace(ask, named_by_firm=(asker,))

    if ask.next_to and exchange is not None and not not_them:
        # ("Who asked right after the Morgan Stanley analyst?": the next exchange, by number)
        numbers = exchanges(all_chunks)
        at = numbers.index(exchange) + ask.next_to if exchange in numbers else -1
        if not 0 <= at < len(numbers):
            # (no one: the named analyst's question opened or closed the Q&A, which their own
            # question, cited, shows)
            turn = [c for c in analysts if c.exchange == exchange]
            named_one = turn[0]
            cited = question_sentences(turn, lang, limit=1)
            mark = " [1]" if cited else ""
            if ask.answers_zh:
                where = "最后" if ask.next_to > 0 else "第"
                detail = f"{named_one.speaker}的提问是{where}一个{mark}。"
            else:
                where = "last" if ask.next_to > 0 else "first"
                quote = f": {quoted(cited[0].text)}" if cited else ""
                detail = f"{who(named_one, False)} asked the {where} question{quote}{mark}"
            return Draft(text=refusal_text(ask, detail), refused=True, quotes=cited)
        exchange = numbers[at]
        ask = replace(ask, exchange=at + 1, speakers=(), named_by_firm=())
    if ask.kind == "who_answered":
        return _who_answered(ask, exchange, all_chunks, hits, corpus, threshold)
    if ask.kind == "who_spoke" and ask.named_by_firm and exchange is not None:
        # ("who was the JP Morgan guy and what was he asking about?": the analyst the firm
        # names, not whoever talked about his topic)
        ask = replace(ask, kind="who_asked")
    if exchange is not None and ask.kind in ("who_asked", "firm"):
        turn = [c for c in analysts if c.exchange == exchange]
        limit = 2 if ask.kind == "who_asked" and not ask.topic else 1
        quotes = question_sentences(turn, lang, limit=limit)
        if not quotes:
            return None
        draft = _analyst_answer(ask, quotes, all_chunks)
        if not_them and not draft.refused:
            note = f"（不是{not_them}。）" if ask.answers_zh else f" (Not {not_them}.)"
            draft = replace(draft, text=draft.text + note)
        return draft
    if ask.kind == "firm" and not ask.topic and not ask.key_terms:
        return None  # (with key terms, "Which analyst asked whether X, and from which bank?")

    # By topic: the best analyst sentence about it (who_asked / firm), or any speaker (who_spoke).
    pool: Sequence[Chunk]
    if ask.kind in ("who_asked", "firm"):
        pool = [c for c in hits if c.role == "analyst"] or analysts
    elif saying := _saying(ask, all_chunks):
        pool = saying  # ("谁说了“千六”?": whoever says the quoted words, an analyst too)
    else:
        wanted = ask.role or "executive"
        pool = [c for c in hits if c.role == wanted] or [c for c in all_chunks if c.role == wanted]
    topic_ask = replace(ask, kind="content", wants_number=False, counted="")
    rows = score_sentences(topic_ask, pool, corpus)
    good = sorted(
        (r for r in rows if answers_question(topic_ask, r, threshold)), key=lambda r: -r.score
    )
    # A sentence naming the topic ("618") beats one that only shares its words ("festival").
    # ... and when none of the answering sentences names it, one naming it beats them if it
    # is from another exchange than the best of them (an analyst's "更多的投入跟合作" is not
    # the one who asked about 饿了么's 100亿); from the same exchange, the better-worded
    # sentence stays.
    naming = _naming_topic(topic_ask, good) or _naming_topic(topic_ask, rows)
    if naming and (not good or naming[0].chunk.exchange != good[0].chunk.exchange):
        good = naming
    if (
        ask.kind == "who_spoke"
        and not ask.role
        and not ask.speakers
        and _SAID_THAT.search(ask.text)
    ):
        # ("Somebody said Taobao takes a smaller cut than other platforms. Who said that?":
        # an analyst says things too, in a question's lead-in; theirs is the answer when it
        # says it better than any executive does: a statement, not a question, and naming
        # the topic when it is named, as management's must)
        said = score_sentences(topic_ask, [c for c in hits if c.role == "analyst"], corpus)
        said = sorted(
            (
                r
                for r in said
                if answers_question(topic_ask, r, threshold)
                and not r.text.rstrip().endswith(("?", "？"))
            ),
            key=lambda r: -r.score,
        )
        said = _naming_topic(topic_ask, said) or said
        if said and (not good or said[0].score > good[0].score):
            good = said
    if not good and ask.kind in ("who_asked", "firm"):
        good = _spread_question(topic_ask, rows, corpus, threshold)
    if not good:
        return None
    best = good[0]
    if ask.kind in ("who_asked", "firm"):
        return _analyst_answer(ask, [Quote(best.chunk, best.start, best.end)], all_chunks)
    return _who_spoke(ask, good)


def _one_after_another(drafts: Sequence[Draft | None], zh: bool) -> Draft | None:
    """The drafts' answers in turn, their citations numbered on; None unless each answers."""
    if not drafts or any(d is None or d.refused for d in drafts):
        return None
    text, quotes = "", list[Quote]()
    for d in drafts:
        assert d is not None
        part = re.sub(r"\[(\d+)\]", _shifted(len(quotes)), d.text)
        text = f"{text}{part}" if zh or not text else f"{text} {part}"
        quotes += d.quotes
    return Draft(text=text, quotes=quotes, support=min(d.support for d in drafts if d))


def _shifted(by: int) -> Callable[[re.Match[str]], str]:
    return lambda m: f"[{int(m[1]) + by}]"


# Words the question quotes: “...”, "...", ‘...’, 「...」 (two characters or more; a single
# straight quote is an apostrophe too often to count).
_QUOTED = re.compile(r"[“\"‘「『]([^”\"’」』]{2,80})[”\"’」』]")


def _saying(ask: Ask, chunks: Sequence[Chunk]) -> list[Chunk]:
    """The passages that say the words the question quotes, verbatim (either script, any
    case), by the role it asks for ("which executive said ...?") or else by anyone: a quote
    names its speaker, an analyst too."""
    quoted = [simplified(q).lower() for q in _QUOTED.findall(ask.text)]
    roles = (ask.role,) if ask.role else ("executive", "analyst")
    return [
        c
        for c in chunks
        if quoted and c.role in roles and any(q in simplified(c.text).lower() for q in quoted)
    ]


# How much better another analyst's question must cover the topic than the named one's.
OTHER_ASKER_RATIO = 2.0
# "Somebody said X. Who said that?": a statement the question quotes, whoever made it.
_SAID_THAT = re.compile(
    r"(?<=[.!;])\s+Who\s+(?:said|says|made|claimed|stated)\s+(?:that|this|it)\b"
)
# A question that doubts whom it names ("Was it the Morgan Stanley analyst who ...? Who
# actually asked?", "...是摩根士丹利的分析师。该说法是否准确?"): only then is another asker
# put forward ("Which bank does Alicia Yap, who asked about X, work for?" asks her bank).
_CHALLENGED = re.compile(
    r"\bwas\s+it\b|\b(?:actually|really|in\s+fact)\b|\bis\s+(?:that|this|it)\s+(?:true|right"
    r"|correct)|\b(?:true|accurate|correct)\b|准确|属实|对吗|核实|实际|是不是",
    re.IGNORECASE,
)


def _asked_by_another(
    ask: Ask, named: int | None, all_chunks: Sequence[Chunk], corpus: Corpus, threshold: float
) -> int | None:
    """The exchange whose analyst asked about the question's topic, when it is not the one
    the question names ("有文章称，追问阿里云各月增速的是摩根士丹利的分析师。该说法是否准确?
    实际提问者是谁?": Goldman Sachs's Ronald Keung did); None when the named analyst's
    exchange (question and answers: "pre-commerce" in the question, "instant commerce" in
    the answer) is on the topic too, or no one clearly asked about it."""
    analysts = [c for c in all_chunks if c.role == "analyst"]
    # (the named analyst's firm is how the question points at them, not the topic)
    firm = {t for c in analysts if c.exchange == named for t in content_terms(c.affiliation)}
    topic_ask = replace(
        ask,
        kind="content",
        wants_number=False,
        counted="",
        speakers=(),
        key_terms=tuple(t for t in ask.key_terms if t not in firm),
        alt_terms=tuple(t for t in ask.alt_terms if t not in firm),
    )
    best: dict[int | None, float] = {}
    for row in score_sentences(topic_ask, analysts, corpus):
        ex = row.chunk.exchange
        best[ex] = max(best.get(ex, 0.0), row.lexical)
    if not best:
        return None
    top = max(best, key=lambda ex: best[ex])
    if top == named or best[top] < threshold:
        return None
    theirs = [c for c in all_chunks if c.exchange == named and c.role == "executive"]
    answered = max((r.lexical for r in score_sentences(topic_ask, theirs, corpus)), default=0.0)
    if answered >= best[top]:  # (answered on it at least as fully as the other was asked)
        return None
    return top if best[top] >= OTHER_ASKER_RATIO * best.get(named, 0.0) else None


def _exchanges_naming(ask: Ask, all_chunks: Sequence[Chunk]) -> set[int]:
    """The exchanges whose question and answers together name every name of the topic."""
    talk: dict[int, list[str]] = {}
    for c in all_chunks:
        if c.exchange is not None:
            talk.setdefault(c.exchange, []).append(c.embed_text)
    names = topic_names(ask)
    return {
        x
        for x, texts in talk.items()
        if all(names_in(forms, squash(" ".join(texts))) for forms in names)
    }


def _nearest_the_topic(
    ask: Ask, turn: Sequence[Chunk], corpus: Corpus, threshold: float
) -> Quote | None:
    """The answerer's sentence closest to the topic, when the exchange was found through the
    analyst's question and none answers it outright ("... would squeeze TTG's EBITDA": "that
    also will have an impact on EBITDA"): better than how the answer began, if it shares
    half of what a sentence needs."""
    rows = [r for r in score_sentences(ask, turn, corpus) if r.lexical >= threshold / 2]
    best = max(rows, key=lambda r: r.score, default=None)
    return Quote(best.chunk, best.start, best.end, best.score) if best else None


def _declining(answerers: dict[str, list[Chunk]]) -> dict[str, Quote]:
    """Each answerer's first sentence declining to give figures or details, if any."""
    out: dict[str, Quote] = {}
    for name, turn in answerers.items():
        for c in turn:
            span = next(
                ((a, b) for a, b in sentence_spans(c.text) if DECLINES.search(c.text[a:b])), None
            )
            if span:
                out[name] = Quote(c, *span)
                break
    return out


def _without_disclosure_ask(ask: Ask) -> Ask:
    """The question less the words of a later "did he give any details?" ask, which the
    answers need not share: "谁回答的?他有没有透露细节?" is found by its topic (618)."""
    asked = " ".join(m.group(0) for m in ASKS_DISCLOSURE.finditer(ask.text))
    if not asked:
        return ask
    words = set(content_terms(f"{asked} {glossary_expansion(asked)}"))
    key = tuple(t for t in ask.key_terms if t not in words)
    alt = tuple(t for t in ask.alt_terms if t not in words)
    return replace(ask, key_terms=key, alt_terms=alt) if key or alt else ask


def _spread_question(
    ask: Ask,
    rows: Sequence[Scored],
    corpus: Corpus,
    threshold: float,
    by: Callable[[Chunk], object] = lambda c: c.chunk_id,
) -> list[Scored]:
    """An analyst's question whose topic is spread over its sentences ("there are some smaller
    models ... / ... demand for inference compute power ..."): the best sentence of the one
    passage whose sentences together cover the topic as a single sentence would have to, and
    name all its names. (Stricter than a sentence's bar: most of the topic, not a part.)
    `by` groups sentences another way: by exchange, a question and its answers together."""
    names = topic_names(ask)
    by_chunk: dict[object, list[Scored]] = {}
    for r in rows:
        by_chunk.setdefault(by(r.chunk), []).append(r)
    best: tuple[float, list[Scored]] | None = None
    for sentences in by_chunk.values():
        together = frozenset().union(*(r.matched for r in sentences))
        flat = squash(" ".join(r.text for r in sentences))
        if not all(names_in(forms, flat) for forms in names):
            continue
        covered = coverage_of(ask, together, corpus)
        if covered >= max(2 * threshold, 0.5) and (best is None or covered > best[0]):
            best = (covered, sorted(sentences, key=lambda r: -r.score))
    return best[1] if best else []


def topic_names(ask: Ask) -> list[tuple[str, ...]]:
    """The names in a metadata question's topic, each with its accepted spellings: numbers
    that name something (an event, a product: "618"; not years), acronyms/codes, capitalised
    names ("Youku"), and in a Chinese topic the glossary terms whose English is a name
    ("饿了么" ~ "Ele.me"). They are the topic's rarest, least paraphrasable terms; the other
    topic words may be paraphrased ("shopping festival" for "campaign")."""
    if not ask.topic:
        # ("是哪位分析师就今年618大促的策略提出了问题?": no topic marker found, but an
        # event's number is still the rarest word of what was asked about)
        return [
            (n,) for n in ask.question_numbers
            if "." not in n and not YEAR.match(n) and len(n) >= 3
        ]  # fmt: skip
    flat = squash(ask.topic)
    numbers = [
        (n,) for n in ask.question_numbers
        if "." not in n and not YEAR.match(n) and re.search(rf"(?<![\d.]){n}(?!\d)", ask.topic)
    ]  # fmt: skip
    names: list[tuple[str, ...]] = [(c,) for c in question_codes(ask) if c in flat]
    if ask.zh:
        # A glossary value may list several spellings ("Freshippo Hema"); the company's own
        # name is not among Ask.entities ("阿里巴巴" is in every passage).
        for zh, english in zh_terms(ask.topic):
            spellings = {squash(w) for w in english.split() if len(squash(w)) >= 3}
            if english[:1].isupper() and spellings & set(ask.entities):
                names.append(tuple(sorted({squash(zh), squash(english)} | spellings)))
    else:
        names += [(e,) for e in ask.entities if e in flat and len(e) >= 4 and (e,) not in names]
    return list(dict.fromkeys(numbers + names))


def _naming_topic(ask: Ask, rows: Sequence[Scored]) -> list[Scored]:
    """Sentences (best first) that contain every name of the question's topic (see
    `topic_names`), for when none covers enough of its words: numbers the question states
    are topic terms here, not echoed figures."""
    names = topic_names(ask)
    if not names:
        return []

    def names_all(text: str) -> bool:
        flat = squash(text)
        return all(
            # (ASCII bounds: "有个100亿" names 100)
            re.search(rf"(?<![0-9A-Za-z.]){re.escape(forms[0])}(?![0-9A-Za-z])", text)
            if forms[0].isdigit()
            else names_in(forms, flat)
            for forms in names
        )

    found = sorted((r for r in rows if names_all(r.text)), key=lambda r: -r.score)
    if found:
        return found
    # (or one exchange's sentences together, in both languages: "与饿了么合作投入100亿元" is
    # asked as "invest RMB 10 billion with Ele.me" and "要投资100亿")
    by_exchange: dict[int, list[Scored]] = {}
    for r in rows:
        if r.chunk.exchange is not None:
            by_exchange.setdefault(r.chunk.exchange, []).append(r)
    naming = [rs for rs in by_exchange.values() if names_all(" ".join(r.text for r in rs))]
    return sorted(naming[0], key=lambda r: -r.score) if len(naming) == 1 else []


def _introduction(all_chunks: Sequence[Chunk]) -> tuple[Quote, dict[str, str]] | None:
    """The host's sentence introducing the executives, and each one named with their title."""
    for c in all_chunks:
        if c.role == "analyst" or not introduces_people(c.text):
            continue
        for a, b in sentence_spans(c.text):
            if named := executives_named(c.text[a:b]):
                return Quote(c, a, b), named
    return None


def _on_the_call(ask: Ask, all_chunks: Sequence[Chunk]) -> Draft | None:
    """'Which executives are on the call?': the host's introduction, quoted, with each
    person's title as introduced."""
    if not (found := _introduction(all_chunks)):
        return None
    quote, named = found
    people = [f"{n} ({t})" if t else n for n, t in named.items()]
    if ask.answers_zh:
        head = f"参加电话会议的有：{join_names(people, True)}。{who(quote.chunk, True)}介绍："
    else:
        head = f"On the call: {join_names(people, False)}. {who(quote.chunk)} said: "
    return Draft(text=f"{head}{quoted(quote.text)} [1]", quotes=[quote])


def _silent(ask: Ask, all_chunks: Sequence[Chunk]) -> Draft | None:
    """'One executive was introduced but never spoke: who?': those the introduction names who
    have no turn of their own on the call (the introduction quoted)."""
    if not (found := _introduction(all_chunks)):
        return None
    quote, named = found
    spoke = {squash(c.speaker) for c in all_chunks}
    form = "{}（{}）" if ask.answers_zh else "{} ({})"
    silent = [form.format(n, t) if t else n for n, t in named.items() if squash(n) not in spoke]
    host = who(quote.chunk, ask.answers_zh)
    if ask.answers_zh:
        head = (
            f"{join_names(silent, True)}在开场被介绍，但在电话会上没有发言。"
            if silent
            else "开场介绍的每一位高管都发了言。"
        )
        return Draft(text=f"{head}{host}介绍：{quoted(quote.text)} [1]", quotes=[quote])
    head = (
        f"{join_names(silent, False)} {'was' if len(silent) == 1 else 'were'} introduced but "
        "never spoke on the call."
        if silent
        else "Every executive introduced spoke on the call."
    )
    return Draft(text=f"{head} {host} said: {quoted(quote.text)} [1]", quotes=[quote])


def _procedure(ask: Ask, all_chunks: Sequence[Chunk]) -> Draft | None:
    """Who opened / closed the prepared remarks, who handed over to the Q&A: turn order."""
    if ask.procedure == "on_the_call":
        return _on_the_call(ask, all_chunks)
    if ask.procedure == "silent":
        return _silent(ask, all_chunks)
    turns = speaker_turns(
        [c for c in all_chunks if not is_introduction(c) and not is_instructions(c)]
    )
    prepared = [t for t in turns if t[0].section == "prepared"]
    lang = "zh" if ask.answers_zh else "en"
    turn: list[Chunk] | None = None
    quote: Quote | None = None
    if ask.procedure == "open_prepared":
        turn = next((t for t in prepared if t[0].role != "operator"), None)
        quote = opening_sentence(turn, lang) if turn else None
    elif ask.procedure == "close_prepared":
        execs = [t for t in prepared if t[0].role == "executive"]
        turn = execs[-1] if execs else None
        quote = closing_sentence(turn, lang) if turn else None
    else:
        first_qa = next((i for i, t in enumerate(turns) if t[0].section == "qa"), None)
        if first_qa is None:
            return None
        # The moderator's turn that starts the Q&A: the first Q&A turn when it is theirs,
        # else the moderator turn right before it (the end of the prepared section).
        for t in (turns[first_qa], turns[first_qa - 1] if first_qa else None):
            if t and t[0].role in ("ir", "operator"):
                turn = t
                break
        if turn is not None:
            # The hand-over itself ("Operator, please start Q&A session."), else its cue.
            handover = [
                Quote(c, a, b)
                for c in sorted(turn, key=lambda c: c.lang != lang)
                for a, b in sentence_spans(c.text)
                if HANDS_OVER.search(c.text[a:b])
            ]
            cued = handover or question_sentences(turn, lang, limit=1)
            quote = cued[0] if cued else None
    if turn is None or quote is None:
        return None
    name = who(quote.chunk, ask.answers_zh)
    if ask.answers_zh:
        what = {"open_prepared": "开场发言", "close_prepared": "最后发言，结束了准备好的发言",
                "open_qa": "宣布进入问答环节"}[ask.procedure]  # fmt: skip
        return Draft(text=f"{name}{what}：{quoted(quote.text)} [1]", quotes=[quote])
    what = {
        "open_prepared": "opened the prepared remarks",
        "close_prepared": "gave the last of the prepared remarks, closing them",
        "open_qa": "handed over to the Q&A",
    }[ask.procedure]
    return Draft(text=f"{name} {what}: {quoted(quote.text)} [1]", quotes=[quote])


def _analyst_answer(ask: Ask, quotes: Sequence[Quote], all_chunks: Sequence[Chunk]) -> Draft:
    """Who asked / which firm: the analyst's name and firm, then the analyst's own question.
    When the firm is what is asked (or how the question names the analyst), the host's
    introduction is cited for it. Asked of a section the analyst did not speak in ("What did
    Gary Yu ask in the prepared remarks?"), it says where it was found."""
    draft = _analyst_draft(ask, quotes, all_chunks)
    if ask.also_answerers and not draft.refused:
        draft = _with_answerers(draft, ask, quotes[0].chunk.exchange, all_chunks)
    if ask.section:
        return state_elsewhere(draft, ask.section, ask.answers_zh)
    # ("Did 618 come up in the prepared remarks or only in the Q&A, and who raised it?")
    return state_section(draft, ask.answers_zh) if ask.asks_section else draft


def _with_answerers(
    draft: Draft, ask: Ask, exchange: int | None, all_chunks: Sequence[Chunk]
) -> Draft:
    """The analyst's answer, then who answered that analyst, each in their opening words."""
    lang = "zh" if ask.answers_zh else "en"
    if exchange is None:
        return draft
    turns = executives_turns(c for c in all_chunks if c.exchange == exchange)
    quotes = [q for turn in turns.values() if (q := opening_sentence(turn, lang))]
    if not quotes:
        return draft
    first = len(draft.quotes) + 1
    body = " ".join(
        f"{q.chunk.speaker}{'：' if ask.answers_zh else ': '}{quoted(q.text)} [{n}]"
        for n, q in enumerate(quotes, start=first)
    )
    names = join_names([who(q.chunk, ask.answers_zh) for q in quotes], ask.answers_zh)
    added = f"{names}回答了这个问题。{body}" if ask.answers_zh else f"{names} answered. {body}"
    joiner = "" if ask.answers_zh else " "
    return replace(draft, text=f"{draft.text}{joiner}{added}", quotes=[*draft.quotes, *quotes])


def _analyst_draft(ask: Ask, quotes: Sequence[Quote], all_chunks: Sequence[Chunk]) -> Draft:
    c = quotes[0].chunk
    firm = c.affiliation
    ordinal = ordinal_word(ask.exchange, ask.answers_zh) if ask.exchange is not None else ""
    firm_asked = ask.kind == "firm" or c.speaker in ask.named_by_firm
    intro = introduction(c, all_chunks) if firm and firm_asked else None
    if intro and ask.kind == "firm" and c.speaker in ask.speakers and not ask.topic:
        # "Ronald Keung's firm?": the host's introduction says it all; the analyst's
        # question would add nothing asked for. ("Who asked first, and from which firm?"
        # keeps the analyst's question: it shows who that was, in their own words.)
        text = (
            f"{c.speaker}来自{firm} [1]。" if ask.answers_zh else f"{c.speaker} is with {firm} [1]."
        )
        return Draft(text=text, quotes=[intro])
    cited = [intro, *quotes] if intro else list(quotes)
    first = 2 if intro else 1
    intro_mark = " [1]" if intro else ""
    if ask.answers_zh:
        body = " ".join(f"{quoted(q.text)} [{n}]" for n, q in enumerate(quotes, start=first))
        if ask.kind == "firm" and not firm:
            return Draft(text=f"记录中没有写明{c.speaker}所属的机构。", refused=True)
        lead = f"{ordinal}提问的分析师是" if ordinal else "提问的是"
        text = f"{lead}{c.speaker}，来自{firm}{intro_mark}。" if firm else f"{lead}{c.speaker}。"
        return Draft(text=f"{text}{c.speaker}提问：{body}", quotes=cited)
    body = " ".join(f"{quoted(q.text)} [{n}]" for n, q in enumerate(quotes, start=first))
    if ask.kind == "firm":
        if not firm:
            return Draft(text=f"The transcript does not name {c.speaker}'s firm.", refused=True)
        lead = f"The {ordinal} analyst, {c.speaker}, is" if ordinal else f"{c.speaker} is"
        text = f"{lead} with {firm}{intro_mark}. {c.speaker} asked: {body}"
        return Draft(text=text, quotes=cited)
    if ordinal:
        text = f"The {ordinal} question came from {who(c)}{intro_mark}: {body}"
    else:
        # ("who raised it?" after naming it: "about it" would say nothing)
        named = ask.topic and not re.fullmatch(
            r"(?:it|that|this|them|these|those)", ask.topic, re.I
        )
        asked_if = re.match(r"(?:whether|if)\b", ask.topic, re.I)
        topic = (f" {ask.topic}" if asked_if else f" about {ask.topic}") if named else ""
        text = f"{who(c)}{intro_mark} asked{topic}: {body}"
    return Draft(text=text, quotes=cited)


def _who_spoke(ask: Ask, good: Sequence[Scored]) -> Draft:
    """Name up to three speakers whose sentences are about the topic, each with a quote."""
    picked: list[Scored] = []
    for row in good:
        if row.score < 0.8 * good[0].score:
            break
        if row.chunk.speaker not in {p.chunk.speaker for p in picked}:
            picked.append(row)
        if len(picked) == 3:
            break
    quotes = [Quote(r.chunk, r.start, r.end, r.score) for r in picked]
    names = join_names([who(q.chunk, ask.answers_zh) for q in quotes], ask.answers_zh)
    topic = ask.topic or ("这一点" if ask.answers_zh else "this")
    if ask.answers_zh:
        body = " ".join(
            f"{q.chunk.speaker}{said(q.chunk, True, False)}：{quoted(q.text)} [{n}]"
            for n, q in enumerate(quotes, start=1)
        )
        return Draft(text=f"{names}谈到了{topic}。{body}", quotes=quotes)
    body = " ".join(
        f"{q.chunk.speaker} {said(q.chunk, False, False)}: {quoted(q.text)} [{n}]"
        for n, q in enumerate(quotes, start=1)
    )
    return Draft(text=f"{names} talked about {topic}. {body}", quotes=quotes)


def _who_answered(
    ask: Ask,
    exchange: int | None,
    all_chunks: Sequence[Chunk],
    hits: Sequence[Chunk],
    corpus: Corpus,
    threshold: float,
) -> Draft | None:
    """The executives who answered an exchange (by ordinal, analyst name, or topic)."""
    topic_ask = _without_disclosure_ask(
        replace(ask, kind="content", wants_number=False, counted="")
    )
    answerers: dict[str, list[Chunk]] = {}
    good: list[Scored] = []
    by_topic = exchange is None  # (not named by its analyst or its place in the queue)
    if exchange is None:
        execs = [c for c in hits if c.role == "executive" and c.exchange is not None]
        rows = score_sentences(topic_ask, execs, corpus)
        good = sorted(
            (r for r in rows if answers_question(topic_ask, r, threshold)), key=lambda r: -r.score
        )
        if good:
            exchange = good[0].chunk.exchange
            answerers[good[0].chunk.speaker] = []
        else:
            # The answers do not name the topic in the question's words; the analyst's
            # question usually does ("今年618的策略" ~ "今年我们的策略会是怎么样的"): its exchange.
            # (Every name the question gives must be in the call: no "Apple partnership".)
            if not all(corpus.mentions(e) for e in ask.entities):
                return None
            analysts = [c for c in all_chunks if c.role == "analyst" and c.exchange is not None]
            # (In an exchange that names every name of the topic: "CMR ... GMV ... QZT" is
            # not the exchange that named only QZT.)
            named = _exchanges_naming(topic_ask, all_chunks)
            asked = [
                r
                for r in score_sentences(topic_ask, analysts, corpus)
                if r.lexical >= threshold
                and answers_question(topic_ask, r, threshold)
                and r.chunk.exchange in named
            ]
            if asked:
                exchange = max(asked, key=lambda r: r.score).chunk.exchange
            else:
                # No one sentence names it: the exchange whose question and answers together
                # cover the topic ("splitting CMR between GMV, the 0.6% fee and QZT").
                talks = [c for c in all_chunks if c.exchange is not None and c.role != "operator"]
                rows = score_sentences(topic_ask, talks, corpus)
                spread = _spread_question(topic_ask, rows, corpus, threshold, lambda c: c.exchange)
                if not spread:
                    return None
                exchange = spread[0].chunk.exchange
    for name, turn in executives_turns(c for c in all_chunks if c.exchange == exchange).items():
        answerers.setdefault(name, []).extend(turn)
    if ask.topic and len(answerers) > 1 and topic_ask.key_terms:
        # "who answered the part about X": keep the answerer(s) whose sentences cover X best.
        best_of = {
            name: max((r.score for r in score_sentences(topic_ask, turn, corpus)), default=0.0)
            for name, turn in answerers.items()
        }
        top = max(best_of.values())
        answerers = {n: t for n, t in answerers.items() if best_of[n] >= 0.9 * top}
    asker = next((c for c in all_chunks if c.exchange == exchange and c.role == "analyst"), None)
    lang = "zh" if ask.answers_zh else "en"
    # Found by topic: quote each answerer's sentence on it; else how each began to answer.
    on_topic = {
        r.chunk.speaker: Quote(r.chunk, r.start, r.end, r.score)
        for r in reversed(good)
        if r.chunk.exchange == exchange
    }
    # ("..., and did he share any details?": where he declined to, if he did)
    declined = _declining(answerers) if ASKS_DISCLOSURE.search(ask.text) else {}
    quotes = [
        q
        for name, turn in answerers.items()
        if turn
        and (
            q := declined.get(name)
            or on_topic.get(name)
            or (by_topic and _nearest_the_topic(topic_ask, turn, corpus, threshold))
            or opening_sentence(turn, lang)
        )
    ]
    if not quotes:
        return None
    names = join_names([who(q.chunk, ask.answers_zh) for q in quotes], ask.answers_zh)
    if claimed := ask.claimed_answerer:  # "Did Eddie Wu answer it?": yes, or no and who did
        if claimed in answerers:
            names = f"是的，{names}" if ask.answers_zh else f"Yes. {names}"
        else:
            names = f"不是{claimed}：{names}" if ask.answers_zh else f"No, not {claimed}: {names}"
    ordinal = ordinal_word(ask.exchange, ask.answers_zh) if ask.exchange is not None else ""
    # The asker and firm come from the host's introduction: cited after the answers.
    intro = introduction(asker, all_chunks) if asker else None
    mark = f" [{len(quotes) + 1}]" if intro else ""
    cited = [*quotes, intro] if intro else quotes
    if ask.answers_zh:
        whose = f"（提问者：{who(asker, True)}）" if asker else ""
        body = " ".join(
            f"{q.chunk.speaker}：{quoted(q.text)} [{n}]" for n, q in enumerate(quotes, start=1)
        )
        source = f"（主持人介绍提问者：{quoted(intro.text)}{mark}）" if intro else ""
        return Draft(
            text=f"{names}回答了{ordinal or '这个'}问题{whose}。{body}{source}", quotes=cited
        )
    whose = f" from {who(asker)}" if asker else ""
    which = f"the {ordinal} question" if ordinal else "that question"
    body = " ".join(
        f"{q.chunk.speaker}: {quoted(q.text)} [{n}]" for n, q in enumerate(quotes, start=1)
    )
    source = f" The host introduced the question: {quoted(intro.text)}{mark}" if intro else ""
    return Draft(text=f"{names} answered {which}{whose}. {body}{source}", quotes=cited)


def _list_analysts(ask: Ask, all_chunks: Sequence[Chunk]) -> Draft:
    turns: dict[str, list[Chunk]] = {}
    for c in all_chunks:
        if c.role == "analyst":
            turns.setdefault(c.speaker, []).append(c)
    lang = "zh" if ask.answers_zh else "en"
    quotes = [q for turn in turns.values() if (q := opening_sentence(turn, lang))]
    if not quotes:
        return Draft(text=refusal_text(ask), refused=True)
    items = [f"{who(q.chunk, ask.answers_zh)} [{n}]" for n, q in enumerate(quotes, start=1)]
    # The count is the number of analysts cited, one citation each.
    count = len(quotes)
    if ask.answers_zh:
        zh_count = "一二三四五六七八九十"[count - 1] if count <= 10 else str(count)
        lead = f"共有{zh_count}位分析师提问，按提问顺序是："
        return Draft(text=lead + "、".join(items) + "。", quotes=quotes)
    words = ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"]
    number = words[count - 1] if count <= 10 else str(count)
    noun = "analyst" if count == 1 else "analysts"
    text = f"{number} {noun} asked questions, in order: " + ", ".join(items) + "."
    return Draft(text=text, quotes=quotes)


def _list_answerers(ask: Ask, all_chunks: Sequence[Chunk]) -> Draft:
    """'Which executives fielded analyst questions?': management's speakers in the Q&A, in the
    order they first answered, each with whose questions they took and their first answer's
    opening sentence."""
    turns = executives_turns(c for c in all_chunks if c.section == "qa")
    lang = "zh" if ask.answers_zh else "en"
    quotes = [q for turn in turns.values() if (q := opening_sentence(turn, lang))]
    if not quotes:
        return Draft(text=refusal_text(ask), refused=True)
    # (whose questions each took, by name: a count would be a figure no quote states)
    asked = {
        s: list(dict.fromkeys(c.asked_by for c in turn if c.asked_by)) for s, turn in turns.items()
    }
    parts = []
    for n, q in enumerate(quotes, start=1):
        c, names = q.chunk, asked[q.chunk.speaker]
        title = (
            f"（{c.title}）" if ask.answers_zh and c.title else f" ({c.title})" if c.title else ""
        )
        if ask.answers_zh:
            took = f"，回答了{join_names(names, True)}" if names else ""
        else:
            took = f", answering {join_names(names, False)}" if names else ""
        parts.append(f"{c.speaker}{title}{took} [{n}]")
    if ask.answers_zh:
        return Draft(text="回答分析师提问的高管有：" + "；".join(parts) + "。", quotes=quotes)
    return Draft(text="Answering the analysts' questions: " + "; ".join(parts) + ".", quotes=quotes)


def _who_is(ask: Ask, all_chunks: Sequence[Chunk]) -> Draft | None:
    """'Who is Toby Xu?' -> title/firm; 'Who is the CFO?' -> the speaker with that title."""
    target = ask.speakers[0] if ask.speakers else None
    if target is None:
        m = re.match(r"^\s*who\s+(?:is|was|are|were)\s+(?:the\s+)?(?P<x>[^,?]+)", ask.text, re.I)
        wanted = squash(m.group("x")) if m else ""
        for c in all_chunks:
            if wanted and c.title and squash(c.title) in (wanted, f"{wanted}s"):
                target = c.speaker
                break
    if target is None:
        return None
    quote = opening_sentence([c for c in all_chunks if c.speaker == target])
    if quote is None:
        return None
    c = quote.chunk
    role = ", ".join(x for x in (c.title, c.affiliation) if x)
    text = f"{c.speaker} is {role}." if role else f"{c.speaker} spoke on the call."
    verb = "asked" if c.role == "analyst" else "said"
    return Draft(text=f"{text} {c.speaker} {verb}: {quoted(quote.text)} [1]", quotes=[quote])
