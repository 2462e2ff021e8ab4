"""Quotes and speakers measured on PolNeAR: ``python -m storyline.evaluation.polnear``.

PolNeAR (``../shared/datasets/polnear``) annotates attributions in political news as brat
standoff files: ``Source`` (who), ``Cue`` (the speech verb), ``Content`` (what was said),
tied by ``E`` lines (``Attribution:T4 Content:T3 Cue:T2 Source:T1``); a span may have
several fragments (``315 448;463 553``). Articles with two annotators' files are scored on
one: the first file by name. Each text goes through spaCy and the ``sentences``,
``entities`` and ``quotes`` stages.

**Matching.** Our quote and a gold Content match when they overlap by at least half of
the shorter of the two (in characters; a gold span's fragments count as one set of
characters). Pairs are matched one to one, largest overlap first. Precision is the share
of our quotes matched, recall the share of gold Contents matched.

**Speaker accuracy** is over matched pairs whose gold attribution has a Source: it is right
when our speaker mention, or ``speaker_text`` found in the text nearest the quote (so a
pronoun "he" counts when the gold Source is that "he"), overlaps the gold Source.

**Direct-quote F1** (the headline number) restricts gold to Contents that are direct
quotations: the Content text, stripped of spaces and final punctuation, opens with a quote
mark and closes with one (``“…,” said X. “…”`` is one Content of two fragments), or sits
right between marks. Our side is the ``direct=True`` quotes, where consecutive ones with the
same speaker and only a short attribution between them in one paragraph ("…,” she said.
“…") count as one, as PolNeAR annotates them. A pair matches when ours covers at least half
of the gold Content's characters and the gold covers at least half of ours (spaces and quote
marks not counted); pairs are matched one to one, largest overlap first. Speaker accuracy
is measured on those pairs as above.

PolNeAR annotates more than speech (beliefs, "reports", "polls show", "sources say"
inside headlines), so recall has a ceiling well under 100 on speech cues alone.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.document import Document, Metadata, Quote, document_id
from storyline.stages.registry import REGISTRY, run_stages

DEFAULT_ROOT = Path(__file__).resolve().parents[3].parent / "shared" / "datasets" / "polnear"

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: Fragments
    source: Fragments | None


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    text: str
    gold: tuple[GoldAttribution, ...]


def _fragments(spec: str) -> Fragments:
    out: list[tuple[int, int]] = []
    for part in spec.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def read_ann(content: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one brat ``.ann`` file: Content spans with their Source."""
    spans: dict[str, tuple[str, Fragments]] = {}
    relations: list[dict[str, str]] = []
    for line in content.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, where = parts[1].partition(" ")
            spans[parts[0]] = (label, _fragments(where))
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg)
            relations.append(roles)
    gold: list[GoldAttribution] = []
    used: set[str] = set()
    for roles in relations:
        cid = roles.get("Content")
        if cid is None or cid not in spans or cid in used:
            continue
        used.add(cid)
        sid = roles.get("Source")
        source = spans[sid][1] if sid is not None and sid in spans else None
        gold.append(GoldAttribution(spans[cid][1], source))
    for tid, (label, frags) in sorted(spans.items()):
        if label == "Content" and tid not in used:
            gold.append(GoldAttribution(frags, None))
    return tuple(gold)


def read_split(root: Path, split: str, limit: int | None = None) -> list[Article]:
    """The articles of a split, one annotator's file each, in name order."""
    texts = sorted((root / split / "text").glob("*.txt"))
    anns = sorted((root / split / "attributions").glob("*.ann"))
    by_article: dict[str, Path] = {}
    for ann in anns:
        by_article.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    articles: list[Article] = []
    for path in texts:
        ann_path = by_article.get(path.stem)
        if ann_path is None:
            continue
        text = path.read_text(encoding="utf-8")
        articles.append(Article(path.stem, text, read_ann(ann_path.read_text(encoding="utf-8"))))
        if limit is not None and len(articles) >= limit:
            break
    return articles


def _chars(frags: Fragments) -> set[int]:
    return {i for a, b in frags for i in range(a, b)}


def _overlap_match(ours: set[int], gold: set[int]) -> int:
    shared = len(ours & gold)
    shorter = min(len(ours), len(gold))
    return shared if shorter and shared * 2 >= shorter else 0


def _speaker_offsets(text: str, q: Quote, inside: Fragments = ()) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    inside = inside or ((q.start, q.end),)
    if q.speaker_start is not None and q.speaker_end is not None:
        found.append((q.speaker_start, q.speaker_end))
    if q.speaker_text:
        lo, hi = max(0, q.start - 400), min(len(text), q.end + 400)
        best: tuple[int, int] | None = None
        # as a whole word: "he" is not the end of "the"
        for m in re.finditer(rf"(?<!\w){re.escape(q.speaker_text)}(?!\w)", text[lo:hi]):
            pos = lo + m.start()
            if any(a <= pos < b for a, b in inside):
                continue  # the speaker is not among the quoted words
            dist = q.start - pos if pos < q.start else max(0, pos - q.end)
            if best is None or dist < best[0]:
                best = (dist, pos)
        if best is not None:
            found.append((best[1], best[1] + len(q.speaker_text)))
    return found


_OPENING = frozenset('“"‘„«')
_CLOSING = frozenset('”"’»')
_MARKS = _OPENING | _CLOSING
_TRAILING = " \t\n\xa0.,;:!?"


def is_direct_content(text: str, content: Fragments) -> bool:
    """Whether a gold Content is a direct quotation: it opens and closes with quote marks
    (final punctuation aside), or sits right between marks."""
    a, b = content[0][0], content[-1][1]
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1] in _TRAILING:
        b -= 1
    if b - a < 2:
        return False
    opens = text[a] in _OPENING or (a > 0 and text[a - 1] in _OPENING)
    closes = text[b - 1] in _CLOSING
    if not closes:
        after = text[b : b + 3].lstrip(".,;:!?")
        closes = bool(after) and after[0] in _CLOSING
    return opens and closes


def _content_chars(text: str, spans: Fragments) -> set[int]:
    return {i for a, b in spans for i in range(a, b) if not text[i].isspace()} - {
        i for a, b in spans for i in range(a, b) if text[i] in _MARKS
    }


def direct_units(text: str, quotes: Sequence[Quote]) -> list[tuple[Fragments, Quote]]:
    """Our direct quotes as PolNeAR units: consecutive quotes of one speaker with only a short
    attribution between them inside a paragraph are one unit of several fragments."""
    units: list[tuple[list[tuple[int, int]], Quote]] = []
    for q in sorted((q for q in quotes if q.direct), key=lambda q: q.start):
        if units:
            frags, first = units[-1]
            gap = text[frags[-1][1] : q.start]
            if (
                (q.speaker_text, q.speaker_start) == (first.speaker_text, first.speaker_start)
                and q.speaker_text is not None
                and "\n" not in gap
                and len(gap) <= 200
                and sum(c in _MARKS for c in gap) <= 2
            ):
                frags.append((q.start, q.end))
                continue
        units.append(([(q.start, q.end)], q))
    return [(tuple(f), q) for f, q in units]


@dataclass(slots=True)
class DirectScores:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    with_source: int = 0
    speaker_right: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.with_source if self.with_source else 0.0


@dataclass(slots=True)
class Scores:
    documents: int = 0
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    direct: int = 0
    direct_matched: int = 0
    with_source: int = 0
    speaker_right: int = 0
    seconds: float = 0.0
    direct_quotes: DirectScores = field(default_factory=DirectScores)
    misses: list[str] = field(default_factory=list)

    def prf(self) -> tuple[float, float, float]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.with_source if self.with_source else 0.0

    def table(self) -> str:
        p, r, f = self.prf()
        dp = self.direct_matched / self.direct if self.direct else 0.0
        d = self.direct_quotes
        dp_, dr_, df_ = d.prf()
        return "\n".join(
            [
                f"PolNeAR quotes: {self.documents} articles, {self.seconds:.1f} s",
                f"  direct    P {dp_:.3f}  R {dr_:.3f}  F1 {df_:.3f}  "
                f"(matched {d.matched}; ours {d.predicted}, gold {d.gold})",
                f"  direct speaker accuracy {d.speaker_accuracy:.3f} "
                f"({d.speaker_right}/{d.with_source} matched with a gold source)",
                "  all quotes and reported speech:",
                f"  predicted {self.predicted} ({self.direct} direct), gold contents {self.gold}",
                f"  content   P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (matched {self.matched})",
                f"  direct quotes precision {dp:.3f}",
                f"  speaker accuracy {self.speaker_accuracy:.3f} "
                f"({self.speaker_right}/{self.with_source} matched quotes with a gold source)",
            ]
        )


def _speaker_right(text: str, source: Fragments, q: Quote, inside: Fragments = ()) -> bool:
    src = _chars(source)
    return any(src & set(range(a, b)) for a, b in _speaker_offsets(text, q, inside))


def _describe(text: str, frags: Fragments) -> str:
    a, b = frags[0][0], frags[-1][1]
    body = text[a:b].replace("\n", " / ")
    return body if len(body) <= 160 else body[:100] + " … " + body[-50:]


def one_to_one(pairs: Sequence[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Match (overlap, ours, gold) candidates one to one, largest overlap first."""
    used_q: set[int] = set()
    used_g: set[int] = set()
    matches: list[tuple[int, int]] = []
    for _, qi, gi in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if qi not in used_q and gi not in used_g:
            used_q.add(qi)
            used_g.add(gi)
            matches.append((qi, gi))
    return matches


def score_direct(
    scores: DirectScores, article: Article, quotes: Sequence[Quote], misses: list[str] | None
) -> None:
    """Direct-quote precision, recall and speaker accuracy (see the module docstring)."""
    text = article.text
    gold = [g for g in article.gold if is_direct_content(text, g.content)]
    ours = direct_units(text, quotes)
    scores.gold += len(gold)
    scores.predicted += len(ours)
    gold_chars = [_content_chars(text, g.content) for g in gold]
    our_chars = [_content_chars(text, f) for f, _ in ours]
    pairs: list[tuple[int, int, int]] = []
    for qi, oc in enumerate(our_chars):
        for gi, gc in enumerate(gold_chars):
            shared = len(oc & gc)
            if shared and shared * 2 >= len(gc) and shared * 2 >= len(oc):
                pairs.append((shared, qi, gi))
    matches = one_to_one(pairs)
    used_q = {qi for qi, _ in matches}
    used_g = {gi for _, gi in matches}
    for qi, gi in matches:
        scores.matched += 1
        source = gold[gi].source
        if source is None:
            continue
        scores.with_source += 1
        q = ours[qi][1]
        if _speaker_right(text, source, q, ours[qi][0]):
            scores.speaker_right += 1
        elif misses is not None:
            said = text[source[0][0] : source[-1][1]]
            misses.append(
                f"SPEAKER {article.name}: gold {said!r}, ours {q.speaker_text!r} "
                f"(cue {q.cue!r}): {_describe(text, ours[qi][0])}"
            )
    if misses is None:
        return
    for gi, g in enumerate(gold):
        if gi not in used_g:
            misses.append(f"MISSED {article.name}: {_describe(text, g.content)}")
    for qi, (frags, q) in enumerate(ours):
        if qi not in used_q:
            misses.append(f"EXTRA {article.name} ({q.speaker_text!r}): {_describe(text, frags)}")


def score_article(
    scores: Scores, article: Article, quotes: Sequence[Quote], *, misses: bool = False
) -> None:
    score_direct(scores.direct_quotes, article, quotes, scores.misses if misses else None)
    scores.documents += 1
    scores.predicted += len(quotes)
    scores.direct += sum(q.direct for q in quotes)
    scores.gold += len(article.gold)
    gold_chars = [_chars(g.content) for g in article.gold]
    pairs: list[tuple[int, int, int]] = []
    for qi, q in enumerate(quotes):
        ours = set(range(q.start, q.end))
        for gi, gc in enumerate(gold_chars):
            shared = _overlap_match(ours, gc)
            if shared:
                pairs.append((shared, qi, gi))
    for qi, gi in one_to_one(pairs):
        scores.matched += 1
        scores.direct_matched += quotes[qi].direct
        source = article.gold[gi].source
        if source is None:
            continue
        scores.with_source += 1
        if _speaker_right(article.text, source, quotes[qi]):
            scores.speaker_right += 1


def iter_quotes(articles: Sequence[Article], nlp: Any) -> Iterator[tuple[Article, list[Quote]]]:
    import storyline.stages
    import storyline.stages.quotes  # noqa: F401  (registers the stages)

    chain = [REGISTRY["sentences"], REGISTRY["entities"], REGISTRY["quotes"]]
    for article, parse in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        document = Document(document_id(article.text), article.name, article.text, Metadata())
        layer = run_stages(chain, document, parse)["quotes"]
        yield article, [q for q in layer if isinstance(q, Quote)]


def evaluate(
    root: Path = DEFAULT_ROOT,
    split: str = "dev",
    limit: int | None = None,
    *,
    nlp: Any = None,
    misses: bool = False,
) -> Scores:
    """Score the quotes stage on a PolNeAR split (see the module docstring)."""
    from storyline.nlp import load_pipeline

    started = time.perf_counter()
    nlp = nlp if nlp is not None else load_pipeline()
    scores = Scores()
    for article, quotes in iter_quotes(read_split(root, split, limit), nlp):
        score_article(scores, article, quotes, misses=misses)
    scores.seconds = time.perf_counter() - started
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m storyline.evaluation.polnear",
        description="Score storyline's quotes and speakers on PolNeAR attributions.",
    )
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="the polnear folder")
    parser.add_argument(
        "--misses", action="store_true", help="also list direct-quote errors, one a line"
    )
    args = parser.parse_args(argv)
    if not (args.root / args.split / "text").is_dir():
        print(
            f"error: no PolNeAR {args.split} split under {args.root}; "
            "it lives in ../shared/datasets/polnear",
            file=sys.stderr,
        )
        return 2
    scores = evaluate(args.root, args.split, args.limit, misses=args.misses)
    for line in scores.misses:
        print(line)
    print(scores.table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
