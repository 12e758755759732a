"""Chinese function words and the character bigrams of a Chinese run: shared by BM25 query
tokenisation (index/keyword.py) and term matching (chain/text.py)."""

from __future__ import annotations

import re

from index.mandarin import simplified

# Chinese function and question words: cut out of a question before its bigrams are taken,
# never key terms.
_ZH_STOP_WORDS = """
    的 了 吗 呢 吧 啊 是 在 有 和 与 及 或 也 都 就 还 又 很 这 那 其 它 他 她 们 个 什么 怎么
    如何 为什么 哪 哪个 哪位 哪些 谁 多少 几 请问 一下 一个 本 该 对 于 从 到 被 把 给 让
    说 讲 谈 谈到 提到 表示 认为 问 问题 回答 管理层 高管 分析师 公司 时 时候 大概
"""
ZH_STOP = frozenset(_ZH_STOP_WORDS.split())
_ZH_STOP_RE = re.compile("|".join(sorted(map(re.escape, ZH_STOP), key=len, reverse=True)))


def cjk_terms(run: str) -> list[str]:
    """Character bigrams of a CJK run after cutting out function/question words.

    Cutting first avoids junk bigrams that straddle a stop word ("高管谈到优酷" -> 优酷 only).
    """
    out: list[str] = []
    for piece in _ZH_STOP_RE.split(simplified(run)):  # (either script: 雲業務 ~ 云业务)
        if len(piece) == 1:
            out.append(piece)
        else:
            out.extend(piece[i : i + 2] for i in range(len(piece) - 1))
    return out
