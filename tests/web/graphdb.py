"""Story databases with a chosen number of actors for the graph tests and screenshots,
written through the store API (no language model: fast enough for every CI run).

The actors are invented: names made of syllables. They fall in clusters (the threads of
a story), each with a few much-named members; two actors are named with every cluster
(the kind of hub that used to pull the whole drawing into one knot), a few clusters touch
each other, a small group stands apart and a few actors are only ever named alone::

    python -m tests.web.graphdb 300 /tmp/graph300.db
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from pathlib import Path

from storyline.document import (
    Analysis,
    Document,
    Entity,
    EntityType,
    Mention,
    Metadata,
    Sentence,
    document_id,
    mention_id,
)
from storyline.store import StoreWriter

SYLLABLES = (
    "ka", "ri", "no", "ve", "ta", "lo", "mi", "sa", "de", "ru", "po", "li", "an", "be",
    "ko", "ma", "zu", "el", "fi", "ga", "ho", "ne", "vi", "ra", "to", "su", "ba",
)  # fmt: skip
ENDINGS = ("n", "r", "s", "l", "", "", "th", "k")
KINDS: tuple[tuple[EntityType, float], ...] = (
    ("PERSON", 0.62),
    ("ORG", 0.2),
    ("GPE", 0.13),
    ("NORP", 0.05),
)
ORG_WORDS = ("Council", "Union", "Bank", "Ministry", "Party", "Agency", "Front", "Institute")


@dataclass
class Actor:
    name: str
    type: EntityType


def _word(rng: random.Random, syllables: int) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(syllables)) + rng.choice(ENDINGS)
    return word.capitalize()


def invent_actors(n: int, rng: random.Random) -> list[Actor]:
    """``n`` actors with distinct invented names of mixed types."""
    seen: set[str] = set()
    out: list[Actor] = []
    while len(out) < n:
        kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
        if kind == "PERSON":
            name = f"{_word(rng, 2)} {_word(rng, rng.choice((2, 3)))}"
        elif kind == "ORG":
            name = f"{_word(rng, 2)} {rng.choice(ORG_WORDS)}"
        elif kind == "GPE":
            name = _word(rng, rng.choice((2, 3)))
        else:
            name = _word(rng, 2) + "ians"
        if name not in seen:
            seen.add(name)
            out.append(Actor(name, kind))
    return out


def cluster_sizes(n: int) -> tuple[list[int], int, int]:
    """Sizes of the clusters, of the group apart and the number of lone actors."""
    lone = max(2, n // 30)
    apart = max(3, n // 25)
    rest = n - 2 - lone - apart  # two hubs
    count = max(3, round(n / 38))
    weights = [1.0 / (1 + 0.35 * i) for i in range(count)]
    sizes = [max(4, int(rest * w / sum(weights))) for w in weights]
    sizes[0] += rest - sum(sizes)
    return sizes, apart, lone


def story_sentences(n: int, seed: int = 7) -> tuple[list[Actor], list[list[list[int]]]]:
    """Actors and documents; a document is a list of sentences, each the actors it names."""
    rng = random.Random(seed)
    actors = invent_actors(n, rng)
    sizes, apart, _ = cluster_sizes(n)
    hubs = [0, 1]
    clusters: list[list[int]] = []
    at = 2
    for size in [*sizes, apart]:
        clusters.append(list(range(at, at + size)))
        at += size
    loners = list(range(at, n))
    touching = {i: (i + 1) % len(sizes) for i in range(0, len(sizes), 2)}
    documents: list[list[list[int]]] = []
    for c, members in enumerate(clusters):
        zipf = [1.0 / (1 + r) ** 0.9 for r in range(len(members))]
        isolated = c == len(clusters) - 1
        for _ in range(max(2, len(members) // 2)):
            doc: list[list[int]] = []
            for _ in range(8):
                named = set(rng.choices(members, zipf, k=rng.choice((2, 2, 3))))
                if not isolated and rng.random() < 0.25:
                    named.add(rng.choice(hubs))
                if not isolated and c in touching and rng.random() < 0.12:
                    other = clusters[touching[c]]
                    named.add(rng.choice(other[:4]))
                doc.append(sorted(named))
            documents.append(doc)
        for m in members:  # everyone named with someone of their cluster at least once
            documents.append([sorted({m, members[0] if m != members[0] else members[1]})])
    for i, loner in enumerate(loners):
        documents.append([[loner]] * (2 + i % 3))
    return actors, documents


def build_graph_db(n: int, path: Path, seed: int = 7) -> Path:
    """Write a story of ``n`` invented actors to ``path`` (a new database)."""
    actors, documents = story_sentences(n, seed)
    mentions: dict[int, list[str]] = {i: [] for i in range(len(actors))}
    with StoreWriter(path) as writer:
        with writer.batched(documents=200):
            for d, sentences in enumerate(documents):
                text, spans, names = "", [], []
                for named in sentences:
                    start = len(text)
                    for i in named:
                        at = len(text)
                        text += actors[i].name
                        names.append((i, at, len(text)))
                        text += " and " if i != named[-1] else ""
                    text += " met again." if len(named) > 1 else " spoke."
                    spans.append(Sentence(start, len(text)))
                    text += " "
                doc = Document(document_id(f"{d}\n{text}"), f"graph-{d}.txt", text, Metadata())
                layer = tuple(
                    Mention(a, b, actors[i].name, actors[i].type, actors[i].name)
                    for i, a, b in names
                )
                for i, a, b in names:
                    mentions[i].append(mention_id(doc.id, a, b))
                writer.write_analysis(
                    Analysis(doc, {"sentences": tuple(spans), "mentions": layer}, "graph-test")
                )
        writer.replace_entities(
            [
                Entity(f"e_{i:04d}", a.name, a.type, None, (a.name,), tuple(mentions[i]))
                for i, a in enumerate(actors)
            ]
        )
    return path


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    build_graph_db(int(sys.argv[1]), Path(sys.argv[2]))
