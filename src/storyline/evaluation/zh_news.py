"""Chinese named entities measured through the real command line on paragraphs we wrote.

``python -m storyline.evaluation.zh_news [FILE]`` (default ``tests/gold/zh_news_ner.jsonl``:
22 short news paragraphs in the style of a Chinese daily, about fictional or generic
events, written and annotated for this measure; one JSON object a line with ``text`` and
``names`` by type, PER/ORG/LOC). Every occurrence of an annotated name is a gold span,
except where it lies inside a longer annotated name (中国 in 中国人民银行). Names hold no
titles (毛宁, not 外交部发言人毛宁). Scored through ``storyline analyze`` + ``export`` as
:mod:`storyline.evaluation.factrueval` scores Russian.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from storyline.evaluation.conll import Scores, Span
from storyline.evaluation.factrueval import score_through_cli

DEFAULT_FILE = Path(__file__).resolve().parents[3] / "tests" / "gold" / "zh_news_ner.jsonl"


def gold_spans(text: str, names: dict[str, list[str]]) -> frozenset[Span]:
    """Every occurrence of every annotated name, but not inside a longer one."""
    found: list[Span] = []
    for label, surfaces in names.items():
        for surface in surfaces:
            at = text.find(surface)
            while at >= 0:
                found.append((at, at + len(surface), label))
                at = text.find(surface, at + 1)
    return frozenset(
        s
        for s in found
        if not any(o[0] <= s[0] and s[1] <= o[1] and o[1] - o[0] > s[1] - s[0] for o in found)
    )


def evaluate(path: Path = DEFAULT_FILE) -> Scores:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            items.append((f"zh:{row['id']}", row["text"], gold_spans(row["text"], row["names"])))
    return score_through_cli(items)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE)
    print(evaluate(parser.parse_args(argv).file).table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
