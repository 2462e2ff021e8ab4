"""A small story database for the web, report and export tests, built by the real pipeline
from three articles written for these tests (``tests/web/articles``): two outlets give
different numbers for the same trade figure, two ministers are quoted in both, and the
third article is hostile (``<script>``, ``javascript:`` links, ``onerror=`` attributes in
its text, title, outlet and URL) so every view can be checked for escaping."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.engines.local import analyze

ARTICLES = Path(__file__).parent / "articles"

METADATA = {
    "01-harbour-post.txt": {"outlet": "Harbour Post", "url": "https://harbour.example/pact"},
    "02-fjord-daily.txt": {"outlet": "Fjord Daily", "url": "https://fjord.example/deal"},
    "03-hostile.txt": {
        "outlet": '<img src=x onerror="window.__pwned = 6">Harbour Post',
        "url": "javascript:window.__pwned=7",
    },
}

HOSTILE_MARKERS = ("<script>", "onerror=", "javascript:", "onmouseover=", "onload=")


def build_story_db(folder: Path) -> Path:
    """Analyse the test articles (as JSON lines with outlet and URL) into ``folder/story.db``."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for name, meta in METADATA.items():
        text = (ARTICLES / name).read_text(encoding="utf-8")
        lines.append(json.dumps({"text": text, "source": name, **meta}, ensure_ascii=False))
    inputs = folder / "articles.jsonl"
    inputs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = folder / "story.db"
    report = analyze([str(inputs)], db)
    assert report.stored_anything
    return db


def build_empty_db(folder: Path) -> Path:
    """A database with the schema and no documents at all."""
    from storyline.store import StoreWriter

    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "empty.db"
    with StoreWriter(db):
        pass
    return db
