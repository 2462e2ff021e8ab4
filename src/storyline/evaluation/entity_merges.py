"""Entities of an analysed database checked for splits and false merges, to judge by eye.

``python -m storyline.evaluation.entity_merges DB [--top 50]`` lists the ``top`` actors by
mentions, each with its type, mention and document counts and its surface forms (most
used first), and flags:

* **likely splits** — other entities that are probably the same actor: a person sharing
  the family name with a compatible given name ("Jim Comey" beside "James Comey"; see
  :class:`storyline.resolve.names.PersonName`), the bare surname stored as persons of
  its own ("McConnell", one flag however many such entities there are), or an entity
  named by one of its surface forms (a capital and its state, both in the gazetteer,
  excepted);
* **suspicious merges** — surface forms of a person whose given names disagree ("Ivanka
  Trump" inside "Donald Trump"), and a place holding both a state's and a city's name
  ("New York State" inside "New York City").

Then come the counts of flagged top entities, and counts over every entity
(:func:`totals`). ``--resolve`` resolves the database's stored mentions again with the
current code (the database is only read) and lists those entities instead: a resolver
change is measured without re-analysing.
``--exclude FILE`` (repeatable) leaves out the documents whose source is listed in FILE
(one a line): held-out articles stay unread while tuning. ``--json`` prints the same as
JSON.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from storyline.resolve.names import PersonName, fold, person_name, person_word_key

_STATE_WORDS = frozenset({"state"})
_CITY_WORDS = frozenset({"city", "dc", "d c"})


@dataclass(slots=True)
class Actor:
    """One entity as the check sees it."""

    id: str
    name: str
    type: str
    mentions: int
    documents: int
    forms: list[tuple[str, int]]
    kb_id: str | None = None
    splits: list[str] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)


def _actors(entities: Sequence[dict[str, Any]]) -> list[Actor]:
    out = []
    for e in entities:
        forms = Counter(m["text"] for m in e["mentions"])
        docs = len({m["doc"] for m in e["mentions"]})
        ordered = sorted(forms.items(), key=lambda f: (-f[1], f[0]))
        n = len(e["mentions"])
        out.append(Actor(e["id"], e["name"], e["type"], n, docs, ordered, e.get("kb_id")))
    return sorted(out, key=lambda a: (-a.mentions, -a.documents, a.name, a.id))


def _family(name: str) -> str | None:
    parts = person_name(name)
    return parts.family if parts is not None else None


def _flag_splits(top: Sequence[Actor], everyone: Sequence[Actor]) -> None:
    by_name: dict[str, list[Actor]] = defaultdict(list)
    by_family: dict[str, list[Actor]] = defaultdict(list)
    bare: dict[str, list[Actor]] = defaultdict(list)
    for a in everyone:
        by_name[fold(a.name)].append(a)
        if a.type == "PERSON":
            family = _family(a.name)
            if family is not None:
                by_family[family].append(a)
            elif len(fold(a.name).split()) == 1:
                bare[person_word_key(a.name)].append(a)
    for a in top:
        found: list[str] = []
        parts = person_name(a.name) if a.type == "PERSON" else None
        if parts is not None:
            for b in by_family.get(parts.family, []):
                other = person_name(b.name)
                if b.id != a.id and other is not None and parts.agrees(other):
                    found.append(f"{b.name} ({b.mentions} mentions): the same person's name")
            alone = [b for b in bare.get(parts.family, []) if b.id != a.id]
            if alone:
                n = sum(b.mentions for b in alone)
                found.append(f"the bare surname alone: {len(alone)} entities, {n} mentions")
        named = {
            b.id: b
            for form, _ in a.forms
            for b in by_name.get(fold(form), [])
            if b.id != a.id
            and not (a.kb_id and b.kb_id)  # the gazetteer keeps a capital and its state apart
            and not (parts is not None and len(fold(b.name).split()) == 1)
        }
        if named:
            shown = sorted(named.values(), key=lambda b: -b.mentions)
            listed = ", ".join(f"{b.name} [{b.type}] ({b.mentions})" for b in shown[:5])
            more = f" and {len(shown) - 5} more" if len(shown) > 5 else ""
            found.append(f"named by one of its forms: {listed}{more}")
        a.splits = found


def _flag_merges(top: Sequence[Actor]) -> None:
    for a in top:
        found: list[str] = []
        if a.type == "PERSON":
            parts = person_name(a.name)
            for form, n in a.forms:
                other = person_name(form)
                if parts is not None and other is not None and not parts.agrees(other):
                    found.append(f"{form!r} ×{n} is not {a.name!r}")
        if a.type in ("GPE", "LOC"):
            words = {w for form, _ in a.forms for w in fold(form).split()}
            if words & _STATE_WORDS and words & _CITY_WORDS:
                found.append("holds a state's and a city's names")
        a.merges = found


def totals(everyone: Sequence[Actor]) -> dict[str, int]:
    """Counts over every entity: splits and merges of people's names, and widget text.

    ``bare_surname_entities``/``_mentions``: people stored under a bare surname that
    someone named in full carries; ``same_name_pairs``: pairs of people whose full names
    agree (nicknames, middle names); ``mixed_given_names``: people holding a full name
    whose given name disagrees with theirs; ``state_city``: places holding a state's and a
    city's names; ``boilerplate``: entities named by widget text (:mod:`entities_people`).
    """
    from storyline.stages.entities_people import is_boilerplate

    people = [a for a in everyone if a.type == "PERSON"]
    families: dict[str, list[PersonName]] = defaultdict(list)
    for a in people:
        parts = person_name(a.name)
        if parts is not None:
            families[parts.family].append(parts)
    bare = [
        a for a in people if len(fold(a.name).split()) == 1 and person_word_key(a.name) in families
    ]
    pairs = sum(
        1 for names in families.values() for x, y in itertools.combinations(names, 2) if x.agrees(y)
    )
    _flag_merges(everyone)
    return {
        "entities": len(everyone),
        "bare_surname_entities": len(bare),
        "bare_surname_mentions": sum(a.mentions for a in bare),
        "same_name_pairs": pairs,
        "mixed_given_names": sum(1 for a in people if a.merges),
        "state_city": sum(1 for a in everyone if a.type != "PERSON" and a.merges),
        "boilerplate": sum(1 for a in everyone if is_boilerplate(a.name)),
    }


def check(entities: Sequence[dict[str, Any]], top: int) -> list[Actor]:
    """The ``top`` actors by mentions, flagged (see the module docstring)."""
    everyone = _actors(entities)
    chosen = everyone[:top]
    _flag_splits(chosen, everyone)
    _flag_merges(chosen)
    return chosen


def _excluded_docs(db: Path, lists: Sequence[Path]) -> set[str]:
    from storyline.store.reader import StoreReader

    sources: set[str] = set()
    for path in lists:
        sources |= {line.strip() for line in path.read_text(encoding="utf-8").splitlines()}
    sources.discard("")
    if not sources:
        return set()
    with StoreReader(db) as reader:
        return {d.document.id for d in reader.documents() if sources.intersection(d.sources)}


def _resolved_again(db: Path, excluded: set[str]) -> list[dict[str, Any]]:
    from storyline.resolve.entities import resolve_entities
    from storyline.store.reader import StoreReader

    with StoreReader(db) as reader:
        mentions = [m for m in reader.iter_mentions() if m.doc not in excluded]
        dates = reader.reference_dates()
    texts = {m.id: (m.doc, m.mention.text) for m in mentions}
    return [
        {
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "kb_id": e.kb_id,
            "mentions": [{"doc": texts[i][0], "text": texts[i][1]} for i in e.mention_ids],
        }
        for e in resolve_entities(mentions, dates)
    ]


def _stored(db: Path, excluded: set[str]) -> list[dict[str, Any]]:
    from storyline.store.reader import StoreReader

    with StoreReader(db) as reader:
        entities = reader.entities()
    for e in entities:
        e["mentions"] = [m for m in e["mentions"] if m["doc"] not in excluded]
    return [e for e in entities if e["mentions"]]


def render(actors: Sequence[Actor], forms: int = 8) -> str:
    lines = []
    for rank, a in enumerate(actors, 1):
        shown = ", ".join(f"{f} ×{n}" for f, n in a.forms[:forms])
        more = f" (+{len(a.forms) - forms} forms)" if len(a.forms) > forms else ""
        lines.append(f"{rank:>3}. {a.name} [{a.type}] {a.mentions} mentions, {a.documents} docs")
        lines.append(f"     forms: {shown}{more}")
        lines.extend(f"     SPLIT? {s}" for s in a.splits)
        lines.extend(f"     MERGE? {m}" for m in a.merges)
    split = sum(1 for a in actors if a.splits)
    merged = sum(1 for a in actors if a.merges)
    lines.append(f"top {len(actors)}: {split} flagged as split, {merged} flagged as merged")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.evaluation.entity_merges")
    parser.add_argument("db", type=Path, help="an analysed storyline database (read only)")
    parser.add_argument("--top", type=int, default=50, help="how many actors to list")
    parser.add_argument(
        "--resolve", action="store_true", help="resolve the stored mentions again first"
    )
    parser.add_argument(
        "--exclude",
        type=Path,
        action="append",
        default=[],
        help="a file of document sources to leave out, one a line (repeatable)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        print(f"no database at {args.db}; give the path of an analysed one", file=sys.stderr)
        return 2
    excluded = _excluded_docs(args.db, args.exclude)
    read = _resolved_again if args.resolve else _stored
    entities = read(args.db, excluded)
    actors = check(entities, args.top)
    counts = totals(_actors(entities))
    if args.json:
        out = {"top": [asdict(a) for a in actors], "totals": counts}
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(render(actors))
        print("all entities: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
