"""Cross-document entity resolution: the mentions of all documents → one entity per actor.

:func:`resolve_entities` is a pure function of the mentions: the same mentions in any
order give the same entities with the same ids. It links mentions in this order:

1. **Same kb_id** (the gazetteer's Wikidata id), or the same gazetteer canonical name when
   the entry has no id. Demonyms ("Chinese") and capitals acting as their state ("Moscow
   warned") carry their country's id, so they join the country.
2. **Same name** up to case, accents, dots and hyphens ("Nato"/"NATO", "U.S."/"US"), and for
   people up to transliteration ("Sergey"/"Sergei Lavrov", "Yury"/"Yuri Ushakov"; see
   :mod:`storyline.resolve.names`). A name that two different gazetteer entries use is not
   linked to either.
   **Forms of one full name** (:func:`_link_full_names`): nicknames ("Jim"/"James Comey",
   "Bob"/"Robert", "Chuck"/"Charles"; the table is in :mod:`storyline.resolve.names`) and
   middle or maiden names and initials ("Sarah Sanders" ⊆ "Sarah Huckabee Sanders",
   "James B. Comey"), when all the forms of that family name that agree with one another
   agree pairwise ("George W. Bush" and "George H. W. Bush" keep "George Bush" apart);
   "Jr." and "Sr." must match.
3. **Acronyms defined in a document**: a long name followed by its acronym in parentheses
   ("the North Atlantic Treaty Organisation (NATO)"), or the other way round, links the
   two, and with them every other use of either form.
4. **Surnames alone** ("Putin", "Zhang", "Xi" — for Chinese, Korean and Vietnamese names the
   family name is the first word) go to the person named in full with that surname in
   the same document (the nearest one before it when two share it), else to the salient
   one: the only one in the corpus, or the one named in at least three quarters of the
   documents that name someone in full with it within 45 days of the document's date
   (all documents when none is that near). Without a salient one the surname is
   ambiguous: it is not linked across documents, and stays one entity per document.
   A one-word mention tagged as a firm, group or place ("Pence" as ORG) that is a
   surname of someone named in full counts as a surname alone when its document names
   that person in full, or when the word is tagged as a person in at least two thirds of
   its uses.

Two clusters with different kb_ids (or different gazetteer entries) are never merged, and
different names never merge on shared words alone: "Wang Yi" is not "Wan Qingsong",
"Xinhua" is not "Xi", "Russia" is not "Russian International Affairs Council", "Sergei
Shoigu" is not "Sergei Lavrov".

An entity's ``name`` is the gazetteer's canonical name if it has one, else its most
complete form (most words, then most used); ``aliases`` are its other surface forms;
``type`` is the gazetteer's, else the most common label of the mentions that name it
(not its demonyms). Its id is ``e_`` + a hash of its kb_id, or of its type and name.
Junk mentions (fewer than two letters, no capital letter) are left out.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from storyline.document import ENTITY_TYPES, Entity, EntityType, StoredMention, content_hash
from storyline.gazetteer import Gazetteer, load_gazetteer
from storyline.resolve.names import (
    PersonName,
    family_names,
    fold,
    initials,
    is_acronym,
    person_key,
    person_name,
    person_word_key,
)

_NOT_NAMING = frozenset({"gazetteer-demonym", "gazetteer-metonym"})
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_ACRONYM_GAP = 3  # at most " (" between a long name and its acronym


@dataclass(frozen=True, slots=True)
class _Item:
    """A usable mention with what resolution needs to know about it."""

    idx: int
    sm: StoredMention
    label: EntityType
    surface: str
    key: str
    words: tuple[str, ...]
    identity: str | None  # kb_id, or "canonical:<name>" for gazetteer entries without one
    naming: bool  # False for demonyms and capitals standing for their state

    @property
    def doc(self) -> str:
        return self.sm.doc

    @property
    def start(self) -> int:
        return self.sm.mention.start

    @property
    def end(self) -> int:
        return self.sm.mention.end


class _Clusters:
    """Union-find over items that never joins two different identities."""

    def __init__(self, items: Sequence[_Item]) -> None:
        self.parent = list(range(len(items)))
        self.identity: dict[int, str | None] = {i.idx: i.identity for i in items}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ia, ib = self.identity[ra], self.identity[rb]
        if ia and ib and ia != ib:
            return False
        root, other = min(ra, rb), max(ra, rb)
        self.parent[other] = root
        self.identity[root] = ia or ib
        return True


# ------------------------------------------------------------------------- cleaning


def _title_words(gaz: Gazetteer) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(t.casefold().split()) for t in gaz.titles)


@lru_cache(maxsize=8)
def _longest(titles: frozenset[tuple[str, ...]]) -> int:
    return max((len(t) for t in titles), default=0)


def clean_name(text: str, label: EntityType, titles: frozenset[tuple[str, ...]]) -> str:
    """A mention's name without quotes, a leading "the", titles or a trailing possessive."""
    words = text.translate(_QUOTES).split()
    while words and words[0].casefold() == "the":
        words = words[1:]
    if words and (words[-1].endswith("'s") or words[-1].endswith("'")):
        last = words[-1].removesuffix("'s").removesuffix("'")
        words = [*words[:-1], last] if last else words[:-1]
    if label == "PERSON":
        longest = _longest(titles)
        stripped = True
        while stripped and len(words) > 1:
            stripped = False
            for k in range(min(longest, len(words) - 1), 0, -1):
                if tuple(w.casefold() for w in words[:k]) in titles:
                    words, stripped = words[k:], True
                    break
    return " ".join(words)


def _is_junk(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    # scripts without case (Chinese) have no capital letter to require
    return len(letters) < 2 or not any(c.isupper() or not c.islower() for c in letters)


def _items(mentions: Iterable[StoredMention], gaz: Gazetteer) -> list[_Item]:
    titles = _title_words(gaz)
    ordered = sorted(mentions, key=lambda s: (s.doc, s.mention.start, s.mention.end, s.id))
    items: list[_Item] = []
    for sm in ordered:
        m = sm.mention
        surface = clean_name(m.name or m.text, m.label, titles)
        if _is_junk(surface):
            continue
        identity = m.kb_id or (f"canonical:{m.canonical}" if m.canonical else None)
        key = fold(surface)
        items.append(
            _Item(
                len(items),
                sm,
                m.label,
                surface,
                key,
                tuple(key.split()),
                identity,
                m.origin not in _NOT_NAMING,
            )
        )
    return items


# -------------------------------------------------------------------------- linking


def _link_identities(items: Sequence[_Item], c: _Clusters) -> None:
    first: dict[str, int] = {}
    for item in items:
        if item.identity:
            c.union(first.setdefault(item.identity, item.idx), item.idx)


def _is_surname_only(item: _Item) -> bool:
    return item.label == "PERSON" and len(item.words) == 1 and item.identity is None


def _link_same_names(items: Sequence[_Item], c: _Clusters) -> None:
    """Same folded name (people: same transliteration key) → same entity, unless ambiguous."""
    groups: dict[tuple[str, str], list[_Item]] = defaultdict(list)
    for item in items:
        if not item.naming or _is_surname_only(item):
            continue
        if item.label == "PERSON":
            groups[("PERSON", person_key(item.surface))].append(item)
        else:
            groups[("NAME", item.key)].append(item)
    for group in groups.values():
        identities = {i.identity for i in group if i.identity}
        if len(identities) > 1:
            loose = [i for i in group if not i.identity]
            for a, b in itertools.pairwise(loose):
                c.union(a.idx, b.idx)
            continue
        for item in group[1:]:
            c.union(group[0].idx, item.idx)


def _link_full_names(items: Sequence[_Item], c: _Clusters) -> None:
    """Forms of one person's full name: nicknames and middle or maiden names.

    "Jim Comey"/"James B. Comey", "Sarah Sanders"/"Sarah Huckabee Sanders" are linked when
    every form of the family name that agrees with one agrees with all the others: with
    "George W. Bush" and "George H. W. Bush" in the corpus, a bare "George Bush" is left.
    """
    forms: dict[tuple[str, str], dict[PersonName, list[int]]] = defaultdict(dict)
    for item in items:
        if item.label != "PERSON" or not item.naming or len(item.words) < 2:
            continue
        parts = person_name(item.surface)
        if parts is not None:
            forms[(parts.family, parts.suffix)].setdefault(parts, []).append(item.idx)
    for group in forms.values():
        names = sorted(group, key=lambda p: (p.given, p.middles))
        if len(names) < 2:
            continue
        for component in _components(names):
            pairs = itertools.combinations(component, 2)
            if len(component) > 1 and all(a.agrees(b) for a, b in pairs):
                first = group[component[0]][0]
                for name in component:
                    for idx in group[name]:
                        c.union(first, idx)


def _components(names: Sequence[PersonName]) -> list[list[PersonName]]:
    """The groups of names linked by agreeing pairs, in order."""
    seen: set[int] = set()
    out: list[list[PersonName]] = []
    for i in range(len(names)):
        if i in seen:
            continue
        stack, part = [i], []
        seen.add(i)
        while stack:
            j = stack.pop()
            part.append(j)
            for k in range(len(names)):
                if k not in seen and names[j].agrees(names[k]):
                    seen.add(k)
                    stack.append(k)
        out.append([names[j] for j in sorted(part)])
    return out


def _link_acronyms(items: Sequence[_Item], c: _Clusters) -> None:
    """ "Long Name (ACR)" or "ACR (Long Name)" in a document links the two forms."""
    for a, b in itertools.pairwise(items):
        if a.doc != b.doc or not 0 < b.start - a.end <= _ACRONYM_GAP:
            continue
        for long, short in ((a, b), (b, a)):
            acronym = short.surface.replace(".", "")
            defined = is_acronym(short.surface) and len(long.words) > 1
            if defined and initials(long.surface) == acronym.upper():
                c.union(long.idx, short.idx)


_SALIENT_SHARE = 0.75  # of the documents naming someone in full with the surname
_WINDOW_DAYS = 45


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


class _Salience:
    """Who a bare surname stands for in a document that names nobody in full with it.

    The person named in full with that surname in at least three quarters of the
    documents dated within 45 days of this one (all documents when none is dated near
    it): a bare "Warren" is Elizabeth Warren in a month when every other Warren is named
    in passing. Nobody when no one holds that share.
    """

    def __init__(self, dates: Mapping[str, str | None]) -> None:
        self.days = {doc: _day(value) for doc, value in dates.items()}
        self.named: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
        self._cache: dict[tuple[str, str], int | None] = {}

    def add(self, family: str, root: int, doc: str) -> None:
        self.named[family][root].add(doc)

    def candidates(self, family: str) -> int:
        return len(self.named.get(family, ()))

    def target(self, family: str, doc: str) -> int | None:
        key = (family, doc)
        if key not in self._cache:
            self._cache[key] = self._target(family, doc)
        return self._cache[key]

    def _target(self, family: str, doc: str) -> int | None:
        roots = self.named.get(family, {})
        if not roots:
            return None
        if len(roots) == 1:
            return next(iter(roots))
        day = self.days.get(doc)
        counts: Counter[int] = Counter()
        if day is not None:
            for root, docs in roots.items():
                near = (self.days.get(d) for d in docs)
                counts[root] = sum(
                    1 for d in near if d is not None and abs((d - day).days) <= _WINDOW_DAYS
                )
        if sum(counts.values()) == 0:
            counts = Counter({root: len(docs) for root, docs in roots.items()})
        total = sum(counts.values())
        (best, n), *_ = sorted(counts.items(), key=lambda rc: (-rc[1], rc[0]))
        return best if total and n >= _SALIENT_SHARE * total else None


def _link_surnames(items: Sequence[_Item], c: _Clusters, dates: Mapping[str, str | None]) -> None:
    """A surname alone → the person named in full with it: the nearest one before it in
    the same document, else the salient one of the corpus (:class:`_Salience`)."""
    in_doc: dict[tuple[str, str], dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    salience = _Salience(dates)
    for item in items:
        if item.label != "PERSON" or len(item.words) < 2:
            continue
        root = c.find(item.idx)
        for fam in family_names(item.surface):
            in_doc[(item.doc, fam)][root].append(item.start)
            salience.add(fam, root, item.doc)
    links: list[tuple[int, int]] = []
    unresolved: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for item in items:
        if not _is_surname_only(item):
            continue
        fam = person_word_key(item.surface)
        here = in_doc.get((item.doc, fam), {})
        target = _nearest(here, item.start) if here else salience.target(fam, item.doc)
        if target is not None:
            links.append((target, item.idx))
        elif salience.candidates(fam):
            unresolved[(item.doc, fam)].append(item.idx)  # ambiguous: one per document
        else:
            unresolved[(fam,)].append(item.idx)  # nobody named in full: one per name
    for target, idx in links:
        c.union(target, idx)
    for group in unresolved.values():
        for idx in group[1:]:
            c.union(group[0], idx)


def _as_surnames(items: list[_Item]) -> list[_Item]:
    """One word read as a firm, a group or a place that is a person's surname is that person:
    a bare "Pence" tagged ORG, when the document names Mike Pence in full or the word is
    tagged as a person in most of its uses across the corpus."""
    families: set[str] = set()
    in_doc: set[tuple[str, str]] = set()
    uses: dict[str, Counter[bool]] = defaultdict(Counter)
    for item in items:
        if item.label == "PERSON" and len(item.words) >= 2:
            for fam in family_names(item.surface):
                families.add(fam)
                in_doc.add((item.doc, fam))
        elif len(item.words) == 1 and item.identity is None and item.naming:
            uses[person_word_key(item.surface)][item.label == "PERSON"] += 1
    out = []
    for item in items:
        if item.label != "PERSON" and len(item.words) == 1 and item.identity is None:
            fam = person_word_key(item.surface)
            count = uses[fam]
            mostly = count[True] >= 2 * count[False]
            if item.naming and fam in families and ((item.doc, fam) in in_doc or mostly):
                item = replace(item, label="PERSON")
        out.append(item)
    return out


def _nearest(roots: dict[int, list[int]], start: int) -> int:
    """The cluster named nearest before ``start`` (else nearest after); ties by root."""
    before = [(max(p for p in ps if p < start), -r) for r, ps in roots.items() if min(ps) < start]
    if before:
        return -max(before)[1]
    after = [(min(ps), r) for r, ps in roots.items()]
    return min(after)[1]


# ------------------------------------------------------------------------- entities


def _entity_type(cluster: Sequence[_Item], gaz_type: EntityType | None) -> EntityType:
    if gaz_type is not None:
        return gaz_type
    naming = [i.label for i in cluster if i.naming] or [i.label for i in cluster]
    counts = Counter(naming)
    return max(ENTITY_TYPES, key=lambda t: (counts[t], -ENTITY_TYPES.index(t)))


def _entity_name(cluster: Sequence[_Item]) -> str:
    canonical = Counter(i.sm.mention.canonical for i in cluster if i.sm.mention.canonical)
    if canonical:
        return min(canonical, key=lambda n: (-canonical[n], n))
    naming = [i for i in cluster if i.naming] or list(cluster)
    counts = Counter(i.surface for i in naming)
    words = {i.surface: len(i.words) for i in naming}
    return min(counts, key=lambda s: (-words[s], -counts[s], -len(s), s))


def _build(cluster: Sequence[_Item], gaz: Gazetteer) -> tuple[str | None, Entity]:
    kb_ids = sorted({i.sm.mention.kb_id for i in cluster if i.sm.mention.kb_id})
    kb_id = kb_ids[0] if kb_ids else None
    entry = gaz.entry(kb_id)
    if entry is None:
        by_naming = sorted(cluster, key=lambda i: (not i.naming, i.idx))
        found = (gaz.canonical_entry(None, i.sm.mention.canonical) for i in by_naming)
        entry = next((e for e in found if e is not None), None)
    name = entry.name if entry is not None else _entity_name(cluster)
    etype = _entity_type(cluster, entry.type if entry is not None else None)
    aliases = tuple(sorted({i.surface for i in cluster} - {name}))
    ids = tuple(sorted(i.sm.id for i in cluster))
    eid = "e_" + (content_hash(kb_id) if kb_id else content_hash(etype, name))
    return kb_id, Entity(eid, name, etype, kb_id, aliases, ids)


def resolve_entities(
    mentions: Sequence[StoredMention], dates: Mapping[str, str | None] | None = None
) -> list[Entity]:
    """Group the mentions of all documents into entities (see the module docstring);
    ``dates`` gives each document's date (ISO), for the surnames alone."""
    gaz = load_gazetteer()
    items = _as_surnames(_items(mentions, gaz))
    clusters = _Clusters(items)
    _link_identities(items, clusters)
    _link_same_names(items, clusters)
    _link_full_names(items, clusters)
    _link_acronyms(items, clusters)
    _link_surnames(items, clusters, dates or {})
    grouped: dict[int, list[_Item]] = defaultdict(list)
    for item in items:
        grouped[clusters.find(item.idx)].append(item)
    built = [_build(group, gaz) for group in grouped.values()]
    seen = Counter(entity.id for _, entity in built)
    entities: list[Entity] = []
    for kb_id, entity in built:
        if seen[entity.id] > 1 and kb_id is None:  # two actors with one name: keep them apart
            eid = "e_" + content_hash(entity.type, entity.name, entity.mention_ids[0])
            entity = Entity(eid, *_fields_after_id(entity))
        entities.append(entity)
    return sorted(entities, key=lambda e: (-len(e.mention_ids), e.name, e.id))


def _fields_after_id(
    e: Entity,
) -> tuple[str, EntityType, str | None, tuple[str, ...], tuple[str, ...]]:
    return e.name, e.type, e.kb_id, e.aliases, e.mention_ids
