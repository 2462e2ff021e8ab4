"""The words around a figure and the small English inflections its subjects need.

:func:`hedge_before` and :func:`rate_after` read the words around a span ("around",
"more than"; "per day", "a year", "annually"); :func:`singular` and :func:`plural` are
the small English inflections the subjects need.
"""

from __future__ import annotations

import re

# ------------------------------------------------------------------------- context

HEDGES = (
    "more than", "less than", "fewer than", "up to", "at least", "at most", "close to",
    "as much as", "as many as", "just over", "just under", "well over", "nearly", "almost",
    "around", "about", "roughly", "approximately", "some", "over", "under", "above",
    "below", "upwards of", "circa",
)  # fmt: skip
_HEDGE = re.compile(
    r"(?<![\w-])(?P<h>"
    + "|".join(sorted(map(re.escape, HEDGES), key=len, reverse=True))
    + r")\s+$",
    re.IGNORECASE,
)
_RATE = re.compile(
    r"^(?:\s*,)?\s*(?P<r>(?:per|a|an|each|every)\s+(?:day|year|annum|month|week)"
    r"|annually|yearly|/\s*(?:day|year|yr|y|d))\b",
    re.IGNORECASE,
)


def hedge_before(text: str, start: int) -> str | None:
    """The hedge just before a figure ("around", "more than"), lowercased, or None."""
    m = _HEDGE.search(text[max(0, start - 30) : start])
    return m.group("h").lower() if m else None


def rate_after(text: str, end: int) -> tuple[str, int] | None:
    """A rate right after a figure ("per day", "a year", "annually") and where it ends."""
    m = _RATE.match(text[end : end + 30])
    if m is None:
        return None
    return m.group("r"), end + m.end()


# ------------------------------------------------------------------------ inflection

_IRREGULAR = {"people": "people", "men": "man", "women": "woman", "children": "child"}


def singular(word: str) -> str:
    """A plural noun in the singular ("deals" → "deal", "companies" → "company")."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def plural(word: str) -> str:
    """A singular noun in the plural ("meeting" → "meetings", "company" → "companies")."""
    w = word.lower()
    if w in ("people", "talks", "news", "media"):
        return w
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        return w[:-1] + "ies"
    if w.endswith(("s", "x", "ch", "sh")):
        return w + "es"
    return w + "s"
