"""Words for comparing sentences: tokens, stop words, a light plural fold, sparse vectors.

Nothing here knows about news or any corpus: it turns text into the content words a
sentence is made of, so two sentences (or two outlets) can be compared by the words they
share. Folding is deliberately light (case, possessives, plural ``-s``) so a term shown to
a reader is still a word the article used.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

Vector = Mapping[str, float]

_STOP_WORDS = """
    a about above across after again against all almost also although always am among an
    and another any anyone anything are around as at be became because been before being
    below between both but by can cannot could did do does doing done down during each
    either else even ever every few for from further get gets got had has have having he
    her here hers herself him himself his how however i if in into is it its itself just
    last least less like made make many may me might more most much must my myself near
    neither never new next no nor not now of off often on once one only or other others
    our ours ourselves out over own per perhaps put rather said same say says saying see
    seen several shall she should since so some still such than that the their theirs them
    themselves then there these they this those though through thus to too told toward
    towards under until up upon us very via was we well were what whatever when where
    whether which while who whom whose why will with within without would yet you your
    yours yourself yourselves mr mrs ms dr according added adds asked called calls
    including year years day days week weeks month months time times monday tuesday
    wednesday thursday friday saturday sunday today yesterday tomorrow
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

_WORD = re.compile(r"[^\W\d_](?:[\w'’\-]*[^\W_])?|\d[\d,.]*\d|\d")
_POSSESSIVE = re.compile(r"['’]s$")


def fold(word: str) -> str:
    """The form words are compared in: lower case, no possessive, a plain plural ``-s`` off."""
    w = _POSSESSIVE.sub("", word.casefold()).replace("’", "'")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s")):
        return w[:-1]
    return w


def words(text: str) -> list[tuple[int, int, str]]:
    """Every word or number of ``text`` as (start, end, surface)."""
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def is_content(folded: str) -> bool:
    """A word that can carry meaning: not a stop word or a lone letter; numbers only when
    they look like a year (``2030``) or carry separators (``380,000``)."""
    if folded[0].isdigit():
        return (len(folded) == 4 and folded.isdigit()) or "," in folded or "." in folded
    return len(folded) > 1 and folded not in STOP_WORDS


def content_terms(text: str) -> list[str]:
    """The folded content words of ``text``, in order."""
    return [f for f in (fold(surface) for _, _, surface in words(text)) if is_content(f)]


def tf_idf(terms: Iterable[str], idf: Mapping[str, float]) -> dict[str, float]:
    """A term-frequency × inverse-document-frequency vector (sub-linear tf)."""
    counts: dict[str, int] = {}
    for t in terms:
        counts[t] = counts.get(t, 0) + 1
    return {t: (1.0 + math.log(n)) * idf.get(t, 0.0) for t, n in counts.items()}


def norm(v: Vector) -> float:
    return math.sqrt(sum(x * x for x in v.values()))


def cosine(a: Vector, b: Vector, na: float | None = None, nb: float | None = None) -> float:
    """Cosine similarity of two sparse vectors (norms may be given when already known)."""
    if len(a) > len(b):
        a, b, na, nb = b, a, nb, na
    dot = sum(x * b[k] for k, x in a.items() if k in b)
    if dot == 0.0:
        return 0.0
    na = norm(a) if na is None else na
    nb = norm(b) if nb is None else nb
    return dot / (na * nb) if na and nb else 0.0


def idf_table(documents: Iterable[Iterable[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency of every key over the given bags of keys."""
    df: dict[str, int] = {}
    n = 0
    for bag in documents:
        n += 1
        for key in set(bag):
            df[key] = df.get(key, 0) + 1
    return {k: math.log((1 + n) / (1 + d)) + 1.0 for k, d in df.items()}
