"""A small Chinese -> English glossary of generic earnings-call vocabulary, for query expansion.

Why: in a bilingual call the English interpretation is the complete record (prepared remarks
are usually English only), but a Chinese question shares no BM25 token with English text and
MiniLM reads Chinese as [UNK]s. Appending the English words for the finance terms a Chinese
question uses lets both reach the English passages (measured on the bundled gold set, even
and odd ids alike: Chinese R@5 0.33 -> 0.72, all questions 0.77 -> 0.85, with MiniLM).

Only general earnings vocabulary belongs here: no company, product, segment or person names.
"""

from __future__ import annotations

GLOSSARY: dict[str, str] = {
    # results
    "收入": "revenue",
    "营收": "revenue",
    "总收入": "total revenue",
    "客户管理收入": "customer management revenue",
    "增长": "growth grew increase",
    "增速": "growth rate",
    "增加": "increase",
    "下降": "decline decrease",
    "提升": "improvement improve",
    "同比": "year-over-year",
    "环比": "quarter-over-quarter sequential",
    "利润": "profit income",
    "净利润": "net income",
    "盈利": "profitability profitable",
    "亏损": "loss",
    "调整后": "adjusted",
    "经调整": "adjusted",
    "息税折旧摊销前利润": "EBITDA",
    "利润率": "margin",
    "毛利率": "gross margin",
    "经营": "operating",
    "效率": "efficiency",
    "成本": "cost costs",
    "费用": "expenses",
    "支出": "expenditure spending",
    "资本开支": "capex capital expenditure",
    "折旧": "depreciation",
    "摊销": "amortization",
    "税": "tax",
    # cash and capital return
    "现金": "cash",
    "净现金": "net cash",
    "现金流": "cash flow",
    "自由现金流": "free cash flow",
    "回购": "repurchase buyback",
    "股票回购": "share repurchase",
    "股息": "dividend",
    "分红": "dividend",
    "派息": "dividend",
    "股东": "shareholders",
    "回报": "return returned",
    "每股": "per share",
    "美国存托股": "ADS",
    "资产": "assets",
    "出售": "sale disposal",
    "剥离": "disposal divest",
    "美元": "US$ dollar",
    "人民币": "RMB",
    # time
    "季度": "quarter",
    "本季度": "this quarter",
    "财年": "fiscal year",
    "指引": "guidance",
    "预期": "expect outlook",
    # business
    "业务": "business",
    "集团": "group",
    "公司": "company",
    "用户": "user users",
    "会员": "members membership",
    "客户": "customers",
    "消费者": "consumers",
    "商家": "merchants",
    "企业": "enterprise enterprises",
    "行业": "industries industry",
    "产品": "product products",
    "云": "cloud",
    "电商": "e-commerce",
    "零售": "retail",
    "即时零售": "instant commerce retail",
    "外卖": "food delivery",
    "物流": "logistics",
    "海外": "international overseas",
    "国际": "international",
    "全球": "global worldwide",
    "广告": "advertising",
    "营销": "marketing",
    "佣金": "commission",
    "服务费": "service fee",
    "软件": "software",
    "变现": "monetization",
    "变现率": "monetization take rate",
    "货币化": "monetization",
    "渗透率": "penetration",
    "交易额": "GMV",
    "订单": "orders",
    "市场份额": "market share",
    "竞争": "competition competitive",
    "战略": "strategy strategic",
    "合作": "partnership cooperation",
    "投资": "investment invest",
    "大促": "campaign promotion",
    "活动": "campaign",
    "银行": "bank",
    "数据库": "database",
    "应用": "applications",
    "需求": "demand",
    "供应": "supply",
    "驱动": "driven driver",
    "主要": "primarily mainly",
    # technology
    "人工智能": "AI",
    "模型": "model models",
    "开源": "open source",
    "下载": "downloads",
    "技术": "technology",
    "基础设施": "infrastructure",
    "数据中心": "data center",
    "芯片": "chip chips",
    "算力": "compute",
    "推理": "inference",
    "训练": "training",
    "员工": "employees headcount",
    # the call itself
    "分析师": "analyst",
    "高管": "management executive",
    "管理层": "management",
    "提问": "question asked",
    "问题": "question",
    "回答": "answer",
    "机构": "firm",
    "第一": "first",
    "第二": "second",
    "第三": "third",
    "最后": "last",
}

# Longest terms first, so "自由现金流" is read before "现金流" and "现金".
_TERMS = sorted(GLOSSARY, key=len, reverse=True)


def expand_zh(query: str) -> str:
    """English words for the glossary terms in `query` ("" when it has none).

    Every matching term counts, overlapping ones included: "净现金" adds "net cash" and
    "现金" adds "cash" again, which only weights the shared word a little more.
    """
    return " ".join(GLOSSARY[t] for t in _TERMS if t in query)
