"""Gold-set records: load a JSONL gold file and check it against its transcript.

One JSON object per line. Only `id` and `question` are required, so a user can bring a bare
question list for another call: the runner then records answers and reports them unscored.
See eval/README.md for the field reference.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from chain.types import Message

KNOWN_TYPES = (
    "figure",
    "entity",
    "speaker",
    "section",
    "multi",
    "paraphrase",
    "followup",
    "unanswerable",
)
_CJK = re.compile(r"[\u3400-\u9fff]")


class GoldError(ValueError):
    """The gold file is malformed; the message names the file and line."""


class GoldItem(BaseModel):
    """One gold question. Optional fields left out mean 'not scored on that metric'."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    history: list[Message] = Field(default_factory=list)
    answer: str | None = None  # reference answer, for people and LLM judges
    must_include: list[list[str]] = Field(default_factory=list)  # AND of groups, OR within
    speakers: list[str] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list)  # verbatim transcript substrings
    evidence_mode: Literal["any", "all"] | None = None  # default: "all" for multi, else "any"
    type: str | None = None
    lang: Literal["en", "zh"] | None = None
    answerable: bool | None = None  # None: unknown (bare question lists)

    @field_validator("type")
    @classmethod
    def _known_spelling(cls, value: str | None) -> str | None:
        """A known type however written ("follow-up", "Follow_up" -> "followup"), so one kind
        of question is one row of the breakdown; other labels stay as given."""
        if value is None:
            return None
        plain = re.sub(r"[\s_-]+", "", value).lower()
        return plain if plain in KNOWN_TYPES else value

    @property
    def kind(self) -> str:
        """The type used for breakdowns ("unspecified" when the file gives none)."""
        return self.type or "unspecified"

    @property
    def language(self) -> str:
        """`lang`, or guessed from the question (any CJK character means zh)."""
        if self.lang:
            return self.lang
        return "zh" if _CJK.search(self.question) else "en"

    @property
    def mode(self) -> Literal["any", "all"]:
        """How evidence strings combine for retrieval recall."""
        if self.evidence_mode:
            return self.evidence_mode
        return "all" if self.type == "multi" else "any"

    @property
    def is_answerable(self) -> bool | None:
        """Explicit `answerable`, else True when the item carries evidence or must_include."""
        if self.answerable is not None:
            return self.answerable
        if self.evidence or self.must_include:
            return True
        return None

    @property
    def scored(self) -> bool:
        """Whether any metric can be computed for this item."""
        return self.is_answerable is not None


def parse_gold(lines: Iterable[str], source: str = "<gold>") -> list[GoldItem]:
    """Parse JSONL text into items; blank lines and lines starting with '#' are skipped."""
    items: list[GoldItem] = []
    seen: set[str] = set()
    for lineno, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            item = GoldItem.model_validate(json.loads(line))
        except json.JSONDecodeError as exc:
            raise GoldError(f"{source}:{lineno}: not valid JSON ({exc.msg})") from exc
        except ValidationError as exc:
            raise GoldError(f"{source}:{lineno}: {_first_error(exc)}") from exc
        if item.id in seen:
            raise GoldError(f"{source}:{lineno}: duplicate id {item.id!r}")
        if item.answerable is False and (item.must_include or item.evidence):
            raise GoldError(
                f"{source}:{lineno}: {item.id}: unanswerable items take no evidence/must_include"
            )
        seen.add(item.id)
        items.append(item)
    return items


def load_gold(path: str | Path) -> list[GoldItem]:
    """Read a gold JSONL file; raises GoldError naming the file and line on any problem."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise GoldError(f"{p}: cannot read gold file ({exc.strerror})") from exc
    items = parse_gold(text.splitlines(), source=str(p))
    if not items:
        raise GoldError(f"{p}: no questions found")
    return items


def missing_evidence(items: Iterable[GoldItem], transcript: str) -> list[tuple[str, str]]:
    """(id, evidence) pairs whose evidence is not a verbatim substring of the transcript."""
    return [(it.id, ev) for it in items for ev in it.evidence if ev not in transcript]


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "item"
    return f"{where}: {err['msg']}"
