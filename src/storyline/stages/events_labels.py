"""Readable labels of event mentions: "Putin meets Xi in Beijing", "Navalny is arrested in
Moscow", "Trump calls for a tougher travel ban".

Names come from the mentions' canonical or clean text, a word repeated inside a name once
("Charles Schumer Charles" → "Charles Schumer"), a name another name already holds left out,
and page furniture glued to a name ("SchumerTrump") skipped; a verb agrees with how many
names lead the label; what a trigger is about ("a tougher travel ban") is cut before its
place, its time and any clause hanging on it.
"""

from __future__ import annotations

import re
from typing import Any

from storyline.document import Mention


def name(m: Mention) -> str:
    return m.canonical or m.name or m.text


def counterpart_phrase(tok: Any) -> str:
    """ "his Chinese counterpart", "the two leaders": the noun with its left modifiers."""
    words = [t for t in tok.subtree if t.i <= tok.i and t.i >= tok.left_edge.i]
    return " ".join(t.text for t in words)


def _plural(verb: str) -> str:
    """ "meets" → "meet", "clashes with" → "clash with", "is arrested" → "are arrested"."""
    words = verb.split()
    first = words[0]
    if first == "is":
        words[0] = "are"
    elif first.endswith(("shes", "ches", "sses", "xes")):
        words[0] = first[:-2]
    elif first.endswith("s"):
        words[0] = first[:-1]
    return " ".join(words)


_GLUED = re.compile(r"[a-z]{3,}[A-Z][a-z]")


def _clean_names(mentions: list[Mention]) -> list[str]:
    """The names of ``mentions`` for a label: a word repeated inside a name once ("Charles
    Schumer Charles" → "Charles Schumer"), and a name whose words another name already
    holds ("Schumer" beside "Charles Schumer") left out."""
    kept: list[str] = []
    for m in mentions:
        words: list[str] = []
        for w in name(m).split():
            if w.lower() not in {k.lower() for k in words}:
                words.append(w)
        clean = " ".join(words)
        if not clean or _GLUED.search(clean):
            continue  # "SchumerTrump": page furniture glued to a name
        mine = {w.lower() for w in words}
        if any(mine <= {w.lower() for w in k.split()} for k in kept):
            continue
        kept = [k for k in kept if not {w.lower() for w in k.split()} <= mine]
        kept.append(clean)
    return kept


def label(
    verb: str,
    subjects: list[Mention],
    objects: list[Mention],
    place: Mention | None,
    counterpart: str | None = None,
    passive: str | None = None,
) -> str:
    """A readable label: "Putin meets Xi in Beijing", "China and Russia sign an agreement",
    "Xi visits Moscow", "Xi meets his Russian counterpart", "Navalny is arrested in
    Moscow" (``passive``: only who it happens to is named)."""
    if not subjects and passive is not None:
        names = _clean_names(objects)
        word = _plural(passive) if len(names) > 1 else passive
        text = f"{' and '.join(names)} {word}"
        return text + (f" in {name(place)}" if place is not None else "")
    if not subjects:
        subjects, objects = objects[:1], objects[1:]
    names = _clean_names(subjects) or [name(m) for m in subjects]
    words = (_plural(verb) if len(names) > 1 else verb).split()
    others = [n for n in _clean_names(subjects + objects) if n not in names]
    others = others or ([counterpart] if counterpart else [])
    if not others and words[-1] in ("with", "to", "on", "of", "against"):
        words = words[:-1]
    text = f"{' and '.join(names)} {' '.join(words)}"
    if others:
        text += " " + " and ".join(others)
    if place is not None and name(place) not in text:
        text += (" " if verb == "visits" and not others else " in ") + name(place)
    return text


# trigger lemma → the prepositions whose object says what it is about
_PHRASE_PREPS: dict[str, frozenset[str]] = {
    "call": frozenset({"for", "on", "upon"}), "pull": frozenset({"of"}),
    "withdraw": frozenset({"from"}), "protest": frozenset({"against"}),
    "demonstrate": frozenset({"against"}), "ask": frozenset({"for"}),
}  # fmt: skip


_CLAUSES = frozenset({"acl", "relcl", "advcl", "appos"})


def what(tok: Any, place: Mention | None) -> str | None:
    """What a trigger is about, without its place or time: "the opening of the trade fair"
    (what is attended), "a tougher travel ban" (what is called for), "to impose tariffs"
    (what is threatened)."""
    lemma = tok.lemma_.lower()
    what = next((c for c in tok.children if c.dep_ == "dobj"), None)
    lead = ""
    if what is None:
        wanted = _PHRASE_PREPS.get(lemma, frozenset())
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in wanted), None)
        what = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if what is not None and prep is not None and lemma != "call":
            lead = prep.text + " "
    if what is None:
        what = next((c for c in tok.children if c.dep_ == "xcomp"), None)
    if what is None:
        return None
    cut = place.start if place is not None and place.start > tok.idx else None
    clauses = {t.i for c in what.children if c.dep_ in _CLAUSES for t in c.subtree}
    words = []
    for t in what.subtree:
        if (cut is not None and t.idx >= cut) or t.ent_type_ in ("DATE", "TIME"):
            break
        if t.i not in clauses:
            words.append(t)
    while words and (words[-1].pos_ in ("ADP", "PUNCT", "CCONJ", "DET") or words[-1].is_space):
        words.pop()
    text = "".join(t.text_with_ws for t in words[:10]).strip()
    return (lead + text) if text else None
