"""Events across documents with inferred dates kept honest.

An event mention dated from its report's publication day (``date_rule``
``"publication_day"``, see :mod:`storyline.stages.events_dates`) says only that the event
happened on or shortly before that day. Merging treats it as the undated mention it is in
the text: it joins the one dated event its participants point to, or other reports
published within days (:mod:`storyline.resolve.events`), and a report a day late does not
split the event over a date it never stated. Once merged:

* an event some report dates keeps that date (``date_inferred`` false);
* an event no report dates takes the earliest of those inferred days (it happened on or
  before its first report): ``date_inferred`` true, ``date_rule`` the rule that gave it;
* an event whose date rests only on mentions placed by a weekday and a tense
  (``weekday_past``…) keeps it, marked inferred with the rule its mentions share.

Pure and deterministic, as :func:`~storyline.resolve.events.resolve_events` is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from storyline.document import Event, EventMention
from storyline.resolve.events import resolve_events

SOFT_RULES = frozenset({"publication_day"})
"""Rules whose dates do not take part in merging (the mention merges as undated)."""


def without_soft_dates(
    mentions: Sequence[tuple[str, str, EventMention]],
) -> list[tuple[str, str, EventMention]]:
    """The mentions as their texts date them: a publication-day date taken away."""
    return [
        (mid, doc, replace(m, date=None) if m.date_rule in SOFT_RULES else m)
        for mid, doc, m in mentions
    ]


def _marked(event: Event, members: list[EventMention]) -> Event:
    stated = [m.date for m in members if m.date and not m.date_inferred]
    if event.date is None:
        soft = sorted((m.date, m.date_rule) for m in members if m.date_rule in SOFT_RULES)
        if not soft:
            return event
        return replace(event, date=soft[0][0], date_inferred=True, date_rule=soft[0][1])
    if any(d.startswith(event.date) or event.date.startswith(d) for d in stated):
        return event
    # the rule that gave the date (a weekday's), before the publication days that agree
    rules = Counter(m.date_rule for m in members if m.date == event.date and m.date_rule)
    rule = min(rules, key=lambda r: (r in SOFT_RULES, -rules[r], r)) if rules else None
    return replace(event, date_inferred=True, date_rule=rule)


def resolve_dated_events(
    mentions: Sequence[tuple[str, str, EventMention]],
    entity_of: Mapping[tuple[str, int, int], str],
    published: Mapping[str, str | None],
) -> list[Event]:
    """:func:`~storyline.resolve.events.resolve_events` over the mentions without their
    publication-day dates, then each event's date and whether it was inferred (see the
    module doc); events sorted as ``resolve_events`` sorts them."""
    events = resolve_events(without_soft_dates(mentions), entity_of, published)
    by_id = {mid: m for mid, _, m in mentions}
    marked = [_marked(e, [by_id[i] for i in e.mention_ids if i in by_id]) for e in events]
    return sorted(marked, key=lambda e: (e.date or "", e.id))
