"""The written question sets (questions_examples.json, questions_seeds.json): exact-answer
accuracy and citation validity, with floors pinned below the measured values so a change
that lowers them fails. `python -m storyline.evaluation.ask --misses` prints the numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluation.ask import QUESTIONS, Report, evaluate, load_questions
from storyline.store import StoreReader

pytestmark = pytest.mark.slow

# measured 2026-11-23: examples 0.917 (dev 0.958, held-out 0.833), seeds 0.978
EXAMPLES_FLOOR = 0.85
SEEDS_FLOOR = 0.90

# the questions the issue asks to be answered correctly on the seeds
ISSUE_QUESTIONS = ("seed-01", "seed-02", "seed-03", "seed-04", "seed-05")


def measure(db: Path, name: str) -> Report:
    with StoreReader(db) as reader:
        return evaluate(reader, load_questions(QUESTIONS / f"questions_{name}.json"), name)


def test_question_sets_are_large_enough_and_cover_every_type() -> None:
    items = [
        *load_questions(QUESTIONS / "questions_examples.json"),
        *load_questions(QUESTIONS / "questions_seeds.json"),
    ]
    assert len(items) >= 40
    assert {i.type for i in items} == {"amount", "when", "where", "who", "said", "stance", "what"}
    assert sum(i.expect is None for i in items) >= 5
    assert len({i.id for i in items}) == len(items)


def test_examples_accuracy_floor_and_every_citation_valid(examples_db: Path) -> None:
    report = measure(examples_db, "examples")
    assert report.citation_validity == 1.0, "\n".join(report.misses())
    assert report.accuracy >= EXAMPLES_FLOOR, report.table() + "\n" + "\n".join(report.misses())


def test_seeds_accuracy_floor_and_every_citation_valid(seeds_db: Path) -> None:
    report = measure(seeds_db, "seeds")
    assert report.citation_validity == 1.0, "\n".join(report.misses())
    assert report.accuracy >= SEEDS_FLOOR, report.table() + "\n" + "\n".join(report.misses())
    wrong = [
        o.item.question for o in report.outcomes if o.item.id in ISSUE_QUESTIONS and not o.correct
    ]
    assert not wrong, f"the issue's questions answered wrongly: {wrong}"
