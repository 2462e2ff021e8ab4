"""Words for question answering: tokens, a small stemmer, stop words and related words.

The stemmer only has to make a question's words meet the same words in a sentence
("travelled" / "travelling" / "travel", "met" / "meeting" / "meet"); it is applied to
both sides, so it need not produce real roots.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*")

STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "into",
        "onto",
        "about",
        "over",
        "under",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "done",
        "doing",
        "have",
        "has",
        "had",
        "having",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "it's",
        "they",
        "them",
        "their",
        "there",
        "here",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "we",
        "us",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "much",
        "many",
        "any",
        "some",
        "all",
        "each",
        "every",
        "not",
        "no",
        "nor",
        "than",
        "then",
        "so",
        "such",
        "very",
        "also",
        "just",
        "only",
        "more",
        "most",
        "other",
        "own",
        "same",
        "too",
        "up",
        "down",
        "out",
        "off",
        "again",
        "further",
        "once",
        "both",
        "between",
        "during",
        "before",
        "after",
        "above",
        "below",
        "if",
        "while",
        "because",
        "until",
        "against",
        "through",
        "per",
        "did",
        "tell",
        "told",
        "say",
        "said",
        "says",
        "saying",
        "think",
        "thinks",
        "thought",
        "feel",
        "feels",
        "view",
        "views",
        "position",
        "positions",
        "stance",
        "stances",
        "opinion",
        "opinions",
        "according",
    ]
)

# irregular forms the suffix rules cannot reach
IRREGULAR = {
    "met": "meet",
    "said": "say",
    "says": "say",
    "told": "tell",
    "went": "go",
    "gone": "go",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "came": "come",
    "held": "hold",
    "left": "leave",
    "made": "make",
    "sold": "sell",
    "bought": "buy",
    "spoke": "speak",
    "spoken": "speak",
    "flew": "fly",
    "flown": "fly",
    "began": "begin",
    "begun": "begin",
    "saw": "see",
    "seen": "see",
    "thought": "think",
    "won": "win",
    "lost": "lose",
    "led": "lead",
    "sent": "send",
    "paid": "pay",
    "signed": "sign",
    "grew": "grow",
    "grown": "grow",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "travelled": "travel",
    "travelling": "travel",
    "traveled": "travel",
    "traveling": "travel",
}

# words a question uses for what a sentence may say otherwise (stems on both sides)
RELATED: dict[str, tuple[str, ...]] = {
    "meet": ("meeting", "talks", "summit", "visit", "met"),
    "visit": ("trip", "travel", "arrive", "meet"),
    "travel": ("accompany", "delegation", "entourage"),
    "accompany": ("travel", "delegation"),
    "supply": ("deliver", "delivery", "sell", "ship", "export", "supplier"),
    "sell": ("supply", "export"),
    "buy": ("purchase", "import"),
    "trade": ("trading", "two-way"),
    "agree": ("agreement", "deal", "sign", "contract"),
    "deal": ("agreement", "contract", "agree"),
    "sign": ("agreement", "deal"),
    "oppose": ("opposition", "against", "reject", "criticism", "denounce"),
    "support": ("back", "endorse", "favour", "favor"),
    "sanction": ("sanctions",),
    "gas": ("bcm",),
    "pipeline": ("route",),
    "invade": ("invasion",),
    "join": ("member", "membership", "accede"),
    "enlargement": ("expansion", "enlarge", "expand"),
    "expansion": ("enlargement", "enlarge", "expand"),
    "warn": ("warning",),
    "term": ("contract",),
    "goal": ("target", "aim"),
    "target": ("goal", "aim"),
}

_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s")


def tokens(text: str) -> list[str]:
    """Words and numbers of a text, lower-cased, hyphens kept inside words, possessive 's
    dropped ("Putin's" → "putin")."""
    out = []
    for t in WORD.findall(text):
        word = t.lower().replace("’", "'")
        out.append(word[:-2] if word.endswith("'s") else word)
    return out


def stem(word: str) -> str:
    """A crude, consistent stem: irregular forms, then one suffix, then a final e or doubling."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w in IRREGULAR:
        return stem_root(IRREGULAR[w])
    return stem_root(w)


def stem_root(w: str) -> str:
    if len(w) > 4:
        for suffix in _SUFFIXES:
            if not w.endswith(suffix) or len(w) - len(suffix) < 3:
                continue
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                break
            w = w[: -len(suffix)] + ("y" if suffix in ("ied", "ies") else "")
            break
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]
    return w


def stems(text: str) -> set[str]:
    """The stems of every word of a text."""
    return {stem(t) for t in tokens(text)}


def content_words(text: str) -> list[str]:
    """Words of a text that carry meaning (not stop words, not single letters)."""
    return [t for t in tokens(text) if t not in STOP and len(t) > 1]


def related_stems(word: str) -> set[str]:
    """Stems a sentence may use for a question's word."""
    root = stem(word)
    out: set[str] = set()
    for key, others in RELATED.items():
        if stem(key) == root:
            out.update(stem(o) for o in others)
    out.discard(root)
    return out


def fts_query(words: list[str]) -> str:
    """An FTS5 query matching any of the words (each quoted, so no operator is read)."""
    seen: dict[str, None] = {}
    for w in words:
        clean = w.replace('"', "").strip()
        if clean:
            seen.setdefault(clean.lower(), None)
    return " OR ".join(f'"{w}"' for w in seen)
