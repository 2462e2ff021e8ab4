"""The ``times`` stage: temporal expressions, resolved against the publication date.

The grammar and the normaliser are pure Python (:mod:`storyline.stages.times_rules`);
this stage adds what the parse knows:

* **tense** of the clause an expression sits in decides which way a bare weekday or month
  points: "met on Friday" is the Friday on or before publication, "will meet on Friday"
  (also "is scheduled to", "plans to", "is due to", "is to") the one on or after; a
  present tense takes the nearer one, the earlier on a tie. What is postponed or delayed
  until a day, or has been scheduled or planned for it ("has scheduled a news conference
  Thursday"), lies ahead, so does what is "payable", "due" or "effective" then; "since"
  looks back;
* a **bare year** that is a number of something ("2000 troops") is dropped.

The layer keeps dates only: vague references ("now", "recently"), decades and durations
("the past year") are left out. A relative expression is resolved against
``meta.reference_date`` (its ``anchor``): the publication date, or for an undated article
the date inferred from other articles about the same event. A reference known only to the
month or year resolves only what it can be sure of (no weekday against a month). Without
a reference, or for expressions anchored on another event ("a day earlier", "seven
months later"), ``value`` is None.
Values are ISO 8601 prefixes at the precision of the text: a quarter is its year, a week
its month when it lies in one month (see :func:`~storyline.stages.times_rules.iso_prefix`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import Any

from storyline.document import Sentence, TimeExpression
from storyline.ingest.dates import find_dateline
from storyline.stages.registry import StageInput, StageOutput, stage
from storyline.stages.times_rules import (
    Context,
    Kind,
    Tense,
    coarse_reference,
    find,
    iso_prefix,
    parse_reference,
    shift_from,
    within_precision,
)

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "’ll"})
_FUTURE_HEADS = frozenset(
    {
        "schedule", "plan", "expect", "set", "due", "intend", "hope", "aim", "prepare",
        "want", "seek", "go", "agree", "promise", "vow", "pledge", "threaten", "arrange",
    }
)  # fmt: skip
_DUE = frozenset({"payable", "due", "effective"})
_SCHEDULING = frozenset(
    {"schedule", "reschedule", "plan", "slate", "postpone", "delay", "adjourn", "defer"}
)
_KEPT_KINDS: frozenset[Kind] = frozenset({"absolute", "relative", "anchored"})
_TIME_NOUNS = frozenset(
    {"year", "budget", "election", "census", "level", "summit", "games", "olympics", "price"}
)


@dataclass(frozen=True, slots=True)
class Timex:
    """An expression as found: TimeML-style value (``1998-Q3``, ``PRESENT_REF``) and kind."""

    start: int
    end: int
    text: str
    timeml: str | None
    kind: Kind
    anchor: str | None

    def expression(self) -> TimeExpression:
        return TimeExpression(self.start, self.end, self.text, iso_prefix(self.timeml), self.anchor)


def clause_tense(parse: Any, start: int, end: int) -> Tense | None:
    """The tense of the clause governing the characters ``start:end`` of the parsed text."""
    span = parse.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    before = parse[max(0, span[0].i - 4) : span[0].i]
    if any(t.lower_ == "since" for t in before) and not any(t.pos_ == "VERB" for t in before):
        return "past"  # "since shortly after the Oct. 23 slaying"
    preps: set[str] = set()
    for _ in range(6):
        after = parse[tok.i + 1].lower_ if tok.i + 1 < len(parse) else ""
        if tok.lemma_.lower() in _DUE and after != "to":
            return "future"  # "payable Dec. 7", "due Friday" (not "due to")
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        if tok.dep_ == "prep":
            preps.add(tok.lower_)
        tok = tok.head
    if tok.lemma_ in _SCHEDULING and (
        preps & {"until", "till"}
        or (not preps and any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children))
    ):
        return "future"  # "postponed until Tuesday", "has scheduled a news conference Thursday"
    for _ in range(4):
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        words = {a.lower_ for a in auxes}
        if words & _FUTURE_AUX or (tok.lower_ in _FUTURE_AUX):
            return "future"
        if tok.lemma_ == "go" and any(c.lower_ == "to" for c in tok.children) and tok.tag_ == "VBG":
            return "future"
        if "to" in words and tok.head is not tok:
            head = tok.head
            if head.lemma_ in _FUTURE_HEADS:
                return "future" if head.tag_ != "VBD" or head.lemma_ != "go" else "past"
            if head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):
                return "future"  # "is to resume trading Tuesday"
            tok = head
            continue
        if tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return "past"
        if tok.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
            return "past"
        if tok.tag_ == "VBN" and tok.lemma_ in _FUTURE_HEADS and words & {"is", "are", "be"}:
            return "future"
        if tok.tag_ in ("VBZ", "VBP", "VBG") or words:
            return "present"
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _is_counted_number(parse: Any, start: int, end: int) -> bool:
    """A bare 4-digit number that counts something ("2000 troops"), not a year."""
    span = parse.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    tok = span[0]
    if tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
        return True
    return bool(
        tok.dep_ == "nummod"
        and tok.head.pos_ == "NOUN"
        and tok.head.lemma_.lower() not in _TIME_NOUNS
        and tok.head.i == tok.i + 1
        and tok.head.tag_ == "NNS"
    )


def find_times(inp: StageInput) -> list[Timex]:
    """Every temporal expression of the document, with its TimeML-style value and kind."""
    text = inp.document.text
    published = inp.document.meta.reference_date
    reference = parse_reference(published)
    coarse = coarse_reference(published) if reference is None else None
    if coarse is not None:
        reference = coarse[0]
    sentences = [s for s in inp.layers.get("sentences", ()) if isinstance(s, Sentence)]
    found: list[Timex] = []
    for f in find(text):
        bare_year = f.rule == "year" and f.match.group(0) == f.match.group("year")
        if bare_year and _is_counted_number(inp.parse, f.start, f.end):
            continue
        sentence = next((s for s in sentences if s.start <= f.start < s.end), None)
        # the sentence and the two before it: an earnings report's "a year ago" is the
        # year-ago quarter when the quarter was named just before
        here = sentences.index(sentence) if sentence in sentences else None
        ctx = Context(
            reference,
            sentence=text[sentences[max(0, here - 2)].start : sentence.end]
            if sentence is not None and here is not None
            else "",
            tense_of=partial(clause_tense, inp.parse, f.start, f.end),  # if a rule needs it
        )
        res = f.resolve(ctx)
        value = res.value
        if coarse is not None and not within_precision(f, value, coarse[1]):
            value = None
        anchor = published if res.kind == "relative" and value is not None else None
        if res.kind == "anchored":
            # what it is anchored on: the last date of its sentence, else of the sentence before
            lo = sentences[max(0, here - 1)].start if here is not None else f.start
            before = next(
                (t for t in reversed(found) if t.timeml and t.start >= lo
                 and t.kind in ("absolute", "relative")),
                None,
            )  # fmt: skip
            anchor = before.timeml if before else None
            if re.match(r"\s+(?:of|than)\s", text[f.end : f.end + 8]):
                anchor = None  # "a day ahead of the summit": anchored on an event, not a date
            value = shift_from(f.text, anchor, ctx)
            if value is not None and anchor is None:
                anchor = published
        found.append(Timex(f.start, f.end, f.text, value, res.kind, anchor))
    return found


@stage("times", version=2, adds=["times"], needs=["parse", "sentences"])
def times(inp: StageInput) -> StageOutput:
    """The layer: dates, anchored and relative expressions — not a dateline's date
    ("BEIJING, May 16 /TASS/."), which dates the report (metadata), not an event."""
    dateline = find_dateline(inp.document.text)
    kept = (
        t.expression()
        for t in find_times(inp)
        if t.kind in _KEPT_KINDS and not (dateline and dateline.start <= t.start < dateline.end)
    )
    return {"times": tuple(kept)}
