"""Emphasis, omissions, exclusive claims and figure disagreements between outlets.

* Emphasis: the actors (resolved entities) an outlet names that no other outlet names.
* Omissions: the actors that most other outlets (more than half of them, at least two)
  name and this outlet does not.
* Topics: the measures (figure groups) only this outlet's documents report, and those
  most other outlets report and this one leaves out.
* Exclusive claims: sentences reporting a figure no other outlet reports; and sentences
  naming a place, organisation or other non-person actor no other outlet names that have
  no near-duplicate in another outlet (people are covered by voices and emphasis).
  Another outlet's copy of the same article (a wire story both ran) is not another
  outlet reporting it: sources are independent reports, and copies count once.
* Omissions and measures left out need the others that name the actor or report the
  measure to be at least two independent reports, not one wire story run by several.
* Figure disagreements: the figure groups whose outlets disagree; and, marked as
  *possible*, figures of the same unit and the same subject words in different outlets
  that the figure resolver did not group, whose values differ.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from storyline.store.brief_queries import FactFigure, FactMention
from storyline.story_views.evidence import Evidence, evidence_at, sentence_evidence
from storyline.story_views.scope import Scope, Unit
from storyline.story_views.text import cosine, norm

SAME_VALUE = 0.02  # relative difference within which two figures are the same value
NEAR_DUPLICATE = 0.3  # word similarity at which another outlet carries the sentence
MAX_ITEMS = 8


@dataclass(frozen=True, slots=True)
class Emphasis:
    """An actor one outlet names (with how often) that no other outlet names."""

    name: str
    entity: str
    type: str
    count: int
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "entity": self.entity,
            "type": self.type,
            "count": self.count,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Omission:
    """An actor most other outlets name and this one leaves out; evidence from the others."""

    name: str
    entity: str
    type: str
    named_by: tuple[str, ...]
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "entity": self.entity,
            "type": self.type,
            "named_by": list(self.named_by),
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Topic:
    """A measure (what a figure is about) one outlet reports alone, or leaves out."""

    name: str
    outlets: tuple[str, ...]  # who reports it
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "outlets": list(self.outlets),
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence only one outlet reports, and why it counts as exclusive."""

    text: str
    reason: str
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason, "evidence": self.evidence.to_dict()}


@dataclass(frozen=True, slots=True)
class FigureValue:
    outlet: str
    text: str
    value: float
    unit: str
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "outlet": self.outlet,
            "text": self.text,
            "value": value,
            "unit": self.unit,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class FigureDisagreement:
    """Outlets giving different values for the same measure (``confirmed``: a figure group)."""

    label: str
    confirmed: bool
    values: tuple[FigureValue, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "confirmed": self.confirmed,
            "values": [v.to_dict() for v in self.values],
        }


def _by_entity(scope: Scope) -> dict[str, dict[str, list[FactMention]]]:
    """entity → outlet → its mentions there."""
    out: dict[str, dict[str, list[FactMention]]] = {}
    for m in scope.mentions():
        if m.entity:
            out.setdefault(m.entity, {}).setdefault(scope.outlets[m.doc], []).append(m)
    return out


def _ev(scope: Scope, m: FactMention) -> Evidence:
    return sentence_evidence(scope, m.doc, m.start, m.end)


def emphasis_and_omissions(
    scope: Scope,
) -> dict[str, tuple[list[Emphasis], list[Omission]]]:
    """Per outlet: actors only it names, and actors most others name that it leaves out."""
    outlets = sorted(set(scope.outlets.values()))
    by_entity = _by_entity(scope)
    out: dict[str, tuple[list[Emphasis], list[Omission]]] = {o: ([], []) for o in outlets}
    if len(outlets) < 2:
        return out
    for entity, per in by_entity.items():
        first = next(iter(per.values()))[0]
        name, etype = first.entity_name or first.text, first.entity_type or "OTHER"
        if len(per) == 1:
            (outlet, ms), *_ = per.items()
            out[outlet][0].append(Emphasis(name, entity, etype, len(ms), (_ev(scope, ms[0]),)))
            continue
        if not (len(per) * 2 > len(outlets) - 1):  # most other outlets name it
            continue
        if len({scope.report(m.doc) for ms in per.values() for m in ms}) < 2:
            continue
        named_by = tuple(sorted(per))
        evidence = tuple(_ev(scope, per[o][0]) for o in named_by)  # once per actor
        for outlet in outlets:
            if outlet not in per:
                out[outlet][1].append(Omission(name, entity, etype, named_by, evidence))
    for emphasis, omissions in out.values():
        emphasis.sort(key=lambda e: (-e.count, e.name))
        omissions.sort(key=lambda o: (-len(o.named_by), o.name))
        del emphasis[MAX_ITEMS:]
        del omissions[MAX_ITEMS:]
    return out


def topics(scope: Scope) -> dict[str, tuple[list[Topic], list[Topic]]]:
    """Per outlet: measures only it reports, and measures most others report but it doesn't.

    A measure is a figure group (figures the figure resolver found to measure the same
    thing); figures no other document reports are exclusive claims instead."""
    outlets = sorted(set(scope.outlets.values()))
    out: dict[str, tuple[list[Topic], list[Topic]]] = {o: ([], []) for o in outlets}
    if len(outlets) < 2:
        return out
    by_key: dict[str, dict[str, list[FactFigure]]] = {}
    names: dict[str, str] = {}
    for f in scope.figures():
        if not f.group:  # subjects alone are written too differently to compare
            continue
        key = f.group
        names.setdefault(key, f.group_label or f.subject or "")
        by_key.setdefault(key, {}).setdefault(scope.outlets[f.doc], []).append(f)
    for key, per in sorted(by_key.items()):
        reporters = tuple(sorted(per))
        evidence = tuple(
            sentence_evidence(scope, per[o][0].doc, per[o][0].start, per[o][0].end)
            for o in reporters
        )
        topic = Topic(names[key], reporters, evidence)
        if len(per) == 1:
            out[reporters[0]][0].append(topic)
            continue
        reports = {scope.report(f.doc) for fs in per.values() for f in fs}
        for outlet in outlets:
            majority = len(per) >= 2 and len(per) * 2 > len(outlets) - 1
            # copies of one wire story run by several outlets are one report
            if outlet not in per and majority and len(reports) >= 2:
                out[outlet][1].append(topic)
    return out


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= SAME_VALUE * max(abs(a), abs(b), 1e-9)


def exclusive_claims(
    scope: Scope, vectors: dict[tuple[str, int, int], dict[str, float]]
) -> dict[str, list[Claim]]:
    """Per outlet: sentences with a figure or a non-person actor no other outlet reports.

    Copies count as one report: a sentence another outlet carries only in a copy of the
    same article (a wire story both ran) is still reported by one independent report, so
    it stays exclusive, and its reason names the outlets whose copies carry it."""
    by_entity = _by_entity(scope)
    units_by_outlet: dict[str, list[Unit]] = {}
    for u in scope.units:
        units_by_outlet.setdefault(scope.outlets[u.doc], []).append(u)
    out: dict[str, list[Claim]] = {}
    if len(units_by_outlet) < 2:
        return out
    by_report: dict[str, list[Unit]] = {}  # report → the sentences of all its copies
    for u in scope.units:
        by_report.setdefault(scope.report(u.doc), []).append(u)
    values = _Values(scope)
    sources = {  # actor → the (outlet, report) pairs that name it
        e: list(dict.fromkeys((scope.outlets[m.doc], scope.report(m.doc)) for m in _all(per)))
        for e, per in by_entity.items()
    }
    similar = _Similar(scope, vectors)
    for outlet, units in units_by_outlet.items():
        claims: list[tuple[int, Claim]] = []
        for u in units:
            if u.is_title:
                continue
            report = scope.report(u.doc)
            reasons = []
            for f in u.figures:
                if not values.reported_elsewhere(f, outlet, report):
                    reasons.append(f"figure only this outlet reports: {f.text}")
            rank = 0 if reasons else 1
            for e in sorted(u.entities):
                per = by_entity.get(e, {})
                first = next(iter(per.values()))[0] if per else None
                if (
                    first
                    and first.entity_type != "PERSON"
                    and not any(o != outlet and r != report for o, r in sources.get(e, ()))
                ):
                    reasons.append(f"only this outlet names {first.entity_name or first.text}")
            if not reasons:
                continue
            mine = vectors.get(u.key, {})
            if rank == 1 and similar.elsewhere(mine, outlet, report, NEAR_DUPLICATE):
                continue  # another outlet reports the same thing in other words
            copies = sorted(
                {
                    scope.outlets[o.doc]
                    for o in by_report.get(report, [])
                    if scope.outlets[o.doc] != outlet
                    and cosine(mine, vectors.get(o.key, {})) >= NEAR_DUPLICATE
                }
            )
            if copies:
                reasons.append(
                    "one independent report; copies of it also ran in " + ", ".join(copies)
                )
            ev = evidence_at(scope, u.doc, u.start, u.end)
            claims.append((rank, Claim(ev.text, "; ".join(reasons), ev)))
        claims.sort(key=lambda c: c[0])
        out[outlet] = [c for _, c in claims[:MAX_ITEMS]]
    return out


def _all(per: dict[str, list[FactMention]]) -> list[FactMention]:
    return [m for ms in per.values() for m in ms]


class _Values:
    """The story's figures by unit and value, to ask whether another outlet's independent
    report gives the same value (:func:`_same_value`) without scanning every figure."""

    def __init__(self, scope: Scope) -> None:
        by_unit: dict[str, list[tuple[float, str, str]]] = {}
        for g in scope.figures():
            by_unit.setdefault(g.unit, []).append((g.value, scope.outlets[g.doc], g.doc))
        self.scope = scope
        self.rows = {unit: sorted(rows) for unit, rows in by_unit.items()}
        self.keys = {unit: [r[0] for r in rows] for unit, rows in self.rows.items()}

    def reported_elsewhere(self, f: FactFigure, outlet: str, report: str) -> bool:
        rows, keys = self.rows.get(f.unit, []), self.keys.get(f.unit, [])
        # |a - b| <= SAME_VALUE * max(|a|, |b|) bounds |b| by |a| / (1 - SAME_VALUE)
        reach = SAME_VALUE * max(abs(f.value) / (1.0 - SAME_VALUE), 1e-9)
        i = bisect.bisect_left(keys, f.value - reach)
        while i < len(rows) and rows[i][0] <= f.value + reach:
            value, other, doc = rows[i]
            if _same_value(value, f.value) and other != outlet and self.scope.report(doc) != report:
                return True
            i += 1
        return False


class _Similar:
    """The cosine of one sentence's term vector with every unit's at once, through an
    inverted index (term → units and weights), to ask whether another outlet's independent
    report carries a near-duplicate without comparing with every sentence one by one."""

    def __init__(self, scope: Scope, vectors: dict[tuple[str, int, int], dict[str, float]]):
        units = scope.units
        outlet_ids: dict[str, int] = {}
        report_ids: dict[str, int] = {}
        self.outlet_ids = np.array(
            [outlet_ids.setdefault(scope.outlets[u.doc], len(outlet_ids)) for u in units],
            dtype=np.int64,
        )
        self.report_ids = np.array(
            [report_ids.setdefault(scope.report(u.doc), len(report_ids)) for u in units],
            dtype=np.int64,
        )
        self.outlet_of, self.report_of = outlet_ids, report_ids
        postings: dict[str, tuple[list[int], list[float]]] = {}
        self.norms = np.zeros(len(units))
        for i, u in enumerate(units):
            vector = vectors.get(u.key, {})
            self.norms[i] = norm(vector)
            for term, weight in vector.items():
                at, weights = postings.setdefault(term, ([], []))
                at.append(i)
                weights.append(weight)
        self.postings = {
            t: (np.array(at, dtype=np.int64), np.array(w)) for t, (at, w) in postings.items()
        }

    def elsewhere(self, mine: dict[str, float], outlet: str, report: str, at_least: float) -> bool:
        """Whether a unit of another outlet and another report has cosine >= ``at_least``."""
        size = norm(mine)
        hits = [(self.postings[t], x) for t, x in mine.items() if t in self.postings]
        if not size or not hits:
            return False
        dots = np.bincount(
            np.concatenate([at for (at, _), _ in hits]),
            weights=np.concatenate([w * x for (_, w), x in hits]),
            minlength=len(self.norms),
        )
        keep = (
            (dots != 0.0)
            & (self.norms > 0.0)
            & (self.outlet_ids != self.outlet_of.get(outlet, -1))
            & (self.report_ids != self.report_of.get(report, -1))
        )
        return bool(np.any(dots[keep] / (size * self.norms[keep]) >= at_least))


def figure_disagreements(scope: Scope) -> list[FigureDisagreement]:
    """Figure groups whose outlets disagree, then possible disagreements among ungrouped
    figures (same unit, same subject words, different values, different outlets)."""
    figures = scope.figures()
    out: list[FigureDisagreement] = []
    groups: dict[str, list[FactFigure]] = {}
    for f in figures:
        if f.group:
            groups.setdefault(f.group, []).append(f)
    for members in groups.values():
        if members[0].group_agree is False and len({scope.outlets[f.doc] for f in members}) > 1:
            out.append(_disagreement(scope, members[0].group_label or "", True, members))
    loose: dict[tuple[str, str, str], list[FactFigure]] = {}
    for f in figures:
        if f.subject:
            key = (f.unit, " ".join(f.subject.casefold().split()), f.period or "")
            loose.setdefault(key, []).append(f)
    for (_, subject, period), members in sorted(loose.items()):
        outlets = {scope.outlets[f.doc] for f in members}
        grouped = {f.group for f in members}
        if len(outlets) < 2 or (len(grouped) == 1 and None not in grouped):
            continue
        if all(_same_value(f.value, members[0].value) for f in members):
            continue
        label = f"{subject}, {period}" if period else subject
        out.append(_disagreement(scope, label, False, members))
    return out


def _disagreement(
    scope: Scope, label: str, confirmed: bool, members: Sequence[FactFigure]
) -> FigureDisagreement:
    values = tuple(
        FigureValue(
            scope.outlets[f.doc],
            f.text,
            f.value,
            f.unit,
            sentence_evidence(scope, f.doc, f.start, f.end),
        )
        for f in sorted(members, key=lambda f: (scope.outlets[f.doc], f.doc, f.start))
    )
    return FigureDisagreement(label, confirmed, values)
