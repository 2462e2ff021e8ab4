"""Dates measured on the Recognizers-Text DateTime test specs (English): a second check of
the ``times`` stage, never tuned on.

``python -m storyline.evaluation.recognizers_dates [FOLDER] [--misses]``: FOLDER holds the
specs (default ``../shared/datasets/recognizers-text/DateTime/English``). Read are
``DateParser.json``, ``DatePeriodParser.json`` and ``DateTimeModel.json``: each case is an
input sentence, its ``Context.ReferenceDateTime`` (the anchor: it stands in for the
publication date) and the expected results; a case without a reference, or marked
``NotSupportedByDesign``, is skipped, and an input given in several files counts once.
Only results of a date kind count (``date``, ``daterange`` and the model's
``datetimeV2.date``/``datetimeV2.daterange``); times of day, durations and sets do not.

The specs are written for a chat assistant ("I'll be back on 15") more than for news, and
their conventions differ from TimeML in places, so the numbers are a check of what
generalises, not a target:

* **recall**: share of gold date results overlapped by an expression the stage finds;
* **value accuracy**: over gold results with one value (not a range "(start,end,P…)"),
  the share found with that value, compared as TimeBank values are
  (:func:`~storyline.evaluation.timebank.normalise_value`). A value whose year the text
  leaves open ("XXXX-09-16", "XXXX-WXX-1" for a weekday) counts as right when it is the
  past or the future resolution the spec gives, at the precision of the value.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.document import Document, Metadata, document_id
from storyline.evaluation.timebank import normalise_value
from storyline.stages.registry import REGISTRY, StageInput, run_stages
from storyline.stages.times import find_times

DEFAULT_PATH = (
    Path(__file__).resolve().parents[3].parent
    / "shared"
    / "datasets"
    / "recognizers-text"
    / "DateTime"
    / "English"
)
FILES = ("DateParser.json", "DatePeriodParser.json", "DateTimeModel.json")
_DATE_KINDS = frozenset({"date", "daterange", "datetimeV2.date", "datetimeV2.daterange"})


@dataclass(frozen=True, slots=True)
class GoldDate:
    start: int
    end: int
    timex: str
    resolved: tuple[str, ...]  # past and future resolutions (dates, or a range's start)


@dataclass(frozen=True, slots=True)
class Case:
    text: str
    reference: str
    gold: tuple[GoldDate, ...]


def _resolutions(result: dict[str, Any]) -> tuple[str, ...]:
    out: list[str] = []
    value = result.get("Value") or {}
    for key in ("FutureResolution", "PastResolution"):
        res = value.get(key) or {}
        if res.get("date") or res.get("startDate"):
            out.append(str(res.get("date") or res.get("startDate")))
    for v in (result.get("Resolution") or {}).get("values", []):
        if v.get("value") or v.get("start"):
            out.append(str(v.get("value") or v.get("start")))
    return tuple(out)


def _gold(result: dict[str, Any]) -> GoldDate | None:
    kind = result.get("TypeName") or result.get("Type")
    if kind not in _DATE_KINDS:
        return None
    start = int(result["Start"])
    end = int(result["End"]) + 1 if "End" in result else start + int(result["Length"])
    value = result.get("Value") or {}
    timex = value.get("Timex")
    if timex is None:
        values = (result.get("Resolution") or {}).get("values", [])
        timex = values[0].get("timex") if values else None
    if not timex:
        return None
    return GoldDate(start, end, str(timex), _resolutions(result))


def read_cases(folder: Path) -> list[Case]:
    """Every usable case of the spec files, each input once (first file first)."""
    seen: set[str] = set()
    cases: list[Case] = []
    for name in FILES:
        path = folder / name
        if not path.is_file():
            continue
        for item in json.loads(path.read_text(encoding="utf-8-sig")):
            reference = (item.get("Context") or {}).get("ReferenceDateTime")
            text = item.get("Input", "")
            if not reference or item.get("NotSupportedByDesign") or text in seen:
                continue
            seen.add(text)
            gold = [g for r in item.get("Results", []) if (g := _gold(r)) is not None]
            cases.append(Case(text, str(reference)[:10], tuple(gold)))
    return cases


def accepted(gold: GoldDate) -> set[str] | None:
    """The values that count as right for a gold result; None for a range (not scored)."""
    timex = gold.timex
    if timex.startswith("(") or "T" in timex:
        return None
    if "X" not in timex:
        value = normalise_value(timex)
        return {value} if value else None
    if re.fullmatch(r"XXXX-\d{2}", timex):
        return {r[:7] for r in gold.resolved}
    if re.fullmatch(r"XXXX-\d{2}-\d{2}|XXXX-WXX-\d|XXXX-XX-\d{2}", timex):
        return {r[:10] for r in gold.resolved}
    return None


@dataclass
class Scores:
    cases: int = 0
    gold: int = 0
    recalled: int = 0
    scored: int = 0
    exact: int = 0
    misses: list[tuple[str, str, str, str | None]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.recalled / self.gold if self.gold else 0.0

    @property
    def accuracy(self) -> float:
        return self.exact / self.scored if self.scored else 0.0

    def table(self) -> str:
        return "\n".join(
            [
                f"cases {self.cases}, gold date results {self.gold}",
                f"recall          {self.recalled:5d}  {self.recall:.3f}",
                f"value accuracy  {self.exact:5d}/{self.scored}  {self.accuracy:.3f}",
            ]
        )


def evaluate(folder: Path, nlp: Any = None) -> Scores:
    """Read, analyse and score the spec cases under ``folder``."""
    import storyline.stages.times  # noqa: F401  (registers the stage)

    if nlp is None:
        from storyline.nlp import load_pipeline

        nlp = load_pipeline()
    cases = read_cases(folder)
    scores = Scores()
    chain = [REGISTRY["sentences"]]
    for case, parse in zip(cases, nlp.pipe(c.text for c in cases), strict=True):
        scores.cases += 1
        document = Document(
            document_id(case.text), "spec", case.text, Metadata(published=case.reference)
        )
        found = find_times(StageInput(document, parse, run_stages(chain, document, parse)))
        for g in case.gold:
            scores.gold += 1
            hits = [f for f in found if f.start < g.end and g.start < f.end]
            scores.recalled += bool(hits)
            want = accepted(g)
            if want is None:
                continue
            scores.scored += 1
            got = normalise_value(hits[0].timeml) if hits else None
            if got in want:
                scores.exact += 1
            else:
                scores.misses.append((case.text, case.text[g.start : g.end], g.timex, got))
    return scores


def _misses(scores: Scores) -> Iterator[str]:
    for text, said, gold, got in scores.misses:
        yield f"  {said!r} gold={gold} got={got}   | {text}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.evaluation.recognizers_dates")
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--misses", action="store_true", help="list the values missed")
    args = parser.parse_args(argv)
    if not args.path.is_dir():
        print(f"no Recognizers-Text specs at {args.path}; pass their folder", file=sys.stderr)
        return 2
    began = time.perf_counter()
    scores = evaluate(args.path)
    if args.misses:
        print("\n".join(_misses(scores)))
    print(scores.table())
    print(f"({time.perf_counter() - began:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
