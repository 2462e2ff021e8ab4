"""Same fact or not: whether two similar sentences state the same thing.

Two sentences can share most of their words and still say different things: "50 people
were killed" and "30 people were killed", "Meloni said Italy opposed the plan" and
"Tajani said Italy opposed the plan". A sentence only corroborates another when the facts
both state agree (:func:`compare`, from the point of view of the sentence shown):

* **figures**: every figure of the shown sentence is matched in the other by a figure of
  the same unit whose value agrees within rounding and hedges
  (:func:`storyline.resolve.figures.values_agree`). A figure of the same measure (the
  same group when both were grouped; else the same unit, kind and period where both say,
  and subject words in common) with a value that does not agree makes the pair a
  *disagreement*; a figure the other leaves out makes it no corroboration (the other
  does not state it), and so does a number the line writes outside any figure ("injured
  about 180") that the other does not write;
* **quotes**: the same speaker (resolved entity, else the name written), or, when the
  other sentence quotes no one, a sentence that names the speaker;
* **stances**: the same holder and the same polarity (the same holder with the opposite
  polarity is a disagreement); a sentence without a stance must name the holder;
* **actors and events**: sentences naming people, none in common, are about different
  people; sentences reporting resolved events, none in common, are about different events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from storyline.document import Figure
from storyline.resolve.figures import values_agree
from storyline.store.brief_queries import FactFigure
from storyline.story_views.scope import Unit
from storyline.story_views.text import content_terms, fold, words

Relation = Literal["same", "differs", "other"]


@dataclass(frozen=True, slots=True)
class Comparison:
    """How another sentence relates to the shown one; when they differ, what each says."""

    relation: Relation
    mine: tuple[str, ...] = ()
    theirs: tuple[str, ...] = ()


_SAME = Comparison("same")
_OTHER = Comparison("other")


def _figure(f: FactFigure) -> Figure:
    return Figure(f.start, f.end, f.text, f.value, f.unit, hedge=f.hedge)


def figures_agree(a: FactFigure, b: FactFigure) -> bool:
    """The two values agree within the rounding and hedges of the numbers as written."""
    return values_agree([_figure(a), _figure(b)])


FACTOR = 3.0  # values further apart than this measure different things ("3 killed", "150
# injured"), not the same thing reported differently


def same_measure(a: FactFigure, b: FactFigure) -> bool:
    """Could the two figures measure the same thing? Same unit; the same group when both
    are grouped; the same kind and period when both say; subject words in common when
    both have a subject; values within a factor of :data:`FACTOR` of each other."""
    if a.unit != b.unit:
        return False
    low, high = sorted((abs(a.value), abs(b.value)))
    if high > FACTOR * low:
        return False
    if a.group and b.group:
        return a.group == b.group
    if a.kind and b.kind and a.kind != b.kind:
        return False
    if (
        a.period
        and b.period
        and not (a.period.startswith(b.period) or b.period.startswith(a.period))
    ):
        return False
    if a.subject and b.subject:
        return bool(set(content_terms(a.subject)) & set(content_terms(b.subject)))
    return True


def _phrase(f: FactFigure) -> str:
    text = " ".join(f.text.split())
    if f.hedge and f.hedge.casefold() not in text.casefold():
        text = f"{f.hedge} {text}"
    return text


def _names(u: Unit) -> set[str]:
    """The entities a sentence names, and its capitalised words as name keys."""
    out = set(u.entities)
    out.update("name:" + fold(w) for _, _, w in words(u.text) if w[:1].isupper())
    return out


_NUMBER = re.compile(r"(?<![\w.,])\d[\d,.]*\d(?![\w])|(?<![\w.,])\d(?![\w.,]\d)")


def _bare_numbers(u: Unit) -> set[str]:
    """Numbers written in a sentence outside its figures ("injured about 180" when the
    figure stage found no figure there)."""
    out = set()
    for m in _NUMBER.finditer(u.text):
        at = u.start + m.start()  # offsets are only exact when spaces were not folded
        if not any(f.start <= at < f.end for f in u.figures):
            out.add(m.group().rstrip(".,").replace(",", ""))
    return out


def _numbers_in(u: Unit) -> set[str]:
    return {m.group().rstrip(".,").replace(",", "") for m in _NUMBER.finditer(u.text)}


def _compare_figures(line: Unit, other: Unit) -> Comparison | None:
    mine: list[str] = []
    theirs: list[str] = []
    missing = False
    # a figure of the other sentence with the value of one of the line's is accounted for
    # (whatever subject the figure stage gave each: the same value is the same statement)
    free = [
        g
        for g in other.figures
        if not any(f.unit == g.unit and figures_agree(f, g) for f in line.figures)
    ]
    for f in line.figures:
        if any(f.unit == g.unit and figures_agree(f, g) for g in other.figures):
            continue
        comparable = [g for g in free if same_measure(f, g)]
        if comparable:
            mine.append(_phrase(f))
            theirs.extend(p for p in map(_phrase, comparable) if p not in theirs)
        else:
            missing = True
    if mine:
        return Comparison("differs", tuple(mine), tuple(theirs))
    if missing or not _bare_numbers(line) <= _numbers_in(other):
        return _OTHER
    return None


def _compare_stances(line: Unit, other: Unit) -> Comparison | None:
    names = _names(other)
    for holders, polarity in line.stances:
        if not other.stances:
            if not holders & names:
                return _OTHER
            continue
        theirs = [p for h, p in other.stances if h & holders]
        if not theirs:
            return _OTHER
        if polarity not in theirs:
            return Comparison("differs", (polarity,), tuple(dict.fromkeys(theirs)))
    return None


def compare(line: Unit, other: Unit) -> Comparison:
    """Does ``other`` state the fact ``line`` states (see the module docstring)?"""
    if line.speakers:
        if other.speakers and not line.speakers & other.speakers:
            return _OTHER
        if not other.speakers and not line.speakers & _names(other):
            return _OTHER
    if line.people and other.people and not line.people & other.people:
        return _OTHER
    if line.events and other.events and not line.events & other.events:
        return _OTHER
    stance = _compare_stances(line, other)
    if stance is not None and stance.relation == "other":
        return stance
    figures = _compare_figures(line, other)
    if figures is not None:
        return figures
    return stance or _SAME
