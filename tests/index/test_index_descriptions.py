"""Descriptions of a business ("the logistics arm") map to the name the call uses."""

from __future__ import annotations

import json
from pathlib import Path

from callqa.settings import BUNDLED_CALL
from index.descriptions import TABLES, described_names, normalise


def test_a_description_names_the_business() -> None:
    assert described_names("How did the parcel-delivery network arm do?") == [
        ("parcel delivery network", "Cainiao")
    ]
    # Plural, and a description without its head noun when it still fits one business.
    assert ("logistics unit", "Cainiao") in described_names("Alibaba's logistics units")
    assert described_names("How big were the international commerce losses?") == [
        ("international commerce", "AIDC")
    ]
    assert described_names("What did they say about logistics?") == []  # one word is too vague
    assert described_names("How fast did cloud revenue grow?") == []


def test_a_core_shared_by_two_businesses_names_neither(tmp_path: Path) -> None:
    table = {"entities": {"A": ["grocery delivery arm"], "B": ["grocery delivery unit"]}}
    (tmp_path / "x.json").write_text(json.dumps(table), encoding="utf-8")
    assert described_names("the grocery delivery arm", tmp_path) == [("grocery delivery arm", "A")]
    assert described_names("grocery delivery sales", tmp_path) == []


def test_the_bundled_tables_name_what_the_call_names() -> None:
    transcript = BUNDLED_CALL.read_text(encoding="utf-8")
    seen: dict[str, str] = {}
    for path in TABLES.glob("*.json"):
        for name, phrases in json.loads(path.read_text(encoding="utf-8"))["entities"].items():
            assert name in transcript, name
            for phrase in phrases:
                key = normalise(phrase)
                assert seen.setdefault(key, name) == name, f"{phrase!r}: {seen[key]} and {name}"
