"""Transcript text -> call header metadata and speaker `Turn`s.

Three plain-text layouts are recognised (`detect_layout` picks the one with the most speaker
lines):

* ``paren``: a speaker line ``Name (Title)`` alone on a line, then paragraphs (the bundled call).
* ``colon``: ``Name: speech`` on one line (also ``Name, Title, Firm:`` and ``Name - Title:``).
* ``dash``: a heading ``Name -- Title`` / ``Name -- Firm -- Analyst`` / ``Operator`` alone on a
  line, then paragraphs, with "Prepared Remarks" / "Questions and Answers" section headings.

Every layout function only finds where speakers start and what their heading says; roles,
sections, exchanges and the zh/en paragraph pairing are decided once, layout-independently,
in `build_turns`. Offsets are into the (newline-normalised) text handed in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import TranscriptError
from ingest.models import Call, Lang, Paragraph, Role, Section, Turn

# --------------------------------------------------------------------------- text helpers

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
# "[Foreign Language]" and similar interpreter markers at the start of a paragraph.
FOREIGN_MARKER = re.compile(
    r"\[(?:foreign language|foreign speech|speaks? (?:in )?foreign language|"
    r"speaking foreign language|interpreted|chinese|mandarin)\]\s*",
    re.IGNORECASE,
)
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "vs",
    "inc",
    "co",
    "corp",
    "ltd",
    "no",
    "st",
    "jr",
    "sr",
    "approx",
    "e.g",
    "i.e",
    "fig",
    "dept",
    "mt",
}
_SENTENCE_END = re.compile(r"[.?!]+[\"'”’)\]]*(?=\s|$)|[。？！]+[”’」』)）]*")


def cjk_count(text: str) -> int:
    """How many CJK ideographs `text` holds."""
    return len(_CJK.findall(text))


def detect_lang(text: str) -> Lang:
    """'zh' when CJK ideographs are more than 30% of the non-space characters."""
    visible = sum(1 for ch in text if not ch.isspace())
    return "zh" if visible and cjk_count(text) > 0.3 * visible else "en"


def word_count(text: str) -> float:
    """Words for sizing: Latin words count 1, each CJK ideograph about 0.6 of a word."""
    cjk = cjk_count(text)
    latin = len(_WORD.findall(_CJK.sub(" ", text)))
    return latin + 0.6 * cjk


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of `text[start:end]` as whitespace-trimmed (start, end) spans.

    English sentences end at . ? ! followed by whitespace (not after "J.", "Mr." and the
    like); Chinese ones at 。？！ with no space needed.
    """
    spans: list[tuple[int, int]] = []
    cur = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if m.group()[0] == "." and _is_abbreviation(text, m.start()):
            continue
        spans.append((cur, m.end()))
        cur = m.end()
    spans.append((cur, end))
    return [s for s in (trim_span(text, a, b) for a, b in spans) if s[0] < s[1]]


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial ("J.P.", "Inc.")."""
    i = dot
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    word = text[i:dot]
    last = word.rsplit(".", 1)[-1]
    if len(last) == 1 and last.isupper():
        return True
    return word.lower() in _ABBREVIATIONS


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink (start, end) so the slice has no leading or trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def first_sentence(text: str) -> str:
    spans = sentence_spans(text, 0, len(text))
    return text[spans[0][0] : spans[0][1]] if spans else ""


# --------------------------------------------------------------------------- names and titles

_PARTICLES = {"de", "da", "van", "von", "der", "den", "del", "la", "le", "bin", "al", "di", "du"}
# Words that start sentences and headings but not names ("In Europe, ...: growth").
# fmt: off
_NOT_FIRST = {
    "in", "on", "at", "for", "the", "our", "we", "this", "that", "and", "but", "so", "as",
    "with", "from", "to", "of", "by", "if", "when", "overall", "finally", "first", "second",
    "third", "next", "looking", "turning", "moving", "again", "also", "now", "here", "there",
    "it", "its", "my", "your", "all", "total", "net", "gross", "operating", "adjusted",
    "revenue", "revenues", "sales", "free", "cash", "q", "note", "yes", "no", "okay", "ok",
    "thanks", "thank", "well", "good", "great", "hi", "hello",
}
# fmt: on
# Parenthesised stage directions that are not speaker titles.
_ANNOTATIONS = re.compile(
    r"^(?:inaudible|indiscernible|laughs?|laughter|crosstalk|pause|sic|ph|phonetic|audio gap|"
    r"technical difficult(?:y|ies)|foreign language|translated|interpreted|unaudited)\b",
    re.IGNORECASE,
)
_HOST_NAMES = {
    "operator",
    "moderator",
    "host",
    "coordinator",
    "conference operator",
    "conference call operator",
}
_HEADER_KEYS = {
    "date",
    "time",
    "company",
    "title",
    "call",
    "event",
    "period",
    "location",
    "source",
    "ticker",
    "note",
    "disclaimer",
    "copyright",
    "participants",
    "corporate participants",
    "conference call participants",
    "presentation",
    "revenue",
    "total",
    "question",
    "answer",
    "duration",
    "image source",
    "call participants",
    "prepared remarks",
    "questions and answers",
    "transcript",
}
_TITLE_WORDS = re.compile(
    r"\b(chief|officer|c[efot]o|cio|cmo|president|chair(?:man|woman|person)?|director|head|"
    r"vice|vp|svp|evp|manager|founder|partner|treasurer|controller|secretary|counsel|analyst|"
    r"research|relations|executive|principal|associate|strategist|economist|senior|general|"
    r"managing|lead|member|board|participant|operator|moderator|ir)\b",
    re.IGNORECASE,
)
_IR_TITLE = re.compile(r"investor relations|\bIR\b|capital markets", re.IGNORECASE)
_ANALYST_TITLE = re.compile(r"\banalyst", re.IGNORECASE)
_EXEC_STRONG = re.compile(
    r"\b(chief|c[efot]o|cio|cmo|president|chair(?:man|woman|person)?|founder)\b", re.IGNORECASE
)
_RESEARCH_TITLE = re.compile(
    r"\b(research|equity|securities|strategist|portfolio)\b", re.IGNORECASE
)
_EXEC_TITLE = re.compile(
    r"\b(officer|treasurer|controller|general manager|head of|executive|vp|svp|evp|director|"
    r"secretary|counsel)\b",
    re.IGNORECASE,
)


def is_name(text: str, *, allow_single: bool = False) -> bool:
    """Does `text` look like a person's name ("Eddie Wu", "Toby XU", "Jean-Paul de la Cruz")?

    Ordinary sentences fail: lowercase words, digits, too many words or trailing punctuation.
    """
    text = text.strip()
    if not text or len(text) > 60 or text.casefold() in _HEADER_KEYS:
        return False
    if text.casefold() in _HOST_NAMES:
        return True
    tokens = text.split()
    if not 1 <= len(tokens) <= 6 or (len(tokens) == 1 and not allow_single):
        return False
    if tokens[0].lower().rstrip(".") in _NOT_FIRST:
        return False
    for tok in tokens:
        if tok.lower() in _PARTICLES:
            continue
        if not tok[0].isupper() or any(ch.isdigit() for ch in tok):
            return False
        if not all(ch.isalpha() or ch in ".'’-" for ch in tok):
            return False
    return not tokens[-1].endswith(("'", "’"))


def looks_like_title(text: str) -> bool:
    return bool(_TITLE_WORDS.search(text))


def normalise_name(name: str) -> str:
    """Collapse spaces and fix shouted words: "Toby XU" -> "Toby Xu", "OPERATOR" -> "Operator"."""
    out = []
    for tok in name.split():
        letters = [ch for ch in tok if ch.isalpha()]
        if len(letters) >= 2 and tok.isupper() and "." not in tok:
            tok = "-".join(part[:1] + part[1:].lower() for part in tok.split("-"))
        out.append(tok)
    return " ".join(out)


def name_key(name: str) -> str:
    return normalise_name(name).casefold()


def split_title_firm(parts: list[str]) -> tuple[str, str]:
    """Heading parts after the name -> (title, firm): "Morgan Stanley", "Analyst" etc."""
    parts = [p.strip() for p in parts if p.strip()]
    if not parts:
        return "", ""
    if len(parts) == 1:
        return (parts[0], "") if looks_like_title(parts[0]) else ("", parts[0])
    titles = [p for p in parts if looks_like_title(p)]
    firms = [p for p in parts if not looks_like_title(p)]
    if not titles:
        return parts[0], ", ".join(parts[1:])
    return ", ".join(titles), ", ".join(firms)


# --------------------------------------------------------------------------- layouts


@dataclass
class RawTurn:
    """Where a speaker's turn is and what its heading said, before roles are decided."""

    speaker: str
    title: str
    firm: str
    heading: int  # offset of the speaker line
    start: int  # body start (trimmed)
    end: int  # body end (trimmed)


@dataclass
class LayoutResult:
    layout: str
    turns: list[RawTurn]
    header_end: int  # offset of the first speaker line: the header is text[:header_end]
    section_marks: list[tuple[int, Section]] = field(default_factory=list)


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str  # stripped


def _lines(text: str) -> list[_Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        a, b = trim_span(text, pos, pos + len(raw))
        out.append(_Line(a, b, text[a:b]))
        pos += len(raw) + 1
    return out


_QA_HEADING = re.compile(
    r"^(?:questions?\s*(?:and|&)\s*answers?(?:\s+session)?|question-and-answer(?:\s+session)?|"
    r"q\s*&\s*a(?:\s+session)?)\s*:?$",
    re.IGNORECASE,
)
_PREPARED_HEADING = re.compile(
    r"^(?:prepared remarks|presentation|management discussion section|opening remarks)\s*:?$",
    re.IGNORECASE,
)
_END_MARK = re.compile(
    r"^(?:duration:|call participants:|\[end of (?:transcript|call)\]|end of transcript)",
    re.IGNORECASE,
)


def _section_heading(line: str) -> Section | None:
    if _QA_HEADING.match(line):
        return "qa"
    if _PREPARED_HEADING.match(line):
        return "prepared"
    return None


_PAREN_LINE = re.compile(r"^(?P<name>[^()\n]{1,60}?)\s*\((?P<title>[^()\n]{1,100})\)$")
_DASH_SPLIT = re.compile(r"\s+(?:--|—|–)\s+")
_COLON_LINE = re.compile(r"^(?P<head>[^:\n]{2,120}?):(?:\s+(?P<speech>\S.*))?$")


def _paren_heading(line: str) -> tuple[str, str, str] | None:
    m = _PAREN_LINE.match(line)
    if not m or m.group("title").rstrip().endswith(".") or _ANNOTATIONS.match(m.group("title")):
        return None
    name, title = m.group("name").strip(), m.group("title").strip()
    # A one-word name needs a real title: "Eddie (CEO)" yes, "Okay (inaudible)" no.
    single_ok = looks_like_title(title) or name.casefold() in _HOST_NAMES
    if not is_name(name, allow_single=single_ok):
        return None
    return name, title, ""


def _dash_heading(line: str) -> tuple[str, str, str] | None:
    if line.casefold() in _HOST_NAMES:
        return line, "", ""
    parts = _DASH_SPLIT.split(line)
    if len(parts) < 2 or len(parts) > 4 or not is_name(parts[0], allow_single=True):
        return None
    if any(len(p) > 80 or p.endswith((".", "?", "!")) for p in parts[1:]):
        return None
    title, firm = split_title_firm(parts[1:])
    return parts[0], title, firm


def _colon_heading(line: str) -> tuple[str, str, str, int] | None:
    """("Name", title, firm, offset of speech within the line) for "Name[, Title]: speech"."""
    m = _COLON_LINE.match(line)
    if not m:
        return None
    head = m.group("head").strip()
    speech_at = m.start("speech") if m.group("speech") else len(line)
    if head.casefold() in _HOST_NAMES:
        return head, "", "", speech_at
    pm = _PAREN_LINE.match(head)
    if pm:
        name, rest = pm.group("name").strip(), [pm.group("title")]
    elif re.search(r"\s[-–—]{1,2}\s", head):
        name, *rest = re.split(r"\s[-–—]{1,2}\s", head)
        rest = [p for r in rest for p in r.split(",")]
    else:
        name, *rest = head.split(",")
    name = name.strip()
    if not is_name(name, allow_single=bool(rest)):
        return None
    if any(len(p.strip()) > 80 for p in rest):
        return None
    title, firm = split_title_firm(rest)
    return name, title, firm, speech_at


def _scan(
    text: str, layout: str, heading: Callable[[str], tuple[str, str, str, int] | None]
) -> LayoutResult:
    """Walk the lines; a speaker heading opens a turn that runs until the next heading."""
    lines = _lines(text)
    heads: list[tuple[int, str, str, str, int]] = []  # (line no, name, title, firm, body start)
    marks: list[tuple[int, Section]] = []
    stops: list[int] = []
    for i, ln in enumerate(lines):
        if not ln.text:
            continue
        sec = _section_heading(ln.text)
        if sec:
            marks.append((ln.start, sec))
            stops.append(i)
            continue
        if heads and _END_MARK.match(ln.text):
            stops.append(i)
            continue
        hit = heading(ln.text)
        if hit:
            name, title, firm, speech_at = hit
            heads.append((i, name, title, firm, ln.start + speech_at))
    turns = []
    stop_set = set(stops)
    head_lines = {h[0] for h in heads}
    for n, (i, name, title, firm, body_start) in enumerate(heads):
        last = len(lines) - 1 if n + 1 == len(heads) else heads[n + 1][0] - 1
        j = i + 1
        while j <= last and j not in stop_set and j not in head_lines:
            j += 1
        body_end = lines[j - 1].end if j - 1 > i else lines[i].end
        start, end = trim_span(text, body_start, max(body_start, body_end))
        if start < end:
            turns.append(RawTurn(normalise_name(name), title, firm, lines[i].start, start, end))
    header_end = lines[heads[0][0]].start if heads else 0
    return LayoutResult(layout, turns, header_end, marks)


def parse_paren_layout(text: str) -> LayoutResult:
    """Layout 1: "Name (Title)" alone on a line, speech in the paragraphs below."""

    def heading(line: str) -> tuple[str, str, str, int] | None:
        hit = _paren_heading(line)
        return (*hit, len(line)) if hit else None

    return _scan(text, "paren", heading)


def parse_dash_layout(text: str) -> LayoutResult:
    """Layout 3: "Name -- Title" (or "Name -- Firm -- Analyst", "Operator") headings."""

    def heading(line: str) -> tuple[str, str, str, int] | None:
        hit = _dash_heading(line)
        return (*hit, len(line)) if hit else None

    return _scan(text, "dash", heading)


def parse_colon_layout(text: str) -> LayoutResult:
    """Layout 2: "Name: speech" (or "Name, Title, Firm: speech") on the speaker's first line."""
    return _scan(text, "colon", _colon_heading)


_LAYOUTS: dict[str, Callable[[str], LayoutResult]] = {
    "paren": parse_paren_layout,
    "dash": parse_dash_layout,
    "colon": parse_colon_layout,
}


def detect_layout(text: str) -> str | None:
    """The layout with the most speaker headings (ties: paren, dash, colon), or None."""
    counts = {"paren": 0, "dash": 0, "colon": 0}
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if _paren_heading(line):
            counts["paren"] += 1
        if _dash_heading(line):
            counts["dash"] += 1
        if _colon_heading(line):
            counts["colon"] += 1
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else None


# --------------------------------------------------------------------------- header


_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_MONTH = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_PATTERNS = [
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"\b(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
]
_PERIOD_END = re.compile(r"period end|quarter end|ended|ending|as of", re.I)
_ORDINAL_Q = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def parse_date(text: str) -> str:
    """First date in `text` as ISO yyyy-mm-dd, or ""."""
    for pat in _DATE_PATTERNS:
        for m in pat.finditer(text):
            month = (
                int(m.group("mnum"))
                if "mnum" in m.groupdict() and m.group("mnum")
                else _MONTHS.get(m.group("mon")[:3].lower(), 0)
            )
            try:
                return dt.date(int(m.group("year")), month, int(m.group("day"))).isoformat()
            except ValueError:
                continue
    return ""


def _year(y: str) -> str:
    return y if len(y) == 4 else f"20{y}"


def parse_period(text: str) -> str:
    """A fiscal period named in `text`: "Q4 2025", "Q4 FY2025", "FY2025 Q4", or ""."""
    m = re.search(r"\bQ([1-4])\s*(FY\s*)?'?(\d{4}|\d{2})\b", text, re.I)
    if m:
        return f"Q{m.group(1)} {'FY' if m.group(2) else ''}{_year(m.group(3))}"
    m = re.search(r"\b(?:FY|fiscal\s+(?:year\s+)?)'?(\d{4}|\d{2})\s+Q([1-4])\b", text, re.I)
    if m:
        return f"FY{_year(m.group(1))} Q{m.group(2)}"
    m = re.search(r"\b([1-4])Q\s*'?(\d{4}|\d{2})\b", text)
    if m:
        return f"Q{m.group(1)} {_year(m.group(2))}"
    m = re.search(
        r"\b(first|second|third|fourth)\s+(?:fiscal\s+)?quarter\s+(?:of\s+)?"
        r"(fiscal\s+(?:year\s+)?)?(\d{4})\b",
        text,
        re.I,
    )
    if m:
        fy = "FY" if m.group(2) else ""
        return f"Q{_ORDINAL_Q[m.group(1).lower()]} {fy}{m.group(3)}"
    return ""


def company_from_title(title: str) -> str:
    """The company in a title line.

    "Alibaba Group - Earnings Call - Q4 2025" -> "Alibaba Group"; "Acme (ACME) Q2 ..." -> "Acme".
    """
    cut = re.split(
        r"\s+[-–—|:]\s+|\s*\([A-Z.:]{1,12}\)|\s+(?:Q[1-4]|[1-4]Q|FY|fiscal|first|second|third|"
        r"fourth|full[- ]year|\d{4})\b|\s+earnings\b|\s+conference\b|'s\b",
        title,
        maxsplit=1,
        flags=re.I,
    )
    return cut[0].strip(" -–—,")


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_HEADER_NOISE = re.compile(r"^(?:transcript|earnings call transcript|image source:.*)$", re.I)


def parse_header(
    header: str,
    source: str,
    *,
    company: str | None = None,
    title: str | None = None,
    date: str | None = None,
    period: str | None = None,
) -> Call:
    """Call metadata from the header lines; explicit arguments (CLI overrides) win."""
    lines = [ln.strip() for ln in header.split("\n") if ln.strip()]
    content = [ln for ln in lines if not _HEADER_NOISE.match(ln) and not _section_heading(ln)]
    found_title = next((ln for ln in content if not parse_date(ln) or len(ln) > 40), "")
    found_date = next(
        (d for ln in content if not _PERIOD_END.search(ln) and (d := parse_date(ln))), ""
    )
    the_title = title or found_title or Path(source).stem
    the_company = company or (company_from_title(found_title) if found_title else "")
    the_date = (parse_date(date) or date) if date else found_date
    the_period = (
        period
        or parse_period(the_title)
        or next((p for ln in content if (p := parse_period(ln))), "")
    )
    if the_company and the_date:
        call_id = slugify(f"{the_company}-{the_date}")
    else:
        call_id = slugify(Path(source).stem) or "call"
    return Call(
        call_id=call_id,
        company=the_company,
        title=the_title,
        date=the_date,
        period=the_period,
        source=Path(source).name,
    )


# --------------------------------------------------------------------------- roles


_INTRO_CUE = re.compile(
    r"(?:with us today|joining (?:me|us)(?: today| on (?:the|today's|this) call)?|"
    r"on (?:the|today's|this) call (?:today )?(?:are|is|we have|with me)|"
    r"(?:participating|present) (?:today|on the call|on today's call))"
    r"\s*(?:are|is|we have|:)?\s*",
    re.IGNORECASE,
)
_NAME_PAT = r"[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,3}"
_ANALYST_INTRO = re.compile(
    r"(?:questions?\s+(?:today\s+)?(?:comes?|is coming|will come|is)\s+from|"
    r"(?:we'll|we will|let's)\s+go\s+(?:next\s+)?to|next\s+(?:we have|caller is|up is)|"
    r"caller\s+is)\s+(?:the\s+line\s+of\s+)?"
    r"(?P<name>" + _NAME_PAT + r")\s+(?:with|from|of|at)\s+(?P<rest>[^\n]+)",
)
_FIRM_STOP = re.compile(r"[.,;]?\s+(?:please|your line|go ahead|you may)\b", re.IGNORECASE)


# A sentence that stands on the one before it: "This increase reflects ...", "This is the
# result of ...", "These were all putting pieces in place ...", "That's definitely going to be
# good for Taobao" (not "This quarter, ...", "That said", "This is Toby").
POINTS_BACK = re.compile(
    r"^\W*(?:This|That|These|Those|Such)\b(?!\s+(?:quarter|year|month|week|fiscal|time|said"
    r"|morning|afternoon|evening|is\s+[A-Z]))"
)


def introduces_people(text: str) -> bool:
    """The text has an opening's introduction of who is on the call ("With us today are")."""
    return bool(_INTRO_CUE.search(text))


def executives_named(text: str) -> dict[str, str]:
    """People an opening introduces ("With us today are Joe Tsai, Chairman; ...") -> title."""
    found: dict[str, str] = {}
    for m in _INTRO_CUE.finditer(text):
        sentence = first_sentence(text[m.end() :])
        current = ""
        for item in re.split(r"[;,]", sentence.rstrip(".")):
            item = re.sub(r"^\s*(?:and|as well as)\s+", "", item).strip()
            item = re.sub(r"^(?:our|the)\s+", "", item)
            if not item:
                continue
            if is_name(item) and not looks_like_title(item):
                current = normalise_name(item)
                found.setdefault(current, "")
            elif current:
                found[current] = f"{found[current]}, {item}" if found[current] else item
    return found


# How a moderator tells callers to join the question queue ("please press star one on your
# telephone", "keep yourself to no more than one question at a time").
_CALLER_INSTRUCTIONS = re.compile(
    r"\bpress (?:star|\*|the star)|\bstar (?:one|two|1|2)\b|\bpound key\b|wait for your name"
    r"|cancel your request|\bspeakerphone\b|\bhandset\b|no more than (?:one|two|1|2) questions?"
    r"|(?:one|two) questions? at a time|limit yourselves? to (?:one|two)",
    re.IGNORECASE,
)


def caller_instructions(text: str) -> bool:
    """Does `text` tell callers how to ask a question (press star one, one at a time)?"""
    return bool(_CALLER_INSTRUCTIONS.search(text))


def analyst_intros(text: str) -> list[tuple[str, str]]:
    """(name, firm) for each "Your next question comes from NAME with FIRM." in `text`."""
    out = []
    for m in _ANALYST_INTRO.finditer(text.replace("\n", " ")):
        rest = m.group("rest")
        stop = _FIRM_STOP.search(rest)
        if stop:
            rest = rest[: stop.start()]
        firm = first_sentence(rest).rstrip(".,;: ").strip()
        if firm:
            out.append((normalise_name(m.group("name")), firm))
    return out


def _is_host(raw: RawTurn) -> Role | None:
    if raw.speaker.casefold() in _HOST_NAMES or re.search(r"\boperator\b", raw.title, re.I):
        return "operator"
    if _IR_TITLE.search(raw.title):
        return "ir"
    return None


def _role_from_title(title: str, firm: str, name: str) -> Role | None:
    if _ANALYST_TITLE.search(title) or _ANALYST_TITLE.search(name):
        return "analyst"
    if _EXEC_STRONG.search(title):
        return "executive"
    if _RESEARCH_TITLE.search(title):
        return "analyst"
    if _EXEC_TITLE.search(title):
        return "analyst" if firm else "executive"
    return None


# --------------------------------------------------------------------------- paragraphs


def split_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Paragraph spans of a turn body: blank-line separated blocks, else one per line."""
    body = text[start:end]
    sep = r"\n[ \t]*\n" if re.search(r"\n[ \t]*\n", body) else r"\n"
    spans = []
    pos = start
    for m in re.finditer(sep, body):
        spans.append(trim_span(text, pos, start + m.start()))
        pos = start + m.end()
    spans.append(trim_span(text, pos, end))
    return [s for s in spans if s[0] < s[1]]


def content_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph without a leading "[Foreign Language]" marker (may become empty)."""
    m = FOREIGN_MARKER.match(text, start, end)
    return trim_span(text, m.end(), end) if m else (start, end)


def build_paragraphs(text: str, start: int, end: int, pair_prefix: str) -> tuple[Paragraph, ...]:
    """Content paragraphs with language and zh/en pairing.

    A zh paragraph and the English paragraphs after it (until the next zh paragraph) share a
    pair_id. A zh paragraph with no English after it pairs with the unpaired English just
    before it (an analyst who asks in English, then repeats the question in Chinese).
    Marker-only paragraphs ("[Foreign Language]" with nothing else) are not content.
    """
    spans = []
    for a, b in split_paragraphs(text, start, end):
        a, b = content_span(text, a, b)
        if a < b:
            spans.append((a, b, detect_lang(text[a:b])))
    groups: list[list[int]] = []
    owner: dict[int, int] = {}
    for i, (_, _, lang) in enumerate(spans):
        if lang == "zh":
            groups.append([i])
            owner[i] = len(groups) - 1
        elif groups and spans[groups[-1][0]][2] == "zh" and groups[-1][0] < i:
            groups[-1].append(i)
            owner[i] = len(groups) - 1
    for g, members in enumerate(groups):
        if len(members) == 1:
            k = members[0] - 1
            while k >= 0 and k not in owner:
                members.insert(0, k)
                owner[k] = g
                k -= 1
    pair_ids = {}
    k = 0
    for members in groups:
        if len(members) > 1:
            for i in members:
                pair_ids[i] = f"{pair_prefix}:p{k}"
            k += 1
    return tuple(
        Paragraph(start=a, end=b, lang=lang, pair_id=pair_ids.get(i, ""))
        for i, (a, b, lang) in enumerate(spans)
    )


# --------------------------------------------------------------------------- turns


def build_turns(text: str, result: LayoutResult, call: Call) -> list[Turn]:
    """Decide role, affiliation, section and exchange of every raw turn."""
    raws = result.turns
    host = [_is_host(r) for r in raws]
    # Analysts introduced by a host ("... comes from Gary Yu with Morgan Stanley.").
    firms: dict[str, str] = {}
    intro_turns: dict[int, str] = {}
    for i, r in enumerate(raws):
        if host[i]:
            for name, firm in analyst_intros(text[r.start : r.end]):
                firms.setdefault(name_key(name), firm)
                intro_turns[i] = name_key(name)
    # Executives named in the opening, before the first question.
    execs: dict[str, str] = {}
    for r in raws[:8]:
        for name, long_title in executives_named(text[r.start : r.end]).items():
            execs.setdefault(name_key(name), long_title)

    first_title: dict[str, str] = {}
    for r in raws:
        if r.title:
            first_title.setdefault(name_key(r.speaker), r.title)
    # Two executives under one speaker-line title ("Eddie Wu (CEO)", "Jiang Fan (CEO)"): the
    # one the opening introduces as heading a unit ("Chief Executive Officer of Alibaba
    # E-commerce Business Group") is told apart by it: "CEO, Alibaba E-commerce Business Group".
    shared = {t for t in first_title.values() if list(first_title.values()).count(t) > 1}
    told_apart: dict[str, str] = {}
    for key, title in first_title.items():
        unit = re.search(r"\bof\s+(?:the\s+)?(.+)$", execs.get(key, ""))
        if title in shared and unit:
            told_apart[key] = f"{title}, {unit.group(1).strip()}"

    roles: list[Role] = []
    affiliations: list[str] = []
    titles: list[str] = []
    for i, r in enumerate(raws):
        key = name_key(r.speaker)
        title = told_apart.get(key) or r.title or first_title.get(key) or execs.get(key, "")
        role: Role
        affiliation = ""
        if host[i]:
            role = host[i] or "other"
            affiliation = call.company if role == "ir" else ""
        elif key in firms:
            role, affiliation = "analyst", r.firm or firms[key]
        elif key in execs:
            role, affiliation = "executive", call.company
        else:
            role = _role_from_title(title, r.firm, r.speaker) or "other"
            affiliation = call.company if role == "executive" else r.firm
        roles.append(role)
        affiliations.append(affiliation)
        titles.append(title)

    sections = _sections(raws, roles, intro_turns, result.section_marks)
    exchanges = _exchanges(raws, roles, sections, intro_turns)
    turns = []
    for i, r in enumerate(raws):
        turns.append(
            Turn(
                index=i,
                speaker=r.speaker,
                title=titles[i],
                role=roles[i],
                affiliation=affiliations[i],
                section=sections[i],
                exchange=exchanges[i],
                start=r.start,
                end=r.end,
                paragraphs=build_paragraphs(text, r.start, r.end, f"{call.call_id}:t{i}"),
            )
        )
    return turns


def _sections(
    raws: list[RawTurn],
    roles: list[Role],
    intro_turns: dict[int, str],
    marks: list[tuple[int, Section]],
) -> list[Section]:
    """Prepared until Q&A: a Q&A heading if there is one, else the host turns that lead into
    the first analyst question (the operator's Q&A instructions)."""
    qa_mark = next((pos for pos, sec in marks if sec == "qa"), None)
    if qa_mark is not None:
        return ["qa" if r.heading > qa_mark else "prepared" for r in raws]
    first = next((i for i, role in enumerate(roles) if role == "analyst"), None)
    if first is None:
        return ["prepared"] * len(raws)
    while first > 0 and (roles[first - 1] == "operator" or first - 1 in intro_turns):
        first -= 1
    return ["prepared" if i < first else "qa" for i in range(len(raws))]


def _exchanges(
    raws: list[RawTurn], roles: list[Role], sections: list[Section], intro_turns: dict[int, str]
) -> list[int | None]:
    """Each analyst question opens a new exchange; answers belong to it. A host turn that
    introduces the next analyst belongs to that analyst's exchange; other host turns keep the
    current one."""
    out: list[int | None] = [None] * len(raws)
    current = 0
    analyst = ""
    introduced = False
    for i, r in enumerate(raws):
        if sections[i] != "qa":
            continue
        if roles[i] == "analyst":
            if name_key(r.speaker) != analyst or introduced:
                current += 1
                analyst = name_key(r.speaker)
            introduced = False
            out[i] = current
        elif roles[i] in ("operator", "ir") and i in intro_turns:
            introduced = True
            out[i] = current + 1
        else:
            out[i] = current or None
    # An introduction not followed by its analyst keeps the current exchange instead.
    for i in intro_turns:
        nxt = next((j for j in range(i + 1, len(raws)) if roles[j] not in ("operator", "ir")), None)
        mine = out[i]
        if mine is not None and (nxt is None or roles[nxt] != "analyst" or out[nxt] != mine):
            out[i] = (mine - 1) or None
    return out


# --------------------------------------------------------------------------- entry point


def parse_transcript(
    text: str,
    source: str,
    *,
    company: str | None = None,
    title: str | None = None,
    date: str | None = None,
    period: str | None = None,
) -> tuple[Call, list[Turn]]:
    """Header metadata and speaker turns of a decoded transcript."""
    layout = detect_layout(text)
    result = _LAYOUTS[layout](text) if layout else None
    if result is None or not result.turns:
        raise TranscriptError(
            source,
            "no recognisable speaker turns (expected lines like 'Name (Title)', "
            "'Name: text' or 'Name -- Title')",
        )
    call = parse_header(
        text[: result.header_end], source, company=company, title=title, date=date, period=period
    )
    return call, build_turns(text, result, call)
