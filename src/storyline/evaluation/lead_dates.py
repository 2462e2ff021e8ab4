"""Inferred main-event dates checked on real reports whose lead states its day.

``python -m storyline.evaluation.lead_dates JSONL [--exclude IDS]... [--limit N]``: for
each dated, non-opinion article of the JSONL (storyline's input format; the ids listed
in the ``--exclude`` files, one ``source`` a line, are left out) whose lead sentence is
in a past tense and dates itself with one day word only ("on Monday", "yesterday"), the
day word is taken out and the text analysed again; the date
:func:`~storyline.stages.events_dates.date_events` infers for the lead's main verb is
compared with the day the word gave. The stated day is the silver answer: the measure
says how often an undated lead's inferred date is its day, on text that really had one.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.document import Document, EventMention, Metadata, Sentence, TimeExpression
from storyline.document import document_id as make_id
from storyline.stages.events_dates import date_events, is_opinion
from storyline.stages.registry import REGISTRY, run_stages
from storyline.stages.times import clause_tense

DAY_WORD = re.compile(
    r"^(?:(?:on|last|early|late|earlier|later)\s+)*(?:today|tonight|yesterday|monday|tuesday"
    r"|wednesday|thursday|friday|saturday|sunday)(?:'s|’s)?(?:\s+(?:morning|afternoon|evening"
    r"|night))?$",
    re.IGNORECASE,
)


@dataclass
class Scores:
    reports: int = 0
    right: int = 0
    publication_day: int = 0  # right when the publication day is always taken

    def table(self) -> str:
        n = self.reports or 1
        return (
            f"reports {self.reports}: inferred date right {self.right} ({self.right / n:.3f}); "
            f"the publication day always: {self.publication_day / n:.3f}"
        )


def _analyse(nlp: Any, text: str, published: str) -> tuple[Any, list[Sentence], list[Any]]:
    import storyline.stages.times  # noqa: F401  (registers the stage)

    parse = nlp(text)
    doc = Document(make_id(text), "lead", text, Metadata(published=published))
    layers = run_stages([REGISTRY["sentences"], REGISTRY["times"]], doc, parse)
    sentences = [s for s in layers["sentences"] if isinstance(s, Sentence)]
    times = [t for t in layers["times"] if isinstance(t, TimeExpression)]
    return parse, sentences, times


def _lead(sentences: list[Sentence], text: str) -> Sentence | None:
    for s in sentences[:3]:
        said = text[s.start : s.end].rstrip()
        if len(said.split()) >= 8 and said[-1:] in ".”\"'":
            return s
    return None


def _past(parse: Any, s: Sentence) -> tuple[bool, Any]:
    span = parse.char_span(s.start, s.end, alignment_mode="expand")
    root = span.root
    return clause_tense(parse, root.idx, root.idx + len(root.text)) == "past", root


def score_article(nlp: Any, text: str, published: str, scores: Scores) -> None:
    """Score one article (see the module doc); articles that do not qualify are skipped."""
    parse, sentences, times = _analyse(nlp, text, published)
    lead = _lead(sentences, text)
    if lead is None or not _past(parse, lead)[0]:
        return
    own = [t for t in times if lead.start <= t.start < lead.end]
    if len(own) != 1 or own[0].value is None or len(own[0].value) != 10:
        return
    stated = own[0]
    if (
        not DAY_WORD.match(stated.text.strip())
        or clause_tense(parse, stated.start, stated.end) != "past"
    ):
        return
    before = re.search(r"(?:\bon\s+)?$", text[: stated.start])
    cut = before.start() if before is not None and before.group(0) else stated.start
    joiner = "" if text[stated.end : stated.end + 1] in (",", ".", ";") else " "
    changed = text[:cut].rstrip() + joiner + text[stated.end :].lstrip()
    parse2, sentences2, times2 = _analyse(nlp, changed, published)
    lead2 = _lead(sentences2, changed)
    if lead2 is None:
        return
    root = _past(parse2, lead2)[1]
    main = EventMention(lead2.start, lead2.end, "LEAD", root.text, "lead")
    (got,) = date_events([main], times2, sentences2, parse2, changed, published)
    scores.reports += 1
    scores.right += got.date == stated.value
    scores.publication_day += published == stated.value


def evaluate(path: Path, exclude: set[str], limit: int | None = None, nlp: Any = None) -> Scores:
    if nlp is None:
        from storyline.nlp import load_pipeline

        nlp = load_pipeline()
    scores = Scores()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            published = str(item.get("published") or "")[:10]
            text = str(item.get("text") or "")[:2000]
            if item.get("source") in exclude or len(published) != 10 or is_opinion(text):
                continue
            score_article(nlp, text, published, scores)
            if limit is not None and scores.reports >= limit:
                break
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.evaluation.lead_dates")
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("--exclude", type=Path, action="append", default=[])
    parser.add_argument("--limit", type=int, default=None, help="stop after N reports")
    args = parser.parse_args(argv)
    if not args.jsonl.is_file():
        print(f"no JSONL at {args.jsonl}; pass storyline's JSONL input", file=sys.stderr)
        return 2
    exclude = {x for f in args.exclude for x in f.read_text(encoding="utf-8").split()}
    print(evaluate(args.jsonl, exclude, args.limit).table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
