"""Small text tools shared by the offline answerer, follow-up resolution and citation checks.

Regex only: sentence spans with exact offsets, language detection, content terms (a light
English stemmer plus CJK bigrams), and expansion of Chinese questions with the pipeline's one
bilingual glossary (index/glossary.py), so a Chinese question can reach the English
interpretation of the call (the default embedder is English-only).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from index.cjk import cjk_terms
from index.glossary import expand_zh
from index.stem import stem, stems_of
from ingest.parse import sentence_spans as split_sentences
from ingest.parse import trim_span as trim_whitespace

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’&.-]*[A-Za-z0-9]|[A-Za-z]")
_TOKEN = re.compile(
    r"\d+(?:[.,]\d+)*%?|[A-Za-z][A-Za-z0-9]*(?:['’][A-Za-z]+)?|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
)


def wordset(text: str) -> frozenset[str]:
    """A frozenset of whitespace-separated words (keeps long word lists readable)."""
    return frozenset(text.split())


# ---------------------------------------------------------------------------------------------
# Sentences with exact offsets
# ---------------------------------------------------------------------------------------------

# Interpreter/transcriber markers that carry no content; quotes start after them.
# Matched at a sentence start (`.match(text, start)`: no "^", which would only match at 0).
_MARKER = re.compile(
    r"\s*(?:\[(?:foreign language|inaudible|interpreted|technical difficulty)\]\s*)+",
    re.IGNORECASE,
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, trimmed of whitespace and markers.

    The split is ingest's (abbreviation-aware, decimals kept, CJK stops), so chunks, sentence
    vectors and quotes agree on sentence ends; quotes additionally start after markers such as
    "[Foreign language]" and never merge short sentences.
    """
    spans = (trim_span(text, s, e) for s, e in split_sentences(text, 0, len(text)))
    return [(s, e) for s, e in spans if e > s]


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past surrounding whitespace and leading "[Foreign language]" markers
    (ingest's whitespace trim, plus the markers a quote must not start with)."""
    marker = _MARKER.match(text, start, end)
    if marker:
        start = marker.end()
    return trim_whitespace(text, start, end)


# ---------------------------------------------------------------------------------------------
# Language
# ---------------------------------------------------------------------------------------------


def cjk_count(text: str) -> int:
    return len(CJK.findall(text))


def is_chinese(text: str) -> bool:
    """True when CJK characters outnumber Latin words (so "哪位高管谈到了 AI?" counts)."""
    cjk = cjk_count(text)
    return cjk >= 2 and cjk > len(_LATIN_WORD.findall(text))


# ---------------------------------------------------------------------------------------------
# Content terms
# ---------------------------------------------------------------------------------------------

STOPWORDS = wordset(
    """
    a an the and or but if then so than too very also just only even both either neither nor
    of in on at to for from by with about into onto over under after before during since until
    toward towards put puts putting
    as per via up down out off again further once here there where when why how what which who
    whom whose this that these those it its it's itself they them their theirs we us our ours
    you your yours he him his she her hers i me my mine one ones i'm i've i'd i'll we're
    we've you're they're we'd you'd they'd we'll you'll they'll
    is are was were be been being am do does did doing done have has had having will would
    shall should can could may might must let lets
    not no yes any some all each every other such own same more most much many few less
    please thank thanks hi hello okay ok well like get got go going give gave tell told
    remind reminder recap wonder wondering curious pressed grilled quizzed probed named added read
    say says said talk talked talking speak spoke mention mentioned discuss discussed
    comment commented explain explained describe described share shared note noted
    cite cites cited citing quote quotes quoted quoting specific specifically
    think thought know knew see saw look looked mean meant want wanted
    kind sort lot lots thing things way ways something anything everything bit stuff
    roughly approximately really actually truly basically essentially literally honestly
    call calls question questions answer answered asked ask asks transcript management
    company firm executive executives analyst analysts speaker
    fast quickly big large small high low amount number level
    according introduction introductions opening remarks prepared session q&a qa part color
    colour regarding respect terms whether any give gave provide provided compare comparison
    versus vs break breakdown summarize summarise summary overview list describe briefly reconcile
    roundup rundown scorecard snapshot check story pretty actually true earlier given finally
    wording words verbatim accurately exact exactly used print printed printing still
    delineate itemize itemise enumerate quantify specify
    kindly request requesting elaborate clarify inside within flag flagged flagging sub along
    ah lah leh lor hor meh nah nope yeah yep eh wah aiyo aiya hmm um uh erm
    anyone anybody someone somebody everyone everybody nobody
    isn't aren't wasn't weren't didn't doesn't don't hasn't haven't
    """
)

# Words that name a metric rather than a subject: a follow-up that brings its own metric
# ("its margin") replaces these from the previous question instead of stacking them.
METRIC_WORDS = wordset(
    """
    revenue revenues sales growth grow grew grown margin margins profit profits profitability
    income loss losses ebita ebitda earnings cash flow rate rates take capex spending investment
    investments cost costs price prices dividend dividends buyback buybacks repurchase
    repurchases guidance outlook forecast share shares users user members member orders gmv
    monetization count percentage percent adjust adjusted ebitda gaap non-gaap net gross
    operating
    """
)

# Predicate words: they say what happened, not to what, so they never make a follow-up
# self-contained and are not carried as a topic.
PREDICATE_WORDS = wordset(
    """
    grow rise fall drop decline increase decrease change improve drive drove driven expect
    plan happen affect impact cause accelerate slow narrow widen contribute compare sustain
    sustainable continue remain reason why mean expectation drag weigh hurt help boost swing
    turnaround behind move moved moving shift shifted trend trended
    """
)


# The stems those words take in any inflection ("compared" -> "compar"), and words that say
# what happened or when, not to what: "how did it compare with the previous quarter?"
METRIC_STEMS = stems_of(METRIC_WORDS)
RELATIVE_STEMS = stems_of(
    PREDICATE_WORDS
    | wordset(
        "year quarter month annual period ago last prior previous earlier sequential sequentially"
        " qoq yoy"
    )
)


# Titles written as acronyms: a role ("the CFO"), never a business or a metric.
ROLE_ACRONYMS = frozenset(("CEO", "CFO", "COO", "CTO", "CIO"))


# Language names: a question about languages ("in which languages could questions be asked?")
# is answered by a sentence naming one ("ask questions in Chinese or English"), and a language
# name in a question is a word, not a name the answer must repeat ("Mandarin").
LANGUAGES = wordset(
    "chinese mandarin cantonese english japanese korean french german spanish portuguese "
    "arabic russian hindi indonesian thai vietnamese malay turkish italian"
)


# Spelled-out counts and sizes: "seventh consecutive quarter", "triple-digit growth",
# "two MoE models" state figures as much as "7" does. Sizes of a change are no counts.
COUNT_WORDS = wordset(
    """
    two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty
    fifty hundred hundreds thousand thousands million millions billion billions trillion dozen
    """
)
RATE_WORDS = wordset(
    "half twice double triple single-digit double-digit triple-digit double-digits triple-digits"
)
NUMBER_WORDS = COUNT_WORDS | RATE_WORDS
# Ordinals count as figures only when they count something ("seventh consecutive quarter"),
# not as discourse markers ("my first question").
_ORDINAL_FIGURE = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+"
    r"(?:consecutive|straight|successive|quarter|year|time|largest|biggest)"
)


def _spelled_re(words: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives}|{_ORDINAL_FIGURE})\b", re.IGNORECASE)


_NUMBER_WORD_RE = _spelled_re(NUMBER_WORDS)
_COUNT_WORD_RE = _spelled_re(COUNT_WORDS)
# A lone "一个"/"一位" is the article "a" ("这样的一个服务"), not a count.
_ZH_NUMERAL_RE = re.compile(
    r"(?:[二两三四五六七八九十百千万亿][一二两三四五六七八九十百千万亿]*"
    r"|一[一二两三四五六七八九十百千万亿]+)(?:个|位|倍|成|%|季度|年)|一(?:倍|成)"
)


def states_figure(text: str) -> bool:
    """Does the text state a figure: digits, a spelled-out count, or a Chinese numeral?"""
    return has_digit(text) or bool(_NUMBER_WORD_RE.search(text) or _ZH_NUMERAL_RE.search(text))


def spells_count(text: str) -> bool:
    """A count in words ("two drivers", "seventh consecutive quarter", "五千万个"), not the
    size of a change ("double-digit growth")."""
    return bool(
        _COUNT_WORD_RE.search(text) or _ZH_NUMERAL_RE.search(text) or _ONE_AS_COUNT.search(text)
    )


# "one" is mostly an article-like word ("one of our ..."); after these it is a count.
_ONE_AS_COUNT = re.compile(r"\b(?:than|only|just|exactly|limited to)\s+one\b", re.IGNORECASE)


def tokens(text: str) -> list[str]:
    """Surface tokens: numbers, Latin words, CJK runs (in order)."""
    return _TOKEN.findall(text)


_SIZE_COMPARED = {"bigger": "larger", "larger": "larger", "biggest": "largest",
                  "largest": "largest", "smaller": "smaller", "smallest": "smallest"}  # fmt: skip


# "All others", the segment of everything else: its words are stopwords, its name is not.
_ALL_OTHERS = re.compile(r"\ball\s+others?(?=\s+segments?\b)", re.IGNORECASE)
_BREAK_EVEN = re.compile(r"\b(?:break|breaks|breaking|broke)[\s-]+even\b", re.IGNORECASE)
# "our press release", "the earnings release": a document, not anything released ("What did
# they release?")
_PRESS_RELEASE = re.compile(r"\b(?:press|earnings|results)\s+releases?\b", re.IGNORECASE)
# "the next few quarters", "the coming quarters": one term, so a question about them is not
# matched by "the next 10 to 20 years" (nor "next" alone by any "next"). (Not years: "the next
# fiscal year" is also "fiscal year 2026" and "the new fiscal year", which a term would miss.)
_NEXT_PERIOD = re.compile(
    r"\b(?:next|coming|upcoming)\s+(?:[\w-]+\s+){0,3}?(?P<unit>quarter|month)s?\b",
    re.IGNORECASE,
)
_SIZE_ASKED = frozenset(("how", "so", "too", "as"))
# Nouns a size judges rather than sorts: "a small impact", "a small part".
_JUDGED = stems_of(
    wordset(
        "impact part number amount portion percentage share piece fraction bit increase "
        "decrease decline change contribution effect difference"
    )
)


def _names_a_kind(words: Sequence[str], i: int) -> bool:
    """ "small" at `i` qualifies a noun as a kind ("small Qwen models", "small merchants"), not
    a size asked ("how small") or judged ("a small impact")."""
    before = words[i - 1].lower() if i else ""
    after = words[i + 1].lower() if i + 1 < len(words) else ""
    return (
        before not in _SIZE_ASKED
        and after.isalpha()
        and after not in STOPWORDS
        and stem(after) not in _JUDGED
    )


def content_terms(text: str, *, drop: Iterable[str] = ()) -> list[str]:
    """Stemmed content words, numbers (normalised) and CJK bigrams, stopwords removed, in order.

    `drop` removes extra (already stemmed) terms, e.g. the company's own name.
    """
    dropped = set(drop)
    out: list[str] = []
    text = _ALL_OTHERS.sub(" allothers ", text)  # (a segment's name of stopwords)
    text = _BREAK_EVEN.sub(" breakeven ", text)  # (an idea of two stopwords)
    text = _PRESS_RELEASE.sub(" pressrelease ", text)
    text = _NEXT_PERIOD.sub(lambda m: f" next{m.group('unit').lower()} ", text)
    words = tokens(text)
    for i, tok in enumerate(words):
        # ("small Qwen models": a kind of model; "how small" asks a size, "a small impact"
        # judges one)
        if tok.lower() == "small" and "small" not in dropped and _names_a_kind(words, i):
            out.append("small")
            continue
        if CJK.match(tok):
            out.extend(t for t in cjk_terms(tok) if t not in dropped)
            continue
        if tok[0].isdigit():
            out.append(normalise_number_token(tok))
            continue
        low = tok.lower().replace("’", "'")
        if low in STOPWORDS or low.removesuffix("'s") in STOPWORDS:
            continue
        if len(low) == 1:
            continue  # a letter of "e-commerce" or "Q&A": in too many words to tell anything
        if low in _SIZE_COMPARED:
            # "the bigger ones": a size compared is a term ("big" alone only asks how much)
            out.append(_SIZE_COMPARED[low])
            continue
        s = stem(tok)
        if s and s not in STOPWORDS and s not in dropped:
            out.append(s)
    return out


def normalise_number_token(tok: str) -> str:
    """'1,000' -> '1000', '18%' -> '18%': lets "18 %" and "18%" meet in lexical matching."""
    return tok.replace(",", "")


def has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


# ---------------------------------------------------------------------------------------------
# Chinese -> English glossary for earnings calls
# ---------------------------------------------------------------------------------------------

# Finance shorthand spelled out before a question is analysed, so "And FCF?" meets a
# transcript that says "free cash flow" (an unknown acronym would otherwise be refused).
# Month names in calendar order (a quarter is named by its last month: "the March quarter").
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")  # fmt: skip

ABBREVIATIONS: dict[str, str] = {
    "FCF": "free cash flow", "OCF": "operating cash flow", "EPS": "earnings per share",
    "YoY": "year-over-year", "QoQ": "quarter-over-quarter", "D&A": "depreciation and amortization",
    "R&D": "research and development", "SG&A": "selling, general and administrative expenses",
    "opex": "operating expenses", "FY": "fiscal year", "bps": "basis points",
    "ROE": "return on equity", "ROI": "return on investment", "ARPU": "average revenue per user",
    "MAU": "monthly active users", "DAU": "daily active users", "M&A": "mergers and acquisitions",
    "NI": "net income", "OI": "operating income", "GM": "gross margin",
    "adj.": "adjusted", "Adj.": "Adjusted", "y/y": "year-over-year", "Y/Y": "year-over-year",
    "q/q": "quarter-over-quarter", "Q/Q": "quarter-over-quarter",
    "TAM": "total addressable market",
}  # fmt: skip
# An analyst's note shorthand ("AIDC adj EBITDA this qtr vs same qtr LY", "Mar qtr"): always
# spelled out, since a call's text holds these letters inside its words ("adjusted", "March").
NOTE_SHORTHAND: dict[str, str] = {
    "adj": "adjusted", "Adj": "Adjusted", "qtr": "quarter", "Qtr": "Quarter",
    "qtrs": "quarters", "yr": "year", "yrs": "years", "LY": "last year", "mgmt": "management",
    "rev": "revenue", "Rev": "Revenue", "biz": "business", "econ": "economics", "amt": "amount",
    "param": "parameter", "params": "parameters",
}  # fmt: skip
ABBREVIATIONS.update(NOTE_SHORTHAND)
# A month shortened before a quarter or a date ("the Mar qtr", "Dec 2024"); not "Jan" alone,
# which may be someone's name.
_SHORT_MONTH = re.compile(
    r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?=\s+(?:qtr|quarter|q\b|\d|['’]\d))"
)
_MONTH_NAMES = {m[:3]: m.capitalize() for m in MONTHS}
_ABBREV_RE = re.compile(
    r"(?<![\w&])(" + "|".join(re.escape(k) for k in ABBREVIATIONS) + r")(?![\w&])"
)


def expand_abbreviations(text: str, known: Callable[[str], bool] | None = None) -> str:
    """Spell out finance shorthand ("FCF" -> "free cash flow") unless the call itself uses it
    (`known(squashed)`), in which case the transcript's own spelling is the better match."""

    def repl(m: re.Match[str]) -> str:
        word = m.group(1)
        if known is not None and word not in NOTE_SHORTHAND and known(word.lower()):
            return word
        return ABBREVIATIONS[word]

    def fiscal(m: re.Match[str]) -> str:
        if known is not None and known(squash(m.group(0))):
            return m.group(0)
        year = m.group(1)
        if len(year) == 2:
            year = ("20" if int(year) < 70 else "19") + year
        return f"fiscal year {year}"

    text = _SHORT_MONTH.sub(lambda m: _MONTH_NAMES[m.group(1)[:3].lower()], text)
    text = _GLUED_CURRENCY.sub(r"\1 ", text)  # ("RMB10bn": an amount, no code)
    return _ABBREV_RE.sub(repl, _FISCAL_YEAR_RE.sub(fiscal, text))


_GLUED_CURRENCY = re.compile(r"\b(RMB|USD|HKD|CNY)(?=\d)")


# "FY26", "FY2026", "FY '26": the fiscal year, as calls say it ("fiscal year 2026").
_FISCAL_YEAR_RE = re.compile(
    r"(?<![A-Za-z0-9])FY\s?['’]?(\d{4}|\d{2})(?![A-Za-z0-9])", re.IGNORECASE
)


def squash(text: str) -> str:
    """Lowercase with spaces, hyphens and apostrophes removed: "88 VIP" ~ "88VIP"."""
    return re.sub(r"[\s\-'’.]+", "", text.lower())


def glossary_expansion(text: str) -> str:
    """English glossary terms for the Chinese words in `text` (longest matches first), or ""."""
    return expand_zh(text, overlapping=False)


# A pronoun for a thing ("it", "they"): a follow-up or a question's later part points back.
THING_PRONOUN = re.compile(r"\b(its|it|they|them|their|theirs)\b", re.IGNORECASE)


# Verbs of saying: what a speaker (not an analyst asking) does ("what did he say", "how big
# did she size it", "according to"), in English and Chinese.
SAID_VERB = re.compile(
    r"\b(?:say|says|said|tell|told|explain|explained|think|thinks|thought|expect|expects|"
    r"expected|mention|mentioned|describe|described|answer|answered|respond|responded|"
    r"estimate|estimated|put|see|sees|saw|size|sized|reply|replied|talk|talked|comment|"
    r"commented|discuss|discussed|note|noted|announce|announced|speak|speaks|spoke|reckon|"
    r"reckons|reckoned|claim|claims|claimed|predict|predicts|predicted"
    r"|according to)\b",
    re.IGNORECASE,
)
ZH_SAID_VERB = re.compile(r"说|表态|表示|认为|看待|怎么看|回答|回应|讲|谈|解释|预计|预期|提到")
