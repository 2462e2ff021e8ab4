"""Temporal expressions measured on TimeBank/AQUAINT (TempEval-3 training data, TimeML).

``python -m storyline.evaluation.timebank [PATH] [--limit N]``: PATH is a ``.tml`` file or a
folder searched recursively (default ``../shared/datasets/timebank``); files are taken in
order of name.

Each file's ``<TEXT>`` is stripped of its tags (entities unescaped), keeping the character
offsets of every gold ``TIMEX3``. The document creation time (``functionInDocument=
"CREATION_TIME"``) is the publication date and is not scored. The text goes through spaCy,
the ``sentences`` stage and the ``times`` stage's finder (:func:`~storyline.stages.times.
find_times`, which gives the TimeML-style value behind each stored ISO prefix: ``1998-Q3``,
``1998-W06``, ``PRESENT_REF``, ``199`` for a decade).

Scores (a found expression *overlaps* a gold one when their spans share a character):

* **recall**: share of gold DATE expressions overlapped by one we found;
* **precision**: share of found expressions overlapping a gold TIMEX3 of any type
  (DATE, TIME, DURATION, SET);
* **value accuracy**: share of gold DATE expressions found *and* given the gold value,
  after normalising both: a time of day is cut ("1998-02-06TMO" → "1998-02-06"), trailing
  unknown parts are cut ("1952-XX" → "1952", "1998-10-XX" → "1998-10", "199X" → "199");
  everything else (``1998-Q1``, ``1998-W06``, ``FY1998``, ``PAST_REF``) must match exactly;
* **ISO accuracy** (what the ``times`` layer stores): over gold DATEs whose normalised value
  has an ISO prefix (:func:`~storyline.stages.times_rules.iso_prefix`: a quarter is its
  year), the share overlapped by a stored expression whose value equals that prefix.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.document import Document, Metadata, TimeExpression, document_id
from storyline.stages.registry import REGISTRY, StageInput, run_stages
from storyline.stages.times import Timex, find_times
from storyline.stages.times_rules import iso_prefix

DEFAULT_PATH = Path(__file__).resolve().parents[3].parent / "shared" / "datasets" / "timebank"


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TmlDoc:
    name: str
    text: str
    published: str | None
    gold: tuple[GoldTimex, ...]


_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: Path) -> TmlDoc:
    """The text of a TimeML file with its gold TIMEX3 spans and creation time."""
    raw = path.read_text(encoding="utf-8")
    published: str | None = None
    for m in _TAG.finditer(raw):
        attrs = dict(_ATTR.findall(m.group(3)))
        if m.group(2) == "TIMEX3" and attrs.get("functionInDocument") == "CREATION_TIME":
            published = attrs.get("value", "")[:10] or None
            break
    body_start = raw.find("<TEXT>")
    body_end = raw.find("</TEXT>")
    body = raw[body_start + len("<TEXT>") : body_end] if body_start >= 0 else raw
    pieces: list[str] = []
    offset = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    gold: list[GoldTimex] = []
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        pieces.append(chunk)
        offset += len(chunk)
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if not m.group(1):
            open_timex.append((offset, dict(_ATTR.findall(m.group(3)))))
        elif open_timex:
            start, attrs = open_timex.pop()
            if attrs.get("functionInDocument") != "CREATION_TIME":
                gold.append(GoldTimex(start, offset, attrs.get("type", ""), attrs.get("value", "")))
    pieces.append(html.unescape(body[pos:]))
    return TmlDoc(path.stem, "".join(pieces), published, tuple(gold))


def normalise_value(value: str | None) -> str | None:
    """A TimeML value for comparison: time of day and trailing unknown parts cut."""
    if value is None:
        return None
    value = value.strip()
    m = re.match(r"^(\d{4}-\d{2}-\d{2})T", value)
    if m:
        value = m.group(1)
    value = re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)
    while value.endswith("-XX"):
        value = value[:-3]
    return value.rstrip("X") if re.match(r"^\d{1,3}X+$", value) else value


def iter_files(path: Path, limit: int | None = None) -> list[Path]:
    files = [path] if path.is_file() else sorted(path.rglob("*.tml"), key=lambda p: p.name)
    return files[:limit] if limit is not None else files


@dataclass
class Scores:
    documents: int = 0
    gold_dates: int = 0
    found: int = 0
    found_overlapping: int = 0
    recalled: int = 0
    exact: int = 0
    iso_gold: int = 0
    iso_exact: int = 0
    stored: int = 0
    stored_overlapping: int = 0
    misses: list[tuple[str, str, str, str | None]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.recalled / self.gold_dates if self.gold_dates else 0.0

    @property
    def precision(self) -> float:
        return self.found_overlapping / self.found if self.found else 0.0

    @property
    def accuracy(self) -> float:
        return self.exact / self.gold_dates if self.gold_dates else 0.0

    @property
    def iso_accuracy(self) -> float:
        return self.iso_exact / self.iso_gold if self.iso_gold else 0.0

    @property
    def stored_precision(self) -> float:
        return self.stored_overlapping / self.stored if self.stored else 0.0

    def table(self) -> str:
        return "\n".join(
            [
                f"documents {self.documents}, gold DATE expressions {self.gold_dates}",
                f"found (all kinds)   {self.found:5d}  precision {self.precision:.3f}",
                f"DATE recall         {self.recalled:5d}  {self.recall:.3f}",
                f"DATE value accuracy {self.exact:5d}  {self.accuracy:.3f}",
                f"stored (times layer){self.stored:5d}  precision {self.stored_precision:.3f}",
                f"ISO accuracy        {self.iso_exact:5d}/{self.iso_gold}  {self.iso_accuracy:.3f}",
            ]
        )


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_document(doc: TmlDoc, found: Sequence[Timex], stored: Sequence[TimeExpression],
                   scores: Scores) -> None:  # fmt: skip
    scores.documents += 1
    gold_spans = [(g.start, g.end) for g in doc.gold]
    scores.found += len(found)
    scores.found_overlapping += sum(
        any(_overlaps((f.start, f.end), g) for g in gold_spans) for f in found
    )
    scores.stored += len(stored)
    scores.stored_overlapping += sum(
        any(_overlaps((s.start, s.end), g) for g in gold_spans) for s in stored
    )
    for g in doc.gold:
        if g.type != "DATE":
            continue
        scores.gold_dates += 1
        want = normalise_value(g.value)
        hits = [f for f in found if _overlaps((f.start, f.end), (g.start, g.end))]
        got = normalise_value(hits[0].timeml) if hits else None
        if hits:
            scores.recalled += 1
        if hits and got == want:
            scores.exact += 1
        else:
            scores.misses.append((doc.name, doc.text[g.start : g.end], g.value, got))
        iso_want = iso_prefix(want)
        if iso_want is not None:
            scores.iso_gold += 1
            if any(
                s.value == iso_want and _overlaps((s.start, s.end), (g.start, g.end))
                for s in stored
            ):
                scores.iso_exact += 1


def evaluate(path: Path, limit: int | None = None, nlp: Any = None) -> Scores:
    """Read, analyse and score the TimeML files under ``path``."""
    import storyline.stages.times  # noqa: F401  (registers the stage)

    if nlp is None:
        from storyline.nlp import load_pipeline

        nlp = load_pipeline()
    docs = [read_tml(p) for p in iter_files(path, limit)]
    scores = Scores()
    chain = [REGISTRY["sentences"]]
    for doc, parse in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        document = Document(
            document_id(doc.text), doc.name, doc.text, Metadata(published=doc.published)
        )
        layers = run_stages(chain, document, parse)
        found = find_times(StageInput(document, parse, layers))
        stored = REGISTRY["times"].func(StageInput(document, parse, layers))["times"]
        score_document(doc, found, [t for t in stored if isinstance(t, TimeExpression)], scores)
    return scores


def _misses(scores: Scores) -> Iterator[str]:
    for name, text, gold, got in scores.misses:
        yield f"  {name}: {text!r} gold={gold} got={got}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.evaluation.timebank")
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--limit", type=int, default=None, help="score the first N files")
    parser.add_argument("--misses", action="store_true", help="list the gold DATEs missed")
    args = parser.parse_args(argv)
    if not args.path.exists():
        print(f"no TimeML data at {args.path}; pass the folder of .tml files", file=sys.stderr)
        return 2
    began = time.perf_counter()
    scores = evaluate(args.path, args.limit)
    if args.misses:
        print("\n".join(_misses(scores)))
    print(scores.table())
    print(f"({time.perf_counter() - began:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
