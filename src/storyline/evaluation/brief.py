"""Measure the brief and the framing on articles written for the purpose.

``tests/framing/corpus`` holds three versions of one fictional event, written with
deliberately different framings, plus two other articles; ``tests/framing/expected.json``
lists the framing differences built into the three versions and the key facts a brief of
all five should state. This prints:

* framing: how many of the built-in differences the framing view recovers (voices, wording,
  emphasis, omissions, exclusive claims, figure disagreements), on the three versions, and
  how many of the wording terms it shows are ones we built in (the others may be real
  differences too, but were not planned);
* brief: how many key facts a 10-line brief of all five articles states, and the share of
  lines whose every citation is valid (it points into its document and the first one is
  the line's own text).

    python -m storyline.evaluation.brief [--corpus DIR] [--expected FILE] [--misses]

``--corpus tests/framing/heldout/corpus --expected tests/framing/heldout/expected.json``
measures the held-out set, written after the rules were frozen.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.store import StoreReader
from storyline.story_views.brief import Brief, build_brief
from storyline.story_views.framing import Framing, OutletFraming, build_framing

HERE = Path(__file__).resolve().parents[3] / "tests" / "framing"
CORPUS = HERE / "corpus"
EXPECTED = HERE / "expected.json"
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Scores:
    framing_found: int
    framing_total: int
    framing_by_kind: dict[str, tuple[int, int]]
    facts_found: int
    facts_total: int
    lines: int
    lines_cited: int
    wording_shown: int
    wording_built: int
    misses: tuple[str, ...]


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def _outlet(framing: Framing, name: str) -> OutletFraming | None:
    return framing.outlet(name)


def framing_check(framing: Framing, item: dict[str, Any]) -> bool:
    """Whether the framing view shows one built-in difference."""
    kind = item["kind"]
    if kind == "disagreement":
        wanted = {_fold(v) for v in item["values"]}
        return any(wanted <= {_fold(v.text) for v in d.values} for d in framing.disagreements)
    o = _outlet(framing, item["outlet"])
    if o is None:
        return False
    if kind == "voice-top":
        return bool(o.voice_groups) and o.voice_groups[0].label == item["group"]
    if kind == "voice":
        return any(
            v.speaker == item["speaker"]
            and v.category == item["category"]
            and (item.get("side") is None or v.side == item["side"])
            for v in o.voices
        )
    if kind == "wording":
        return any(_fold(w.term) == _fold(item["term"]) for w in o.wording)
    if kind == "emphasis":
        return any(e.name == item["actor"] for e in o.emphasis)
    if kind == "omission":
        return any(x.name == item["actor"] for x in o.omissions)
    if kind == "topic-omission":
        return any(_fold(item["contains"]) in _fold(t.name) for t in o.topics_left_out)
    if kind == "claim":
        return any(_fold(item["contains"]) in _fold(c.text) for c in o.claims)
    raise ValueError(f"expected.json: unknown framing kind {kind!r}")


def fact_covered(brief: Brief, fact: dict[str, Any]) -> bool:
    """Whether one line of the brief states a key fact (every group has an alternative)."""
    return any(
        all(any(_fold(alt) in _fold(line.text) for alt in group) for group in fact["all"])
        for line in brief.lines
    )


def line_cited(brief: Brief, texts: dict[str, str], i: int) -> bool:
    """A line is validly cited when it has citations, each inside its document, and the
    first one's evidence is the line's text."""
    line = brief.lines[i]
    if not line.citations:
        return False
    for c in line.citations:
        if c.doc not in texts or not 0 <= c.start < c.end <= len(texts[c.doc]):
            return False
    first = line.citations[0]
    return _fold(texts[first.doc][first.start : first.end]) == _fold(line.text)


def _analyse(paths: Sequence[Path], db: Path) -> None:
    from storyline.engines.local import analyze

    analyze([str(p) for p in paths], db)


def measure(corpus: Path = CORPUS, expected: Path = EXPECTED, work: Path | None = None) -> Scores:
    """Analyse the corpus (twice: the three versions, then all) and score both views."""
    spec = json.loads(expected.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        root = work or Path(tmp)
        versions_db, all_db = root / "versions.db", root / "all.db"
        _analyse([corpus / name for name in spec["versions"]], versions_db)
        _analyse([corpus / name for name in [*spec["versions"], *spec["others"]]], all_db)
        with StoreReader(versions_db) as reader:
            framing = build_framing(reader)
        with StoreReader(all_db) as reader:
            brief = build_brief(reader, length=10)
            texts = {s.document.id: s.document.text for s in reader.documents()}
    misses: list[str] = []
    by_kind: Counter[str] = Counter()
    found_kind: Counter[str] = Counter()
    for item in spec["framing"]:
        by_kind[item["kind"]] += 1
        if framing_check(framing, item):
            found_kind[item["kind"]] += 1
        else:
            misses.append(f"framing {item['kind']}: {item.get('outlet', '')} {item['built']}")
    built = {(i["outlet"], _fold(i["term"])) for i in spec["framing"] if i["kind"] == "wording"}
    outlets = {outlet for outlet, _ in built}
    shown = [
        (o.outlet, _fold(w.term)) for o in framing.outlets if o.outlet in outlets for w in o.wording
    ]
    facts = [f for f in spec["key_facts"] if fact_covered(brief, f)]
    misses += [f"key fact: {f['fact']}" for f in spec["key_facts"] if f not in facts]
    cited = sum(line_cited(brief, texts, i) for i in range(len(brief.lines)))
    return Scores(
        framing_found=sum(found_kind.values()),
        framing_total=len(spec["framing"]),
        framing_by_kind={k: (found_kind[k], n) for k, n in sorted(by_kind.items())},
        facts_found=len(facts),
        facts_total=len(spec["key_facts"]),
        lines=len(brief.lines),
        lines_cited=cited,
        wording_shown=len(shown),
        wording_built=sum(term in built for term in shown),
        misses=tuple(misses),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--expected", type=Path, default=EXPECTED)
    parser.add_argument("--misses", action="store_true", help="list what was not recovered")
    args = parser.parse_args(argv)
    for path in (args.corpus, args.expected):
        if not path.exists():
            print(f"error: {path}: not found; run from a storyline checkout", file=sys.stderr)
            return 2
    s = measure(args.corpus, args.expected)
    share = s.framing_found / s.framing_total if s.framing_total else 0.0
    print(f"framing differences recovered: {s.framing_found}/{s.framing_total} ({share:.3f})")
    for kind, (found, total) in s.framing_by_kind.items():
        print(f"  {kind:<13} {found}/{total}")
    print(f"wording terms shown: {s.wording_shown}, of which built in: {s.wording_built}")
    cover = s.facts_found / s.facts_total if s.facts_total else 0.0
    print(f"brief key-fact coverage: {s.facts_found}/{s.facts_total} ({cover:.3f})")
    valid = s.lines_cited / s.lines if s.lines else 0.0
    print(f"brief lines with valid citations: {s.lines_cited}/{s.lines} ({valid:.3f})")
    if args.misses:
        for miss in s.misses:
            print(f"  miss: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
