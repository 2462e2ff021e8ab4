"""Undated articles dated from other articles about the same event, end to end: three
articles written for this test (one dated, two without a date) through `analyze`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.engines import local
from storyline.export.json_export import build_export
from storyline.store import StoreReader

pytestmark = pytest.mark.slow

DATED = {
    "outlet": "Rhine Courier",
    "published": "2021-03-05",
    "title": "Macron and Scholz agree to build a tank together",
    "text": (
        "Macron and Scholz agree to build a tank together\n\n"
        "President Emmanuel Macron met Chancellor Olaf Scholz in Berlin on March 3, 2021, "
        "and the two leaders agreed to build a new battle tank together.\n\n"
        "The two men also discussed gas prices and the rules for electric cars."
    ),
}
WEEKDAY = {
    "outlet": "Seine Evening",
    "title": "France and Germany move closer",
    "text": (
        "France and Germany move closer\n\n"
        "France and Germany drew closer after a summit on Wednesday ended with a joint plan "
        "for a new tank.\n\n"
        "In a long statement after Emmanuel Macron met Olaf Scholz in Berlin, the two "
        "countries said trade between France and Germany rose to 170 billion euros last year."
    ),
}
PLAIN = {
    "outlet": "Alpine Weekly",
    "title": "What the tank deal means",
    "text": (
        "What the tank deal means\n\n"
        "Emmanuel Macron and Olaf Scholz recently held talks in Berlin, and many expect more "
        "joint projects.\n\n"
        "Trade between France and Germany is around 170 billion euros a year now."
    ),
}


def test_undated_articles_take_the_date_of_the_event_they_report(tmp_path: Path) -> None:
    corpus = tmp_path / "wire.jsonl"
    corpus.write_text("\n".join(json.dumps(a) for a in (DATED, WEEKDAY, PLAIN)) + "\n")
    db = tmp_path / "story.db"
    report = local.analyze([str(corpus)], db)
    assert len(report.analysed) == 3
    with StoreReader(db) as reader:
        story = build_export(reader)
    docs = {d["outlet"]: d for d in story["documents"]}
    weekday, plain = docs["Seine Evening"], docs["Alpine Weekly"]
    assert weekday["published"] is None and plain["published"] is None
    assert weekday["published_inferred"] == "2021-03-03"  # Wednesday, 3 March 2021
    assert "Wednesday" in weekday["published_inferred_from"]
    assert plain["published_inferred"] == "2021-03"
    assert docs["Rhine Courier"]["published_inferred"] is None

    times = {(t["doc"], t["text"]): t["value"] for t in story["times"]}
    assert times[(weekday["id"], "Wednesday")] == "2021-03-03"
    assert times[(weekday["id"], "last year")] == "2020"

    meetings = [e for e in story["events"] if e["date"] == "2021-03-03" and e["type"] == "CONSULT"]
    assert len(meetings) == 1
    sources = {m["doc"] for m in meetings[0]["mentions"]}
    assert sources == {docs[o]["id"] for o in docs}

    trade = [g for g in story["figure_groups"] if g["label"].startswith("France-Germany")]
    assert trade and trade[0]["agree"] is True  # both outlets: 170 billion euros in 2020


def test_a_second_run_changes_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "wire.jsonl"
    corpus.write_text("\n".join(json.dumps(a) for a in (DATED, WEEKDAY)) + "\n")
    db = tmp_path / "story.db"
    local.analyze([str(corpus)], db)
    with StoreReader(db) as reader:
        first = build_export(reader)
    again = local.analyze([str(corpus)], db)
    assert len(again.unchanged) == 2
    with StoreReader(db) as reader:
        assert build_export(reader) == first
