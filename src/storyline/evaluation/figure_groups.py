"""Figure groups checked by eye: a seeded sample of an analysed database's groups.

``python -m storyline.evaluation.figure_groups DB [--sample N] [--seed S]`` prints how many
figure groups the database holds and how many of them disagree, then N groups drawn at
random (the same N for the same seed and database), each with what it measures and every
member: its outlet, published date, words, value, kind, period, place and the sentence it
stands in. A reader judges each group *sound* when all its members measure one thing (the
same subject and measure, the same place or none, the same period and kind) and writes the
verdicts to a tab-separated file of ``group_id``, ``verdict`` (``sound``/``unsound``) and
``reason``, one group a line (lines starting with ``#`` are comments).

``--exclude FILE`` leaves out the groups already judged in FILE (a new sample after a
change); ``--score FILE`` prints the precision of the judged groups instead of a sample.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.store import layers
from storyline.store.reader import StoreReader


@dataclass(frozen=True, slots=True)
class Judged:
    group_id: str
    sound: bool
    reason: str


def read_judged(path: Path) -> list[Judged]:
    """The verdicts of a judged file (see the module docstring)."""
    out: list[Judged] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if not row or row[0].startswith("#") or row[0] == "group_id":
                continue
            verdict = row[1].strip().lower()
            if verdict not in ("sound", "unsound"):
                raise ValueError(
                    f"{path}: verdict {row[1]!r} for {row[0]} is neither 'sound' nor "
                    "'unsound'; fix the line"
                )
            out.append(Judged(row[0], verdict == "sound", row[2] if len(row) > 2 else ""))
    return out


def precision(judged: Sequence[Judged]) -> float:
    return sum(j.sound for j in judged) / len(judged) if judged else 0.0


def sample(
    groups: Sequence[dict[str, Any]], n: int, seed: int, exclude: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """n groups drawn at random with ``seed``, ignoring the order they were stored in."""
    skip = set(exclude)
    pool = sorted((g for g in groups if g["id"] not in skip), key=lambda g: g["id"])
    return random.Random(seed).sample(pool, min(n, len(pool)))


def _sentence(text: str, spans: Sequence[tuple[int, int]], start: int) -> str:
    for a, b in spans:
        if a <= start < b:
            return " ".join(text[a:b].split())
    return " ".join(text[max(0, start - 150) : start + 150].split())


def show(db: Path, n: int, seed: int, exclude: Iterable[str], out: Any) -> None:
    with StoreReader(db) as reader:
        groups = layers.export_figure_groups(reader.conn)
        figures = {f["id"]: f for f in layers.export_figures(reader.conn)}
        disagree = sum(not g["agree"] for g in groups)
        print(f"{len(groups)} figure groups, {disagree} disagree", file=out)
        picked = sample(groups, n, seed, exclude)
        docs = {
            d.document.id: d.document
            for d in reader.documents()
            if any(figures[f]["doc"] == d.document.id for g in picked for f in g["figures"])
        }
        for i, g in enumerate(picked, 1):
            verdict = "agree" if g["agree"] else "DISAGREE"
            print(
                f"\n## {i}. {g['id']}  {verdict}  [{g['label']}]  unit={g['unit']} "
                f"kind={g['kind']} period={g['period']} place={g.get('place')}",
                file=out,
            )
            for fid in g["figures"]:
                f = figures[fid]
                doc = docs[f["doc"]]
                spans = [(s.start, s.end) for s in reader.sentences(doc.id)]
                print(
                    f"  - {doc.meta.outlet} {doc.meta.published or doc.meta.inferred_date} "
                    f"{f['text']!r}={f['value']:g} kind={f['kind']} period={f['period']} "
                    f"place={f.get('place')}",
                    file=out,
                )
                print(f"    {_sentence(doc.text, spans, f['start'])}", file=out)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m storyline.evaluation.figure_groups", description=__doc__.split("\n")[0]
    )
    ap.add_argument("db", type=Path, nargs="?", help="an analysed database")
    ap.add_argument("--sample", type=int, default=50, help="how many groups to show (50)")
    ap.add_argument("--seed", type=int, default=16, help="the random seed of the sample (16)")
    ap.add_argument("--exclude", type=Path, action="append", default=[],
                    help="leave out the groups judged in this file (repeatable)")  # fmt: skip
    ap.add_argument("--score", type=Path, help="print the precision of this judged file")
    args = ap.parse_args(argv)
    if args.score is not None:
        judged = read_judged(args.score)
        sound = sum(j.sound for j in judged)
        print(f"{sound}/{len(judged)} groups sound: precision {precision(judged):.0%}")
        return 0
    if args.db is None or not args.db.is_file():
        print(f"error: no database at {args.db}; analyse a corpus first", file=sys.stderr)
        return 2
    exclude = [j.group_id for path in args.exclude for j in read_judged(path)]
    show(args.db, args.sample, args.seed, exclude, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
