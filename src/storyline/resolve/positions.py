"""Positions: the stances of all documents grouped into who supports or opposes what.

:func:`aggregate_positions` is a pure, deterministic function of the stances: the same
stances in any order give the same positions with the same ids. Stances group into one
position when they have

* the same **holders** (the resolved entities of their holder mentions, as a sorted set;
  a stance whose holders resolve to no entity is left out: nobody to hold the position),
* the same **polarity**, and
* the same **target**: the same resolved entity when the target phrase is exactly a name
  mention ("oppose NATO"), else the same normalised text ("the enlargements of NATO" and
  "enlargement of NATO" → ``enlargement of nato``): lowercase, quote marks, a possessive
  and determiners removed, spaces folded, each word's plural lightly lemmatised,
  names inside the phrase replaced by their resolved entity (so "expansion of Nato" and
  "expansion of the North Atlantic Treaty Organisation" agree), and a few nouns of the
  same meaning folded together ("expansion", "enlargement").

A position's ``target`` is the readable target of its first stance (by document and
offset); ``id`` is ``p_`` + a hash of holders, polarity and target key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from storyline.document import Polarity, Position, Stance, content_hash

_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "any", "its", "their", "his", "her"}
)
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_KEEP_S = frozenset({"us", "news", "series", "species", "analysis", "crisis", "basis", "status"})


_Key = tuple[tuple[str, ...], Polarity, str]

# nouns that name the same act, folded to one word in target keys
_SAME_MEANING = {"expansion": "enlargement", "extension": "enlargement"}


def singular(word: str) -> str:
    """A light lemmatisation of an English plural ("sanctions" → "sanction")."""
    if len(word) <= 3 or word in _KEEP_S or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def normalise_target(target: str) -> str:
    """The comparable form of a target phrase: lowercase, no determiners, singular words."""
    folded = target.casefold().replace("’", "'").replace("'s ", " ").replace("s' ", "s ")
    words = _WORD.findall(folded)
    words = [w for w in words if w not in _DETERMINERS]
    return " ".join(_SAME_MEANING.get(w, w) for w in (singular(w) for w in words))


def _target_key(doc: str, stance: Stance, names: Mapping[str, list[tuple[int, int, str]]]) -> str:
    """The target's normalised text with every resolved name in it replaced by its entity."""
    pieces: list[str] = []
    cursor = stance.target_start
    for start, end, entity in names.get(doc, []):
        if start >= cursor and end <= stance.target_end:
            pieces.append(
                normalise_target(
                    stance.target[cursor - stance.target_start : start - stance.target_start]
                )
            )
            pieces.append(entity)
            cursor = end
    pieces.append(normalise_target(stance.target[cursor - stance.target_start :]))
    return " ".join(p for p in pieces if p)


def _readable(target: str) -> str:
    return " ".join(target.split())


def aggregate_positions(
    stances: Sequence[tuple[str, str, Stance]],
    entity_of: Mapping[tuple[str, int, int], str],
) -> list[Position]:
    """Group (stance_id, doc_id, stance) items into positions; see the module docstring."""
    groups: dict[_Key, list[tuple[str, str, Stance]]] = {}
    target_entity: dict[_Key, str | None] = {}
    names: dict[str, list[tuple[int, int, str]]] = {}
    for (doc_id, start, end), entity_id in sorted(entity_of.items()):
        names.setdefault(doc_id, []).append((start, end, entity_id))
    for item in sorted(stances, key=lambda x: (x[1], x[2].start, x[2].target_start, x[0])):
        _, doc, stance = item
        holders = tuple(
            sorted({entity_of[(doc, a, b)] for a, b in stance.holders if (doc, a, b) in entity_of})
        )
        if not holders:
            continue
        entity = entity_of.get((doc, stance.target_start, stance.target_end))
        target_key = "e:" + entity if entity else "t:" + _target_key(doc, stance, names)
        if target_key == "t:":
            continue
        key: _Key = (holders, stance.polarity, target_key)
        groups.setdefault(key, []).append(item)
        target_entity[key] = entity
    positions: list[Position] = []
    for key, items in groups.items():
        holders, polarity, target_key = key
        first = items[0][2]
        ids = tuple(dict.fromkeys(sid for sid, _, _ in items))
        positions.append(
            Position(
                id="p_" + content_hash(*holders, polarity, target_key),
                holders=holders,
                polarity=first.polarity,
                target=_readable(first.target),
                target_entity=target_entity[key],
                stance_ids=ids,
            )
        )
    return sorted(positions, key=lambda p: (p.holders, p.polarity, p.target, p.id))
