"""Chinese -> English query expansion (generic finance vocabulary only)."""

from __future__ import annotations

import pytest

from index.glossary import EN_SYNONYMS, GLOSSARY, en_synonyms, expand_zh, spell_pinyin_names


def test_expansion_adds_english_for_finance_terms() -> None:
    words = expand_zh("本季度自由现金流同比下降了多少?").split()
    assert {"free", "cash", "flow", "year-over-year", "decline", "quarter"} <= set(words)


def test_english_and_unknown_text_expand_to_nothing() -> None:
    assert expand_zh("How fast did cloud revenue grow?") == ""
    assert expand_zh("你好") == ""


def test_glossary_is_chinese_to_ascii() -> None:
    for zh, en in GLOSSARY.items():
        assert zh and all("\u4e00" <= ch <= "\u9fff" for ch in zh)
        assert en and en.isascii()


def test_english_paraphrases_map_to_the_calls_words() -> None:
    found = en_synonyms("What was the bottom line, and did sellers pay for ads or buy back stock?")
    assert found == [
        ("bottom line", "net income"),
        ("sellers", "merchants"),
        ("ads", "advertising"),
        ("buy back", "repurchase"),
    ]
    assert en_synonyms("How fast did cloud revenue grow?") == []
    # Horizons and plain verbs of motion, as calls say them.
    assert en_synonyms("What is the near-term focus, and why has the margin slipped?") == [
        ("near-term", "short-term"),
        ("slipped", "decreased declined"),
    ]


def test_fixed_expressions_are_not_paraphrased() -> None:
    """'pre-sales' and 'sales and marketing' are not revenue."""
    assert en_synonyms("How did pre-sales and sales and marketing expenses change?") == []


def test_acronyms_are_not_paraphrases() -> None:
    """'ADS' (American depositary shares) is not 'ads'."""
    assert en_synonyms("What is the dividend per ADS?") == []


def test_paraphrase_table_is_lowercase_english() -> None:
    assert all(k == k.lower() and k.isascii() and v.isascii() for k, v in EN_SYNONYMS.items())


def test_overlapping_for_retrieval_longest_match_for_term_matching() -> None:
    """Retrieval weights a shared word by repeating it; term matching takes the longest term."""
    assert expand_zh("自由现金流") == "free cash flow cash flow cash"
    assert expand_zh("自由现金流", overlapping=False) == "free cash flow"


def test_segment_overseas_and_group_vocabulary() -> None:
    """'所有其他分部' is the All Others segment, '出海' the international business, '淘天'
    Taobao and Tmall."""
    assert "All Others" in expand_zh("所有其他分部", overlapping=False)
    assert "segment" in expand_zh("所有其他分部", overlapping=False)
    assert "international" in expand_zh("出海业务", overlapping=False)
    assert "Taobao" in expand_zh("淘天集团", overlapping=False)


def test_period_comparisons_map_to_the_calls_phrasing() -> None:
    words = dict(en_synonyms("versus the previous quarter, and a year ago?"))
    assert words == {
        "previous quarter": "quarter-over-quarter",
        "a year ago": "year-over-year last year",
    }
    # Compared with, "last quarter" is the one before; alone it may be the quarter reported.
    assert dict(en_synonyms("How did the margin move vs last quarter?")) == {
        "vs last quarter": "quarter-over-quarter"
    }
    assert en_synonyms("What was revenue last quarter?") == []
    assert dict(en_synonyms("growth for seven quarters in a row")) == {"in a row": "consecutive"}


def test_a_goal_is_an_objective() -> None:
    assert dict(en_synonyms("their overriding goal")) == {"goal": "objective"}


def test_segment_names_as_the_chinese_press_writes_them() -> None:
    assert "Digital Media" in expand_zh("大文娱这个季度收入多少", overlapping=False)


def test_model_weights_are_the_model_open_sourced() -> None:
    found = dict(en_synonyms("Where were the Qwen3 weights released? Any open-weight models?"))
    assert found["weights"] == "models open-sourced" and found["open-weight"] == "open-source"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Taotian EBITDA", "Taobao Tmall EBITDA"),
        ("How fast did Aliyun grow?", "How fast did Alibaba Cloud grow?"),
        ("what about eleme?", "what about Ele.me?"),
        ("Taobao and the DAMO Academy", "Taobao and the DAMO Academy"),  # already English; no 大摩
        ("the gaodemeter", "the gaodemeter"),  # whole words only
    ],
)
def test_chinese_names_in_pinyin_read_as_the_call_writes_them(text: str, expected: str) -> None:
    assert spell_pinyin_names(text) == expected


def test_language_names_are_words_not_names():
    """中文 / 英文 are languages a question mentions, not names the call must contain (a
    capitalised English side would make them required names)."""
    from index.glossary import GLOSSARY

    assert GLOSSARY["中文"] == "chinese" and GLOSSARY["英文"] == "english"


def test_the_cut_platforms_take_from_merchants_sales_is_the_take_rate() -> None:
    from index.glossary import name_defined_metrics

    q = "What lifted the cut that the Taobao and Tmall Group platforms take from merchants' sales?"
    assert name_defined_metrics(q) == "What lifted the take rate?"
    # (a cut of each merchant's sales is still a fee on transactions)
    assert "fee" in name_defined_metrics("Why a small cut of each merchant's sales?")


def test_stopping_losses_reads_as_profitability() -> None:
    for zh in ("不亏钱", "扭亏为盈", "盈亏平衡"):
        assert "profitab" in expand_zh(f"国际电商什么时候能{zh}?"), zh


def test_a_chinese_definition_of_the_non_gaap_measure_names_it() -> None:
    from index.glossary import name_defined_metrics_zh

    q = "剔除投资市值波动等项目之后的净利润是多少?"
    assert name_defined_metrics_zh(q).strip().startswith("non-GAAP"), name_defined_metrics_zh(q)
    assert "non-GAAP" in name_defined_metrics_zh("扣除一次性项目后的利润")
    # (leaving out businesses sold is no definition of non-GAAP)
    assert name_defined_metrics_zh("剔除高鑫零售和银泰之后收入增长多少") == (
        "剔除高鑫零售和银泰之后收入增长多少"
    )


def test_plain_words_for_reasoning_models_and_for_applying_a_technology() -> None:
    found = dict(en_synonyms("quick replies versus step-by-step thinking, using AI"))
    assert found["step-by-step thinking"] == "chain of thought reasoning"
    assert "fast" in found["quick replies"] and "applying" in found["using AI"]
    assert "parcel" in expand_zh("菜鸟处理了多少包裹?")


def test_a_bigger_slice_of_each_sale_is_the_take_rate() -> None:
    from index.glossary import name_defined_metrics

    q = "Why is it pocketing a bigger slice of each sale from its sellers?"
    assert name_defined_metrics(q) == "Why is it take rate?"
    assert "Quanzhantui" in expand_zh("全站推是什么?")


def test_plain_words_for_audiences_earnings_and_sustainability() -> None:
    found = dict(en_synonyms("the audience now and eventually; operating earnings credited for"))
    assert "consumers" in found["audience"] and "going forward" in found["eventually"]
    assert found["operating earnings"] == "EBITDA" and found["credited for"] == "driven by"
    assert "renewable energy" in expand_zh("可再生能源使用比例")
    assert "carbon emissions" in expand_zh("碳排放有没有下降")


def test_taiwan_usage_and_plain_words_for_returns_and_monetization() -> None:
    assert "year-over-year" in expand_zh("年增几%") and "consolidated" in expand_zh("合并营收")
    assert "excluding" in expand_zh("扣掉高鑫零售") and "drivers" in expand_zh("两个推手")
    found = dict(en_synonyms("How much did it hand back, and make more money from sellers?"))
    assert found["hand back"] == "returned" and "monetization" in found["make more money from"]


def test_a_year_an_amount_or_a_product_code_is_no_version_of_a_name() -> None:
    assert "Qwen3" in expand_zh("千问3发布了吗?").split()
    assert "Alibaba2025" not in expand_zh("阿里巴巴2025财年回购了多少?")
    assert "Taobao88" not in expand_zh("淘宝88VIP会员有多少?")


def test_a_smaller_cut_from_sellers_and_support_for_good_merchants() -> None:
    from index.glossary import name_defined_metrics

    q = "Does Taobao take a smaller cut from sellers than other platforms?"
    assert "take rate" in name_defined_metrics(q)
    assert {"support", "high-quality"} <= set(expand_zh("扶持货好的商家").split())


@pytest.mark.parametrize(
    ("text", "rate"),
    [("千六的服务费", "0.6%"), ("千分之五", "0.5%"), ("万三佣金", "0.03%"), ("万分之二", "0.02%")],
)
def test_fee_rates_in_merchants_words(text: str, rate: str) -> None:
    assert rate in expand_zh(text, overlapping=False).split()


@pytest.mark.parametrize("text", ["一千六百元", "两千六", "千万用户", "三千亿"])
def test_counts_are_no_fee_rates(text: str) -> None:
    assert "%" not in expand_zh(text, overlapping=False)


def test_cash_from_operations_and_which_text_controls() -> None:
    from index.glossary import name_defined_metrics

    for q in (
        "How much cash did the operations throw off?",
        "What was cash generated from operations?",
        "How much cash do the operations generate?",
    ):
        assert "operating cash flow" in name_defined_metrics(q), q
    assert "prevails" in name_defined_metrics("Which version controls if the two disagree?")
    # (free cash flow is no operating cash flow; a version that stands out prevails over none)
    free = "How much free cash flow did operations generate?"
    assert "operating cash flow" not in name_defined_metrics(free)
    assert "prevails" not in name_defined_metrics("Which version stands out?")


def test_money_put_in_casually_and_words_for_rendering_questions() -> None:
    from index.glossary import name_defined_metrics_zh

    assert "投资" in name_defined_metrics_zh("往饿了么砸一大笔钱")
    assert {"white", "label"} <= set(expand_zh("白牌卖家").split())
    assert "farming" in expand_zh("养殖业").split()
    assert {"commission", "payment"} <= set(expand_zh("支付手续费").split())
    assert ("mixture-of-experts", "MoE") in en_synonyms("two mixture-of-experts models")


@pytest.mark.parametrize(
    ("text", "phrase", "words"),
    [
        ("drop out of the queue", "drop out", "cancel"),
        ("which hosting sites", "sites", "platforms"),
        ("the cloud arm's profit ratio", "profit ratio", "margin"),
        ("per-order economics", "per-order economics", "unit economics"),
        ("the net cash pile", "pile", "position"),
        ("above what size", "above", "higher"),
        ("server-side compute demand", "server-side", "cloud"),
        ("tiny on-device checkpoints", "checkpoints", "models"),
        ("their LLM", "LLM", "model"),  # (an acronym only ever of that word)
        ("renting out inference capacity", "renting out inference capacity", "cloud computing"),
        ("a rental-computing arm", "rental-computing", "cloud computing"),
        ("a wholesale-market example", "wholesale-market", "small commodity city"),
        ("the disclaimer on the interpretation", "interpretation", "translation"),
    ],
)
def test_everyday_words_for_the_calls_terms(text: str, phrase: str, words: str) -> None:
    assert (phrase, words) in en_synonyms(text)


def test_what_they_expected_in_chinese() -> None:
    assert "expectation" in expand_zh("跟他们自己预想的比").split()


def test_an_acronym_is_no_word_of_the_table_unless_only_ever_that_word() -> None:
    assert en_synonyms("dividend per ADS") == []  # (not "ads")
    assert not any(p == "rent" for p, _ in en_synonyms("the rent they pay"))


def test_what_is_given_back_to_merchants_or_to_shareholders() -> None:
    merchants = expand_zh("给商家的那些返还", overlapping=False)
    assert "rebates" in merchants, merchants
    shareholders = expand_zh("本财年向股东返还的金额", overlapping=False)
    assert "returned" in shareholders and "rebates" not in shareholders, shareholders


def test_a_week_by_its_other_words_and_a_trial_done() -> None:
    assert "weeks" in expand_zh("试了两个礼拜", overlapping=False)
    assert "trial" in expand_zh("在淘宝上试做外送服务", overlapping=False)
    # ("试了多久": how long it was tried, no trial to match every attempt in the call)
    assert "trial" not in expand_zh("试了多久", overlapping=False)


def test_plain_words_for_a_disposal_an_exclusion_and_a_membership() -> None:
    found = dict(en_synonyms("which units is it getting rid of, the ones it strips out?"))
    assert found == {"getting rid of": "sale disposal exiting", "strips out": "excluding"}
    assert dict(en_synonyms("a paid club for big spenders")) == {
        "club": "membership members",
        "spenders": "consumers",
    }


def test_metrics_and_fees_described_in_plain_words() -> None:
    from index.glossary import name_defined_metrics

    fcf = "how much money was left over after paying for all the servers and data centres?"
    assert "free cash flow" in name_defined_metrics(fcf)
    # (what is left after paying debts is net cash, not free cash flow)
    assert "free cash flow" not in name_defined_metrics("the cash left after paying its debts")
    assert "customer management revenue" in name_defined_metrics(
        "what did the merchant-fee revenue line grow by?"
    )
    assert "fee charge on transactions" in name_defined_metrics("a small flat slice of every order")
    # (a slice taken from the sellers is the take rate; a share of sales is a mix, no fee)
    assert "take rate" in name_defined_metrics(
        "pocketing a bigger slice of each sale from its sellers"
    )
    assert "take rate" in name_defined_metrics("what is it doing for their take from merchants?")
    for mix in ("what share of sales came from cloud?", "what share of each order is food?"):
        assert name_defined_metrics(mix) == mix


def test_a_headline_figure_a_bumpy_profit_and_the_calls_procedure_in_chinese() -> None:
    assert dict(en_synonyms("compared with the headline figure, is profit bumpy?")) == {
        "headline figure": "total consolidated",
        "bumpy": "fluctuation fluctuate",
    }
    assert "narrow" in expand_zh("亏损是在扩大还是收窄", overlapping=False)
    assert "safe harbor" in expand_zh("宣读安全港声明的是哪一位", overlapping=False)
    assert "Hong Kong dollars" in expand_zh("每股普通股派幾多港紙股息", overlapping=False)


def test_businesses_parted_with_and_the_cash_from_their_sales() -> None:
    found = dict(en_synonyms("it parted with them; the most cash from those two sales?"))
    assert found == {
        "parted with": "sale disposal exiting",
        "the most cash": "maximum cash proceeds",
        "those two sales": "sale disposal",
    }
