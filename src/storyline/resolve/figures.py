"""Figure groups: the same measure reported by different documents, and whether they agree.

:func:`group_figures` is a pure function of the figures: the same figures in any order
give the same groups with the same ids.

**Which figures group.** Only *salient* figures (``Figure.salient``: money, shares,
counts, goods, energy, distances and land) group — ages, durations, speeds, data sizes and
temperatures are kept as data but compared by no story view. Figures group when they
measure one thing: the same ``subject``,
``unit``, ``kind`` and ``place`` (``None`` equals only ``None``: figures for different
places never share a group) and the same time. A group needs figures from at least two
independent reports (copies of one syndicated article agreeing with each other are no
cross-check; :mod:`storyline.resolve.copies`). Figures that cannot measure one thing
across documents never group:

* a subject of one bare word ("people", "reasons", "cases", "package") is not a measure —
  it needs a qualifier or a named party ("coronavirus cases", "CARES Act cost") — nor is a
  subject holding a pronoun ("share of they"), one that only names ("United States": no
  word of it is a common noun), or a share of a population without what it answered
  ("share of voter", "share of United States": 42% of Americans who oppose one thing and
  two-thirds who favour another are not one measure), nor a count of officials or sources
  (news counts them to attribute: "two officials said" and "three officials said" are
  different people, not a disagreement);
* a count equal to the parties its subject joins ("two largest economies" of
  "China-United States …") only names them; and a group in which one document gives values
  that disagree is no group — that document shows the subject names several measures (a
  90-degree and a 360-degree turn, a list of 1,333 products cut to 888), nor is one whose
  values lie more than :data:`SPREAD` times apart ("$500 billion" and "$50bn" of goods under
  tariffs are two rounds of tariffs: outlets that disagree on one measure rarely differ
  twofold, and a disagreement that is not one misleads as much as a false agreement); a
  count of one is no figure to compare;
* a count of a remainder or an increment ("five *other* world powers", "16,000
  *additional* reservists", "1,200 *new* cases") measures something else than a total:
  that word joins the subject it is grouped by;
* **time.** A *closed* period — one stated in the text and already over when the document
  was published ("in 2021" in a 2022 article, "last month") — must be equal. Any other
  actual value or estimate is a *running* value that holds on the day its document was
  published: no period at all ("1,200 cases"), a present one ("so far", "now": the stage
  gives the published date) or a period still open at publication ("in 2020" in a May 2020
  article). Running values group only when their documents were published within
  :data:`WINDOW_DAYS` days of each other (a date known to the month only may be any day of
  it; sorted by date, a new group starts where a date falls past the window of one already
  in the group), and never without a date: a count of cases one week is not the count of
  the next. The group's period is the ISO prefix their dates share ("2020-05" for the 14th
  and the 15th; never a day that is not known), its label names the dates ("…, 2020-05-14
  to 2020-05-15") and its id is a hash of them.
* a *target* or *forecast* keeps its period (the year aimed at; a day — "now plans to" —
  is when it was said, and counts as none), ``None`` equal only to ``None``: what a deal or
  a plan aims at does not change from day to day. One with no period joins the one target
  group of the same subject, unit and place that has a period and was reported within
  :data:`PLAN_WINDOW_DAYS` of it (a goal stated "by 2024" in one article and without the
  year in another is the same goal); with neither a period nor a name in its subject
  ("permanent jobs", "limit length") a plan is nobody's in particular and does not group.
  Its reports still fall within :data:`PLAN_WINDOW_DAYS` of each other, split like running
  values (undated reports group among themselves): "8,000 troops to stay" in one year's
  deal is not "10,000 troops to remain" in the next year's.

**When they agree.** Each figure stands for an interval of values:

* its value give or take the rounding of the number as written — half a unit of its last
  significant digit ("140 billion" → 135–145 billion, "146.9 billion" → 146.85–146.95),
  but never more than 5% of the value ("200" is not taken to mean 150–250) and never
  less than 1% (a count written to the unit, "38 meetings", allows 1% only);
* an approximate hedge ("around", "about", "some", "roughly", "approximately", "close to")
  widens it to ±10%; "more than"/"over"/"at least"/"above" make it [value, value + 25%];
  "nearly"/"almost"/"up to"/"less than"/"under"/"below" make it [value − 10%, value].

The figures of a group agree when all their intervals share a point: "around $140
billion" and "US$146.9 billion" agree; "$140 billion" and "$146.9 billion" do not; "$250bn"
and "$200bn" do not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from storyline.document import Figure, FigureGroup, content_hash

_APPROXIMATE = frozenset(
    {"around", "about", "some", "roughly", "approximately", "close to", "circa", "an estimated"}
)
_AT_LEAST = frozenset(
    {"more than", "over", "at least", "above", "upwards of", "just over", "well over"}
)
_AT_MOST = frozenset(
    {"nearly", "almost", "up to", "less than", "fewer than", "under", "below", "at most",
     "just under", "as much as", "as many as"}
)  # fmt: skip
_NUMERAL = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class GroupRow:
    """One figure of a group, as a table row: who said what, in which words."""

    figure_id: str
    doc: str
    outlet: str | None
    value: float
    text: str
    hedge: str | None
    start: int
    end: int


def group_id(
    subject: str, period: str | None, kind: str | None, unit: str, place: str | None = None
) -> str:
    """The stable id of a group: a hash of what it measures."""
    if place is None:
        return "g_" + content_hash(subject, period or "", kind or "", unit)
    return "g_" + content_hash(subject, period or "", kind or "", unit, place)


def group_label(
    subject: str, period: str | None, kind: str | None, place: str | None = None
) -> str:
    """ "China-Russia bilateral trade target, 2024"; actual values have no kind word; a place
    follows the subject ("coronavirus cases in Florida, 2020-05-14")."""
    label = subject if kind in (None, "actual") else f"{subject} {kind}"
    if place:
        label = f"{label} in {place}"
    return f"{label}, {period}" if period else label


def half_step(figure: Figure) -> float:
    """Half a unit of the last significant digit of the number as written, in base units."""
    m = _NUMERAL.search(figure.text)
    if m is None:
        return 0.5 if figure.unit == "count" else 0.0
    digits = m.group(0).replace(",", "")
    written = float(digits)
    if written == 0:
        return 0.0
    scale = figure.value / written
    if "." in digits:
        step = 10.0 ** -len(digits.split(".")[1])
    else:
        stripped = digits.rstrip("0")
        step = 10.0 ** (len(digits) - len(stripped)) if stripped else 1.0
        if step == 1.0 and figure.unit == "count":
            return 0.0  # a count of units is exact: 38 meetings are not 39
    return step / 2 * scale


def interval(figure: Figure) -> tuple[float, float]:
    """The values a figure allows, given how it was rounded and hedged (module docstring)."""
    v = abs(figure.value)
    hedge = (figure.hedge or "").lower()
    if hedge in _AT_LEAST:
        return figure.value, figure.value + 0.25 * v
    if hedge in _AT_MOST:
        return figure.value - 0.10 * v, figure.value
    width = min(max(half_step(figure), 0.01 * v), 0.05 * v)
    if hedge in _APPROXIMATE:
        width = max(width, 0.10 * v)
    return figure.value - width, figure.value + width


def values_agree(figures: Sequence[Figure]) -> bool:
    """Do all the figures' intervals share a point?"""
    if not figures:
        return True
    spans = [interval(f) for f in figures]
    return max(lo for lo, _ in spans) <= min(hi for _, hi in spans) + 1e-9


WINDOW_DAYS = 3
PLAN_WINDOW_DAYS = 31
SPREAD = 2.0
_ATTRIBUTION = frozenset({"officials", "sources", "aides", "diplomats", "insiders"})
_RELATIVE = ("other", "additional", "more", "new", "extra", "further", "another", "fresh")
_POPULATIONS = frozenset(
    {"respondent", "voter", "people", "adult", "american", "resident", "citizen", "member",
     "student", "worker", "parent", "woman", "man", "republican", "democrat", "independent",
     "participant", "user", "consumer", "household", "public", "population"}
)  # fmt: skip
_PRONOUNS = frozenset(
    {"i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them", "this",
     "that", "these", "those", "who", "whom", "which", "what", "one", "ones"}
)  # fmt: skip
_CLOSED_KINDS = frozenset({"target", "forecast"})

# what a group measures: subject, unit, kind, place
Measure = tuple[str, str, str | None, str | None]
Item = tuple[str, str, Figure]


def is_measure(subject: str | None) -> bool:
    """Can figures with this subject measure one thing across documents? (module docstring)"""
    if not subject:
        return False
    words = subject.split()
    if len(words) < 2 or any(w.lower() in _PRONOUNS for w in words):
        return False
    if not any(
        w[0].islower() and w.isalpha() and w not in ("of", "and", "to", "in") for w in words
    ):
        return False  # only names: "United States"
    if words[-1].lower() in _ATTRIBUTION:
        return False
    if subject.startswith("share of "):
        rest = words[2:]
        if all(not w[0].islower() for w in rest) or rest[-1].lower() in _POPULATIONS:
            return False
    return True


def _names_its_parties(f: Figure) -> bool:
    """ "the world's two largest economies" for China and the United States: a count equal
    to the parties its subject joins ("China-United States …") names them, it measures
    nothing."""
    if f.unit != "count" or not f.subject:
        return False
    lead: list[str] = []
    for word in f.subject.split():
        if word[0].islower():
            break
        lead.append(word)
    parties = " ".join(lead).split("-") if lead else []
    return len(parties) >= 2 and f.value == len(parties)


def _ambiguous(items: Sequence[Item]) -> bool:
    """Does one document give values that disagree under the group's one subject? Then the
    subject names several measures ("a 90-degree turn to the left and a 360-degree turn to
    the right"; "the list of 1,333 product categories cut to 888") and the group is none.
    So it is when the values lie more than :data:`SPREAD` times apart: "$500 billion" and
    "$50bn" of goods under tariffs are two rounds of tariffs, not a disagreement."""
    by_doc: dict[str, list[Figure]] = defaultdict(list)
    for _, doc, f in items:
        by_doc[doc].append(f)
    if any(not values_agree(fs) for fs in by_doc.values()):
        return True
    sizes = [abs(f.value) for _, _, f in items]
    return min(sizes) > 0 and max(sizes) > SPREAD * min(sizes)


def _relative(f: Figure) -> str:
    """ "other ", "additional "…: the word in a figure's words that makes it a remainder or
    an increment rather than a total, with a space; "" for a total."""
    words = re.findall(r"[a-z]+", f.text.lower())
    return next((w + " " for w in words if w in _RELATIVE), "")


def _days(date: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a date ("2020-05-14", "2020-05") may stand for."""
    m = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", date or "")
    if m is None:
        return None
    try:
        year, month = int(m.group(1)), int(m.group(2))
        if m.group(3):
            day = dt.date(year, month, int(m.group(3)))
            return day, day
        first = dt.date(year, month, 1)
    except ValueError:
        return None
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


def _closed(f: Figure, published: str | None) -> bool:
    """Is the figure's period fixed — a target's, or stated and over at publication?"""
    if f.kind in _CLOSED_KINDS:
        return True
    if f.period is None or len(f.period) >= 10:
        return False  # none, or a day: "now", "so far" on the published date
    if published is None:
        return True  # no date to tell: trust the text
    return f.period < published[: len(f.period)]


def _order(key: tuple[Measure, str | None]) -> tuple[str, ...]:
    return (*(part or "" for part in key[0]), key[1] or "")


Dated = tuple[tuple[dt.date, dt.date], str, Item]


def _running_groups(
    items: Sequence[Dated], window: int = WINDOW_DAYS
) -> list[tuple[str, list[Item]]]:
    """Values split where a date falls past the window of one in the group."""
    out: list[tuple[str, list[Item]]] = []
    current: list[Dated] = []
    earliest_end: dt.date | None = None
    ordered = sorted(items, key=lambda x: (x[0], x[2][1], x[2][2].start, x[2][0]))
    for dated in ordered:
        (first, last), _, _ = dated
        if earliest_end is not None and (first - earliest_end).days > window:
            out.append(_run_period(current))
            current, earliest_end = [], None
        current.append(dated)
        earliest_end = last if earliest_end is None else min(earliest_end, last)
    if current:
        out.append(_run_period(current))
    return out


def _join_periodless_targets(
    closed: dict[tuple[Measure, str | None], list[Item]], dates: Mapping[str, str | None]
) -> None:
    """A target with no period joins the one group of its subject, unit and place that has
    a period and was reported within :data:`PLAN_WINDOW_DAYS` of it (with no date of its
    own: the one such group there is)."""
    for key in sorted((k for k in closed if k[0][2] == "target" and k[1] is None), key=_order):
        periods = [k for k in closed if k[0] == key[0] and k[1] is not None]
        if not periods:
            continue
        kept: list[Item] = []
        for item in closed[key]:
            days = _days(dates.get(item[1]))
            near = [k for k in periods if days is None or _reported_near(closed[k], days, dates)]
            if len(near) == 1 and (days is not None or len(periods) == 1):
                closed[near[0]].append(item)
            else:
                kept.append(item)
        closed[key] = kept


def _reported_near(
    items: Sequence[Item], days: tuple[dt.date, dt.date], dates: Mapping[str, str | None]
) -> bool:
    for _, doc, _ in items:
        other = _days(dates.get(doc))
        if other is not None and _gap(days, other) <= PLAN_WINDOW_DAYS:
            return True
    return False


def _gap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    """Days between two spans of days (0 when they overlap)."""
    return max((b[0] - a[1]).days, (a[0] - b[1]).days, 0)


def _dated(
    items: Sequence[Item], dates: Mapping[str, str | None]
) -> tuple[list[Dated], list[Item]]:
    """The items with the days they hold on (a day period, else the document's date), and
    those without a date."""
    dated: list[Dated] = []
    undated: list[Item] = []
    for item in items:
        f = item[2]
        date = f.period if f.period and len(f.period) >= 10 else dates.get(item[1])
        days = _days(date)
        if date is not None and days is not None:
            dated.append((days, date[:10], item))
        else:
            undated.append(item)
    return dated, undated


def _run_period(run: Sequence[Dated]) -> tuple[str, list[Item]]:
    """The dates of a run of dated values (its date, or ``first/last``) and its items."""
    first = min(run, key=lambda x: (x[0][0], x[1]))[1]
    last = max(run, key=lambda x: (x[0][1], x[1]))[1]
    span = first if first == last else f"{first}/{last}"
    return span, [item for _, _, item in run]


def _common_prefix(span: str) -> str:
    """The ISO prefix both ends of ``first/last`` share ("2020-05-14/2020-05-15" → "2020-05");
    never a day that is not known."""
    if "/" not in span:
        return span
    first, last = span.split("/")
    for size in (10, 7, 4):
        if first[:size] == last[:size] and len(first) >= size and len(last) >= size:
            return first[:size]
    return first[:4]


def group_figures(
    figures: Sequence[Item],
    outlets: Mapping[str, str | None],
    published: Mapping[str, str | None] | None = None,
    reports: Mapping[str, str] | None = None,
) -> list[FigureGroup]:
    """Group figures (figure_id, doc_id, figure) across documents; see the module docstring.
    ``published`` gives each document's date (its published or inferred date), ``reports``
    the independent report each document is a copy of (a document missing from it is its
    own report): a group needs figures from two independent reports, since copies of one
    article agreeing with each other is no cross-check."""
    dates = published or {}
    report_of = reports or {}
    closed: dict[tuple[Measure, str | None], list[Item]] = defaultdict(list)
    running: dict[Measure, list[Item]] = defaultdict(list)
    for item in sorted(figures, key=lambda x: (x[1], x[2].start, x[0])):
        f = item[2]
        if not f.salient or not is_measure(f.subject) or _names_its_parties(f):
            continue
        if f.unit == "count" and f.value == 1:
            continue  # "the #1-rated newsletter": one of something is no figure to compare
        if f.kind in _CLOSED_KINDS and f.period and len(f.period) >= 10:
            f = replace(f, period=None)  # "now plans to keep…": when it was said, not aimed at
            item = (item[0], item[1], f)
        measure: Measure = (_relative(f) + (f.subject or ""), f.unit, f.kind, f.place)
        if _closed(f, dates.get(item[1])):
            closed[(measure, f.period)].append(item)
        else:
            running[measure].append(item)
    _join_periodless_targets(closed, dates)
    # (measure, period, the dates of its reports ("first/last"), items)
    found: list[tuple[Measure, str | None, str | None, list[Item]]] = []
    for (measure, period), items in closed.items():
        if measure[2] not in _CLOSED_KINDS:
            found.append((measure, period, None, items))
            continue
        if period is None and measure[0] == measure[0].lower():
            continue  # nobody's plan for no particular time
        dated, undated = _dated(items, dates)
        found.append((measure, period, None, undated))
        found.extend(
            (measure, period, span, members)
            for span, members in _running_groups(dated, PLAN_WINDOW_DAYS)
        )
    for measure, items in running.items():
        dated, _ = _dated(items, dates)
        found.extend(
            (measure, _common_prefix(span), span, members)
            for span, members in _running_groups(dated)
        )
    groups: list[FigureGroup] = []
    for (subject, unit, kind, place), period, span, members in found:
        running_span = span if kind not in _CLOSED_KINDS else None
        items = sorted(members, key=lambda x: (x[1], x[2].start, x[0]))
        docs = {doc for _, doc, _ in items}
        if len({report_of.get(d, d) for d in docs}) < 2 or _ambiguous(items):
            continue
        names = sorted({o for d in docs if (o := outlets.get(d))})
        when = running_span or period
        hashed = f"{period or ''}@{span}" if span and not running_span else when
        groups.append(
            FigureGroup(
                id=group_id(subject, hashed, kind, unit, place),
                label=group_label(
                    subject, when.replace("/", " to ") if when else None, kind, place
                ),
                subject=subject,
                period=period,
                kind=kind,
                unit=unit,
                figure_ids=tuple(fid for fid, _, _ in items),
                agree=values_agree([f for _, _, f in items]),
                outlets=tuple(names),
                place=place,
            )
        )
    groups.sort(key=lambda g: (g.subject, g.period or "", g.kind or "", g.unit, g.place or ""))
    return groups


def group_rows(
    group: FigureGroup,
    figures: Sequence[tuple[str, str, Figure]],
    outlets: Mapping[str, str | None],
) -> list[GroupRow]:
    """Each figure of a group with its outlet, value and words, for a table (group order)."""
    by_id = {fid: (doc, f) for fid, doc, f in figures}
    rows: list[GroupRow] = []
    for fid in group.figure_ids:
        if fid not in by_id:
            continue
        doc, f = by_id[fid]
        rows.append(GroupRow(fid, doc, outlets.get(doc), f.value, f.text, f.hedge, f.start, f.end))
    return rows
