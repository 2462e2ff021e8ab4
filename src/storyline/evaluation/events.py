"""Event mentions checked by eye: the events stage over a seeded sample of articles.

``python -m storyline.evaluation.events JSONL --articles 300 --seed 1 [--skip FILE ...]``
reads a JSONL corpus, leaves out the articles whose ``source`` is listed in a ``--skip``
file (ids one a line, or a judged file's first column: the held-out lists, an earlier
sample), shuffles the rest with the seed and analyses the first N English ones up to the
``events`` stage. It prints how many event mentions they hold by PLOVER type and per
article, then draws ``--sample`` mentions (40; ``random.Random(40)``) and prints each with
its type, trigger, label, date and sentence, for a reader to judge. The verdicts go to a
tab-separated file: ``source``, ``start``, ``end``, ``type``, ``trigger``, ``label``,
``date``, ``type_ok`` and ``real_event`` (``yes``/``no``) and a note — ids and judgments
only, no article text (lines starting with ``#`` are comments).

``--score FILE`` prints the precision of a judged file: the share of mentions whose type is
right and that report a real event (not a hypothesis, a denial, a habit or page furniture).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.document import Document, EventMention


@dataclass(frozen=True, slots=True)
class Judged:
    source: str
    start: int
    type: str
    ok: bool


def read_judged(path: Path) -> list[Judged]:
    """The verdicts of a judged file (see the module docstring)."""
    out: list[Judged] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if not row or row[0].startswith("#") or row[0] == "source":
                continue
            flags = [v.strip().lower() for v in row[7:9]]
            if len(flags) != 2 or any(v not in ("yes", "no") for v in flags):
                raise ValueError(
                    f"{path}: type_ok/real_event {row[7:9]} for {row[0]}:{row[1]} must be "
                    "'yes' or 'no'; fix the line"
                )
            out.append(Judged(row[0], int(row[1]), row[3], flags == ["yes", "yes"]))
    return out


def precision(judged: Sequence[Judged]) -> float:
    return sum(j.ok for j in judged) / len(judged) if judged else 0.0


def _skipped(paths: Iterable[Path]) -> set[str]:
    out: set[str] = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            first = line.split("\t", 1)[0].strip()
            if first and not first.startswith("#"):
                out.add(first)
    return out


def chosen(lines: Sequence[str], n: int, seed: int, skip: set[str]) -> list[str]:
    """Up to ``2 * n`` JSONL lines not skipped, in the seed's order (some may not be
    English or may be empty; the caller takes the first ``n`` documents it can analyse)."""
    keep = [ln for ln in lines if ln.strip() and json.loads(ln).get("source") not in skip]
    random.Random(seed).shuffle(keep)
    return keep[: 2 * n]


MAX_CHARS = 30_000  # longer documents are left out of a sample (it stays quick to analyse)


def analyse(lines: Sequence[str], n: int, tmp: Path) -> list[tuple[Document, list[EventMention]]]:
    """The first ``n`` English documents of ``lines`` (of at most :data:`MAX_CHARS`
    characters) with their event mentions."""
    import storyline.stages  # noqa: F401  (registers the stages)
    from storyline.ingest import iter_inputs, prepare
    from storyline.nlp import load_pipeline
    from storyline.stages.registry import REGISTRY, run_stages

    path = tmp / "sample.jsonl"
    path.write_text("".join(ln.rstrip("\n") + "\n" for ln in lines), encoding="utf-8")
    nlp = load_pipeline()
    chain = [REGISTRY[s] for s in ("sentences", "entities", "times", "events")]
    out: list[tuple[Document, list[EventMention]]] = []
    for raw in iter_inputs([str(path)]):
        if len(out) >= n:
            break
        doc = prepare(raw) if not hasattr(raw, "reason") else raw
        if not isinstance(doc, Document) or doc.meta.language != "en":
            continue
        if len(doc.text) > MAX_CHARS:
            continue
        found = run_stages(chain, doc, nlp(doc.text))["events"]
        out.append((doc, [e for e in found if isinstance(e, EventMention)]))
    return out


def report(analysed: Sequence[tuple[Document, list[EventMention]]], k: int) -> str:
    """Counts by type, mentions per article, and ``k`` mentions drawn for judging."""
    rows = [(d, e) for d, es in analysed for e in es]
    counts = Counter(e.type for _, e in rows)
    n = len(analysed)
    lines = [f"articles {n}  event mentions {len(rows)}  per article {len(rows) / max(n, 1):.2f}"]
    lines += [f"  {t:10s} {c}" for t, c in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]
    lines.append("source\tstart\tend\ttype\ttrigger\tlabel\tdate\tsentence")
    for d, e in random.Random(40).sample(rows, min(k, len(rows))):
        sentence = " ".join(d.text[e.start : e.end].split())
        cells = [d.source, str(e.start), str(e.end), e.type, e.trigger, e.label, e.date or ""]
        lines.append("\t".join([*cells, sentence]))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.evaluation.events")
    parser.add_argument("jsonl", nargs="?", type=Path)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--skip", type=Path, action="append", default=[])
    parser.add_argument("--score", type=Path)
    args = parser.parse_args(argv)
    if args.score is not None:
        judged = read_judged(args.score)
        ok = sum(j.ok for j in judged)
        print(f"{args.score}: precision {precision(judged):.0%} ({ok}/{len(judged)})")
        return 0
    if args.jsonl is None:
        parser.error("give a JSONL corpus to sample, or --score FILE")
    import tempfile

    lines = args.jsonl.read_text(encoding="utf-8").splitlines()
    picked = chosen(lines, args.articles, args.seed, _skipped(args.skip))
    with tempfile.TemporaryDirectory() as tmp:
        print(report(analyse(picked, args.articles, Path(tmp)), args.sample))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
