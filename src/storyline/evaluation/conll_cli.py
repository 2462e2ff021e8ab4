"""Named entities measured through the real command line on CoNLL-2003.

``python -m storyline.evaluation.conll PATH --through-cli`` writes each CoNLL document as
one JSONL line (``text`` built exactly as :mod:`storyline.evaluation.conll` builds it),
runs ``storyline analyze FILE.jsonl --db …`` and ``storyline export --format json`` in
child processes, and maps every exported entity mention back to the CoNLL tokens.

Ingest may change the text (cleaning drops lines and folds whitespace), so an exported
document's words are aligned with the CoNLL tokens by longest matching runs; a mention
maps to the original characters of the tokens it covers. A mention that does not map
(it lies on a changed token) counts as a wrong prediction; a gold entity in text that
cleaning removed counts as missed — the loss this measure exists to show. Documents
(text, sources, status) come from the JSON export; each mention's type is the entity
stage's label from the CSV export's ``mentions.csv``, mapped as the evaluation module maps
it, and scores are exact span and type, as there. A second figure scores the same spans
with the type of the resolved entity each mention joined in the JSON export (what a user
of the entity list sees: "German" may belong to the GPE Germany).
"""

from __future__ import annotations

import csv
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from storyline.document import EntityType
from storyline.evaluation.conll import TYPE_MAP, ConllDoc, Scores, Span, read_conll

__all__ = ["CliRun", "evaluate_through_cli", "map_offsets"]

_TOKEN = re.compile(r"\S+")


@dataclass
class CliRun:
    """The scores through the CLI, with what cleaning lost on the way."""

    scores: Scores
    by_entity: Scores
    lost_gold: int = 0  # gold entities in text that cleaning removed
    skipped: int = 0  # documents the CLI skipped or did not analyse
    skipped_gold: int = 0  # gold entities in those

    def table(self) -> str:
        p, r, f = self.by_entity.prf(("PER", "ORG", "LOC"))
        return (
            f"{self.scores.table()}\n"
            f"(typed by the resolved entity instead: micro P {p:.1%} R {r:.1%} F1 {f:.1%})\n"
            f"(through the CLI: {self.lost_gold} gold entities in text removed by cleaning; "
            f"{self.skipped} documents skipped or not analysed, with {self.skipped_gold})"
        )


def map_offsets(original: str, changed: str) -> dict[int, int]:
    """Character offsets of ``changed`` → offsets of ``original`` for the words they share.

    Both texts are split at whitespace; the word sequences are aligned by longest matching
    runs (difflib), and each character of an aligned word maps to the same character of
    its original. Characters of words that changed or were added map nowhere.
    """
    a = [(m.start(), m.group()) for m in _TOKEN.finditer(original)]
    b = [(m.start(), m.group()) for m in _TOKEN.finditer(changed)]
    matcher = difflib.SequenceMatcher(None, [w for _, w in a], [w for _, w in b], autojunk=False)
    out: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            (a_at, word), (b_at, _) = a[block.a + k], b[block.b + k]
            for c in range(len(word)):
                out[b_at + c] = a_at + c
    return out


def _storyline(*args: str) -> list[str]:
    """The command line of the installed ``storyline`` run by this interpreter."""
    return [sys.executable, "-m", "storyline.cli", *args]


def _run(args: list[str]) -> None:
    done = subprocess.run(args, capture_output=True, text=True, env=os.environ.copy())
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args[2:])} failed ({done.returncode}): {done.stderr.strip()[-2000:]}"
        )


def write_jsonl(docs: Sequence[ConllDoc], path: Path, clean: str | None = None) -> None:
    """One JSONL line per document: its text (and a ``clean`` field when given)."""
    with path.open("w", encoding="utf-8") as fh:
        for n, doc in enumerate(docs):
            line: dict[str, str] = {"source": f"conll:{n}", "text": doc.text}
            if clean is not None:
                line["clean"] = clean
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")


def analyse_through_cli(
    jsonl: Path, work: Path, *options: str
) -> tuple[dict[str, Any], dict[str, set[tuple[int, int, str]]]]:
    """Analyse ``jsonl`` with ``storyline analyze`` (and ``options``) into a new database in
    ``work``, export it as JSON and csv, and return the story and each document's mentions
    as ``(start, end, CoNLL label)`` (their labels as the entity stage gave them)."""
    db, export = work / f"{jsonl.stem}.db", work / f"{jsonl.stem}.json"
    for stale in (db, export):
        stale.unlink(missing_ok=True)
    _run(_storyline("analyze", str(jsonl), "--db", str(db), "--quiet", *options))
    _run(_storyline("export", "--db", str(db), "--format", "json", "-o", str(export)))
    _run(_storyline("export", "--db", str(db), "--format", "csv", "-o", str(work / "csv")))
    story = json.loads(export.read_text(encoding="utf-8"))
    with (work / "csv" / "mentions.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    labelled: dict[str, set[tuple[int, int, str]]] = {}
    for row in rows:
        label = TYPE_MAP.get(cast(EntityType, row["label"]))
        if label is not None:
            labelled.setdefault(row["doc_id"], set()).add(
                (int(row["start"]), int(row["end"]), label)
            )
    return story, labelled


def evaluate_through_cli(
    path: Path,
    limit: int | None = None,
    *,
    workdir: Path | None = None,
    clean: str | None = None,
    cli_clean: str | None = None,
    workers: int = 1,
) -> CliRun:
    """Score entities of ``storyline analyze`` + ``export`` on a CoNLL-2003 file.

    ``clean`` sets each JSONL line's ``clean`` field, ``cli_clean`` passes ``--clean``;
    by default neither is given and the CLI cleans by input kind.
    """
    started = time.perf_counter()
    docs = read_conll(path, limit)
    with tempfile.TemporaryDirectory(prefix="storyline-conll-") as tmp:
        work = workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        jsonl = work / "conll.jsonl"
        write_jsonl(docs, jsonl, clean)
        options = ["--workers", str(workers)] + (
            ["--clean", cli_clean] if cli_clean is not None else []
        )
        story, labelled = analyse_through_cli(jsonl, work, *options)
    typed: dict[str, set[tuple[int, int, str]]] = {}
    for entity in story["entities"]:
        kind = TYPE_MAP.get(cast(EntityType, entity["type"]))
        if kind is None:
            continue
        for m in entity["mentions"]:
            typed.setdefault(m["doc"], set()).add((m["start"], m["end"], kind))
    run = _score(docs, story["documents"], labelled, typed)
    run.scores.seconds = time.perf_counter() - started
    return run


def _score(
    docs: Sequence[ConllDoc],
    exported_docs: Sequence[dict[str, Any]],
    labelled: dict[str, set[tuple[int, int, str]]],
    typed: dict[str, set[tuple[int, int, str]]],
) -> CliRun:
    by_source: dict[str, dict[str, Any]] = {}
    for d in exported_docs:
        for source in d.get("sources") or [d["source"]]:
            by_source[source] = d
    run = CliRun(Scores(), Scores())
    for n, conll in enumerate(docs):
        exported = by_source.get(f"conll:{n}")
        if exported is None or exported["status"] != "analysed":
            run.skipped += 1
            run.skipped_gold += len(conll.gold)
            run.scores.add(set(), conll.gold)
            run.by_entity.add(set(), conll.gold)
            continue
        mapping = map_offsets(conll.text, exported["text"])
        reached = set(mapping.values())
        run.lost_gold += sum(1 for s, e, _ in conll.gold if s not in reached)
        run.scores.add(_mapped(labelled.get(exported["id"], set()), mapping), conll.gold)
        run.by_entity.add(_mapped(typed.get(exported["id"], set()), mapping), conll.gold)
    return run


def _mapped(spans: set[tuple[int, int, str]], mapping: dict[int, int]) -> set[Span]:
    """Spans of the exported text as spans of the CoNLL text; one that does not map stays
    a distinct prediction that matches no gold span."""
    out: set[Span] = set()
    for k, (start, end, label) in enumerate(sorted(spans)):
        a, b = mapping.get(start), mapping.get(end - 1)
        out.add((a, b + 1, label) if a is not None and b is not None else (-1 - k, -1, label))
    return out
