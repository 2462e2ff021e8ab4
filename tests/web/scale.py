"""How the pages hold up on a big database (a measurement, not a test).

    python -m tests.web.scale articles 3000 /tmp/big.jsonl   # synthetic articles
    storyline analyze /tmp/big.jsonl --db /tmp/big.db --quiet
    python -m tests.web.scale pages /tmp/big.db               # time every page

The articles are made from templates written for this purpose: invented people of
invented outlets quoting and disagreeing on figures, so every kind of fact is present.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any

PEOPLE = [
    "Ana Lindqvist", "Tomas Ibarra", "Erik Dahl", "Mei Okafor", "Jonas Varga", "Lena Moreau",
    "Pavel Hruby", "Sofia Castell", "Omar Haddad", "Ines Duarte", "Kofi Mensah", "Rita Sato",
]  # fmt: skip
COUNTRIES = ["Norway", "Chile", "Peru", "Ghana", "Japan", "Portugal", "Kenya", "Canada"]
OUTLETS = ["Harbour Post", "Fjord Daily", "Coast Ledger", "Northern Wire", "Delta Times"]
TOPICS = ["fisheries", "shipping", "energy", "copper", "tourism", "grain"]


def article(i: int, rng: random.Random) -> dict[str, str]:
    a, b = rng.sample(COUNTRIES, 2)
    p, q = rng.sample(PEOPLE, 2)
    topic = rng.choice(TOPICS)
    year = rng.randint(2015, 2024)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    value = rng.randint(2, 40)
    text = (
        f"{a} and {b} agree on {topic} deal in round {i}\n\n"
        f"Published: {day} {_month(month)} {year}\n\n"
        f"{a} and {b} signed a {topic} agreement on Monday, the two governments said.\n\n"
        f"Trade between {a} and {b} reached ${value} billion in {year - 1}, officials said.\n\n"
        f'"This agreement protects our workers," {a} minister {p} said at the signing.\n\n'
        f"{q} said the pact would double {topic} exports within five years.\n\n"
        f"{p} said {a} supports a ban on {topic} subsidies.\n\n"
        f'"We will not accept rules that ignore science," {q} said.\n'
    )
    return {"text": text, "outlet": rng.choice(OUTLETS), "source": f"synthetic-{i}"}


def _month(m: int) -> str:
    return [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ][m - 1]  # fmt: skip


def write_articles(n: int, out: Path) -> None:
    rng = random.Random(7)
    with out.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(article(i, rng)) + "\n")


def time_pages(db: Path, repeat: int = 5) -> None:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from starlette.testclient import TestClient

    from storyline.web.app import create_app

    with TestClient(create_app(db)) as client:  # runs the app's startup and shutdown
        _time_pages(client, db, repeat)


def _time_pages(client: Any, db: Path, repeat: int) -> None:
    from storyline.store import StoreReader

    with StoreReader(db) as reader:
        counts = reader.counts()
        q = reader.queries
        doc = q.document_page(limit=1)[0][0]["id"]
        entity = q.entity_page(limit=1)[0][0]["id"]
        quote = q.quote_page(limit=1)[0][0]["id"]
    shown = ("documents", "entities", "quotes", "figures", "events")
    print(", ".join(f"{counts[k]} {k}" for k in shown))
    paths = [
        "/", "/documents", "/documents?page=20", f"/documents/{doc}", "/entities",
        f"/entities/{entity}", "/quotes", f"/quotes?speaker={entity}", "/positions",
        "/figures", "/timeline", "/graph", "/search?q=trade+billion", f"/facts/{quote}",
        "/api/quotes?page=10",
    ]  # fmt: skip
    for path in paths:
        times = []
        for _ in range(repeat):
            began = time.perf_counter()
            status = client.get(path).status_code
            times.append(time.perf_counter() - began)
        first, median = times[0] * 1000, statistics.median(times) * 1000
        print(f"{first:8.0f} ms first {median:8.0f} ms median  {status}  {path}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "articles":
        write_articles(int(sys.argv[2]), Path(sys.argv[3]))
    elif len(sys.argv) == 3 and sys.argv[1] == "pages":
        time_pages(Path(sys.argv[2]))
    else:
        sys.exit(__doc__)
