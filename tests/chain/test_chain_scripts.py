"""A call written in traditional characters answers questions written in simplified ones
(and the reverse), as a Taiwanese or Hong Kong call must."""

from __future__ import annotations

from pathlib import Path

import pytest
from chain_testkit import make_settings

from chain.answer import Engine, answer

FIXTURE = Path(__file__).parents[1] / "ingest" / "fixtures" / "formosa-q1-2025-traditional.txt"


@pytest.fixture(scope="module")
def formosa(tmp_path_factory: pytest.TempPathFactory, engine: Engine) -> Engine:
    """An engine over a fresh index holding only the traditional-character call."""
    from index.service import open_index

    settings = make_settings(tmp_path_factory.mktemp("scripts") / "data")
    small = Engine(settings, index=open_index(settings))
    small.index.ingest([FIXTURE])
    return small


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("本季度营收增长多少?", "12%"),  # simplified question, traditional call
        ("毛利率是多少?", "48.5%"),
        ("毛利率較上季提升多少?", "1.2"),  # traditional question
        ("谁问了云端客户需求的问题?", "Kevin Liu"),
    ],
)
def test_a_traditional_call_answers_either_script(
    formosa: Engine, question: str, expected: str
) -> None:
    result = answer(question, engine=formosa)
    assert expected in result.answer, result.answer
    assert all(c.quote in FIXTURE.read_text(encoding="utf-8") for c in result.citations)
