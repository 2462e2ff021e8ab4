"""The ``figures`` stage: every quantity in the text, with what it measures and for when.

Candidates come from :mod:`storyline.stages.figures_parse` (money, quantities with units
of every family in :mod:`storyline.stages.figures_units`, percentages, fractions,
multiples, durations, ages, bare numbers); the dependency parse and the ``mentions`` layer
then decide the rest. Each figure carries its ``measure`` (money, percent, count,
duration, age, length…) and ``salient``: whether it is of a measure the story views keep
to (money, shares, counts, goods, energy, distances — not ages, durations, speeds…);
``qualifier`` normalises the hedge, ``direction`` is a change the text states ("rose",
"fell by"), ``low``/``high`` bound a range, ``counted`` is the noun a count counts:

* **Counts.** A bare number is a figure only when it counts a noun it modifies ("five
  people", "15 other cooperation deals", "a 5,300-word document"), not a time span ("10
  years" is a duration, a figure of its own), not a reference ("the two countries"),
  not inside a name
  or a date. "38 times"/"38 occasions" count the events of their verb ("they met 38
  times" → "meetings"); an ordinal counts only meetings and their kin ("their 38th
  meeting" → 38 meetings). "A 30-year contract" is a duration in ``year`` ("contract
  term"); "Justin Trudeau, 43," is an age.
* **Subject**, a readable phrase built the same way for the same measure: the noun the
  number measures (its ``of`` object, the noun it modifies, the verb's object or subject,
  through "value"/"level"/"mark" and through "it" to the previous subject) with its
  qualifiers, and the actors named around it from the mentions (canonical names; people
  by surname). Trade between two parties, or called bilateral, or "between the two
  countries" (the document's two most mentioned states) is "A-B bilateral trade" with the
  names sorted. Flows (supply, deliver, export, sell, invest…) are "{agent} {material}
  {flow} to {recipient}"; percentages of change are "{subject} growth"/"decline", a
  fraction "of" something is its "share of …"; counts are the counted noun in the plural,
  with the parties ("Putin-Xi meetings").
* **Kind and period** come from the figure's clause (climbing through non-finite verbs
  and "goal of …" nouns, leaving out conjoined clauses): target words (target, goal, aim,
  plan, intend…) → ``target``; forecast words (expect, forecast, project, could…) →
  ``forecast``; "estimate(d)" → ``estimate``; "raise/boost … to", "by 2024", will/would →
  ``target``; a past or present-perfect verb, "last year", "in 2021", "now" → ``actual``.
  The period is the time cue nearest the figure in its clause, resolved against the
  document's published date: "by 2024"/"in 2023" → the year, "last year" → published
  year − 1, "this year"/"now" → the published year, "last month" → the month before.
* ``hedge`` ("around", "more than"), ``rate`` ("per day", "annually", "annual" trade) and
  ``duration`` ("over the next 10 years", "a 30-year deal") are kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from storyline.document import Figure, Mention
from storyline.stages.figures_kind import (
    PRESENT,
    clause_duration,
    clause_head,
    clause_kind,
    clause_period,
    clause_place,
    clause_rate,
    clause_tokens,
    direction,
    present_period,
    qualifier,
    token_spans,
)
from storyline.stages.figures_parse import Quantity, number_value, scan
from storyline.stages.figures_subject import (
    EVENT_NOUNS,
    NAME_LABELS,
    NOT_FIGURE_ENTS,
    REFERENCE_DETS,
    Context,
    count_subject,
    governor,
    index_mentions,
    money_subject,
    noun_phrase,
    percent_subject,
    span_root,
    top_parties,
)
from storyline.stages.figures_units import TIME_UNITS, is_salient, measure_of
from storyline.stages.figures_words import hedge_before, plural, rate_after, singular
from storyline.stages.registry import StageInput, StageOutput, stage

# -------------------------------------------------------------------------- counts


def _count(q: Quantity, span: Any, ctx: Context) -> tuple[int, int, Any, str] | None:
    """(start, end, counted noun, unit) when a bare number counts something, else None."""
    doc = ctx.doc
    num = span[-1]
    term = q.attached and q.noun is not None and singular(q.noun) in TIME_UNITS
    scaled = q.value != number_value(q.digits)  # "7 million" is no date, whatever NER says
    # "their 38th" is a count whatever NER says; "the 12th" may be a day
    owned = q.ordinal and any(c.dep_ == "poss" for c in num.children)
    if any(t.ent_type_ in NOT_FIGURE_ENTS for t in span) and not (term or scaled or owned):
        return None
    if q.ordinal:
        noun = num.head
        between = doc[num.i + 1 : noun.i] if noun.i > num.i else doc[0:0]
        if any(t.pos_ in ("NOUN", "PROPN") for t in between):
            return None  # "the 75th anniversary summit" counts anniversaries, not summits
        if noun.i > num.i and noun.pos_ == "NOUN" and noun.lemma_.lower() in EVENT_NOUNS:
            return q.start, noun.idx + len(noun.text), noun, "count"
        if owned and num.pos_ == "NOUN":
            # "the meeting … — their 38th since 2012 —": the ordinal stands for the nearest
            # meeting-like noun before it in the sentence
            before = doc[max(num.sent.start, num.i - 30) : num.i]
            event = next(
                (
                    t
                    for t in reversed(before)
                    if t.pos_ == "NOUN" and t.lemma_.lower() in EVENT_NOUNS
                ),
                None,
            )
            if event is not None:
                ctx.elided[event.i] = num
                return q.start, q.end, event, "count"
        return None
    if q.attached:
        # "a 5,300-word document", "a 30-year contract": number - noun, modifying a noun
        nxt = doc[num.i + 1 : num.i + 3]
        if len(nxt) < 2 or nxt[0].text != "-":
            return None
        word, head = nxt[1], nxt[1].head
        while head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i:
            head = head.head
        if head.i <= word.i or head.pos_ != "NOUN":
            return None
        unit = singular(word.text)
        if not q.digits[0].isdigit() or unit in ("day", "week", "hour", "minute", "second"):
            return None  # "two-way", "one-China", "a three-day visit"
        if unit in TIME_UNITS:
            return q.start, word.idx + len(word.text), head, unit
        return q.start, word.idx + len(word.text), head, "count"
    if q.value == 1 or q.digits.lower() in ("a dozen", "a hundred", "a thousand"):
        return None
    while num.dep_ == "conj" and num.head.i < num.i:
        num = num.head  # "between 5 and 7 million jobs": "million" is a conjunct of "5"
    noun = num.head
    if num.dep_ not in ("nummod", "compound", "amod", "quantmod") or noun.i <= num.i:
        return None
    if noun.i - num.i > 4 or noun.pos_ != "NOUN":
        return None
    if noun.lemma_.lower() in TIME_UNITS or singular(noun.text) in TIME_UNITS:
        return None
    if any(c.lower_ in REFERENCE_DETS and c.i < num.i for c in noun.children):
        return None  # "the two countries": a reference, not a count
    if noun.lemma_.lower() in ("percent", "%", "cent", "per"):
        return None
    return q.start, noun.idx + len(noun.text), noun, "count"


# ---------------------------------------------------------------------------- stage


def _published(published: str | None) -> tuple[int | None, int | None]:
    if not published:
        return None, None
    m = re.match(r"(\d{4})(?:-(\d{2}))?", published)
    if m is None:
        return None, None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None


def _iso_date(published: str | None) -> str | None:
    """The ISO date prefix of a published date ("2020-05-14T09:00Z" → "2020-05-14")."""
    m = re.match(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", published or "")
    return m.group(0) if m else None


def _in_name(q: Quantity, ctx: Context, span: Any) -> bool:
    """Is the number inside a name? Money written with its currency is money whatever the
    tagger says ("GBP 350", "USD227 billion" are no product or organisation)."""
    if q.measure == "money" and q.unit_text:
        return False
    start, end = q.start, q.end
    if q.unit is not None:
        at = ctx.text.find(q.digits, q.start, q.end)
        if at >= 0:
            start, end = at, at + len(q.digits)
    for tok in span:
        for m in ctx.by_token.get(tok.i, []):
            if m.label in NAME_LABELS and m.start < end and m.end > start:
                return True
    return False


def extract_figures(
    doc: Any, text: str, mentions: Sequence[Mention], published: str | None
) -> tuple[Figure, ...]:
    """The figures of a parsed document (see the module docstring)."""
    year, month = _published(published)
    ctx = Context(
        doc,
        text,
        index_mentions(doc, text, mentions),
        top_parties(mentions, people=False),
        top_parties(mentions, people=True),
        year,
        month,
        _iso_date(published),
    )
    candidates: list[tuple[Quantity, Any]] = []
    for q in scan(text):
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or len(span) == 0 or _in_name(q, ctx, span):
            continue
        if _age_after_name(q, ctx, span):
            q = replace(q, unit="year", measure="age", noun=None)
        candidates.append((q, span))
        if q.unit is not None:
            ctx.figure_tokens.update(t.i for t in span)
            ctx.units.update((t.i, q.unit) for t in span)
    found: list[Figure] = []
    lows: list[Quantity] = []
    for q, span in candidates:
        if q.range_high is not None:
            lows.append(q)
            continue
        figure = _figure(q, span, ctx)
        if figure is not None:
            found.append(figure)
    by_start = {f.start: f for f in found}
    for q in lows:
        high = by_start.get(q.range_high)  # type: ignore[arg-type]
        if high is not None:
            hedge = hedge_before(text, q.start)
            low_value = _rounded(q.value)
            low = replace(high, start=q.start, end=q.end, text=text[q.start : q.end])
            low = replace(low, low=low_value, high=high.value)
            found.remove(high)
            found.append(replace(high, low=low_value, high=high.value))
            found.append(replace(low, value=low_value, hedge=hedge, qualifier=qualifier(hedge)))
    return tuple(sorted(found, key=lambda f: f.start))


_COMMA_BEFORE = re.compile(r",\s*$")
_AGE_CLOSE = re.compile(r"\s*(?:,|\)|;|\.(?:\s|$)|$)")


def _age_after_name(q: Quantity, ctx: Context, span: Any) -> bool:
    """ "Sean Copeland, 51, and his son": a number set off by commas after a person's name
    is the person's age."""
    if q.unit is not None or q.ordinal or q.attached or not q.digits.isdigit():
        return False
    if not 0 < q.value < 120 or not _COMMA_BEFORE.search(ctx.text, max(0, q.start - 3), q.start):
        return False
    if not _AGE_CLOSE.match(ctx.text, q.end):
        return False
    start = span[0].i
    if start < 2 or ctx.doc[start - 1].text != ",":
        return False
    return any(m.label == "PERSON" for m in ctx.by_token.get(start - 2, []))


_RATIO_BEFORE = re.compile(
    r"(?:\b\d+(?:\.\d+)?|\b(?:one|two|three|four|five|six|seven|eight|nine))"
    r"\s+(?:in|out\s+of)\s+$",
    re.IGNORECASE,
)


def _figure(q: Quantity, span: Any, ctx: Context) -> Figure | None:
    text = ctx.text
    start, end, unit = q.start, q.end, q.unit
    value = q.value
    gov: Any | None = None
    subject: str | None
    rate = q.rate
    counted: str | None = None
    measure = q.measure
    if unit in TIME_UNITS:
        fspan = ctx.doc.char_span(start, end, alignment_mode="expand")
        root = span_root(fspan)
        subject, gov = _time_subject(q, fspan, ctx)
        via = governor(root)[1]
    elif unit is None:
        if _RATIO_BEFORE.search(text, max(0, start - 24), start):
            return None  # "4 in 10 voters": the 10 is the base of a share, not a count
        counted_noun = _count(q, span, ctx)
        if counted_noun is None:
            return None
        start, end, noun, unit = counted_noun
        root = noun
        measure = measure_of(unit)
        if unit == "count":
            counted = singular(q.noun if q.attached and q.noun else noun.text)
        ctx.figure_tokens.update(t.i for t in span)
        if q.attached:
            ctx.figure_tokens.update(range(span[-1].i, span[-1].i + 3))
        if unit == "count":
            if q.attached:
                subject = f"{plural(singular(text[span[-1].idx + len(span[-1].text) + 1 : end]))}"
                subject += f" in {noun_phrase(noun, ctx)}"
            else:
                subject = count_subject(noun, ctx)
            gov = noun.head
        else:
            subject = f"{noun_phrase(noun, ctx)} term"
            gov = noun.head
        via = noun.dep_
    else:
        fspan = ctx.doc.char_span(start, end, alignment_mode="expand")
        root = span_root(fspan)
        if unit in ("percent", "percentage_point"):
            subject, gov = percent_subject(root, ctx)
        else:
            subject, gov = money_subject(root, ctx)
            if subject is not None and is_salient(measure or measure_of(unit)):
                ctx.last_subject = subject
        via = governor(root)[1]
    hedge = hedge_before(text, start)
    after = rate_after(text, end)
    if rate is None and after is not None:
        rate = after[0]
    annual = gov is not None and any(c.lower_ in ("annual", "yearly") for c in gov.children)
    if rate is None and annual:
        rate = "annual"
    head = clause_head(root)
    tokens = clause_tokens(head, root)
    spans = token_spans(tokens)
    period, by_year, cue = clause_period(text, spans, (start, end), ctx)
    duration = clause_duration(text, spans, (start, end)) if unit not in TIME_UNITS else None
    if rate is None and unit not in TIME_UNITS:
        rate = clause_rate(text, spans, (start, end))
    if period == PRESENT:
        period = present_period(rate, ctx)
    kind = clause_kind(tokens, gov, via, by_year, cue)
    if kind == "target" and period is None:
        period = None
    if subject is not None:
        subject = " ".join(subject.split()) or None
    # an ordinal ("their 38th meeting, in Beijing") counts a series, not the one event's place
    place = None if q.ordinal else clause_place((root, gov), head, subject, ctx)
    return Figure(
        start=start,
        end=end,
        text=text[start:end],
        value=_rounded(value),
        unit=unit,
        subject=subject,
        kind=kind,
        period=period,
        hedge=hedge,
        duration=duration,
        rate=rate,
        place=place,
        measure=measure or measure_of(unit),
        unit_text=q.unit_text,
        qualifier=qualifier(hedge),
        direction=direction(text, start, end),
        counted=counted,
        salient=is_salient(measure or measure_of(unit)),
    )


def _time_subject(q: Quantity, span: Any, ctx: Context) -> tuple[str | None, Any | None]:
    """What a duration or an age is of: "a 30-year contract" → "contract term"."""
    tok = span[-1]
    head = tok.head
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i:
        head = head.head
    if q.attached and head.i > tok.i and head.pos_ == "NOUN":
        return f"{noun_phrase(head, ctx)} term", head.head
    if q.measure == "age":
        return None, tok.head
    return money_subject(span_root(span), ctx)


@stage("figures", version=6, adds=["figures"], needs=["parse", "sentences", "mentions"])
def figures(inp: StageInput) -> StageOutput:
    mentions = tuple(m for m in inp.layers.get("mentions", ()) if isinstance(m, Mention))
    reference = inp.document.meta.reference_date
    found = extract_figures(inp.parse, inp.document.text, mentions, reference)
    return {"figures": found}


def _rounded(value: float) -> float:
    """``value`` to 12 significant digits (a microgram in tonnes is not 0)."""
    return float(f"{value:.12g}")
