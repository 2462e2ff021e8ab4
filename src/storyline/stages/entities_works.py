"""Works named by description: "a lengthy joint statement", then "the statement", "the
document", "the 5,300-word document" — one WORK that can speak and be cited.

A joint text ("joint statement", "joint declaration", "joint communique") is named after
the two states the article is about (the pair it names together, "China and Russia", most
often, else its two most named states) and the year of the article's reference date:
"China-Russia joint statement (2022)" (a joint declaration or communique of the same
pair and year is taken to be the same text). Within the article a later definite "the
statement", "the document", "the declaration", "the text" is that same work. The mention
covers the noun (with "joint"), never a figure inside the phrase ("5,300-word").
A statement that is not joint ("said in a statement") is left to the quote stage, which
names who issued it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from storyline.document import Mention

JOINT_NOUNS = frozenset({"statement", "declaration", "communique", "communiqué", "agreement"})
LATER_NOUNS = frozenset(
    {"statement", "document", "declaration", "communique", "communiqué", "text"}
)
_DEFINITE = frozenset({"the", "this", "that"})


def _pair_of_states(mentions: Sequence[Mention], text: str) -> list[str]:
    states = sorted((m for m in mentions if m.label == "GPE"), key=lambda m: m.start)
    names = [_name(m) for m in states]
    pairs: Counter[tuple[str, str]] = Counter()
    for a, b in pairwise(states):
        x, y = sorted((_name(a), _name(b)))
        if text[a.end : b.start].strip().lower() in ("and", "&") and x != y:
            pairs[(x, y)] += 1
    if pairs:
        best: tuple[str, str] = min(pairs, key=lambda k: (-pairs[k], k))
        return list(best)
    top = [n for n, _ in Counter(names).most_common(2)]
    return sorted(top) if len(top) == 2 else []


def _name(m: Mention) -> str:
    return m.canonical or m.name or m.text


def work_mentions(
    doc: Any, text: str, mentions: Sequence[Mention], reference_date: str | None
) -> list[Mention]:
    """WORK mentions for joint texts and the later references to them (see the module doc)."""
    pair = _pair_of_states(mentions, text)
    if len(pair) != 2:
        return []
    year = f" ({reference_date[:4]})" if reference_date else ""
    taken = [(m.start, m.end) for m in mentions]
    found: list[Mention] = []
    current: str | None = None
    for tok in doc:
        if tok.pos_ != "NOUN":
            continue
        lemma = tok.lemma_.lower()
        joint = next((c for c in tok.children if c.lower_ == "joint" and c.i == tok.i - 1), None)
        if joint is not None and lemma in JOINT_NOUNS:
            kind = "agreement" if lemma == "agreement" else "statement"
            current = f"{'-'.join(pair)} joint {kind}{year}"
            start = joint.idx
        elif current is not None and lemma in LATER_NOUNS and _definite(tok):
            start = tok.idx
        else:
            continue
        end = tok.idx + len(tok.text)
        if any(a < end and start < b for a, b in taken):
            continue
        found.append(
            Mention(start, end, text[start:end], "WORK", current, None, current, "description")
        )
    return found


def _definite(tok: Any) -> bool:
    """ "the statement", "the 5,300-word document", not "a statement"."""
    dets = [c for c in tok.children if c.dep_ in ("det", "poss")]
    return any(d.lower_ in _DEFINITE for d in dets) and not any(
        c.dep_ == "poss" and c.pos_ == "PROPN" for c in tok.children
    )
