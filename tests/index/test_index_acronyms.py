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


def test_initials_of_names_the_call_spells_only_in_full() -> None:
    """An analyst's "CIG" or "LSG" meets a call that only ever says "Cloud Intelligence Group";
    people's titles, possessive runs and finance codes are not read as such names."""
    table = acronym_table([BUNDLED_CALL.read_text(encoding="utf-8")])
    assert table["CIG"] == "cloud intelligence group"
    assert table["LSG"] == "local service group"
    assert "SEA" not in table  # ("Senior Equity Analyst": a title)
    assert "CNY" not in table  # (a currency, though the call says "Chinese New Year")
    assert "AGM" not in table  # ("Alibaba Group's March quarter": a possessive run)
    assert expand("CIG adj EBITDA?", table) == "cloud intelligence group"


def test_initials_are_whole_names_on_one_line() -> None:
    """No window of a longer run ("MEG" inside "Digital Media and Entertainment Group"), no run
    across a speaker line, none with an acronym inside, a title or a possessive."""
    from index.acronyms import _initialisms

    text = (
        "Satya Nadella\nThank you Brett. Microsoft Azure AI Foundry Agent Service grew. "
        "Revenue from Digital Media and Entertainment Group grew. Adjusted EBITDA of DME rose."
    )
    found = _initialisms([text])
    assert found == {"DMEG": "digital media and entertainment group"}, found
