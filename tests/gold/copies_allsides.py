"""Copy detection on real news, for judging by eye (not a test; the judgments are in
``copies_allsides.json``): ``python -m tests.gold.copies_allsides /tmp/allsides.jsonl``.

Cleans every article as ``storyline analyze`` does, fingerprints and groups them with
:mod:`storyline.resolve.copies`, and prints the copy groups, the wire credits found, and a
seeded sample of 20 near pairs (estimated resemblance of at least 0.1, on whole texts or
openings) with their outlets, titles and first words side by side.
"""

from __future__ import annotations

import random
import sys
from collections import Counter

import numpy as np

from storyline.document import Document, Skipped
from storyline.ingest import iter_inputs, prepare
from storyline.resolve.copies import (
    Candidate,
    fingerprint,
    group_reports,
    is_copy,
    lead_resemblance,
    overlap,
)

SEED = 20261203


def main(path: str) -> None:
    docs: dict[str, Document] = {}
    for raw in iter_inputs([path]):
        if isinstance(raw, Skipped):
            continue
        doc = prepare(raw)
        if isinstance(doc, Document) and doc.meta.language in ("en", None):
            docs.setdefault(doc.id, doc)
    prints = {i: fingerprint(d.text, d.meta.outlet, d.meta.authors) for i, d in docs.items()}
    reports, _ = group_reports(
        Candidate(i, d.meta.published, d.meta.outlet, prints[i]) for i, d in docs.items()
    )
    groups = [r for r in reports if r.copies > 1]
    print(
        f"{len(docs)} documents, {len(reports)} reports, {len(groups)} copy groups "
        f"holding {sum(r.copies for r in groups)} documents"
    )
    for r in groups:
        print(" ", r.origin, r.origin_evidence, [docs[d].source for d in r.documents])
    print("credits:", Counter(f.credit for f in prints.values()).most_common())
    ids = sorted(docs)
    signatures = np.stack([np.frombuffer(prints[i].signature, "<u4") for i in ids])
    near = []
    for a in range(len(ids)):
        alike = (signatures[a + 1 :] == signatures[a]).mean(axis=1)
        near += [(ids[a], ids[a + 1 + int(k)]) for k in np.nonzero(alike >= 0.1)[0]]
    print(f"{len(near)} near pairs; a sample of 20:")
    for a, b in sorted(random.Random(SEED).sample(near, min(20, len(near)))):
        j, contained, _ = overlap(prints[a], prints[b])
        lead = lead_resemblance(prints[a], prints[b])
        print(
            f"{docs[a].source} / {docs[b].source}: resemblance {j:.2f}, contained {contained:.2f}"
            f", openings {lead:.2f}, copy {is_copy(prints[a], prints[b])}"
        )
        for d in (docs[a], docs[b]):
            print(f"    [{d.meta.outlet}, {d.meta.published}] {d.meta.title}: {d.text[:100]!r}")


if __name__ == "__main__":
    main(sys.argv[1])
