"""Event dates a report implies but does not state, marked as inferred with their rule.

A news report tells its main event in its first sentences, often without a date: "The
leaders shook hands outside the Great Hall" in a report published that day happened that
day (or just before). Such an event mention gets the publication day as an **inferred**
date (``date_inferred`` true, ``date_rule`` ``"publication_day"``), so the timeline and
cross-document merging can place it while the export says it was not read.

A day word in the sentences after the lead ("Officials said on Monday …") is not used
instead: on 503 AllSides reports whose lead states its day, with that day taken out,
the publication day was the stated day 80 % of the time and the first day word of the
next one to four sentences 74–77 %.

Dates a weekday gave ("met on Thursday") were resolved by the ``times`` stage from the
clause's tense: the Thursday before publication for a past tense, the one after for a
future. They are read from the text but placed by that inference, so they are marked too:
``date_rule`` ``"weekday_past"``, ``"weekday_future"`` or ``"weekday_today"`` (the
weekday is the publication day).

The publication-day rule is narrow on purpose. It needs:

* a **report**: a publication date known to the day (given, from the page or the text —
  never one inferred from other articles), and not an opinion piece (a text or headline
  opening with the label "Opinion", "Analysis", "Commentary", "Editorial", "Op-Ed" —
  "OPINION: …", "Analysis/Opinion:", a line of its own);
* the **main event**: the mentions of the first sentence of the body (among its first
  :data:`LEAD_SENTENCES`, a headline skipped) that holds an event mention;
* told in a **past tense** (a simple past or a present perfect, not negated), in a
  sentence with no time expression or year of its own (an event dated by its own words
  keeps them: "in 2014 Russia annexed Crimea"; "the first meeting since 2019" is told
  against a year), no habitual or generic marker ("every", "usually", "often"), and not
  described with "be" ("it was the first meeting …").

Per document and pure: the ``events`` stage calls :func:`date_events` on what it found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from storyline.document import EventMention, Sentence, TimeExpression
from storyline.stages.times import clause_tense

LEAD_SENTENCES = 3
"""How many body sentences (after a headline) the main event is looked for in."""

RULES = ("publication_day", "weekday_past", "weekday_future", "weekday_today")
"""Every ``date_rule`` an event mention can carry."""

_OPINION = re.compile(
    r"^\W*(?:analysis\s*/\s*)?(?:opinion|op-ed|editorial|commentary|column|analysis"
    r"|perspective|letters?\s+to\s+the\s+editor)\s*(?:[:|/\-–—]|$)",
    re.IGNORECASE,
)
_HABITUAL = re.compile(
    r"\b(?:every|each|usually|often|always|regularly|routinely|typically|generally"
    r"|sometimes|whenever|frequently|traditionally)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<![\w$£€.,])(?:19|20)\d{2}(?![\w%])")  # "since 2019", left out of times
_WEEKDAY_ONLY = re.compile(
    r"^(?:(?:on|last|this|next|early|late|the|past|coming)\s+)*"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)


def is_opinion(text: str) -> bool:
    """An opinion or analysis piece: its text (headline first) opens with such a label."""
    return any(_OPINION.match(line) for line in text[:300].splitlines()[:3] if line.strip())


def _weekday_rule(date: str, day: str) -> str:
    if date[:10] < day:
        return "weekday_past"
    return "weekday_future" if date[:10] > day else "weekday_today"


def _is_heading(text: str, sentence: Sentence) -> bool:
    """A headline or section heading: a sentence alone on its line without a full stop."""
    said = text[sentence.start : sentence.end].strip()
    before = text[max(0, sentence.start - 1) : sentence.start]
    after = text[sentence.end : sentence.end + 1]
    alone = before in ("", "\n") and after in ("", "\n")
    return alone and said[-1:] not in ".!?\"'”’"


def _trigger(parse: Any, mention: EventMention) -> Any:
    """The token of the mention's trigger in its sentence (the first with its text)."""
    span = parse.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return None
    return next((t for t in span if t.text == mention.trigger), None)


def _told_as_past(parse: Any, mention: EventMention) -> bool:
    tok = _trigger(parse, mention)
    if tok is None:
        return False
    verb = tok
    for _ in range(5):  # a noun ("talks") is told by the verb above it ("held talks")
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if any(c.dep_ == "neg" for c in verb.children) or any(c.dep_ == "neg" for c in tok.children):
        return False
    if verb is not tok and verb.lemma_ == "be":
        return False  # "it was the first meeting since …" describes, it does not report
    return clause_tense(parse, tok.idx, tok.idx + len(tok.text)) == "past"


def main_sentence(
    events: Sequence[EventMention], sentences: Sequence[Sentence], text: str
) -> Sentence | None:
    """The sentence that tells the report's main event: the first body sentence (of the
    first :data:`LEAD_SENTENCES`, headings skipped) holding an event mention."""
    body = [s for s in sorted(sentences, key=lambda s: s.start) if not _is_heading(text, s)]
    starts = {e.start for e in events}
    return next((s for s in body[:LEAD_SENTENCES] if s.start in starts), None)


def date_events(
    events: Sequence[EventMention],
    times: Sequence[TimeExpression],
    sentences: Sequence[Sentence],
    parse: Any,
    text: str,
    published: str | None,
) -> list[EventMention]:
    """The event mentions with inferred dates marked and the main event dated (see the
    module doc). ``published`` is the document's own publication date (not an inferred
    one); without a day nothing changes."""
    day = published[:10] if published and len(published) >= 10 else None
    if day is None:
        return list(events)
    by_span = {(t.start, t.end): t for t in times}
    out: list[EventMention] = []
    for e in events:
        t = by_span.get(e.time) if e.time is not None else None
        if e.date and t is not None and t.anchor and _WEEKDAY_ONLY.match(t.text.strip()):
            e = replace(e, date_inferred=True, date_rule=_weekday_rule(e.date, day))
        out.append(e)
    if is_opinion(text):
        return out
    main = main_sentence(out, sentences, text)
    if main is None:
        return out
    said = text[main.start : main.end]
    if (
        _HABITUAL.search(said)
        or _YEAR.search(said)
        or any(main.start <= t.start < main.end for t in times)
    ):
        return out
    return [
        replace(e, date=day, date_inferred=True, date_rule="publication_day")
        if e.start == main.start and e.date is None and e.time is None and _told_as_past(parse, e)
        else e
        for e in out
    ]
