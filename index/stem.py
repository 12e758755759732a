"""One light English stemmer for the whole pipeline: BM25 tokens (index/keyword.py) and the
answer step's term matching (chain/text.py) meet on the same terms.

Plural and verb endings only, plus irregular forms and the words a call uses interchangeably
for one movement ("grew", "increased", "rose" -> "grow"), so matches stay exact otherwise; a
real stemmer (and its package) is not worth it for call transcripts. Measured when BM25
switched to it from a plural-only one (gold / held-out): MRR .893 -> .898 / .857 -> .850,
R@5 .975 -> .975 / .907 -> .917, Chinese MRR .835 -> .866 / .767 -> .750.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Irregular forms, plus synonyms a call uses interchangeably for one movement ("grew",
# "increased", "rose" all mean up), so a question and its answer meet on one term.
_IRREGULAR = {
    **dict.fromkeys(
        _words(
            "grew growth growing grown grows increase increased increasing increases rise rose "
            "risen rising rises up"
        ),
        "grow",
    ),
    **dict.fromkeys(
        _words(
            "decrease decreased decreasing decreases decline declined declining declines fall "
            "fell fallen falling falls drop dropped dropping drops down shrink shrank shrunk "
            "shrinking shrinks reduce reduced reduces reducing reduction reductions"
        ),
        "decline",
    ),
    **dict.fromkeys(_words("drove driven driving drives drive driver drivers"), "drive"),
    **dict.fromkeys(_words("buyback buybacks repurchase repurchased repurchases"), "buyback"),
    **dict.fromkeys(
        _words("monetisation monetize monetizing monetized monetise monetization"), "monetization"
    ),
    **dict.fromkeys(_words("profitable profitability profits profit"), "profit"),
    # ("cash from operations" is the operating cash flow)
    **dict.fromkeys(_words("operate operates operated operating operation operations"), "operate"),
    **dict.fromkeys(_words("sales revenue revenues"), "revenue"),
    **dict.fromkeys(_words("percent percentage %"), "%"),
    "spent": "spend", "paid": "pay", "bought": "buy", "sold": "sell", "went": "go",
    "gone": "go", "did": "do", "done": "do", "made": "make", "won": "win",
    "accelerated": "accelerate", "accelerating": "accelerate", "improved": "improve",
    "improving": "improve", "narrowed": "narrow", "narrowing": "narrow", "people": "person",
    "children": "child", "data": "data", "media": "media", "largest": "large", "larger": "large",
    # (-ies of a word in -ie, not -y: "movies" are movies, not "movys")
    "movies": "movie", "cookies": "cookie", "rookies": "rookie", "zombies": "zombie",
    "calories": "calorie", "selfies": "selfie", "smoothies": "smoothie",
}  # fmt: skip


def stem(word: str) -> str:
    """A deliberately light English stemmer: plural/verb endings only, so matches stay exact."""
    w = word.lower().replace("’", "'")
    if len(word) > 2 and word[-1] == "s" and word[:-1].isalpha() and word[:-1].isupper():
        return w[:-1]  # an acronym's plural: "GPUs", "APIs", "SKUs" (what "-us"/"-is" keep)
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
        return w[:-1] if len(w) > 3 and w[-1] == w[-2] else w
    if len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
        return w[:-1] if len(w) > 3 and w[-1] == w[-2] else w
    if len(w) > 5 and w.endswith("sses"):  # "losses", "businesses"
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def stems_of(words: frozenset[str] | set[str]) -> frozenset[str]:
    """The stems of a word list's words and of their regular inflections (-s, -d, -ed, -ing):
    the light stemmer keeps "compare" but makes "compared" "compar", so a set of stems to test
    terms against needs both. (Forms no English word takes, like "agod", are harmless.)"""
    return frozenset(stem(f) for w in words for f in (w, f"{w}s", f"{w}d", f"{w}ed", f"{w}ing"))
