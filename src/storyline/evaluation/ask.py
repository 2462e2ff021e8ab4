"""Question answering measured on written question sets (``tests/ask/questions_*.json``).

``python -m storyline.evaluation.ask [--misses]`` analyses ``examples/`` and, when present,
``../shared/corpus/seeds`` into temporary databases and asks each set's questions. Or give
``--db FILE --questions FILE`` to measure one set on an existing database.

A question set is ``{"corpus": …, "questions": [{"id", "type", "question", "expect"}]}``;
``split`` is ``dev`` (used while writing the rules) or ``heldout`` (written afterwards and
not tuned on). ``expect`` lists what the answer text must contain — every item, each item
a choice of alternatives separated by ``|``, compared case-insensitively — or is ``null``
when the articles do not answer the question and the answer must be "Not found". Scores:

* **exact-answer accuracy**: questions answered as expected / questions;
* **citation validity**: citations whose ``text`` is exactly ``documents[doc].text[start:end]``,
  with the document's outlet and date, / citations; an answer whose ``[n]`` markers point
  at no citation, or a found answer with none, counts as one invalid citation;
* **type accuracy**: questions whose detected type is the one written in the set.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.ask import Answer, Asker
from storyline.errors import StorylineError
from storyline.store import StoreReader

ROOT = Path(__file__).resolve().parents[3]
QUESTIONS = ROOT / "tests" / "ask"
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    type: str
    question: str
    expect: tuple[str, ...] | None
    split: str = "dev"


@dataclass(frozen=True, slots=True)
class Outcome:
    item: Item
    answer: Answer
    correct: bool
    citations: int
    valid_citations: int


@dataclass(slots=True)
class Report:
    name: str
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return sum(o.correct for o in self.outcomes) / max(1, len(self.outcomes))

    @property
    def citation_validity(self) -> float:
        total = sum(o.citations for o in self.outcomes)
        return sum(o.valid_citations for o in self.outcomes) / max(1, total)

    @property
    def type_accuracy(self) -> float:
        right = sum(o.answer.type == o.item.type for o in self.outcomes)
        return right / max(1, len(self.outcomes))

    def by_type(self) -> dict[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}
        for o in self.outcomes:
            right, total = out.get(o.item.type, (0, 0))
            out[o.item.type] = (right + o.correct, total + 1)
        return out

    def split(self, name: str) -> Report:
        return Report(f"{self.name} {name}", [o for o in self.outcomes if o.item.split == name])

    def table(self) -> str:
        n = len(self.outcomes)
        right = sum(o.correct for o in self.outcomes)
        cites = sum(o.citations for o in self.outcomes)
        valid = sum(o.valid_citations for o in self.outcomes)
        lines = [
            f"{self.name}: {n} questions",
            f"  exact-answer accuracy  {self.accuracy:.3f}  ({right}/{n})",
            f"  citation validity      {self.citation_validity:.3f}  ({valid}/{cites})",
            f"  question type accuracy {self.type_accuracy:.3f}",
            "  by type: "
            + ", ".join(f"{t} {r}/{k}" for t, (r, k) in sorted(self.by_type().items())),
        ]
        return "\n".join(lines)

    def misses(self) -> list[str]:
        out = []
        for o in self.outcomes:
            if not o.correct or o.valid_citations < o.citations:
                expected = " & ".join(o.item.expect) if o.item.expect else "Not found"
                where = f"{o.item.id} ({o.item.split}) [{o.item.type}→{o.answer.type}]"
                out.append(f"{where} {o.item.question}")
                out.append(f"    expected: {expected}")
                out.append(f"    answer:   {' '.join(o.answer.text.split())[:300]}")
        return out


def load_questions(path: Path) -> list[Item]:
    """The questions of a set file; a malformed file fails with its name and the cause."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        items = []
        for q in data["questions"]:
            expect = q["expect"]
            items.append(
                Item(
                    str(q["id"]),
                    str(q["type"]),
                    str(q["question"]),
                    None if expect is None else tuple(str(e) for e in expect),
                    str(q.get("split", "dev")),
                )
            )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StorylineError(
            f"{path}: not a question set ({exc}); see storyline.evaluation.ask"
        ) from exc
    return items


def _fold(text: str) -> str:
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.casefold().split())


def is_correct(answer: Answer, expect: tuple[str, ...] | None) -> bool:
    if expect is None:
        return not answer.found
    if not answer.found:
        return False
    text = _fold(answer.text)
    return all(any(_fold(alt) in text for alt in item.split("|")) for item in expect)


def check_citations(answer: Answer, documents: dict[str, Any]) -> tuple[int, int]:
    """(citations, valid citations) of one answer; broken markers count as invalid ones."""
    total = valid = 0
    for c in answer.citations:
        total += 1
        doc = documents.get(c.doc)
        if doc is None or not (0 <= c.start < c.end <= len(doc.text)):
            continue
        meta = doc.meta
        if doc.text[c.start : c.end] == c.text and (c.outlet, c.published) == (
            meta.outlet,
            meta.published,
        ):
            valid += 1
    marks = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
    unmarked = answer.found and (not answer.citations or not marks)
    if unmarked or not marks <= set(range(1, len(answer.citations) + 1)):
        total += 1
    return total, valid


def evaluate(reader: StoreReader, items: Sequence[Item], name: str) -> Report:
    asker = Asker(reader)
    documents = {d.document.id: d.document for d in reader.documents()}
    report = Report(name)
    for item in items:
        answer = asker.answer(item.question)
        total, valid = check_citations(answer, documents)
        report.outcomes.append(Outcome(item, answer, is_correct(answer, item.expect), total, valid))
    return report


def build_db(corpus: Path, folder: Path) -> Path:
    from storyline.engines.local import analyze

    db = folder / f"{corpus.name}.db"
    analyze([str(corpus)], db)
    return db


def default_sets(folder: Path) -> list[tuple[str, Path, Path]]:
    """(name, database, question file) for examples and, when present, the seeds."""
    sets = [("examples", build_db(EXAMPLES, folder), QUESTIONS / "questions_examples.json")]
    if SEEDS.is_dir():
        sets.append(("seeds", build_db(SEEDS, folder), QUESTIONS / "questions_seeds.json"))
    else:
        print(f"seeds not found at {SEEDS}; measuring the examples only", file=sys.stderr)
    return sets


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="an existing story database")
    parser.add_argument("--questions", type=Path, help="the question set for --db")
    parser.add_argument("--misses", action="store_true", help="list every wrong answer")
    args = parser.parse_args(argv)
    if (args.db is None) != (args.questions is None):
        parser.error("give --db and --questions together, or neither")
    with tempfile.TemporaryDirectory(prefix="storyline-ask-") as tmp:
        try:
            if args.db is not None:
                sets = [(args.questions.stem, args.db, args.questions)]
            else:
                sets = default_sets(Path(tmp))
            reports = []
            for name, db, path in sets:
                with StoreReader(db) as reader:
                    reports.append(evaluate(reader, load_questions(path), name))
        except StorylineError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    for report in reports:
        if args.misses:
            for line in report.misses():
                print(line)
    if len(reports) > 1:
        reports.append(Report("all", [o for r in reports for o in r.outcomes]))
    for report in reports:
        print(report.table())
        for split in sorted({o.item.split for o in report.outcomes}):
            part = report.split(split)
            right = sum(o.correct for o in part.outcomes)
            print(f"    {split:<8} accuracy {part.accuracy:.3f} ({right}/{len(part.outcomes)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
