"""Figures, events and main-event dates scored against real AllSides articles annotated by hand.

``python -m storyline.evaluation.allsides_facts EXPORT.json --gold GOLD.jsonl [--misses]``:
EXPORT.json is storyline's JSON export of a database that analysed the gold's articles
(matched by the documents' ``source``); GOLD.jsonl holds one article a line (default:
``tests/gold/allsides_facts_gold.jsonl``; its conventions are in
``tests/gold/allsides_facts_gold.md``).
The gold names its items by their words, never by offsets: a figure by its ``text`` (inside
``context`` when given), an event by its ``sentence_opening`` (about eight words) and its
``trigger`` within that sentence. Every place the words occur in the document's cleaned text
counts; matching ignores case, runs of spaces and the shape of quotes and dashes.

Scores:

* **figures**: a found figure matches a gold one of its document when their spans share a
  character and their values agree within 1% once both are in one base unit (see
  ``UNITS``: miles and km, acres and km2, pounds and kg, minutes and years, a fraction and a
  percent convert; currencies must be equal). Precision is over found figures, recall over
  gold figures; gold figures marked ``optional`` (vague amounts, numbers in site chrome)
  count neither way. *Span only* matching drops the value test. On span matches, *unit
  agreement* compares unit families (money of the same currency, percent, count,
  duration, distance, ...) and the exact unit after spelling is normalised; *kind
  agreement* compares the gold ``kind`` (money, percent, count, duration, age, ...) with the
  kind the found figure's unit implies (an age found as a plain duration disagrees).
* **events**: a gold event is recalled when an exported event of the same PLOVER type has
  a mention in the document that overlaps the gold trigger (the mentions are sentences, so
  this is "the same sentence, around the same trigger"); recall with any type is given
  too, and the share of recalled events whose ``date`` equals the gold date. Precision is
  over the exported event mentions in the gold documents: the share lying on a gold event's
  trigger (a lower bound, as the gold lists the events a reader would put on a timeline,
  not every event); ``--misses`` prints the others to judge by eye.
* **main event**: over the articles with a gold main event, the share where an exported
  event's mention overlaps the main event's trigger (found), found with a date, and dated
  to the gold day.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_GOLD = Path(__file__).resolve().parents[3] / "tests" / "gold" / "allsides_facts_gold.jsonl"
TOLERANCE = 0.01
TRIGGER_WINDOW = 700  # characters after a sentence opening in which its trigger is sought

# unit spelling -> (family, factor to the family's base unit, canonical name)
UNITS: dict[str, tuple[str, float, str]] = {
    "percent": ("percent", 1.0, "percent"),
    "%": ("percent", 1.0, "percent"),
    "per_cent": ("percent", 1.0, "percent"),
    "percentage_point": ("percent", 1.0, "percentage_point"),
    "percentage_points": ("percent", 1.0, "percentage_point"),
    "fraction": ("percent", 100.0, "fraction"),
    "count": ("count", 1.0, "count"),
    "people": ("count", 1.0, "count"),
    "times": ("times", 1.0, "times"),
    "multiple": ("times", 1.0, "times"),
    "second": ("duration", 1 / 86400, "second"),
    "minute": ("duration", 1 / 1440, "minute"),
    "hour": ("duration", 1 / 24, "hour"),
    "day": ("duration", 1.0, "day"),
    "week": ("duration", 7.0, "week"),
    "month": ("duration", 365.25 / 12, "month"),
    "year": ("duration", 365.25, "year"),
    "decade": ("duration", 3652.5, "decade"),
    "year_age": ("duration", 365.25, "year_age"),
    "age": ("duration", 365.25, "year_age"),
    "km": ("distance", 1.0, "km"),
    "kilometre": ("distance", 1.0, "km"),
    "kilometer": ("distance", 1.0, "km"),
    "m": ("distance", 0.001, "m"),
    "metre": ("distance", 0.001, "m"),
    "meter": ("distance", 0.001, "m"),
    "mile": ("distance", 1.609344, "mile"),
    "nautical_mile": ("distance", 1.852, "nautical_mile"),
    "foot": ("distance", 0.0003048, "foot"),
    "km2": ("area", 1.0, "km2"),
    "square_km": ("area", 1.0, "km2"),
    "square_kilometre": ("area", 1.0, "km2"),
    "square_mile": ("area", 2.589988, "square_mile"),
    "hectare": ("area", 0.01, "hectare"),
    "acre": ("area", 0.004046856, "acre"),
    "kg": ("mass", 1.0, "kg"),
    "kilogram": ("mass", 1.0, "kg"),
    "kilo": ("mass", 1.0, "kg"),
    "tonne": ("mass", 1000.0, "tonne"),
    "ton": ("mass", 1000.0, "tonne"),
    "pound": ("mass", 0.45359237, "pound"),
    "lb": ("mass", 0.45359237, "pound"),
    "kwh": ("energy", 1.0, "kWh"),
    "mwh": ("energy", 1e3, "MWh"),
    "gwh": ("energy", 1e6, "GWh"),
    "twh": ("energy", 1e9, "TWh"),
    "kw": ("power", 1.0, "kW"),
    "mw": ("power", 1e3, "MW"),
    "gw": ("power", 1e6, "GW"),
    "km/h": ("speed", 1.0, "km/h"),
    "kmh": ("speed", 1.0, "km/h"),
    "mph": ("speed", 1.609344, "mph"),
    "knot": ("speed", 1.852, "knot"),
    "celsius": ("temperature", 1.0, "celsius"),
    "cubic_metre": ("volume", 1.0, "cubic_metre"),
    "bcm": ("volume", 1e9, "bcm"),
    "litre": ("volume", 0.001, "litre"),
    "barrel": ("barrel", 1.0, "barrel"),
    "byte": ("data", 1.0, "byte"),
    "gigabyte": ("data", 1e9, "gigabyte"),
}
# a unit family -> the gold ``kind`` it implies for a found figure
FAMILY_KIND = {"percent": "percent", "times": "other", "barrel": "volume"}


def unit_of(unit: str | None) -> tuple[str, float, str]:
    """(family, factor to the family's base unit, canonical spelling) of a unit name.

    Three-letter upper-case codes are currencies (their own family); unknown units are a
    family of their own."""
    raw = (unit or "").strip()
    if len(raw) == 3 and raw.isalpha() and raw.isupper():
        return ("money:" + raw, 1.0, raw)
    key = raw.lower().replace(" ", "_").replace("-", "_")
    if key in UNITS:
        return UNITS[key]
    if key.endswith("s") and key[:-1] in UNITS:
        return UNITS[key[:-1]]
    return (key or "none", 1.0, key or "none")


def kind_of_unit(unit: str | None) -> str:
    family = unit_of(unit)[0]
    if family.startswith("money:"):
        return "money"
    return FAMILY_KIND.get(family, family)


def values_agree(a: float, unit_a: str | None, b: float, unit_b: str | None) -> bool:
    fa, xa, _ = unit_of(unit_a)
    fb, xb, _ = unit_of(unit_b)
    if fa != fb:
        return False
    va, vb = a * xa, b * xb
    return abs(va - vb) <= TOLERANCE * max(abs(va), abs(vb)) or va == vb


# -- finding the gold's words in a document ------------------------------------------

_SAME = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201b": "'",
    "\u2032": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2033": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
}


def normalise(text: str) -> tuple[str, list[int]]:
    """``text`` folded for matching, and for each folded character its index in ``text``."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and not space:
                out.append(" ")
                where.append(i)
            space = True
            continue
        space = False
        ch = _SAME.get(ch, ch)
        low = ch.lower()
        if len(low) != 1:
            low = ch
        out.append(low)
        where.append(i)
    return "".join(out), where


@dataclass(frozen=True, slots=True)
class Folded:
    text: str
    folded: str
    where: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Folded:
        folded, where = normalise(text)
        return cls(text, folded, tuple(where))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets into the original text of the folded ``[start, end)``."""
        return self.where[start], self.where[end - 1] + 1

    def find_all(self, words: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
        """Folded spans of ``words`` in ``[lo, hi)``, not inside a longer word or number."""
        needle = normalise(words)[0].strip()
        if not needle:
            return []
        out: list[tuple[int, int]] = []
        stop = len(self.folded) if hi is None else min(hi, len(self.folded))
        at = self.folded.find(needle, lo, stop)
        while at >= 0:
            end = at + len(needle)
            before = self.folded[at - 1] if at > 0 else " "
            after = self.folded[end] if end < len(self.folded) else " "
            edge_ok = not (needle[0].isalnum() and before.isalnum()) and not (
                needle[-1].isalnum() and after.isalnum()
            )
            if edge_ok:
                out.append((at, end))
            at = self.folded.find(needle, at + 1, stop)
        return out


def figure_spans(doc: Folded, figure: dict[str, Any]) -> list[tuple[int, int]]:
    """Offsets (into the document text) of every place a gold figure stands."""
    context = figure.get("context")
    spans: list[tuple[int, int]] = []
    if context:
        for lo, hi in doc.find_all(context):
            spans.extend(doc.find_all(figure["text"], lo, hi))
    else:
        spans = doc.find_all(figure["text"])
    return [doc.span(a, b) for a, b in spans]


def event_spans(doc: Folded, event: dict[str, Any]) -> list[tuple[int, int]]:
    """Offsets of every place a gold event's trigger stands after its sentence opening."""
    out: list[tuple[int, int]] = []
    for lo, _ in doc.find_all(event["sentence_opening"]):
        hits = doc.find_all(event["trigger"], lo, lo + TRIGGER_WINDOW)
        if hits:
            out.append(doc.span(*hits[0]))
    return out


# -- reading ---------------------------------------------------------------------------


def read_gold(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc}); fix the line") from exc
    return rows


def documents_by_source(export: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for doc in export.get("documents", []):
        for source in [doc.get("source"), *doc.get("sources", [])]:
            if source:
                out.setdefault(str(source), doc)
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# -- scoring ---------------------------------------------------------------------------


def _ratio(n: int, d: int) -> float:
    return n / d if d else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class FigureScores:
    gold: int = 0
    gold_unplaced: int = 0
    found: int = 0
    found_ignored: int = 0  # on optional gold figures only
    tp_found: int = 0
    tp_gold: int = 0
    span_found: int = 0
    span_gold: int = 0
    unit_family: int = 0
    unit_exact: int = 0
    kind_right: int = 0
    pairs: int = 0
    by_kind: dict[str, Counter[str]] = field(default_factory=dict)
    spurious_by_kind: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def precision(self, span: bool = False) -> float:
        return _ratio(self.span_found if span else self.tp_found, self.found)

    def recall(self, span: bool = False) -> float:
        return _ratio(self.span_gold if span else self.tp_gold, self.gold)


@dataclass(slots=True)
class EventScores:
    gold: int = 0
    gold_unplaced: int = 0
    typed: int = 0
    any_type: int = 0
    dated: int = 0
    date_right: int = 0
    mentions: int = 0
    mentions_on_gold: int = 0
    mentions_on_gold_typed: int = 0
    by_type: dict[str, Counter[str]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


@dataclass(slots=True)
class MainScores:
    articles: int = 0
    with_main: int = 0
    found: int = 0
    typed: int = 0
    dated: int = 0
    day_right: int = 0
    by_how: dict[str, Counter[str]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    documents: int = 0
    missing_documents: list[str] = field(default_factory=list)
    figures: FigureScores = field(default_factory=FigureScores)
    events: EventScores = field(default_factory=EventScores)
    main: MainScores = field(default_factory=MainScores)


def _fig(f: dict[str, Any]) -> str:
    return f"{f.get('text')!r}={f.get('value')} {f.get('unit')}"


def score_figures(
    source: str,
    doc: Folded,
    gold: Sequence[dict[str, Any]],
    found: Sequence[dict[str, Any]],
    out: FigureScores,
) -> None:
    placed: list[tuple[dict[str, Any], list[tuple[int, int]]]] = []
    for g in gold:
        spans = figure_spans(doc, g)
        if not spans and not g.get("optional"):
            out.gold_unplaced += 1
        placed.append((g, spans))
    for f in found:
        span = (int(f["start"]), int(f["end"]))
        near = [(g, s) for g, s in placed if any(_overlaps(span, x) for x in s)]
        if near and all(g.get("optional") for g, _ in near):
            out.found_ignored += 1
            continue
        out.found += 1
        near = [(g, s) for g, s in near if not g.get("optional")]
        if not near:
            out.spurious_by_kind[kind_of_unit(f.get("unit"))] += 1
            out.misses.append(f"{source}: spurious {_fig(f)}")
            continue
        out.span_found += 1
        if any(
            values_agree(float(f["value"]), f.get("unit"), float(g["value"]), g["unit"])
            for g, _ in near
        ):
            out.tp_found += 1
    for g, spans in placed:
        if g.get("optional"):
            continue
        out.gold += 1
        counts = out.by_kind.setdefault(str(g["kind"]), Counter())
        counts["gold"] += 1
        over = [
            f for f in found if any(_overlaps((int(f["start"]), int(f["end"])), s) for s in spans)
        ]
        if not over:
            counts["missed"] += 1
            where = "" if spans else " (words not in the cleaned text)"
            out.misses.append(f"{source}: missed {_fig(g)} [{g['kind']}]{where}")
            continue
        out.span_gold += 1
        right = [
            f
            for f in over
            if values_agree(float(f["value"]), f.get("unit"), float(g["value"]), g["unit"])
        ]
        best = right[0] if right else over[0]
        if right:
            out.tp_gold += 1
            counts["matched"] += 1
        else:
            counts["wrong value"] += 1
            out.misses.append(f"{source}: wrong value for {_fig(g)}: found {_fig(best)}")
        out.pairs += 1
        gu, bu = unit_of(g["unit"]), unit_of(best.get("unit"))
        if gu[0] == bu[0]:
            out.unit_family += 1
        else:
            counts["wrong unit"] += 1
        if gu[2] == bu[2]:
            out.unit_exact += 1
        if kind_of_unit(best.get("unit")) == g["kind"]:
            out.kind_right += 1
        else:
            counts["wrong kind"] += 1
            if right:
                found_kind = kind_of_unit(best.get("unit"))
                out.misses.append(f"{source}: kind {g['kind']} of {_fig(g)} found as {found_kind}")


def score_events(
    source: str,
    doc: Folded,
    doc_id: str,
    gold: Sequence[dict[str, Any]],
    main: dict[str, Any] | None,
    events: Sequence[dict[str, Any]],
    ev: EventScores,
    ms: MainScores,
) -> None:
    mentions = [
        (e, (int(m["start"]), int(m["end"])))
        for e in events
        for m in e.get("mentions", [])
        if m.get("doc") == doc_id
    ]
    gold_spans: list[tuple[dict[str, Any], list[tuple[int, int]]]] = []
    for g in gold:
        spans = event_spans(doc, g)
        gold_spans.append((g, spans))
        ev.gold += 1
        counts = ev.by_type.setdefault(str(g["type"]), Counter())
        counts["gold"] += 1
        if not spans:
            ev.gold_unplaced += 1
        on = [e for e, span in mentions if any(_overlaps(span, s) for s in spans)]
        typed = [e for e in on if e.get("type") == g["type"]]
        if on:
            ev.any_type += 1
        if typed:
            ev.typed += 1
            counts["found"] += 1
            if g.get("date"):
                ev.dated += 1
                if any(e.get("date") == g["date"] for e in typed):
                    ev.date_right += 1
                else:
                    ev.misses.append(
                        f"{source}: event {g['type']} {g['trigger']!r} dated "
                        f"{[e.get('date') for e in typed]}, gold {g['date']}"
                    )
        elif on:
            counts["wrong type"] += 1
            types = [e.get("type") for e in on]
            ev.misses.append(f"{source}: event {g['type']} {g['trigger']!r} found as {types}")
        else:
            counts["missed"] += 1
            ev.misses.append(f"{source}: missed event {g['type']} {g['trigger']!r} ({g['date']})")
    for e, span in mentions:
        ev.mentions += 1
        hits = [g for g, spans in gold_spans if any(_overlaps(span, s) for s in spans)]
        if hits:
            ev.mentions_on_gold += 1
            if any(g["type"] == e.get("type") for g in hits):
                ev.mentions_on_gold_typed += 1
        else:
            ev.misses.append(
                f"{source}: unmatched system event {e.get('type')} {e.get('label')!r} "
                f"{e.get('date')} at {span[0]}-{span[1]}: {doc.text[span[0] : span[1]][:100]!r}"
            )
    ms.articles += 1
    if not main:
        return
    ms.with_main += 1
    how = ms.by_how.setdefault(str(main.get("how")), Counter())
    how["articles"] += 1
    spans = event_spans(doc, main)
    on = [e for e, span in mentions if any(_overlaps(span, s) for s in spans)]
    if not on:
        ms.misses.append(f"{source}: main event {main['type']} {main['trigger']!r} not found")
        return
    ms.found += 1
    how["found"] += 1
    if any(e.get("type") == main["type"] for e in on):
        ms.typed += 1
    dated = [e for e in on if e.get("date")]
    if not dated:
        ms.misses.append(f"{source}: main event {main['trigger']!r} found undated")
        return
    ms.dated += 1
    how["dated"] += 1
    if any(e.get("date") == main["date"] for e in dated):
        ms.day_right += 1
        how["right day"] += 1
    else:
        ms.misses.append(
            f"{source}: main event {main['trigger']!r} dated {[e.get('date') for e in dated]}, "
            f"gold {main['date']} ({main.get('how')})"
        )


def evaluate(export: dict[str, Any], gold: Iterable[dict[str, Any]]) -> Report:
    """Scores of one export against the gold articles."""
    report = Report()
    docs = documents_by_source(export)
    figures: dict[str, list[dict[str, Any]]] = {}
    for f in export.get("figures", []):
        figures.setdefault(str(f.get("doc")), []).append(f)
    events = list(export.get("events", []))
    for article in gold:
        source = str(article["source"])
        doc = docs.get(source)
        if doc is None:
            report.missing_documents.append(source)
            continue
        report.documents += 1
        folded = Folded.of(str(doc.get("text", "")))
        doc_id = str(doc["id"])
        score_figures(
            source, folded, article.get("figures", []), figures.get(doc_id, []), report.figures
        )
        score_events(
            source,
            folded,
            doc_id,
            article.get("events", []),
            article.get("main_event"),
            events,
            report.events,
            report.main,
        )
    return report


def _counter_line(name: str, counts: Counter[str]) -> str:
    return f"  {name:<12} " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))


def table(report: Report) -> str:
    fs, ev, ms = report.figures, report.events, report.main
    p, r = fs.precision(), fs.recall()
    sp, sr = fs.precision(True), fs.recall(True)
    lines = [
        f"documents scored {report.documents}"
        + (
            f" (missing from the export: {len(report.missing_documents)})"
            if report.missing_documents
            else ""
        ),
        f"figures: gold {fs.gold} (not in the cleaned text {fs.gold_unplaced}), found {fs.found} "
        f"(+{fs.found_ignored} on optional gold)",
        f"  value match  precision {p:.3f}  recall {r:.3f}  F1 {_f1(p, r):.3f}",
        f"  span only    precision {sp:.3f}  recall {sr:.3f}  F1 {_f1(sp, sr):.3f}",
        f"  on {fs.pairs} span matches: unit family agrees "
        f"{_ratio(fs.unit_family, fs.pairs):.3f}, "
        f"exact unit {_ratio(fs.unit_exact, fs.pairs):.3f}, "
        f"kind {_ratio(fs.kind_right, fs.pairs):.3f}",
        "  gold by kind:",
        *(_counter_line(k, c) for k, c in sorted(fs.by_kind.items())),
        "  spurious found figures by kind: "
        + ", ".join(f"{k} {v}" for k, v in fs.spurious_by_kind.most_common()),
        f"events: gold {ev.gold} (not placed {ev.gold_unplaced})",
        f"  recall, right type {_ratio(ev.typed, ev.gold):.3f} ({ev.typed}), any type "
        f"{_ratio(ev.any_type, ev.gold):.3f} ({ev.any_type})",
        f"  dates of recalled dated events right {_ratio(ev.date_right, ev.dated):.3f} "
        f"({ev.date_right}/{ev.dated})",
        f"  precision (lower bound): {ev.mentions} system mentions in these documents, "
        f"{_ratio(ev.mentions_on_gold, ev.mentions):.3f} on a gold event, "
        f"{_ratio(ev.mentions_on_gold_typed, ev.mentions):.3f} with its type",
        "  gold by type:",
        *(_counter_line(k, c) for k, c in sorted(ev.by_type.items())),
        f"main event: {ms.with_main} of {ms.articles} articles have one",
        f"  found {_ratio(ms.found, ms.with_main):.3f} ({ms.found}), right type "
        f"{_ratio(ms.typed, ms.with_main):.3f}, with a date {_ratio(ms.dated, ms.with_main):.3f} "
        f"({ms.dated}), right day {_ratio(ms.day_right, ms.with_main):.3f} ({ms.day_right})",
        "  by how the gold date is known:",
        *(_counter_line(k, c) for k, c in sorted(ms.by_how.items())),
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("export", type=Path, help="storyline's JSON export")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--misses", action="store_true", help="list every error")
    args = parser.parse_args(argv)
    export = json.loads(args.export.read_text(encoding="utf-8"))
    report = evaluate(export, read_gold(args.gold))
    if args.misses:
        for line in [*report.figures.misses, *report.events.misses, *report.main.misses]:
            print(line)
        for source in report.missing_documents:
            print(f"{source}: not in the export")
    print(table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
