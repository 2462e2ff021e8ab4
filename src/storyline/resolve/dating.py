"""Dates for undated articles, from other articles about the same events.

An article without a publication date cannot resolve "on Friday" or "last year". But the
events it reports are often dated elsewhere: another outlet gives the meeting's day, or a
caption of the article itself names it. An article is published on or after the latest
dated event it reports, and news reports its latest event soon after — so that event's
date, at the month, is the article's inferred date. When the article's own words for
that event name a weekday ("a summit on Friday ended …") and the day found elsewhere is
that weekday, the day itself is the inferred date.

Only independent dates at least as precise as a month count: those of articles with a
publication date, and absolute dates ("February 4, 2022") in undated ones — never a date
an article got from an inferred date, so inferring again gives the same answer. Pure and
deterministic. Known limit: a future event dated in the text ("will meet in March 2023")
counts as reported, and pushes the inferred date forward.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from storyline.document import Event, EventMention
from storyline.stages.times_rules import WEEKDAYS

_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class InferredDate:
    """A date for an undated document and the evidence it was inferred from."""

    value: str
    evidence: str


@dataclass(frozen=True, slots=True)
class TimeInfo:
    """What dating needs of a stored time expression."""

    text: str
    value: str | None
    anchor: str | None  # None for an absolute expression


def _independent(
    doc: str,
    mention: EventMention,
    published: Mapping[str, str | None],
    times: Mapping[tuple[str, int, int], TimeInfo],
) -> str | None:
    """The mention's date when it does not rest on an inferred date."""
    if mention.date is None:
        return None
    if published.get(doc):
        return mention.date
    if mention.time is None:
        return None
    info = times.get((doc, *mention.time))
    return mention.date if info is not None and info.anchor is None else None


def independent_mentions(
    mentions: Sequence[tuple[str, str, EventMention]],
    published: Mapping[str, str | None],
    times: Mapping[tuple[str, int, int], TimeInfo],
) -> list[tuple[str, str, EventMention]]:
    """The mentions as they were before any inference: a date that rests on an inferred
    date is dropped. Resolving events over these keeps inference from feeding on itself."""
    return [
        (mid, doc, m if _independent(doc, m, published, times) == m.date else replace(m, date=None))
        for mid, doc, m in mentions
    ]


def page_date_inference(value: str, line: str) -> InferredDate:
    """The date an article shown under a page-header date ("Wednesday, June 19, 2024")
    gets: its year. The header shows the day the page was displayed — an upper bound of
    publication, not the day itself."""
    return InferredDate(
        value[:4], f'the page header "{line}" (the day the page was shown; its year only)'
    )


def _weekday_fits(day: str, text: str) -> bool:
    m = _WEEKDAY.search(text)
    if m is None or len(day) < 10:
        return False
    try:
        return date.fromisoformat(day[:10]).weekday() == WEEKDAYS[m.group(1).lower()]
    except ValueError:
        return False


def infer_dates(
    mentions: Sequence[tuple[str, str, EventMention]],
    events: Sequence[Event],
    published: Mapping[str, str | None],
    times: Mapping[tuple[str, int, int], TimeInfo],
    page_dates: Mapping[str, tuple[str, str]] | None = None,
) -> dict[str, InferredDate]:
    """An inferred date for each undated document that reports a dated event.

    ``mentions`` are ``(event_mention_id, doc_id, mention)`` as
    :func:`independent_mentions` gives them; ``events`` the resolved events over those;
    ``published`` maps each document to its own publication date;
    ``times`` maps ``(doc, start, end)`` of a time expression to its text, value, anchor;
    ``page_dates`` maps a document to the (date, line) of its page header: no event dated
    after it counts, and with no event its year is the inferred date.
    """
    page_dates = page_dates or {}
    by_id = {mid: (doc, m) for mid, doc, m in mentions}
    candidates: dict[str, list[tuple[str, EventMention, str]]] = {}
    for event in events:
        members = [by_id[mid] for mid in event.mention_ids if mid in by_id]
        for doc, mention in members:
            if published.get(doc):
                continue
            dates = [
                (d, other_doc)
                for other_doc, other in members
                if (d := _independent(other_doc, other, published, times)) is not None
                and len(d) >= 7
            ]
            bound = page_dates.get(doc, ("9999", ""))[0]
            dates = [(d, o) for d, o in dates if d[: len(bound)] <= bound]
            if not dates:
                continue
            best, source = max(dates, key=lambda x: (len(x[0]), x[0], x[1]))
            candidates.setdefault(doc, []).append((best, mention, source))
    inferred: dict[str, InferredDate] = {}
    for doc, found in sorted(candidates.items()):
        latest = max(d[:7] for d, _, _ in found)
        at_latest = [(d, m, s) for d, m, s in found if d[:7] == latest]

        def weekday_text(mention: EventMention, doc: str = doc) -> str:
            info = times.get((doc, *mention.time)) if mention.time is not None else None
            return info.text if info is not None else ""

        fitting = [x for x in at_latest if _weekday_fits(x[0], weekday_text(x[1]))]
        pool = fitting or at_latest
        top = max((len(d), d, s) for d, _, s in pool)
        # the article's first words for that event, so the evidence reads the same each run
        day, mention, source = min(
            (x for x in pool if (len(x[0]), x[0], x[2]) == top), key=lambda x: x[1].start
        )
        where = "this article" if source == doc else source
        if fitting:
            value = day[:10]
            said = weekday_text(mention)
            why = f'"{said}" in its report of "{mention.label}", dated {day} by {where}'
        else:
            value = latest
            why = f'its latest dated event, "{mention.label}", dated {day} by {where}'
        inferred[doc] = InferredDate(value, why)
    for doc, (value, line) in sorted(page_dates.items()):
        if doc not in inferred and not published.get(doc):
            inferred[doc] = page_date_inference(value, line)
    return inferred
