"""Figures measured on short news-style articles annotated by hand (``tests/gold/figures``).

``python -m storyline.evaluation.figures [FOLDER]``: FOLDER holds the articles (``.txt``)
and ``gold.json`` (default: the repository's ``tests/gold/figures``). Each gold figure has
its words (``text``, looked up in the article, inside ``context`` when that is given),
``value`` in base units, ``unit``, and for trade and energy figures its ``kind``. The
articles are full of traps that are not figures (years, "2012-13", times of day, ordinal
dates, phone-number-like strings, ages, durations, "tens of billions"), which are not
listed and count against precision when found. Only *salient* figures are scored (money,
shares, counts, goods, energy, distances: ``Figure.salient``): the stage also extracts
ages and durations as figures of their own, which the gold leaves out.

Each article goes through spaCy, the ``sentences``, ``entities`` and ``figures`` stages with
its published date. Scores:

* a found figure **matches** a gold one when their spans share a character, their values
  are within 0.5% of each other and their units are equal (each figure matches at most once);
* **precision**: matched found figures / found figures; **recall**: matched gold figures /
  gold figures; **F1** their harmonic mean;
* **kind accuracy**: over gold figures with a kind, the share matched by a found figure of
  that kind (a missed figure counts as wrong).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.document import Document, Figure, Metadata, document_id
from storyline.stages.registry import REGISTRY, run_stages

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "tests" / "gold" / "figures"
TOLERANCE = 0.005


@dataclass(frozen=True, slots=True)
class GoldFigure:
    start: int
    end: int
    value: float
    unit: str
    kind: str | None


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    text: str
    published: str | None
    gold: tuple[GoldFigure, ...]


@dataclass(slots=True)
class Scores:
    gold: int = 0
    found: int = 0
    matched_gold: int = 0
    matched_found: int = 0
    kinds: int = 0
    kinds_right: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched_found / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.kinds_right / self.kinds if self.kinds else 0.0

    def table(self) -> str:
        return "\n".join(
            [
                f"gold figures {self.gold}, found {self.found}",
                f"value+unit precision {self.precision:.3f}  recall {self.recall:.3f}  "
                f"F1 {self.f1:.3f}",
                f"kind accuracy (trade/energy) {self.kind_accuracy:.3f} "
                f"({self.kinds_right}/{self.kinds})",
            ]
        )


def read_articles(folder: Path) -> list[Article]:
    """The annotated articles of ``folder`` (``gold.json`` and the texts it names)."""
    data = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    articles: list[Article] = []
    for entry in data["articles"]:
        text = (folder / entry["file"]).read_text(encoding="utf-8")
        gold: list[GoldFigure] = []
        for g in entry["figures"]:
            context = g.get("context", g["text"])
            at = text.find(context)
            if at < 0 or text.find(context, at + 1) >= 0:
                raise ValueError(f"{entry['file']}: {context!r} is not in the text exactly once")
            start = at + context.index(g["text"])
            end = start + len(g["text"])
            gold.append(GoldFigure(start, end, float(g["value"]), g["unit"], g.get("kind")))
        articles.append(Article(entry["file"], text, entry.get("published"), tuple(gold)))
    return articles


def figures_of(article: Article, nlp: Any) -> tuple[Figure, ...]:
    """The salient figures the stages find in an article (ages, durations, speeds… are
    extracted too, but the gold lists the figures a story argues about)."""
    import storyline.stages
    import storyline.stages.figures  # noqa: F401

    chain = [REGISTRY["sentences"], REGISTRY["entities"], REGISTRY["figures"]]
    meta = Metadata(published=article.published)
    document = Document(document_id(article.text), article.name, article.text, meta)
    found = run_stages(chain, document, nlp(article.text))["figures"]
    return tuple(f for f in found if isinstance(f, Figure) and f.salient)


def _matches(f: Figure, g: GoldFigure) -> bool:
    overlap = f.start < g.end and f.end > g.start
    close = abs(f.value - g.value) <= TOLERANCE * max(abs(g.value), 1e-9)
    return overlap and close and f.unit == g.unit


def score(article: Article, found: Sequence[Figure], scores: Scores) -> None:
    """Add one article's counts to ``scores`` (and a line per error)."""
    used: set[int] = set()
    scores.gold += len(article.gold)
    scores.found += len(found)
    for g in article.gold:
        hit = next(
            (i for i, f in enumerate(found) if i not in used and _matches(f, g)),
            None,
        )
        words = article.text[g.start : g.end]
        if hit is not None:
            used.add(hit)
            scores.matched_gold += 1
        else:
            near = [
                f"{f.text!r}={f.value:g} {f.unit}"
                for f in found
                if f.start < g.end and f.end > g.start
            ]
            scores.errors.append(f"{article.name}: missed {words!r} {g.value:g} {g.unit} {near}")
        if g.kind is not None:
            scores.kinds += 1
            got = found[hit].kind if hit is not None else None
            if got == g.kind:
                scores.kinds_right += 1
            else:
                scores.errors.append(f"{article.name}: kind of {words!r} {got} != {g.kind}")
    scores.matched_found += len(used)
    for i, f in enumerate(found):
        if i not in used:
            scores.errors.append(f"{article.name}: spurious {f.text!r} {f.value:g} {f.unit}")


def evaluate(folder: Path = DEFAULT_PATH, nlp: Any = None) -> Scores:
    """Scores over every article of ``folder``."""
    if nlp is None:
        from storyline.nlp import load_pipeline

        nlp = load_pipeline()
    scores = Scores()
    for article in read_articles(folder):
        score(article, figures_of(article, nlp), scores)
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--errors", action="store_true", help="list every error")
    args = parser.parse_args(argv)
    scores = evaluate(args.folder)
    if args.errors:
        for line in scores.errors:
            print(line)
    print(scores.table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
