"""Figure groups: the same measure reported by different documents, and whether they agree.

:func:`group_figures` is a pure function of the figures: the same figures in any order
give the same groups with the same ids.

**Which figures group.** Figures with a subject join when their ``subject``, ``unit``,
``kind`` and ``period`` are equal (``None`` kind or period equal only ``None``). One
exception: a *target* with no period joins the target group of the same subject and unit
when exactly one such group has a period (a goal stated "by 2024" in one article and
without the year in another is the same goal); if there are several, it stays with the
other period-less targets. A group needs figures from at least two documents.

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

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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


def group_id(subject: str, period: str | None, kind: str | None, unit: str) -> str:
    """The stable id of a group: a hash of what it measures."""
    return "g_" + content_hash(subject, period or "", kind or "", unit)


def group_label(subject: str, period: str | None, kind: str | None) -> str:
    """ "China-Russia bilateral trade target, 2024"; actual values have no kind word."""
    label = subject if kind in (None, "actual") else f"{subject} {kind}"
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


Key = tuple[str, str, str | None, str | None]


def _key(f: Figure) -> Key | None:
    if not f.subject:
        return None
    return (f.subject, f.unit, f.kind, f.period)


def group_figures(
    figures: Sequence[tuple[str, str, Figure]], outlets: Mapping[str, str | None]
) -> list[FigureGroup]:
    """Group figures (figure_id, doc_id, figure) across documents; see the module docstring."""
    members: dict[Key, list[tuple[str, str, Figure]]] = defaultdict(list)
    for item in sorted(figures, key=lambda x: (x[1], x[2].start, x[0])):
        key = _key(item[2])
        if key is not None:
            members[key].append(item)
    # period-less targets join the single dated target group of their subject and unit, when
    # the subject is specific enough to be the same measure (not a bare noun such as "gas")
    for key in sorted(k for k in members if k[2] == "target" and k[3] is None):
        dated = [k for k in members if k[:3] == key[:3] and k[3] is not None]
        if len(dated) == 1 and len(key[0].split()) >= 2:
            members[dated[0]].extend(members.pop(key))
    groups: list[FigureGroup] = []
    for key in sorted(members, key=lambda k: (k[0], k[3] or "", k[2] or "", k[1])):
        items = sorted(members[key], key=lambda x: (x[1], x[2].start, x[0]))
        docs = {doc for _, doc, _ in items}
        if len(docs) < 2:
            continue
        subject, unit, kind, period = key
        names = sorted({o for d in docs if (o := outlets.get(d))})
        groups.append(
            FigureGroup(
                id=group_id(subject, period, kind, unit),
                label=group_label(subject, period, kind),
                subject=subject,
                period=period,
                kind=kind,
                unit=unit,
                figure_ids=tuple(fid for fid, _, _ in items),
                agree=values_agree([f for _, _, f in items]),
                outlets=tuple(names),
            )
        )
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
