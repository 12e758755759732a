"""Acronyms read off the indexed text, and the query expansion they drive."""

from __future__ import annotations

from callqa.settings import BUNDLED_CALL
from index.acronyms import acronym_table, expand

TEXT = (
    "Customer management revenue rose 12%. CMR growth was driven by take rate. "
    "Taobao and Tmall Group (TTG) did well; TTG margins held. As we said, AS is no acronym. "
    "Our customer management revenue outlook is stable."
)


def test_table_reads_acronyms_the_text_spells_out() -> None:
    table = acronym_table([TEXT])
    assert table["CMR"] == "customer management revenue"
    assert table["TTG"] == "taobao and tmall group"
    assert "AS" not in table  # a chance run of initials is not an expansion


def test_expand_works_both_ways() -> None:
    table = acronym_table([TEXT])
    assert expand("CMR growth?", table) == "customer management revenue"
    assert expand("How did customer management revenue grow?", table) == "CMR"
    assert expand("What about cloud?", table) == ""


def test_bundled_call_defines_its_segment_acronyms() -> None:
    table = acronym_table([BUNDLED_CALL.read_text(encoding="utf-8")])
    assert table["CMR"] == "customer management revenue"
    assert table["DME"] == "digital media and entertainment"
