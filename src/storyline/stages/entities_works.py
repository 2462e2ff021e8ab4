"""Works named by description: "a lengthy joint statement", then "the statement", "the
document", "the 5,300-word document" — one WORK that can speak and be cited.

A joint text ("joint statement", "joint declaration", "joint communique") is named after
the two states the article is about (its two most named states, counting demonyms and
capitals; on a tie those it names together, "China and Russia") and the year of the article's
reference date: "China-Russia joint statement (2022)" (a joint declaration or communique of the same
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

from spacy.parts_of_speech import NOUN

from storyline.document import Mention
from storyline.gazetteer import load_gazetteer
from storyline.stages.token_table import LemmaFinder

JOINT_NOUNS = frozenset({"statement", "declaration", "communique", "communiqué", "agreement"})
LATER_NOUNS = frozenset(
    {"statement", "document", "declaration", "communique", "communiqué", "text"}
)
_DEFINITE = frozenset({"the", "this", "that"})
_NOUN_FINDER = LemmaFinder(JOINT_NOUNS | LATER_NOUNS)


def _state_of(m: Mention) -> str | None:
    """The state a mention names or stands for: "China", "Chinese", "Beijing" → China;
    None for anything that is no state."""
    gaz = load_gazetteer()
    hit = gaz.hit(m.text)
    if hit is None or hit.entry.type != "GPE":
        return None
    if hit.kind == "capital":
        state = gaz.by_key.get(hit.entry.stands_for or "")
        return state.name if state is not None else None
    return hit.entry.name if hit.entry.stands_for is None else None


def _pair_of_states(mentions: Sequence[Mention], text: str) -> list[str]:
    """The two states an article is about: its two most named states (names, demonyms
    and capitals counted together); on a tie, those it names together ("A and B")."""
    states = [(m, s) for m in sorted(mentions, key=lambda m: m.start) if (s := _state_of(m))]
    freq = Counter(s for _, s in states)
    together: Counter[str] = Counter()
    for (a, x), (b, y) in pairwise(states):
        if x != y and text[a.end : b.start].strip().lower() in ("and", "&"):
            together.update((x, y))
    ranked = sorted(freq, key=lambda s: (-freq[s], -together[s], s))
    return sorted(ranked[:2]) if len(ranked) >= 2 else []


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
    for i in _NOUN_FINDER.positions(doc, NOUN):  # the few tokens that can name a work
        tok = doc[i]
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
