"""Russian named entities measured through the real command line on factRuEval-2016.

``python -m storyline.evaluation.factrueval [DEVSET]`` (default
``../shared/datasets/factrueval-2016/devset``) writes each ``NAME.txt`` as one JSONL line,
runs ``storyline analyze FILE.jsonl`` and ``storyline export`` (JSON and CSV) in child
processes, maps every exported mention back to the original text (ingest may fold
whitespace; :func:`storyline.evaluation.conll_cli.map_offsets`) and scores exact span and
type against the gold objects.

The gold: factRuEval's objects (``.objects``: ``id Type span_id…``) over its spans
(``.spans``: ``id type char_offset length …``). Person → PER, Org → ORG, Location and LocOrg
→ LOC (Project is left out). storyline's mention spans hold the *name* only, so a gold
object's span covers its name spans only — a person's name, surname, patronymic and
nickname; an organisation's ``org_name``; a place's ``loc_name`` — from the first to the
last; an object with no name span (an organisation described, "мэрии Москвы", whose only
name is the city's, itself a LocOrg object) is not a gold name. Predictions: the entity
stage's label of each mention from the CSV export (PERSON → PER, ORG → ORG, GPE/LOC → LOC).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from storyline.evaluation.conll import Scores, Span
from storyline.evaluation.conll_cli import analyse_through_cli, map_offsets

DEFAULT_DEVSET = Path("../shared/datasets/factrueval-2016/devset")
_OBJECT_TYPES = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
_NAME_SPANS = {
    "PER": {"name", "surname", "patronymic", "nickname"},
    "ORG": {"org_name"},
    "LOC": {"loc_name", "org_name"},
}


@dataclass(frozen=True, slots=True)
class FactDoc:
    """One factRuEval text with its gold name spans (character offsets, end exclusive)."""

    name: str
    text: str
    gold: frozenset[Span]


def read_devset(folder: Path, limit: int | None = None) -> list[FactDoc]:
    """Every ``NAME.txt`` of the folder with its gold names (see the module docstring)."""
    docs: list[FactDoc] = []
    for path in sorted(folder.glob("*.txt"))[:limit]:
        text = path.read_text(encoding="utf-8-sig")
        spans: dict[str, tuple[str, int, int]] = {}
        for line in path.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
            fields = line.split("#", 1)[0].split()
            if len(fields) >= 4:
                start = int(fields[2])
                spans[fields[0]] = (fields[1], start, start + int(fields[3]))
        gold: set[Span] = set()
        for line in path.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
            fields = line.split("#", 1)[0].split()
            if len(fields) < 3 or fields[1] not in _OBJECT_TYPES:
                continue
            label = _OBJECT_TYPES[fields[1]]
            named = [spans[s] for s in fields[2:] if s in spans]
            named = [s for s in named if s[0] in _NAME_SPANS[label]]
            if named:
                gold.add((min(s[1] for s in named), max(s[2] for s in named), label))
        docs.append(FactDoc(path.stem, text, frozenset(gold)))
    return docs


def evaluate(folder: Path, limit: int | None = None, workdir: Path | None = None) -> Scores:
    """Score the Russian entity stage through ``storyline analyze`` and ``export``."""
    docs = read_devset(folder, limit)
    return score_through_cli([(f"factru:{d.name}", d.text, d.gold) for d in docs], workdir)


def score_through_cli(
    items: list[tuple[str, str, frozenset[Span]]], workdir: Path | None = None
) -> Scores:
    """Analyse ``(source, text, gold)`` items as one JSONL file through the CLI and score the
    exported mentions (exact span and type) against each item's gold."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="storyline-ner-") as tmp:
        work = workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        jsonl = work / "ner.jsonl"
        with jsonl.open("w", encoding="utf-8") as fh:
            for source, text, _ in items:
                line = {"source": source, "text": text, "clean": "none"}
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        story, labelled = analyse_through_cli(jsonl, work)
    by_source = {s: d for d in story["documents"] for s in d.get("sources") or [d["source"]]}
    scores = Scores()
    for source, text, gold in items:
        exported = by_source.get(source)
        if exported is None or exported["status"] != "analysed":
            scores.add(set(), gold)
            continue
        mapping = map_offsets(text, exported["text"])
        predicted: set[Span] = set()
        for k, (start, end, label) in enumerate(sorted(labelled.get(exported["id"], set()))):
            a, b = mapping.get(start), mapping.get(end - 1)
            span = (a, b + 1, label) if a is not None and b is not None else (-1 - k, -1, label)
            predicted.add(span)
        scores.add(predicted, gold)
    scores.seconds = time.perf_counter() - started
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("devset", nargs="?", type=Path, default=DEFAULT_DEVSET)
    parser.add_argument("--limit", type=int, default=None, help="only the first N texts")
    args = parser.parse_args(argv)
    if not args.devset.is_dir():
        print(f"no factRuEval devset at {args.devset}; pass its folder", file=sys.stderr)
        return 2
    print(evaluate(args.devset, args.limit).table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
