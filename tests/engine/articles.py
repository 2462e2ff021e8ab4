"""Small articles written for the engine tests (fictional outlets and officials).

Two outlets report the same meeting, the same quota figure and the same stance, so the
cross-document views (entities, events, figure groups, positions) have something to join.
"""

from __future__ import annotations

import json
from pathlib import Path

FJORD_POST = """Norway and Iceland agree joint cod quota for 2025

By Ingrid Solberg
Published March 4, 2025

OSLO, March 4, 2025 — Norwegian Fisheries Minister Kari Holm met Icelandic Foreign \
Minister Jon Einarsson in Oslo on Tuesday and the two governments signed a fisheries pact.

The pact sets the joint cod quota at 450,000 tonnes for 2025, officials said after the \
meeting.

Holm said Norway supports the quota agreement and will back further talks with the \
European Union on mackerel.

"This is a fair deal for coastal communities in both countries," Holm told reporters.
"""

NORTH_WIRE = """Cod pact signed in Oslo as ministers meet

Published March 5, 2025

REYKJAVIK, March 5, 2025 — Icelandic Foreign Minister Jon Einarsson and Norwegian \
Fisheries Minister Kari Holm signed a fisheries pact in Oslo on Tuesday.

Under the pact the joint cod quota is 450,000 tonnes for 2025, according to a statement \
from the Icelandic government.

Einarsson said Iceland supports the quota agreement. Fishing crews in the north of the \
country have long asked for a stable quota.
"""

HARBOUR_LEDGER = """Rotterdam port handles record container volumes

Published January 9, 2025

ROTTERDAM, January 9, 2025 — The Port of Rotterdam said on Thursday that it handled \
15 million containers last year, more than in any year before.

The port authority said larger ships and longer opening hours at its terminals allowed it \
to clear vessels faster than its rivals in Antwerp and Hamburg.

Analysts cautioned that freight rates remain volatile and that the record may not be \
repeated if demand in Europe weakens.
"""

GERMAN = """Die Bundesregierung plant neue Investitionen in die Bahn

Die Regierung in Berlin will in den kommenden Jahren deutlich mehr Geld in das Schienennetz \
investieren, teilte das Verkehrsministerium am Mittwoch mit.

Nach Angaben des Ministeriums sollen vor allem marode Brücken und Stellwerke erneuert \
werden, damit Züge wieder pünktlicher fahren.
"""


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def corpus(folder: Path) -> Path:
    """A folder with every kind of input a run meets: articles, a duplicate, a German
    article, an empty file and a JSONL file with a bad line."""
    write(folder / "fjord-post.txt", FJORD_POST)
    write(folder / "north-wire.txt", NORTH_WIRE)
    write(folder / "harbour.txt", HARBOUR_LEDGER)
    write(folder / "copies" / "fjord-post-copy.txt", FJORD_POST)
    write(folder / "bahn.txt", GERMAN)
    write(folder / "empty.txt", "")
    line = json.dumps({"text": HARBOUR_LEDGER.replace("Rotterdam", "Antwerp", 1), "outlet": "X"})
    write(folder / "wire.jsonl", line + "\n{not json\n")
    return folder
