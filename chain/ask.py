"""What a question asks, decided once from its text: `analyse(question) -> Ask`.

The offline answerer needs to know whether a question asks for content ("How fast did cloud
grow?") or for metadata ("Who asked about X?", "Which firm is the second analyst with?"),
whether it wants a figure, which terms must be present in an answer, and which speakers or
Q&A exchange it names. All rules are general (English and Chinese question forms).

Three readings have modules of their own: who the question names (`chain.people`), how it
divides into parts (`chain.clauses`) and which fiscal periods it means (`chain.periods`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from chain.clauses import (
    items_asked,
    question_parts,
    sub_queries,
    without_glosses,
    zh_names,
    zh_names_a_subject,
)
from chain.people import (
    GET_VERB,
    MANAGEMENT_AS_THEM,
    ROLES,
    absent_person,
    analysts_answered,
    claimed_answerer,
    edits,
    mentioned_speakers,
    misspelled_parts,
    names_firm,
    names_firm_short,
    titled_speakers,
)
from chain.periods import after_the_calls, next_fiscal_year, quarter_before, this_quarter
from chain.text import (
    LANGUAGES,
    METRIC_STEMS,
    METRIC_WORDS,
    PREDICATE_WORDS,
    STOPWORDS,
    THING_PRONOUN,
    content_terms,
    expand_abbreviations,
    glossary_expansion,
    is_chinese,
    squash,
    stem,
    wordset,
)
from chain.zh_names import romanise_names
from index.acronyms import STANDARD_CODES, STANDARD_TERMS
from index.descriptions import business_name_pattern, described_names, descriptor_words, known_names
from index.glossary import (
    EN_SYNONYMS,
    GLOSSARY,
    en_definitions,
    en_synonyms,
    name_defined_metrics,
    name_defined_metrics_zh,
    spell_pinyin_names,
    zh_term_spans,
)
from index.mandarin import as_mandarin
from index.stem import stems_of

Kind = Literal[
    "content",
    "who_spoke",
    "who_asked",
    "who_answered",
    "firm",
    "who_is",
    "list_analysts",
    "list_answerers",
]

ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "last": -1, "final": -1,
}  # fmt: skip
ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9, "十": 10}  # fmt: skip

_EXCHANGE_NOUN = r"(?:analyst|question(?:er)?|caller|participant|person|exchange|speaker to ask)"
# ("the first analyst to ask about Ele.me" names a topic, not a place; "the first analyst
# to ask a question" is a place)
_NOT_A_PLACE = (
    r"(?!\s+to\s+(?:ask\s+(?:about|on|regarding|whether|if|how|what|why)|raise|bring\s+up"
    r"|mention|question)\b)"
)
_ORDINAL_EN = re.compile(
    rf"\b(?P<o>{'|'.join(ORDINALS)})\s+(?:\w+\s+)?{_EXCHANGE_NOUN}s?\b{_NOT_A_PLACE}",
    re.IGNORECASE,
)
# "Who asked first in the Q&A?", "who went last?": the place asked of an asker.
# ("Which analyst went first?" asks the place; "Who was first to ask about Ele.me?" not.)
_ASKED_NTH = re.compile(
    rf"\b(?:who|which\s+(?:analyst|participant|caller|person))\s+(?:asked|went|spoke|came|was)"
    rf"\s+(?P<o>{'|'.join(ORDINALS)})\b{_NOT_A_PLACE}",
    re.IGNORECASE,
)
_ORDINAL_ZH = re.compile(
    r"第\s*(?P<o>[一二两三四五六七八九十]|\d+)\s*(?:个|位|轮)?\s*(?:分析师|问题|提问)|最后\s*(?:一)?\s*(?:个|位)?\s*(?:分析师|问题|提问)"  # noqa: E501
    # ("首位提问的分析师", "头一个问题", "最先提问的": the first)
    r"|(?P<first>首\s*(?:个|位|轮)|头\s*一?\s*(?:个|位)|最先|最早|首先(?=提问))\s*(?:分析师|问题|提问)"
)

_WHO_ASKED = re.compile(
    # ("Who from UBS asked ...", "who at Citi raised ...")
    r"\bwho\s+(?:(?:from|at|with)\s+(?:[\w.&'’-]+\s+){1,3})?"
    r"(?:asked|raised|posed|wanted to know|inquired|questioned)\b"
    # ("who got the very last question in?", "who squeezed in a question on AIDC?")
    # (one question, got in: not "who got more questions in the Q&A, Eddie or Jiang Fan?")
    r"|\bwho\s+(?:got|managed\s+to\s+get|snuck|sneaked|squeezed|slipped)\s+(?:in\s+)?"
    r"(?:(?:the|a|an|one|very|last|final|first|\w+['’]s)\s+){0,3}"
    r"(?:question|one)\s+in\b(?!\s+(?:the\s+)?(?:q\s*&\s*a|call|session)\b)"
    r"|\bwho\s+(?:snuck|sneaked|squeezed|slipped)\s+in\b"
    # ("Who pressed management on the price war?", "who grilled the CFO about margins?")
    r"|\bwho\s+(?:pressed|pushed|quizzed|grilled|challenged|probed)\s+(?:the\s+)?"
    r"(?:management|executives?|company|team|CEO|CFO|chairman|(?-i:[A-Z]\w+(?:\s+[A-Z]\w+)?))"
    r"\s+(?:on|about|over)\b"
    # ("Who was first to ask about Ele.me?", "who was the last one to bring up AIDC?")
    r"|\bwho\s+(?:was|were)\s+(?:the\s+)?(?:first|last|next|only)\s+(?:(?:one|person|analyst)\s+)?"
    r"to\s+(?:ask|raise|bring\s+up|question)\b"
    r"|\bwhich\s+(?:\w+\s+)?(?:analyst|participant|caller)s?\b"
    # (not who a named analyst is: "who was this analyst Kenneth Fong?")
    r"|\bwho\s+(?:was|is)\s+(?:the|that|this)\s+(?:\w+\s+)?(?:analyst|questioner|caller)\b"
    r"(?!\s+(?-i:[A-Z]))"
    r"|\bwho\s+(?:had|was)\b.*\bquestion\b"
    # ("Did anybody ask about 618?": yes, and who)
    r"|\b(?:did|has|have)\s+(?:anyone|anybody|someone|somebody|any\s+(?:of\s+the\s+)?analysts?)"
    r"\s+(?:ask|raise|bring\s+up|question)\b"
    # A bare "Last analyst on the call — name and firm?" asks who (nothing else after it).
    rf"|^\W*(?:and\s+)?(?:the\s+)?(?:{'|'.join(ORDINALS)})\s+(?:analyst|questioner|caller)"
    r"(?:\s+(?:on|in)\s+(?:the\s+)?(?:call|q\s*&\s*a))?"
    r"(?:\s*[—–:,-]+\s*(?:(?:his|her|their)\s+)?(?:name|firm|who)\b[\w\s&,/]*)?\s*\??\s*$",
    re.IGNORECASE,
)
# "on the (management) team": who someone is, not what the question is about.
_ON_THE_TEAM = (
    r"\b(?:on|from|in|of)\s+(?:the\s+)?(?:management\s+|company\s+|alibaba\s+)?"
    r"(?:team|management|side)\b"
)
_ON_THE_CALL = (
    r"\b(?:on|in|during)\s+(?:the|this|today's)\s+(?:earnings\s+)?call\b"
    r"(?!\s*(?:cent(?:er|re)|option)s?\b)"
)
_ABOUT_LANGUAGE = re.compile(
    r"\blanguages?\b|\bspe(?:ak|aks|aking|oke|oken)\b|\btranslat|\binterpret|\b(?:ask|answer)\w*\b[^?]{0,40}?\bin"
    r"\s+(?:mandarin|chinese|english|cantonese|putonghua)\b",
    re.IGNORECASE,
)
# ... in the present of a retelling too, of a question ("... and which executive takes it?";
# not "who handles investor relations", "which executive takes charge of instant commerce")
_ANSWERS_IT = (
    r"(?:answers|responds\s+to|replies\s+to|takes|handles|fields)\s+(?:it|that|this|him|her|them"
    r"|the\s+(?:\w+\s+)?question|(?:his|her|their)\s+question)\b"
)
_WHO_ANSWERED = re.compile(
    rf"\bwho\s+(?:{_ON_THE_TEAM}\s+)?"
    rf"(?:answered|responded|replied|took|handled|fielded|{_ANSWERS_IT}"
    r"|(?:gave|provided)\s+(?:the|an)\s+(?:answer|response|reply))\b"
    r"|\bwhich\s+(?:\w+\s+)?(?:executive|exec|manager|officer|boss)(?:e?s)?\s+"
    rf"(?:answered|responded|replied|took|handled|fielded|{_ANSWERS_IT}"
    # ("... which executive gave the answer?")
    r"|(?:gave|provided)\s+(?:the|an)\s+(?:answer|response|reply)"
    # (typed casually: "which boss answer him?")
    r"|(?:answer|respond|reply)\s+(?:him|her|them|it|that|the))\b"
    # ("which member of management responded to ...", "which of the executives took it")
    r"|\bwhich\s+(?:(?:member|one|person|individual)s?\s+)?of\s+(?:the\s+)?"
    r"(?:management|leadership|executives?|execs|officers)(?:\s+team)?\s+"
    r"(?:answered|responded|replied|took|handled|fielded)\b"
    # ("Which executive made the point that ..., and whose question was he answering?": the
    # answerer by topic, with the analyst he answered)
    r"|\b(?:which|who)\b[^?]*\bwhose\s+question\s+(?:was|were|did|is)\s+(?:he|she|they)\s+"
    r"(?:answer|answering|respond|responding|reply|replying)\b"
    r"|\b(?:which|who)\b[^?]*\b(?:answering|in\s+response\s+to)\s+(?:whom|which\s+analyst)\b",
    re.IGNORECASE,
)
_FIRM = re.compile(
    r"\b(?:which|what)\s+(?:\w+\s+)?(?:firm|bank|broker(?:age)?|institution|house|shop|outfit|company|employer)s?\b"
    r"|\bwork(?:s|ed)?\s+(?:for|at)\b|(?:\b(?:is|are)|\b(?:who|where)['’]s)\s+(?:\w+\s+){0,4}(?:with|from)\s*\?*$|\bemployed\b|\brepresent"  # noqa: E501
    r"|['’]s\s+(?:firm|bank|broker(?:age)?|employer|shop|house|institution)\s*\??\s*$"
    # ("which analyst and firm got the first question?")
    r"|\b(?:which|what)\s+analyst\s+and\s+(?:which\s+|what\s+)?(?:firm|bank|broker)\b"
    # (a terminal query: "analyst + firm asking RMB10bn Ele.me investment q")
    r"|^\W*(?:analyst|questioner|asker)s?\s*(?:\+|&|and|/)\s*(?:firm|bank|broker)s?\b",
    re.IGNORECASE,
)
_WHO = re.compile(
    r"^\s*(?:and\s+|so\s+)?who\b"
    # (also after a statement: "Somebody said Taobao takes a smaller cut. Who said that?")
    r"|(?<=[.!;])\s+(?-i:Who)\s+(?:said|says|mentioned|claimed|stated|made|raised)\b|\bwhich\s+(?:\w+\s+)?(?:executive|exec|manager|officer|speaker|person|people|member of management)s?\b",  # noqa: E501
    re.IGNORECASE,
)
# "How many questions did Gary Yu ask?" (not "... were asked after Gary Yu?")
_HOW_MANY_DID_ASK = re.compile(r"\bhow\s+many\s+questions\s+did\s+(?!any|the\b|they\b)\w", re.I)
_WHAT_ASKED = re.compile(
    # (not "when asked about X", "was asked": what someone answered)
    r"\bwhat\b.*(?<!when\s)(?<!was\s)(?<!were\s)(?<!being\s)(?<!been\s)(?<!if\s)"
    r"\b(?:ask|asked|question|questions|inquire|inquired|want(?:ed)? to know)\b"
    r"|问了什么|提问了什么|问的是什么|问题是什么",
    re.IGNORECASE,
)


_WHO_IS = re.compile(r"^\s*who\s+(?:is|was|are|were)\s+(?P<x>.+?)\s*\??\s*$", re.IGNORECASE)
# "Which executives fielded analyst questions during the Q&A?", "哪些高管回答了分析师的提问?":
# everyone on management's side who answered, not what about.
_LIST_ANSWERERS = re.compile(
    r"\b(?:which|what|who\s+(?:were|are)\s+the|list|name)\s+(?:the\s+)?(?:executives|execs"
    r"|managers|members\s+of\s+management|people\s+from\s+management)\s+(?:\w+\s+)?"
    r"(?:fielded|answered|took|handled|responded\s+to|replied\s+to)\s+(?:the\s+)?"
    r"(?:analysts['’]?\s+|analyst\s+)?questions\b"
    r"|哪(?:些|几位)(?:高管|管理层)[^?？]{0,6}(?:回答|回应|答复)了?(?:分析师的?)?(?:提问|问题)",
    re.IGNORECASE,
)
_LIST_ANALYSTS = re.compile(
    r"\b(?:which|what|who\s+(?:were|are)\s+the|list|name)\s+(?:the\s+)?analysts\b"
    r"|\bhow many\s+(?:analysts|questions|questioners)\b"
    r"(?![^?]{0,40}\b(?:allowed|per\s+(?:turn|person|analyst|caller)|at a time|limit))",
    re.IGNORECASE,
)
_ZH_WHO_ASKED = re.compile(
    r"(?:谁|哪位|哪个|哪一位)[^，,。？?]{0,6}(?:问了|问到|问过|问的|提问|提出)|谁问"
    r"|哪位分析师|哪个分析师|分析师是谁"
)
_ZH_WHO_ANSWERED = re.compile(
    r"(?:谁|哪位|哪个|哪一位|哪几位|哪些(?!问题|方面|内容|话题))[^，,。？?]{0,6}"
    r"(?:回答|回应|答复|作答|解答|答的|答了)"
)
_ZH_FIRM = re.compile(r"哪家|什么(?:机构|公司|银行|券商)|哪个(?:机构|公司|银行|券商)|来自哪")
_ZH_WHO = re.compile(r"谁|哪位|哪一位|哪个高管|哪些高管")
_ZH_LIST = re.compile(r"哪些分析师|几位分析师|多少(?:位|个)分析师")

_HOW_MUCH = re.compile(
    r"\bhow\s+(?:much|many|fast|big|large|high|low|quickly|strong)\b|\bby how\b|\bwhat\s+(?:(?:exact|precise|approximate)\s+)?(?:percentage|percent|share|amount|number|rate|size)\b"  # noqa: E501
    r"|\bhow\s+(?:did|does|has|have|was|were|is)\b.*\b(?:grow|increase|decrease|decline|change|rise|fall)\b"  # noqa: E501
    # ("at what parameter count / model size ...?": a quantity of a thing)
    r"|\b(?:at|above|below|from|over|under)\s+what\s+(?:[\w-]+\s+)?(?:count|size|threshold|level)\b"
    r"|\bwhat\s+(?!(?:does|do|did|is|are|was|were|kind|sort|type|will|would|can)\b)[\w-]+\s+"
    r"(?:count|size)\b"
    r"|\bnumer(?:ic|ical)\b|\bquantif\w*|\bspecific\s+(?:number|figure)s?\b"
    r"|\bquantum\s+of\b"  # ("what is the quantum of the special dividend?": its amount)
    # ("Request you to clarify the GAAP net income number")
    r"|\b(?:clarify|confirm|share|state|provide|give|quote)\s+(?:me\s+|us\s+)?the\s+"
    r"(?:[\w-]+\s+){1,4}?(?:number|figure|amount)s?\b"
    # ("give me both the non-GAAP and the GAAP number", "Need two TTG numbers: ...")
    r"|\b(?:need|want|give\s+me|looking\s+for)\s+(?:both\s+)?(?:the|a|an|two|three|four|both)\s+"
    r"(?:[\w$-]+\s+){0,4}?(?:number|figure|amount)s?\b"
    r"|\bin\s+(?:%|percent\b|percentage\s+terms\b)"
    r"|\bas\s+a\s+(?:percentage|percent|share|proportion)\s+of\b"
    r"|\breconcile\s+(?:\w+\s+){0,3}?(?:growth|revenue|ebitda|margin|income)\b"
    # ("What capital expenditure figure did management guide to?")
    r"|\bwhat\s+(?:[\w-]+\s+){0,3}(?:figure|number|amount)s?\s+(?:did|does|do|was|were|is|has|have)\b"
    # ("segment revenue and adjusted EBITDA, each with its growth rate")
    r"|\bwith\s+(?:its|their|the)\s+(?:yoy\s+|year-over-year\s+)?growth\s+rates?\b"
    r"|\bup\s+or\s+down\b|\bincrease\s+or\s+decrease\b|\brise\s+or\s+fall\b"
    r"|^\s*what\s+(?:[\w-]+\s+){0,3}(?:margin|revenue|income|profit|ebitda|growth|guidance)s?"
    r"(?:\s+(?:target|rate|figure|number|forecast)s?)?\s+(?:did|does|do)\b[^?]*\b"
    r"(?:report|post|deliver|give|guide|announce)",
    re.IGNORECASE,
)
# 几 after these is "a few", no question: "接下来几个季度" (the next few quarters).
_NOT_A_FEW = r"(?<!接下来)(?<!未来)(?<!过去)(?<!最近)(?<!这)(?<!后面)(?<!之后)(?<!往后)(?<!今后)"
_ZH_HOW_MUCH_ASKED = re.compile(rf"多少|{_NOT_A_FEW}几|百分之|百分比|多快|多大")
# ("回购 金额 股数": the share count asked, in a note's shorthand)
_ZH_HOW_MUCH = re.compile(
    rf"{_ZH_HOW_MUCH_ASKED.pattern}|增速|增幅|规模|股数"
    # (a research note's shorthand: "淘天单季收入、同比?", "收入同比+?%", "环比?")
    r"|(?:同比|环比|收入|营收|利润|亏损|EBITDA|EBITA|利润率)\s*(?:[?？、]|[+＋]|$)",
    re.IGNORECASE,
)
_ZH_VIEW = re.compile(
    r"怎么看|如何看|看法|怎么说|怎么表态|如何表态|怎么评价"
    # (formal: "对增速之判断为何?", "观点如何": a judgment asked, no figure)
    r"|(?:判断|观点|研判|评估|态度|立场)(?:为何(?=\s*(?:[？?。]|$))|如何|是什么|怎样)"
)
# Metrics that are figures (a "what was the ..." question about them wants a number).
NUMERIC_METRICS = wordset(
    "revenue sale grow margin profit income loss ebitda ebita earning cash flow dividend buyback "
    "repurchase member user order gmv rate price capex expenditure spend cost expense % share "
    "download debt leverage ratio"
)
# A part asking what someone said or how something went asks for no figure.
_SAYS_OR_GOES = re.compile(r"\bwhat\s+did\s+.+?\bsay\b|\bhow\s+did\s+.+?\bgo\b", re.I)
_NOT_NUMERIC = re.compile(
    r"^\s*(?:why|how\s+(?:did|does|do|will|would|should|can|could)\s+\w+\s+(?!grow|increase|rise|fall|decline|change))|\b(?:drove|drive|driving|driven|reason|cause|explain|strategy|plan|outlook|expect|think|view"  # noqa: E501
    r")\b|\bwhat\s+(?:is|was|are|were)\s+(?:it|they|this|that)\s+called\b"
    # ("what did management say is their top priority ...": a priority is no figure)
    r"|\b(?:top|main|first|biggest|key|foremost|overriding)\s+(?:priority|priorities|goal|goals"
    r"|objective|objectives|focus)\b"
    r"|\bwhat(?:['’]s|\s+(?:is|was|are|were))?\s+(?:\w+\s+)?behind\b",  # (a cause)
    re.IGNORECASE,
)
_TOPIC = re.compile(
    r"\b(?:about|on|regarding|concerning|discuss(?:ed|es)?|mention(?:ed|s)?|cover(?:ed|s)?|raise[ds]?)\s+(?:the\s+)?(?P<t>.+?)\s*[?.!]*\s*$",  # noqa: E501
    re.IGNORECASE,
)
_ZH_TOPIC = re.compile(
    r"(?:谈到|提到|谈及|说到|讲到|问到|关于|谈论|讨论)了?(?P<t>[^？?。]+)"
    # ("是哪位分析师就与饿了么合作...一事提问?": 就 X 提问 asks about X)
    # (not the adverb: "一开始就向管理层提问", "那就请问")
    r"|(?<!开始)(?<!那)(?<!也)就(?![是向请在])(?P<on>[^？?。，,]{2,40}?)(?:一事|这件事|这一?问题|的问题"
    r"|方面)?(?:提问|发问|提出|询问|追问)"
)

GENERIC = wordset("group quarter year fiscal call earnings company business management people")
# Kinds of thing an answer names ("..., and which product was it?"): no topic of their own.
THING_KINDS = frozenset(
    map(
        stem,
        wordset(
            "product products business businesses company companies firm platform platforms "
            "service services tool tools model models brand brands app apps unit segment "
            "programme program name names one ones thing things"
        ),
    )
)


@dataclass(frozen=True)
class Ask:
    """The parsed intent of one (standalone) question."""

    text: str
    zh: bool
    kind: Kind
    exchange: int | None = None  # 1-based Q&A exchange, -1 = the last one
    # "the first and the last questions": every exchange named, when more than one is
    also_exchanges: tuple[int, ...] = ()
    speakers: tuple[str, ...] = ()  # known speaker names the question mentions
    # Analysts whose question's answer is asked for ("what did management say when they
    # answered Alex Zhou?"): management's passages in their exchange, not their own.
    answering: tuple[str, ...] = ()
    named_by_firm: tuple[str, ...] = ()  # those of them it names by firm ("the UBS analyst")
    # "Who asked right after the Morgan Stanley analyst?": the exchange after (+1) or before
    # (-1) the named analyst's.
    next_to: int = 0
    # "Which firm is he from, and which executive answered?": who answered the analyst, too.
    also_answerers: bool = False
    # "Did Eddie Wu answer Alex Zhou's question?": the executive a who-answered question names
    # as the answerer, to confirm or correct.
    claimed_answerer: str = ""
    wants_number: bool = False
    key_terms: tuple[str, ...] = ()  # content terms an answer should contain
    # The question's terms in the call's words: the English glossary terms of a Chinese
    # question, or an English question with its paraphrases replaced (index/glossary.py).
    alt_terms: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()  # squashed names that must appear (e.g. "tencent", "88vip")
    topic: str = ""  # the phrase after "about"/"谈到", for metadata answers
    role: str | None = None  # role the answer must come from ("executive", "analyst")
    section: str | None = None  # "prepared" / "qa" when the question names a section
    counted: str = ""  # stemmed noun of "how many X": the answer must name it
    # "How many orders ...?", "多少单": a count; a percentage ("order growth of 10%") is none.
    wants_count: bool = False
    # Businesses the question describes instead of naming ("the logistics arm" -> "Cainiao").
    described: tuple[str, ...] = ()
    wants_amount: bool = False  # "in RMB", "how much money", "多少亿元": a currency amount
    # "What was AIDC's revenue?": a level, not a change; an amount states it best (a growth
    # rate alone answers only part of it).
    wants_level: bool = False
    # "in absolute terms": the level itself; a change ("down 1.9 points", "grew 18%") is no
    # answer to it.
    wants_absolute: bool = False
    wants_cause: bool = False  # "why", "what drove", "为什么": an answer that gives a reason
    wants_where: bool = False  # "where were the models published?": a place or platform
    wants_future: bool = False  # "guidance", "outlook", "next year": a forward-looking answer
    asks_ahead: bool = False  # "Will it ...?": only a forward-looking sentence answers
    # A figure question naming nothing but metrics and times ("What was revenue this
    # quarter?", "本季度收入是多少?"): about the whole company.
    headline: bool = False
    company_words: tuple[str, ...] = ()  # the indexed companies' names ("Alibaba", "BABA")
    wants_full_year: bool = False  # "full-year revenue", "整个财年的收入": not a quarter's
    # ... and any question about the whole year ("整个财年下来云收入增长怎么样?"), figure or not
    names_full_year: bool = False
    wants_quarter: bool = False  # "in the March quarter", "本季度": not the full year's
    wants_remaining: bool = False  # "how much remains under the authorization?": what is left
    # "What was Cloud's EBITDA margin this quarter?": the margin itself, which a change of it
    # ("decreased by 1.9 percentage points") does not state
    wants_margin_level: bool = False
    # "Was it 7% or 10%?": figures offered to check, each an answer where the call states it
    offers_figures: bool = False
    wants_when: bool = False  # "When will ...?", 什么时候: an answer that says when
    # "Did he give any numbers on 618?": the figures, or where the speaker declined to.
    asks_disclosure: bool = False
    # ... of a figure ("Did they give a specific percentage guidance for FY26 cloud growth?",
    # "有否给出具体百分比指引"): a figure or a speaker declining answers it; else the answer
    # says no figure was given before quoting what was said (see chain.extract).
    asks_disclosed_figure: bool = False
    wants_exact: bool = False  # "how many percent exactly?": "by double digits" is no answer
    # "What percentage of TTG ad revenue comes through QZT?": a share, not a growth rate.
    wants_share: bool = False
    # "Which segment grew fastest?": ("max", "min" or "fall", "revenue" or "ebitda")
    ranks: tuple[str, str] | None = None
    ranks_named: bool = False  # "Which grew faster, cloud or AIDC?": those two only
    question_numbers: tuple[str, ...] = ()  # numbers the question itself states (years, ...)
    # "Did management announce a RMB 380 billion investment?", "...3800亿元...是否准确": a
    # figure the question asks to be checked (answered by a sentence with a figure, the same
    # or the right one; one with none leaves the claim unconfirmed)
    claimed_figure: str = ""
    # ... asked to be verified ("Is it true that ...?", "是否属实"): the right figure, stated by
    # management, corrects a wrong one; otherwise ("Did management announce RMB 380 billion
    # for AI?") only the same figure confirms it
    claim_checked: bool = False
    absent_person: str = ""  # "What did <name> say" about someone who is not a speaker
    retrieval_query: str = ""
    # One query per thing a multi-part question asks for ("revenue growth for TTG", "... for
    # AIDC"); retrieval fuses their rankings with the whole question's (see chain/answer.py).
    sub_queries: tuple[str, ...] = ()
    parts: tuple[tuple[str, ...], ...] = ()  # key terms of each part of a multi-part question
    breakdown: bool = False  # "how was it split", "break down", "side by side": several figures
    # "the three ways ...", "两大因素": how many points of a speaker's list the question asks
    # for (0: a list of unstated length, "哪几个方面"; None: no list asked for).
    enumerates: int | None = None
    # "open_prepared" / "close_prepared" / "open_qa" / "on_the_call" / "silent": answered by
    # turn order and the introduction
    procedure: str = ""
    asks_section: bool = False  # "... in the prepared remarks or the Q&A?": say where it was said
    # (ACRONYM, expansion) pairs the call spells out and the question uses in either form:
    # "CMR" and "customer management revenue" are the same term for scoring and name checks.
    acronyms: tuple[tuple[str, str], ...] = ()
    # The topic a follow-up's rewrite carried in ("And the bigger ones? (Qwen cloud demand)"):
    # context, whose words count less than the follow-up's own.
    carried: str = ""
    # The language to answer in, when it is not the analysed question's: "那AIDC呢?" after an
    # English question is analysed as "How fast did AIDC revenue grow?" (English words match
    # the call's English sentences) and answered in Chinese.
    reply_zh: bool | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def answers_zh(self) -> bool:
        """Whether the answer's own words (not its quotes) are Chinese."""
        return self.zh if self.reply_zh is None else self.reply_zh


def _plain(text: str) -> str:
    """Lowercase, dots/apostrophes dropped, spaces collapsed: "J.P. Morgan" ~ "JP Morgan"."""
    return " ".join(re.sub(r"[.'’]", "", text.lower()).split())


# "Group adjusted EBITDA", "the group's revenue": the consolidated figure (the company's own
# name, "Alibaba Group", is dropped from a question's terms; a segment's "Tmall Group" stays).
_GROUP_LEVEL = re.compile(
    # (after a little word too, "give me group adj. EBITDA", but not after a name's word:
    # "Taobao and Tmall Group adjusted EBITDA", "local service group adjusted ebitda")
    r"(?:^\W*|\b(?:the|total|overall|whole)\s+|(?P<keep>\b(?:me|us|give|show|tell|was|were|is"
    r"|are|what|and|for|of|on|about|how|did|does|the|its|our|their|in|at|to|from|vs|up|quarter"
    r"|year|fy\d+|q[1-4]|[1-4]q|\d{4}|[a-z]+['’]s)\s+))"  # (and "Alibaba's group EBITDA")
    r"\bgroup(?:['’]s)?(?=[\s-]+(?:level|wide|adjusted|revenue|ebitda|net|income|profitability"
    r"|profit|margin"
    r"|free|operating|cash|numbers|figures|results|metrics)\b)",
    re.IGNORECASE,
)


# "In plain English: ...", "用大白话说": how to answer, nothing to look for ("English" is no
# name the answer must mention).
_REGISTER = re.compile(
    r"\b(?:in|using|with)\s+(?:plain|simple|layman['’]?s['’]?|everyday|non-technical|basic)"
    r"\s+(?:english|terms|words|language|chinese)\b\s*[:,-]?"
    r"|\bin\s+one\s+(?:sentence|line)\b\s*[:,-]?"
    # ("For readers who've never heard of it: what is ...?": whom the answer is for)
    r"|^\W*for\s+(?:my\s+|our\s+|the\s+)?(?:readers|listeners|viewers|audience|students"
    r"|clients|subscribers|followers|beginners|newcomers|non-experts|laymen)\b[^:?,]{0,60}"
    # (a comma only before the question's own word: "For readers new to it, what is ...?")
    # (or before how to answer or a condition: "For my readers, in plain terms: if ...")
    r"(?::|,(?=\s*(?:what|who|how|why|which|when|where|can|could|is|are|does|do|if|in\s+"
    r"(?:plain|simple|short|brief))\b))\s*"
    # ("Pull together the cloud story: ...", "Pull it together for me:")
    r"|\bpull\s+(?:it\s+|this\s+)?together(?:\s+for\s+(?:me|us))?\b\s*[:,-]?"
    # ("I want two things:", "想一次问清两件事:": how many things are asked, before them)
    r"|(?:\b(?:I|we)\s+(?:want|have|need|(?:would|['’]d)\s+like)\s+(?:to\s+(?:ask|know)\s+)?"
    r"|(?:^|(?<=[.!?]\s))\W*)(?:two|three|a\s+couple\s+of|a\s+few)\s+(?:things|questions|points)"
    r"\s*:\s*"
    r"|^\W*(?:我)?(?:想|要)?(?:一次)?(?:问清|问问|问|请教|确认|了解)?(?:一下)?[两二三几]个?"
    r"(?:件事|个?问题|点)(?:情)?\s*[:：]\s*"
    # ("For the purposes of our quarterly review, could you ...": what it is for)
    r"|^\W*for\s+the\s+purposes?\s+of\s+[^,:?]{1,60}[,:]\s*"
    # ("In assessing liquidity headroom, please provide ...": why it is asked, before a request)
    r"|^\W*in\s+(?:assessing|evaluating|reviewing|considering|analy[sz]ing|modell?ing)\s+[^,:?]{1,60}"
    r"[,:]\s*(?=(?:please|could|can|would|will|kindly)\b)"
    # ("For my model I need ...": whom it is for, and that it is wanted)
    r"|\bfor\s+(?:my|our)\s+(?:\w+\s+)?(?:model|notes?|spreadsheet|report|deck|file|memo)\b"
    # (with nothing between but a time or audience word: "For our cloud research:" keeps
    # cloud, the subject)
    r"|\bfor\s+(?:my|our)\s+(?:(?:own|internal|weekly|monthly|daily|morning|team|client)\s+)?"
    r"(?:roadmap|planning|pitch|thesis|research|analysis|newsletter|podcast|show\s+notes)\b"
    r"\s*[:,-]?"
    # ("For the morning note: give me ...", "Need two TTG numbers for the summary: ...")
    # (a time or audience word may come before the noun, never a subject: "For the AIDC
    # report:" keeps AIDC)
    r"|(?:^\W*|\b(?=for\s+\S+\s+(?:[\w-]+\s+)?\w+\s*:))for\s+(?:the|a|this|today['’]s)\s+"
    r"(?:(?:morning|daily|weekly|monthly|evening|internal|team|client|board)\s+)?(?:notes?"
    r"|summary|brief(?:ing)?|write-?up|memo|deck|slides?|newsletter|article|story|piece"
    r"|column|report|record|meeting)\b\s*[:,-]?"
    # ("Need two TTG numbers: ...": how many figures are wanted, not which)
    r"|^\W*(?:I\s+|we\s+)?need\s+(?=(?:the|a|an|two|three|four|both|some)\b)"
    # ("need AIDC for the quarter: revenue + growth": a request, what follows is asked; an
    # acronym only, which stays a name at the start: "need Cloud for ..." keeps its "need")
    r"|^\W*(?:I\s+|we\s+)?need\s+(?=(?-i:[A-Z]{2,}[A-Z0-9&.-]*)\s+(?:for|in|on)\b[^?]*[:?])"
    r"|\b(?:two|three|four|both)\s+(?=(?:[\w-]+\s+)?(?:numbers|figures)\b)"
    # ("Quick segment profitability roundup: ...": how short, not about what)
    r"|^\W*(?:quick|brief)\s+(?=[^:?]{0,60}:)"
    # ("Devil's advocate: ...", "Playing devil's advocate,": how the asker argues)
    r"|^\W*(?:playing\s+|to\s+play\s+)?(?:the\s+)?devil['’]?s\s+advocate\b\s*[:,-]?"
    # ("..., in management's view?": whose view is asked is the call's anyway)
    r"|,?\s*\bin\s+(?:management['’]s|the\s+company['’]s|their|its)\s+(?:view|opinion"
    r"|assessment|eyes)\b"
    # ("Bear case check:", "Compliance review:": what the asker is doing, before a colon; a
    # subject there stays, see _CHECK_LABEL)
    r"|^\W*(?:(?:bear|bull|base)(?:[\s-]+case)?|sanity|fact|reality|gut|spot|time|final|double"
    r"|cross|quick|brief|compliance|legal|attribution|interpreter|translation|IR|accuracy"
    r"|consistency|source|quote|memory|numbers?|figures?|data|pre-?call|post-?call|desk|peer"
    r"|model|channel|consensus|stress|estimates?)"
    r"[\s-]+(?:check|review|test)\s*:\s*"
    r"|\b(?:I|we)\s+(?:need|want|would\s+like|['’]d\s+like)\s+(?=the\b|to\s+know\b)"
    # ("did he manage to get a number out of them?": whether, no topic)
    r"|\b(?:manage[ds]?|managing)\s+to\b(?=\s+\w)"
    # ("My grandson says they run a paid club ...": who said it, not what is asked; not
    # before a name, which would lose its place as one: "My boss says Taobao's ...")
    r"|^\W*my\s+(?:[\w-]+\s+){0,2}?(?:says|said|tells\s+me|told\s+me|claims|reckons)\s+"
    r"(?:that\s+)?(?!(?-i:[A-Z]))"
    # ("a paid club for big spenders, like a Costco card": a likeness, no name asked about)
    # ("Alibaba's Netflix-ish side hustle": a likeness too, no name asked about)
    r"|\b(?-i:[A-Z])[\w&.]*-(?:ish|like|style|esque)\b"
    # ("Writing a bit about X. ...": what the asker is doing; X stays)
    r"|^\W*(?:I['’]m\s+)?writing\s+(?:a\s+(?:bit|piece|post|note|story|thread|column|blurb"
    r"|newsletter)|an\s+(?:article|item|explainer))\s+(?:about|on)\s+"
    # (after a comma: "Does Taobao work like an Amazon marketplace?" asks the likeness)
    r"|,\s*(?:(?:kind|sort)\s+of\s+)?like\s+(?:a|an)\s+(?-i:[A-Z])[\w&'’.-]*(?:\s+[a-z]+){0,2}"
    r"(?=\s*(?:[,.?!)]|$))"
    r"|\bto\s+know\b(?=\s+(?:the|what|how)\b)"
    # ("我在淘宝开店。听说...": who asks, and that it was heard, no part of what is asked)
    # (only a sentence about the asker with a question after it: not "我是想问...。")
    r"|^\W*我(?:在[^。？?!！想]{1,12}(?:开店|工作|上班)|是(?!想)[^。？?!！]{1,12}"
    r"(?:投资者|记者|商家|卖家|学生|分析师))[^。？?!！]{0,8}[。!！](?=[^。]*[?？])|听说|据说"
    # ("我在抖音用千川投流,淘宝对应的工具叫啥?": what the asker does elsewhere, before a comma)
    # (not what the asker saw or heard: "我在新闻上看到“特别股息”," names the topic)
    r"|^\W*我(?:在[^。？?!！,，“”\"]{1,10}?(?:用|开店|卖|做|投|经营)|用)[^。？?!！,，“”\"]{0,12}"
    r"[,，](?=[^。]*[?？])"
    # ("我跑外卖的哈,": what the asker does for a living, no business asked about; the 我
    # may go unsaid: "做速卖通跨境的,顺便问下菜鸟...", not "做得好的")
    r"|^\W*(?:我(?:是)?)?(?:跑|送|开|做|干)(?!得)[^。？?!！,，“”\"]{1,6}的[哈啊呀呢嘛哦]?[,，。!！]\s*"
    # (unless the question points back at it: "我做跨境电商的，这块业务增长多少?")
    r"(?![^。？?]*(?:这块|这一块|这个业务|这边|这方面|这个行业|这部分|这个板块))"
    r"|用大白话(?:说|讲)?|通俗(?:地|点|一点)?(?:说|讲)|简单(?:地|点|来)?(?:说|讲)一?下?"
    # ("敬请告知:本季度...", "请问...": a polite request, no part of what is asked)
    r"|^\W*(?:(?:敬请|烦请|恳请|劳烦|麻烦您?)(?:告知|说明|确认)|请(?:告知|问|您告知))(?:一下)?"
    r"\s*[:：,，]?\s*"
    # ("顺便问下菜鸟...": by the way, I ask)
    r"|顺便(?:问|请教)(?:一)?下|顺便问问|顺带问(?:一)?下"
    # ("From a portfolio standpoint, which ...": whose view, no part of what is asked; not
    # "From a cloud perspective," which names the subject)
    r"|^\W*from\s+(?:a|an|the|my|our|your)\s+(?:portfolio|valuation|model(?:l?ing)?|investor|"
    r"investment|credit|risk|strategic|strategy|high-level|big-picture|financial|accounting|"
    r"governance|compliance|analyst|shareholder|technical|regulatory|macro|trading|editorial)"
    r"\s+(?:standpoint|perspective|point\s+of\s+view|angle|lens|viewpoint)\s*[,:]\s*"
    # (... and a reader's kind: "From an insurer's balance-sheet angle:"; not a role of the
    # call's, "From the CFO's perspective" asks what the CFO said)
    r"|^\W*from\s+(?:a|an|the|my|our|your)\s+(?!(?:CEO|CFO|COO|CTO|chair(?:man|woman)?"
    r"|president|management|company|executive|analyst|interpreter|operator|IR|board)['’])"
    r"[a-z][\w-]*['’]s?\s+(?:[\w-]+\s+){0,2}?"
    r"(?:standpoint|perspective|point\s+of\s+view|angle|lens|viewpoint)\s*[,:]\s*",
    re.IGNORECASE,
)
# "Cloud margin check: ...": the label names the subject ("Cloud margin:"); only the word for
# checking is the asker's.
_CHECK_LABEL = re.compile(r"^(\W*(?:[\w-]+\s+){0,2}[\w-]+)[\s-]+(?:check|review|test)\s*:", re.I)
# "quarter on quarter" is a comparison, never a topic ("better unit economics quarter on
# quarter": not "on quarter"); read in the calls' words.
_ON_PERIOD = re.compile(r"\b(quarter|year|month|week)[\s-]+on[\s-]+\1\b", re.IGNORECASE)


# Metric codes a casual writer types in lowercase ("wat was taobao gmv growth?"): read as the
# codes they are, so "gmv" is checked against the call like "GMV".
_METRIC_CODES = frozenset(
    ["gmv", "eps", "arpu", "mau", "dau", "kpi", "roi", "roe", "fcf", "sbc", "cagr"]
)
# "Was it 7% or 10%?": figures offered to check (not years: "in 2025 or 2026?").
_OFFERS_FIGURES = re.compile(
    r"(?<![\d.])(?!(?:19|20)\d\d\b)\d[\d.]*\s*%?\s+or\s+(?:was\s+it\s+|is\s+it\s+)?"
    r"(?!(?:19|20)\d\d\b)\d"
)
# Spoken fillers, as speech-to-text writes them ("hey what was that town eddie mentioned um
# the small commodity place"): no words of the question. (Lowercase, whole words only: "ERM",
# "Hi-tech" are words.)
_FILLERS = re.compile(
    r"^\W*(?i:hey|hi|hello|okay|ok)(?![-\w])(?:\s+(?:so|there))*\s*[,!]?\s*"
    # ("🧵 thread time. need AIDC ... go go go": how a post is announced and urged on)
    r"|^\W*(?i:(?:thread|tweet|post|newsletter)\s+time|quick\s+(?:one|q)|real\s+quick)\s*[.!:,]+\s*"
    r"|(?<=[.?!])\s*(?i:(?:go\s+){1,3}go|asap|pls|plz|thx|tia)\s*[.!]*\s*$"
    r"|(?<![-\w])(?:uh-huh|u+m+|u+h+|e+rm+|hm+)(?![-\w]),?\s*"
)
# "Could you set out / lay out / spell out the figures?": a request to give them (no "set").
_SET_OUT = re.compile(r"(?<=\byou\s)(?:set|lay|spell)\s+out\b", re.IGNORECASE)
# "that ad tool they keep saying is pulling in money": how often it is said, no topic.
_KEEP_SAYING = re.compile(
    r"\b(?:they|he|she|management|execs?|executives)\s+(?:keep|keeps|kept)\s+(?:saying|claiming"
    r"|mentioning|talking\s+about|bringing\s+up|touting|hyping)\b"
    # ("this RMB 10 billion thing I keep hearing about")
    r"|\b(?:I|we)\s+(?:keep|kept)\s+(?:hearing|reading|seeing)(?:\s+about)?\b",
    re.IGNORECASE,
)
# "That fee they take on our sales": the asker's own sales, which a fee is charged on, are
# no figure the company reports ("our revenue" would ask for the company's).
_ASKERS_SALES = re.compile(
    r"\b(?:on|from|of)\s+(?:my|our)\s+(?:own\s+)?(?:sales|turnover|orders|transactions)\b",
    re.IGNORECASE,
)
# Examples after a dash, closed as examples ("a paid club - perks, discounts, that sort of
# thing."): what the asker has in mind, no part of what is asked.
_EXAMPLES_ASIDE = re.compile(
    r"\s[-–—]\s[^.?!;:]{0,80}?,?\s*(?:that\s+sort\s+of\s+thing|that\s+kind\s+of\s+thing"
    r"|and\s+so\s+on|and\s+the\s+like|etc)\b\.?",
    re.IGNORECASE,
)
# Item numbers of a list of questions ("1. Who asked after ...? 2. Which firm?", "(1) had
# ..."): no part of any (a "1." read as "first" would ask the first exchange).
_ENUMERATOR = re.compile(r"(?:^|(?<=[\s:;?.!]))(?:\(\d\)|\d[.)])\s+(?=[A-Za-z\u4e00-\u9fff])")
# Chat spellings of question words ("wat was ...?", "hw much ...?").
_CHAT_WORDS = {"wat": "what", "wut": "what", "whats": "what's", "abt": "about"}
_CHAT = re.compile(r"\b(?:" + "|".join(_CHAT_WORDS) + r")\b", re.IGNORECASE)


def _capital_codes(q: str, acronyms: Mapping[str, str]) -> str:
    """A lowercase word that is a metric code or an acronym the call defines ("cmr", "ttg";
    three letters or more: "ads" stays a word), in capitals."""
    codes = _METRIC_CODES | {a.lower() for a in acronyms if len(a) >= 3}
    return re.sub(
        r"(?<![\w.-])[a-z]{3,5}(?![\w-])",
        lambda m: m.group(0).upper() if m.group(0) in codes else m.group(0),
        q,
    )


# "From a credit perspective I'm watching cash generation closely. What was ...?": a first
# sentence about the asker, not the call, before the question.
_ABOUT_THE_ASKER = re.compile(
    r"^[^.?!。？！]*\b(?:I['’]?m|I\s+am|I['’]ve|I\s+have|I\s+was|we['’]re|we\s+are)\b"
    r"[^.?!。？！]*[.!。！]\s+(?=\S)",
    re.IGNORECASE,
)
# ... kept when what follows checks it: "I'm crediting Toby Xu with the line. Is that the
# right attribution?", "... Correct?"
_CHECKS_IT = re.compile(
    r"^\W*(?:is|was)\s+(?:that|this)\s+(?:the\s+)?(?:right|correct|accurate|true|fair)\b"
    r"|^\W*(?:correct|right|true|accurate)\s*[?？]",
    re.I,
)
# "New on the coverage team here.", "Long-time shareholder here.": who asks, holding nothing a
# pronoun after it could point back to.
_ASKER_HERE = re.compile(r"^[^.?!。？！]{1,60}\bhere\s*[.!]\s+(?=\S)", re.IGNORECASE)
# ... or before a dash or colon, in a request as well as a question ("FX desk here - I need
# the net cash pile in both currencies.")
# (a desk or role before "here", never a subject: "Cloud here - what drove it?" keeps Cloud)
_ASKER_HERE_DASH = re.compile(
    r"^[^.?!。？！:–—-]{0,40}\b(?:desk|team|analyst|investor|PM|trader|shareholder|reporter"
    r"|journalist|producer|engineer|founder|student|banker|strategist|manager|officer|writer"
    r"|researcher|owner|seller|merchant|buyer|consultant|economist|professor|host)s?\s+here"
    r"\s*[:–—-]+\s+(?=\S)",
    re.I,
)


# ... and what the asker does, before a colon or full stop ("I sit on a pension board, not a
# trading desk, so please keep it simple: how much ...?"); only with no name in it ("I cover
# Cloud: what was growth?" keeps Cloud).
_ASKER_DOES = re.compile(
    r"^[^?!:。？！：]*?\b(?:I|we)\s+(?:sit|work|run|manage|sell|own|hold|invest|represent"
    r"|advise|teach|study|trade|vote|look\s+after|need|want|have|must)s?\b[^?!:。？！：]*?(?:[.!。！](?=\s)|[:：])\s*(?=\S)",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"(?<!^)\b(?!I\b)[A-Z]")
_NAMED = re.compile(r"(?<!^)\b(?!I\b)[A-Z][\w&.'’-]*(?:\s+(?:and\s+)?[A-Z][\w&.'’-]*)*(?<![.])")
# "... was it 7% or 10%? I've seen both numbers quoted.": the same, after the question.
_ASKER_AFTER = re.compile(
    # ("... what is it called? Asking as someone building payments infra.": why it is asked)
    r"(?<=[?？])\s+(?:just\s+)?(?:asking|I\s+ask|I['’]m\s+asking)\s+(?:as|for|because|since)\b"
    r"[^?？]*$"
    r"|(?<=[?？])\s+[^?？]*\b(?:I(?:['’]ve|\s+have)\s+(?:seen|heard|read|noticed)|I(?:['’]m|\s+am)"
    r"\s+(?:confused|not\s+sure|just\s+(?:checking|curious))|thanks|thank\s+you)\b[^?？]*$",
    re.IGNORECASE,
)
# "For a boardroom scene I'm writing: which ...?": what the asker is working on, before the
# question.
_FOR_MY_WORK = re.compile(
    # (a kind of writing, with at most a setting or genre word: not "For a grocery story I'm
    # writing", whose grocery may be the subject)
    r"^\W*for\s+(?:a|an|the|my|our|this)\s+(?:(?:(?:boardroom|courtroom|short|new|school"
    r"|class|college|crime|drama|comic|fiction|tv|film|radio|stage|book|blog|podcast)\s+)?"
    r"(?:novel|scene|script|screenplay|story|article|piece|thread|post|blog|newsletter|deck|memo"
    r"|essay|episode|chapter|play|column|book|paper|thesis|dissertation|report|video|speech))"
    r"\s+(?:I|we)(?:['’]m|['’]re"
    r"|\s+am|\s+are)\s+(?:writing|working\s+on|preparing|drafting|putting\s+together|making"
    r"|building|planning|editing|producing)\s*[:,–—-]\s*(?=\S)",
    re.IGNORECASE,
)
# "I'm still learning ..., so forgive the long question, but what I'd really like to
# understand is, ...": the question is what follows.
_WHAT_I_ASK = re.compile(
    r"\b(?:what|the\s+thing|all)\s+I(?:['’]d|\s+would)?\s+(?:really\s+|actually\s+)?"
    r"(?:like\s+to\s+|want\s+to\s+|need\s+to\s+)?(?:know|understand|ask|learn|find\s+out)\s+is"
    r"\s*[,:]?\s*(?=\S)|\bmy\s+(?:real\s+|actual\s+|main\s+)?question\s+is\s*[,:]?\s*(?=\S)",
    re.IGNORECASE,
)


# "Which sell-sider asked ...": the analysts of a call are the sell side.
_SELL_SIDE = re.compile(r"\bsell[- ]?side(?:rs?|\s+analysts?)\b", re.IGNORECASE)
# "Which bank does she cover for?": whom an analyst works for (at the clause's end).
_COVERS_FOR = re.compile(r"\bcover(?:s|ed)?\s+for(?=\s*(?:[?,.;]|$))", re.IGNORECASE)
_SELL_SIDE_FIRM = re.compile(
    r"\bsell[- ]?side\s+(?:shop|house|firm|bank|broker(?:age)?|institution)\b", re.IGNORECASE
)


# How an exam or a brief frames the ask: "Restricting yourself to the prepared remarks rather
# than the Q&A, state what ...": where to look, and the imperative, are no part of the topic.
_RESTRICTING = re.compile(
    r"\b(?:restricting|limiting|confining)\s+(?:yourself|yourselves|your\s+answer|it)\s+to\s+",
    re.IGNORECASE,
)
_NOT_THE = (
    r",?\s*\(?\s*(?:rather\s+than|not|instead\s+of|as\s+opposed\s+to)\s+(?:in\s+)?(?:the\s+)?"
)
_EXAM_VERB = re.compile(
    # (an imperative: at the start, or after a comma or "and"; not "did they explain why")
    r"(?:^|(?<=[,;:.]\s)|(?<=\band\s))(?:state|explain|describe|indicate|identify|specify"
    r"|outline)\s+"
    r"(?=(?:what|which|why|how|whether|who|when)\b)",
    re.IGNORECASE,
)


@functools.cache
def _business_words() -> frozenset[str]:
    """The words of the business and product names the tables know (read once)."""
    names = {w.lower() for name in known_names() for w in re.findall(r"[A-Za-z]{3,}", name)}
    return frozenset(names - GENERIC - {"and", "the", "all", "other"})


def _names_own_business(part: str, zh: bool, company_words: Sequence[str]) -> bool:
    """A later part of a question names a business of its own (not only the company's name,
    which sub-queries carry: "how fast was that growing Alibaba's"), or points back at none."""
    if zh:
        return zh_names_a_subject(part)
    ours = {w.lower() for w in company_words}
    words = [w for w in re.findall(r"[A-Za-z][\w.&-]*", part) if w.lower() not in ours]
    return names_a_business(" ".join(words)) or not re.search(
        r"\b(?:it|its|that|this|they|their)\b", part, re.IGNORECASE
    )


def names_a_business(text: str) -> bool:
    """A word of a business or product name the tables know ("i work in cloud sales"), in
    any case: what the asker does may name the subject."""
    return bool(_business_words() & {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)})


def as_asked(question: str) -> str:
    """The question without what it says about the asker or how to answer (see below): what
    an earlier turn asked, for a follow-up to carry."""
    return _what_is_asked(question, None)


def _what_is_asked(question: str, acronyms: Mapping[str, str] | None) -> str:
    """The question as asked of the call: in simplified Mandarin if Chinese, without what
    is said about the asker or how to answer, casual spellings and codes read as meant."""
    q = _FILLERS.sub(" ", " ".join(question.split())).strip() or question
    q = _REGISTER.sub(" ", as_mandarin(" ".join(q.split()))).strip()
    q = _CHECK_LABEL.sub(r"\1:", q)
    q = _ON_PERIOD.sub(r"\1-over-\1", q)
    q = name_defined_metrics_zh(q) if is_chinese(q) else q
    q = _RESTRICTING.sub("in ", q)
    q = _SET_OUT.sub("give", q)
    q = " ".join(_ASKERS_SALES.sub(" ", _KEEP_SAYING.sub(" ", q)).split())
    q = _EXAMPLES_ASIDE.sub(".", q)
    q = _ENUMERATOR.sub("", q)
    # ("in the prepared remarks (not the Q&A)": the section asked about, and no other)
    for kept, other in ((_PREPARED, _QA), (_QA, _PREPARED)):
        if re.search(rf"\b{kept}", q, re.IGNORECASE):
            q = re.sub(rf"{_NOT_THE}{other}(?:\s+session)?\s*\)?", "", q, flags=re.IGNORECASE)
    q = _EXAM_VERB.sub("", q)
    q = _SELL_SIDE.sub(lambda m: "analysts" if m.group(0).endswith("s") else "analyst", q)
    q = _SELL_SIDE_FIRM.sub("firm", q)  # ("which sell-side shop asked it?")
    q = _COVERS_FOR.sub("works for", q)  # ("which bank does she cover for?")
    q = _ASKER_HERE_DASH.sub("", q)
    q = _FOR_MY_WORK.sub("", q, count=1)
    q = _without_asker_sentences(q)
    if "?" in q or "？" in q:  # (a question, and a sentence about the asker before or after)
        q = _ASKER_AFTER.sub("", _ASKER_HERE.sub("", q))
        # (kept when the question points back into it: "I'm focused on cloud. What was its
        # growth?")
        rest = _ABOUT_THE_ASKER.sub("", q)
        if lead := _ASKER_DOES.match(rest):
            said = lead.group(0)
            if not _CAPITALISED.search(said) and not names_a_business(said):
                rest = rest[lead.end() :]
            elif (names := _NAMED.findall(said)) and not _CHECKS_IT.search(rest[lead.end() :]):
                # ("I sell on Taobao. What's ...?": the name is what it is about, the rest
                # of the sentence is about the asker; not a claim the question checks: "I
                # have it in my notes that Eddie Wu announced it. Correct?")
                rest = f"{' '.join(names)}: {rest[lead.end() :]}"
        if not THING_PRONOUN.search(rest) and not _CHECKS_IT.search(rest):
            q = rest
    if lead := _WHAT_I_ASK.search(q):  # ("..., but what I'd really like to know is, X?")
        # (all before it when that is about the asker; else only the phrase: "On AIDC, what
        # I'd like to know is when it breaks even?")
        about_me = re.search(r"\b(?:I|I['’]m|me|my|forgive)\b", q[: lead.start()])
        q = q[lead.end() :] if about_me else q[: lead.start()] + q[lead.end() :]
    q = _capital_codes(q, acronyms or {})
    return _CHAT.sub(lambda m: _CHAT_WORDS[m.group(0).lower()], q)


# Leading sentences about the asker, before the one asked: who asks ("Hei from Bergen!",
# "Ex-DBA here, spent 12 yrs ...", "Econ teacher again.", "[Hello] from Kumasi, cocoa trader
# ..."), or what they do or have, in the first person ("We export salmon ..., so I watch
# Tmall closely.", 我们是西安的一个游戏团队...。). Not what they heard, think, expect or follow
# ("I read that ...", "I'm focused on cloud.", "Our view is ...", 我关心阿里云。): that is the
# question's premise or topic.
_GREETING = (
    r"(?:hi|hello|hey|hei|hej|hiya|howdy|greetings|good\s+(?:morning|afternoon|evening|day)"
    r"|g['’]day|bonjour|hola|ol[aá]|ciao|salaam|salam|namaste|annyeong|goedemiddag|goedemorgen"
    r"|guten\s+tag|kia\s+ora|ni\s+hao|aloha|bom\s+dia|boa\s+tarde|buen[oa]s\s+(?:d[ií]as|tardes)"
    r"|buongiorno|gr[üu]e?zi|hallo|moin|merhaba|jambo|shalom|konnichiwa|sawasdee|namaskar"
    r"|buenas|salut|wah\s+gwaan|dear\s+(?:sir|madam|sirs|all|team)(?:\s+or\s+madam)?"
    r"|to\s+whom\s+it\s+may\s+concern)"
)
# (a greeting, "again" and where from: "Salaam from Sialkot, ...", "Olá again, ...")
_GREETING_LEAD = re.compile(
    rf"^\W*(?:{_GREETING}\b(?:\s+again\b)?|again\b)?\s*(?:from\s+(?-i:[A-Z])[\w'’.-]*"
    r"(?:\s+(?-i:[A-Z])[\w'’.-]*)*)?\s*[,.!]*\s*",
    re.IGNORECASE,
)
_WHO_HERE = re.compile(r"^(?P<who>(?:[\w'’-]+\s+){0,7}?)(?:here|again)\s*(?:[,.!:(–—-]|$)", re.I)
# ... or a signature: a few words before a comma or dash, then a place or the first person
# ("Grain trader, Almaty.", "Chess coach in Pune - I live on ...", "team lead at a bpo in
# cebu, we do ...", "From a puppet theatre in Brno, ..."), or a word or two on its own
# with "!" ("po!"; not "TTG adj.")
_SIGNATURE = re.compile(
    r"^(?P<who>(?:[\w'’.&-]+\s+){0,6}[\w'’.&-]+)\s*(?:,|\s[–—-])\s*(?P<tail>.*)$", re.S
)
_PLACE = re.compile(r"^(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*){0,2}\s*[.!]*$")
_FIRST_PERSON_START = re.compile(
    r"^\W*(?:(?:so|well|ok|okay)\s*,?\s+)?(?:I|I['’](?:m|ve|d|ll)|we|we['’](?:re|ve)|my|our)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(
    rf"{_FIRST_PERSON_START.pattern}"
    r"(?!.*\b(?:heard|read|saw|seen|noticed|understand\w*|think|thought|believe|told|remember"
    r"|recall|assume|guess|suppose|notes?|wrote|written|quoted|expect\w*|view|interested"
    r"|focus\w*|confused|curious|care|concerned|worried|following|tracking|says?|said|tells?"
    r"|claims?|claimed|reckons?)\b)",
    re.IGNORECASE,
)
_ZH_FIRST_PERSON = re.compile(
    r"^\W*(?:(?:您好|你好|大家好|各位好|[\u4e00-\u9fff]{1,3}们好[哈啊呀]?|请教一下|打扰一下"
    r"|不好意思)[,，!！]?\s*)?(?:我|本人|咱|小弟|在下|鄙人)"
    r"(?!.*(?:听说|看到|读到|以为|认为|觉得|记得|理解|关心|关注|感兴趣|在意|想问|想知道|问一下"
    r"|预期|估计))"
)
# A sentence's end: not "U.S.", "Mr." or "adj." inside one.
_SENTENCE = re.compile(
    r".+?(?:(?<!\.[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\badj)(?<!\bapprox)(?<!\bvs)"
    r"(?<!\bincl)(?<!\bexcl)(?<!\bqtr)(?<!\byr)(?<!\bavg)(?<!\best)[.!](?=\s)|[。！])\s*",
    re.S,
)


def _about_the_asker(sentence: str) -> str | None:
    """ "who" for a sentence saying who asks, "does" for one saying what the asker does or
    has, None for any other (a premise, a topic)."""
    if is_chinese(sentence):
        return "does" if _ZH_FIRST_PERSON.match(sentence) else None
    greeting = _GREETING_LEAD.match(sentence)
    body = sentence[greeting.end() :] if greeting else sentence
    if (
        greeting
        and greeting.group(0).strip()
        and not re.search(r"\b(?:I|I['’]m|we|we['’]re|my|our|me|us)\b", body, re.I)
    ):
        return "who"  # ("Hello from Kumasi, cocoa trader with savings in tech.")
    if (who := _WHO_HERE.match(body)) and not _names_topic(who.group("who")):
        return "who"  # (not "Cloud again.", "Margins again.": what is asked about)
    if len(body.split()) <= 3 and body.rstrip().endswith("!") and not _names_topic(body):
        return "who"
    if (sig := _SIGNATURE.match(body)) and not _names_topic(sig.group("who")):
        if _PLACE.match(sig.group("tail")) or re.match(r"from\s", sig.group("who"), re.I):
            return "who"
        # (or what they are doing: "associate at a seed fund, writing a one-pager for ...")
        if _FIRST_PERSON_START.match(sig.group("tail")) and not _FIRST_PERSON.match(
            sig.group("tail")
        ):
            return "topic"
        if _FIRST_PERSON.match(sig.group("tail")) or re.match(
            r"(?:writing|working|researching|preparing|putting|building|looking|trying)\b",
            sig.group("tail"),
            re.I,
        ):
            return "does"
    if _FIRST_PERSON.match(body):
        return "does"
    # (what they heard, think or follow: the premise or topic, unless the rest has its own)
    return "topic" if _FIRST_PERSON_START.match(body) else None


def _names_topic(text: str) -> bool:
    """A business, a metric or a figure: what a question may be about."""
    return names_a_business(text) or _states_a_figure(text)


def _states_a_figure(text: str) -> bool:
    """A metric or a figure: a premise the question may ask about ("We expected 15% ...")."""
    terms = {stem(w) for w in re.findall(r"[A-Za-z]+", text)}
    # (a figure, not a number that names something: "618 decides our overtime rota")
    figure = re.search(
        r"\d\s*%|[$¥€£]\s*\d|\b(?:RMB|USD|HK\$)\s*\d|\d\s*(?:billion|million|bn)\b", text
    )
    return bool(terms & METRIC_STEMS) or bool(figure)


def _without_asker_sentences(q: str) -> str:
    """`q` without its leading sentences about the asker (the last sentence is what is
    asked, and stays). Who asks says nothing the question needs. What the asker does may:
    a business it names that the rest lacks is carried as the subject ("I sell on Taobao.
    What's the take rate?" -> "Taobao: What's ..."), and all stays when the rest, naming no
    business, points back into it ("We sell through Tmall. How did they do?") or it states a
    metric or figure. What they heard, think or follow goes only when the rest names its own
    subject before any pronoun. (A lead ending in a colon, "I sit on a pension board, so
    keep it simple: ...", is read by _ASKER_DOES below.)"""
    rest, said = q, []
    while (m := _SENTENCE.match(rest)) and m.end() < len(rest):
        kind = _about_the_asker(m.group(0).strip())
        if kind is None:
            break
        said.append((m.group(0).strip(), kind))
        rest = rest[m.end() :]
    does = " ".join(sentence for sentence, kind in said if kind == "does")
    if not said or _CHECKS_IT.search(rest):  # ("I have it that Eddie Wu said it. Correct?")
        return q
    if any(kind == "topic" for _, kind in said):
        # ("Chess coach - I care where things get published. Which platforms carry Qwen3?":
        # the rest names its own subject before any pronoun; "I'm focused on cloud. What
        # was its growth?" points back)
        pronoun = THING_PRONOUN.search(rest) or re.search(r"\b(?:that|this)\b", rest, re.I)
        own = rest[: pronoun.start()] if pronoun else rest
        if is_chinese(rest) or not names_a_business(own):
            return q
    if not does:
        return rest
    if is_chinese(does):
        # ("我退休咗喺香港,手上有啲阿里嘅港股。想問吓今年派幾多股息?": about Alibaba)
        return rest if zh_names_a_subject(rest) else "".join(zh_names(does)) + rest
    names = [
        n for n in _NAMED.findall(does) if names_a_business(n) and n.lower() not in rest.lower()
    ]
    points_back = THING_PRONOUN.search(rest) and not names_a_business(rest)
    if names and not points_back and not _states_a_figure(does):
        return f"{' '.join(names)}: {rest}"
    if names_a_business(rest):
        return rest
    return q if points_back or _states_a_figure(does) else rest


# "Wire deadline - what was ...?", "Flash check: how much ...?": a label of up to three words
# before a whole question, saying what the asker is doing.
_LABEL = re.compile(
    r"^\W*(?P<label>[A-Za-z][a-z'’]*(?:\s+[A-Za-z][a-z'’]*){1,2})\s*(?:\s[-–—]|:)\s+"
    r"(?=(?:what|how|who|which|when|why|where|did|does|do|was|were|is|are|can|could)\b)",
    re.IGNORECASE,
)


def _without_label(q: str, mentions: Callable[[str], bool] | None) -> str:
    """The question without a leading label of two or three lowercase words (the first may
    be capitalised) none of which the call says (so "Cloud: what was growth?", "Margin
    question - ..." keep theirs), when the question's first clause does not point back into
    it ("Quark app: what are its users?", "Chip export controls: how are they affecting
    cloud?" keep the label, and refuse)."""
    m = _LABEL.match(q)
    if not m or mentions is None:
        return q
    label = m.group("label").split()
    first_clause = re.split(r"[,;?]|\band\b", q[m.end() :])[0]
    if (
        len(label) < 2
        or any(not w.islower() for w in label[1:])
        or re.search(r"\b(?:it|its|they|them|their)\b", first_clause, re.IGNORECASE)
        or names_a_business(m.group("label"))
        or any(mentions(squash(w)) for w in label if w.lower() not in STOPWORDS)
    ):
        return q
    return q[m.end() :]


def _known_spelling(q: str, mentions: Callable[[str], bool] | None) -> str:
    """A capitalised word of six letters or more that no call says, within two edits of a
    name the tables know, written as that name: a misspelling ("Quanzhentui")."""
    if mentions is None:
        return q

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        if mentions(squash(word)):
            return word
        near = [n for n in known_names() if " " not in n and edits(word.lower(), n.lower()) <= 2]
        return near[0] if len(near) == 1 and mentions(squash(near[0])) else word

    return re.sub(r"\b[A-Z][a-z]{5,}\b", fix, q)


def analyse(
    question: str,
    *,
    speakers: Sequence[str] = (),
    firms: Mapping[str, str] | None = None,
    titles: Mapping[str, str] | None = None,
    company_words: Iterable[str] = (),
    mentions: Callable[[str], bool] | None = None,
    acronyms: Mapping[str, str] | None = None,
    periods: Iterable[str] = (),
    call_dates: Iterable[str] = (),
    people: Sequence[str] = (),
    carried: str = "",
) -> Ask:
    """Classify the question and pick out its key terms, entities, speakers and exchange.

    `speakers` are the call's speaker names; `firms` maps analysts to their firms, so
    "the J.P. Morgan analyst" resolves to the analyst, and `titles` executives to their
    titles, so "the finance chief" resolves to the CFO when the call has one. `acronyms` is
    the retriever's table of acronyms the indexed calls spell out ({"CMR": "customer
    management revenue"}). `periods` are the indexed calls' fiscal periods ("Q4 2025") and
    `call_dates` their dates, so "4Q FY25" and "versus the December quarter" read as the call
    says them. `people` are everyone the call names as present, speakers or not. `carried` is
    the topic a follow-up's rewrite carried in (see chain.condense.carried_topic).
    """
    q = this_quarter(expand_abbreviations(_what_is_asked(question, acronyms), mentions), periods)
    q = quarter_before(q, call_dates)
    q = _without_label(q, mentions)
    q = _known_spelling(q, mentions)  # ("Quanzhentui" for Quanzhantui)
    q = _GROUP_LEVEL.sub(lambda m: f"{m.group('keep') or ''}consolidated", q)
    company_words = list(company_words)
    zh = is_chinese(q)
    # "吴泳铭对云业务说了什么" names Eddie Wu: as the transcript spells him from here on.
    company = [*(titles or {}), *(p for p in people if p not in speakers)]
    q = romanise_names(q, [*speakers, *people], company)
    q = spell_pinyin_names(q)  # ("Taotian EBITDA", "Aliyun": the call's English names)
    expansion = glossary_expansion(q) if zh else ""
    mentioned = mentioned_speakers(q, speakers)
    # (also next to a name: "how did Jiang Fan size it, and what did the CFO say?")
    titled = titled_speakers(q, titles or {}, company_words)
    by_title = [(name, form) for name, form in titled if name not in mentioned]
    # ("What did the chairman say?": one introduced who never speaks is no speaker to look
    # for, but the one the question says spoke)
    silent = [(name, form) for name, form in by_title if speakers and name not in speakers]
    by_title = [pair for pair in by_title if pair not in silent]
    mentioned += [name for name, _ in by_title]
    plain = _plain(f"{q} {expansion}")
    by_firm = [
        name
        for name, firm in (firms or {}).items()
        if name not in mentioned
        and (names_firm(firm, plain) or names_firm_short(firm, q, (firms or {}).values()))
    ]
    mentioned += by_firm
    drop = {stem(w) for w in company_words} | GENERIC
    if _BACK_TO_SEGMENT.search(q):  # "the segment's margin": the one named before, not a word
        drop |= {stem("segment"), stem("segments")}
    for name in mentioned:
        drop |= {stem(w) for w in name.split()}
        drop |= {stem(w) for w in misspelled_parts(q, name)}  # ("Toby Hsu" for Toby Xu)
        # (an analyst's firm beside him names whom, not what: "Ronald Keung, Goldman")
        drop |= {stem(w) for w in re.findall(r"[A-Za-z]{3,}", (firms or {}).get(name, ""))}
    # ("Who is the chairman?" asks for a name by the role: it stays a word to look for when
    # its holder never speaks)
    for _, form in [(n, f) for n, f in titled if not speakers or n in speakers]:
        drop |= set(content_terms(form))
        # ... in every spelling of the role: a Chinese question's glossary English too
        # (首席财务官 -> "CFO", which the call's text need not say)
        drop |= {
            t
            for forms in ROLES.values()
            if any(f.lower() in form.lower() for f in forms)
            for f in forms
            for t in content_terms(f)
        }
    kind, role = _kind(q, zh, mentioned)
    if kind == "content" and _procedure(q) == "silent":
        kind, role = "who_spoke", "executive"  # ("... never took the mic. Who was that?")
    # "Which bank did Eddie Wu cite as a customer?": an executive has no firm to ask for (the
    # bank is content), unless the question is about an analyst ("which firm asked first").
    about_analyst = _ORDINAL_EN.search(q) or re.search(
        r"analyst|asked|questioner|分析师|提问|提的|问的", q, re.I
    )
    if kind == "firm" and mentioned and not set(mentioned) & set(firms or {}) and not about_analyst:
        kind, role = "content", None
    claimed = claimed_answerer(q, [n for n in mentioned if n not in (firms or {})])
    if claimed and set(mentioned) - {claimed}:
        # "Did Eddie Wu answer Alex Zhou's question?": who answered it, checked against him.
        kind, role = "who_answered", "executive"
    exchange = _exchange(q)
    if kind == "who_spoke" and (
        (_WHO_FOLLOWED.search(q) and (exchange is not None or set(mentioned) & set(firms or {})))
        or _ASKED_NTH.search(q)  # ("who went last?")
    ):
        kind, role = "who_asked", "analyst"  # ("Who followed Gary Yu?"; not "... Eddie Wu")
    if (
        kind in ("content", "who_spoke")
        # (an analyst, or a question number: executives answer, they do not ask)
        and (exchange is not None or (mentioned and set(mentioned) - set(titles or {})))
        and (
            _WHAT_ASKED.search(q) or (kind == "who_spoke" and re.search(r"analyst|分析师", q, re.I))
        )
    ):
        # "What did Kenneth Fong ask?" / "第二位分析师问了什么" / "摩根大通的分析师是谁"
        kind, role = "who_asked", "analyst"
    elif _HOW_MANY_DID_ASK.search(q) and set(mentioned) & set(firms or {}):
        # "How many questions did Gary Yu ask?": his question says ("I have two questions").
        kind, role = "who_asked", "analyst"
    answering: tuple[str, ...] = ()
    if kind == "content":
        answering = analysts_answered(q, mentioned, firms or {})
        mentioned = [n for n in mentioned if n not in answering]
        for name in answering:  # "the J.P. Morgan analyst" names whom, not what
            drop |= {stem(w) for w in re.findall(r"[A-Za-z]+", (firms or {}).get(name, ""))}
    skip = _META_TERMS | _UNIT_TERMS
    if _GROUND_RULES.search(q):
        skip = skip | _GROUND_RULE_TERMS
    if kind == "content":
        skip = skip - {"bank", "broker", "institution"}  # ("which bank chose PolarDB?")
    if re.search(r"\btake[- ]rates?\b", f"{q} {name_defined_metrics(q)}", re.I):
        skip = skip - {"take"}  # the metric, not "who took the question"
    # "In the Q&A, ...", "... prepared remarks or the Q&A?": the section names say where to
    # look or what to report, not what was said.
    skip = skip | {t for w in _SECTION_WORDS.findall(q) for t in content_terms(w)}
    if _BOOKED.search(without_glosses(q)):
        skip = skip | {"book", "post"}  # "how much revenue did AIDC book?" (not "book value")
    if _ABSOLUTE.search(q):
        skip = skip | set(content_terms("absolute terms level"))  # how, not what
    if _names_a_segment(q, mentions):
        skip = skip | {"segment"}  # "the cloud segment" is cloud (not "all other segments")
    if _WANTS_CAUSE.search(q):
        skip = skip | {"behind"}  # "what was behind X?" asks why X, not about "behind"
    if ASKS_DISCLOSURE.search(q):
        # ("did they commit to any numbers or targets for it?": whether figures were given,
        # not a topic; the words between verb and noun are: "provide capex guidance")
        skip = skip | _DISCLOSURE_WORDS
    if re.search(r"\bsplit\s+(?:between|among|into)\b", q, re.I):
        skip = skip | {"split", "between", "among"}  # (how to break it down, not a topic)
    if re.search(r"\bhow\s+soon\b", q, re.I):
        skip = skip | {"soon"}  # ("how soon will ...?" asks when)
    if ASKS_NAME.search(q):
        # "what's the name of the tool?", "what is the product called?" ask for a name, not
        # "name" or "called"
        skip = skip | {"name", *content_terms("called")}
    asks_section = bool(_WHICH_SECTION.search(q))
    if asks_section and kind == "who_spoke":
        # ("... prepared remarks or the Q&A? Who said it?": the quote names its speaker.)
        kind, role = "content", None
    if asks_section:  # "did X come up / get raised in ...": how it surfaced, not what it was
        skip = skip | set(content_terms("come raised brought bring surfaced featured"))
        # (... or was said: "confirm whether the 88VIP membership figure was disclosed in the
        # prepared remarks or the Q&A" asks where 88VIP's figure was given)
        # (the verbs only: "a fuller report on 618" keeps its "report")
        skip = skip | set(content_terms("confirm disclosed figure"))
    key = [t for t in content_terms(_zh_terms_text(q, asks_section) if zh else q, drop=drop)]
    key = [t for t in key if t not in skip]
    # (A Chinese question's descriptions are read in its glossary English: "海外电商" ->
    # "overseas e-commerce" -> AIDC.)
    described = _described(
        f"{expansion} {_zh_businesses(q)}" if zh else q, mentions, company_words, gaps=not zh
    )
    alt: list[str] = []
    segment_profit = not zh and _segment_profit(q, described) != q
    company_profit, profit_words = (
        ("", "") if zh or described else _company_profit(q, company_words)
    )
    if zh:
        alt = [t for t in content_terms(glossary_expansion(q), drop=drop) if t not in skip]
        alt += [t for _, name in described for t in content_terms(name, drop=drop) if t not in alt]
        # (the described business is its name, as in English: "影视娱乐板块有没有赚钱" asks
        # DME's profit, and "movie" is no word a sentence on it must share)
        describing = _zh_description_terms(q, described)
        alt = [t for t in alt if t not in describing]
        # (and the English the question itself writes: "那利润端呢?EBITDA涨了多少?", and a
        # number that names something: "618")
        latin = " ".join(re.findall(rf"[A-Za-z][A-Za-z0-9.&'-]*|{_ZH_NAMING_NUMBER}", q))
        alt += [t for t in content_terms(latin, drop=drop) if t not in alt and t not in skip]
    elif en_synonyms(q) or described or _SEGMENT_PROFIT.search(q) or company_profit:
        # The question in the call's words ("overseas ... bring in" -> "international ...
        # revenue"; "the logistics arm" -> "Cainiao"): a second spelling its terms may match in.
        # (Descriptions first: "overseas marketplace" is one, "overseas" alone a synonym. The
        # question keeps its case: "ADS" is no "ads".)
        plain_q = company_profit or _segment_profit(
            _name_described(q, described, keep=False), described
        )
        for phrase, words in en_synonyms(plain_q):
            plain_q = re.sub(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", words, plain_q)
        alt = [t for t in content_terms(plain_q, drop=drop) if t not in skip]
        # (a business described inside a defined metric stays: "the cut the home-market
        # shopping platforms take from merchants' sales" is Taobao and Tmall's take rate)
        alt += [t for _, name in described for t in content_terms(name, drop=drop) if t not in alt]
    if answering and not key and not alt:
        # "How did management respond to Kenneth Fong?": who answered, and how they began.
        kind, role = "who_answered", "executive"
        mentioned, answering = [*mentioned, *answering], ()
    subs = sub_queries(q, mentions, speakers)
    if described and len(subs) > 1:
        # A later part about the business the first describes ("海外电商板块亏了多少?和去年同期
        # 比是扩大还是收窄?", "How much did the film-and-video arm bring in, how fast was that
        # growing?"): named, its passages are that business's.
        names = " ".join(name for _, name in described)
        subs = [
            subs[0],
            *(s if _names_own_business(s, zh, company_words) else f"{names} {s}" for s in subs[1:]),
        ]
    if len(subs) > 1:
        # A clause asking only where the part before was said ("The 1.9-point decline: ...,
        # and was it disclosed in the scripted section or in response to an analyst?"), or
        # only the name of what it is about ("Which bank chose an Alibaba database, and what
        # is the product called?"), is no part of its own. (Its own words: those no other
        # part has, which a part carries over from the others.)
        terms = [set(content_terms(s, drop=drop)) for s in subs]
        kept = []
        for i, s in enumerate(subs):
            others = set().union(*(t for j, t in enumerate(terms) if j != i))
            own = set(content_terms(_SECTION_WORDS.sub(" ", s), drop=drop)) - skip - others
            if asks_section and _WHICH_SECTION.search(s) and not own:
                continue
            if ASKS_NAME.search(s) and not own - THING_KINDS:
                continue
            kept.append(s)
        subs = kept if len(kept) > 1 else []
    # ("capex for the march qtr? need the RMB number": every clause asks for a figure)
    # ... but not when a part plainly asks for none ("how big is the investment, and how did
    # the trial go?": the second part's answer states no figure).
    asked = [(s, _wants_number(s, zh, content_terms(s))) for s in subs] if len(subs) > 1 else []
    per_part = [wants for _, wants in asked]
    plainly_not = any(
        _NOT_NUMERIC.search(s) or _SAYS_OR_GOES.search(s) for s, wants in asked if not wants
    )
    asks_disclosure = kind == "content" and bool(ASKS_DISCLOSURE.search(q))
    wants_number = (
        kind == "content"
        and not asks_disclosure  # (whether figures were given: "no, he declined" answers it)
        and (
            (_wants_number(q, zh, key + alt) and not plainly_not)
            or (bool(per_part) and all(per_part))
        )
    )
    # (money when every part asks for money: "how much is committed, and how big is the
    # market?" asks a sum and a count of consumers)
    wants_amount = wants_number and all(_AMOUNT.search(s) for s in subs or [q])
    entities = _entities(f"{q} {expansion}" if zh else q, drop, zh=zh)
    # A name in parentheses is an example or a gloss of the subject the question names or
    # describes outside them ("海外那盘网购生意(速卖通那些)": AIDC's figure answers it).
    bare = without_glosses(q)
    outside = _entities(f"{bare} {glossary_expansion(bare)}" if zh else bare, drop, zh=zh)
    if bare != q and (outside or described):
        entities = outside
    # ("the open-weight LLM family": "LLM" describes Qwen, as the tables say; it is no name
    # the answer must repeat)
    describing_words = {w for _, name in described for w in descriptor_words(name)}
    entities = [e for e in entities if e not in describing_words]
    if zh:
        entities += _zh_subject_name(q)
    topic = _topic(q, zh)
    # The glossary words stay in the retrieval query although index/retrieve.py expands it
    # again: measured 2026-11-26, passing `q` alone lost zh retrieval (gold R@5 90.6 -> 89.6%,
    # MRR .797 -> .789; held-out R@5 74.0 -> 71.1%, MRR .737 -> .716) at equal accuracy.
    retrieval = " ".join([q, expansion, *dict.fromkeys(name for _, name in described)])
    if not zh and segment_profit:
        retrieval += " adjusted EBITDA"  # (what a business's "earnings" are in this call)
    if company_profit:
        retrieval += f" {profit_words}"  # (and the company's own: see _company_profit)
    if asks_disclosure:
        # ("did they commit to any numbers for 618?": not "commitment"; where figures were
        # given or declined, as a speaker words it: "not in a position to share details")
        retrieval = f"{_DISCLOSURE_VERBS.sub(' ', retrieval)} share details"
    # ("Will that spending dent TTG profits?": only what they expect answers it; a figure asked
    # so keeps its own rules: "will the dividend be higher?" is answered by the dividend)
    asks_ahead = kind == "content" and not wants_number and bool(_ASKS_WILL.search(q))
    headline = (
        wants_number
        and not mentioned
        and not described
        and _only_metrics([*(alt or key), *entities])
    )
    if headline:  # ("What was revenue this quarter?": the company's figure, not a segment's)
        retrieval += " total consolidated"
    absent = absent_person(q, speakers, people, company_words) or next(
        (
            name
            for name, form in silent
            if absent_person(q.replace(form, name), speakers, people, company_words)
        ),
        "",
    )
    return Ask(
        text=q,
        zh=zh,
        kind=kind,
        claimed_answerer=claimed if kind == "who_answered" else "",
        also_answerers=kind in ("firm", "who_asked")
        and bool((_ZH_WHO_ANSWERED if zh else _WHO_ANSWERED).search(q)),
        exchange=exchange,
        also_exchanges=_more_exchanges(q),
        next_to=_next_to(
            q, kind, {n: (firms or {})[n] for n in mentioned if n in (firms or {})}, exchange
        ),
        speakers=tuple(mentioned),
        answering=answering,
        named_by_firm=tuple(by_firm),
        wants_number=wants_number,
        key_terms=tuple(dict.fromkeys(key)),
        alt_terms=tuple(dict.fromkeys(alt)),
        entities=tuple(entities),
        topic=topic,
        role=role,
        section=None if asks_section else _section(q),  # (asked for, not a restriction)
        counted=_counted(q),
        wants_count=wants_number and _asks_count(q),
        described=tuple(dict.fromkeys(name for _, name in described)),
        wants_amount=wants_amount,
        wants_absolute=wants_number and _asks_absolute(subs or [q]),
        wants_level=wants_number and _asks_level(subs or [q]),
        wants_cause=bool(_WANTS_CAUSE.search(q)),
        wants_where=bool(_WANTS_WHERE.search(q)) and not asks_section,
        headline=headline,
        company_words=tuple(company_words),
        wants_future=bool(_WANTS_FUTURE.search(q))
        or after_the_calls(q, periods)
        or asks_ahead
        or (not wants_number and bool(_WH_WILL.search(q))),
        asks_ahead=asks_ahead,
        wants_remaining=bool(_WANTS_REMAINING.search(q)),
        wants_margin_level=wants_number and _asks_margin_level(subs or [q]),
        offers_figures=bool(_OFFERS_FIGURES.search(q)),
        wants_full_year=wants_number and bool(_WANTS_FULL_YEAR.search(q)),
        names_full_year=bool(_WANTS_FULL_YEAR.search(q)),
        wants_quarter=wants_number
        and not _WANTS_FULL_YEAR.search(q)
        and bool(_THE_QUARTER.search(q)),
        # (not when one part alone asks it: "AIDC's loss, and when will it turn a profit?")
        wants_when=all(_asks_when(part) for part in subs or [q]),
        asks_disclosure=asks_disclosure,
        asks_disclosed_figure=asks_disclosure and bool(_A_FIGURE_NOUN.search(q)),
        wants_exact=wants_number and bool(_WANTS_EXACT.search(q)),
        # (not "what percentage of shares did the buyback retire?": a change is asked)
        wants_share=wants_number
        and bool(_WANTS_SHARE.search(q))
        and not _ASKS_CHANGE.search(q)
        and not re.search(r"\b(?:retire|reduce|cut|shrink|lower)\w*", q, re.IGNORECASE),
        ranks=_ranks(q) if kind == "content" else None,
        ranks_named=_compares_named(q),
        question_numbers=tuple(n.group(0) for n in re.finditer(r"\d+(?:\.\d+)?", q)),
        claimed_figure=_claimed_figure(q) if kind == "content" and not wants_number else "",
        claim_checked=bool(_CHECKS_A_CLAIM.search(q)),
        absent_person=absent,
        retrieval_query=" ".join(retrieval.split()),
        sub_queries=tuple(subs),
        parts=question_parts(_name_described(q, described, keep=True), set(key) | set(alt), drop),
        breakdown=bool(_BREAKDOWN.search(q)),
        enumerates=items_asked(q),
        procedure=_procedure(q),
        # (A Chinese question uses them through its glossary English: "客户管理收入" ~ CMR.)
        # ("the video-streaming arm" -> Digital Media and Entertainment Group -> DME too.)
        acronyms=_acronyms_used(retrieval, acronyms or {}) + next_fiscal_year(q, periods),
        asks_section=asks_section,
        carried=carried,
    )


# A number a Chinese question names something by ("618"): not a year, an amount, a rate or a
# date ("2025财年", "100亿", "12%", "3月").
_ZH_NAMING_NUMBER = r"(?<![\d.A-Za-z])(?!(?:19|20)\d\d)\d{3,}(?![\d.%A-Za-z亿万元年月日号财])"


# A Chinese word for a business itself: "搞物流那家" (the one doing logistics), "物流公司".
_ZH_BUSINESS_NOUN = re.compile(r"的?(?:那家|这家|那个|公司|业务|板块|部门|那块|子公司)")


def _zh_businesses(q: str) -> str:
    """The glossary English of each term a Chinese question names as a business ("搞物流那家"
    -> "logistics business"), which the description table reads as the business it is."""
    return " ".join(
        f"{GLOSSARY[zh]} business"
        for _, end, zh in zh_term_spans(q)
        if _ZH_BUSINESS_NOUN.match(q, end)
    )


def _described(
    q: str,
    mentions: Callable[[str], bool] | None,
    company_words: Sequence[str],
    *,
    gaps: bool = True,
) -> list[tuple[str, str]]:
    """(phrase, name) for the businesses the question describes instead of naming ("the
    logistics arm" -> Cainiao): named by the indexed calls, of no other indexed company
    than the one the question names, and no metric ("take rate")."""
    ours = {w.lower() for w in company_words}
    named = {w.lower() for w in re.findall(r"[A-Za-z]+", q)} & ours
    # ("On the overseas side, how is demand for Alibaba Cloud?": a side of the business the
    # question names, no business of its own)
    businesses = business_name_pattern()
    names_one = businesses is not None and businesses.search(q) is not None
    # (a phrase a metric's definition begins with is that definition's words: "the merchant-fee
    # revenue line" is customer management revenue, no fee charged to merchants; a business
    # described inside one stays, "the cut the home-market platforms take from merchants")
    defining = [re.sub(r"[\s-]+", " ", p.lower()) for p, _ in en_definitions(q)]
    return [
        (d.phrase, d.name)
        for d in described_names(q, gaps=gaps)
        if not any(m.startswith(d.phrase.lower()) for m in defining)
        and not (names_one and d.phrase.split()[-1] in ("side", "sides"))
        and mentions is not None
        and mentions(squash(d.name))
        and not named - {w.lower() for w in re.findall(r"[A-Za-z]+", d.company)}
        and not set(content_terms(d.phrase)) <= METRIC_STEMS
    ]


# A business's "earnings" / "bottom line" / "profits" (not its net income): in a call that
# reports its segments by adjusted EBITDA, that is what is stated for them.
_SEGMENT_PROFIT = re.compile(
    # (not "net profit", "turn a profit", "the earnings call")
    r"(?<!net )(?<!\ba )\b(?:bottom[- ]line|earnings|profits?)\b"
    r"(?!\s+(?:call|release|conference|season|report))"
    # (a profit ratio or rate is a margin, see the glossary; the EBITDA margin for a segment)
    r"(?!\s+(?:ratio|rate)s?\b)"
    # ("Taobao and Tmall Group profitability over the next few quarters"; not what is reached:
    # "reach / achieve / return to profitability")
    r"|(?<!\breach )(?<!\bachieve )(?<!\bachieving )(?<!\bachieved )(?<!\bto )"
    r"(?<!\bat )\bprofitability\b",
    re.IGNORECASE,
)
_A_UNITS = re.compile(r"\b(?:unit|segment|division|arm|business)['’]s\b", re.IGNORECASE)


# "Is Alibaba still losing money?", "Is the company profitable yet?": the company's own profit,
# which the call gives as net income (a business's is its adjusted EBITDA: _segment_profit);
# burning cash is free cash flow. Only where nothing follows but a time ("making money on AI?"
# asks about AI) and no business is named.
_COMPANY_PROFIT = re.compile(
    r"\b(?:(?:still\s+)?(?:(?P<cash>(?:burning|bleeding|burn|bleed)\s+(?:through\s+)?cash)"
    r"|(?:losing|lose|making|make|bleeding|burning)\s+(?:any\s+)?money"
    r"|(?:un)?profitable|loss-making|in\s+the\s+(?:red|black)))"
    r"(?=(?:\s+(?:yet|anymore|any\s+more|now|overall|at\s+all|this\s+quarter|at\s+the\s+group"
    r"\s+level))?\s*(?:[?.!,]|$))",
    re.IGNORECASE,
)
_THE_COMPANY = re.compile(r"\b(?:the\s+(?:whole\s+)?(?:company|group|firm)|they|it|we)\b", re.I)
_BUSINESSES = re.compile(
    r"\b(?:business(?:es)?|(?:segment|unit|division|arm|operation)s?|subsidiar(?:y|ies))\b",
    re.IGNORECASE,
)


def _company_profit(q: str, company_words: Sequence[str]) -> tuple[str, str]:
    """("Is Alibaba net income?", "net income") for "Is Alibaba still losing money?": the
    question in the call's words for the company's own profit, and those words; ("", "")
    unless the company is what it asks about (named, or "the company", "they") and nothing
    else is (no other name, no business: "Is DME still in the red?", "Is JD losing money?")."""
    m = _COMPANY_PROFIT.search(q)
    if not m or _BUSINESSES.search(q):
        return "", ""
    ours = {w.lower() for w in company_words}
    names = [w for w in re.findall(r"(?<=\s)[A-Z][\w.&-]*", q) if w.lower() not in ours]
    if names or not (
        any(w.lower() in ours for w in re.findall(r"\w+", q)) or _THE_COMPANY.search(q)
    ):
        return "", ""
    words = "free cash flow" if m.group("cash") else "net income"
    return _COMPANY_PROFIT.sub(words, q), words


def _segment_profit(q: str, described: Sequence[tuple[str, str]]) -> str:
    """'that unit's earnings', "Alibaba Cloud's bottom line" -> "... EBITDA": the question
    names a business, not the company as a whole."""
    if not _SEGMENT_PROFIT.search(q):
        return q
    names = business_name_pattern()
    named = described or _A_UNITS.search(q) or (names and re.search(names.pattern, q, re.I))
    return _SEGMENT_PROFIT.sub("EBITDA", q) if named else q


def _zh_description_terms(q: str, described: Sequence[tuple[str, str]]) -> set[str]:
    """The English terms of the Chinese words that describe a business instead of naming it
    (the glossary terms whose English is in a matched description, with the terms written
    right next to them: "影视娱乐板块" for "entertainment segment"), less the name's own."""
    spans = zh_term_spans(q)
    out: set[str] = set()
    for phrase, name in described:
        words = set(content_terms(phrase))
        hit = [i for i, (_, _, zh) in enumerate(spans) if words & set(content_terms(GLOSSARY[zh]))]
        joined = set(hit)
        for i in hit:  # (the whole noun phrase: terms with nothing between them)
            j = i
            while j > 0 and spans[j - 1][1] == spans[j][0]:
                j -= 1
                joined.add(j)
            j = i
            while j + 1 < len(spans) and spans[j][1] == spans[j + 1][0]:
                j += 1
                joined.add(j)
        for i in joined:
            out.update(content_terms(GLOSSARY[spans[i][2]]))
        out -= set(content_terms(name))
    return out


def _name_described(q: str, described: Sequence[tuple[str, str]], *, keep: bool) -> str:
    """Each described business replaced by its name ("the logistics arm" -> "the Cainiao"),
    or, `keep`, followed by it, so the part describing it is also the part about the name
    ("... and its department-store operator Intime")."""
    for phrase, name in described:
        # (the question's own joins: "movies + streaming side" was read "movies and ...")
        spelled = r"[\s-]+".join(
            r"(?:and|\+|&)" if w == "and" else re.escape(w) for w in phrase.split()
        )
        named = rf"\1 {name}" if keep else name
        q = re.sub(rf"\b({spelled}(?:s|es)?)\b", named, q, flags=re.IGNORECASE)
    return q


def _acronyms_used(q: str, table: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """The table's (acronym, expansion) pairs the question uses, as acronym or spelled out."""
    lowered = _plain(q)
    return tuple(
        (acronym, expansion)
        for acronym, expansion in table.items()
        # (no \b: "TTG的CMR" has no word boundary between the two scripts)
        if re.search(rf"(?<![A-Za-z0-9]){re.escape(acronym)}(?![A-Za-z0-9])", q)
        or _expansion_pattern(expansion).search(lowered)
    )


_CONNECTORS = r"(?:and|of|the|&)"
_ORG = frozenset(("group", "business", "segment", "division", "company", "unit"))


@functools.lru_cache(maxsize=1024)
def _expansion_pattern(expansion: str) -> re.Pattern[str]:
    """The expansion's words in order, its connectors optional: "Digital Media Entertainment
    Group" (a follow-up's carried topic drops the "and") spells out DME too."""
    words = [w for w in _plain(expansion).split() if not re.fullmatch(_CONNECTORS, w)]
    joint = rf"(?:\s*/\s*|\s+(?:{_CONNECTORS}\s+)*)"  # ("Taobao/Tmall")
    # ("Taobao and Tmall" is TTG without its "Group")
    last = f"(?:{joint}{re.escape(words.pop())})?" if len(words) > 2 and words[-1] in _ORG else ""
    return re.compile(rf"\b{joint.join(map(re.escape, words))}{last}\b")


_BREAKDOWN = re.compile(
    r"\b(?:in|through)\s+(?:which|what)\s+(?:ways?|forms?)\b"  # ("..., and in which ways?")
    r"|\bsplit\b|\bbreak(?:s|ing)?\s*(?:it\s+)?down\b|\bbreakdown\b|\bside by side\b"
    r"|\bcomponents?\b|\bmade up\b|\bconsist|\beach\b|\bwalk\s+(?:me|us)\s+through\b"
    # "dividends versus buybacks", not "versus last year" (a comparison in time)
    r"|\b(?:versus|vs\.?)\s+(?!(?:a|the|last|prior|previous|same)\b|\w+\s+ago\b)"
    r"|分别|构成|拆分|各(?:自|占|是|为|[^，,。？?]{0,4}?多少)",  # ("分红和回购各占/各花了多少?")
    re.IGNORECASE,
)


_QA_WORDS = r"(?:q\s*&\s*a|q and a|question[- ]and[- ]answer|questions?)"
_WHO_SUBJECT = r"\b(?:who|which\s+\w+)\s+"
_PROC_OPEN_QA = re.compile(
    rf"{_WHO_SUBJECT}(?:handed|turned|passed|switched|moved|opened|started|kicked off|began"
    rf"|introduced|transitioned)\b[^?]*\b{_QA_WORDS}\b"
    r"|谁[^？?]{0,10}(?:进入|开始|宣布|主持|开启)[^？?]{0,4}问答",
    re.IGNORECASE,
)
_PROC_SCOPE = re.compile(
    r"\bprepared\b|\bremarks\b|\bpresentation\b|\bcall\b|发言|开场|电话会", re.IGNORECASE
)
_PROC_OPEN = re.compile(
    rf"{_WHO_SUBJECT}(?:opened|started|began|kicked off|led off|spoke first"
    # (the call's host opens it: "Who hosted the call?", "谁主持的电话会?")
    r"|hosted|moderated|emceed|chaired|(?:gave|delivered|made)\s+the\s+opening"
    r"|(?:was|is)\s+(?:hosting|moderating|emceeing|chairing)(?=\s+(?:the|this|today['’]s)\s+"
    r"(?:call|meeting|webcast|session|event)\b))\b"
    r"|谁[^？?]{0,6}(?:开场|首先发言|第一个发言|最先发言|主持)",
    re.IGNORECASE,
)
_PROC_CLOSE = re.compile(
    rf"{_WHO_SUBJECT}(?:closed|ended|wrapped up|concluded|finished|spoke last"
    r"|(?:gave|delivered|made)\s+the\s+(?:closing|final|last))\b"
    r"|谁[^？?]{0,6}(?:结束|收尾|最后发言)",
    re.IGNORECASE,
)


_ASKS_ANALYST = re.compile(
    r"\b(?:first|which|what)\s+(?:\w+\s+)?(?:analyst|firm|bank|broker)\b"
    r"|\banalyst\s+and\s+(?:\w+\s+)?firm\b|第一位分析师|哪位分析师|哪家机构"
    # ("Who kicked off the Q&A, and what was the question?": the one who asked)
    r"|\bwhat\s+(?:was|were)\s+(?:the|their|his|her)\s+questions?\b"
    r"|\bwhat\s+did\s+(?:he|she|they)\s+ask\b",
    re.IGNORECASE,
)


# "Which executives are on the call?", "Who joined the call?", "哪些高管出席了电话会?"
_PROC_ON_CALL = re.compile(
    r"\b(?:which|what)\s+(?:executives?|members?\s+of\s+management|managers|officers|people)\s+"
    # ("which executives did they say were on the line?")
    r"(?:(?:did|do)\s+\w+\s+say\s+)?"
    r"(?:are|were|was)\s+(?:\w+\s+){0,3}?(?:on\s+(?:the|this|today['’]?s)\s+(?:call|line)|joining\s+"
    r"(?:us|the\s+call)|present|attending|listed|introduced)(?:\s+(?:on|for)\s+the\s+call)?"
    r"\s*(?:[,?.]|and\b|$)"
    r"|\bwho\s+(?:is|was|are|were)\s+(?:on|joining|present\s+(?:at|on)|attending)\s+(?:the|this)"
    r"\s+call\b|\bwho\s+(?:joined|attended)\s+(?:the|this)\s+call\b"
    r"|哪些(?:高管|管理层)(?:出席|参加|参与|出现在)|(?:出席|参加)(?:了)?(?:这次|本次)?(?:电话会|业绩会)"
    r"(?:议)?的(?:高管|管理层)",
    re.IGNORECASE,
)


# "One executive was introduced but never took the mic. Who?", "哪位高管没有发言?": someone
# introduced who has no turn of their own.
_PROC_SILENT = re.compile(
    r"\b(?:who|which|one|an?)\b[^?]*\b(?:never|didn['’]?t|did\s+not|does\s+not|doesn['’]t)\s+"
    r"(?:once\s+|actually\s+|even\s+)?(?:spoke|speak|talk(?:ed)?|say\s+(?:a\s+word|anything)"
    r"|(?:took|take)\s+(?:the\s+)?(?:mic|microphone|floor|any\s+questions?))\b"
    r"(?!\s+(?:about|on|of|to|regarding|over)\b)"  # (not "never spoke about margins")
    r"|\b(?:who|which)\b[^?]*\b(?:stayed|remained|kept|was|were)\s+(?:silent|quiet)\b"
    r"(?!\s+(?:about|on|regarding|over)\b)"
    r"|(?:哪|谁)[^?？]{0,12}(?:没有?|未|从未|并未)(?:发言|说话|讲话|开口)|一言不发",
    re.IGNORECASE,
)


# (silent only for a time or section: "didn't speak during the prepared remarks", "didn't
# talk until the Q&A" ask who spoke when, not who never spoke)
_SILENT_WHEN = re.compile(
    r"\b(?:until|before|after|during|till|in\s+the\s+(?:prepared|scripted|formal|opening|q\s*&\s*a"
    r"|question))\b"
    r"|(?:之前|之后|以前|以后|环节|部分|阶段)",
    re.IGNORECASE,
)


def asks_procedure(q: str) -> bool:
    """A question about the call itself (who is on it, who opened it, when Q&A began): it
    stands alone, whatever the conversation before it was about."""
    return bool(_procedure(q))


def _procedure(q: str) -> str:
    """Questions about the running order of the call, answered from turn order, not content:
    who opened / closed the prepared remarks, who handed over to the Q&A, who is on it."""
    if _PROC_SILENT.search(q) and not _SILENT_WHEN.search(q):
        return "silent"
    if _PROC_ON_CALL.search(q) and not re.search(r"\b(?:from|at|with)\s+[A-Z]", q):
        return "on_the_call"  # (not "Who is on the call from UBS?": an analyst)
    if _PROC_OPEN_QA.search(q):
        # ("Who kicked off the Q&A: first analyst and firm?" asks for the analyst.)
        return "" if _ASKS_ANALYST.search(q) else "open_qa"
    if not _PROC_SCOPE.search(q):
        return ""
    if _PROC_CLOSE.search(q):
        return "close_prepared"
    if _PROC_OPEN.search(q):
        return "open_prepared"
    return ""


# Units say how a figure is written, not what it is about: never required terms.
# ("金额", "数额": the amount, as "amount" is no word to match)
_UNIT_TERMS = wordset(
    "rmb us$ usd dollar yuan billion million trillion thousand % cny hkd 元 亿元 金额 数额"
)

# "How much revenue did AIDC book / post?": a verb of reporting, not "book value".
_BOOKED = re.compile(
    r"\b(?:did|does|do|will|would|to)\s+(?:[\w'’&.-]+\s+){0,4}?(?:book|post)(?:ed|s)?\b"
    r"(?!\s+(?:value|ratio)s?\b)",
    re.I,
)


def _zh_terms_text(q: str, asks_section: bool) -> str:
    """A Chinese question without its section names, whose characters would pair with their
    neighbours ("开场发言里" -> "言里"); for "was X in the prepared remarks or the Q&A?", only
    X, before the two sections ("618是开场发言里提到的，还是问答环节才聊到的?" -> "618")."""
    which = _WHICH_SECTION.search(q) if asks_section else None
    if which and content_terms(q[: which.start()]):
        return q[: which.start()]
    # (nor how a figure is asked: "绝对值多少" would leave "绝" and "值", 对 being a function
    # word)
    return _ZH_ABSOLUTE.sub(" ", _SECTION_WORDS.sub(" ", q))


_ZH_ABSOLUTE = re.compile(r"绝对(?:值|额|数|金额|水平)?")


_BACK_TO_SEGMENT = re.compile(
    # ("the segment's EBITDA", not "the segment Cloud Intelligence", which names it)
    r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts)\s+segment(?:['’]s\b|(?![\w'’])(?!\s+[A-Z]))"
)
_SEGMENT_OF = re.compile(r"\b([A-Za-z][\w.&-]*)(?:['’]s)?\s+segments?\b")


def _names_a_segment(q: str, mentions: Callable[[str], bool] | None) -> bool:
    """'the cloud segment': the word before "segment" is a name the call uses, and "segment" is
    only what kind of thing it is. ("The All Others segment" keeps it: "others" names
    nothing; so does "the biggest segment".)"""
    return any(
        w.lower() not in STOPWORDS
        and w.lower().removesuffix("s") not in STOPWORDS
        and not w.lower().endswith("est")
        and (mentions is None or mentions(squash(w)))
        for w in _SEGMENT_OF.findall(q)
    )


# "What's the name of ...?", "Name the ...": a name is asked for; "name" is no content term.
ASKS_NAME = re.compile(
    r"\bnames?\s+(?:of|for)\b|^\W*name\b"
    r"|(?:['’]s|\b(?:is|was|are|were))\s+(?:it|that|this|they)\s+called\b|叫什么"
    # ("what is the product called?")
    r"|\bwhat(?:['’]s|\s+(?:is|was|are|were))\s+(?:the|its|their)\s+(?:[\w-]+\s+){0,2}?[\w-]+"
    r"\s+called\s*[?？]",
    re.IGNORECASE,
)
# Words that name the metadata being asked for, not the content.
_META_TERMS = wordset(
    "who asked ask firm bank broker institution house employer work represent analyst "
    "executive exec officer boss answer respond reply take handle field first second third "
    "fourth fifth sixth seventh eighth ninth tenth last final 1st 2nd 3rd 4th 5th 6th 7th 8th "
    "9th 10th participant caller person people guy guys head speaker topic name names named "
    "分析 析师 高管 回答 提问 "
    # ("what AI progress / update did he give?": news of the topic, not a word of it)
    "progress update updates 进展 动态 近况"
)
# "What ground rules did she set out regarding language?": what was said, not a topic (only
# with "ground rules": "the new rules for merchants" keeps its word).
_GROUND_RULES = re.compile(r"\bground\s+rules?\b", re.IGNORECASE)
_GROUND_RULE_TERMS = wordset("ground rule rules set")


# "name and firm", "his name?" (a noun asked for; not "did he name a competitor?")
_NAME_OR_FIRM = re.compile(
    r"\bnames?\s*(?:and|&)\s*(?:firm|bank|affiliation|employer)\b|\bnames?\s*[?.]?\s*$"
    r"|\b(?:his|her|their)\s+(?:names?|firm|bank|affiliation|employer)\b|\bidentity\b",
    re.IGNORECASE,
)


def _kind(q: str, zh: bool, mentioned: list[str]) -> tuple[Kind, str | None]:
    if _LIST_ANSWERERS.search(q) and not _TOPIC.search(q):
        return "list_answerers", "executive"
    if zh:
        if _ZH_LIST.search(q):
            return "list_analysts", "analyst"
        if _ZH_FIRM.search(q) and (
            re.search(r"分析师|提问|问题|问的|来自", q)
            # ("Alex Zhou是哪家机构的?": the name's own firm; not "Kenneth Fong说的100亿投资是
            # 哪家公司的?", which asks content; an executive named makes it content, in analyse)
            or any(
                re.search(rf"{re.escape(n)}\s*(?:是|在|属于|隶属于?)?\s*哪", q) for n in mentioned
            )
        ):
            return "firm", "analyst"  # (not "哪家银行选用了..." : which bank, as content)
        if _ZH_WHO_ANSWERED.search(q):
            return "who_answered", "executive"
        if _ZH_WHO_ASKED.search(q):
            return "who_asked", "analyst"
        if _ZH_WHO.search(q):
            return "who_spoke", "executive" if "高管" in q or "管理层" in q else None
        return "content", None
    if _LIST_ANALYSTS.search(q) and not _TOPIC.search(q):
        return "list_analysts", "analyst"
    if _FIRM.search(q) and (
        mentioned
        or _ORDINAL_EN.search(q)
        or re.search(r"analyst|ask(?:ed|ing|s)|question", q, re.I)
        or _WHO_ASKED.search(q)  # ("Who pressed management on X, and which bank ...?")
    ):
        return "firm", "analyst"
    if _WHO_ANSWERED.search(q):
        return "who_answered", "executive"
    if _WHO_ASKED.search(q):
        return "who_asked", "analyst"
    if _ORDINAL_EN.search(q) and _NAME_OR_FIRM.search(q):
        return "who_asked", "analyst"  # ("the third analyst in the queue: name and firm")
    who_is = _WHO_IS.match(q)
    if who_is and not _TOPIC.search(q):
        return "who_is", None
    if _WHO.search(q):
        role = (
            "executive"
            if re.search(r"executive|exec|management|officer|manager", q, re.I)
            else None
        )
        return "who_spoke", role
    return "content", None


# "Which analyst opened the Q&A?", "who closed out the questions?": the first or last
# exchange, asked of an analyst (who handed over to the Q&A is a procedure question).
_OPENED_QA = re.compile(
    r"\b(?:analyst|who)\s+(?:\w+\s+){0,2}?"
    r"(?:(?P<first>opened|kicked off|led off|started|began)|closed(?: out)?|wrapped up|ended)\s+"
    rf"(?:the\s+)?(?:session\s+of\s+)?{_QA_WORDS}\b",
    re.IGNORECASE,
)


# The exchange after or before an analyst's, named or numbered: "right after the Morgan
# Stanley analyst", "who followed Gary Yu?", "after the first analyst", "摩根士丹利的分析师
# 之后" (not "after the prepared remarks", "before moving on to the next one", "Gary Yu提问
# 之后，是哪位高管回答的": the answer that follows a question).
_NEXT_TO = re.compile(
    r"\b(?:(?P<after>after|following|followed)|before|preceding|preceded|ahead\s+of)\s+"
    r"(?:the\s+)?(?P<ref>[^,;?!]{1,60})",
    re.IGNORECASE,
)
_ZH_NEXT_TO = re.compile(r"(?:的?分析师|的提问)(?:(?P<after>之后|以后|后面)|之前|以前|前面)")
# "Who followed Gary Yu?", "who came right after the Morgan Stanley analyst?": who asked.
_WHO_FOLLOWED = re.compile(
    r"\bwho\s+(?:(?:came|went|was)\s+(?:right\s+|just\s+|immediately\s+)?(?:after|before"
    r"|next)|followed|preceded)\b",
    re.IGNORECASE,
)


def _next_to(q: str, kind: str, analysts: Mapping[str, str], exchange: int | None) -> int:
    """+1 / -1 when the question asks for the exchange after / before one analyst's: the words
    right after "after" (before 之后) are that analyst's name, firm ("the Morgan Stanley
    analyst") or number ("the first one"; not when the question already numbers the exchange
    it asks about: "the second question, right after the first one"). `analysts` maps the
    analysts the question names to their firms."""
    if kind not in ("who_asked", "firm", "who_answered"):
        return 0
    if not (len(analysts) == 1 or (exchange is not None and not analysts)):
        return 0
    forms = [f for name, firm in analysts.items() for f in (name, name.split()[0], firm) if f]
    named = rf"(?:{'|'.join(map(re.escape, forms))})" if forms else r"(?!)"
    ordinal = rf"(?:{'|'.join(ORDINALS)})\s+(?:analyst|question(?:er)?|caller|one)\b"
    # (only in the asking sentence: "Lydia said they were short on time before the final
    # question. Which analyst got that last question?" asks for the last one)
    sentences = [t for t in re.split(r"(?<=[.!。！])\s*", q.strip()) if t]
    asking = " ".join(t for t in sentences if t[-1] in "?？") or sentences[-1]
    for m in _NEXT_TO.finditer(asking):
        ref = m.group("ref")
        if re.match(named, ref, re.IGNORECASE) or (
            exchange is not None
            and (o := re.match(ordinal, ref, re.IGNORECASE))
            and ORDINALS[o.group(0).split()[0].lower()] == exchange
        ):
            return 1 if m.group("after") else -1
    if kind != "who_answered" and (z := _ZH_NEXT_TO.search(asking)):
        return 1 if z.group("after") else -1  # (an analyst named or numbered before 分析师)
    return 0


def names_an_exchange(q: str) -> bool:
    """The question points at a Q&A exchange by its place ("the second analyst", "首位提问的
    分析师", "the last question"): a question of its own, whatever came before."""
    return _exchange(q) is not None


# "the first and the last questions", "who asked first and last?", "第一个和最后一个提问的分析师"
_TWO_PLACES_EN = re.compile(
    rf"\b(?P<a>{'|'.join(ORDINALS)})\s+(?:and|&)\s+(?:the\s+|then\s+)?(?P<b>{'|'.join(ORDINALS)})"
    rf"\s+(?:\w+\s+)?{_EXCHANGE_NOUN}s?\b{_NOT_A_PLACE}"
    rf"|\b(?:who|which\s+analysts?)\s+(?:asked|went|spoke|came|were|was)\s+(?P<c>{'|'.join(ORDINALS)})"
    rf"\s+(?:and|&)\s+(?P<d>{'|'.join(ORDINALS)})\b{_NOT_A_PLACE}",
    re.IGNORECASE,
)
_ZH_PLACE = r"(?:第\s*(?:[一二两三四五六七八九十]|\d+)|最后\s*一?|首)\s*(?:个|位|轮)?"
_TWO_PLACES_ZH = re.compile(
    rf"(?P<a>{_ZH_PLACE})\s*(?:和|与|及|跟|、)\s*(?P<b>{_ZH_PLACE})\s*(?:分析师|问题|提问)"
)


def _more_exchanges(q: str) -> tuple[int, ...]:
    """Every exchange a question names by place when it names two ("the first and the last
    questions"), in its order; else ()."""
    if m := _TWO_PLACES_EN.search(q):
        words = [w for w in m.group("a", "b", "c", "d") if w]
        return tuple(ORDINALS[w.lower()] for w in words)
    if m := _TWO_PLACES_ZH.search(q):
        return tuple(_zh_place(m[k]) for k in ("a", "b"))
    return ()


def _zh_place(place: str) -> int:
    if "最后" in place:
        return -1
    if "首" in place:
        return 1
    o = re.sub(r"\s|个|位|轮", "", place.removeprefix("第"))
    return int(o) if o.isdigit() else ZH_DIGITS[o]


def _exchange(q: str) -> int | None:
    m = _ORDINAL_EN.search(q) or _ASKED_NTH.search(q)
    if m:
        return ORDINALS[m.group("o").lower()]
    opened = _OPENED_QA.search(q)
    if opened and _ASKS_ANALYST.search(q):
        return 1 if opened.group("first") else -1
    m = _ORDINAL_ZH.search(q)
    if m:
        if m.group("first"):
            return 1
        if m.group("o") is None:
            return -1
        o = m.group("o")
        return int(o) if o.isdigit() else ZH_DIGITS[o]
    return None


_WHOLE_PERIOD = stems_of(
    wordset("quarter year fiscal month full whole entire annual total overall consolidated group")
)


def _only_metrics(terms: Sequence[str]) -> bool:
    """Metric words and times only ("revenue", "quarter"): no business, product or topic."""
    # (a year is a time: "revenue for fiscal year 2025", "FY25 revenue")
    named = {
        t for t in set(terms) - _WHOLE_PERIOD if not re.fullmatch(r"(?:19|20)\d\d|fy\d{2,4}", t)
    }
    return bool(named) and named <= METRIC_STEMS


# A figure for the whole fiscal year, which a quarter's figure does not answer.
_WANTS_FULL_YEAR = re.compile(
    r"\b(?:full|whole|entire)[- ](?:fiscal[- ])?year\b|\bfor the (?:whole |entire |full )?"
    r"fiscal year\b|\bannual\s+(?:revenue|sales|profit|income|ebitda|ebita|earnings)\b"
    r"|全年|整个财年|全财年|整个年度|年度(?:收入|营收|利润)",
    re.IGNORECASE,
)

# What is left of an authorised amount: "remains under the authorization", "the remaining
# capacity", "还剩多少额度" (not "cash left over after capex", which is free cash flow).
_WANTS_REMAINING = re.compile(
    r"\b(?:remain(?:s|ed)?|left|outstanding|unused|unutilized)\s+(?:under|in|on)\b"
    r"|\bremaining\s+(?:\w+\s+)?(?:authori[sz]ation|amount|capacity|quota|budget|balance)\b"
    r"|(?:剩余|尚余|还剩)[^，。？?]{0,6}(?:额度|授权)"
    # ("授权额度尚余多少", "尚未动用的回购额度": what is left, the other way round)
    r"|(?:额度|授权)[^，。？?]{0,4}(?:剩余|尚余|还剩|剩下|余下)"
    # (what is not yet used of an authorization or fund; not 有没有使用, "did they use")
    r"|(?:尚未|(?<!有)未|(?<!有)没有?)(?:动用|使用|用完)(?=[^，。？?]{0,8}(?:额度|授权|回购|资金))"
    r"|(?:额度|授权|回购|资金)[^，。？?]{0,8}(?:尚未|(?<!有)未|(?<!有)没有?)(?:动用|使用|用完)",
    re.IGNORECASE,
)

# "Asked how much it charges sellers, what did he say comes first?": the clause before the
# comma is the analyst's question, the rest is the user's.
_ASKED_CLAUSE = re.compile(
    r"^\s*(?:when\s+)?asked\s+(?:about|how|whether|why|what|if|on|for)\b[^,?]*,\s*(?=\w)", re.I
)


def _wants_number(q: str, zh: bool, terms: list[str]) -> bool:
    q = _ASKED_CLAUSE.sub("", q)
    if zh:
        # "对云收入增速怎么看?" asks for a view of the growth, not its figure ("增速是多少").
        if _ZH_VIEW.search(q) and not _ZH_HOW_MUCH_ASKED.search(q):
            return False
        return bool(_ZH_HOW_MUCH.search(q))
    if _HOW_MUCH.search(q):
        return True
    if _NOT_NUMERIC.search(q) or ASKS_NAME.search(q):  # (a name is no figure)
        return False
    if _AMOUNT.search(q):
        return True  # "What was capital expenditure in RMB?"
    if re.search(
        r"\b(?:the|my|our|group|consolidated|key|headline|segment)\s+(?:numbers|figures)\b", q, re.I
    ):
        return True  # "the March-quarter group numbers: revenue, ...": figures asked
    if _OFFERS_FIGURES.search(q):
        return True  # "was it 7% or 10%?": which figure
    # (not a figure the question gives: "the ones it strips out to get the 10% growth number")
    if re.search(r"[a-z]\s*%|(?<![\d.])%\s*(?:growth|increase|decline|change|margin)", q, re.I):
        return True  # "What FY26 cloud growth % did they guide to?": a percentage asked
    if _shorthand_metric(q):
        return True
    # "What was/were the ... revenue?" and "Give me the revenue growth ..." ask for a figure;
    # "Which business ..." for a name.
    # A polite request opens the same question: "Could you remind me what operating cash
    # flow was ..." (the question word order of an embedded question: "what X was").
    # ... at the start of any sentence, or of a request after a lead-in ("For our portfolio
    # review, could you set out the group's revenue ...?", "Did growth cost profit? Give me
    # the top-line growth ...").
    starts_what = re.search(
        r"(?:^|[.?!:;]\s+|,\s+(?=(?:could|can|would|will|please)\b))\s*"
        r"(?:and\s+|so\s+)?(?:(?:could|can|would|will)\s+you\s+(?:please\s+)?)?(?:(?:remind|tell)"
        r"\s+(?:me|us)\s+(?=what\b))?(?:what(?:\s+(?:was|were|is|are)|'s"
        # (not a verb's progressive: "what did they say Quanzhantui is doing for it?")
        r"|\s+(?:[\w&'’-]+\s+){1,4}(?:was|were|is|are)\b(?!\s+(?!being\b)\w+ing\b)"
        # ("What adjusted EBITDA margin did Cloud print / report this quarter?")
        r"|\s+(?:[\w&'’-]+\s+){1,4}(?:did|does|do)\s+(?:[\w&'’.-]+\s+){1,4}(?:print|report"
        r"|post|deliver|record|achieve|book|log)\b"
        # ("what did the dividends cost altogether?")
        r"|\s+did\s+(?:[\w&'’.-]+\s+){1,4}cost\b)"
        r"|(?:please\s+)?(?:give|show|tell)\s+(?:me|us)\s+(?!about\b|an?\b)(?:the\s+)?"
        # ("could you give / set out / delineate the ... amounts")
        r"|(?:please\s+)?(?:give|set\s+out|lay\s+out|spell\s+out|delineate|provide|break\s+down)"
        r"\s+(?:for\s+(?:me|us)\s+)?(?:(?:the|its|their|both)\b)?)",
        q,
        re.I,
    )
    return bool(starts_what) and any(t in NUMERIC_METRICS for t in terms)


# Shorthand questions ("CMR growth?", "Net cash at quarter end?") name a metric and nothing
# else: no question word, no verb, a few content words, and the noun phrase's head (its last
# word before a modifier such as "this quarter" / "at quarter end") is a figure-valued metric.
_SHORTHAND_HEADS = wordset(
    "grow growth revenue sale ebitda ebita margin cash profit income dividend earning loss "
    "capex gmv buyback repurchase flow rate headcount count"
)
_SHORTHAND_MAX_TERMS = 5
_HAS_VERB = re.compile(
    r"^\s*(?:and\s+|so\s+)?(?:what|why|how|who|whom|which|when|where|tell|give|describe|"
    r"explain|please|list|compare|summari[sz]e)\b"
    r"|\b(?:is|are|was|were|be|been|did|does|do|has|have|had|will|would|can|could|should|may|"
    r"might|grew|grow|grows|rose|rise|rises|fell|fall|falls|drove|drive|drives|driven|say|said|"
    r"expect|expects|think|mean|means)\b",
    re.IGNORECASE,
)
_HEAD_END = re.compile(
    r"\s+(?:at|in|for|during|this|that|last|next|over|as|by|on|per|of|from|to|vs\.?|versus|"
    r"compared|year-over-year|yoy|q[1-4])\b|\s*[,;:(?？]",
    re.IGNORECASE,
)


# A yes-or-no check of a statement ("Did ...?", "Is it true that ...", "是否准确", "属实吗").
_CHECKS_A_CLAIM = re.compile(
    r"\b(?:true|accurate|correct|right)\s+that\b|\bis\s+(?:that|this|it)\s+(?:true|accurate"
    r"|correct|right)\b"
    # ("Is that the right attribution?"; not "Is this the right time to invest?")
    r"|\bis\s+(?:that|this|it)\s+the\s+(?:right|correct|accurate)\s+[\w-]+\s*[?？]|\b(?:confirm|verify|fact-check)\b|准确|属实|核实|对吗|是真的吗"
    # ("I have it in my notes that Eddie Wu announced it. Correct?")
    r"|(?:^|[.!;]\s*)(?:correct|right|true|accurate)\s*[?？]"
    # (a tag question: "DME is still losing money, isn't it?", "..., right?")
    r"|,\s*(?:(?:is|are|was|were|did|does|do|has|have)n['’]t\s+(?:it|they|he|she|that|there)"
    r"|right|correct)\s*[?？]"
    # (whom it names as the speaker: "Was it the CFO, Toby Xu, who talked through 618?", "Did
    # Toby Xu discuss 618?")
    r"|^\W*(?:(?:so|and|but)\s+)?(?:was|is)(?:n['’]t)?\s+it\s+[^?]{1,40}?\s+(?:who|that)\s"
    r"|^\W*(?:(?:so|and|but)\s+)?did(?:n['’]t)?\s+[^?]{1,40}?\s+(?:talk|speak|discuss|mention"
    r"|say|bring\s+up|raise|explain|comment|walk\s+(?:\w+\s+)?through|go\s+(?:over|through)"
    r"|touch\s+on)\b",
    re.IGNORECASE,
)
# A figure with its unit: an amount or a percentage (not "Qwen3", a year or "618").
_FIGURE_WITH_UNIT = re.compile(
    r"(?<![A-Za-z0-9.])(?:(?:RMB|US\$|\$|HK\$|USD)\s*\d[\d,]*(?:\.\d+)?"
    r"(?:\s*(?:billion|million|trillion|bn)\b)?|\d[\d,]*(?:\.\d+)?\s*"
    r"(?:%|percent\b|(?:billion|million|trillion|bn)\b|万亿|亿|万))",
    re.IGNORECASE,
)


# "Did management announce / pledge / commit RMB 380 billion ...?": whether they said it.
_DID_THEY_ANNOUNCE = re.compile(
    r"^\W*(?:and\s+|so\s+)?did\s+(?:management|they|the\s+company|the\s+ceo|the\s+cfo|he|she"
    r"|[A-Z]\w+)\s+(?:announce|pledge|commit|unveil|disclose|promise)\b",
    re.IGNORECASE,
)


def _claimed_figure(q: str) -> str:
    """The figure in a question that asks whether a statement holds, or ""."""
    if not (_CHECKS_A_CLAIM.search(q) or _DID_THEY_ANNOUNCE.search(q)):
        return ""
    m = _FIGURE_WITH_UNIT.search(q)
    return m.group(0).strip() if m else ""


def _shorthand_metric(q: str) -> bool:
    if _HAS_VERB.search(q) or len(content_terms(q)) > _SHORTHAND_MAX_TERMS:
        return False
    # (after a heading: "Cloud snapshot: revenue growth" asks the growth)
    _, colon, rest = q.partition(":")
    q = rest if colon and content_terms(rest) else q
    m = _HEAD_END.search(q)
    phrase = q[: m.start()] if m and m.start() > 0 else q
    words = re.findall(r"[A-Za-z][\w'’-]*", phrase)
    if not words:
        return False
    head = words[-1].lower()
    return head in _SHORTHAND_HEADS or stem(head) in _SHORTHAND_HEADS


# How a question names the call's two sections.
# ("... came up as an example once the Q&A started?": in the Q&A)
_QA_STARTED = (
    r"(?:once|after|when|as\s+soon\s+as)\s+(?:the\s+)?"
    r"(?:q\s*&\s*a|q and a|question[- ]and[- ]answer)(?:\s+session)?\s+(?:had\s+)?"
    r"(?:started|began|begun|kicked\s+off|got\s+(?:going|underway)"
    r"|opened|was\s+opened|was\s+underway)"
)
_QA = (
    rf"(?:{_QA_STARTED}|q\s*&\s*a|q and a|question[- ]and[- ]answer"
    # ("... or did it only come out when analysts asked?")
    r"|(?:when|once|after)\s+(?:the\s+)?analysts\s+(?:asked|started\s+asking|began\s+asking)"
    # ("When the floor opened for questions, ...")
    r"|(?:when|once|after|as)\s+the\s+floor\s+(?:was\s+)?opened(?:\s+up)?\s+(?:for|to)\s+questions"
    # ("... or in response to an analyst?", "... or in the analysts' questions?")
    r"|in\s+(?:response|reply|answer)\s+to\s+(?:an?\s+|the\s+)?(?:analyst|question)s?"
    r"(?:['’]s?\s+questions?)?|analysts?(?:['’]s?)?\s+questions?)"
)
_PREPARED = (
    r"(?:(?:prepared|opening|scripted|formal)\s+(?:remarks?|comments?|statements?|presentation"
    r"|part|section|portion|segment|opening)|(?:the\s+)?(?<![A-Za-z])script)"
)
# ("开场陈述", "准备好的发言", "事先准备的讲话", "问答环节")
_ZH_PREPARED = r"(?:开场|准备好的|准备|预备|事先准备的?)(?:发言|陈述|讲话|致辞|部分|环节)|开场白"
_ZH_QA = r"问答|提问环节|答问"
_SECTION_QA = re.compile(
    # (not "问答环节开始前", before the Q&A)
    rf"\b(?:in|during|from)\s+(?:the\s+)?{_QA}|\b{_QA_STARTED}\b"
    r"|(?:问答环节|问答部分)(?!开始)(?![^，。？?]{0,4}之?前)",
    re.IGNORECASE,
)
_SECTION_PREPARED = re.compile(
    rf"\b(?:in|during|from)\s+(?:the|his|her|their)\s+{_PREPARED}|开场|准备好的发言|发言稿"
    # ("In his opening the CEO named ...": his opening remarks)
    r"|\b(?:in|during|from)\s+(?:his|her|their)\s+opening\b(?!\s+(?:question|quarter|day)s?\b)",
    re.IGNORECASE,
)
_SECTION_WORDS = re.compile(
    rf"\b{_PREPARED}\b|\b{_QA}(?:\s+session)?\b|\b(?:section|session|part of the call)\b"
    r"|开场发言|准备好的发言|问答环节|问答部分|环节",
    re.IGNORECASE,
)
# "Was X in the prepared remarks or the Q&A?", "Which part of the call ...": where, not what.
_WHICH_SECTION = re.compile(
    # ("... in the prepared remarks or did it only come up in Q&A?")
    rf"\b{_PREPARED}\b.{{0,40}}?\b(?:or|versus|vs\.?)\s+(?:\w+\s+){{0,8}}?{_QA}"
    rf"|{_QA}.{{0,40}}?\b(?:or|versus|vs\.?)\s+(?:\w+\s+){{0,8}}?{_PREPARED}"
    # ("... the end of the prepared remarks or the wrap-up of the whole call?")
    rf"|\b{_PREPARED}\b.{{0,40}}?\bor\s+(?:\w+\s+){{0,3}}?(?:wrap[- ]?up|close|closing|end)\s+of"
    r"\s+the\s+(?:whole\s+|entire\s+)?call\b"
    r"|\bwhich\s+(?:section|part)\s+of\s+the\s+(?:call|transcript)\b|\bin\s+which\s+section\b"
    r"|\bwhich\s+section\s+(?:was|were|did)\b|\b(?:when|where)\s+in\s+the\s+call\b"
    # ("... — prepared remarks, Q&A, or both?")
    rf"|\b{_PREPARED}\s*,\s*(?:the\s+)?{_QA}\s*,?\s*or\s+both\b"
    # (Chinese questions often name the sections in English: "在 prepared remarks 还是 Q&A 里")
    rf"|(?:{_ZH_PREPARED}|开场|{_PREPARED})[^？?]{{0,15}}?(?:还是|抑或|或是)[^？?]{{0,8}}?(?:{_ZH_QA}|{_QA})"
    rf"|(?:{_ZH_QA}|{_QA})[^？?]{{0,15}}?(?:还是|抑或|或是)[^？?]{{0,8}}?(?:{_ZH_PREPARED}|开场|{_PREPARED})"
    r"|(?:在)?哪个环节[^？?]{0,3}?(?:说|提|讲|谈|聊|宣布|出现)",
    re.IGNORECASE,
)


# How the Q&A is run: its languages, interpretation, how to ask.
_RUNNING_THE_QA = re.compile(
    r"\b(?:which|what)\s+languages?\b|\blanguages?\b[^?]{0,30}\b(?:ask|questions?)\b"
    r"|\bask\b[^?]{0,30}\bin\s+(?:chinese|english|mandarin)\b|\binterpret(?:ation|er|ing)\b"
    r"|\btranslat(?:ion|or|ed)\b|\bhow (?:to|do|could|can) (?:\w+ )?ask\b"
    # ("问答环节的翻译是怎么安排的?", "可以用中文提问吗?"; not "他说的...英文翻译是怎么说的?")
    r"|(?:翻译|传译|口译)[^，,。？?]{0,8}(?:安排|提供|为准)|译员|(?:第三方|同声|交替)(?:翻译|传译)"
    r"|(?:用|以)(?:中文|英文|普通话)(?:提问|问)|以哪个(?:版本|语言)?为准",
    re.IGNORECASE,
)


def _section(q: str) -> str | None:
    """A section the question restricts itself to ("In the Q&A, ...")."""
    qa, prepared = _SECTION_QA.search(q), _SECTION_PREPARED.search(q)
    if _RUNNING_THE_QA.search(q):
        return None  # (how the Q&A was run is said before it starts)
    if qa and prepared:
        return None  # "in his prepared remarks versus in the Q&A": both
    return "qa" if qa else "prepared" if prepared else None


# Asks where something is or was put: "Where were the models published?", "在哪里下载?"
# (not where in the call: that is a section question).
_WANTS_WHERE = re.compile(
    r"(?:^|[.?!]\s+|,\s+(?:and\s+)?|\band\s+)where\s+(?:can|could|do|does|did|is|are|was|were"
    r"|will|has|have)\b(?![^?]*\b(?:in\s+the\s+call|on\s+the\s+call|in\s+the\s+transcript))"
    r"|在哪(?:里|儿|个平台)?(?:下载|发布|开源|上线|获取)|(?:下载|发布|开源|上线)(?:在|到)?哪(?:里|儿)",
    re.IGNORECASE,
)


# Asks when: "When will ...", "..., and when does it expire?", "about when the business will
# be profitable", "how soon", "what date", 什么时候, 时间点 (not "when asked", "When the CEO
# gave examples ..., which ...": a clause, not the question).
_WANTS_WHEN = re.compile(
    r"^\W*when\s+(?:(?:exactly|precisely|roughly|approximately)\s+)?"
    r"(?:will|would|does|do|did|is|are|was|were|can|could|should|has|have)\b"
    # ("... and when management expects it to break even": when, after its subject)
    r"|^\W*(?:and\s+)?when\s+(?:[\w'’-]+\s+){1,3}?(?:expects?|expected|plans?|hopes?)\b"
    r"(?=[^,?]*\bto\b)(?![^,]*,\s*(?:how|what|why|which|who)\b)"
    r"|(?:,|\band|\bsay|\bsaid)\s+when\s+(?:(?:exactly|precisely)\s+)?(?:will|would|does|do"
    r"|did|is|are|was|were|can|could|should)\b|\babout when\b|\bhow soon\b|\bby when\b"
    r"|\bwhat\s+(?:date|day|time\s+frame"
    r"|timeline|timing)\b|\b(?:record|payment|ex-dividend|closing)\s+date\b"
    r"|\b(?:any|got|a|the|give\s+a)\s+time\s*(?:line|frame)\b"
    r"|什么时候|啥时候|何时|哪天|几号|哪一天|时间点|时间表|几月|哪个月|哪一年|哪年",
    re.IGNORECASE,
)


# "Which segment grew fastest?", "which business had the highest EBITDA growth?", "哪个业务
# 增长最快?": a comparison across businesses (not "the largest Qwen3 model").
_SUPERLATIVE = (
    r"fastest|quickest|most|highest|biggest|largest|strongest|best|slowest|lowest|smallest"
    r"|weakest|worst|least"
)
_RANKS = re.compile(
    r"\b(?:which|what)\s+(?:[\w'’]+\s+){0,2}?(?:segments?|business(?:es)?|units?|divisions?"
    rf"|business\s+groups?)\b[^?]*?\b(?P<sup>{_SUPERLATIVE})\b"
    rf"|\b(?:which|what)\b[^?]*?\b(?P<sup2>{_SUPERLATIVE})[- ]growing\s+"
    r"(?:segments?|business(?:es)?|units?|divisions?)\b"
    r"|哪(?:个|一个|块|一块)?(?:业务|板块|分部|部门|事业群)[^?？]*?"
    r"(?P<zh>最快|最高|最大|最多|最好|最强|最慢|最低|最小|最少|最差|最弱)"
    # "Which grew faster, cloud or AIDC?", "云和AIDC哪个增长更快?": two named businesses
    r"|\bwhich\b[^?]*?\b(?P<cmp>faster|quicker|slower|more|higher|lower|better|worse)\b[^?]*\bor\b"
    r"|\bwhich\b[^?]*\bor\b[^?]*?\b(?P<cmp2>faster|quicker|slower|more|higher|lower|better|worse)\b"
    r"|哪(?:个|一个)[^?？]*?(?P<zh2>更快|更高|更慢|更低|更多|更少)",
    re.IGNORECASE,
)
_LOW = re.compile(
    r"slowest|lowest|smallest|weakest|worst|least|slower|lower|worse|最[慢低小少差弱]|更[慢低少]",
    re.IGNORECASE,
)
_FALLING = re.compile(r"declin|decreas|drop|fall|fell|shr[iua]nk|下降|下滑|减少", re.I)


# Growth, not size: "the highest revenue" asks for the largest business, which is no ranking of
# growth rates ("fastest" and "slowest" are growth by themselves).
_GROWTH_ASKED = re.compile(
    r"\bgr[eo]wt?h?|\bgrowing\b|\bgrew\b|\bincreas|\brose\b|\brise\b|fastest|quickest"
    r"|slowest|declin|decreas|drop|fell|fall|shr[iua]nk|增长|增速|增幅|最快|最慢|下降|下滑|减少",
    re.IGNORECASE,
)


def _compares_named(q: str) -> bool:
    """'Which grew faster, cloud or AIDC?': a comparative, so only the businesses the question
    names are compared."""
    m = _RANKS.search(q)
    return bool(m and (m.group("cmp") or m.group("cmp2") or m.group("zh2")))


def _ranks(q: str) -> tuple[str, str] | None:
    """(order, metric) for a question comparing businesses' growth: "max", "min", or "fall"
    (the biggest decline: the lowest growth, which must be a decline); revenue unless it
    names EBITDA or profit. None for sizes ("the highest revenue") and margins (neither is
    stated per business as a growth rate)."""
    m = _RANKS.search(q)
    if not m or not _GROWTH_ASKED.search(q) or re.search(r"margin|利润率", q, re.IGNORECASE):
        return None
    said = next(g for g in ("sup", "sup2", "zh", "cmp", "cmp2", "zh2") if m.group(g))
    low = bool(_LOW.match(m.group(said)))
    order = "min" if low else "max"
    if _FALLING.search(q):  # "the biggest decline" is the lowest growth, if a decline
        order = "max" if low else "fall"
    metric = "ebitda" if re.search(r"ebitda|profit|利润", q, re.IGNORECASE) else "revenue"
    return order, metric


def _asks_when(q: str) -> bool:
    """The question asks when, and only when: "How much is left, and when does it expire?"
    also asks how much; "what did they say about when AIDC will profit?" asks when."""
    m = _WANTS_WHEN.search(q)
    if not m:
        return False
    said = m.group(0).lower()
    if ("when" not in said and not re.match(r"什么时候|啥时候|何时", said)) or re.match(
        r"about|said|say", said
    ):
        return True  # (the question words before frame it: "What is the record date?")
    return not re.search(
        r"\b(?:what|which|who|how|where|why)\b|多少|什么(?!时候)|哪(?!天|一天)|谁|为什么|如何",
        q[: m.start()],
        re.IGNORECASE,
    )


_WANTS_FUTURE = re.compile(
    r"\bguidance\b|\boutlook\b|\bgoing forward\b|\bforecasts?\b|\bprojections?\b"
    r"|\bnext\s+(?:year|quarter|fiscal|few)\b"
    r"|\bnext\s+(?:two|three|four|five|several|\d+)\s+(?:years|quarters)\b"
    r"|\bcoming\s+(?:year|quarters?)\b|\bexpects?\s+(?:to|for)\b|\bexpected\s+to\b"
    # ("what does the push mean for TTG's EBITDA?": what it will do to it)
    r"|\bwhat\s+(?:does|will|would)\s+(?:it|this|that|the\s+\w+(?:\s+\w+)?)\s+mean\s+for\b"
    # (not of what has happened: "implications for margins last quarter")
    r"|\bimplications?\s+for\b(?![^?]*\b(?:last|previous|prior|past)\s+(?:quarter|year)\b)"
    r"|展望|指引|预计|明年|下(?:个|一)?(?:季度|财年)|(?:接下来|未来|后面|之后|往后|今后)(?:几个|数个?|一段时间|的)?(?:季度|季|年|财年)"
    # ("今年还会一直给吗?": whether it goes on)
    r"|今年还会|还会(?:继续|一直|保持)|会不会(?:继续|一直)|是否还?会继续",
    re.IGNORECASE,
)
# A question about a quarter ("this quarter", "Q4", "这季度", "這季"), not the year.
_THE_QUARTER = re.compile(
    r"\bquarter\b|\bqtr\b|\b[1-4]Q|\bQ[1-4]\b|季度|第[一二三四1-4]季"
    r"|[上这這本此该該]季(?!节|節)",  # (not 本季节, a season)
    re.I,
)
# "And will that spending dent TTG profits?", "is it going to ...?": asks what they expect.
# ("Would it be fair to say ...?" asks how it went: only "will" looks ahead.)
_ASKS_WILL = re.compile(
    r"^\W*(?:(?:and|so|but|also|then)\W+)?will\b"
    r"(?!\s+(?:you|someone|somebody|anyone|anybody)\b)"  # (a request: "Will you summarize ...?")
    r"|^\W*(?:(?:and|so|but|also|then)\W+)?(?:is|are)\s+(?:[\w'’-]+\s+){1,5}?going\s+to\b"
    # ("那些返还,今年还会一直给吗?": will it go on)
    r"|(?:今年|明年|以后|之后)?还会(?:继续|一直|保持)?[^，。？?]{0,10}吗\s*[?？]?\s*$",
    re.IGNORECASE,
)
# "How will AIDC turn a profit?": a forward-looking answer first (not only one: "how" is
# also answered by what they do now).
_WH_WILL = re.compile(
    r"^\W*(?:(?:and|so|but|also|then)\W+)?(?:how|what|why|where|when)\s+(?:will|would)\b",
    re.IGNORECASE,
)
_WANTS_SHARE = re.compile(
    r"\bwhat\s+(?:percentage|percent|share|proportion|portion|fraction)\s+of\b"
    r"|占比|比例是多少|百分之多少(?:来自|来源)",
    re.IGNORECASE,
)
_WANTS_EXACT = re.compile(
    # (a figure's exact value; not "his exact words", which asks for a verbatim quote)
    r"\b(?:exact(?:ly)?|precise(?:ly)?)\b(?!\s+(?:words?|wording|quotes?|phrasing|language))"
    r"|确切|精确|准确",
    re.IGNORECASE,
)
# The words of asking for a disclosure (verbs and what is disclosed), no topic of it.
_DISCLOSURE_WORDS = frozenset(
    content_terms(
        "give share disclose provide offer reveal quantify commit numbers figures details data "
        "metrics specifics targets stats actually"
    )
)
_DISCLOSURE_VERBS = re.compile(
    r"\b(?:commit(?:ted)?\s+to|give|gave|share|shared|disclose|disclosed|provide|provided|offer"
    r"|offered|reveal|revealed|quantify|quantified)\b",
    re.IGNORECASE,
)
# "Did he give any numbers on how it's going?", "有没有透露具体数据?"
# A figure as what is asked for: "a specific percentage", "any numbers", "具体数字".
_A_FIGURE_NOUN = re.compile(
    r"\b(?:percentages?|numbers?|figures?|numerical|quantified|quantitative|stats?)\b"
    r"|\bput\s+a\s+number|百分比|数字|具体(?:数|比例|增速|指引)|多少",
    re.IGNORECASE,
)
ASKS_DISCLOSURE = re.compile(
    r"\b(?:did|does|do|will|would|was|were)\b[^?]{0,60}?\b(?:give|share|disclose|provide|offer"
    r"|reveal|quantif(?:y|ied)|put\s+a\s+number|commit(?:ted)?\s+to)\b[^?]{0,30}?\b(?:any\s+|the\s+)?"
    # ("Did management give any quantified outlook for ...?")
    r"(?:(?:quantified|quantitative|numerical|specific|hard|explicit)\s+)?(?:numbers?"
    r"|figures?|details?|guidance|data|metrics?|specifics?|targets?|stats?|outlook|forecasts?"
    r"|projections?)\b"
    # ("did he actually get a FY26 cloud revenue number out of them?")
    rf"|\b(?:did|does|do|was|were|could|can)\b[^?]{{0,40}}?\b{GET_VERB}\b[^?]{{0,40}}?"
    r"\b(?:numbers?|figures?|guidance|details?|targets?|specifics?)\s+out\s+of\s+"
    rf"{MANAGEMENT_AS_THEM}\b"
    r"|(?:有没有|是否|有无|有否)[^?？]{0,20}?(?:透露|披露|给出|公布|提供)[^?？]{0,20}"
    r"(?:数字|数据|细节|指引|目标)"
    # ("他为什么说现在还不能分享细节?", "why couldn't he give numbers?": the declining itself)
    r"|(?:不能|无法|不便|没有|没|不)(?:分享|透露|披露|给出|公布|提供)[^?？]{0,10}"
    r"(?:数字|数据|细节|指引|目标)"
    r"|\b(?:can(?:not|['’]t)|could(?:n['’]t| not)|would(?:n['’]t| not)|did(?:n['’]t| not))\s+"
    r"(?:\w+\s+)?(?:give|share|disclose|provide)\b[^?]{0,30}?\b(?:any\s+|the\s+)?(?:numbers?"
    r"|figures?|details?|guidance|data|specifics?)\b",
    re.IGNORECASE,
)
_WANTS_CAUSE = re.compile(
    r"\bwhy\b|\b(?:drove|driving|drivers?|caused|causing|powered|powering|fuell?ed|fuelling"
    r"|reasons?|justif(?:y|ied|ies|ication)|rationale|reasoning)\b"
    r"|\bwhat\s+(?:drives|causes|explains|let|allowed)\b|\bbehind\s+(?:the|it|this)\b"
    r"|\b(?:things?|factors?|what(?:['’]s| is| was| were)?)\s+(?:\w+\s+)?behind\b"
    r"|\bwhat\s+(?:got|made|helped|pushed|brought|turned|took)\b(?=.{1,60}\b(?:into|to|back|there)\b)"
    r"|\battribut(?:e|es|ed|ing)\b[^?]*\bto\b|\bput\s+(?:it|that|this)\s+down\s+to\b"
    # ("What two things lifted the take rate?", "what boosted margins?")
    r"|\b(?:what|things?|factors?)\s+(?:\w+\s+)?(?:lifted|boosted|raised|helped|supported"
    r"|hurt|dragged|weighed|held\s+back)\b"
    # (为何 closing "之判断为何?" asks what the judgment is; "态度为何转变?" asks why)
    r"|为什么|(?<!判断)(?<!观点)(?<!看法)(?<!态度)(?<!立场)(?<!评估)为何"
    r"|(?:判断|观点|看法|态度|立场|评估)为何(?!\s*(?:[？?。]|$))|原因|驱动|靠什么|靠啥"
    r"|主要靠|得益于|归因|归功|推手|怎么来的",
    re.IGNORECASE,
)
_LEVEL = re.compile(
    r"\b(?:revenue|sales|income|profit|earnings|ebitda|ebita|cash flow|cash|capex|dividend|"
    r"spend\w*|spent|investment)\b|收入|营收|利润|现金",
    re.IGNORECASE,
)
# Words of change, shared by "does the question ask for a level?" and "... for a change?".
_CHANGE_WORDS = (
    r"\bgr[eo]w\w*|\bincreas\w*|\bdecreas\w*|\bdeclin\w*|\bchang\w*|\brise|\brose|\bfell|\bfall"
    r"|\bup\b|\bdown\b|\byoy\b|\bqoq\b|增长|增速|增幅|下降|下滑|上升|升了|升幅|涨|跌|同比|环比|变化"
)
# (A rate, a margin or a percentage is itself a change-like figure, not a level.)
_CHANGE = re.compile(rf"{_CHANGE_WORDS}|\brate\b|\bmargin|\bpercent|%|\bhow fast", re.IGNORECASE)


def _asks_level(clauses: Sequence[str]) -> bool:
    """'What was X's revenue?' asks for the amount, not its growth; in a question with several
    clauses ("How much revenue ..., and what was the growth rate?"), any clause may."""
    return any(_LEVEL.search(c) and not _CHANGE.search(c) for c in clauses)


_MARGIN = re.compile(r"\bmargins?\b|利润率|毛利率", re.IGNORECASE)
_MARGIN_MOVES = re.compile(
    rf"{_CHANGE_WORDS}|\b(?:expan|contract|compress|improv|narrow|widen|mov|shift|swing|swung"
    r"|erod|point|bps|basis|sequential|quarter-over-quarter|year-over-year|yoy|qoq|compar"
    r"|versus|vs|trend|drive|drove|driver|why|impact|pressure)\w*|提升|改善|收窄|扩大|影响|原因",
    re.IGNORECASE,
)


def _asks_margin_level(clauses: Sequence[str]) -> bool:
    """Every clause asking a margin asks its level: no change, comparison or cause of it."""
    asking = [c for c in clauses if _MARGIN.search(c)]
    return bool(asking) and not any(_MARGIN_MOVES.search(c) for c in asking)


_ABSOLUTE = re.compile(
    r"\bin\s+absolute\s+terms\b|\babsolute\s+(?:level|number|figure|value|amount)\b"
    r"|\babsolute\s+(?:[\w-]+\s+){0,3}?(?:margin|revenue|ebitda|profit|income)\b"
    r"|(?<!high )(?<!high-)(?<!higher )(?<!top-)(?<!top )(?<!low-)(?<!senior )(?<!entry-)"
    r"\blevels?\b(?!\s+of\s+(?:detail|confidence))|绝对值|绝对额|绝对水平|水平是多少|什么水平"
    # ("What was Cloud's EBITDA margin, as a percentage?": the margin, not how it moved)
    r"|\bas\s+a\s+percent(?:age)?\b(?!\s+(?:point|change))",
    re.IGNORECASE,
)
# Asks how something changed ("and how did it change vs last quarter?").
_ASKS_CHANGE = re.compile(
    rf"{_CHANGE_WORDS}|\bmov(?:e|ed)\b|\bcompar\w*|\bvs\b|\bversus\b", re.IGNORECASE
)


# "I need the level, not the change": a change declined, not asked.
_NOT_THE_CHANGE = re.compile(
    r"\b(?:not|rather\s+than|instead\s+of)\s+(?:the|a|its|any)\s+(?:change|growth|increase"
    r"|decrease|decline|rise|fall|movement|move)s?\b",
    re.IGNORECASE,
)


def _asks_absolute(clauses: Sequence[str]) -> bool:
    """'X in absolute terms' asks for the level, so no change answers it; not when the
    question also asks how it changed ("... and how did it change?"), nor for an absolute
    change ("how much did X increase in absolute terms?")."""
    return any(_ABSOLUTE.search(c) for c in clauses) and not any(
        _ASKS_CHANGE.search(_NOT_THE_CHANGE.sub(" ", c)) for c in clauses
    )


_AMOUNT = re.compile(
    r"\bin\s+(?:rmb|us\$|usd|dollars|yuan|hk\$)|\bhow much money\b"
    # ("How many dollars went into buybacks?": money counted in its unit)
    r"|\bhow\s+many\s+(?:(?:us|u\.s\.|hk)\s+)?(?:dollars|yuan|renminbi|rmb|bucks)\b"
    r"|\b(?:rmb|usd|dollar|yuan)\s+(?:amount|figure|number|value|terms)\b"  # ("- RMB amount?")
    # ("How much has it committed to spend?": money, not a rate)
    r"|\bhow much\b(?:\s+[\w'’]+){0,6}?\s+(?:spend|spent|invest|invested|pay|paid"
    r"|commit\w*|allocat\w*|budget\w*)\b"
    r"|多少(?:亿|万)?(?:元|钱|美元)|多少亿",
    re.IGNORECASE,
)

# Only "how many": "how much capital/cash did they return" asks for an amount, and the
# sentence stating it need not repeat the noun ("we have returned a total of $16.5 billion").
_COUNTED = re.compile(
    # ("how many of the Qwen3 models ...": models, after a name; not "of those eighty eight")
    r"\bhow\s+many\s+(?:of\s+(?:the|their|its|those|these)\s+(?-i:[A-Z0-9])[\w-]*\s+)?"
    # (where they are, or which: "how many Chinese shoppers", "how many new users")
    r"(?:(?:chinese|mainland|domestic|overseas|international|new|more|additional|active|"
    r"paying|total|open|open-source|open-sourced|open-weight)\s+(?=[a-z]))?"
    r"(?P<w>[A-Za-z][\w-]*)",
    re.IGNORECASE,
)


_ZH_COUNT = re.compile(
    rf"(?:多少个|{_NOT_A_FEW}几个)(?!百分点|点|基点)"
    r"|多少(?:单|人(?!民)|位|家|次|名|笔|款|件|户|台)|几(?:位|家|次|名|款)"  # (多少人民币: money)
)
_NOT_COUNTS = frozenset(stem(w) for w in ("percent", "percentage", "point", "basis"))
# Counts of kinds of a thing ("how many variants of each architecture?"): the sentence counts
# the thing itself ("two MoE models and six dense models"), seldom by this word.
GENERIC_COUNTED = stems_of(
    wordset("variant version type kind flavor flavour sort category edition")
)


def _asks_count(q: str) -> bool:
    """'How many orders' / '多少单' ask for a count; 'how many percentage points' does not."""
    return bool(_counted(q)) or bool(_ZH_COUNT.search(q))


# A Chinese count's measure word names what is counted.
_ZH_MEASURE_WORDS = {"单": "order", "笔": "order", "人": "people", "名": "people", "位": "people"}
# (not 人民币; Cantonese counts with a measure word too: "一日有几多张单", "幾多個人")
_ZH_COUNTED = re.compile(r"(?:多少|几多?)(?:张|個|个)?(单|笔|人(?!民)|名|位)(?![置数次])")


def _counted(q: str) -> str:
    """'How many parameters ...' -> 'parameter': a count must be a count of that. ("How many
    basis points" asks for the size of a change, no count of anything.)"""
    m = _COUNTED.search(q)
    if not m:
        zh = _ZH_COUNTED.search(q)  # ("每天多少单": orders; "多少人": people)
        return _ZH_MEASURE_WORDS[zh.group(1)] if zh else ""
    word = m.group("w")
    if word.lower() in ("question", "questions"):
        return "question"  # (a stopword, but counted: "one question at a time")
    if word.lower() in STOPWORDS or word.lower() in ("more", "less", "longer", "higher"):
        return ""
    if stem(word) in _NOT_COUNTS:
        return ""
    if word.lower() in ("times", "time"):  # "how many times was it downloaded": a count of
        return ""  # downloads, which the sentence need not call "times"
    if word.lower() in _CURRENCIES or word.lower() in ("dollar", "bucks", "us"):
        return ""  # ("how many dollars": an amount of money, see _AMOUNT)
    return stem(word)


_AMOUNT_WORD = re.compile(r"\d+(?:\.\d+)?(?:bn|b|mn|m|k|tn|t|x)$", re.IGNORECASE)
_CURRENCIES = wordset("rmb usd us$ hkd hk$ cny eur gbp jpy yuan renminbi dollars")


# Where a sentence starts: the question's start, or after ". " (not "vs. ", "e.g. ", "Inc. ").
_OPENS_A_SENTENCE = re.compile(
    r"(?:^|(?<!\bvs)(?<!\bv)(?<!e\.g)(?<!i\.e)(?<!\betc)(?<!\bInc)(?<!\bCo)(?<!\bNo)[.!?]\s+)"
    r"\W*$"
)


_HYPHEN_PIECE = re.compile(r"[^-]+")
_PREFIX = re.compile(r"(?:non|pre|post|anti|ex|co|re|sub|multi|semi|mid|self|cross|e)-", re.I)


# Standard codes the calls say in words ("LLM": "model"): no name an answer must spell. (Not
# "ADS", a share, though "ads" are advertising.)
_WORDED_CODES = frozenset(c for c in STANDARD_CODES - STANDARD_TERMS if c.lower() in EN_SYNONYMS)


def _entities(q: str, drop: set[str], zh: bool = False) -> list[str]:
    """Names the answer must mention: capitalised words past the first, acronyms, alnum codes."""
    out: list[str] = []
    found = list(re.finditer(r"[A-Za-z0-9][A-Za-z0-9&'’.-]*[A-Za-z0-9]|[A-Za-z0-9]", q))
    # ("January-March", "Sun Art-Intime": a range or a pair, each name on its own)
    found = [
        piece
        for m in found
        for piece in (
            list(_HYPHEN_PIECE.finditer(q, m.start(), m.end()))
            if re.fullmatch(r"[A-Z][\w&'’.]*(?:-[A-Z][\w&'’.]*)+", m.group(0))
            and not _PREFIX.match(m.group(0))  # ("Non-GAAP" is one word)
            else [m]
        )
    ]
    words = [m.group(0) for m in found]
    # A capitalised first word only opens an English question or sentence ("... this
    # quarter. Numbers only."); a Chinese question's Latin words are names ("Lazada什么时候
    # 盈利?", "...问的? Ele.me ...").
    openers = (
        set()
        if zh
        else {i for i, m in enumerate(found) if _OPENS_A_SENTENCE.search(q[: m.start()])}
    )
    businesses = business_name_pattern()
    # A language name is a word, not a name, in a question about languages ("could they ask
    # in Mandarin?"); elsewhere it names a market ("revenue in the Korean market").
    about_language = bool(_ABOUT_LANGUAGE.search(q))
    for i, word in enumerate(words):
        w = word.removesuffix("'s").removesuffix("’s")
        # "US-listed", "Hangzhou-based": a describing compound; its capitalised head may name
        # something, the lowercase tail does not.
        head, dash, tail = w.rpartition("-")
        if dash and head and tail.isalpha() and tail.islower():
            w = head
        low = w.lower()
        if low in STOPWORDS or stem(w) in drop or low in _META_TERMS:
            continue
        if about_language and low in LANGUAGES:
            continue
        if low in _CURRENCIES:
            continue  # "in RMB and USD": in what, not what
        if w.removesuffix("s") in _WORDED_CODES:
            continue  # ("LLMs": a standard term the calls say in their words, "models")
        # 88VIP, Qwen3; not an amount ("10bn" is "10 billion" in the call)
        is_code = bool(re.search(r"\d", w) and re.search(r"[A-Za-z]", w))
        is_code = is_code and not _AMOUNT_WORD.match(w)
        is_acronym = len(w) >= 2 and w.isupper()
        # ("the changes to 618?", "618's pre-sales": a number the tables know as a name, in
        # an English question; any other number is a figure or a count: "250 models")
        is_code = is_code or bool(
            not zh and w.isdigit() and businesses is not None and businesses.fullmatch(w)
        )
        # (a business the tables know is a name wherever it stands: "Got it. Amap growth?")
        known = i > 0 and businesses is not None and bool(businesses.fullmatch(w))
        is_name = (
            (i not in openers or known)
            and w[0].isupper()
            and stem(w) not in METRIC_WORDS | PREDICATE_WORDS
        )
        if is_code or is_acronym or is_name:
            out.append(squash(w))
    return list(dict.fromkeys(out))


_ZH_OWNER = re.compile(
    r"^\s*(?P<n>[\u4e00-\u9fff]{2,8}?)(?:集团|公司|业务|平台)?(?:本季度|今年|去年|上季度)?的"
)


def _zh_subject_name(q: str) -> list[str]:
    """The owner a Chinese question starts with ("京东的收入"): a name the answer must mention,
    unless it is glossary vocabulary (then the English side carries it)."""
    m = _ZH_OWNER.match(q)
    if not m:
        return []
    name = m.group("n")
    if glossary_expansion(name) or any(w in name for w in ("这", "那", "该", "本", "其")):
        return []
    if re.search(r"电话会|会议|问答|环节|发言|致辞|开场|提问|讲话", name):
        return []  # (a part of the call, no owner: "电话会问答环节的翻译")
    return [squash(name)]


_IN_A_SECTION = re.compile(
    rf"\b(?:in|during)\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:{_PREPARED}|{_QA})(?:\s+session)?\b",
    re.IGNORECASE,
)


# "Which analyst asked whether small models on devices would hurt cloud demand?": the whole
# question asked is the topic (its "on devices" is no "about").
_WHETHER_TOPIC = re.compile(
    r"\b(?:asked|asking|wanted\s+to\s+know|wondered|questioned|(?:pushed|pressed|quizzed)"
    r"(?:\s+\w+){0,2}?\s+on)\s+(?P<t>(?:whether|if)\s+.+?)\s*[?.!]*\s*$",
    re.IGNORECASE,
)


# "Which exec took the e-commerce half of Gary Yu's question?": the part named is the topic.
_PART_OF = re.compile(
    r"\bthe\s+(?!(?:first|second|third|last|final|early|earlier|later|opening|closing|other|"
    r"same|main|best|most|biggest|larger|largest|bigger)\b)"
    r"(?P<t>[\w-]+(?:\s+[\w-]+)?)\s+(?:half|part|portion|side|bit|piece)\s+of\b",
    re.IGNORECASE,
)


def _topic(q: str, zh: bool) -> str:
    # "Who on the team handled the question about X": "on the team" is no topic.
    q = re.sub(_ON_THE_TEAM, " ", q, flags=re.IGNORECASE)
    q = re.sub(_ON_THE_CALL, " ", q, flags=re.IGNORECASE)  # nor is "on the call"
    m = None if zh else _WHETHER_TOPIC.search(q)
    m = m or (_ZH_TOPIC if zh else _TOPIC).search(q) or (None if zh else _PART_OF.search(q))
    if not m:
        return ""
    # "... about cloud, and which firm is he with?": the topic ends where the next ask starts.
    # ("On the question splitting X, who was the analyst?": it ends at ", who"; "On the
    # Ele.me question - which firm asked it?" at " - which".)
    topic = re.split(
        r",?\s+and\s+(?=(?:what|which|who|how|where|when|why|did|does|do|has|have|was|were"
        r"|is|are|will|can)\b)|,\s+(?=(?:which|who|whom|whose)\b)"
        r"|\s+[-–—:]\s+(?=(?:which|who|whom|whose|what)\b)"
        # ("... about Ele.me's RMB 10 billion, the UBS analyst or the Goldman analyst?": the
        # choice offered is whom, not what)
        r"|,\s+(?=(?:the\s+)?[^,]{0,30}\b(?:analyst|guy|one|person|caller|bank|firm)\s+or\s+"
        r"(?:the\s+)?[^,]{0,30}\b(?:analyst|guy|one|person|caller|bank|firm)\??\s*$)"
        r"|[?？]",  # ("... on inference demand? Who actually asked?": at the next question)
        m.group("t") or m.group("on"),
        flags=re.I,
    )[0]
    # "关于618的策略问题是谁回答的": the topic ends where the who-question starts.
    topic = (
        re.split(r"(?:的)?(?:问题|提问)?(?:是)?(?:由)?(?:谁|哪位|哪个|哪一位)", topic)[0]
        if zh
        else topic
    )
    # "What did Gary Yu ask about in the prepared remarks?": where, not what.
    topic = _IN_A_SECTION.sub(" ", topic)
    return topic.strip(" ?？。.,")
