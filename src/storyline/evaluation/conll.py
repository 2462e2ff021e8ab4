"""Named entities measured on CoNLL-2003: ``python -m storyline.evaluation.conll PATH``.

Each document of the file (``token POS chunk IOB1-tag`` lines; ``-DOCSTART-`` starts a
document, a blank line ends a sentence) is rebuilt as text, tokens joined by spaces and
sentences by newlines, keeping every token's character offsets. The text goes through
spaCy (``nlp.pipe``) and the ``sentences`` and ``entities`` stages; the mentions are
compared with the gold spans by exact character span and type.

Our types map to CoNLL's: ``PERSON`` → PER, ``ORG`` → ORG, ``GPE``/``LOC`` (spaCy's FAC is
already LOC) → LOC, and ``NORP``/``EVENT``/``WORK``/``OTHER`` → MISC. Micro P/R/F1 is over
PER, ORG and LOC; MISC is reported on its own, since CoNLL's MISC (nationalities, events,
titles) and ours differ by design. ``--baseline`` scores spaCy's own entities, mapped the
same way, to show what the stage adds. ``--through-cli`` measures the same documents fed
as JSONL through ``storyline analyze`` and ``export`` (:mod:`storyline.evaluation.conll_cli`),
so what ingest does to the text counts too.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.document import Document, EntityType, Mention, Metadata, document_id
from storyline.stages.registry import REGISTRY, run_stages

CORE_TYPES = ("PER", "ORG", "LOC")
ALL_TYPES = (*CORE_TYPES, "MISC")
TYPE_MAP: dict[EntityType, str] = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK": "MISC",
    "OTHER": "MISC",
}
_SPACY_MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "PRODUCT": "MISC",
}

Span = tuple[int, int, str]  # start, end, CoNLL type


@dataclass(frozen=True, slots=True)
class ConllDoc:
    """One CoNLL document as text, with its gold entity spans."""

    text: str
    gold: frozenset[Span]


def _gold_spans(tokens: Sequence[tuple[int, int, str]]) -> Iterator[Span]:
    """IOB1 tags → spans: I-X continues an X span, B-X starts a new one next to it."""
    current: list[int] | None = None
    ctype = ""
    for start, end, tag in tokens:
        prefix, _, etype = tag.partition("-")
        if tag == "O" or prefix not in ("I", "B"):
            if current is not None:
                yield current[0], current[1], ctype
            current = None
            continue
        if current is not None and (prefix == "B" or etype != ctype):
            yield current[0], current[1], ctype
            current = None
        if current is None:
            current, ctype = [start, end], etype
        else:
            current[1] = end
    if current is not None:
        yield current[0], current[1], ctype


def read_conll(path: Path, limit: int | None = None) -> list[ConllDoc]:
    """The documents of a CoNLL-2003 file (at most ``limit``)."""
    docs: list[ConllDoc] = []
    sentences: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []

    def flush_doc() -> None:
        if sentence:
            sentences.append(list(sentence))
            sentence.clear()
        if sentences:
            docs.append(_build_doc(sentences))
            sentences.clear()

    with path.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if not parts:
                if sentence:
                    sentences.append(list(sentence))
                    sentence.clear()
                continue
            if parts[0] == "-DOCSTART-":
                flush_doc()
                if limit is not None and len(docs) >= limit:
                    return docs
                continue
            sentence.append((parts[0], parts[-1]))
    flush_doc()
    return docs[:limit] if limit is not None else docs


def _build_doc(sentences: Sequence[Sequence[tuple[str, str]]]) -> ConllDoc:
    pieces: list[str] = []
    offset = 0
    tagged: list[tuple[int, int, str]] = []
    for n, sent in enumerate(sentences):
        if n:
            pieces.append("\n")
            offset += 1
        for i, (word, tag) in enumerate(sent):
            if i:
                pieces.append(" ")
                offset += 1
            tagged.append((offset, offset + len(word), tag))
            pieces.append(word)
            offset += len(word)
        tagged.append((offset, offset, "O"))  # a sentence break ends any span
    return ConllDoc("".join(pieces), frozenset(_gold_spans(tagged)))


@dataclass
class Scores:
    """True positives, predictions and gold counts per CoNLL type."""

    tp: Counter[str] = field(default_factory=Counter)
    pred: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    seconds: float = 0.0

    def add(self, predicted: set[Span], gold: frozenset[Span]) -> None:
        self.documents += 1
        for _, _, t in predicted:
            self.pred[t] += 1
        for _, _, t in gold:
            self.gold[t] += 1
        for _, _, t in predicted & gold:
            self.tp[t] += 1

    def prf(self, types: Sequence[str]) -> tuple[float, float, float]:
        tp = sum(self.tp[t] for t in types)
        pred = sum(self.pred[t] for t in types)
        gold = sum(self.gold[t] for t in types)
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def table(self) -> str:
        rows = [f"{'type':<6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
        for label, types in [*((t, (t,)) for t in ALL_TYPES), ("micro", CORE_TYPES)]:
            p, r, f = self.prf(types)
            gold = sum(self.gold[t] for t in types)
            pred = sum(self.pred[t] for t in types)
            rows.append(f"{label:<6} {p:6.1%} {r:6.1%} {f:6.1%} {gold:6d} {pred:6d}")
        rows.append(
            f"({self.documents} documents, {self.seconds:.1f} s; micro is over PER, ORG, LOC)"
        )
        return "\n".join(rows)


def _predicted(mentions: Sequence[Mention]) -> set[Span]:
    return {(m.start, m.end, TYPE_MAP[m.label]) for m in mentions}


def _spacy_predicted(parse: Any) -> set[Span]:
    return {
        (e.start_char, e.end_char, _SPACY_MAP[e.label_])
        for e in parse.ents
        if e.label_ in _SPACY_MAP
    }


def evaluate(
    path: Path, limit: int | None = None, *, baseline: bool = False, nlp: Any = None
) -> Scores:
    """Score the entities stage (or spaCy alone, with ``baseline``) on a CoNLL-2003 file."""
    import storyline.stages  # noqa: F401  (registers the stages)
    from storyline.nlp import load_pipeline

    started = time.perf_counter()
    nlp = nlp if nlp is not None else load_pipeline()
    docs = read_conll(path, limit)
    chain = [REGISTRY["sentences"], REGISTRY["entities"]]
    scores = Scores()
    for n, (conll, parse) in enumerate(zip(docs, nlp.pipe(d.text for d in docs), strict=True)):
        if baseline:
            scores.add(_spacy_predicted(parse), conll.gold)
            continue
        document = Document(document_id(conll.text), f"{path.name}:{n}", conll.text, Metadata())
        mentions = run_stages(chain, document, parse)["mentions"]
        scores.add(_predicted([m for m in mentions if isinstance(m, Mention)]), conll.gold)
    scores.seconds = time.perf_counter() - started
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m storyline.evaluation.conll",
        description="Score storyline's entities on a CoNLL-2003 file (exact span and type).",
    )
    parser.add_argument("path", type=Path, help="a CoNLL-2003 file, e.g. eng.testa")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--baseline", action="store_true", help="score spaCy's NER alone")
    parser.add_argument(
        "--through-cli",
        action="store_true",
        help="run the documents as JSONL through `storyline analyze` and `export` instead",
    )
    parser.add_argument(
        "--clean",
        choices=("auto", "full", "light", "none"),
        default=None,
        help="with --through-cli: pass --clean to analyze (default: none given, i.e. auto)",
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="with --through-cli: analyze --workers"
    )
    args = parser.parse_args(argv)
    if not args.path.is_file():
        print(f"error: {args.path} is not a file; give the path of eng.testa", file=sys.stderr)
        return 2
    if args.through_cli:
        from storyline.evaluation.conll_cli import evaluate_through_cli

        run = evaluate_through_cli(
            args.path, args.limit, cli_clean=args.clean, workers=args.workers
        )
        print(run.table())
        return 0
    print(evaluate(args.path, args.limit, baseline=args.baseline).table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
