"""Scorer rules on hand-made Answer JSON: numbers, refusals, citations, normalisation."""

from __future__ import annotations

import pytest

from chain.cite import unsupported_numbers as cite_unsupported
from eval.gold import GoldItem
from eval.score import (
    aggregate,
    contains_form,
    groups_matched,
    normalize,
    passage_contains,
    retrieval_scores,
    score_item,
    summarize,
    unsupported_numbers,
)

P_CLOUD = (
    "Revenue from Cloud Intelligence Group grew 18%, and overall revenue, excluding Alibaba "
    "consolidated subsidiaries, increased by 17%, primarily driven by an even faster Public "
    "Cloud revenue growth."
)
P_CASH = (
    "As of March 31st, 2025, we continue to maintain a strong net cash position of RMB 366.4 "
    "billion or $50.5 billion."
)
P_OTHER = "Revenue from Cainiao decreased by 12%, and its Adjusted EBITDA increased by 55%."

CLOUD = GoldItem(
    id="c1",
    question="How fast did cloud grow?",
    type="figure",
    lang="en",
    answerable=True,
    must_include=[["18%"]],
    speakers=["Toby XU"],
    evidence=["Revenue from Cloud Intelligence Group grew 18%"],
)
NOPE = GoldItem(id="u1", question="Stock price?", type="unanswerable", answerable=False)


def passage(text: str, speaker: str = "Toby Xu") -> dict:
    return {"chunk_id": "x", "score": 1.0, "text": text, "speaker": speaker, "section": "prepared"}


def result(answer: str, *, retrieved=(), citations=(), refused=False, latency=100.0) -> dict:
    return {
        "question": "q",
        "standalone_question": "q",
        "answer": answer,
        "refused": refused,
        "retrieved": [passage(t) for t in retrieved],
        "citations": [dict(passage(t), n=i + 1, quote=t[:20]) for i, t in enumerate(citations)],
        "latency_ms": latency,
    }


# --- normalisation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, form",
    [
        ("Cloud grew 18 percent.", "18%"),
        ("Cloud grew 18 per cent.", "18%"),
        ("Cloud grew 18 %.", "18%"),
        ("云业务增长１８％", "18%"),  # full-width digits and percent sign
        ("RMB 1.5 billion", "RMB1.5 billion"),
        ("RMB1.5bn", "rmb 1.5 billion"),
        ("over 100,000 derivative models", "100000"),
        ("over 100000 derivative models", "100,000"),
        ("300m downloads", "300 million"),
        ("PolarDB", "polardb"),
        ("the seventh consecutive quarter", "seven"),
        ("Taobao's take rate [1] rose", "take rate rose"),
        ("US$ 2 per ADS", "$2 per ADS"),
        ("這是在問答環節中說的", "问答"),  # (either script: a frame in traditional characters)
        ("这是在问答环节中说的", "問答"),
    ],
)
def test_forms_that_match(text, form):
    assert groups_matched(text, [[form]]) == [True]


@pytest.mark.parametrize(
    "text, form",
    [
        ("Cloud grew 18%.", "8%"),  # a number never matches inside another
        ("RMB 12.5 billion", "12 billion"),
        ("$1.055 per ADS", "1.05"),
        ("revenue grew 10.6%", "0.6%"),
        ("a restart", "art"),  # words must start at a word boundary
        ("Cloud grew 17%.", "18%"),
    ],
)
def test_forms_that_do_not_match(text, form):
    assert groups_matched(text, [[form]]) == [False]


def test_citation_markers_do_not_glue_to_numbers():
    assert groups_matched("Cloud grew 18%[1][2] year over year", [["18%"]]) == [True]
    assert unsupported_numbers("grew 18%[1] and 17% [2, 3]", [P_CLOUD]) == ([], 2)


def test_normalize_is_idempotent_and_casefolds():
    once = normalize("ＲＭＢ 366.4 Billion, up 5 Percent")
    assert once == "rmb366.4 billion, up 5%"
    assert normalize(once) == once
    assert contains_form(once, "RMB 366.4 billion")


# --- numbers ---------------------------------------------------------------------------


def test_numbers_follow_the_products_rule() -> None:
    """eval and chain.cite must agree on what supports a number."""
    answers = ["RMB 366.4 million [1]", "18 billion [1]", "Cloud grew 18% [1]", "$50.5 billion"]
    for answer in answers:
        product = cite_unsupported(answer, [P_CASH, P_CLOUD])
        assert unsupported_numbers(answer, [P_CASH, P_CLOUD])[0] == product


def test_million_is_not_supported_by_billion() -> None:
    assert unsupported_numbers("Net cash was RMB 366.4 million [1].", [P_CASH]) == (
        ["RMB 366.4 million"],
        1,
    )


def test_amount_is_not_supported_by_a_percentage() -> None:
    assert unsupported_numbers("Cloud revenue was 18 billion [1].", [P_CLOUD]) == (
        ["18 billion"],
        1,
    )


def test_number_supported_across_units_and_languages():
    missing, total = unsupported_numbers("净现金为3664亿元人民币 [1]", [P_CASH])
    assert (missing, total) == ([], 1)


def test_unmatched_number_is_reported():
    missing, total = unsupported_numbers("Cloud grew 19% [1], ex-subsidiaries 17%.", [P_CLOUD])
    assert (missing, total) == (["19%"], 2)


# --- evidence matching -----------------------------------------------------------------


def test_evidence_match_ignores_whitespace_differences():
    assert passage_contains("Revenue from Cloud\n  Intelligence Group grew 18%", CLOUD.evidence[0])


def test_evidence_split_across_chunks_counts_when_most_of_it_is_present():
    ev = "Revenue from AIDC grew 22% to RMB 33.6 billion this quarter"
    assert passage_contains("... Revenue from AIDC grew 22% to RMB 33.6 billion", ev)
    assert not passage_contains("... Revenue from AIDC grew", ev)  # well under 60%
    assert not passage_contains("Cloud grew", "Cloud grew 18%")  # short evidence: exact only


def test_retrieval_any_and_all_modes():
    ranked = [P_OTHER, P_CASH, P_CLOUD]
    any_mode = retrieval_scores(ranked, ["Cloud Intelligence Group grew 18%"])
    assert any_mode == {"r@1": 0.0, "r@3": 1.0, "r@5": 1.0, "mrr": pytest.approx(1 / 3)}
    evidence = ["Cloud Intelligence Group grew 18%", "net cash position of RMB 366.4 billion"]
    all_mode = retrieval_scores(ranked, evidence, mode="all")
    assert all_mode["r@1"] == 0.0 and all_mode["r@3"] == 1.0
    assert retrieval_scores([P_OTHER, P_CASH], evidence, mode="all")["r@3"] == 0.5


# --- item scoring ----------------------------------------------------------------------


def test_correct_cited_answer():
    s = score_item(
        CLOUD, result("Cloud revenue grew 18% [1].", retrieved=[P_CLOUD], citations=[P_CLOUD])
    )
    assert s.correct == 1.0 and s.outcome == 1.0
    assert s.r_at["r@1"] == 1.0 and s.r_at["mrr"] == 1.0
    assert s.citation_precision == 1.0 and s.citation_hit == 1.0
    assert s.speaker_hit == 1.0  # "Toby XU" vs "Toby Xu": case-insensitive
    assert s.numeric_faithfulness == 1.0 and s.unsupported == []
    assert s.retrieved_chars_top5 == len(P_CLOUD)


def test_wrong_number_and_bad_citation():
    s = score_item(
        CLOUD,
        result(
            "Cloud revenue grew 19% [1][2].",
            retrieved=[P_OTHER, P_CLOUD],
            citations=[P_CLOUD, P_OTHER],
        ),
    )
    assert s.correct == 0.0 and s.group_recall == 0.0
    assert s.citation_precision == 0.5 and s.citation_hit == 1.0
    assert s.numeric_faithfulness == 0.0 and s.unsupported == ["19%"]
    assert s.r_at["r@1"] == 0.0 and s.r_at["mrr"] == 0.5


def test_answer_without_citations():
    s = score_item(CLOUD, result("Cloud revenue grew 18%.", retrieved=[P_CLOUD]))
    assert s.correct == 1.0
    assert s.citation_hit == 0.0 and s.citation_precision is None
    assert s.numeric_faithfulness == 0.0


def test_refusals():
    right = score_item(NOPE, result("The call does not say.", refused=True))
    wrong = score_item(NOPE, result("The ADS closed at $120 [1].", citations=[P_CASH]))
    over = score_item(CLOUD, result("The call does not say.", refused=True, retrieved=[P_CLOUD]))
    assert right.outcome == 1.0 and wrong.outcome == 0.0
    assert wrong.numeric_faithfulness == 0.0  # hallucinated number on an unanswerable question
    assert over.correct == 0.0 and over.r_at["r@1"] == 1.0  # retrieval still scored
    agg = aggregate([right, wrong, over])
    assert agg["refusal_precision"] == 0.5  # 2 refusals, 1 right
    assert agg["refusal_recall"] == 0.5  # 2 unanswerable, 1 refused
    assert agg["wrongly_refused_rate"] == 1.0
    assert agg["outcome_accuracy"] == pytest.approx(1 / 3)


def test_error_record_counts_as_refusal_and_error():
    s = score_item(CLOUD, {"id": "c1", "question": "q", "error": "boom", "refused": True})
    agg = aggregate([s])
    assert agg["errors"] == 1 and agg["answer_accuracy"] == 0.0


def test_unscored_item_only_contributes_latency():
    bare = GoldItem(id="b", question="What was revenue?")
    s = score_item(bare, result("RMB 236.5 billion.", latency=50))
    agg = aggregate([s])
    assert agg["n"] == 1 and agg["n_scored"] == 0
    assert agg["answer_accuracy"] is None and agg["r@1"] is None
    assert agg["latency_p50_ms"] == 50


def test_summary_breaks_down_by_type_and_language():
    zh = GoldItem(
        id="z1", question="阿里云增长多少?", answerable=True, must_include=[["18%"]], type="figure"
    )
    scores = [
        score_item(CLOUD, result("18% [1]", retrieved=[P_CLOUD], citations=[P_CLOUD], latency=10)),
        score_item(zh, result("增长17%", retrieved=[P_OTHER], latency=30)),
        score_item(NOPE, result("不知道", refused=True, latency=20)),
    ]
    summary = summarize(scores)
    assert summary["by_lang"]["zh"]["answer_accuracy"] == 0.0
    assert summary["by_lang"]["en"]["answer_accuracy"] == 1.0
    assert summary["by_type"]["figure"]["n"] == 2
    assert summary["by_type"]["unanswerable"]["refusal_recall"] == 1.0
    assert summary["overall"]["latency_p50_ms"] == 20
