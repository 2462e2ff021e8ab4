"""Cross-document events: event mentions of several articles merged into one event.

Pure and deterministic: the same mentions give the same events and ids in any order.
Two mentions are the same event when

* their types are compatible (equal, or both ASSAULT/FIGHT);
* their participants overlap, by resolved entity id (a participant whose name mention
  was not resolved does not count);
* their dates are compatible: equal at the precision they share ("2022-02" and
  "2022-02-04"), or one is missing and the documents' publication dates are at most
  :data:`MAX_PUBLISHED_GAP_DAYS` apart (a date missing on both sides needs the same);
* their places are compatible: equal, or one is missing;
* their sides are compatible: when both name two or more participants, they share at least
  two ("Putin meets Xi" and "Putin meets Modi" in one month are two meetings).

Mentions of one document sharing two participants count as published together. An undated
mention joins a dated event of its type when that event is the *only* dated one sharing two
of its participants (or all of them and its place): outlets that report a meeting without
its date still land on it, while a second meeting of the same actors (another date or
place) makes the undated mention ambiguous, and then only the publication-date rule above
applies, among the events it would fit. An undated mention in an article with a
publication date only joins an event dated within :data:`MAX_UNDATED_DISTANCE_DAYS` of it:
"their meeting" in a 2024 report is not the 2022 summit.

Merging is transitive (union-find over compatible pairs), but a group never joins two
mentions whose dates, places or sides conflict. The event takes the most frequent type, label
and place, the most precise date its mentions agree on, and every participant.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.document import Event, EventMention, content_hash

MAX_PUBLISHED_GAP_DAYS = 3
MAX_UNDATED_DISTANCE_DAYS = 45
_COMPATIBLE_TYPES = (frozenset({"ASSAULT", "FIGHT"}),)


@dataclass(frozen=True, slots=True)
class _Item:
    id: str
    doc: str
    mention: EventMention
    participants: frozenset[str]
    place: str | None
    published: date | None
    reference: tuple[date, date] | None  # the days the article's date may stand for


def _day(value: str | None) -> date | None:
    if value is None or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _types_ok(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in _COMPATIBLE_TYPES)


def _dates_ok(a: _Item, b: _Item) -> bool:
    da, db = a.mention.date, b.mention.date
    if da is not None and db is not None:
        n = min(len(da), len(db))
        return da[:n] == db[:n]
    if a.doc == b.doc:
        return len(a.participants & b.participants) >= 2
    if a.published is None or b.published is None:
        return False
    return abs((a.published - b.published).days) <= MAX_PUBLISHED_GAP_DAYS


def _conflict(a: _Item, b: _Item) -> bool:
    da, db = a.mention.date, b.mention.date
    if da is not None and db is not None:
        n = min(len(da), len(db))
        if da[:n] != db[:n]:
            return True
    if a.place is not None and b.place is not None and a.place != b.place:
        return True
    return _other_sides(a, b)


def _other_sides(a: _Item, b: _Item) -> bool:
    """Two mentions naming two sides each that share only one: "Putin meets Xi" and "Putin
    meets Modi" are two meetings, even in one month at one place."""
    pa, pb = a.participants, b.participants
    return len(pa) >= 2 and len(pb) >= 2 and len(pa & pb) < 2


def _same(a: _Item, b: _Item) -> bool:
    return (
        _types_ok(a.mention.type, b.mention.type)
        and bool(a.participants & b.participants)
        and _dates_ok(a, b)
        and not _conflict(a, b)
    )


def resolve_events(
    mentions: Sequence[tuple[str, str, EventMention]],
    entity_of: Mapping[tuple[str, int, int], str],
    published: Mapping[str, str | None],
) -> list[Event]:
    """Merge ``(event_mention_id, doc_id, mention)`` items into events (see the module doc).

    ``entity_of`` maps ``(doc_id, start, end)`` of a name mention to its entity id;
    ``published`` maps a document to its publication date (ISO prefix or None).
    """
    items = sorted(
        (
            _Item(
                mid,
                doc,
                m,
                frozenset(
                    entity_of[(doc, s, e)] for s, e in m.participants if (doc, s, e) in entity_of
                ),
                entity_of.get((doc, *m.place)) if m.place else None,
                _day(published.get(doc)),
                _span_of(published.get(doc)),
            )
            for mid, doc, m in mentions
        ),
        key=lambda it: it.id,
    )
    groups: list[list[_Item]] = []
    dated = [it for it in items if it.participants and it.mention.date is not None]
    undated = [it for it in items if it.participants and it.mention.date is None]
    for item in dated:
        target = _matching(item, groups)
        if target is None:
            groups.append([item])
        else:
            target.append(item)
    dated_groups = list(groups)
    for item in undated:
        fits = [g for g in dated_groups if _fits_dated(item, g)]
        if len(fits) == 1:
            fits[0].append(item)
            continue
        target = _matching(item, fits if fits else groups)
        if target is None:
            groups.append([item])
        else:
            target.append(item)
    return sorted((_event(g) for g in groups), key=lambda e: (e.date or "", e.id))


def _matching(item: _Item, groups: list[list[_Item]]) -> list[_Item] | None:
    return next(
        (
            g
            for g in groups
            if any(_same(item, other) for other in g)
            and not any(_conflict(item, other) for other in g)
        ),
        None,
    )


def _near_publication(item: _Item, group: list[_Item]) -> bool:
    """An undated mention in a dated article is news of its time: it may be an event dated
    within :data:`MAX_UNDATED_DISTANCE_DAYS` of the article's date (a day, or a month or
    year it is known to), not one years before."""
    if item.reference is None:
        return True
    lo, hi = item.reference
    slack = timedelta(days=MAX_UNDATED_DISTANCE_DAYS)
    days = [_first_day(it.mention.date) for it in group if it.mention.date]
    return any(d is not None and lo - slack <= d <= hi + slack for d in days)


def _span_of(value: str | None) -> tuple[date, date] | None:
    """The first and last day of an ISO prefix ("2024" → 1 January to 31 December)."""
    first = _first_day(value) if value else None
    if first is None or value is None:
        return None
    parts = len(value.split("-"))
    if parts == 1:
        return first, date(first.year, 12, 31)
    if parts == 2:
        last = calendar.monthrange(first.year, first.month)[1]
        return first, date(first.year, first.month, last)
    return first, first


def _first_day(value: str) -> date | None:
    """The first day of an ISO prefix ("2022-02" → 2022-02-01); None when not a date."""
    parts = value.split("-")
    try:
        return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1,
                    int(parts[2][:2]) if len(parts) > 2 else 1)  # fmt: skip
    except (ValueError, IndexError):
        return None


def _fits_dated(item: _Item, group: list[_Item]) -> bool:
    """An undated mention that can only be this dated event (see the module doc)."""
    if not _types_ok(item.mention.type, group[0].mention.type):
        return False
    if not _near_publication(item, group):
        return False
    if any(_conflict(item, other) for other in group):
        return False
    shared = item.participants & frozenset().union(*(it.participants for it in group))
    if len(shared) >= 2:
        return True
    places = {it.place for it in group if it.place}
    return shared == item.participants and item.place is not None and item.place in places


def _event(group: list[_Item]) -> Event:
    def most(values: list[str]) -> str:
        counts = Counter(values)
        return min(counts, key=lambda v: (-counts[v], v))

    dates = [it.mention.date for it in group if it.mention.date]
    places = [it.place for it in group if it.place]
    participants = sorted(set().union(*(it.participants for it in group)))
    mention_ids = tuple(sorted(it.id for it in group))
    return Event(
        id="v_" + content_hash(*mention_ids),
        type=most([it.mention.type for it in group]),
        label=most([it.mention.label for it in group]),
        participants=tuple(participants),
        place=most(places) if places else None,
        date=max(dates, key=lambda d: (len(d), d)) if dates else None,
        mention_ids=mention_ids,
    )
